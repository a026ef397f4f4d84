/**
 * Events and reverse trade missions (activities 1a, 1b): creating and editing them, their lifecycle
 * (draft → published → completed, or cancelled), agenda and itinerary, invitation lists, and what
 * each viewer sees of them. Registrations live in registrations.ts; both check access through
 * src/policy/policy.ts.
 *
 * Times are entered as the organiser reads them on the local programme ("10 March, 09:00" in Ho Chi
 * Minh City), stored as UTC instants, and answered in both forms.
 */
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { OrganisationKind } from '../../db/schema/accounts.js';
import {
  canCreateEvents,
  canViewDeal,
  canViewProject,
  isEventOrganiser,
  isSecretariat,
  requireSignedIn,
  type Actor,
  type Viewer,
} from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, invalidInput, notFound, type FieldProblem } from '../../server/errors.js';
import { decodeCursor, pageOf } from '../../server/pagination.js';
import { inTransaction, type AfterCommit } from '../../server/transaction.js';
import { findOrganisation } from '../accounts/queries.js';
import { writeAudit } from '../audit/queries.js';
import { recordEmail } from '../mail/service.js';
import { notify } from '../notifications/service.js';
import { assertEventOpen, loadOrganisedEvent, loadVisibleEvent, parseInput, registrationClosedReason } from './event-access.js';
import { atInZone, datesInZone, isTimeZone, toZonedLocal, zonedLocalToUtc } from './event-time.js';
import { fillFreePlaces } from './places.js';
import {
  countConfirmed,
  countRegistrations,
  deleteAgendaItemRow,
  deleteInvitation,
  findAgendaItem,
  findEvent,
  findProjectsByIds,
  findRegistrationOf,
  findUsersByEmails,
  insertAgendaItem,
  insertEvent,
  insertInvitations,
  isInvited,
  listActiveRegistrantIds,
  listAgenda,
  listDelegates,
  listEventDeals,
  listEventProjects,
  listEventRows,
  listInvitationRows,
  lockEvent,
  setEventProjects,
  updateAgendaItemRow,
  updateEventRow,
  type AgendaItemRow,
  type EventRow,
  type EventScope,
} from './queries.js';
import { presentRegistration } from './registrations.js';
import {
  agendaItemBodySchema,
  createEventBodySchema,
  type eventTransitionBodySchema,
  type invitationsBodySchema,
  type listEventsQuerySchema,
  type updateAgendaItemBodySchema,
  type updateEventBodySchema,
} from './schemas.js';

export { cancelRegistration, decideRegistration, register, updateRegistration } from './registrations.js';

/** Organisations that may organise events (as policy.canCreateEvents says of their members). */
const organiserKinds: OrganisationKind[] = ['secretariat', 'us_agency'];

/* ---- Presenting ---- */

export function presentAgendaItem(row: AgendaItemRow, timeZone: string) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    localStartsAt: toZonedLocal(row.startsAt, timeZone),
    localEndsAt: toZonedLocal(row.endsAt, timeZone),
    room: row.room,
    place: row.place,
    speakers: row.speakers,
  };
}

function presentSummary(row: EventRow & { confirmedCount: number; myRegistrationStatus: string | null }) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    localStartsAt: toZonedLocal(row.startsAt, row.timeZone),
    localEndsAt: toZonedLocal(row.endsAt, row.timeZone),
    timeZone: row.timeZone,
    venue: row.venue,
    online: row.onlineUrl !== null,
    status: row.status,
    visibility: row.visibility,
    registrationMode: row.registrationMode,
    organiserOrganisationId: row.organiserOrganisationId,
    organiserName: row.organiserName,
    capacity: row.capacity,
    confirmedCount: row.confirmedCount,
    matchmakingEnabled: row.matchmakingEnabled,
    myRegistrationStatus: row.myRegistrationStatus as 'confirmed' | null,
  };
}

/* ---- Reading ---- */

const cursorKeySchema = z.tuple([z.string().datetime({ offset: true }), z.string().uuid()]);
function listCursor(cursor: string | undefined) {
  const key = decodeCursor(cursor, 2);
  if (key && !cursorKeySchema.safeParse(key).success) throw invalidInput('The cursor', [{ field: 'query.cursor', message: 'invalid cursor' }]);
  return key as [string, string] | undefined;
}

