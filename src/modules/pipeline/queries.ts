import { and, asc, desc, eq, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cities, scapProjects } from '../../db/schema/cities.js';
import { organisations, users } from '../../db/schema/accounts.js';
import { exchangeRates, investmentProjectShares, investmentProjectStageChanges, investmentProjects, projectInterests, type PipelineStage, type PipelineVisibility } from '../../db/schema/projects.js';
import type { restrictedScope } from '../../policy/policy.js';

const projectColumns = {
  id: investmentProjects.id,
  cityId: investmentProjects.cityId,
  cityName: cities.name,
  countryCode: cities.countryCode,
  scapProjectId: investmentProjects.scapProjectId,
  scapProjectTitle: scapProjects.title,
  title: investmentProjects.title,
  sector: investmentProjects.sector,
  focusAreaId: investmentProjects.focusAreaId,
  description: investmentProjects.description,
  location: investmentProjects.location,
  deliveryModel: investmentProjects.deliveryModel,
  currency: investmentProjects.currency,
  capitalCostMinor: investmentProjects.capitalCostMinor,
  fundingSecuredMinor: investmentProjects.fundingSecuredMinor,
  stage: investmentProjects.stage,
  visibility: investmentProjects.visibility,
  createdAt: investmentProjects.createdAt,
  updatedAt: investmentProjects.updatedAt,
};

export type PipelineProjectRow = NonNullable<Awaited<ReturnType<typeof findPipelineProject>>>;

export async function findPipelineProject(db: Db, id: string) {
  const [row] = await db
    .select(projectColumns)
    .from(investmentProjects)
    .innerJoin(cities, eq(cities.id, investmentProjects.cityId))
    .leftJoin(scapProjects, eq(scapProjects.id, investmentProjects.scapProjectId))
    .where(eq(investmentProjects.id, id));
  return row;
}

/**
 * The same circle as SCAP projects: public to all, partnership to the signed in, restricted to the city's
 * insiders; and any project the city shared with `sharedWithOrganisationId` (the viewer's organisation).
 */
export function pipelineVisibilityCondition(signedIn: boolean, scope: ReturnType<typeof restrictedScope>, sharedWithOrganisationId: string | null = null): SQL {
  const visible: PipelineVisibility[] = signedIn ? ['public', 'partnership'] : ['public'];
  const parts: SQL[] = [inArray(investmentProjects.visibility, visible)];
  if (signedIn && sharedWithOrganisationId) parts.push(sharedWith(sharedWithOrganisationId));
  if (scope && 'all' in scope) parts.push(eq(investmentProjects.visibility, 'restricted'));
  else if (scope?.cityId) parts.push(and(eq(investmentProjects.visibility, 'restricted'), eq(investmentProjects.cityId, scope.cityId))!);
  else if (scope?.countryCode) parts.push(and(eq(investmentProjects.visibility, 'restricted'), eq(cities.countryCode, scope.countryCode))!);
  return parts.length === 1 ? parts[0]! : or(...parts)!;
}

/** The project (in the outer query) is shared with the organisation. */
export const sharedWith = (organisationId: string): SQL =>
  sql`exists (select 1 from ${investmentProjectShares} s where s.project_id = ${investmentProjects.id} and s.organisation_id = ${organisationId})`;

export type PipelineFilter = {
  q?: string;
  country?: string;
  city?: string;
  sector?: string;
  focusArea?: string;
  stage?: string;
  visibility?: PipelineVisibility;
  /** Keyset: [updatedAt ISO, id] of the last row of the previous page. */
  after?: [string, string];
  limit: number;
};

