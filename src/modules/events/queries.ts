import { and, asc, desc, eq, gte, ilike, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import {
  agendaItems,
  cities,
  deals,
  eventInvitations,
  eventProjects,
  events,
  organisations,
  registrations,
  scapProjects,
  users,
  type EventKind,
  type EventStatus,
  type RegistrationStatus,
} from '../../db/schema/index.js';

/* ---- Events ---- */

const eventColumns = {
  id: events.id,
  kind: events.kind,
  title: events.title,
  summary: events.summary,
  description: events.description,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  timeZone: events.timeZone,
  venue: events.venue,
  onlineUrl: events.onlineUrl,
  capacity: events.capacity,
  registrationMode: events.registrationMode,
  approvalRequired: events.approvalRequired,
  registrationClosesAt: events.registrationClosesAt,
  status: events.status,
  visibility: events.visibility,
  organiserOrganisationId: events.organiserOrganisationId,
  organiserName: organisations.name,
  challenges: events.challenges,
  matchmakingEnabled: events.matchmakingEnabled,
  maxRequestsPerPerson: events.maxRequestsPerPerson,
  maxMeetingsPerPerson: events.maxMeetingsPerPerson,
  missionObjectives: events.missionObjectives,
  outcomeReport: events.outcomeReport,
  createdBy: events.createdBy,
  createdAt: events.createdAt,
  updatedAt: events.updatedAt,
};

export async function findEvent(db: Db, id: string) {
  const [row] = await db.select(eventColumns).from(events).innerJoin(organisations, eq(organisations.id, events.organiserOrganisationId)).where(eq(events.id, id));
  return row;
}
export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

/** Takes the event's row lock: every change of a place (registration, cancellation, capacity) runs under it. */
export async function lockEvent(tx: Db, id: string) {
  const [row] = await tx.select({ id: events.id, capacity: events.capacity, status: events.status }).from(events).where(eq(events.id, id)).for('update');
  return row;
}

export async function insertEvent(tx: Db, values: typeof events.$inferInsert): Promise<string> {
  const [row] = await tx.insert(events).values(values).returning({ id: events.id });
  return row!.id;
}

export async function updateEventRow(tx: Db, id: string, patch: Partial<typeof events.$inferInsert>) {
  await tx
    .update(events)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(events.id, id));
}

/** Which events a viewer may list: everything (secretariat), else published-or-later ones plus their organisation's drafts. */
export type EventScope = { all: true } | { signedIn: boolean; organisationId: string | null };

export async function listEventRows(
  db: Db,
  scope: EventScope,
  filter: { when: 'upcoming' | 'past'; kind?: EventKind; status?: EventStatus; now: Date; viewerUserId: string | null; after?: [string, string]; limit: number },
) {
  const conditions: SQL[] = [];
  if (!('all' in scope)) {
    const seen: SQL[] = [];
    const published = scope.signedIn ? ne(events.status, 'draft') : and(ne(events.status, 'draft'), eq(events.visibility, 'public'))!;
    seen.push(published);
    if (scope.organisationId) seen.push(eq(events.organiserOrganisationId, scope.organisationId));
    conditions.push(or(...seen)!);
  }
  if (filter.kind) conditions.push(eq(events.kind, filter.kind));
  if (filter.status) conditions.push(eq(events.status, filter.status));
  const upcoming = filter.when === 'upcoming';
  conditions.push(upcoming ? gte(events.endsAt, filter.now) : lt(events.endsAt, filter.now));
  if (filter.after) {
    const [at, id] = filter.after;
    conditions.push(
      upcoming
        ? sql`(${events.startsAt}, ${events.id}) > (${at}::timestamptz, ${id}::uuid)`
        : sql`(${events.startsAt}, ${events.id}) < (${at}::timestamptz, ${id}::uuid)`,
    );
  }
  const mine = filter.viewerUserId
    ? sql<RegistrationStatus | null>`(select r.status from ${registrations} r where r.event_id = ${events.id} and r.user_id = ${filter.viewerUserId}::uuid)`
    : sql<RegistrationStatus | null>`null`;
  return db
    .select({
      ...eventColumns,
      confirmedCount: sql<number>`(select count(*) from ${registrations} r where r.event_id = ${events.id} and r.status = 'confirmed')::int`,
      myRegistrationStatus: mine,
    })
    .from(events)
    .innerJoin(organisations, eq(organisations.id, events.organiserOrganisationId))
    .where(and(...conditions))
    .orderBy(...(upcoming ? [asc(events.startsAt), asc(events.id)] : [desc(events.startsAt), desc(events.id)]))
    .limit(filter.limit + 1);
}

