import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  cities,
  exchangeOfferFocusAreas,
  exchangeOffers,
  organisations,
  pairingActivities,
  pairingFocusAreas,
  pairings,
  pairingTransitions,
  pairingUpdates,
  scapProjects,
  users,
} from '../../db/schema/index.js';
import type { pairingScope } from '../../policy/policy.js';

/* ---- Offers ---- */

const offerColumns = {
  organisationId: exchangeOffers.organisationId,
  organisationName: organisations.name,
  organisationKind: organisations.kind,
  sectors: exchangeOffers.sectors,
  expertiseSummary: exchangeOffers.expertiseSummary,
  keywords: exchangeOffers.keywords,
  updatedAt: exchangeOffers.updatedAt,
  focusAreaIds: sql<string[]>`coalesce((select array_agg(f.focus_area_id order by f.focus_area_id) from ${exchangeOfferFocusAreas} f where f.organisation_id = ${exchangeOffers.organisationId}), '{}'::text[])`,
};

export async function findOffer(db: Db, organisationId: string) {
  const [row] = await db
    .select(offerColumns)
    .from(exchangeOffers)
    .innerJoin(organisations, eq(organisations.id, exchangeOffers.organisationId))
    .where(eq(exchangeOffers.organisationId, organisationId));
  return row;
}
export type OfferRow = NonNullable<Awaited<ReturnType<typeof findOffer>>>;

export async function listOffers(db: Db, filter: { focusArea?: string; after?: [string, string]; limit?: number }) {
  const conditions: SQL[] = [];
  if (filter.focusArea) {
    conditions.push(sql`exists (select 1 from ${exchangeOfferFocusAreas} f where f.organisation_id = ${exchangeOffers.organisationId} and f.focus_area_id = ${filter.focusArea})`);
  }
  if (filter.after) conditions.push(sql`(${exchangeOffers.updatedAt}, ${exchangeOffers.organisationId}) < (${filter.after[0]}::timestamptz, ${filter.after[1]}::uuid)`);
  const query = db
    .select(offerColumns)
    .from(exchangeOffers)
    .innerJoin(organisations, eq(organisations.id, exchangeOffers.organisationId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(exchangeOffers.updatedAt), desc(exchangeOffers.organisationId));
  return filter.limit ? query.limit(filter.limit + 1) : query;
}

export async function upsertOffer(
  db: Db,
  organisationId: string,
  offer: { focusAreaIds: string[]; sectors: string[]; expertiseSummary: string; keywords: string[]; updatedBy: string },
) {
  const { focusAreaIds, ...fields } = offer;
  await db
    .insert(exchangeOffers)
    .values({ organisationId, ...fields })
    .onConflictDoUpdate({ target: exchangeOffers.organisationId, set: { ...fields, updatedAt: new Date() } });
  await db.delete(exchangeOfferFocusAreas).where(eq(exchangeOfferFocusAreas.organisationId, organisationId));
  if (focusAreaIds.length) await db.insert(exchangeOfferFocusAreas).values(focusAreaIds.map((focusAreaId) => ({ organisationId, focusAreaId })));
}

/** Every city's needs: its SCAP projects in planning or under way, of every visibility (the service decides what to show). */
export async function listNeeds(db: Db, cityId?: string) {
  return db
    .select({
      id: scapProjects.id,
      cityId: scapProjects.cityId,
      focusAreaId: scapProjects.focusAreaId,
      title: scapProjects.title,
      description: scapProjects.description,
      visibility: scapProjects.visibility,
    })
    .from(scapProjects)
    .where(and(inArray(scapProjects.status, ['planning', 'ongoing']), cityId ? eq(scapProjects.cityId, cityId) : undefined))
    .orderBy(asc(scapProjects.cityId), asc(scapProjects.id));
}

export const listCityNames = (db: Db) => db.select({ id: cities.id, name: cities.name, countryCode: cities.countryCode }).from(cities);

/* ---- Pairings ---- */

const pairingColumns = {
  id: pairings.id,
  usOrganisationId: pairings.usOrganisationId,
  usOrganisationName: organisations.name,
  cityId: pairings.cityId,
  cityName: cities.name,
  countryCode: cities.countryCode,
  objectives: pairings.objectives,
  status: pairings.status,
  usAcceptedBy: pairings.usAcceptedBy,
  usAcceptedAt: pairings.usAcceptedAt,
  cityAcceptedBy: pairings.cityAcceptedBy,
  cityAcceptedAt: pairings.cityAcceptedAt,
  public: pairings.public,
  outcomes: pairings.outcomes,
  lessonsLearned: pairings.lessonsLearned,
  createdBy: pairings.createdBy,
  createdAt: pairings.createdAt,
  updatedAt: pairings.updatedAt,
  focusAreaIds: sql<string[]>`coalesce((select array_agg(f.focus_area_id order by f.focus_area_id) from ${pairingFocusAreas} f where f.pairing_id = ${pairings.id}), '{}'::text[])`,
};

/** The SQL condition for "pairings this viewer may see" (see policy.canViewPairing). */
export function pairingVisibilityCondition(scope: ReturnType<typeof pairingScope>): SQL {
  if ('all' in scope) return sql`true`;
  const parts: SQL[] = [eq(pairings.public, true)];
  if (scope.signedIn) parts.push(inArray(pairings.status, ['active', 'completed']));
  if (scope.organisationId) parts.push(eq(pairings.usOrganisationId, scope.organisationId));
  if (scope.cityId) parts.push(eq(pairings.cityId, scope.cityId));
  if (scope.countryCode) parts.push(eq(cities.countryCode, scope.countryCode));
  return or(...parts)!;
}

export async function findPairing(db: Db, id: string) {
  const [row] = await db
    .select(pairingColumns)
    .from(pairings)
    .innerJoin(organisations, eq(organisations.id, pairings.usOrganisationId))
    .innerJoin(cities, eq(cities.id, pairings.cityId))
    .where(eq(pairings.id, id));
  return row;
}
export type PairingRow = NonNullable<Awaited<ReturnType<typeof findPairing>>>;

export async function listPairings(db: Db, visibility: SQL, filter: { status?: string; city?: string; organisation?: string; after?: [string, string]; limit: number }) {
  const conditions: SQL[] = [visibility];
  if (filter.status) conditions.push(eq(pairings.status, filter.status as 'proposed'));
  if (filter.city) conditions.push(eq(pairings.cityId, filter.city));
  if (filter.organisation) conditions.push(eq(pairings.usOrganisationId, filter.organisation));
  if (filter.after) conditions.push(sql`(${pairings.updatedAt}, ${pairings.id}) < (${filter.after[0]}::timestamptz, ${filter.after[1]}::uuid)`);
  return db
    .select(pairingColumns)
    .from(pairings)
    .innerJoin(organisations, eq(organisations.id, pairings.usOrganisationId))
    .innerJoin(cities, eq(cities.id, pairings.cityId))
    .where(and(...conditions))
    .orderBy(desc(pairings.updatedAt), desc(pairings.id))
    .limit(filter.limit + 1);
}

export async function insertPairing(db: Db, row: typeof pairings.$inferInsert, focusAreaIds: string[]) {
  const [created] = await db.insert(pairings).values(row).returning({ id: pairings.id });
  await setPairingFocusAreas(db, created!.id, focusAreaIds);
  return created!.id;
}

export async function setPairingFocusAreas(db: Db, pairingId: string, focusAreaIds: string[]) {
  await db.delete(pairingFocusAreas).where(eq(pairingFocusAreas.pairingId, pairingId));
  if (focusAreaIds.length) await db.insert(pairingFocusAreas).values(focusAreaIds.map((focusAreaId) => ({ pairingId, focusAreaId })));
}

export async function updatePairing(db: Db, id: string, patch: Partial<typeof pairings.$inferInsert>) {
  await db
    .update(pairings)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(pairings.id, id));
}

