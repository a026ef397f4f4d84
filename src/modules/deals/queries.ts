import { aliasedTable, and, asc, desc, eq, inArray, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  assistanceRequests,
  auditEntries,
  cities,
  investmentProjects,
  deals,
  events,
  meetingParticipants,
  meetingRequests,
  meetingSlots,
  organisations,
  projectInterests,
  registrations,
  users,
  type AssistanceStatus,
  type DealSource,
  type DealStage,
} from '../../db/schema/index.js';

const creators = aliasedTable(users, 'deal_creators');

const dealColumns = {
  id: deals.id,
  title: deals.title,
  cityId: deals.cityId,
  cityName: cities.name,
  countryCode: cities.countryCode,
  partnerOrganisationId: deals.partnerOrganisationId,
  partnerOrganisationName: organisations.name,
  partnerOrganisationKind: organisations.kind,
  stage: deals.stage,
  valueMinor: deals.valueMinor,
  currency: deals.currency,
  source: deals.source,
  eventId: deals.eventId,
  eventTitle: events.title,
  eventKind: events.kind,
  eventOrganiserOrganisationId: events.organiserOrganisationId,
  meetingRequestId: deals.meetingRequestId,
  assistanceRequestId: deals.assistanceRequestId,
  assistanceRequestTitle: assistanceRequests.title,
  assistanceAgencyOrganisationId: assistanceRequests.agencyOrganisationId,
  investmentProjectId: deals.investmentProjectId,
  investmentProjectTitle: investmentProjects.title,
  investmentProjectVisibility: investmentProjects.visibility,
  notes: deals.notes,
  createdBy: deals.createdBy,
  createdByName: creators.name,
  createdAt: deals.createdAt,
  updatedAt: deals.updatedAt,
};

function dealQuery(db: Db) {
  return db
    .select(dealColumns)
    .from(deals)
    .innerJoin(cities, eq(cities.id, deals.cityId))
    .innerJoin(organisations, eq(organisations.id, deals.partnerOrganisationId))
    .leftJoin(events, eq(events.id, deals.eventId))
    .leftJoin(assistanceRequests, eq(assistanceRequests.id, deals.assistanceRequestId))
    .leftJoin(investmentProjects, eq(investmentProjects.id, deals.investmentProjectId))
    .leftJoin(creators, eq(creators.id, deals.createdBy));
}

export async function findDeal(db: Db, id: string) {
  const [row] = await dealQuery(db).where(eq(deals.id, id));
  return row;
}
export type DealRow = NonNullable<Awaited<ReturnType<typeof findDeal>>>;

/**
 * Which deals a viewer may see, for lists in SQL; the service builds it from the same rules as
 * policy.canViewDeal (the organisers of the deal's event included).
 */
export type DealScope =
  | { all: true }
  | { organisationId: string; cityId: string | null; countryCode: string | null };

export function scopeCondition(scope: DealScope): SQL | undefined {
  if ('all' in scope) return undefined;
  const conditions: SQL[] = [
    eq(deals.partnerOrganisationId, scope.organisationId),
    sql`${deals.eventId} in (select e.id from ${events} e where e.organiser_organisation_id = ${scope.organisationId})`,
  ];
  if (scope.cityId) conditions.push(eq(deals.cityId, scope.cityId));
  if (scope.countryCode) conditions.push(eq(cities.countryCode, scope.countryCode));
  return or(...conditions);
}

export type DealFilter = { stage?: DealStage; city?: string; event?: string; meetingRequestIds?: string[] };

function filterConditions(scope: DealScope, filter: DealFilter): SQL[] {
  const conditions: SQL[] = [];
  const scoped = scopeCondition(scope);
  if (scoped) conditions.push(scoped);
  if (filter.stage) conditions.push(eq(deals.stage, filter.stage));
  if (filter.city) conditions.push(eq(deals.cityId, filter.city));
  if (filter.event) conditions.push(eq(deals.eventId, filter.event));
  // An empty list matches nothing (callers skip the query then).
  if (filter.meetingRequestIds) conditions.push(filter.meetingRequestIds.length ? inArray(deals.meetingRequestId, filter.meetingRequestIds) : sql`false`);
  return conditions;
}