/** Newest change first; the limit+1th row tells whether there is a next page. */
export async function listPipelineProjects(db: Db, visibility: SQL, filter: PipelineFilter): Promise<PipelineProjectRow[]> {
  const conditions: SQL[] = [visibility];
  if (filter.country) conditions.push(eq(cities.countryCode, filter.country));
  if (filter.city) conditions.push(eq(investmentProjects.cityId, filter.city));
  if (filter.sector) conditions.push(eq(investmentProjects.sector, filter.sector as 'other'));
  if (filter.focusArea) conditions.push(eq(investmentProjects.focusAreaId, filter.focusArea));
  if (filter.stage) conditions.push(eq(investmentProjects.stage, filter.stage as PipelineStage));
  if (filter.visibility) conditions.push(eq(investmentProjects.visibility, filter.visibility));
  if (filter.q) {
    conditions.push(sql`${investmentProjects.searchVector} @@ (websearch_to_tsquery('english', ${filter.q}) || websearch_to_tsquery('simple', ${filter.q}))`);
  }
  if (filter.after) {
    conditions.push(sql`(${investmentProjects.updatedAt}, ${investmentProjects.id}) < (${filter.after[0]}::timestamptz, ${filter.after[1]}::uuid)`);
  }
  return db
    .select(projectColumns)
    .from(investmentProjects)
    .innerJoin(cities, eq(cities.id, investmentProjects.cityId))
    .leftJoin(scapProjects, eq(scapProjects.id, investmentProjects.scapProjectId))
    .where(and(...conditions))
    .orderBy(desc(investmentProjects.updatedAt), desc(investmentProjects.id))
    .limit(filter.limit + 1);
}

export type PipelineProjectInsert = typeof investmentProjects.$inferInsert;

export async function insertPipelineProject(tx: Db, values: PipelineProjectInsert): Promise<string> {
  const [row] = await tx.insert(investmentProjects).values(values).returning({ id: investmentProjects.id });
  return row!.id;
}

export async function updatePipelineProject(tx: Db, id: string, values: Partial<PipelineProjectInsert>): Promise<void> {
  await tx
    .update(investmentProjects)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(investmentProjects.id, id));
}

/** Pipeline projects already promoted from an action-plan project (to refuse promoting it twice). */
export async function findPromotionOf(db: Db, scapProjectId: string) {
  const [row] = await db
    .select({ id: investmentProjects.id, title: investmentProjects.title })
    .from(investmentProjects)
    .where(eq(investmentProjects.scapProjectId, scapProjectId))
    .limit(1);
  return row;
}

export async function insertStageChange(tx: Db, values: typeof investmentProjectStageChanges.$inferInsert): Promise<void> {
  await tx.insert(investmentProjectStageChanges).values(values);
}

export async function listStageChanges(db: Db, projectId: string) {
  return db
    .select({
      id: investmentProjectStageChanges.id,
      fromStage: investmentProjectStageChanges.fromStage,
      toStage: investmentProjectStageChanges.toStage,
      note: investmentProjectStageChanges.note,
      changedAt: investmentProjectStageChanges.changedAt,
      changedByName: users.name,
    })
    .from(investmentProjectStageChanges)
    .leftJoin(users, eq(users.id, investmentProjectStageChanges.changedBy))
    .where(eq(investmentProjectStageChanges.projectId, projectId))
    .orderBy(desc(investmentProjectStageChanges.changedAt), desc(investmentProjectStageChanges.id));
}

// Shares

/** The organisations the project is shared with (ids only: for policy.canViewPipelineProject). */
export async function sharedOrganisationIds(db: Db, projectId: string): Promise<string[]> {
  const rows = await db.select({ id: investmentProjectShares.organisationId }).from(investmentProjectShares).where(eq(investmentProjectShares.projectId, projectId));
  return rows.map((r) => r.id);
}

/** Of these projects, those shared with the organisation. */
export async function projectsSharedWith(db: Db, projectIds: string[], organisationId: string): Promise<Set<string>> {
  if (projectIds.length === 0) return new Set();
  const rows = await db
    .select({ id: investmentProjectShares.projectId })
    .from(investmentProjectShares)
    .where(and(inArray(investmentProjectShares.projectId, projectIds), eq(investmentProjectShares.organisationId, organisationId)));
  return new Set(rows.map((r) => r.id));
}

