/**
 * Badges, check-in and visa-support letters. A participant downloads their own badge and letter; the
 * organisers download every badge of the event and check people in, by the badge's code (scanned or
 * typed) or from a search by name.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { registrations } from '../../db/schema/index.js';
import type { Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, invalidInput, notFound } from '../../server/errors.js';
import { inTransaction } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { normaliseBadgeCode } from './badge-codes.js';
import { loadOrganisedEvent } from './event-access.js';
import { atInZone, dateInZone, datesInZone } from './event-time.js';
import { renderBadgePdf, renderBadgeSheetPdf, renderVisaLetterPdf, type BadgeInput } from './printouts.js';
import { findRegistration, findRegistrationByBadge, findUserEmail, listAgenda, listRegistrationRows, type EventRow, type RegistrationRow } from './queries.js';
import { loadVisibleRegistration, presentRegistration } from './registrations.js';
import type { checkInBodySchema } from './schemas.js';

/** A file name made of ASCII letters and digits: "badge-tran-van-minh.pdf". */
function fileSlug(value: string) {
  return (
    value
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'file'
  );
}

const badgeOf = (event: EventRow, registration: RegistrationRow): BadgeInput => ({
  name: registration.name,
  organisationName: registration.organisationName,
  cityName: registration.cityName,
  participantType: registration.participantType,
  badgeCode: registration.badgeCode,
  eventTitle: event.title,
  eventDates: datesInZone(event.startsAt, event.endsAt, event.timeZone),
});

function assertConfirmed(registration: RegistrationRow, own: boolean, what: string) {
  if (registration.status === 'confirmed') return;
  const whose = own ? 'Your registration' : `${registration.name}'s registration`;
  const words = { pending: 'waiting for approval', waitlisted: 'on the waiting list', declined: 'declined', cancelled: 'cancelled' }[registration.status];
  throw new AppError('conflict', `${whose} is ${words}: the ${what} is issued once the place is confirmed.`);
}

/** The participant's own badge (or any badge of the event, for its organisers). */
export async function badgePdf(ctx: AppContext, viewer: Viewer, registrationId: string) {
  const { registration, event, actor } = await loadVisibleRegistration(ctx.db, viewer, registrationId);
  assertConfirmed(registration, registration.userId === actor.userId, 'badge');
  if (event.status === 'cancelled') throw new AppError('conflict', 'The event was cancelled: there are no badges to print.');
  return { fileName: `badge-${fileSlug(registration.name)}.pdf`, pdf: await renderBadgePdf(badgeOf(event, registration)) };
}

/** Every confirmed participant's badge, six per A4 page, sorted by name (the organisers). */
export async function eventBadgesPdf(ctx: AppContext, viewer: Viewer, eventId: string) {
  const { event } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  if (event.status === 'cancelled') throw new AppError('conflict', 'The event was cancelled: there are no badges to print.');
  const confirmed = await listRegistrationRows(ctx.db, eventId, { status: 'confirmed' });
  if (!confirmed.length) throw new AppError('conflict', 'Nobody has a confirmed place yet: there are no badges to print.');
  return { fileName: `badges-${fileSlug(event.title)}.pdf`, pdf: await renderBadgeSheetPdf(event.title, confirmed.map((r) => badgeOf(event, r))) };
}

