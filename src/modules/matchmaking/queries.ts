import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  events,
  meetingParticipants,
  meetingRequests,
  meetingSlots,
  meetingTables,
  organisations,
  participantUnavailability,
  registrations,
  schedulerRuns,
  users,
} from '../../db/schema/index.js';
import type { MeetingRequestStatus } from '../../db/schema/events.js';
import type { EventRow as FullEventRow } from '../events/queries.js';

/* ---- Events (written by the events module; read here) ---- */

const eventColumns = {
  id: events.id,
  title: events.title,
  timeZone: events.timeZone,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  status: events.status,
  visibility: events.visibility,
  organiserOrganisationId: events.organiserOrganisationId,
  matchmakingEnabled: events.matchmakingEnabled,
  maxRequestsPerPerson: events.maxRequestsPerPerson,
  maxMeetingsPerPerson: events.maxMeetingsPerPerson,
};

/** Events are found (and access-checked) by the events module; matchmaking needs these fields of the row. */
export type EventRow = Pick<FullEventRow, keyof typeof eventColumns>;

/**
 * Locks the event's row for the rest of the transaction, so that checks on counts (caps, duplicates)
 * and the scheduler's writes of one event run one at a time. The events module locks the same row
 * for registrations.
 */
export async function lockEvent(tx: Db, eventId: string) {
  const [row] = await tx.select(eventColumns).from(events).where(eq(events.id, eventId)).for('update');
  return row;
}

/* ---- Participants (registrations with their person and organisation) ---- */

const participantColumns = {
  registrationId: registrations.id,
  eventId: registrations.eventId,
  userId: registrations.userId,
  status: registrations.status,
  participantType: registrations.participantType,
  offers: registrations.offers,
  seeks: registrations.seeks,
  focusAreaIds: registrations.focusAreaIds,
  name: users.name,
  organisationId: organisations.id,
  organisationName: organisations.name,
  organisationKind: organisations.kind,
};

const participantQuery = (db: Db) =>
  db.select(participantColumns).from(registrations).innerJoin(users, eq(users.id, registrations.userId)).innerJoin(organisations, eq(organisations.id, users.organisationId));

export async function findParticipantOfUser(db: Db, eventId: string, userId: string) {
  const [row] = await participantQuery(db).where(and(eq(registrations.eventId, eventId), eq(registrations.userId, userId)));
  return row;
}
export type ParticipantRow = NonNullable<Awaited<ReturnType<typeof findParticipantOfUser>>>;

export async function listParticipants(db: Db, eventId: string, filter: { confirmedOnly?: boolean; registrationIds?: string[] } = {}) {
  const conditions: SQL[] = [eq(registrations.eventId, eventId)];
  if (filter.confirmedOnly) conditions.push(eq(registrations.status, 'confirmed'));
  if (filter.registrationIds) {
    if (filter.registrationIds.length === 0) return [];
    conditions.push(inArray(registrations.id, filter.registrationIds));
  }
  return participantQuery(db)
    .where(and(...conditions))
    .orderBy(asc(organisations.name), asc(users.name), asc(registrations.id));
}

export async function updateProfile(tx: Db, registrationId: string, profile: { offers: string; seeks: string; focusAreaIds: string[] }) {
  await tx
    .update(registrations)
    .set({ ...profile, updatedAt: new Date() })
    .where(eq(registrations.id, registrationId));
}

/* ---- Availability ---- */

/** Slots each registration of the event cannot meet in. */
export async function listUnavailability(db: Db, eventId: string) {
  return db
    .select({ registrationId: participantUnavailability.registrationId, slotId: participantUnavailability.slotId })
    .from(participantUnavailability)
    .innerJoin(meetingSlots, eq(meetingSlots.id, participantUnavailability.slotId))
    .where(eq(meetingSlots.eventId, eventId))
    .orderBy(asc(meetingSlots.startsAt), asc(meetingSlots.id));
}

export async function listUnavailableSlotIds(db: Db, registrationId: string) {
  const rows = await db
    .select({ slotId: participantUnavailability.slotId })
    .from(participantUnavailability)
    .innerJoin(meetingSlots, eq(meetingSlots.id, participantUnavailability.slotId))
    .where(eq(participantUnavailability.registrationId, registrationId))
    .orderBy(asc(meetingSlots.startsAt), asc(meetingSlots.id));
  return rows.map((r) => r.slotId);
}

export async function replaceUnavailability(tx: Db, registrationId: string, slotIds: string[]) {
  await tx.delete(participantUnavailability).where(eq(participantUnavailability.registrationId, registrationId));
  if (slotIds.length) await tx.insert(participantUnavailability).values(slotIds.map((slotId) => ({ registrationId, slotId })));
}

/* ---- Slots and tables ---- */

const slotColumns = { id: meetingSlots.id, startsAt: meetingSlots.startsAt, endsAt: meetingSlots.endsAt };
export const listSlots = (db: Db, eventId: string) => db.select(slotColumns).from(meetingSlots).where(eq(meetingSlots.eventId, eventId)).orderBy(asc(meetingSlots.startsAt), asc(meetingSlots.id));
export type SlotRow = Awaited<ReturnType<typeof listSlots>>[number];

