/**
 * Nominations, the trainers' decisions, withdrawals, attendance and the feedback survey. Every change
 * of a seat takes the cohort's row lock first (see seats.ts).
 */
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { CohortEligibility, EnrolmentStatus } from '../../db/schema/training.js';
import { canManageCourse, canNominate, canViewEnrolment, isCohortTrainer, requireSignedIn, type Actor, type Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, invalidInput, notFound, type FieldProblem } from '../../server/errors.js';
import { inTransaction } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { notify } from '../notifications/service.js';
import { certificateForEnrolment, completeIfEligible } from './certificates.js';
import {
  activeEnrolmentStatuses,
  countApproved,
  enrolmentStatusOf,
  findCohort,
  findEnrolment,
  findEnrolmentOf,
  findFeedback,
  findPerson,
  insertEnrolment,
  insertFeedback,
  listApprovedIds,
  listAttempts,
  listAttendance,
  listAttendanceOfEnrolment,
  listEnrolmentsOfCohort,
  listEnrolmentsOfUser,
  listFeedbackOfCohort,
  listMemberIds,
  listNomineeCandidates,
  listQuizQuestions,
  listSessions,
  listWaitlisted,
  lockCohort,
  lockEnrolment,
  updateEnrolment,
  upsertAttendance,
  type CohortRow,
  type EnrolmentRow,
  type PersonRow,
} from './queries.js';
import { feedbackMinimumResponses, type attendanceBodySchema, type decisionBodySchema, type feedbackBodySchema, type nominationBodySchema, type withdrawalBodySchema } from './schemas.js';
import { fillFreeSeats, tellTraineeSide } from './seats.js';
import { inWords, loadVisibleCohort, presentCohort, presentSession, statusInWords } from './service.js';
import { todayIn } from '../../server/zoned-time.js';

/** Quiz attempts a trainee may submit before passing. */
export const maxQuizAttempts = 3;

const nominatorKinds = ['city_government', 'national_agency'];

/** Who a cohort accepts: sub-national (city) officials only, or national agencies' officials too. */
function isEligible(eligibility: CohortEligibility, person: { organisationKind: string }) {
  return eligibility === 'subnational_officials' ? person.organisationKind === 'city_government' : nominatorKinds.includes(person.organisationKind);
}

/**
 * The self-described gender is for the disaggregated counts of reports: of one person, only the
 * trainee and the nominating side (who entered it) see it; trainers see the totals.
 */
const seesGender = (viewer: Viewer, row: EnrolmentRow) => viewer !== null && (viewer.userId === row.userId || canNominate(viewer, row));

