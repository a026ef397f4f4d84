/**
 * Places and the waiting list. An event never holds more confirmed registrations than its capacity:
 * every change of a place runs under the event's row lock (queries.lockEvent, SELECT … FOR UPDATE),
 * so two registrations arriving at once are counted one after the other, and a freed place goes to
 * the first on the waiting list (by waitlistedAt) in the same transaction.
 */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import type { AfterCommit } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { notify } from '../notifications/service.js';
import { datesInZone } from './event-time.js';
import { countConfirmed, findEvent, findRegistration, listWaitlisted, lockEvent, updateRegistrationRow } from './queries.js';

/** Whether the event has a free place now; call under the event's lock. */
export async function hasFreePlace(tx: Db, event: { id: string; capacity: number | null }): Promise<boolean> {
  return event.capacity === null || (await countConfirmed(tx, event.id)) < event.capacity;
}

/** Gives free places to the waiting list, in order, and tells each person promoted. Returns their registration ids. */
export async function fillFreePlaces(ctx: AppContext, tx: Db, after: AfterCommit, actor: Actor, eventId: string): Promise<string[]> {
  const locked = await lockEvent(tx, eventId);
  if (!locked || locked.status === 'cancelled' || locked.status === 'completed') return [];
  const waiting = await listWaitlisted(tx, eventId);
  if (!waiting.length) return [];
  const free = locked.capacity === null ? waiting.length : locked.capacity - (await countConfirmed(tx, eventId));
  if (free <= 0) return [];
  const promoted = waiting.slice(0, free).map((row) => row.id);
  const event = (await findEvent(tx, eventId))!;
  const now = new Date();
  for (const id of promoted) {
    const before = (await findRegistration(tx, id))!;
    await updateRegistrationRow(tx, id, { status: 'confirmed', waitlistedAt: null, decidedBy: actor.userId, decidedAt: now });
    await writeAudit(tx, actor, { action: 'registration.promoted', entityType: 'registration', entityId: id, before, after: await findRegistration(tx, id) });
    await notify(ctx, tx, after, [before.userId], {
      kind: 'events.registration_promoted',
      title: `You have a place: ${event.title}`,
      body: `A place freed at "${event.title}" (${datesInZone(event.startsAt, event.endsAt, event.timeZone)}), and you were first on the waiting list: your registration is now confirmed. Your badge is ready to download on the event's page.`,
      link: `/app/events/${eventId}`,
    });
  }
  return promoted;
}