export async function findSlot(db: Db, eventId: string, slotId: string) {
  const [row] = await db
    .select(slotColumns)
    .from(meetingSlots)
    .where(and(eq(meetingSlots.eventId, eventId), eq(meetingSlots.id, slotId)));
  return row;
}

export async function insertSlots(tx: Db, eventId: string, slots: { startsAt: Date; endsAt: Date }[]) {
  return tx
    .insert(meetingSlots)
    .values(slots.map((slot) => ({ eventId, ...slot })))
    .returning(slotColumns);
}

export const deleteSlot = (tx: Db, slotId: string) => tx.delete(meetingSlots).where(eq(meetingSlots.id, slotId));

const tableColumns = { id: meetingTables.id, name: meetingTables.name };
/** Tables in natural order: "Table 2" before "Table 10". */
export const listTables = (db: Db, eventId: string) =>
  db
    .select(tableColumns)
    .from(meetingTables)
    .where(eq(meetingTables.eventId, eventId))
    .orderBy(sql`regexp_replace(${meetingTables.name}, '[0-9]+$', '')`, sql`nullif(substring(${meetingTables.name} from '([0-9]+)$'), '')::numeric nulls first`, asc(meetingTables.name));
export type TableRow = Awaited<ReturnType<typeof listTables>>[number];

export async function findTable(db: Db, eventId: string, tableId: string) {
  const [row] = await db
    .select(tableColumns)
    .from(meetingTables)
    .where(and(eq(meetingTables.eventId, eventId), eq(meetingTables.id, tableId)));
  return row;
}

export async function insertTables(tx: Db, eventId: string, names: string[]) {
  return tx
    .insert(meetingTables)
    .values(names.map((name) => ({ eventId, name })))
    .returning(tableColumns);
}

export const deleteTable = (tx: Db, tableId: string) => tx.delete(meetingTables).where(eq(meetingTables.id, tableId));

/* ---- Meeting requests ---- */

const requestColumns = {
  id: meetingRequests.id,
  eventId: meetingRequests.eventId,
  requesterRegistrationId: meetingRequests.requesterRegistrationId,
  message: meetingRequests.message,
  status: meetingRequests.status,
  weight: meetingRequests.weight,
  slotId: meetingRequests.slotId,
  tableId: meetingRequests.tableId,
  locked: meetingRequests.locked,
  publishedAt: meetingRequests.publishedAt,
  createdAt: meetingRequests.createdAt,
  updatedAt: meetingRequests.updatedAt,
};

/**
 * The event's requests: all of them, those of some statuses, those one registration takes part in,
 * or the given ones.
 */
export async function listRequests(db: Db, eventId: string, filter: { statuses?: MeetingRequestStatus[]; involving?: string; ids?: string[] } = {}) {
  const conditions: SQL[] = [eq(meetingRequests.eventId, eventId)];
  if (filter.statuses) conditions.push(inArray(meetingRequests.status, filter.statuses));
  if (filter.involving) {
    conditions.push(sql`exists (select 1 from ${meetingParticipants} p where p.request_id = ${meetingRequests.id} and p.registration_id = ${filter.involving})`);
  }
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    conditions.push(inArray(meetingRequests.id, filter.ids));
  }
  return db
    .select(requestColumns)
    .from(meetingRequests)
    .where(and(...conditions))
    .orderBy(desc(meetingRequests.createdAt), asc(meetingRequests.id));
}