/** Most recently changed first; `after` is the [updatedAt, id] of the previous page's last row. */
export async function listDeals(db: Db, scope: DealScope, filter: DealFilter & { after?: [string, string]; limit?: number }) {
  const conditions = filterConditions(scope, filter);
  if (filter.after) conditions.push(sql`(${deals.updatedAt}, ${deals.id}) < (${filter.after[0]}::timestamptz, ${filter.after[1]}::uuid)`);
  const query = dealQuery(db)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(deals.updatedAt), desc(deals.id));
  return filter.limit ? query.limit(filter.limit + 1) : query;
}

export async function insertDeal(
  db: Db,
  deal: {
    title: string;
    cityId: string;
    partnerOrganisationId: string;
    stage: DealStage;
    valueMinor: bigint | null;
    currency: string | null;
    source: DealSource;
    eventId: string | null;
    meetingRequestId: string | null;
    assistanceRequestId?: string | null;
    investmentProjectId?: string | null;
    notes: string;
    createdBy: string;
  },
): Promise<string> {
  const [row] = await db.insert(deals).values(deal).returning({ id: deals.id });
  return row!.id;
}

export async function updateDeal(db: Db, id: string, patch: Partial<Pick<typeof deals.$inferInsert, 'title' | 'stage' | 'valueMinor' | 'currency' | 'notes'>>) {
  await db
    .update(deals)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(deals.id, id));
}

export async function deleteDeal(db: Db, id: string) {
  await db.delete(deals).where(eq(deals.id, id));
}

/** The audit entries of a deal, oldest first, with the name of who made each change. */
export async function listDealAudit(db: Db, dealId: string) {
  return db
    .select({ at: auditEntries.at, action: auditEntries.action, before: auditEntries.before, after: auditEntries.after, actorName: users.name, actorLabel: auditEntries.actorLabel })
    .from(auditEntries)
    .leftJoin(users, eq(users.id, auditEntries.actorUserId))
    .where(and(eq(auditEntries.entityType, 'deal'), eq(auditEntries.entityId, dealId)))
    .orderBy(asc(auditEntries.at), asc(auditEntries.id));
}

/** Administrators of the deal's two sides (the partner organisation, the city's city-government organisations). */
export async function dealSideAdminIds(db: Db, deal: { cityId: string; partnerOrganisationId: string }): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        eq(users.role, 'admin'),
        eq(users.status, 'active'),
        or(eq(organisations.id, deal.partnerOrganisationId), and(eq(organisations.kind, 'city_government'), eq(organisations.cityId, deal.cityId))),
      ),
    );
  return rows.map((r) => r.id);
}

export async function findEventRef(db: Db, id: string) {
  const [row] = await db
    .select({ id: events.id, title: events.title, kind: events.kind, status: events.status, visibility: events.visibility, organiserOrganisationId: events.organiserOrganisationId })
    .from(events)
    .where(eq(events.id, id));
  return row;
}

/** A meeting with the users of its participants (for policy.canViewMeeting) and its event. */
export async function findMeetingRef(db: Db, id: string) {
  const [row] = await db
    .select({ id: meetingRequests.id, eventId: meetingRequests.eventId, organiserOrganisationId: events.organiserOrganisationId })
    .from(meetingRequests)
    .innerJoin(events, eq(events.id, meetingRequests.eventId))
    .where(eq(meetingRequests.id, id));
  if (!row) return undefined;
  const participants = await db
    .select({ userId: registrations.userId })
    .from(meetingParticipants)
    .innerJoin(registrations, eq(registrations.id, meetingParticipants.registrationId))
    .where(eq(meetingParticipants.requestId, id));
  return { ...row, participantUserIds: participants.map((p) => p.userId) };
}

/**
 * Events a deal form may offer: those the organisation organises, those the person was confirmed for,
 * and (for the secretariat, `all`) every event that is not a draft. Most recent first.
 */
export async function listEventOptions(db: Db, filter: { organisationId: string; userId: string; all: boolean; limit: number }) {
  const mine = or(
    eq(events.organiserOrganisationId, filter.organisationId),
    sql`exists (select 1 from ${registrations} r where r.event_id = ${events.id} and r.user_id = ${filter.userId} and r.status = 'confirmed')`,
  );
  return db
    .select({ id: events.id, title: events.title, kind: events.kind, status: events.status, visibility: events.visibility, startsAt: events.startsAt, organiserOrganisationId: events.organiserOrganisationId })
    .from(events)
    .where(filter.all ? or(mine, ne(events.status, 'draft')) : mine)
    .orderBy(desc(events.startsAt))
    .limit(filter.limit);
}