function eventScope(viewer: Viewer): EventScope {
  if (isSecretariat(viewer)) return { all: true };
  return { signedIn: viewer !== null, organisationId: viewer?.organisationId ?? null };
}

export async function listEvents(db: Db, viewer: Viewer, query: z.infer<typeof listEventsQuerySchema>) {
  const rows = await listEventRows(db, eventScope(viewer), {
    when: query.when,
    kind: query.kind,
    status: query.status,
    now: new Date(),
    viewerUserId: viewer?.userId ?? null,
    after: listCursor(query.cursor),
    limit: query.limit,
  });
  const page = pageOf(rows, query.limit, (row) => [row.startsAt.toISOString(), row.id]);
  return { items: page.items.map(presentSummary), nextCursor: page.nextCursor };
}

export async function getEvent(db: Db, viewer: Viewer, eventId: string) {
  const event = await loadVisibleEvent(db, viewer, eventId);
  const organiser = isEventOrganiser(viewer, event);
  const [counts, agenda, projects, mine] = await Promise.all([
    countRegistrations(db, eventId),
    listAgenda(db, eventId),
    listEventProjects(db, eventId),
    viewer ? findRegistrationOf(db, eventId, viewer.userId) : Promise.resolve(undefined),
  ]);
  const invited = viewer && event.registrationMode === 'invitation' ? await isInvited(db, eventId, viewer.email) : null;
  const mission = event.kind === 'trade_mission';
  // The delegation's names are shown to those signed in (anyone signed in sees the partnership's people); the public sees how many.
  const delegates = mission ? await listDelegates(db, eventId) : null;
  let outcomeDeals = null;
  if (mission) {
    const deals = await listEventDeals(db, eventId);
    outcomeDeals = {
      total: deals.length,
      items: deals
        .filter((deal) => canViewDeal(viewer, { ...deal, eventOrganiserOrganisationId: event.organiserOrganisationId }))
        .map((deal) => ({
          id: deal.id,
          title: deal.title,
          stage: deal.stage,
          cityName: deal.cityName,
          partnerName: deal.partnerName,
          valueMinor: deal.valueMinor === null ? null : deal.valueMinor.toString(),
          currency: deal.currency,
        })),
    };
  }
  const closedReason = registrationClosedReason(event);
  const seesLink = organiser || mine?.status === 'confirmed';
  return {
    ...presentSummary({ ...event, confirmedCount: counts.confirmed, myRegistrationStatus: mine?.status ?? null }),
    description: event.description,
    onlineUrl: seesLink ? event.onlineUrl : null,
    approvalRequired: event.approvalRequired,
    registrationClosesAt: event.registrationClosesAt?.toISOString() ?? null,
    localRegistrationClosesAt: event.registrationClosesAt ? toZonedLocal(event.registrationClosesAt, event.timeZone) : null,
    challenges: event.challenges,
    maxRequestsPerPerson: event.maxRequestsPerPerson,
    maxMeetingsPerPerson: event.maxMeetingsPerPerson,
    missionObjectives: event.missionObjectives,
    outcomeReport: event.outcomeReport,
    projects: projects
      .filter((project) => canViewProject(viewer, project, { id: project.cityId, countryCode: project.countryCode }))
      .map(({ visibility: _v, ...project }) => project),
    agenda: agenda.map((item) => presentAgendaItem(item, event.timeZone)),
    waitlistedCount: counts.waitlisted,
    pendingCount: organiser ? counts.pending : null,
    checkedInCount: organiser ? counts.checkedIn : null,
    placesLeft: event.capacity === null ? null : Math.max(0, event.capacity - counts.confirmed),
    registrationOpen: closedReason === null,
    registrationClosedReason: closedReason,
    invited,
    myRegistration: mine ? presentRegistration(mine) : null,
    isOrganiser: organiser,
    canEdit: organiser && (event.status === 'draft' || event.status === 'published'),
    delegation: delegates && viewer ? delegates : null,
    delegationCount: delegates ? delegates.length : null,
    outcomeDeals,
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt.toISOString(),
  };
}

/* ---- Checking input ---- */

type TimeFields = { timeZone: string; startsAt: Date; endsAt: Date; registrationClosesAt: Date | null };

