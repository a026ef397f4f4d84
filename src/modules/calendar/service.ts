/**
 * The personal agenda (sessions of the events a person is confirmed for, and their published B2B
 * meetings), its iCalendar forms (download, private subscription link, an event's public agenda) and
 * meeting outcomes.
 *
 * Cancellations stay in the agenda, marked: sessions of a cancelled event or of a cancelled
 * registration, and published meetings that were cancelled or whose event was, keep their UID and
 * carry STATUS:CANCELLED (and a higher SEQUENCE). Dropping them would be consistent only for
 * subscriptions: a downloaded .ics has already been imported, and only a later file carrying the
 * same UID as cancelled can take the entry out of the person's calendar (Outlook and Apple Calendar
 * do so on import). Subscribed calendars show the cancellation too, so both ways agree, and the
 * agenda page shows the same entries labelled "Cancelled". What never reached the agenda (pending,
 * waitlisted or declined registrations, unpublished meetings, drafts) never appears.
 */
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { canEditDeal, canViewEvent, canViewMeeting, requireSignedIn, type Actor, type Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, invalidInput, notFound } from '../../server/errors.js';
import { inTransaction } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { hashSecret, newSecret } from '../auth/tokens.js';
import { toMinorUnits } from '../cities/money.js';
import { dealPartnerKinds, dealsOfMeeting, recordDeal, visibleDealsOfMeetings } from '../deals/service.js';
import { toICalendar, type CalendarEntry } from './ical.js';
import {
  deleteFeed,
  findEvent,
  findFeedOfUser,
  findFeedOwner,
  findMeeting,
  listAgendaItemsOf,
  listMyPublishedMeetings,
  listMyRegisteredEvents,
  listParticipantsOf,
  replaceFeed,
  updateOutcome,
  type EventRow,
  type MyMeetingRow,
  type ParticipantRow,
} from './queries.js';
import type { agendaEntrySchema, outcomeBodySchema } from './schemas.js';

type AgendaEntry = z.infer<typeof agendaEntrySchema>;
/** An agenda entry with what the iCalendar form needs besides. */
type Entry = AgendaEntry & { lastModified: Date; url: string };

const later = (...dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));
const joinPlace = (...parts: (string | null | undefined)[]) => parts.filter((p) => p && p.trim()).join(', ');

/** Where an entry links back to in Mitra. */
const eventLink = (ctx: AppContext, eventId: string) => `${ctx.config.publicUrl}/app/events/${eventId}`;
const meetingLink = (ctx: AppContext, requestId: string) => `${ctx.config.publicUrl}/app/agenda#meeting-${requestId}`;

type RegisteredEvent = EventRow & { registrationStatus?: string; registrationUpdatedAt?: Date };

/** An event's sessions (or the event itself when it has no agenda yet), cancelled when the event or the person's place is. */
function sessionEntries(event: RegisteredEvent, items: Awaited<ReturnType<typeof listAgendaItemsOf>>, url: string): Entry[] {
  const cancelled = event.status === 'cancelled' || (event.registrationStatus !== undefined && event.registrationStatus !== 'confirmed');
  const status = cancelled ? ('cancelled' as const) : ('confirmed' as const);
  const lastModified = later(event.updatedAt, event.registrationUpdatedAt ?? event.updatedAt);
  const eventRef = { id: event.id, title: event.title, kind: event.kind, status: event.status };
  const shared = { timeZone: event.timeZone, status, onlineUrl: event.onlineUrl, event: eventRef, meeting: null, lastModified, url };
  if (items.length === 0) {
    return [
      {
        ...shared,
        type: 'event',
        uid: `event-${event.id}`,
        id: event.id,
        title: event.title,
        startsAt: event.startsAt.toISOString(),
        endsAt: event.endsAt.toISOString(),
        location: joinPlace(event.venue),
        description: event.summary,
        agendaItemKind: null,
        speakers: [],
      },
    ];
  }
  return items.map((item) => ({
    ...shared,
    type: 'session',
    uid: `agenda-${item.id}`,
    id: item.id,
    title: item.title,
    startsAt: item.startsAt.toISOString(),
    endsAt: item.endsAt.toISOString(),
    location: joinPlace(item.room, item.place, event.venue),
    description: item.description,
    agendaItemKind: item.kind,
    speakers: item.speakers,
  }));
}

const partyName = (p: Pick<ParticipantRow, 'name' | 'organisationName'>) => `${p.name} (${p.organisationName})`;