export async function countRegistrations(db: Db, eventId: string) {
  const [row] = await db
    .select({
      confirmed: sql<number>`count(*) filter (where ${registrations.status} = 'confirmed')::int`,
      waitlisted: sql<number>`count(*) filter (where ${registrations.status} = 'waitlisted')::int`,
      pending: sql<number>`count(*) filter (where ${registrations.status} = 'pending')::int`,
      checkedIn: sql<number>`count(*) filter (where ${registrations.status} = 'confirmed' and ${registrations.checkedInAt} is not null)::int`,
    })
    .from(registrations)
    .where(eq(registrations.eventId, eventId));
  return row ?? { confirmed: 0, waitlisted: 0, pending: 0, checkedIn: 0 };
}

/** Members of the organising organisation: the event's organisers. */
export async function listOrganiserIds(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

export async function findUserEmail(db: Db, userId: string) {
  const [row] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
  return row;
}

/* ---- Linked SCAP projects ---- */

const projectColumns = {
  id: scapProjects.id,
  title: scapProjects.title,
  cityId: scapProjects.cityId,
  cityName: cities.name,
  countryCode: cities.countryCode,
  status: scapProjects.status,
  focusAreaId: scapProjects.focusAreaId,
  visibility: scapProjects.visibility,
};

export async function findProjectsByIds(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select(projectColumns).from(scapProjects).innerJoin(cities, eq(cities.id, scapProjects.cityId)).where(inArray(scapProjects.id, ids));
}

export async function listEventProjects(db: Db, eventId: string) {
  return db
    .select(projectColumns)
    .from(eventProjects)
    .innerJoin(scapProjects, eq(scapProjects.id, eventProjects.projectId))
    .innerJoin(cities, eq(cities.id, scapProjects.cityId))
    .where(eq(eventProjects.eventId, eventId))
    .orderBy(asc(cities.name), asc(scapProjects.title));
}
export type EventProjectRow = Awaited<ReturnType<typeof listEventProjects>>[number];

export async function setEventProjects(tx: Db, eventId: string, projectIds: string[]) {
  await tx.delete(eventProjects).where(eq(eventProjects.eventId, eventId));
  if (projectIds.length) await tx.insert(eventProjects).values(projectIds.map((projectId) => ({ eventId, projectId })));
}

/* ---- Agenda ---- */

export async function listAgenda(db: Db, eventId: string) {
  return db.select().from(agendaItems).where(eq(agendaItems.eventId, eventId)).orderBy(asc(agendaItems.startsAt), asc(agendaItems.endsAt), asc(agendaItems.title));
}
export type AgendaItemRow = Awaited<ReturnType<typeof listAgenda>>[number];

export async function findAgendaItem(db: Db, eventId: string, itemId: string) {
  const [row] = await db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.eventId, eventId), eq(agendaItems.id, itemId)));
  return row;
}

export async function insertAgendaItem(tx: Db, values: typeof agendaItems.$inferInsert) {
  const [row] = await tx.insert(agendaItems).values(values).returning();
  return row!;
}

export async function updateAgendaItemRow(tx: Db, itemId: string, patch: Partial<typeof agendaItems.$inferInsert>) {
  const [row] = await tx.update(agendaItems).set(patch).where(eq(agendaItems.id, itemId)).returning();
  return row!;
}

export async function deleteAgendaItemRow(tx: Db, itemId: string) {
  await tx.delete(agendaItems).where(eq(agendaItems.id, itemId));
}