/** Reads a local date-time in the zone, or records the problem. */
function instantOf(local: string, zone: string, field: string, problems: FieldProblem[]): Date | null {
  const instant = zonedLocalToUtc(local, zone);
  if (!instant) problems.push({ field, message: `${local.replace('T', ' ')} is not a time that exists in ${zone}` });
  return instant;
}

function checkTimeOrder(times: TimeFields, problems: FieldProblem[]) {
  if (times.endsAt <= times.startsAt) problems.push({ field: 'body.endsAt', message: 'must be after the start' });
  if (times.registrationClosesAt && times.registrationClosesAt > times.endsAt) problems.push({ field: 'body.registrationClosesAt', message: 'must not be after the end of the event' });
}

/** The linked projects: each must exist and be one the organiser may see. */
async function checkProjects(db: Db, actor: Actor, ids: string[], problems: FieldProblem[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = new Map((await findProjectsByIds(db, unique)).map((p) => [p.id, p]));
  for (const [index, id] of unique.entries()) {
    const project = found.get(id);
    if (!project || !canViewProject(actor, project, { id: project.cityId, countryCode: project.countryCode })) {
      problems.push({ field: `body.projectIds.${index}`, message: `"${id}" is not a SCAP project you can see` });
    }
  }
  return unique;
}

const cleanList = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];

/* ---- Creating and editing ---- */

export type CreateEventInput = z.input<typeof createEventBodySchema>;

/** Creates a draft event. (ctx, viewer, input) like every writer a seed may call. */
export async function createEvent(ctx: AppContext, viewer: Viewer, input: CreateEventInput) {
  const actor = requireSignedIn(viewer);
  if (!canCreateEvents(actor)) throw forbidden('Events and missions are created by the partnership secretariat and U.S. government agencies.');
  const body = parseInput(createEventBodySchema, input, 'The event');
  const problems: FieldProblem[] = [];
  const organiserOrganisationId = body.organiserOrganisationId ?? actor.organisationId;
  if (organiserOrganisationId !== actor.organisationId) {
    if (!isSecretariat(actor)) throw forbidden('You can organise events for your own organisation only.');
    const organisation = await findOrganisation(ctx.db, organiserOrganisationId);
    if (!organisation || !organiserKinds.includes(organisation.kind)) {
      problems.push({ field: 'body.organiserOrganisationId', message: 'must be the secretariat or a U.S. government agency known to Mitra' });
    }
  }
  if (!isTimeZone(body.timeZone)) throw invalidInput('The event', [{ field: 'body.timeZone', message: `"${body.timeZone}" is not an IANA time zone (such as Asia/Ho_Chi_Minh or America/Los_Angeles)` }]);
  const startsAt = instantOf(body.startsAt, body.timeZone, 'body.startsAt', problems);
  const endsAt = instantOf(body.endsAt, body.timeZone, 'body.endsAt', problems);
  const registrationClosesAt = body.registrationClosesAt ? instantOf(body.registrationClosesAt, body.timeZone, 'body.registrationClosesAt', problems) : null;
  if (startsAt && endsAt) checkTimeOrder({ timeZone: body.timeZone, startsAt, endsAt, registrationClosesAt }, problems);
  const projectIds = await checkProjects(ctx.db, actor, body.projectIds, problems);
  if (problems.length) throw invalidInput('The event', problems);
  const { projectIds: _p, organiserOrganisationId: _o, ...fields } = body;
  const id = await inTransaction(ctx, async (tx) => {
    const eventId = await insertEvent(tx, {
      ...fields,
      challenges: cleanList(body.challenges),
      startsAt: startsAt!,
      endsAt: endsAt!,
      registrationClosesAt,
      organiserOrganisationId,
      status: 'draft',
      createdBy: actor.userId,
    });
    await setEventProjects(tx, eventId, projectIds);
    await writeAudit(tx, actor, { action: 'event.created', entityType: 'event', entityId: eventId, after: { ...(await findEvent(tx, eventId)), projectIds } });
    return eventId;
  });
  return getEvent(ctx.db, viewer, id);
}