/** The visa-support letter of a confirmed delegate of a reverse trade mission who asked for one (the participant and the organisers). */
export async function visaLetterPdf(ctx: AppContext, viewer: Viewer, registrationId: string) {
  const { registration, event, actor } = await loadVisibleRegistration(ctx.db, viewer, registrationId);
  const own = registration.userId === actor.userId;
  if (event.kind !== 'trade_mission') throw new AppError('conflict', 'Visa-support letters are issued for reverse trade missions to the United States only.');
  if (event.status === 'cancelled') throw new AppError('conflict', 'The mission was cancelled: no visa-support letter is issued.');
  if (!registration.visaLetterRequested || !registration.passportName.trim() || !registration.nationality.trim()) {
    throw new AppError(
      'conflict',
      own
        ? 'Ask for a visa-support letter first: tick it in your registration and give your name as in your passport and your nationality.'
        : `${registration.name} has not asked for a visa-support letter (with the name as in the passport and the nationality).`,
    );
  }
  assertConfirmed(registration, own, 'visa-support letter');
  const agenda = await listAgenda(ctx.db, event.id);
  const usCities = [...new Set(agenda.map((item) => item.place.trim()).filter(Boolean))];
  const contact = event.createdBy ? await findUserEmail(ctx.db, event.createdBy) : undefined;
  const pdf = await renderVisaLetterPdf({
    passportName: registration.passportName,
    nationality: registration.nationality,
    participantName: registration.name,
    organisationName: registration.organisationName,
    cityName: registration.cityName,
    eventTitle: event.title,
    eventDates: datesInZone(event.startsAt, event.endsAt, event.timeZone),
    usCities,
    organiserName: event.organiserName,
    organiserContact: contact?.email ?? null,
    issuedOn: dateInZone(new Date(), event.timeZone),
    reference: `MITRA-${registration.id.replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    eventUrl: `${ctx.config.publicUrl}/app/events/${event.id}`,
  });
  return { fileName: `visa-support-letter-${fileSlug(registration.passportName)}.pdf`, pdf };
}

/* ---- Check-in ---- */

export async function checkIn(ctx: AppContext, viewer: Viewer, eventId: string, body: z.infer<typeof checkInBodySchema>) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  if (event.status !== 'published') {
    throw new AppError('conflict', event.status === 'draft' ? 'The event is not published yet: check-in opens once it is.' : `The event is ${event.status}: check-in is closed.`);
  }
  let registration: RegistrationRow | undefined;
  if (body.badgeCode !== undefined) {
    const code = normaliseBadgeCode(body.badgeCode);
    if (!code) throw invalidInput('The check-in', [{ field: 'body.badgeCode', message: 'is not a badge code: it has 16 letters and digits, such as 7KQ2-M9XD-4TRB-HW3C' }]);
    registration = await findRegistrationByBadge(ctx.db, eventId, code);
    if (!registration) throw notFound(`A registration for this event with the badge code ${code}`);
  } else {
    registration = await findRegistration(ctx.db, body.registrationId!);
    if (!registration || registration.eventId !== eventId) throw notFound('The registration for this event');
  }
  const found = registration;
  const alreadyIn = (row: RegistrationRow) =>
    new AppError('conflict', `${row.name} is already checked in: at ${atInZone(row.checkedInAt!, event.timeZone)}${row.checkedInByName ? `, by ${row.checkedInByName}` : ''}.`);
  if (found.checkedInAt) throw alreadyIn(found);
  assertConfirmed(found, false, 'check-in');
  await inTransaction(ctx, async (tx) => {
    // Two organisers scanning the same badge at once: only one update finds it not yet checked in.
    const updated = await tx
      .update(registrations)
      .set({ checkedInAt: new Date(), checkedInBy: actor.userId, updatedAt: new Date() })
      .where(and(eq(registrations.id, found.id), eq(registrations.status, 'confirmed'), isNull(registrations.checkedInAt)))
      .returning({ id: registrations.id });
    if (!updated.length) {
      const now = (await findRegistration(tx, found.id))!;
      if (now.checkedInAt) throw alreadyIn(now);
      assertConfirmed(now, false, 'check-in');
    }
    await writeAudit(tx, actor, { action: 'registration.checked_in', entityType: 'registration', entityId: found.id, before: found, after: await findRegistration(tx, found.id) });
  });
  const checkedIn = (await findRegistration(ctx.db, found.id))!;
  return { registration: presentRegistration(checkedIn), message: `${checkedIn.name} (${checkedIn.organisationName}) is checked in.` };
}