/* ---- Invitations ---- */

export async function listInvitationRows(db: Db, eventId: string) {
  return db
    .select({
      email: eventInvitations.email,
      createdAt: eventInvitations.createdAt,
      personName: users.name,
      registrationStatus: registrations.status,
    })
    .from(eventInvitations)
    .leftJoin(users, sql`lower(${users.email}) = ${eventInvitations.email}`)
    .leftJoin(registrations, and(eq(registrations.eventId, eventInvitations.eventId), eq(registrations.userId, users.id)))
    .where(eq(eventInvitations.eventId, eventId))
    .orderBy(asc(eventInvitations.email));
}

/** Adds the emails not yet invited; returns those that are new. */
export async function insertInvitations(tx: Db, eventId: string, emails: string[], invitedBy: string): Promise<string[]> {
  if (!emails.length) return [];
  const rows = await tx
    .insert(eventInvitations)
    .values(emails.map((email) => ({ eventId, email, invitedBy })))
    .onConflictDoNothing()
    .returning({ email: eventInvitations.email });
  return rows.map((r) => r.email);
}

export async function deleteInvitation(tx: Db, eventId: string, email: string): Promise<boolean> {
  const rows = await tx
    .delete(eventInvitations)
    .where(and(eq(eventInvitations.eventId, eventId), eq(eventInvitations.email, email)))
    .returning({ email: eventInvitations.email });
  return rows.length > 0;
}

export async function isInvited(db: Db, eventId: string, email: string): Promise<boolean> {
  const [row] = await db
    .select({ email: eventInvitations.email })
    .from(eventInvitations)
    .where(and(eq(eventInvitations.eventId, eventId), eq(eventInvitations.email, email.toLowerCase())));
  return row !== undefined;
}

/** Who the invited emails are: people with an account, and the addresses without one. */
export async function findUsersByEmails(db: Db, emails: string[]) {
  if (!emails.length) return [];
  return db
    .select({ id: users.id, email: users.email, status: users.status })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, emails));
}

/* ---- Registrations ---- */

const checkedInBy = alias(users, 'checked_in_by_user');
const participantCity = alias(cities, 'participant_city');

const registrationColumns = {
  id: registrations.id,
  eventId: registrations.eventId,
  userId: registrations.userId,
  name: users.name,
  email: users.email,
  organisationName: organisations.name,
  organisationKind: organisations.kind,
  cityName: participantCity.name,
  participantType: registrations.participantType,
  status: registrations.status,
  waitlistedAt: registrations.waitlistedAt,
  waitlistPosition: sql<
    number | null
  >`case when ${registrations.status} = 'waitlisted' then (select count(*) from ${registrations} w where w.event_id = ${registrations.eventId} and w.status = 'waitlisted' and (w.waitlisted_at, w.id) <= (${registrations.waitlistedAt}, ${registrations.id}))::int end`,
  accessibilityNeeds: registrations.accessibilityNeeds,
  dietaryNeeds: registrations.dietaryNeeds,
  visaLetterRequested: registrations.visaLetterRequested,
  passportName: registrations.passportName,
  nationality: registrations.nationality,
  badgeCode: registrations.badgeCode,
  checkedInAt: registrations.checkedInAt,
  checkedInByName: checkedInBy.name,
  decidedBy: registrations.decidedBy,
  decidedAt: registrations.decidedAt,
  decisionReason: registrations.decisionReason,
  createdAt: registrations.createdAt,
  updatedAt: registrations.updatedAt,
};

function selectRegistrations(db: Db) {
  return db
    .select(registrationColumns)
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(participantCity, eq(participantCity.id, organisations.cityId))
    .leftJoin(checkedInBy, eq(checkedInBy.id, registrations.checkedInBy));
}

export async function findRegistration(db: Db, id: string) {
  const [row] = await selectRegistrations(db).where(eq(registrations.id, id));
  return row;
}
export type RegistrationRow = NonNullable<Awaited<ReturnType<typeof findRegistration>>>;