export function presentEnrolmentSummary(row: EnrolmentRow, viewer: Viewer) {
  return {
    id: row.id,
    cohortId: row.cohortId,
    userId: row.userId,
    traineeName: row.traineeName,
    organisationName: row.organisationName,
    cityName: row.cityName,
    countryCode: row.countryCode,
    nominatedByName: row.nominatedByName,
    nominationNote: row.nominationNote,
    gender: seesGender(viewer, row) ? row.gender : null,
    status: row.status,
    waitlistPosition: row.waitlistPosition,
    decisionReason: row.decisionReason,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    sessionsAttended: row.sessionsAttended,
    quizPassed: row.quizPassed,
    completedAt: row.completedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

async function presentCertificate(db: Db, enrolmentId: string) {
  const certificate = await certificateForEnrolment(db, enrolmentId);
  return certificate
    ? { id: certificate.id, verificationCode: certificate.verificationCode, issuedAt: certificate.issuedAt.toISOString(), revokedAt: certificate.revokedAt?.toISOString() ?? null }
    : null;
}

/** An enrolment the viewer may not see answers as not found. */
async function loadVisibleEnrolment(db: Db, viewer: Viewer, enrolmentId: string) {
  const enrolment = await findEnrolment(db, enrolmentId);
  if (!enrolment) throw notFound('The enrolment');
  const cohort = (await findCohort(db, enrolment.cohortId))!;
  if (!canViewEnrolment(viewer, enrolment, cohort)) throw notFound('The enrolment');
  return { enrolment, cohort, actor: requireSignedIn(viewer) };
}

const cohortName = (cohort: CohortRow) => `"${cohort.title}" of ${cohort.courseTitle}`;

/* ---- Nominations ---- */

function assertNominator(actor: Actor) {
  if (!nominatorKinds.includes(actor.organisationKind)) {
    throw forbidden("Officials are nominated by their city's staff or their country's national representatives.");
  }
}

export async function listNominees(db: Db, viewer: Viewer, cohortId: string) {
  const cohort = await loadVisibleCohort(db, viewer, cohortId);
  const actor = requireSignedIn(viewer);
  assertNominator(actor);
  const scope = actor.organisationKind === 'city_government' ? (actor.cityId ? { cityId: actor.cityId } : null) : actor.countryCode ? { countryCode: actor.countryCode } : null;
  if (!scope) return { items: [] };
  const candidates = await listNomineeCandidates(db, cohortId, scope);
  const items = candidates
    .filter((person) => canNominate(actor, person) && isEligible(cohort.eligibility, person))
    .map((person) => ({ userId: person.userId, name: person.name, organisationName: person.organisationName, cityName: person.cityName }));
  return { items };
}

function refuseNominee(actor: Actor, person: PersonRow): never {
  if (actor.organisationKind === 'city_government') throw forbidden(`A city nominates its own officials: ${person.name} is not on your city's staff.`);
  throw forbidden(`National representatives nominate officials of their own country's cities and national agencies: ${person.name} is not one of them.`);
}

export async function nominate(ctx: AppContext, viewer: Viewer, cohortId: string, body: z.infer<typeof nominationBodySchema>) {
  const cohort = await loadVisibleCohort(ctx.db, viewer, cohortId);
  const actor = requireSignedIn(viewer);
  assertNominator(actor);
  if (cohort.courseStatus !== 'published') throw new AppError('conflict', `The course is ${cohort.courseStatus}: only published courses take nominations.`);
  if (!['planned', 'open'].includes(cohort.status)) throw new AppError('conflict', `Nominations are closed: the cohort is ${statusInWords(cohort.status)}.`);
  if (cohort.nominationsCloseOn && todayIn(cohort.timeZone) > cohort.nominationsCloseOn) {
    throw new AppError('conflict', `Nominations for this cohort closed on ${cohort.nominationsCloseOn} (${cohort.timeZone}).`);
  }
  const person = await findPerson(ctx.db, body.userId);
  if (!person || person.status !== 'active') throw invalidInput('The nomination', [{ field: 'body.userId', message: 'is not an active person in Mitra' }]);
  if (!canNominate(actor, person)) refuseNominee(actor, person);
  if (!isEligible(cohort.eligibility, person)) {
    throw invalidInput('The nomination', [
      { field: 'body.userId', message: `${person.name} works for a national agency (${person.organisationName}); this cohort is for sub-national (city) officials only` },
    ]);
  }
  const id = await inTransaction(ctx, async (tx, after) => {
    await lockCohort(tx, cohortId);
    const existing = await findEnrolmentOf(tx, cohortId, person.userId);
    if (existing && activeEnrolmentStatuses.includes(existing.status)) {
      throw new AppError('conflict', `${person.name} is already nominated for this cohort (${statusInWords(existing.status)}${existing.nominatedByName ? `, by ${existing.nominatedByName}` : ''}).`);
    }
    if (existing?.completedAt) throw new AppError('conflict', `${person.name} has already completed this cohort.`);
    const fields = { nominatedBy: actor.userId, nominationNote: body.note, gender: body.gender, status: 'nominated' as const };
    let enrolmentId: string;
    if (existing) {
      // Nominated again after a decline or a withdrawal: the same row starts over, its history is in the audit log.
      enrolmentId = existing.id;
      await updateEnrolment(tx, enrolmentId, { ...fields, waitlistedAt: null, decidedBy: null, decidedAt: null, decisionReason: '' });
    } else {
      enrolmentId = await insertEnrolment(tx, { cohortId, userId: person.userId, ...fields });
    }
    const created = (await findEnrolment(tx, enrolmentId))!;
    await writeAudit(tx, actor, { action: 'enrolment.nominated', entityType: 'enrolment', entityId: enrolmentId, before: existing ?? undefined, after: created });
    await notify(ctx, tx, after, (await listMemberIds(tx, cohort.deliveringOrganisationId)).filter((id) => id !== actor.userId), {
      kind: 'training.nominated',
      title: `New nomination: ${person.name} for ${cohort.courseTitle}`,
      body: `${actor.name} nominated ${person.name} (${person.organisationName}) for ${cohortName(cohort)}. Approve, wait-list or decline the enrolment on the cohort's page.`,
      link: `/app/training/cohorts/${cohortId}`,
    });
    if (person.userId !== actor.userId) {
      await notify(ctx, tx, after, [person.userId], {
        kind: 'training.nominated',
        title: `You were nominated for ${cohort.courseTitle}`,
        body: `${actor.name} nominated you for ${cohortName(cohort)} (${cohort.startsOn} to ${cohort.endsOn}). The trainers of ${cohort.deliveringOrganisationName} will decide on your enrolment.`,
        link: `/app/training/enrolments/${enrolmentId}`,
      });
    }
    return enrolmentId;
  });
  return presentEnrolmentSummary((await findEnrolment(ctx.db, id))!, viewer);
}

/* ---- Decisions and withdrawals ---- */

const decisionFrom: Record<z.infer<typeof decisionBodySchema>['decision'], EnrolmentStatus[]> = {
  approve: ['nominated', 'waitlisted'],
  waitlist: ['nominated'],
  decline: ['nominated', 'waitlisted'],
};
const decisionWords = { approve: 'approved', waitlist: 'put on the waiting list', decline: 'declined' } as const;

export async function decide(ctx: AppContext, viewer: Viewer, enrolmentId: string, body: z.infer<typeof decisionBodySchema>) {
  const { enrolment, cohort, actor } = await loadVisibleEnrolment(ctx.db, viewer, enrolmentId);
  if (!isCohortTrainer(actor, cohort)) throw forbidden(`Only the trainers of ${cohort.deliveringOrganisationName}, who deliver this cohort, decide on its enrolments.`);
  if (cohort.status === 'completed' || cohort.status === 'cancelled') throw new AppError('conflict', `The cohort is ${cohort.status}: its enrolments can no longer change.`);
  const reason = body.reason ?? '';
  if (body.decision === 'decline' && !reason) throw invalidInput('The decision', [{ field: 'body.reason', message: 'say why the enrolment is declined; the trainee and the nominator are told' }]);
  const name = enrolment.traineeName;
  const message = await inTransaction(ctx, async (tx, after) => {
    const locked = (await lockCohort(tx, cohort.id))!;
    const status = (await enrolmentStatusOf(tx, enrolmentId))!;
    if (!decisionFrom[body.decision].includes(status)) {
      throw new AppError('conflict', `${name}'s enrolment is ${statusInWords(status)}: it cannot be ${decisionWords[body.decision]}.`);
    }
    const now = new Date();
    const decided = { decidedBy: actor.userId, decidedAt: now, decisionReason: reason };
    let action: string;
    let text: string;
    if (body.decision === 'approve') {
      const taken = await countApproved(tx, cohort.id);
      if (taken < locked.capacity) {
        await updateEnrolment(tx, enrolmentId, { ...decided, status: 'approved', waitlistedAt: null });
        action = 'enrolment.approved';
        text = `${name} is approved: ${taken + 1} of ${locked.capacity} seats are now taken.`;
      } else if (status === 'waitlisted') {
        throw new AppError('conflict', `The cohort is full (${locked.capacity} of ${locked.capacity} seats): ${name} stays on the waiting list and gets the next seat that frees, in turn.`);
      } else {
        await updateEnrolment(tx, enrolmentId, { ...decided, status: 'waitlisted', waitlistedAt: now });
        action = 'enrolment.waitlisted';
        const position = (await listWaitlisted(tx, cohort.id)).findIndex((w) => w.id === enrolmentId) + 1;
        text = `The cohort is full (${locked.capacity} of ${locked.capacity} seats), so ${name} was put on the waiting list instead, at position ${position}. A seat that frees goes to the first on the list.`;
      }
    } else if (body.decision === 'waitlist') {
      await updateEnrolment(tx, enrolmentId, { ...decided, status: 'waitlisted', waitlistedAt: now });
      action = 'enrolment.waitlisted';
      const position = (await listWaitlisted(tx, cohort.id)).findIndex((w) => w.id === enrolmentId) + 1;
      text = `${name} is on the waiting list, at position ${position}.`;
    } else {
      await updateEnrolment(tx, enrolmentId, { ...decided, status: 'declined', waitlistedAt: null });
      action = 'enrolment.declined';
      text = `${name}'s enrolment is declined.`;
    }
    const changed = (await findEnrolment(tx, enrolmentId))!;
    await writeAudit(tx, actor, { action, entityType: 'enrolment', entityId: enrolmentId, before: enrolment, after: changed });
    const outcome = changed.status === 'approved' ? 'approved' : changed.status === 'waitlisted' ? `on the waiting list (position ${changed.waitlistPosition})` : 'declined';
    await tellTraineeSide(ctx, tx, after, changed, actor.userId, {
      kind: `training.enrolment_${changed.status}`,
      title: `${name}: ${outcome} for ${cohort.courseTitle}`,
      body: `The trainers of ${cohort.deliveringOrganisationName} decided on ${name}'s enrolment in ${cohortName(cohort)}: ${outcome}.${reason ? `\n\nReason: ${reason}` : ''}`,
      link: `/app/training/enrolments/${enrolmentId}`,
    });
    return text;
  });
  return { enrolment: presentEnrolmentSummary((await findEnrolment(ctx.db, enrolmentId))!, viewer), message };
}

export async function withdraw(ctx: AppContext, viewer: Viewer, enrolmentId: string, body: z.infer<typeof withdrawalBodySchema>) {
  const { enrolment, cohort, actor } = await loadVisibleEnrolment(ctx.db, viewer, enrolmentId);
  // The trainee, the nominating side (the city, the national representatives) and the trainers: exactly those who see it.
  if (enrolment.completedAt) throw new AppError('conflict', `${enrolment.traineeName} has completed the course: a completed enrolment cannot be withdrawn.`);
  const name = enrolment.traineeName;
  const message = await inTransaction(ctx, async (tx, after) => {
    await lockCohort(tx, cohort.id);
    const status = (await enrolmentStatusOf(tx, enrolmentId))!;
    if (!activeEnrolmentStatuses.includes(status)) throw new AppError('conflict', `${name}'s enrolment is already ${statusInWords(status)}.`);
    await updateEnrolment(tx, enrolmentId, { status: 'withdrawn', waitlistedAt: null, decidedBy: actor.userId, decidedAt: new Date(), decisionReason: body.reason });
    const changed = (await findEnrolment(tx, enrolmentId))!;
    await writeAudit(tx, actor, { action: 'enrolment.withdrawn', entityType: 'enrolment', entityId: enrolmentId, before: enrolment, after: changed });
    const notice = {
      kind: 'training.enrolment_withdrawn',
      title: `${name} withdrawn from ${cohort.courseTitle}`,
      body: `${actor.name} withdrew ${name}'s enrolment in ${cohortName(cohort)}.${body.reason ? `\n\nReason: ${body.reason}` : ''}`,
    };
    await tellTraineeSide(ctx, tx, after, changed, actor.userId, { ...notice, link: `/app/training/enrolments/${enrolmentId}` });
    if (!isCohortTrainer(actor, cohort)) {
      await notify(ctx, tx, after, (await listMemberIds(tx, cohort.deliveringOrganisationId)).filter((id) => id !== actor.userId), { ...notice, link: `/app/training/cohorts/${cohort.id}` });
    }
    const promoted = status === 'approved' ? await fillFreeSeats(ctx, tx, after, actor, cohort.id) : [];
    return `${name}'s enrolment is withdrawn.${promoted.length ? ' The freed seat went to the first person on the waiting list.' : ''}`;
  });
  return { enrolment: presentEnrolmentSummary((await findEnrolment(ctx.db, enrolmentId))!, viewer), message };
}

/* ---- Reading enrolments ---- */

/** Feedback opens when the trainee has completed, the cohort is completed, or its last day has come. */
function feedbackOpen(cohort: CohortRow, enrolment: EnrolmentRow) {
  return enrolment.completedAt !== null || cohort.status === 'completed' || todayIn(cohort.timeZone) >= cohort.endsOn;
}

export async function getEnrolment(db: Db, viewer: Viewer, enrolmentId: string) {
  const { enrolment, cohort, actor } = await loadVisibleEnrolment(db, viewer, enrolmentId);
  const [sessions, attendance, questions, attempts, feedback, certificate] = await Promise.all([
    listSessions(db, cohort.id),
    listAttendanceOfEnrolment(db, enrolmentId),
    listQuizQuestions(db, cohort.courseId),
    listAttempts(db, enrolmentId),
    findFeedback(db, enrolmentId),
    presentCertificate(db, enrolmentId),
  ]);
  const isTrainee = actor.userId === enrolment.userId;
  const present = new Map(attendance.map((a) => [a.sessionId, a.present]));
  const submitted = attempts.filter((a) => a.submittedAt !== null);
  const passed = submitted.some((a) => a.passed);
  const openAttempt = attempts.find((a) => a.submittedAt === null) ?? null;
  const live = cohort.status !== 'cancelled' && enrolment.status === 'approved';
  return {
    ...presentEnrolmentSummary(enrolment, viewer),
    cohort: presentCohort(cohort),
    courseId: cohort.courseId,
    sessions: sessions.map((s) => ({ ...presentSession(s, cohort.timeZone), present: present.get(s.id) ?? null })),
    quiz: {
      questionCount: questions.length,
      passMarkPercent: cohort.passMarkPercent,
      attempts: attempts.map((a) => ({
        id: a.id,
        attemptNumber: a.attemptNumber,
        startedAt: a.startedAt.toISOString(),
        submittedAt: a.submittedAt?.toISOString() ?? null,
        scorePercent: a.scorePercent,
        passed: a.passed,
      })),
      maxAttempts: maxQuizAttempts,
      openAttemptId: isTrainee ? (openAttempt?.id ?? null) : null,
      canStart: isTrainee && live && questions.length > 0 && !passed && (openAttempt !== null || submitted.length < maxQuizAttempts),
    },
    feedback: feedback && isTrainee ? { overall: feedback.overall, relevance: feedback.relevance, delivery: feedback.delivery, comments: feedback.comments, submittedAt: feedback.submittedAt.toISOString() } : null,
    canGiveFeedback: isTrainee && enrolment.status === 'approved' && !feedback && feedbackOpen(cohort, enrolment),
    certificate,
    isTrainee,
    isTrainer: isCohortTrainer(actor, cohort),
    canWithdraw: activeEnrolmentStatuses.includes(enrolment.status) && enrolment.completedAt === null,
  };
}

export async function listMyEnrolments(db: Db, viewer: Viewer) {
  const actor = requireSignedIn(viewer);
  const rows = await listEnrolmentsOfUser(db, actor.userId);
  const items = await Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      status: row.status,
      waitlistPosition: row.waitlistPosition,
      cohort: presentCohort((await findCohort(db, row.cohortId))!),
      completedAt: row.completedAt?.toISOString() ?? null,
      certificate: await presentCertificate(db, row.id),
    })),
  );
  return { items };
}

