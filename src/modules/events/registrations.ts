/**
 * Registration: open or invitation-only, approval when the organisers want it, capacity with a waiting
 * list promoted in order (places.ts), accessibility and dietary needs, the passport details of a
 * visa-support letter. A registration is seen by its participant and the event's organisers only
 * (policy.canViewRegistration); every change of a place takes the event's row lock first.
 */
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { OrganisationKind } from '../../db/schema/accounts.js';
import type { ParticipantType, RegistrationStatus } from '../../db/schema/events.js';
import { canViewRegistration, isEventOrganiser, requireSignedIn, type Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { guardCell } from '../../server/csv.js';
import { AppError, forbidden, invalidInput, notFound, type FieldProblem } from '../../server/errors.js';
import { inTransaction, type AfterCommit } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { notify, type NotificationInput } from '../notifications/service.js';
import { newBadgeCode } from './badge-codes.js';
import { loadOrganisedEvent, loadVisibleEvent, parseInput, registrationClosedReason } from './event-access.js';
import { datesInZone } from './event-time.js';
import { fillFreePlaces, hasFreePlace } from './places.js';
import { participantTypeWords } from './printouts.js';
import {
  countRegistrationRows,
  findEvent,
  findRegistration,
  findRegistrationOf,
  insertRegistration,
  isInvited,
  listRegistrationRows,
  lockEvent,
  registrationStatusOf,
  updateRegistrationRow,
  type EventRow,
  type RegistrationRow,
} from './queries.js';
import {
  registerBodySchema,
  type cancelRegistrationBodySchema,
  type decisionBodySchema,
  type listRegistrationsQuerySchema,
  type updateRegistrationBodySchema,
} from './schemas.js';

const activeStatuses: RegistrationStatus[] = ['pending', 'confirmed', 'waitlisted'];
const statusWords: Record<RegistrationStatus, string> = {
  pending: 'waiting for approval',
  confirmed: 'confirmed',
  waitlisted: 'on the waiting list',
  declined: 'declined',
  cancelled: 'cancelled',
};

/** The participant type a person registers as unless they say otherwise: from their organisation's kind. */
export function defaultParticipantType(kind: OrganisationKind): ParticipantType {
  switch (kind) {
    case 'city_government':
      return 'city_delegate';
    case 'national_agency':
      return 'national_representative';
    case 'us_agency':
      return 'us_government';
    case 'us_city':
      return 'us_city';
    case 'company':
      return 'industry';
    default:
      return 'other';
  }
}

export function presentRegistration(row: RegistrationRow) {
  return {
    id: row.id,
    eventId: row.eventId,
    userId: row.userId,
    name: row.name,
    email: row.email,
    organisationName: row.organisationName,
    cityName: row.cityName,
    participantType: row.participantType,
    status: row.status,
    waitlistPosition: row.waitlistPosition,
    accessibilityNeeds: row.accessibilityNeeds,
    dietaryNeeds: row.dietaryNeeds,
    visaLetterRequested: row.visaLetterRequested,
    passportName: row.passportName,
    nationality: row.nationality,
    badgeCode: row.badgeCode,
    checkedInAt: row.checkedInAt?.toISOString() ?? null,
    checkedInByName: row.checkedInByName,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionReason: row.decisionReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A registration the viewer may not see (not theirs, not an organiser) answers as not found. */
export async function loadVisibleRegistration(db: Db, viewer: Viewer, registrationId: string) {
  const registration = await findRegistration(db, registrationId);
  if (!registration) throw notFound('The registration');
  const event = (await findEvent(db, registration.eventId))!;
  if (!canViewRegistration(viewer, registration, event)) throw notFound('The registration');
  return { registration, event, actor: requireSignedIn(viewer), organiser: isEventOrganiser(viewer, event) };
}

/** A visa-support letter needs a reverse trade mission and the name and nationality as in the passport. */
function checkVisaFields(event: EventRow, fields: { visaLetterRequested: boolean; passportName: string; nationality: string }, problems: FieldProblem[]) {
  if (!fields.visaLetterRequested) return;
  if (event.kind !== 'trade_mission') {
    problems.push({ field: 'body.visaLetterRequested', message: 'visa-support letters are issued for reverse trade missions to the United States only' });
    return;
  }
  if (!fields.passportName.trim()) problems.push({ field: 'body.passportName', message: 'give your name exactly as in your passport, for the visa-support letter' });
  if (!fields.nationality.trim()) problems.push({ field: 'body.nationality', message: 'give the nationality of your passport, for the visa-support letter' });
}

const eventLink = (eventId: string) => `/app/events/${eventId}`;

async function tellParticipant(ctx: AppContext, tx: Db, after: AfterCommit, registration: RegistrationRow, input: NotificationInput) {
  await notify(ctx, tx, after, [registration.userId], input);
}

/** What a registration's status means for the participant, in words. */
function outcomeMessage(event: EventRow, registration: RegistrationRow): string {
  const title = `"${event.title}"`;
  switch (registration.status) {
    case 'confirmed':
      return `You are registered for ${title}: your place is confirmed.`;
    case 'waitlisted':
      return `${title} is full (${event.capacity} places), so you are on the waiting list, at position ${registration.waitlistPosition}. You get the next place that frees, in turn, and are told at once.`;
    case 'pending':
      return `Your registration for ${title} waits for the organisers' approval; you will be told of their decision.`;
    default:
      return `Your registration for ${title} is ${statusWords[registration.status]}.`;
  }
}

/* ---- Registering ---- */

export type RegisterInput = z.input<typeof registerBodySchema> & { eventId: string };

/** The viewer registers for an event. (ctx, viewer, input) with the event's id in the input, for seeds too. */
export async function register(ctx: AppContext, viewer: Viewer, input: RegisterInput) {
  const { eventId, ...rest } = input;
  const actor = requireSignedIn(viewer);
  const event = await loadVisibleEvent(ctx.db, viewer, eventId);
  const body = parseInput(registerBodySchema, rest, 'The registration');
  const closed = registrationClosedReason(event);
  if (closed) throw new AppError('conflict', `Registration is not open: ${closed}`);
  if (event.registrationMode === 'invitation' && !(await isInvited(ctx.db, eventId, actor.email))) {
    throw forbidden(`"${event.title}" is by invitation only, and ${actor.email} is not on its invitation list. Ask the organisers (${event.organiserName}) to invite you.`);
  }
  const problems: FieldProblem[] = [];
  checkVisaFields(event, body, problems);
  if (problems.length) throw invalidInput('The registration', problems);
  const participantType = body.participantType ?? defaultParticipantType(actor.organisationKind);
  const id = await inTransaction(ctx, async (tx, after) => {
    const locked = (await lockEvent(tx, eventId))!;
    const existing = await findRegistrationOf(tx, eventId, actor.userId);
    if (existing && activeStatuses.includes(existing.status)) {
      throw new AppError('conflict', `You are already registered for "${event.title}" (${statusWords[existing.status]}).`);
    }
    if (existing?.status === 'declined') {
      throw new AppError('conflict', `The organisers declined your registration for "${event.title}"${existing.decisionReason ? ` (${existing.decisionReason})` : ''}. Ask them (${event.organiserName}) if you think this is a mistake.`);
    }
    const now = new Date();
    const status: RegistrationStatus = event.approvalRequired ? 'pending' : (await hasFreePlace(tx, { id: eventId, capacity: locked.capacity })) ? 'confirmed' : 'waitlisted';
    const fields = {
      participantType,
      status,
      waitlistedAt: status === 'waitlisted' ? now : null,
      accessibilityNeeds: body.accessibilityNeeds,
      dietaryNeeds: body.dietaryNeeds,
      visaLetterRequested: body.visaLetterRequested,
      passportName: body.passportName,
      nationality: body.nationality,
      decidedBy: null,
      decidedAt: null,
      decisionReason: '',
      checkedInAt: null,
      checkedInBy: null,
    };
    let registrationId: string;
    if (existing) {
      // Registering again after cancelling: the same row starts over (its badge code too); the history is in the audit log.
      registrationId = existing.id;
      await updateRegistrationRow(tx, registrationId, fields);
    } else {
      registrationId = await insertRegistration(tx, { eventId, userId: actor.userId, badgeCode: newBadgeCode(), ...fields });
    }
    const created = (await findRegistration(tx, registrationId))!;
    await writeAudit(tx, actor, { action: `registration.${status}`, entityType: 'registration', entityId: registrationId, before: existing, after: created });
    await tellParticipant(ctx, tx, after, created, {
      kind: `events.registration_${status}`,
      title: `${status === 'confirmed' ? 'Registered' : status === 'waitlisted' ? 'On the waiting list' : 'Registration received'}: ${event.title}`,
      body: `${outcomeMessage(event, created)}\n\n${event.title}: ${datesInZone(event.startsAt, event.endsAt, event.timeZone)} (${event.timeZone}).`,
      link: eventLink(eventId),
    });
    if (status === 'pending' && event.createdBy && event.createdBy !== actor.userId) {
      await notify(ctx, tx, after, [event.createdBy], {
        kind: 'events.registration_to_approve',
        title: `To approve: ${actor.name} for ${event.title}`,
        body: `${actor.name} (${created.organisationName}) registered for "${event.title}", which needs the organisers' approval. Confirm or decline the registration on the event's page.`,
        link: eventLink(eventId),
      });
    }
    return registrationId;
  });
  const registration = (await findRegistration(ctx.db, id))!;
  return { registration: presentRegistration(registration), message: outcomeMessage(event, registration) };
}

export async function getRegistration(db: Db, viewer: Viewer, registrationId: string) {
  const { registration } = await loadVisibleRegistration(db, viewer, registrationId);
  return presentRegistration(registration);
}

/** The participant (or an organiser) changes the needs, the participant type or the visa details. */
export async function updateRegistration(ctx: AppContext, viewer: Viewer, registrationId: string, body: z.infer<typeof updateRegistrationBodySchema>) {
  const { registration: before, event, actor } = await loadVisibleRegistration(ctx.db, viewer, registrationId);
  if (event.status === 'cancelled' || event.status === 'completed') throw new AppError('conflict', `The event is ${event.status}: registrations can no longer change.`);
  if (!activeStatuses.includes(before.status)) throw new AppError('conflict', `The registration is ${statusWords[before.status]}: register again to change it.`);
  const merged = {
    visaLetterRequested: body.visaLetterRequested ?? before.visaLetterRequested,
    passportName: body.passportName ?? before.passportName,
    nationality: body.nationality ?? before.nationality,
  };
  const problems: FieldProblem[] = [];
  checkVisaFields(event, merged, problems);
  if (problems.length) throw invalidInput('The registration', problems);
  await inTransaction(ctx, async (tx) => {
    await updateRegistrationRow(tx, registrationId, body);
    await writeAudit(tx, actor, { action: 'registration.updated', entityType: 'registration', entityId: registrationId, before, after: await findRegistration(tx, registrationId) });
  });
  return presentRegistration((await findRegistration(ctx.db, registrationId))!);
}

/** The participant cancels their own registration, or an organiser cancels it; a freed place goes to the waiting list at once. */
export async function cancelRegistration(ctx: AppContext, viewer: Viewer, registrationId: string, body: z.infer<typeof cancelRegistrationBodySchema>) {
  const { registration: before, event, actor, organiser } = await loadVisibleRegistration(ctx.db, viewer, registrationId);
  const own = before.userId === actor.userId;
  if (event.status === 'cancelled' || event.status === 'completed') throw new AppError('conflict', `The event is ${event.status}: registrations can no longer change.`);
  const reason = body.reason ?? '';
  const message = await inTransaction(ctx, async (tx, after) => {
    await lockEvent(tx, event.id);
    const status = (await registrationStatusOf(tx, registrationId))!;
    if (!activeStatuses.includes(status)) throw new AppError('conflict', `The registration is already ${statusWords[status]}.`);
    await updateRegistrationRow(tx, registrationId, { status: 'cancelled', waitlistedAt: null, ...(own ? {} : { decidedBy: actor.userId, decidedAt: new Date(), decisionReason: reason }) });
    const cancelled = (await findRegistration(tx, registrationId))!;
    await writeAudit(tx, actor, { action: 'registration.cancelled', entityType: 'registration', entityId: registrationId, before, after: { ...cancelled, reason } });
    if (!own) {
      await tellParticipant(ctx, tx, after, cancelled, {
        kind: 'events.registration_cancelled',
        title: `Registration cancelled: ${event.title}`,
        body: `The organisers (${event.organiserName}) cancelled your registration for "${event.title}".${reason ? `\n\nReason: ${reason}` : ''}`,
        link: eventLink(event.id),
      });
    }
    const promoted = status === 'confirmed' ? await fillFreePlaces(ctx, tx, after, actor, event.id) : [];
    const who = own ? 'Your registration' : `${before.name}'s registration`;
    if (!promoted.length) return `${who} for "${event.title}" is cancelled.`;
    if (!organiser) return `${who} for "${event.title}" is cancelled. Your place went to the first person on the waiting list.`;
    const names = await Promise.all(promoted.map(async (id) => (await findRegistration(tx, id))!.name));
    return `${who} for "${event.title}" is cancelled. The freed place went to ${names.join(', ')}, first on the waiting list.`;
  });
  return { registration: presentRegistration((await findRegistration(ctx.db, registrationId))!), message };
}

/** Organisers confirm or decline a registration waiting for approval (or decline one on the waiting list). */
export async function decideRegistration(ctx: AppContext, viewer: Viewer, registrationId: string, body: z.infer<typeof decisionBodySchema>) {
  const { registration: before, event, actor, organiser } = await loadVisibleRegistration(ctx.db, viewer, registrationId);
  if (!organiser) throw forbidden(`Only the organisers of "${event.title}" (${event.organiserName}) decide on its registrations.`);
  if (event.status === 'cancelled' || event.status === 'completed') throw new AppError('conflict', `The event is ${event.status}: registrations can no longer change.`);
  const reason = body.reason ?? '';
  if (body.decision === 'decline' && !reason) throw invalidInput('The decision', [{ field: 'body.reason', message: 'say why the registration is declined; the participant is told' }]);
  const name = before.name;
  const message = await inTransaction(ctx, async (tx, after) => {
    const locked = (await lockEvent(tx, event.id))!;
    const status = (await registrationStatusOf(tx, registrationId))!;
    const from: RegistrationStatus[] = body.decision === 'confirm' ? ['pending'] : ['pending', 'waitlisted'];
    if (!from.includes(status)) {
      throw new AppError('conflict', `${name}'s registration is ${statusWords[status]}: it cannot be ${body.decision === 'confirm' ? 'confirmed' : 'declined'}.`);
    }
    const now = new Date();
    const decided = { decidedBy: actor.userId, decidedAt: now, decisionReason: reason };
    let text: string;
    if (body.decision === 'decline') {
      await updateRegistrationRow(tx, registrationId, { ...decided, status: 'declined', waitlistedAt: null });
      text = `${name}'s registration is declined.`;
    } else if (await hasFreePlace(tx, { id: event.id, capacity: locked.capacity })) {
      await updateRegistrationRow(tx, registrationId, { ...decided, status: 'confirmed', waitlistedAt: null });
      text = `${name}'s registration is confirmed.`;
    } else {
      await updateRegistrationRow(tx, registrationId, { ...decided, status: 'waitlisted', waitlistedAt: now });
      const position = (await findRegistration(tx, registrationId))!.waitlistPosition;
      text = `The event is full (${locked.capacity} places), so ${name} is approved onto the waiting list instead, at position ${position}; the next place that frees goes to the first on the list.`;
    }
    const changed = (await findRegistration(tx, registrationId))!;
    await writeAudit(tx, actor, { action: `registration.${changed.status}`, entityType: 'registration', entityId: registrationId, before, after: changed });
    await tellParticipant(ctx, tx, after, changed, {
      kind: `events.registration_${changed.status}`,
      title: `${changed.status === 'declined' ? 'Registration declined' : changed.status === 'confirmed' ? 'Registration confirmed' : 'On the waiting list'}: ${event.title}`,
      body:
        changed.status === 'declined'
          ? `The organisers (${event.organiserName}) declined your registration for "${event.title}".\n\nReason: ${reason}`
          : outcomeMessage(event, changed),
      link: eventLink(event.id),
    });
    return text;
  });
  return { registration: presentRegistration((await findRegistration(ctx.db, registrationId))!), message };
}

/* ---- Lists for the organisers ---- */

export async function listRegistrations(db: Db, viewer: Viewer, eventId: string, query: z.infer<typeof listRegistrationsQuerySchema>) {
  await loadOrganisedEvent(db, viewer, eventId);
  const filter = { status: query.status, q: query.q || undefined };
  const [rows, total] = await Promise.all([listRegistrationRows(db, eventId, { ...filter, limit: query.limit }), countRegistrationRows(db, eventId, filter)]);
  return { items: rows.map(presentRegistration), total };
}

/** Every registration with the needs and, for the organisers only (who alone may call this), the passport details. */
export async function exportRegistrationsCsv(db: Db, viewer: Viewer, eventId: string) {
  const { event } = await loadOrganisedEvent(db, viewer, eventId);
  const rows = await listRegistrationRows(db, eventId, {});
  const header = [
    'name',
    'email',
    'organisation',
    'city',
    'participant_type',
    'status',
    'waitlist_position',
    'registered_at_utc',
    'accessibility_needs',
    'dietary_needs',
    'visa_letter_requested',
    'passport_name',
    'nationality',
    'badge_code',
    'checked_in_at_utc',
    'decision_reason',
  ];
  const lines = rows.map((r) => [
    r.name,
    r.email,
    r.organisationName,
    r.cityName ?? '',
    participantTypeWords[r.participantType],
    r.status,
    r.waitlistPosition === null ? '' : String(r.waitlistPosition),
    r.createdAt.toISOString(),
    r.accessibilityNeeds,
    r.dietaryNeeds,
    r.visaLetterRequested ? 'yes' : 'no',
    r.passportName,
    r.nationality,
    r.badgeCode,
    r.checkedInAt?.toISOString() ?? '',
    r.decisionReason,
  ]);
  const slug = event.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'event';
  return { fileName: `registrations-${slug}.csv`, csv: stringify([header, ...lines.map((line) => line.map(guardCell))]) };
}
