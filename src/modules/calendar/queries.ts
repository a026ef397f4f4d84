import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  agendaItems,
  calendarFeeds,
  cities,
  events,
  meetingParticipants,
  meetingRequests,
  meetingSlots,
  meetingTables,
  organisations,
  registrations,
  users,
} from '../../db/schema/index.js';

const eventColumns = {
  id: events.id,
  title: events.title,
  kind: events.kind,
  status: events.status,
  visibility: events.visibility,
  organiserOrganisationId: events.organiserOrganisationId,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  timeZone: events.timeZone,
  venue: events.venue,
  onlineUrl: events.onlineUrl,
  summary: events.summary,
  updatedAt: events.updatedAt,
};

export async function findEvent(db: Db, id: string) {
  const [row] = await db.select(eventColumns).from(events).where(eq(events.id, id));
  return row;
}
export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

/**
 * The events a person registered for whose agenda belongs in theirs: confirmed registrations, and
 * cancelled ones (their sessions are then shown as cancelled). Drafts are their organisers' only.
 */
export async function listMyRegisteredEvents(db: Db, userId: string) {
  return db
    .select({ ...eventColumns, registrationStatus: registrations.status, registrationUpdatedAt: registrations.updatedAt })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(and(eq(registrations.userId, userId), inArray(registrations.status, ['confirmed', 'cancelled']), sql`${events.status} <> 'draft'`));
}

export async function listAgendaItemsOf(db: Db, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  return db
    .select()
    .from(agendaItems)
    .where(inArray(agendaItems.eventId, eventIds))
    .orderBy(asc(agendaItems.startsAt), asc(agendaItems.title));
}

const meetingColumns = {
  id: meetingRequests.id,
  status: meetingRequests.status,
  message: meetingRequests.message,
  publishedAt: meetingRequests.publishedAt,
  updatedAt: meetingRequests.updatedAt,
  slotStartsAt: meetingSlots.startsAt,
  slotEndsAt: meetingSlots.endsAt,
  tableName: meetingTables.name,
  eventId: events.id,
  eventTitle: events.title,
  eventKind: events.kind,
  eventStatus: events.status,
  eventVisibility: events.visibility,
  eventOrganiserOrganisationId: events.organiserOrganisationId,
  eventTimeZone: events.timeZone,
  eventVenue: events.venue,
  eventOnlineUrl: events.onlineUrl,
  eventUpdatedAt: events.updatedAt,
};

/** The person's meetings whose placement (slot and table) is published, with their own side's outcome. */
export async function listMyPublishedMeetings(db: Db, userId: string, requestId?: string) {
  return db
    .select({
      ...meetingColumns,
      myRegistrationId: registrations.id,
      myRegistrationStatus: registrations.status,
      happened: meetingParticipants.happened,
      outcome: meetingParticipants.outcome,
      outcomeRecordedAt: meetingParticipants.outcomeRecordedAt,
    })
    .from(meetingRequests)
    .innerJoin(meetingParticipants, eq(meetingParticipants.requestId, meetingRequests.id))
    .innerJoin(registrations, and(eq(registrations.id, meetingParticipants.registrationId), eq(registrations.userId, userId)))
    .innerJoin(meetingSlots, eq(meetingSlots.id, meetingRequests.slotId))
    .leftJoin(meetingTables, eq(meetingTables.id, meetingRequests.tableId))
    .innerJoin(events, eq(events.id, meetingRequests.eventId))
    .where(and(isNotNull(meetingRequests.publishedAt), sql`${events.status} <> 'draft'`, requestId ? eq(meetingRequests.id, requestId) : undefined));
}
export type MyMeetingRow = Awaited<ReturnType<typeof listMyPublishedMeetings>>[number];

/** A meeting with its slot, table and event, whoever asks (the service decides). */
export async function findMeeting(db: Db, requestId: string) {
  const [row] = await db
    .select({ ...meetingColumns, slotId: meetingRequests.slotId })
    .from(meetingRequests)
    .innerJoin(events, eq(events.id, meetingRequests.eventId))
    .leftJoin(meetingSlots, eq(meetingSlots.id, meetingRequests.slotId))
    .leftJoin(meetingTables, eq(meetingTables.id, meetingRequests.tableId))
    .where(eq(meetingRequests.id, requestId));
  return row;
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** Everyone in these meetings: their person, organisation (with its city for city governments) and outcome. */
export async function listParticipantsOf(db: Db, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return db
    .select({
      requestId: meetingParticipants.requestId,
      registrationId: meetingParticipants.registrationId,
      registrationStatus: registrations.status,
      response: meetingParticipants.response,
      happened: meetingParticipants.happened,
      outcome: meetingParticipants.outcome,
      outcomeRecordedAt: meetingParticipants.outcomeRecordedAt,
      userId: users.id,
      name: users.name,
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      cityId: organisations.cityId,
      cityName: cities.name,
      cityCountryCode: cities.countryCode,
    })
    .from(meetingParticipants)
    .innerJoin(registrations, eq(registrations.id, meetingParticipants.registrationId))
    .innerJoin(users, eq(users.id, registrations.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(cities, eq(cities.id, organisations.cityId))
    .where(inArray(meetingParticipants.requestId, requestIds))
    .orderBy(asc(users.name));
}
export type ParticipantRow = Awaited<ReturnType<typeof listParticipantsOf>>[number];

export async function updateOutcome(db: Db, requestId: string, registrationId: string, fields: { happened: boolean; outcome: string; outcomeRecordedAt: Date }) {
  await db
    .update(meetingParticipants)
    .set(fields)
    .where(and(eq(meetingParticipants.requestId, requestId), eq(meetingParticipants.registrationId, registrationId)));
}

/* ---- Calendar feeds ---- */

export async function findFeedOfUser(db: Db, userId: string) {
  const [row] = await db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  return row;
}

/** One feed per person: a new token replaces the old one, which stops working at once. */
export async function replaceFeed(db: Db, userId: string, tokenHash: string, now: Date) {
  await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash, createdAt: now })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: now } });
}

export async function deleteFeed(db: Db, userId: string): Promise<boolean> {
  const rows = await db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).returning({ userId: calendarFeeds.userId });
  return rows.length > 0;
}

/** The owner of a feed token (by its hash), as a viewer would be resolved from a session. */
export async function findFeedOwner(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      organisationId: organisations.id,
      organisationKind: organisations.kind,
      cityId: organisations.cityId,
      countryCode: organisations.countryCode,
    })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(calendarFeeds.tokenHash, tokenHash));
  return row;
}
