/**
 * B2B matchmaking at events (issue 4): participants' profiles, availability and suggestions of whom to
 * meet; meeting requests (one-to-one or group) with their caps; the organisers' scheduler (slots,
 * tables, runs of src/engines/scheduler, locks, publication). See scheduling.ts for the scheduler.
 *
 * Who sees what: a meeting request is seen by its participants and the event's organisers
 * (canViewMeeting); a participant sees a meeting's slot and table only once the organisers published
 * it. Profiles (offers, seeks, focus areas) are seen by the event's confirmed participants and
 * organisers; needs, passport names and badges never leave the events module.
 */
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { RegistrationStatus } from '../../db/schema/events.js';
import { suggest, type MatchmakingProfile, type Side, type SuggestionReason } from '../../engines/matchmaking/suggestions.js';
import { canViewMeeting, isEventOrganiser, requireSignedIn, type Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, invalidInput, notFound, type FieldProblem } from '../../server/errors.js';
import { inTransaction } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { listFocusAreas } from '../cities/queries.js';
import { notify } from '../notifications/service.js';
import {
  countAcceptedMeetings,
  countOpenSent,
  findOpenRequestAmong,
  findParticipantOfUser,
  findRequest,
  insertRequest,
  listOpenCounterparts,
  listParticipants,
  listRequestParticipants,
  listRequests,
  listSlots,
  listTables,
  listUnavailableSlotIds,
  lockEvent,
  replaceUnavailability,
  setResponse,
  updateProfile,
  updateRequest,
  type EventRow,
  type ParticipantRow,
  type RequestParticipantRow,
  type RequestRow,
  type SlotRow,
  type TableRow,
} from './queries.js';
import { loadOrganisedEvent, loadVisibleEvent } from '../events/event-access.js';
import type { availabilityBodySchema, createRequestBodySchema, declineBodySchema, listRequestsQuerySchema, profileBodySchema, suggestionsQuerySchema } from './schemas.js';

export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);

/* ---- Events and who the viewer is in them ---- */

export function presentEvent(event: EventRow) {
  return {
    id: event.id,
    title: event.title,
    timeZone: event.timeZone,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    status: event.status,
    matchmakingEnabled: event.matchmakingEnabled,
    maxRequestsPerPerson: event.maxRequestsPerPerson,
    maxMeetingsPerPerson: event.maxMeetingsPerPerson,
  };
}

// Events are loaded with the events module's own access checks: one place says who sees and organises an event.
export { loadOrganisedEvent, loadVisibleEvent };

export function assertMatchmaking(event: EventRow) {
  if (!event.matchmakingEnabled) throw conflict('Matchmaking is not open for this event: its organisers have not enabled it.');
}

/** Cancelled and completed events are closed; `published` also refuses drafts (participants act only on published events). */
export function assertEventOpen(event: EventRow, options: { published?: boolean } = {}) {
  if (event.status === 'cancelled') throw conflict('The event was cancelled: its matchmaking is closed.');
  if (event.status === 'completed') throw conflict('The event is completed: its matchmaking is closed.');
  if (options.published && event.status !== 'published') throw conflict('The event is not published yet: matchmaking opens when it is.');
}

const liveRegistration: RegistrationStatus[] = ['pending', 'confirmed', 'waitlisted'];

/** The viewer's own registration, which must be confirmed to take part in matchmaking. */
async function loadConfirmedParticipant(db: Db, viewer: Viewer, eventId: string) {
  const actor = requireSignedIn(viewer);
  const event = await loadVisibleEvent(db, actor, eventId);
  assertMatchmaking(event);
  const me = await findParticipantOfUser(db, eventId, actor.userId);
  if (!me) throw forbidden('Only participants registered for this event take part in its matchmaking: register first.');
  if (me.status !== 'confirmed') throw conflict(`Your registration is ${statusWords[me.status]}: matchmaking opens to you once it is confirmed.`);
  return { actor, event, me };
}