function uniqueBy<T, K>(values: T[], key: (value: T) => K): T[] {
  const seen = new Set<K>();
  return values.filter((value) => (seen.has(key(value)) ? false : (seen.add(key(value)), true)));
}

/** Who a lead from a meeting can be between: the city governments' cities, and the partner organisations. */
function leadSides(participants: ParticipantRow[]) {
  const cities = uniqueBy(
    participants.filter((p) => p.organisationKind === 'city_government' && p.cityId),
    (p) => p.cityId,
  ).map((p) => ({ id: p.cityId!, name: p.cityName ?? p.cityId!, countryCode: p.cityCountryCode ?? '' }));
  const partners = uniqueBy(
    participants.filter((p) => dealPartnerKinds.includes(p.organisationKind)),
    (p) => p.organisationId,
  ).map((p) => ({ id: p.organisationId, name: p.organisationName }));
  return { cities, partners };
}

function meetingEntry(
  ctx: AppContext,
  actor: Actor,
  row: MyMeetingRow,
  participants: ParticipantRow[],
  deals: { id: string; title: string; stage: 'lead' | 'letter_of_intent' | 'mou' | 'contract'; meetingRequestId: string | null }[],
  now: Date,
): Entry {
  const others = participants.filter((p) => p.userId !== actor.userId);
  const confirmed = row.status === 'accepted' && row.eventStatus !== 'cancelled' && row.myRegistrationStatus === 'confirmed';
  const ended = row.slotEndsAt.getTime() <= now.getTime();
  const sides = leadSides(participants);
  return {
    type: 'meeting',
    uid: `meeting-${row.id}`,
    id: row.id,
    title: others.length ? `Meeting with ${others.map(partyName).join(', ')}` : 'Meeting',
    startsAt: row.slotStartsAt.toISOString(),
    endsAt: row.slotEndsAt.toISOString(),
    timeZone: row.eventTimeZone,
    status: confirmed ? 'confirmed' : 'cancelled',
    location: joinPlace(row.tableName, row.eventVenue),
    onlineUrl: row.eventOnlineUrl,
    description: row.message,
    agendaItemKind: null,
    speakers: [],
    event: { id: row.eventId, title: row.eventTitle, kind: row.eventKind, status: row.eventStatus },
    meeting: {
      requestId: row.id,
      tableName: row.tableName,
      message: row.message,
      participants: participants.map((p) => ({
        registrationId: p.registrationId,
        name: p.name,
        organisationName: p.organisationName,
        organisationKind: p.organisationKind,
        isMe: p.userId === actor.userId,
      })),
      myOutcome: { happened: row.happened, outcome: row.outcome, recordedAt: row.outcomeRecordedAt?.toISOString() ?? null },
      ended,
      canRecordOutcome: confirmed && ended,
      deals: deals.filter((d) => d.meetingRequestId === row.id).map((d) => ({ id: d.id, title: d.title, stage: d.stage })),
      leadCities: sides.partners.length ? sides.cities.map(({ id, name }) => ({ id, name })) : [],
      leadPartners: sides.cities.length ? sides.partners : [],
    },
    lastModified: later(row.updatedAt, row.eventUpdatedAt),
    url: meetingLink(ctx, row.id),
  };
}

async function meetingEntries(ctx: AppContext, actor: Actor, rows: MyMeetingRow[], now: Date): Promise<Entry[]> {
  const participants = await listParticipantsOf(ctx.db, rows.map((r) => r.id));
  const visible = rows.filter((row) =>
    canViewMeeting(
      actor,
      participants.filter((p) => p.requestId === row.id).map((p) => p.userId),
      { organiserOrganisationId: row.eventOrganiserOrganisationId },
    ),
  );
  const deals = await visibleDealsOfMeetings(ctx.db, actor, visible.map((r) => r.id));
  return visible.map((row) => meetingEntry(ctx, actor, row, participants.filter((p) => p.requestId === row.id), deals, now));
}