export async function insertTransition(db: Db, row: typeof pairingTransitions.$inferInsert) {
  await db.insert(pairingTransitions).values(row);
}

export async function listTransitions(db: Db, pairingId: string) {
  return db
    .select({ fromStatus: pairingTransitions.fromStatus, toStatus: pairingTransitions.toStatus, reason: pairingTransitions.reason, actorName: users.name, at: pairingTransitions.at })
    .from(pairingTransitions)
    .leftJoin(users, eq(users.id, pairingTransitions.actorUserId))
    .where(eq(pairingTransitions.pairingId, pairingId))
    .orderBy(asc(pairingTransitions.at), asc(pairingTransitions.id));
}

export async function listActivities(db: Db, pairingId: string) {
  return db.select().from(pairingActivities).where(eq(pairingActivities.pairingId, pairingId)).orderBy(asc(pairingActivities.startDate), asc(pairingActivities.createdAt));
}

export async function findActivity(db: Db, pairingId: string, activityId: string) {
  const [row] = await db
    .select()
    .from(pairingActivities)
    .where(and(eq(pairingActivities.id, activityId), eq(pairingActivities.pairingId, pairingId)));
  return row;
}

export async function insertActivity(db: Db, row: typeof pairingActivities.$inferInsert) {
  const [created] = await db.insert(pairingActivities).values(row).returning();
  return created!;
}

export async function updateActivity(db: Db, id: string, patch: Partial<typeof pairingActivities.$inferInsert>) {
  const [row] = await db
    .update(pairingActivities)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(pairingActivities.id, id))
    .returning();
  return row!;
}

export async function listUpdates(db: Db, pairingId: string) {
  return db
    .select({ id: pairingUpdates.id, date: pairingUpdates.date, body: pairingUpdates.body, authorName: users.name, createdAt: pairingUpdates.createdAt })
    .from(pairingUpdates)
    .leftJoin(users, eq(users.id, pairingUpdates.authorUserId))
    .where(eq(pairingUpdates.pairingId, pairingId))
    .orderBy(desc(pairingUpdates.date), desc(pairingUpdates.createdAt));
}

export async function insertUpdate(db: Db, row: typeof pairingUpdates.$inferInsert) {
  const [created] = await db.insert(pairingUpdates).values(row).returning();
  return created!;
}

/** Who hears about a pairing: the U.S. organisation's members, the city's staff and the secretariat. */
export async function pairingAudienceIds(db: Db, pairing: { usOrganisationId: string; cityId: string }): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      or(
        eq(users.organisationId, pairing.usOrganisationId),
        and(eq(organisations.kind, 'city_government'), eq(organisations.cityId, pairing.cityId)),
        eq(organisations.kind, 'secretariat'),
      ),
    );
  return rows.map((r) => r.id);
}

export async function findUserOrganisation(db: Db, userId: string) {
  const [row] = await db.select({ organisationId: users.organisationId, kind: organisations.kind, cityId: organisations.cityId }).from(users).innerJoin(organisations, eq(organisations.id, users.organisationId)).where(eq(users.id, userId));
  return row;
}
