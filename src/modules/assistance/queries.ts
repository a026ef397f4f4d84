import { and, asc, desc, eq, inArray, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { organisations, users } from '../../db/schema/accounts.js';
import { cities } from '../../db/schema/cities.js';
import { assistanceEvents, assistanceRequests, investmentProjects, type AssistanceStatus } from '../../db/schema/projects.js';

export type NewAssistanceRequest = typeof assistanceRequests.$inferInsert;
export type AssistanceScope =
  | { all: true }
  | { all?: false; cityId: string | null; countryCode: string | null; agencyOrganisationId: string };

const agency = alias(organisations, 'agency');
const endorser = alias(users, 'endorser');

/** When the status last changed (the latest transition event, or the creation). */
const statusChangedAt = sql<Date>`coalesce((select max(e.at) from assistance_events e where e.request_id = ${assistanceRequests.id} and e.kind = 'transition'), ${assistanceRequests.createdAt})`.mapWith(
  (value: string | Date) => (value instanceof Date ? value : new Date(value)),
);

const summaryColumns = {
  id: assistanceRequests.id,
  kind: assistanceRequests.kind,
  title: assistanceRequests.title,
  status: assistanceRequests.status,
  cityId: assistanceRequests.cityId,
  cityName: cities.name,
  countryCode: cities.countryCode,
  agencyOrganisationId: assistanceRequests.agencyOrganisationId,
  agencyName: agency.name,
  infoRequested: assistanceRequests.infoRequested,
  endorsedBy: assistanceRequests.endorsedBy,
  endorsedAt: assistanceRequests.endorsedAt,
  submittedAt: assistanceRequests.submittedAt,
  createdAt: assistanceRequests.createdAt,
  updatedAt: assistanceRequests.updatedAt,
  statusChangedAt,
};

export function scopeFilter(scope: AssistanceScope): SQL | undefined {
  if (scope.all) return undefined;
  const circles: SQL[] = [and(eq(assistanceRequests.agencyOrganisationId, scope.agencyOrganisationId), ne(assistanceRequests.status, 'draft'))!];
  if (scope.cityId) circles.push(eq(assistanceRequests.cityId, scope.cityId));
  if (scope.countryCode) circles.push(eq(cities.countryCode, scope.countryCode));
  return or(...circles);
}

export async function listAssistanceRequests(
  db: Db,
  scope: AssistanceScope,
  options: { status?: AssistanceStatus; sort: 'oldest_submission' | 'longest_unchanged' | 'recent'; limit: number },
) {
  const order =
    options.sort === 'oldest_submission'
      ? [sql`${assistanceRequests.submittedAt} asc nulls last`, asc(assistanceRequests.createdAt)]
      : options.sort === 'longest_unchanged'
        ? [asc(statusChangedAt), asc(assistanceRequests.id)]
        : [desc(assistanceRequests.updatedAt), desc(assistanceRequests.id)];
  return db
    .select(summaryColumns)
    .from(assistanceRequests)
    .innerJoin(cities, eq(cities.id, assistanceRequests.cityId))
    .innerJoin(agency, eq(agency.id, assistanceRequests.agencyOrganisationId))
    .where(and(scopeFilter(scope), options.status ? eq(assistanceRequests.status, options.status) : undefined))
    .orderBy(...order)
    .limit(options.limit);
}

export async function findAssistanceRequest(db: Db, id: string) {
  const [row] = await db
    .select({
      ...summaryColumns,
      problem: assistanceRequests.problem,
      objectives: assistanceRequests.objectives,
      scope: assistanceRequests.scope,
      projectId: assistanceRequests.projectId,
      projectTitle: investmentProjects.title,
      projectVisibility: investmentProjects.visibility,
      projectCityId: investmentProjects.cityId,
      budgetMinor: assistanceRequests.budgetMinor,
      budgetCurrency: assistanceRequests.budgetCurrency,
      timeline: assistanceRequests.timeline,
      endorsedByName: endorser.name,
      decisionReason: assistanceRequests.decisionReason,
      publicSummary: assistanceRequests.publicSummary,
      createdBy: assistanceRequests.createdBy,
    })
    .from(assistanceRequests)
    .innerJoin(cities, eq(cities.id, assistanceRequests.cityId))
    .innerJoin(agency, eq(agency.id, assistanceRequests.agencyOrganisationId))
    .leftJoin(investmentProjects, eq(investmentProjects.id, assistanceRequests.projectId))
    .leftJoin(endorser, eq(endorser.id, assistanceRequests.endorsedBy))
    .where(eq(assistanceRequests.id, id));
  return row;
}
export type AssistanceRequestRow = NonNullable<Awaited<ReturnType<typeof findAssistanceRequest>>>;

/** Locks the request's row for a change, so two reviewers cannot move it at once. */
export async function lockAssistanceRequest(tx: Db, id: string) {
  const [row] = await tx.select().from(assistanceRequests).where(eq(assistanceRequests.id, id)).for('update');
  return row;
}

export async function insertAssistanceRequest(tx: Db, values: NewAssistanceRequest) {
  const [row] = await tx.insert(assistanceRequests).values(values).returning();
  return row!;
}

export async function updateAssistanceRequest(tx: Db, id: string, patch: Partial<NewAssistanceRequest>) {
  const [row] = await tx
    .update(assistanceRequests)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(assistanceRequests.id, id))
    .returning();
  return row!;
}