/** Everything in a person's agenda, in time order. */
async function agendaEntries(ctx: AppContext, actor: Actor, now: Date): Promise<Entry[]> {
  const registered = (await listMyRegisteredEvents(ctx.db, actor.userId)).filter((event) => canViewEvent(actor, event));
  const items = await listAgendaItemsOf(ctx.db, registered.map((e) => e.id));
  const sessions = registered.flatMap((event) => sessionEntries(event, items.filter((item) => item.eventId === event.id), eventLink(ctx, event.id)));
  // One entry per meeting, even if the person somehow appears in it twice.
  const meetingRows = uniqueBy(await listMyPublishedMeetings(ctx.db, actor.userId), (row) => row.id);
  const meetings = await meetingEntries(ctx, actor, meetingRows, now);
  return [...sessions, ...meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.endsAt.localeCompare(b.endsAt) || a.title.localeCompare(b.title));
}

const toAgendaEntry = ({ lastModified: _l, url: _u, ...entry }: Entry): AgendaEntry => entry;

export async function getMyAgenda(ctx: AppContext, viewer: Viewer, now = new Date()) {
  const actor = requireSignedIn(viewer);
  const entries = await agendaEntries(ctx, actor, now);
  const isPast = (entry: Entry) => new Date(entry.endsAt).getTime() <= now.getTime();
  return {
    upcoming: entries.filter((e) => !isPast(e)).map(toAgendaEntry),
    past: entries.filter(isPast).reverse().map(toAgendaEntry),
  };
}

/* ---- iCalendar ---- */

function calendarEntry(entry: Entry): CalendarEntry {
  const lines: string[] = [];
  if (entry.meeting) {
    lines.push('Participants:', ...entry.meeting.participants.map((p) => `- ${p.name} (${p.organisationName})`));
    if (entry.meeting.message) lines.push('', `Message: ${entry.meeting.message}`);
  } else {
    if (entry.description) lines.push(entry.description);
    if (entry.speakers.length) lines.push(`Speakers: ${entry.speakers.join(', ')}`);
  }
  if (entry.type !== 'event') lines.push('', `Event: ${entry.event.title}`);
  if (entry.onlineUrl) lines.push(`Online: ${entry.onlineUrl}`);
  lines.push(`Times are those of ${entry.timeZone}.`);
  return {
    uid: entry.uid,
    title: entry.type === 'session' ? `${entry.title} (${entry.event.title})` : entry.title,
    startsAt: new Date(entry.startsAt),
    endsAt: new Date(entry.endsAt),
    timeZone: entry.timeZone,
    location: entry.location || entry.onlineUrl || '',
    description: lines.join('\n').trim(),
    url: entry.url,
    cancelled: entry.status === 'cancelled',
    lastModified: entry.lastModified,
  };
}

const hostOf = (ctx: AppContext) => new URL(ctx.config.publicUrl).hostname;

async function personalIcs(ctx: AppContext, actor: Actor, refreshSeconds?: number) {
  const entries = await agendaEntries(ctx, actor, new Date());
  return toICalendar(entries.map(calendarEntry), {
    name: `Mitra: agenda of ${actor.name}`,
    description: 'Sessions of the events you registered for and your published B2B meetings, from Mitra (U.S.-ASEAN Smart Cities Partnership).',
    host: hostOf(ctx),
    refreshSeconds,
  });
}

export async function myAgendaIcs(ctx: AppContext, viewer: Viewer) {
  return personalIcs(ctx, requireSignedIn(viewer));
}

/** An event's public agenda (sessions only, never meetings), for whoever may see the event. */
export async function eventAgendaIcs(ctx: AppContext, viewer: Viewer, eventId: string) {
  const event = await findEvent(ctx.db, eventId);
  if (!event || !canViewEvent(viewer, event)) throw notFound('The event');
  const items = await listAgendaItemsOf(ctx.db, [event.id]);
  const visibleToPublic = canViewEvent(null, event);
  // The public's page of the event when there is one, else the workspace's.
  const url = visibleToPublic ? `${ctx.config.publicUrl}/events/${event.id}` : eventLink(ctx, event.id);
  const ics = toICalendar(sessionEntries(event, items, url).map(calendarEntry), { name: event.title, description: event.summary || undefined, host: hostOf(ctx) });
  // Anyone may cache what the public may see; anything else is the viewer's own.
  return { ics, fileName: `${slug(event.title)}.ics`, cacheControl: visibleToPublic ? 'public, max-age=300' : 'private, no-store' };
}

const slug = (title: string) =>
  title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
    .slice(0, 80) || 'agenda';

/* ---- Private subscription (calendar feed) ---- */

const feedUrl = (ctx: AppContext, token: string) => `${ctx.config.publicUrl}/api/v1/calendar/${token}.ics`;