export async function findRegistrationOf(db: Db, eventId: string, userId: string) {
  const [row] = await selectRegistrations(db).where(and(eq(registrations.eventId, eventId), eq(registrations.userId, userId)));
  return row;
}

export async function findRegistrationByBadge(db: Db, eventId: string, badgeCode: string) {
  const [row] = await selectRegistrations(db).where(and(eq(registrations.eventId, eventId), eq(registrations.badgeCode, badgeCode)));
  return row;
}

/** Just the status, read under the event's lock. */
export async function registrationStatusOf(tx: Db, id: string): Promise<RegistrationStatus | undefined> {
  const [row] = await tx.select({ status: registrations.status }).from(registrations).where(eq(registrations.id, id));
  return row?.status;
}

function registrationFilter(eventId: string, filter: { status?: RegistrationStatus; q?: string; participantType?: string }) {
  const conditions: SQL[] = [eq(registrations.eventId, eventId)];
  if (filter.status) conditions.push(eq(registrations.status, filter.status));
  if (filter.participantType) conditions.push(eq(registrations.participantType, filter.participantType as 'other'));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.name, like), ilike(users.email, like), ilike(organisations.name, like), ilike(registrations.passportName, like))!);
  }
  return and(...conditions)!;
}

export async function listRegistrationRows(db: Db, eventId: string, filter: { status?: RegistrationStatus; q?: string; participantType?: string; limit?: number }) {
  const query = selectRegistrations(db).where(registrationFilter(eventId, filter)).orderBy(asc(users.name), asc(registrations.id));
  return filter.limit ? query.limit(filter.limit) : query;
}

export async function countRegistrationRows(db: Db, eventId: string, filter: { status?: RegistrationStatus; q?: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(registrationFilter(eventId, filter));
  return row?.n ?? 0;
}

export async function countConfirmed(tx: Db, eventId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed')));
  return row?.n ?? 0;
}

/** The waiting list in order: first waitlisted first. */
export async function listWaitlisted(tx: Db, eventId: string) {
  return tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.waitlistedAt), asc(registrations.id));
}

export async function insertRegistration(tx: Db, values: typeof registrations.$inferInsert): Promise<string> {
  const [row] = await tx.insert(registrations).values(values).returning({ id: registrations.id });
  return row!.id;
}

export async function updateRegistrationRow(tx: Db, id: string, patch: Partial<typeof registrations.$inferInsert>) {
  await tx
    .update(registrations)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(registrations.id, id));
}

/** Users whose registration is still active (pending, confirmed or waitlisted): told when the event is cancelled. */
export async function listActiveRegistrantIds(db: Db, eventId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: registrations.userId })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), inArray(registrations.status, ['pending', 'confirmed', 'waitlisted'])));
  return rows.map((r) => r.userId);
}

/** A mission's delegation: the confirmed city delegates. */
export async function listDelegates(db: Db, eventId: string) {
  return db
    .select({ name: users.name, organisationName: organisations.name, cityName: participantCity.name })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(participantCity, eq(participantCity.id, organisations.cityId))
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed'), eq(registrations.participantType, 'city_delegate')))
    .orderBy(asc(participantCity.name), asc(users.name));
}

/* ---- Deals a mission produced (the deals module writes them) ---- */

const partner = alias(organisations, 'deal_partner');

export async function listEventDeals(db: Db, eventId: string) {
  return db
    .select({
      id: deals.id,
      title: deals.title,
      stage: deals.stage,
      cityId: deals.cityId,
      cityName: cities.name,
      countryCode: cities.countryCode,
      partnerOrganisationId: deals.partnerOrganisationId,
      partnerName: partner.name,
      valueMinor: deals.valueMinor,
      currency: deals.currency,
    })
    .from(deals)
    .innerJoin(cities, eq(cities.id, deals.cityId))
    .innerJoin(partner, eq(partner.id, deals.partnerOrganisationId))
    .where(eq(deals.eventId, eventId))
    .orderBy(asc(deals.createdAt), asc(deals.id));
}