export async function listShares(db: Db, projectId: string) {
  return db
    .select({
      organisationId: investmentProjectShares.organisationId,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      sharedAt: investmentProjectShares.sharedAt,
      sharedByName: users.name,
    })
    .from(investmentProjectShares)
    .innerJoin(organisations, eq(organisations.id, investmentProjectShares.organisationId))
    .leftJoin(users, eq(users.id, investmentProjectShares.sharedBy))
    .where(eq(investmentProjectShares.projectId, projectId))
    .orderBy(asc(organisations.name));
}

/** Adds the share unless it exists; says whether it was new. */
export async function insertShare(tx: Db, values: typeof investmentProjectShares.$inferInsert): Promise<boolean> {
  const rows = await tx.insert(investmentProjectShares).values(values).onConflictDoNothing().returning({ id: investmentProjectShares.organisationId });
  return rows.length > 0;
}

export async function deleteShare(tx: Db, projectId: string, organisationId: string): Promise<boolean> {
  const rows = await tx
    .delete(investmentProjectShares)
    .where(and(eq(investmentProjectShares.projectId, projectId), eq(investmentProjectShares.organisationId, organisationId)))
    .returning({ id: investmentProjectShares.organisationId });
  return rows.length > 0;
}

/** The organisations that follow a project: those that expressed interest and those it is shared with (for stage-change notices). */
export async function followingOrganisations(db: Db, projectId: string) {
  const interested = db.select({ id: projectInterests.organisationId }).from(projectInterests).where(eq(projectInterests.projectId, projectId));
  const shared = db.select({ id: investmentProjectShares.organisationId }).from(investmentProjectShares).where(eq(investmentProjectShares.projectId, projectId));
  return db
    .select({ id: organisations.id, kind: organisations.kind, cityId: organisations.cityId, countryCode: organisations.countryCode })
    .from(organisations)
    .where(or(inArray(organisations.id, interested), inArray(organisations.id, shared)));
}

/** Active members of these organisations. */
export async function activeMemberIds(db: Db, organisationIds: string[]): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.organisationId, organisationIds), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

// Exchange rates

const rateColumns = {
  currency: exchangeRates.currency,
  rateDate: exchangeRates.rateDate,
  unitsPerUsd: exchangeRates.unitsPerUsd,
  source: exchangeRates.source,
  recordedAt: exchangeRates.recordedAt,
};
export type RateRow = Awaited<ReturnType<typeof listRates>>[number];

export async function listRates(db: Db, currency?: string) {
  return db
    .select(rateColumns)
    .from(exchangeRates)
    .where(currency ? eq(exchangeRates.currency, currency) : undefined)
    .orderBy(exchangeRates.currency, desc(exchangeRates.rateDate))
    .limit(2000);
}

export async function findRate(db: Db, currency: string, rateDate: string) {
  const [row] = await db
    .select(rateColumns)
    .from(exchangeRates)
    .where(and(eq(exchangeRates.currency, currency), eq(exchangeRates.rateDate, rateDate)));
  return row;
}

/** For each currency, the latest rate dated on or before `onDate` (YYYY-MM-DD). */
export async function latestRates(db: Db, currencies: string[], onDate: string): Promise<Map<string, RateRow>> {
  const wanted = [...new Set(currencies)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([exchangeRates.currency], rateColumns)
    .from(exchangeRates)
    .where(and(inArray(exchangeRates.currency, wanted), lte(exchangeRates.rateDate, onDate)))
    .orderBy(exchangeRates.currency, desc(exchangeRates.rateDate));
  return new Map(rows.map((row) => [row.currency, row]));
}

export async function upsertRate(tx: Db, values: typeof exchangeRates.$inferInsert): Promise<void> {
  await tx
    .insert(exchangeRates)
    .values(values)
    .onConflictDoUpdate({
      target: [exchangeRates.currency, exchangeRates.rateDate],
      set: { unitsPerUsd: values.unitsPerUsd, source: values.source, recordedBy: values.recordedBy, recordedAt: new Date() },
    });
}

export async function deleteRate(tx: Db, currency: string, rateDate: string): Promise<void> {
  await tx.delete(exchangeRates).where(and(eq(exchangeRates.currency, currency), eq(exchangeRates.rateDate, rateDate)));
}