export async function feedStatus(db: Db, viewer: Viewer) {
  const actor = requireSignedIn(viewer);
  const feed = await findFeedOfUser(db, actor.userId);
  return { active: feed !== undefined, createdAt: feed?.createdAt.toISOString() ?? null };
}

/** Creates the person's subscription link, or replaces it: the old link stops working at once. Only the token's hash is kept. */
export async function createFeed(ctx: AppContext, viewer: Viewer) {
  const actor = requireSignedIn(viewer);
  const token = newSecret();
  const now = new Date();
  await inTransaction(ctx, async (tx) => {
    const before = await findFeedOfUser(tx, actor.userId);
    await replaceFeed(tx, actor.userId, hashSecret(token), now);
    await writeAudit(tx, actor, {
      action: before ? 'calendar_feed.rotated' : 'calendar_feed.created',
      entityType: 'calendar_feed',
      entityId: actor.userId,
      before: before ? { createdAt: before.createdAt } : undefined,
      after: { createdAt: now },
    });
  });
  return { url: feedUrl(ctx, token), createdAt: now.toISOString() };
}

export async function revokeFeed(ctx: AppContext, viewer: Viewer) {
  const actor = requireSignedIn(viewer);
  await inTransaction(ctx, async (tx) => {
    const before = await findFeedOfUser(tx, actor.userId);
    if (!(await deleteFeed(tx, actor.userId))) return;
    await writeAudit(tx, actor, { action: 'calendar_feed.revoked', entityType: 'calendar_feed', entityId: actor.userId, before: before ? { createdAt: before.createdAt } : undefined });
  });
}

/** The agenda behind a subscription link: the token is the credential; an unknown one is not found. */
export async function feedIcs(ctx: AppContext, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound('The calendar feed');
  const owner = await findFeedOwner(ctx.db, hashSecret(token));
  if (!owner || owner.status !== 'active') throw notFound('The calendar feed');
  const { status: _s, ...actor } = owner;
  return personalIcs(ctx, actor, 3600);
}

/* ---- Meeting outcomes ---- */

const whenFormat = (zone: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });

/**
 * A participant records, for their own side, whether the meeting took place and what came of it,
 * once its slot has ended; they may correct it later. With `lead`, a deal at stage "lead" between the
 * meeting's city side and partner side is recorded in the same transaction.
 */
export async function recordOutcome(ctx: AppContext, viewer: Viewer, requestId: string, body: z.infer<typeof outcomeBodySchema>, now = new Date()) {
  const actor = requireSignedIn(viewer);
  const meeting = await findMeeting(ctx.db, requestId);
  const participants = meeting ? await listParticipantsOf(ctx.db, [requestId]) : [];
  if (!meeting || !canViewMeeting(actor, participants.map((p) => p.userId), { organiserOrganisationId: meeting.eventOrganiserOrganisationId })) {
    throw notFound('The meeting');
  }
  const mine = participants.find((p) => p.userId === actor.userId);
  if (!mine) throw forbidden("Only the meeting's participants record its outcome, each for their own side.");
  const others = participants.filter((p) => p.userId !== actor.userId).map(partyName).join(', ') || 'the other participants';
  if (meeting.status !== 'accepted') throw new AppError('conflict', `The meeting with ${others} was ${meeting.status}: there is no outcome to record.`);
  if (meeting.eventStatus === 'cancelled') throw new AppError('conflict', `The event "${meeting.eventTitle}" was cancelled: there is no outcome to record.`);
  if (mine.registrationStatus !== 'confirmed') {
    throw new AppError('conflict', `Your registration for "${meeting.eventTitle}" is ${mine.registrationStatus}, so the meeting is no longer in your agenda: there is no outcome to record.`);
  }
  if (!meeting.publishedAt || !meeting.slotEndsAt) {
    throw new AppError('conflict', `The meeting with ${others} has not been scheduled and published yet: record its outcome after it has taken place.`);
  }
  if (meeting.slotEndsAt.getTime() > now.getTime()) {
    throw new AppError(
      'conflict',
      `The meeting with ${others} has not ended yet: it ends on ${whenFormat(meeting.eventTimeZone).format(meeting.slotEndsAt)} (${meeting.eventTimeZone}). Record its outcome after that.`,
    );
  }

  const lead = body.lead ? planLead(actor, meeting, participants, body, await dealsOfMeeting(ctx.db, requestId)) : null;

  const created = await inTransaction(ctx, async (tx, after) => {
    const before = { happened: mine.happened, outcome: mine.outcome, outcomeRecordedAt: mine.outcomeRecordedAt };
    const fields = { happened: body.happened, outcome: body.outcome, outcomeRecordedAt: now };
    await updateOutcome(tx, requestId, mine.registrationId, fields);
    await writeAudit(tx, actor, { action: 'meeting.outcome_recorded', entityType: 'meeting_request', entityId: requestId, before, after: { registrationId: mine.registrationId, ...fields } });
    if (!lead) return null;
    // The people of both sides who were in the meeting hear of the lead, with their administrators.
    const sideUserIds = participants.filter((p) => p.organisationId === lead.partnerOrganisationId || (p.organisationKind === 'city_government' && p.cityId === lead.cityId)).map((p) => p.userId);
    return recordDeal(ctx, tx, after, actor, lead, sideUserIds);
  });

  const [row] = await listMyPublishedMeetings(ctx.db, actor.userId, requestId);
  const [entry] = await meetingEntries(ctx, actor, row ? [row] : [], now);
  return { entry: toAgendaEntry(entry!), lead: created ? { id: created.id, title: created.title } : null };
}