const statusWords: Record<RegistrationStatus, string> = {
  pending: 'waiting for the organisers’ approval',
  confirmed: 'confirmed',
  waitlisted: 'on the waiting list',
  declined: 'declined',
  cancelled: 'cancelled',
};

/* ---- Wording ---- */

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
function format(map: Map<string, Intl.DateTimeFormat>, zone: string, options: Intl.DateTimeFormatOptions) {
  let formatter = map.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone });
    map.set(zone, formatter);
  }
  return formatter;
}

/** "10 Mar 2025, 09:00–09:30 (Asia/Jakarta)": a slot in the event's zone, named. */
export function slotLabel(slot: { startsAt: Date; endsAt: Date }, zone: string): string {
  const day = format(dayFormats, zone, { day: 'numeric', month: 'short', year: 'numeric' });
  const time = format(timeFormats, zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${day.format(slot.startsAt)}, ${time.format(slot.startsAt)}–${time.format(slot.endsAt)} (${zone})`;
}

export const who = (p: { name: string; organisationName: string }) => `${p.name} (${p.organisationName})`;
export const listInWords = (names: string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/* ---- Presenting requests ---- */

export type Grid = { slots: Map<string, SlotRow>; tables: Map<string, TableRow> };

export async function loadGrid(db: Db, eventId: string): Promise<Grid> {
  const [slots, tables] = await Promise.all([listSlots(db, eventId), listTables(db, eventId)]);
  return { slots: new Map(slots.map((s) => [s.id, s])), tables: new Map(tables.map((t) => [t.id, t])) };
}

export function groupParticipants(rows: RequestParticipantRow[]) {
  const byRequest = new Map<string, RequestParticipantRow[]>();
  for (const row of rows) byRequest.set(row.requestId, [...(byRequest.get(row.requestId) ?? []), row]);
  return byRequest;
}

/**
 * A request as the viewer may see it: organisers see the draft placement, participants only the
 * published one. `viewerRegistrationId` decides what the viewer may do with it.
 */
export function presentRequest(request: RequestRow, participants: RequestParticipantRow[], grid: Grid, view: { organiser: boolean; viewerRegistrationId: string | null }) {
  const showPlacement = view.organiser || request.publishedAt !== null;
  const slot = showPlacement && request.slotId ? grid.slots.get(request.slotId) : undefined;
  const table = showPlacement && request.tableId ? grid.tables.get(request.tableId) : undefined;
  const mine = participants.find((p) => p.registrationId === view.viewerRegistrationId);
  return {
    id: request.id,
    eventId: request.eventId,
    status: request.status,
    message: request.message,
    weight: request.weight,
    requesterRegistrationId: request.requesterRegistrationId,
    participants: participants.map((p) => ({
      registrationId: p.registrationId,
      name: p.name,
      organisationName: p.organisationName,
      organisationKind: p.organisationKind,
      participantType: p.participantType,
      response: p.response,
      respondedAt: p.respondedAt?.toISOString() ?? null,
      registrationStatus: p.registrationStatus,
    })),
    slot: slot ? { id: slot.id, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() } : null,
    table: table ? { id: table.id, name: table.name } : null,
    locked: view.organiser ? request.locked : false,
    publishedAt: request.publishedAt?.toISOString() ?? null,
    createdAt: request.createdAt.toISOString(),
    updatedAt: request.updatedAt.toISOString(),
    canRespond: request.status === 'pending' && mine?.response === 'pending',
    canCancel: (request.status === 'pending' || request.status === 'accepted') && mine !== undefined && mine.response === 'requester',
  };
}

async function presentRequests(db: Db, requests: RequestRow[], grid: Grid, view: { organiser: boolean; viewerRegistrationId: string | null }) {
  const byRequest = groupParticipants(await listRequestParticipants(db, requests.map((r) => r.id)));
  return requests.map((r) => presentRequest(r, byRequest.get(r.id) ?? [], grid, view));
}

/* ---- The participant's overview, profile and availability ---- */

const presentParticipant = (p: ParticipantRow) => ({
  registrationId: p.registrationId,
  name: p.name,
  organisationName: p.organisationName,
  organisationKind: p.organisationKind,
  participantType: p.participantType,
});
const presentProfile = (p: ParticipantRow) => ({ ...presentParticipant(p), offers: p.offers, seeks: p.seeks, focusAreaIds: p.focusAreaIds });

/** `/app/events/:eventId/matchmaking`: everything the participant's page shows, in one answer. */
export async function getMyMatchmaking(db: Db, viewer: Viewer, eventId: string) {
  const actor = requireSignedIn(viewer);
  const event = await loadVisibleEvent(db, actor, eventId);
  const me = await findParticipantOfUser(db, eventId, actor.userId);
  const grid = await loadGrid(db, eventId);
  const view = { organiser: false, viewerRegistrationId: me?.registrationId ?? null };
  const requests = me ? await presentRequests(db, await listRequests(db, eventId, { involving: me.registrationId }), grid, view) : [];
  const [unavailableSlotIds, requestsSent, meetings] = me
    ? await Promise.all([listUnavailableSlotIds(db, me.registrationId), countOpenSent(db, me.registrationId), countAcceptedMeetings(db, [me.registrationId])])
    : [[], 0, new Map<string, number>()];
  return {
    event: presentEvent(event),
    isOrganiser: isEventOrganiser(actor, event),
    registration: me ? { id: me.registrationId, status: me.status } : null,
    profile: me ? presentProfile(me) : null,
    unavailableSlotIds,
    slots: [...grid.slots.values()].map((s) => ({ id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    requestsSent,
    meetings: me ? (meetings.get(me.registrationId) ?? 0) : 0,
    sent: requests.filter((r) => r.requesterRegistrationId === me?.registrationId),
    received: requests.filter((r) => r.requesterRegistrationId !== me?.registrationId),
  };
}

/** The viewer's own registration, while it is live (pending, confirmed or waitlisted). */
async function loadOwnLiveRegistration(db: Db, viewer: Viewer, eventId: string) {
  const actor = requireSignedIn(viewer);
  const event = await loadVisibleEvent(db, actor, eventId);
  assertMatchmaking(event);
  assertEventOpen(event);
  const me = await findParticipantOfUser(db, eventId, actor.userId);
  if (!me) throw forbidden('Only participants registered for this event have a matchmaking profile: register first.');
  if (!liveRegistration.includes(me.status)) throw conflict(`Your registration is ${statusWords[me.status]}: your matchmaking profile can no longer change.`);
  return { actor, event, me };
}

export async function saveProfile(ctx: AppContext, viewer: Viewer, eventId: string, body: z.infer<typeof profileBodySchema>) {
  const { actor, me } = await loadOwnLiveRegistration(ctx.db, viewer, eventId);
  const focusAreaIds = [...new Set(body.focusAreaIds)];
  const known = new Set((await listFocusAreas(ctx.db)).map((f) => f.id));
  const unknown = focusAreaIds.filter((id) => !known.has(id));
  if (unknown.length) throw invalidInput('The profile', [{ field: 'body.focusAreaIds', message: `"${unknown.join('", "')}" is not one of the six ASEAN focus areas` }]);
  await inTransaction(ctx, async (tx) => {
    await updateProfile(tx, me.registrationId, { offers: body.offers, seeks: body.seeks, focusAreaIds });
    await writeAudit(tx, actor, {
      action: 'matchmaking.profile_saved',
      entityType: 'registration',
      entityId: me.registrationId,
      before: { offers: me.offers, seeks: me.seeks, focusAreaIds: me.focusAreaIds },
      after: { offers: body.offers, seeks: body.seeks, focusAreaIds },
    });
  });
  return getMyMatchmaking(ctx.db, viewer, eventId);
}

export async function saveAvailability(ctx: AppContext, viewer: Viewer, eventId: string, body: z.infer<typeof availabilityBodySchema>) {
  const { actor, me } = await loadOwnLiveRegistration(ctx.db, viewer, eventId);
  const slotIds = [...new Set(body.unavailableSlotIds)];
  const slots = new Set((await listSlots(ctx.db, eventId)).map((s) => s.id));
  const problems: FieldProblem[] = [];
  body.unavailableSlotIds.forEach((id, i) => {
    if (!slots.has(id)) problems.push({ field: `body.unavailableSlotIds.${i}`, message: 'is not a meeting slot of this event (the organisers may have removed it: reload the page)' });
  });
  if (problems.length) throw invalidInput('Your availability', problems);
  await inTransaction(ctx, async (tx) => {
    const before = await listUnavailableSlotIds(tx, me.registrationId);
    await replaceUnavailability(tx, me.registrationId, slotIds);
    await writeAudit(tx, actor, { action: 'matchmaking.availability_saved', entityType: 'registration', entityId: me.registrationId, before: { unavailableSlotIds: before }, after: { unavailableSlotIds: slotIds } });
  });
  return getMyMatchmaking(ctx.db, viewer, eventId);
}

/* ---- Participants and suggestions ---- */

/** Confirmed participants and organisers see the event's confirmed participants' profiles. */
async function loadDirectoryViewer(db: Db, viewer: Viewer, eventId: string) {
  const actor = requireSignedIn(viewer);
  const event = await loadVisibleEvent(db, actor, eventId);
  const me = await findParticipantOfUser(db, eventId, actor.userId);
  const organiser = isEventOrganiser(actor, event);
  if (!organiser) {
    assertMatchmaking(event);
    if (!me) throw forbidden('Only participants registered for this event see who else takes part: register first.');
    if (me.status !== 'confirmed') throw conflict(`Your registration is ${statusWords[me.status]}: you see the other participants once it is confirmed.`);
  }
  return { actor, event, me };
}

export async function listMatchmakingParticipants(db: Db, viewer: Viewer, eventId: string) {
  const { me } = await loadDirectoryViewer(db, viewer, eventId);
  const rows = await listParticipants(db, eventId, { confirmedOnly: true });
  return { items: rows.filter((p) => p.registrationId !== me?.registrationId).map(presentProfile) };
}

const cityTypes = new Set(['city_delegate', 'national_representative']);
const partnerTypes = new Set(['industry', 'us_government', 'us_city']);
const cityKinds = new Set(['city_government', 'national_agency']);
const partnerKinds = new Set(['company', 'us_city', 'us_agency']);

/** Which side of the city ↔ company/U.S. partner fit a participant is on: their participant type, else their organisation's kind. */
export function sideOf(p: Pick<ParticipantRow, 'participantType' | 'organisationKind'>): Side {
  if (cityTypes.has(p.participantType)) return 'city';
  if (partnerTypes.has(p.participantType)) return 'partner';
  if (cityKinds.has(p.organisationKind)) return 'city';
  if (partnerKinds.has(p.organisationKind)) return 'partner';
  return 'other';
}

const toProfile = (p: ParticipantRow): MatchmakingProfile => ({ id: p.registrationId, side: sideOf(p), offers: p.offers, seeks: p.seeks, focusAreaIds: p.focusAreaIds });

function reasonText(reason: SuggestionReason, focusNames: Map<string, string>): string {
  switch (reason.kind) {
    case 'they_offer':
      return reason.offer.toLowerCase() === reason.seek.toLowerCase() ? `offers: ${reason.offer}, which you seek` : `offers: ${reason.offer}, which fits what you seek (${reason.seek})`;
    case 'they_seek':
      return reason.offer.toLowerCase() === reason.seek.toLowerCase() ? `seeks: ${reason.seek}, which you offer` : `seeks: ${reason.seek}, which fits what you offer (${reason.offer})`;
    case 'focus_area':
      return `shared focus area: ${focusNames.get(reason.focusAreaId) ?? reason.focusAreaId}`;
    case 'fit':
      return reason.side === 'partner' ? 'a company or U.S. partner, for a city delegation' : 'a city delegation, for a company or U.S. partner';
  }
}

/** Other confirmed participants ranked by fit (colleagues of one's own organisation left out), with the reasons in words. */
export async function suggestions(db: Db, viewer: Viewer, eventId: string, query: z.infer<typeof suggestionsQuerySchema>) {
  const { me } = await loadConfirmedParticipant(db, viewer, eventId);
  const others = (await listParticipants(db, eventId, { confirmedOnly: true })).filter((p) => p.registrationId !== me.registrationId && p.organisationId !== me.organisationId);
  const byId = new Map(others.map((p) => [p.registrationId, p]));
  const [focusAreas, counterparts] = await Promise.all([listFocusAreas(db), listOpenCounterparts(db, me.registrationId)]);
  const focusNames = new Map(focusAreas.map((f) => [f.id, f.name]));
  const ranked = suggest(toProfile(me), others.map(toProfile), query.limit);
  return {
    items: ranked.map((s) => ({
      ...presentProfile(byId.get(s.id)!),
      score: s.score,
      reasons: s.reasons.map((r) => ({ kind: r.kind, points: r.points, text: reasonText(r, focusNames) })),
      hasOpenRequest: counterparts.has(s.id),
    })),
  };
}

/* ---- Meeting requests ---- */

const link = (eventId: string) => `/app/events/${eventId}/matchmaking`;

export async function listEventRequests(db: Db, viewer: Viewer, eventId: string, query: z.infer<typeof listRequestsQuerySchema>) {
  const actor = requireSignedIn(viewer);
  const event = await loadVisibleEvent(db, actor, eventId);
  const organiser = isEventOrganiser(actor, event);
  const me = await findParticipantOfUser(db, eventId, actor.userId);
  if (!organiser && !me) return { items: [] };
  const statuses = query.status ? [query.status] : undefined;
  const rows = await listRequests(db, eventId, { statuses, involving: organiser ? undefined : me!.registrationId });
  return { items: await presentRequests(db, rows, await loadGrid(db, eventId), { organiser, viewerRegistrationId: me?.registrationId ?? null }) };
}

/** A request the viewer may not see (neither a participant nor an organiser) answers as not found. */
async function loadVisibleRequest(db: Db, viewer: Viewer, eventId: string, requestId: string) {
  const actor = requireSignedIn(viewer);
  const event = await loadVisibleEvent(db, actor, eventId);
  const request = await findRequest(db, eventId, requestId);
  if (!request) throw notFound('The meeting request');
  const participants = await listRequestParticipants(db, [requestId]);
  if (!canViewMeeting(actor, participants.map((p) => p.userId), event)) throw notFound('The meeting request');
  return { actor, event, request, participants };
}

export async function getRequest(db: Db, viewer: Viewer, eventId: string, requestId: string) {
  const { actor, event, request, participants } = await loadVisibleRequest(db, viewer, eventId, requestId);
  const mine = participants.find((p) => p.userId === actor.userId);
  return presentRequest(request, participants, await loadGrid(db, eventId), { organiser: isEventOrganiser(actor, event), viewerRegistrationId: mine?.registrationId ?? null });
}

/** Refusals that name the cap, in the event's words. */
const capOfRequests = (event: EventRow) => `maximum requests per person: ${event.maxRequestsPerPerson}`;
const capOfMeetings = (event: EventRow) => `maximum meetings per person: ${event.maxMeetingsPerPerson}`;

/** Those among `people` already in as many accepted meetings as the event allows. */
async function atMeetingCap(db: Db, event: EventRow, people: { registrationId: string; name: string; organisationName: string }[]) {
  const counts = await countAcceptedMeetings(
    db,
    people.map((p) => p.registrationId),
  );
  return people.filter((p) => (counts.get(p.registrationId) ?? 0) >= event.maxMeetingsPerPerson);
}

export async function createRequest(ctx: AppContext, viewer: Viewer, eventId: string, body: z.infer<typeof createRequestBodySchema>) {
  const { actor, event, me } = await loadConfirmedParticipant(ctx.db, viewer, eventId);
  assertEventOpen(event, { published: true });
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  body.inviteeRegistrationIds.forEach((id, i) => {
    if (id === me.registrationId) problems.push({ field: `body.inviteeRegistrationIds.${i}`, message: 'is you: a meeting request goes to other participants' });
    else if (seen.has(id)) problems.push({ field: `body.inviteeRegistrationIds.${i}`, message: 'is listed twice' });
    seen.add(id);
  });
  const inviteeIds = [...seen].filter((id) => id !== me.registrationId);
  const invitees = await listParticipants(ctx.db, eventId, { registrationIds: inviteeIds });
  const found = new Map(invitees.map((p) => [p.registrationId, p]));
  body.inviteeRegistrationIds.forEach((id, i) => {
    if (id === me.registrationId) return;
    const invitee = found.get(id);
    if (!invitee) problems.push({ field: `body.inviteeRegistrationIds.${i}`, message: 'is not a participant of this event' });
    else if (invitee.status !== 'confirmed') problems.push({ field: `body.inviteeRegistrationIds.${i}`, message: `${who(invitee)} is not a confirmed participant (their registration is ${statusWords[invitee.status]})` });
  });
  if (problems.length) throw invalidInput('The meeting request', problems);

  const requestId = await inTransaction(ctx, async (tx, after) => {
    const current = (await lockEvent(tx, eventId))!;
    const duplicate = await findOpenRequestAmong(tx, eventId, [me.registrationId, ...inviteeIds]);
    if (duplicate) {
      throw conflict(
        duplicate.status === 'pending'
          ? `A request for a meeting between exactly these participants is already waiting for answers: you cannot send it twice.`
          : `These participants already have an accepted meeting together: you cannot request it twice.`,
        { requestId: duplicate.id },
      );
    }
    const sent = await countOpenSent(tx, me.registrationId);
    if (sent >= current.maxRequestsPerPerson) {
      throw conflict(`You have already sent ${sent} meeting requests that are pending or accepted, the most this event allows (${capOfRequests(current)}). Cancel one to send another.`);
    }
    const full = await atMeetingCap(tx, current, [me, ...invitees]);
    if (full.some((p) => p.registrationId === me.registrationId)) {
      throw conflict(`You already have ${current.maxMeetingsPerPerson} accepted meetings, the most this event allows (${capOfMeetings(current)}).`);
    }
    if (full.length) {
      throw conflict(`${listInWords(full.map(who))} already ${full.length === 1 ? 'has' : 'have'} ${current.maxMeetingsPerPerson} accepted meetings, the most this event allows (${capOfMeetings(current)}).`);
    }
    const id = await insertRequest(tx, { eventId, requesterRegistrationId: me.registrationId, message: body.message }, inviteeIds);
    await writeAudit(tx, actor, { action: 'meeting_request.created', entityType: 'meeting_request', entityId: id, after: { eventId, requesterRegistrationId: me.registrationId, inviteeRegistrationIds: inviteeIds, message: body.message } });
    const others = invitees.length > 1 ? ` together with ${listInWords(invitees.map(who))}` : '';
    await notify(ctx, tx, after, invitees.map((p) => p.userId), {
      kind: 'meeting_request.received',
      title: `Meeting request from ${who(me)}`,
      body: `${who(me)} asks to meet you at ${current.title}${others}.${body.message ? `\n\nTheir message: ${body.message}` : ''}\n\nAccept or decline it on your matchmaking page.`,
      link: link(eventId),
    });
    return id;
  });
  return getRequest(ctx.db, viewer, eventId, requestId);
}

/** Loads the request inside the transaction, under the event's lock, for a change by one of its participants. */
async function lockForChange(tx: Db, viewer: Viewer, eventId: string, requestId: string) {
  const actor = requireSignedIn(viewer);
  const event = (await lockEvent(tx, eventId))!;
  const request = await findRequest(tx, eventId, requestId, { lock: true });
  const participants = request ? await listRequestParticipants(tx, [requestId]) : [];
  if (!request || !canViewMeeting(actor, participants.map((p) => p.userId), event)) throw notFound('The meeting request');
  const mine = participants.find((p) => p.userId === actor.userId);
  return { actor, event, request, participants, mine };
}

function assertInvitee(request: RequestRow, mine: RequestParticipantRow | undefined, doing: 'accept' | 'decline') {
  if (!mine) throw forbidden(`Only the invited participants ${doing} a meeting request.`);
  if (mine.response === 'requester') throw conflict(`You sent this request: you cannot ${doing} it yourself (you may cancel it).`);
  if (request.status !== 'pending') throw conflict(`The request is ${request.status}: only a pending request can be ${doing === 'accept' ? 'accepted' : 'declined'}.`);
  if (mine.response !== 'pending') throw conflict(`You have already ${mine.response} this request.`);
}

const others = (participants: RequestParticipantRow[], except: string) => participants.filter((p) => p.registrationId !== except);
const requesterOf = (participants: RequestParticipantRow[]) => participants.find((p) => p.response === 'requester')!;

export async function acceptRequest(ctx: AppContext, viewer: Viewer, eventId: string, requestId: string) {
  await inTransaction(ctx, async (tx, after) => {
    const { actor, event, request, participants, mine } = await lockForChange(tx, viewer, eventId, requestId);
    assertEventOpen(event, { published: true });
    assertInvitee(request, mine, 'accept');
    if (mine!.registrationStatus !== 'confirmed') throw conflict(`Your registration is ${statusWords[mine!.registrationStatus]}: only confirmed participants accept meetings.`);
    const everyoneAccepted = participants.every((p) => p.registrationId === mine!.registrationId || p.response !== 'pending');
    // Caps count accepted meetings: check the accepting participant, and everyone once the meeting becomes accepted.
    const full = await atMeetingCap(tx, event, everyoneAccepted ? participants : [mine!]);
    if (full.some((p) => p.registrationId === mine!.registrationId)) {
      throw conflict(`You already have ${event.maxMeetingsPerPerson} accepted meetings, the most this event allows (${capOfMeetings(event)}). Cancel or decline another to accept this one.`);
    }
    if (full.length) {
      throw conflict(`${listInWords(full.map(who))} already ${full.length === 1 ? 'has' : 'have'} ${event.maxMeetingsPerPerson} accepted meetings, the most this event allows (${capOfMeetings(event)}): the meeting cannot be accepted now.`);
    }
    if (everyoneAccepted) {
      const unconfirmed = participants.filter((p) => p.registrationStatus !== 'confirmed');
      if (unconfirmed.length) throw conflict(`${listInWords(unconfirmed.map((p) => `${who(p)} (registration ${statusWords[p.registrationStatus]})`))} no longer ${unconfirmed.length === 1 ? 'takes' : 'take'} part: the meeting cannot be accepted.`);
    }
    const now = new Date();
    await setResponse(tx, requestId, mine!.registrationId, 'accepted', now);
    if (everyoneAccepted) await updateRequest(tx, requestId, { status: 'accepted' });
    await writeAudit(tx, actor, {
      action: everyoneAccepted ? 'meeting_request.accepted' : 'meeting_request.accepted_by_participant',
      entityType: 'meeting_request',
      entityId: requestId,
      before: { status: request.status, response: 'pending' },
      after: { status: everyoneAccepted ? 'accepted' : 'pending', registrationId: mine!.registrationId, response: 'accepted' },
    });
    const requester = requesterOf(participants);
    if (everyoneAccepted) {
      await notify(ctx, tx, after, others(participants, mine!.registrationId).map((p) => p.userId), {
        kind: 'meeting_request.accepted',
        title: `Meeting accepted: ${listInWords([...new Set(participants.map((p) => p.organisationName))])}`,
        body: `Everyone accepted the meeting requested by ${who(requester)} at ${event.title}. The organisers will place it in the schedule; you will be told its time and table when they publish it.`,
        link: link(eventId),
      });
    } else {
      const waiting = participants.filter((p) => p.response === 'pending' && p.registrationId !== mine!.registrationId);
      await notify(ctx, tx, after, [requester.userId], {
        kind: 'meeting_request.accepted_by_participant',
        title: `${who(mine!)} accepted your meeting request`,
        body: `${who(mine!)} accepted your meeting request at ${event.title}. Still waiting for ${listInWords(waiting.map(who))}.`,
        link: link(eventId),
      });
    }
  });
  return getRequest(ctx.db, viewer, eventId, requestId);
}

export async function declineRequest(ctx: AppContext, viewer: Viewer, eventId: string, requestId: string, body: z.infer<typeof declineBodySchema>) {
  const reason = body?.reason ?? '';
  await inTransaction(ctx, async (tx, after) => {
    const { actor, event, request, participants, mine } = await lockForChange(tx, viewer, eventId, requestId);
    assertEventOpen(event);
    assertInvitee(request, mine, 'decline');
    await setResponse(tx, requestId, mine!.registrationId, 'declined', new Date());
    await updateRequest(tx, requestId, { status: 'declined' });
    await writeAudit(tx, actor, {
      action: 'meeting_request.declined',
      entityType: 'meeting_request',
      entityId: requestId,
      before: { status: request.status },
      after: { status: 'declined', registrationId: mine!.registrationId, reason },
    });
    await notify(ctx, tx, after, others(participants, mine!.registrationId).map((p) => p.userId), {
      kind: 'meeting_request.declined',
      title: `${who(mine!)} declined the meeting request`,
      body: `${who(mine!)} declined the meeting requested by ${who(requesterOf(participants))} at ${event.title}, so it will not take place.${reason ? `\n\nTheir reason: ${reason}` : ''}`,
      link: link(eventId),
    });
  });
  return getRequest(ctx.db, viewer, eventId, requestId);
}

/** The requester withdraws a pending request or calls off an accepted meeting (its place in the schedule is freed). */
export async function cancelRequest(ctx: AppContext, viewer: Viewer, eventId: string, requestId: string) {
  await inTransaction(ctx, async (tx, after) => {
    const { actor, event, request, participants, mine } = await lockForChange(tx, viewer, eventId, requestId);
    if (!mine || mine.response !== 'requester') throw forbidden('Only the participant who sent a meeting request can cancel it.');
    if (request.status !== 'pending' && request.status !== 'accepted') throw conflict(`The request is already ${request.status}.`);
    const grid = await loadGrid(tx, eventId);
    const slot = request.publishedAt && request.slotId ? grid.slots.get(request.slotId) : undefined;
    await updateRequest(tx, requestId, { status: 'cancelled', slotId: null, tableId: null, locked: false });
    await writeAudit(tx, actor, {
      action: 'meeting_request.cancelled',
      entityType: 'meeting_request',
      entityId: requestId,
      before: { status: request.status, slotId: request.slotId, tableId: request.tableId, locked: request.locked },
      after: { status: 'cancelled', slotId: null, tableId: null, locked: false },
    });
    await notify(ctx, tx, after, others(participants, mine.registrationId).map((p) => p.userId), {
      kind: 'meeting_request.cancelled',
      title: `${who(mine)} cancelled ${request.status === 'accepted' ? 'the meeting' : 'the meeting request'}`,
      body: `${who(mine)} cancelled ${request.status === 'accepted' ? 'your meeting' : 'their meeting request'} at ${event.title}${slot ? `, which was scheduled for ${slotLabel(slot, event.timeZone)}` : ''}.`,
      link: link(eventId),
    });
  });
  return getRequest(ctx.db, viewer, eventId, requestId);
}