export async function updateEvent(ctx: AppContext, viewer: Viewer, eventId: string, body: z.infer<typeof updateEventBodySchema>) {
  const { event: before, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  if (before.status === 'cancelled') throw new AppError('conflict', 'The event was cancelled: it can no longer change.');
  const changed = Object.keys(body).filter((key) => body[key as keyof typeof body] !== undefined);
  if (before.status === 'completed' && changed.some((key) => key !== 'outcomeReport')) {
    throw new AppError('conflict', 'The event is completed: only its outcome report can change.');
  }
  if (body.outcomeReport !== undefined && before.status === 'draft') {
    throw new AppError('conflict', 'The outcome report is written once the event is published or over, not while it is a draft.');
  }
  if (body.kind !== undefined && body.kind !== before.kind && before.status !== 'draft') {
    throw new AppError('conflict', 'The kind of event can change only while it is a draft.');
  }
  const problems: FieldProblem[] = [];
  const timeZone = body.timeZone ?? before.timeZone;
  if (!isTimeZone(timeZone)) throw invalidInput('The event', [{ field: 'body.timeZone', message: `"${timeZone}" is not an IANA time zone (such as Asia/Ho_Chi_Minh or America/Los_Angeles)` }]);
  // Times not given keep their instant; those given are read in the (new) zone.
  const startsAt = body.startsAt ? instantOf(body.startsAt, timeZone, 'body.startsAt', problems) : before.startsAt;
  const endsAt = body.endsAt ? instantOf(body.endsAt, timeZone, 'body.endsAt', problems) : before.endsAt;
  const registrationClosesAt =
    body.registrationClosesAt === undefined
      ? before.registrationClosesAt
      : body.registrationClosesAt === null
        ? null
        : instantOf(body.registrationClosesAt, timeZone, 'body.registrationClosesAt', problems);
  if (startsAt && endsAt) {
    checkTimeOrder({ timeZone, startsAt, endsAt, registrationClosesAt }, problems);
    const outside = (await listAgenda(ctx.db, eventId)).find((item) => item.startsAt < startsAt || item.endsAt > endsAt);
    if (outside && (body.startsAt || body.endsAt)) {
      problems.push({ field: 'body.startsAt', message: `the agenda item "${outside.title}" (${atInZone(outside.startsAt, timeZone)}) would fall outside the event's dates; move it first` });
    }
  }
  const projectIds = body.projectIds ? await checkProjects(ctx.db, actor, body.projectIds, problems) : undefined;
  if (problems.length) throw invalidInput('The event', problems);
  const { projectIds: _p, startsAt: _s, endsAt: _e, registrationClosesAt: _r, challenges, ...fields } = body;
  const message = await inTransaction(ctx, async (tx, after) => {
    let promoted: string[] = [];
    if (body.capacity !== undefined && body.capacity !== before.capacity) {
      await lockEvent(tx, eventId);
      const confirmed = await countConfirmed(tx, eventId);
      if (body.capacity !== null && body.capacity < confirmed) {
        throw new AppError(
          'conflict',
          `${confirmed} people have a confirmed place: the capacity cannot be lower than that. Cancel registrations first, or keep the capacity at ${confirmed} or more.`,
          [{ field: 'capacity', message: `must be at least ${confirmed}` }],
        );
      }
    }
    await updateEventRow(tx, eventId, {
      ...fields,
      ...(challenges ? { challenges: cleanList(challenges) } : {}),
      startsAt: startsAt!,
      endsAt: endsAt!,
      registrationClosesAt,
    });
    if (projectIds) await setEventProjects(tx, eventId, projectIds);
    if (body.capacity !== undefined && body.capacity !== before.capacity) promoted = await fillFreePlaces(ctx, tx, after, actor, eventId);
    await writeAudit(tx, actor, { action: 'event.updated', entityType: 'event', entityId: eventId, before, after: { ...(await findEvent(tx, eventId)), ...(projectIds ? { projectIds } : {}) } });
    return promoted.length ? `${promoted.length} ${promoted.length === 1 ? 'person' : 'people'} moved from the waiting list to a confirmed place.` : null;
  });
  return { ...(await getEvent(ctx.db, viewer, eventId)), message };
}

/* ---- Lifecycle ---- */

const transitionsFrom = { published: ['draft'], completed: ['published'], cancelled: ['draft', 'published'] } as const;

export async function transitionEvent(ctx: AppContext, viewer: Viewer, eventId: string, body: z.infer<typeof eventTransitionBodySchema>) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  const allowed: readonly string[] = transitionsFrom[body.to];
  if (!allowed.includes(event.status)) throw new AppError('conflict', `The event is ${event.status}: it cannot become ${body.to}.`);
  const reason = body.reason ?? '';
  if (body.to === 'published' && !event.venue.trim() && !event.onlineUrl) {
    throw invalidInput('The event', [{ field: 'body.venue', message: 'give a venue or an online link before publishing, so participants know where to go' }]);
  }
  if (body.to === 'completed' && event.startsAt > new Date()) {
    throw new AppError('conflict', `The event has not started yet (it starts ${atInZone(event.startsAt, event.timeZone)}): it can be completed once it has taken place.`);
  }
  if (body.to === 'cancelled' && event.status === 'published' && !reason) {
    throw invalidInput('The cancellation', [{ field: 'body.reason', message: 'say why the event is cancelled; everyone registered is told' }]);
  }
  await inTransaction(ctx, async (tx, after) => {
    await lockEvent(tx, eventId);
    await updateEventRow(tx, eventId, { status: body.to });
    await writeAudit(tx, actor, { action: `event.${body.to}`, entityType: 'event', entityId: eventId, before: event, after: { ...(await findEvent(tx, eventId)), reason } });
    if (body.to === 'published') {
      const invited = (await listInvitationRows(tx, eventId)).map((row) => row.email);
      await sendInvitations(ctx, tx, after, event, invited);
    }
    if (body.to === 'cancelled') {
      await notify(ctx, tx, after, await listActiveRegistrantIds(tx, eventId), {
        kind: 'events.event_cancelled',
        title: `Cancelled: ${event.title}`,
        body: `"${event.title}" (${datesInZone(event.startsAt, event.endsAt, event.timeZone)}), which you registered for, is cancelled by its organisers, ${event.organiserName}.${reason ? `\n\nReason: ${reason}` : ''}`,
        link: `/app/events/${eventId}`,
      });
    }
  });
  return getEvent(ctx.db, viewer, eventId);
}