/** The trainers see every enrolment; others only those they may see (their own, the officials they may nominate). */
export async function listCohortEnrolments(db: Db, viewer: Viewer, cohortId: string) {
  const cohort = await loadVisibleCohort(db, viewer, cohortId);
  const rows = await listEnrolmentsOfCohort(db, cohortId);
  return { items: rows.filter((row) => canViewEnrolment(viewer, row, cohort)).map((row) => presentEnrolmentSummary(row, viewer)) };
}

/* ---- Attendance ---- */

async function loadTrainerCohort(db: Db, viewer: Viewer, cohortId: string) {
  const cohort = await loadVisibleCohort(db, viewer, cohortId);
  const actor = requireSignedIn(viewer);
  if (!isCohortTrainer(actor, cohort)) throw forbidden(`Only the trainers of ${cohort.deliveringOrganisationName}, who deliver this cohort, record attendance and read its feedback.`);
  return { cohort, actor };
}

async function attendanceGrid(db: Db, cohort: CohortRow) {
  const [sessions, enrolmentRows, records] = await Promise.all([listSessions(db, cohort.id), listEnrolmentsOfCohort(db, cohort.id), listAttendance(db, cohort.id)]);
  const trainees = enrolmentRows
    .filter((row) => row.status === 'approved')
    .sort((a, b) => a.traineeName.localeCompare(b.traineeName))
    .map((row) => ({ enrolmentId: row.id, name: row.traineeName, organisationName: row.organisationName, completedAt: row.completedAt?.toISOString() ?? null }));
  const approved = new Set(trainees.map((t) => t.enrolmentId));
  return {
    sessions: sessions.map((s) => presentSession(s, cohort.timeZone)),
    trainees,
    records: records.filter((r) => approved.has(r.enrolmentId)),
    minAttendancePercent: cohort.minAttendancePercent,
  };
}

