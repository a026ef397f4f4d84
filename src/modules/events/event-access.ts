/**
 * Loading an event for a viewer, shared by the events, registrations and (for other modules) matchmaking
 * code: one place that says "not found" to those who may not see it and "forbidden" to those who may
 * see it but not organise it.
 */
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { canViewEvent, isEventOrganiser, requireSignedIn, type Actor, type Viewer } from '../../policy/policy.js';
import { AppError, forbidden, invalidInput, notFound } from '../../server/errors.js';
import { atInZone } from './event-time.js';
import { findEvent, type EventRow } from './queries.js';

/** An event the viewer may not see (a draft of another organisation, a partnership event for the public) answers as not found. */
export async function loadVisibleEvent(db: Db, viewer: Viewer, eventId: string): Promise<EventRow> {
  const event = await findEvent(db, eventId);
  if (!event || !canViewEvent(viewer, event)) throw notFound('The event');
  return event;
}

/** The event, for its organisers only: others who may see it are refused. */
export async function loadOrganisedEvent(db: Db, viewer: Viewer, eventId: string): Promise<{ event: EventRow; actor: Actor }> {
  const event = await loadVisibleEvent(db, viewer, eventId);
  const actor = requireSignedIn(viewer);
  if (!isEventOrganiser(actor, event)) throw forbidden(`Only the organisers of this event (members of ${event.organiserName}) and the secretariat can do this.`);
  return { event, actor };
}

/** Drafts and published events change; cancelled and completed ones are closed. */
export function assertEventOpen(event: EventRow, doing = 'change'): void {
  if (event.status === 'cancelled') throw new AppError('conflict', `The event was cancelled: it can no longer ${doing}.`);
  if (event.status === 'completed') throw new AppError('conflict', `The event is completed: it can no longer ${doing}.`);
}

/** Whether registration is open now; when it is not, why, in words. */
export function registrationClosedReason(event: Pick<EventRow, 'status' | 'endsAt' | 'registrationClosesAt' | 'timeZone'>, now = new Date()): string | null {
  if (event.status === 'draft') return 'The event is not published yet: registration opens when it is.';
  if (event.status === 'cancelled') return 'The event was cancelled.';
  if (event.status === 'completed' || event.endsAt <= now) return 'The event is over.';
  if (event.registrationClosesAt && event.registrationClosesAt <= now) return `Registration closed on ${atInZone(event.registrationClosesAt, event.timeZone)}.`;
  return null;
}

/**
 * Input from a caller other than a route (a seed, another module): checked and completed with the
 * schema's defaults, with the same 400 a route would answer.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(what, result.error.issues.map((issue) => ({ field: ['body', ...issue.path.map(String)].join('.'), message: issue.message })));
  return result.data;
}