/* ---- Agenda ---- */

function checkAgendaTimes(event: EventRow, startsAt: Date | null, endsAt: Date | null, problems: FieldProblem[]) {
  if (!startsAt || !endsAt) return;
  if (endsAt <= startsAt) problems.push({ field: 'body.endsAt', message: 'must be after the start' });
  if (startsAt < event.startsAt || endsAt > event.endsAt) {
    problems.push({
      field: 'body.startsAt',
      message: `must fall within the event (${toZonedLocal(event.startsAt, event.timeZone).replace('T', ' ')} to ${toZonedLocal(event.endsAt, event.timeZone).replace('T', ' ')}, ${event.timeZone}); change the event's dates first for travel days before or after`,
    });
  }
}

export type AgendaItemInput = z.input<typeof agendaItemBodySchema> & { eventId: string };

/** Adds an agenda (or itinerary) item. (ctx, viewer, input) with the event's id in the input, for seeds too. */
export async function addAgendaItem(ctx: AppContext, viewer: Viewer, input: AgendaItemInput) {
  const { eventId, ...rest } = input;
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  assertEventOpen(event);
  const body = parseInput(agendaItemBodySchema, rest, 'The agenda item');
  const problems: FieldProblem[] = [];
  const startsAt = instantOf(body.startsAt, event.timeZone, 'body.startsAt', problems);
  const endsAt = instantOf(body.endsAt, event.timeZone, 'body.endsAt', problems);
  checkAgendaTimes(event, startsAt, endsAt, problems);
  if (problems.length) throw invalidInput('The agenda item', problems);
  const row = await inTransaction(ctx, async (tx) => {
    const created = await insertAgendaItem(tx, { ...body, speakers: cleanList(body.speakers), eventId, startsAt: startsAt!, endsAt: endsAt! });
    await updateEventRow(tx, eventId, {});
    await writeAudit(tx, actor, { action: 'event.agenda_item_added', entityType: 'event', entityId: eventId, after: created });
    return created;
  });
  return presentAgendaItem(row, event.timeZone);
}