/** The person's published meetings (with a slot), most recent first, and who else took part. */
export async function listMeetingOptions(db: Db, userId: string, limit: number) {
  const rows = await db
    .select({ id: meetingRequests.id, eventId: events.id, eventTitle: events.title, startsAt: meetingSlots.startsAt })
    .from(meetingRequests)
    .innerJoin(meetingParticipants, eq(meetingParticipants.requestId, meetingRequests.id))
    .innerJoin(registrations, and(eq(registrations.id, meetingParticipants.registrationId), eq(registrations.userId, userId)))
    .innerJoin(events, eq(events.id, meetingRequests.eventId))
    .innerJoin(meetingSlots, eq(meetingSlots.id, meetingRequests.slotId))
    .where(and(isNotNull(meetingRequests.publishedAt), eq(meetingRequests.status, 'accepted')))
    .orderBy(desc(meetingSlots.startsAt))
    .limit(limit);
  if (rows.length === 0) return [];
  const others = await db
    .select({ requestId: meetingParticipants.requestId, name: users.name, organisationName: organisations.name })
    .from(meetingParticipants)
    .innerJoin(registrations, eq(registrations.id, meetingParticipants.registrationId))
    .innerJoin(users, eq(users.id, registrations.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(inArray(meetingParticipants.requestId, rows.map((r) => r.id)), ne(registrations.userId, userId)))
    .orderBy(asc(users.name));
  return rows.map((row) => ({ ...row, with: others.filter((o) => o.requestId === row.id).map((o) => `${o.name} (${o.organisationName})`) }));
}

/** An assistance request as a deal may name it: its city, its routed agency (for policy.canViewAssistanceRequest) and its status. */
const assistanceRefColumns = {
  id: assistanceRequests.id,
  title: assistanceRequests.title,
  status: assistanceRequests.status,
  cityId: assistanceRequests.cityId,
  countryCode: cities.countryCode,
  agencyOrganisationId: assistanceRequests.agencyOrganisationId,
};

export async function findAssistanceRef(db: Db, id: string) {
  const [row] = await db
    .select(assistanceRefColumns)
    .from(assistanceRequests)
    .innerJoin(cities, eq(cities.id, assistanceRequests.cityId))
    .where(eq(assistanceRequests.id, id));
  return row;
}

/** A city's assistance requests at the given statuses, newest change first (for the deal form). */
export async function listAssistanceOptions(db: Db, cityId: string, statuses: readonly AssistanceStatus[], limit: number) {
  return db
    .select(assistanceRefColumns)
    .from(assistanceRequests)
    .innerJoin(cities, eq(cities.id, assistanceRequests.cityId))
    .where(and(eq(assistanceRequests.cityId, cityId), inArray(assistanceRequests.status, [...statuses])))
    .orderBy(desc(assistanceRequests.updatedAt))
    .limit(limit);
}

/** A pipeline project as a deal may name it. */
export async function findProjectRef(db: Db, id: string) {
  const [row] = await db
    .select({ id: investmentProjects.id, title: investmentProjects.title, visibility: investmentProjects.visibility, cityId: investmentProjects.cityId, countryCode: cities.countryCode })
    .from(investmentProjects)
    .innerJoin(cities, eq(cities.id, investmentProjects.cityId))
    .where(eq(investmentProjects.id, id));
  return row;
}

/** Whether the organisation expressed interest in the project. */
export async function hasExpressedInterest(db: Db, projectId: string, organisationId: string): Promise<boolean> {
  const rows = await db
    .select({ id: projectInterests.projectId })
    .from(projectInterests)
    .where(and(eq(projectInterests.projectId, projectId), eq(projectInterests.organisationId, organisationId)));
  return rows.length > 0;
}

/** For each of these projects, the organisations that expressed interest in it. */
export async function interestedOrganisations(db: Db, projectIds: string[]) {
  if (projectIds.length === 0) return new Map<string, string[]>();
  const rows = await db
    .select({ projectId: projectInterests.projectId, organisationId: projectInterests.organisationId })
    .from(projectInterests)
    .where(inArray(projectInterests.projectId, projectIds));
  const byProject = new Map<string, string[]>();
  for (const row of rows) byProject.set(row.projectId, [...(byProject.get(row.projectId) ?? []), row.organisationId]);
  return byProject;
}