/** Checks a lead asked for with an outcome and works out its city and partner. */
function planLead(
  actor: Actor,
  meeting: NonNullable<Awaited<ReturnType<typeof findMeeting>>>,
  participants: ParticipantRow[],
  body: z.infer<typeof outcomeBodySchema>,
  existing: Awaited<ReturnType<typeof dealsOfMeeting>>,
) {
  const lead = body.lead!;
  if (!body.happened) throw invalidInput('The lead', [{ field: 'body.lead', message: 'a lead can only come from a meeting that took place' }]);
  const { cities, partners } = leadSides(participants);
  if (cities.length === 0) {
    throw new AppError(
      'conflict',
      'Nobody from a city government took part in this meeting, so a lead from it would have no city. Record the outcome without a lead; a deal with a city can be recorded on the Deals page.',
    );
  }
  if (partners.length === 0) {
    throw new AppError('conflict', 'No company or other partner organisation took part in this meeting, so a lead from it would have no partner. Record the outcome without a lead.');
  }
  const names = (list: { id: string; name: string }[]) => list.map((c) => `${c.name} (${c.id})`).join(', ');
  const city = cities.length === 1 && !lead.cityId ? cities[0] : cities.find((c) => c.id === lead.cityId);
  if (!city) {
    throw invalidInput('The lead', [
      { field: 'body.lead.cityId', message: lead.cityId ? `must be the city of one of the meeting's city participants: ${names(cities)}` : `choose the city: ${names(cities)}` },
    ]);
  }
  const ownPartner = partners.find((p) => p.id === actor.organisationId);
  const partner = lead.partnerOrganisationId
    ? partners.find((p) => p.id === lead.partnerOrganisationId)
    : partners.length === 1
      ? partners[0]
      : ownPartner;
  if (!partner) {
    throw invalidInput('The lead', [
      {
        field: 'body.lead.partnerOrganisationId',
        message: lead.partnerOrganisationId ? `must be the organisation of one of the meeting's partner participants: ${names(partners)}` : `choose the partner organisation: ${names(partners)}`,
      },
    ]);
  }
  if (!canEditDeal(actor, { cityId: city.id, countryCode: city.countryCode, partnerOrganisationId: partner.id })) {
    throw forbidden(`Only ${city.name}'s staff, ${partner.name}'s members or the secretariat record a lead between them. Record the outcome without a lead.`);
  }
  const duplicate = existing.find((d) => d.cityId === city.id && d.partnerOrganisationId === partner.id);
  if (duplicate) {
    throw new AppError('conflict', `A lead from this meeting between ${partner.name} and ${city.name} already exists: "${duplicate.title}". Follow it up on the Deals page, or record the outcome without a lead.`);
  }
  const value = lead.value ? { valueMinor: toMinorUnits(lead.value.amount, lead.value.currency, 'body.lead.value'), currency: lead.value.currency } : { valueMinor: null, currency: null };
  return {
    title: lead.title ?? `Lead from ${meeting.eventTitle}: ${partner.name} and ${city.name}`,
    cityId: city.id,
    partnerOrganisationId: partner.id,
    stage: 'lead' as const,
    ...value,
    source: 'meeting' as const,
    eventId: meeting.eventId,
    meetingRequestId: meeting.id,
    notes: lead.notes || body.outcome,
  };
}