export async function updateAgendaItem(ctx: AppContext, viewer: Viewer, eventId: string, itemId: string, body: z.infer<typeof updateAgendaItemBodySchema>) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  assertEventOpen(event);
  const before = await findAgendaItem(ctx.db, eventId, itemId);
  if (!before) throw notFound('The agenda item');
  const problems: FieldProblem[] = [];
  const startsAt = body.startsAt ? instantOf(body.startsAt, event.timeZone, 'body.startsAt', problems) : before.startsAt;
  const endsAt = body.endsAt ? instantOf(body.endsAt, event.timeZone, 'body.endsAt', problems) : before.endsAt;
  checkAgendaTimes(event, startsAt, endsAt, problems);
  if (problems.length) throw invalidInput('The agenda item', problems);
  const row = await inTransaction(ctx, async (tx) => {
    const changed = await updateAgendaItemRow(tx, itemId, { ...body, ...(body.speakers ? { speakers: cleanList(body.speakers) } : {}), startsAt: startsAt!, endsAt: endsAt! });
    await updateEventRow(tx, eventId, {});
    await writeAudit(tx, actor, { action: 'event.agenda_item_updated', entityType: 'event', entityId: eventId, before, after: changed });
    return changed;
  });
  return presentAgendaItem(row, event.timeZone);
}

export async function deleteAgendaItem(ctx: AppContext, viewer: Viewer, eventId: string, itemId: string) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  assertEventOpen(event);
  const before = await findAgendaItem(ctx.db, eventId, itemId);
  if (!before) throw notFound('The agenda item');
  await inTransaction(ctx, async (tx) => {
    await deleteAgendaItemRow(tx, itemId);
    await updateEventRow(tx, eventId, {});
    await writeAudit(tx, actor, { action: 'event.agenda_item_deleted', entityType: 'event', entityId: eventId, before });
  });
}

/* ---- Invitations ---- */

/** Tells the invited: people with an account in the app and by email; addresses without one by email. */
async function sendInvitations(ctx: AppContext, tx: Db, after: AfterCommit, event: EventRow, emails: string[]) {
  if (!emails.length) return;
  const people = await findUsersByEmails(tx, emails);
  const withAccount = new Set(people.map((p) => p.email.toLowerCase()));
  const dates = datesInZone(event.startsAt, event.endsAt, event.timeZone);
  const title = `Invitation: ${event.title}`;
  const body = `${event.organiserName} invites you to "${event.title}" (${dates}, ${event.timeZone}${event.venue ? `, ${event.venue.split('\n')[0]}` : ''}). Registration is by invitation only; you are on the list.`;
  await notify(
    ctx,
    tx,
    after,
    people.map((p) => p.id),
    { kind: 'events.invited', title, body, link: `/app/events/${event.id}` },
  );
  for (const email of emails.filter((e) => !withAccount.has(e))) {
    after.emailIds.push(
      await recordEmail(tx, {
        to: email,
        subject: `[Mitra] ${title}`,
        text: `${body}\n\nTo register, sign in to Mitra and open the event: ${ctx.config.publicUrl}/app/events/${event.id}\nIf you have no account yet, reply to the organisers or ask the partnership secretariat for one, using this email address.`,
      }),
    );
  }
}

export async function listInvitations(db: Db, viewer: Viewer, eventId: string) {
  await loadOrganisedEvent(db, viewer, eventId);
  const rows = await listInvitationRows(db, eventId);
  return { items: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })) };
}

export async function addInvitations(ctx: AppContext, viewer: Viewer, eventId: string, body: z.infer<typeof invitationsBodySchema>) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  assertEventOpen(event);
  const emails = [...new Set(body.emails)];
  await inTransaction(ctx, async (tx, after) => {
    const added = await insertInvitations(tx, eventId, emails, actor.userId);
    if (!added.length) return;
    await writeAudit(tx, actor, { action: 'event.invited', entityType: 'event', entityId: eventId, after: { emails: added } });
    // A draft's invitations go out when it is published.
    if (event.status === 'published') await sendInvitations(ctx, tx, after, event, added);
  });
  return listInvitations(ctx.db, viewer, eventId);
}

export async function removeInvitation(ctx: AppContext, viewer: Viewer, eventId: string, email: string) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  assertEventOpen(event);
  await inTransaction(ctx, async (tx) => {
    if (!(await deleteInvitation(tx, eventId, email))) throw notFound(`The invitation of ${email}`);
    await writeAudit(tx, actor, { action: 'event.invitation_removed', entityType: 'event', entityId: eventId, before: { email } });
  });
  return listInvitations(ctx.db, viewer, eventId);
}