export async function getAttendance(db: Db, viewer: Viewer, cohortId: string) {
  const { cohort } = await loadTrainerCohort(db, viewer, cohortId);
  return attendanceGrid(db, cohort);
}

export async function recordAttendance(ctx: AppContext, viewer: Viewer, cohortId: string, body: z.infer<typeof attendanceBodySchema>) {
  const { cohort, actor } = await loadTrainerCohort(ctx.db, viewer, cohortId);
  if (cohort.status === 'cancelled') throw new AppError('conflict', 'The cohort is cancelled: no attendance is recorded for it.');
  const sessions = await listSessions(ctx.db, cohortId);
  const sessionIds = new Set(sessions.map((s) => s.id));
  // Attendance is a record of what happened: a session that has not started has none yet (and a
  // certificate must never precede the course).
  const now = new Date();
  const notStarted = new Map(sessions.filter((s) => s.startsAt > now).map((s) => [s.id, s]));
  const newlyCompleted = await inTransaction(ctx, async (tx, after) => {
    await lockCohort(tx, cohortId);
    const approved = new Set(await listApprovedIds(tx, cohortId));
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    body.records.forEach((record, index) => {
      if (!sessionIds.has(record.sessionId)) problems.push({ field: `body.records.${index}.sessionId`, message: 'is not a session of this cohort' });
      const future = notStarted.get(record.sessionId);
      if (future) problems.push({ field: `body.records.${index}.sessionId`, message: `"${future.title}" has not started yet: attendance is recorded once it has begun` });
      if (!approved.has(record.enrolmentId)) problems.push({ field: `body.records.${index}.enrolmentId`, message: 'is not an approved trainee of this cohort' });
      const key = `${record.sessionId}/${record.enrolmentId}`;
      if (seen.has(key)) problems.push({ field: `body.records.${index}`, message: 'repeats a trainee and session given earlier' });
      seen.add(key);
    });
    if (problems.length) throw invalidInput('The attendance', problems);
    const before = (await listAttendance(tx, cohortId)).filter((r) => seen.has(`${r.sessionId}/${r.enrolmentId}`));
    await upsertAttendance(tx, body.records, actor.userId);
    await writeAudit(tx, actor, { action: 'cohort.attendance_recorded', entityType: 'cohort', entityId: cohortId, before, after: body.records });
    const completed: string[] = [];
    for (const enrolmentId of new Set(body.records.map((r) => r.enrolmentId))) {
      const wasCompleted = (await findEnrolment(tx, enrolmentId))!.completedAt !== null;
      const result = await completeIfEligible(ctx, tx, after, actor, enrolmentId);
      if (result.completed && !wasCompleted) completed.push(enrolmentId);
    }
    return completed;
  });
  const cohortNow = (await findCohort(ctx.db, cohortId))!;
  return { ...(await attendanceGrid(ctx.db, cohortNow)), newlyCompleted };
}