export async function insertAssistanceEvent(tx: Db, values: typeof assistanceEvents.$inferInsert) {
  const [row] = await tx.insert(assistanceEvents).values(values).returning();
  return row!;
}

export async function listAssistanceEvents(db: Db, requestId: string) {
  const actorOrganisation = alias(organisations, 'actor_organisation');
  return db
    .select({
      id: assistanceEvents.id,
      kind: assistanceEvents.kind,
      fromStatus: assistanceEvents.fromStatus,
      toStatus: assistanceEvents.toStatus,
      body: assistanceEvents.body,
      actorName: users.name,
      actorOrganisationName: actorOrganisation.name,
      at: assistanceEvents.at,
    })
    .from(assistanceEvents)
    .leftJoin(users, eq(users.id, assistanceEvents.actorId))
    .leftJoin(actorOrganisation, eq(actorOrganisation.id, users.organisationId))
    .where(eq(assistanceEvents.requestId, requestId))
    .orderBy(asc(assistanceEvents.at), asc(assistanceEvents.id));
}

export async function findOrganisationKind(db: Db, id: string) {
  const [row] = await db.select({ id: organisations.id, kind: organisations.kind, name: organisations.name }).from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function findPipelineProjectCity(db: Db, id: string) {
  const [row] = await db.select({ id: investmentProjects.id, cityId: investmentProjects.cityId }).from(investmentProjects).where(eq(investmentProjects.id, id));
  return row;
}

export async function listAgencies(db: Db) {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.kind, 'us_agency')).orderBy(asc(organisations.name));
}

export async function listCityPipelineProjects(db: Db, cityId: string) {
  return db
    .select({ id: investmentProjects.id, title: investmentProjects.title })
    .from(investmentProjects)
    .where(eq(investmentProjects.cityId, cityId))
    .orderBy(asc(investmentProjects.title))
    .limit(500);
}

/** Active staff of the city's government organisations (the requesting side). */
export async function cityStaffIds(db: Db, cityId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.status, 'active'), eq(organisations.kind, 'city_government'), eq(organisations.cityId, cityId)));
  return rows.map((r) => r.id);
}

/** Active members of the organisations given (the routed agency's reviewers). */
export async function organisationMemberIds(db: Db, organisationIds: string[]): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.status, 'active'), inArray(users.organisationId, organisationIds)));
  return rows.map((r) => r.id);
}

/** Published summaries of approved requests, for the portal: nothing but what is shown. */
export async function listPublishedSummaries(db: Db, limit: number) {
  return db
    .select({
      id: assistanceRequests.id,
      kind: assistanceRequests.kind,
      title: assistanceRequests.title,
      cityName: cities.name,
      countryCode: cities.countryCode,
      agencyName: agency.name,
      publicSummary: sql<string>`${assistanceRequests.publicSummary}`,
    })
    .from(assistanceRequests)
    .innerJoin(cities, eq(cities.id, assistanceRequests.cityId))
    .innerJoin(agency, eq(agency.id, assistanceRequests.agencyOrganisationId))
    .where(and(isNotNull(assistanceRequests.publicSummary), inArray(assistanceRequests.status, ['approved', 'in_progress', 'delivered', 'closed'])))
    .orderBy(desc(assistanceRequests.updatedAt))
    .limit(limit);
}
