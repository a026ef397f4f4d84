/**
 * Seats and the waiting list. A cohort never holds more approved enrolments than its capacity: every
 * change of a seat runs under the cohort's row lock (queries.lockCohort), and a freed seat goes to the
 * first on the waiting list (by waitlistedAt) in the same transaction.
 */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import type { AfterCommit } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { notify, type NotificationInput } from '../notifications/service.js';
import { countApproved, findCohort, findEnrolment, listWaitlisted, lockCohort, updateEnrolment, type EnrolmentRow } from './queries.js';

/** Tells the trainee and whoever nominated them (not the person who made the change). */
export async function tellTraineeSide(ctx: AppContext, tx: Db, after: AfterCommit, enrolment: EnrolmentRow, actorUserId: string | null, input: NotificationInput) {
  const recipients = [enrolment.userId, enrolment.nominatedBy].filter((id): id is string => id !== null && id !== actorUserId);
  await notify(ctx, tx, after, recipients, input);
}

/** Gives free seats to the waiting list in order. Returns the promoted enrolments' ids. */
export async function fillFreeSeats(ctx: AppContext, tx: Db, after: AfterCommit, actor: Actor, cohortId: string): Promise<string[]> {
  const locked = await lockCohort(tx, cohortId);
  if (!locked || locked.status === 'completed' || locked.status === 'cancelled') return [];
  const free = locked.capacity - (await countApproved(tx, cohortId));
  if (free <= 0) return [];
  const promoted = (await listWaitlisted(tx, cohortId)).slice(0, free).map((row) => row.id);
  if (!promoted.length) return [];
  const cohort = (await findCohort(tx, cohortId))!;
  const now = new Date();
  for (const id of promoted) {
    const before = (await findEnrolment(tx, id))!;
    await updateEnrolment(tx, id, { status: 'approved', waitlistedAt: null, decidedBy: actor.userId, decidedAt: now });
    await writeAudit(tx, actor, { action: 'enrolment.promoted', entityType: 'enrolment', entityId: id, before, after: await findEnrolment(tx, id) });
    await tellTraineeSide(ctx, tx, after, before, null, {
      kind: 'training.enrolment_promoted',
      title: `A seat for ${before.traineeName}: ${cohort.courseTitle}`,
      body: `A seat freed in "${cohort.title}" of ${cohort.courseTitle} (${cohort.startsOn} to ${cohort.endsOn}), and ${before.traineeName} was first on the waiting list: the enrolment is now approved.`,
      link: `/app/training/enrolments/${id}`,
    });
  }
  return promoted;
}