/* ---- Feedback ---- */

export async function submitFeedback(ctx: AppContext, viewer: Viewer, enrolmentId: string, body: z.infer<typeof feedbackBodySchema>) {
  const { enrolment, cohort, actor } = await loadVisibleEnrolment(ctx.db, viewer, enrolmentId);
  if (actor.userId !== enrolment.userId) throw forbidden(`The feedback survey is answered by the trainee, ${enrolment.traineeName}.`);
  if (enrolment.status !== 'approved') throw new AppError('conflict', `The feedback survey is for trainees who took part; this enrolment is ${statusInWords(enrolment.status)}.`);
  if (!feedbackOpen(cohort, enrolment)) throw new AppError('conflict', `The feedback survey opens when the course ends, on ${cohort.endsOn}.`);
  await inTransaction(ctx, async (tx) => {
    await lockEnrolment(tx, enrolmentId);
    const existing = await findFeedback(tx, enrolmentId);
    if (existing) throw new AppError('conflict', `You already gave your feedback on ${inWords(existing.submittedAt)}; it is given once per course and was not changed.`);
    const row = await insertFeedback(tx, { enrolmentId, ...body });
    await writeAudit(tx, actor, { action: 'enrolment.feedback_submitted', entityType: 'enrolment', entityId: enrolmentId, after: row });
  });
  return getEnrolment(ctx.db, viewer, enrolmentId);
}

export async function feedbackAggregate(db: Db, viewer: Viewer, cohortId: string) {
  const cohort = await loadVisibleCohort(db, viewer, cohortId);
  const actor = requireSignedIn(viewer);
  if (!isCohortTrainer(actor, cohort) && !canManageCourse(actor, { organisationId: cohort.courseOrganisationId })) {
    throw forbidden("The feedback is read by the cohort's trainers and the course's organisation.");
  }
  const rows = await listFeedbackOfCohort(db, cohortId);
  const average = (pick: (r: (typeof rows)[number]) => number) => Math.round((rows.reduce((sum, r) => sum + pick(r), 0) / rows.length) * 10) / 10;
  return {
    responses: rows.length,
    minimumResponses: feedbackMinimumResponses,
    averages: rows.length >= feedbackMinimumResponses ? { overall: average((r) => r.overall), relevance: average((r) => r.relevance), delivery: average((r) => r.delivery) } : null,
    // Sorted by their text, so their order says nothing about who wrote them or when.
    comments: rows
      .map((r) => r.comments.trim())
      .filter(Boolean)
      .sort((a, b) => a.localeCompare(b)),
  };
}