export async function findRequest(db: Db, eventId: string, requestId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select(requestColumns)
    .from(meetingRequests)
    .where(and(eq(meetingRequests.eventId, eventId), eq(meetingRequests.id, requestId)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}
export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

/** The participants of the given requests, the requester first, then by organisation and name. */
export async function listRequestParticipants(db: Db, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return db
    .select({
      requestId: meetingParticipants.requestId,
      registrationId: meetingParticipants.registrationId,
      response: meetingParticipants.response,
      respondedAt: meetingParticipants.respondedAt,
      userId: registrations.userId,
      registrationStatus: registrations.status,
      participantType: registrations.participantType,
      name: users.name,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
    })
    .from(meetingParticipants)
    .innerJoin(registrations, eq(registrations.id, meetingParticipants.registrationId))
    .innerJoin(users, eq(users.id, registrations.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(inArray(meetingParticipants.requestId, requestIds))
    .orderBy(sql`${meetingParticipants.response} = 'requester' desc`, asc(organisations.name), asc(users.name), asc(meetingParticipants.registrationId));
}
export type RequestParticipantRow = Awaited<ReturnType<typeof listRequestParticipants>>[number];

export async function insertRequest(tx: Db, request: { eventId: string; requesterRegistrationId: string; message: string }, inviteeRegistrationIds: string[]) {
  const [row] = await tx.insert(meetingRequests).values(request).returning({ id: meetingRequests.id });
  const requestId = row!.id;
  await tx.insert(meetingParticipants).values([
    { requestId, registrationId: request.requesterRegistrationId, response: 'requester' as const },
    ...inviteeRegistrationIds.map((registrationId) => ({ requestId, registrationId, response: 'pending' as const })),
  ]);
  return requestId;
}

/** `touch: false` leaves `updatedAt` alone (publication is not a change of the meeting). */
export async function updateRequest(tx: Db, requestId: string, patch: Partial<typeof meetingRequests.$inferInsert>, options: { touch?: boolean } = {}) {
  await tx
    .update(meetingRequests)
    .set(options.touch === false ? patch : { ...patch, updatedAt: new Date() })
    .where(eq(meetingRequests.id, requestId));
}

export async function setResponse(tx: Db, requestId: string, registrationId: string, response: 'accepted' | 'declined', at: Date) {
  await tx
    .update(meetingParticipants)
    .set({ response, respondedAt: at })
    .where(and(eq(meetingParticipants.requestId, requestId), eq(meetingParticipants.registrationId, registrationId)));
}

/** Requests a registration sent that are pending or accepted (what maxRequestsPerPerson counts). */
export async function countOpenSent(db: Db, registrationId: string) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(meetingRequests)
    .where(and(eq(meetingRequests.requesterRegistrationId, registrationId), inArray(meetingRequests.status, ['pending', 'accepted'])));
  return row!.count;
}

/** Accepted meetings each registration is in (what maxMeetingsPerPerson counts). */
export async function countAcceptedMeetings(db: Db, registrationIds: string[]) {
  const counts = new Map(registrationIds.map((id) => [id, 0]));
  if (registrationIds.length === 0) return counts;
  const rows = await db
    .select({ registrationId: meetingParticipants.registrationId, count: sql<number>`count(*)::int` })
    .from(meetingParticipants)
    .innerJoin(meetingRequests, eq(meetingRequests.id, meetingParticipants.requestId))
    .where(and(inArray(meetingParticipants.registrationId, registrationIds), eq(meetingRequests.status, 'accepted')))
    .groupBy(meetingParticipants.registrationId);
  for (const row of rows) counts.set(row.registrationId, row.count);
  return counts;
}

/** A pending or accepted request of the event among exactly these registrations, whoever sent it. */
export async function findOpenRequestAmong(db: Db, eventId: string, registrationIds: string[]) {
  const sorted = [...registrationIds].sort();
  const [row] = await db
    .select({ id: meetingRequests.id, status: meetingRequests.status })
    .from(meetingRequests)
    .where(
      and(
        eq(meetingRequests.eventId, eventId),
        inArray(meetingRequests.status, ['pending', 'accepted']),
        sql`(select array_agg(p.registration_id::text order by p.registration_id::text) from ${meetingParticipants} p where p.request_id = ${meetingRequests.id}) = array[${sql.join(
          sorted.map((id) => sql`${id}`),
          sql`, `,
        )}]::text[]`,
      ),
    )
    .limit(1);
  return row;
}

/** Registrations the given one has a pending or accepted request with. */
export async function listOpenCounterparts(db: Db, registrationId: string) {
  const rows = await db
    .selectDistinct({ registrationId: sql<string>`other.registration_id` })
    .from(meetingParticipants)
    .innerJoin(meetingRequests, eq(meetingRequests.id, meetingParticipants.requestId))
    .innerJoin(sql`${meetingParticipants} other`, sql`other.request_id = ${meetingParticipants.requestId} and other.registration_id <> ${registrationId}`)
    .where(and(eq(meetingParticipants.registrationId, registrationId), inArray(meetingRequests.status, ['pending', 'accepted'])));
  return new Set(rows.map((r) => r.registrationId));
}

/* ---- Scheduler runs ---- */

export async function insertRun(tx: Db, run: typeof schedulerRuns.$inferInsert) {
  const [row] = await tx.insert(schedulerRuns).values(run).returning({ id: schedulerRuns.id });
  return row!.id;
}

export async function findLatestRun(db: Db, eventId: string) {
  const [row] = await db
    .select({
      id: schedulerRuns.id,
      ranAt: schedulerRuns.ranAt,
      ranByName: users.name,
      meetings: schedulerRuns.meetings,
      scheduled: schedulerRuns.scheduled,
      scheduledWeight: schedulerRuns.scheduledWeight,
      upperBound: schedulerRuns.upperBound,
      seconds: schedulerRuns.seconds,
    })
    .from(schedulerRuns)
    .leftJoin(users, eq(users.id, schedulerRuns.ranBy))
    .where(eq(schedulerRuns.eventId, eventId))
    .orderBy(desc(schedulerRuns.ranAt), desc(schedulerRuns.id))
    .limit(1);
  return row;
}

export async function countRequestsByStatus(db: Db, eventId: string) {
  const rows = await db
    .select({ status: meetingRequests.status, count: sql<number>`count(*)::int` })
    .from(meetingRequests)
    .where(eq(meetingRequests.eventId, eventId))
    .groupBy(meetingRequests.status);
  const counts = { pending: 0, accepted: 0, declined: 0, cancelled: 0 };
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}
