import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  assetComponents,
  assets,
  cities,
  countries,
  exposureEvents,
  exposures,
  exposureSnapshots,
  inventoryImportPreviews,
  kevEntries,
  users,
  vulnerabilityRecords,
  type AssetCriticality,
  type AssetFields,
  type AssetSystem,
  type ComponentFields,
  type ExposureStatus,
} from '../../db/schema/index.js';

/* ---- Assets ---- */


const assetColumns = {
  id: assets.id,
  cityId: assets.cityId,
  name: assets.name,
  system: assets.system,
  quantity: assets.quantity,
  location: assets.location,
  ownerDepartment: assets.ownerDepartment,
  criticality: assets.criticality,
  internetExposed: assets.internetExposed,
  notes: assets.notes,
  createdAt: assets.createdAt,
  updatedAt: assets.updatedAt,
  // Written out in full: Drizzle leaves a column unqualified in a one-table select, which a subquery would misread.
  activeExposures: sql<number>`(select count(*)::int from ${exposures} e where e.asset_id = "assets"."id" and e.active)`,
  kevExposures: sql<number>`(select count(*)::int from ${exposures} e where e.asset_id = "assets"."id" and e.active and e.kev)`,
};

async function withComponents<T extends { id: string }>(db: Db, rows: T[]) {
  if (!rows.length) return [];
  const components = await db
    .select()
    .from(assetComponents)
    .where(
      inArray(
        assetComponents.assetId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(assetComponents.assetId), asc(assetComponents.position));
  const byAsset = new Map<string, (typeof components)[number][]>();
  for (const c of components) byAsset.set(c.assetId, [...(byAsset.get(c.assetId) ?? []), c]);
  return rows.map((row) => ({
    ...row,
    components: (byAsset.get(row.id) ?? []).map((c) => ({ id: c.id, kind: c.kind, vendor: c.vendor, product: c.product, version: c.version, cpes: c.cpes })),
  }));
}

export async function findAsset(db: Db, cityId: string, id: string) {
  const rows = await db
    .select(assetColumns)
    .from(assets)
    .where(and(eq(assets.cityId, cityId), eq(assets.id, id)));
  const [row] = await withComponents(db, rows);
  return row;
}
export type AssetRow = NonNullable<Awaited<ReturnType<typeof findAsset>>>;

export async function listAssets(
  db: Db,
  cityId: string,
  filter: { system?: AssetSystem; criticality?: AssetCriticality; internetExposed?: boolean; q?: string; after?: [string, string]; limit?: number },
) {
  const conditions: SQL[] = [eq(assets.cityId, cityId)];
  if (filter.system) conditions.push(eq(assets.system, filter.system));
  if (filter.criticality) conditions.push(eq(assets.criticality, filter.criticality));
  if (filter.internetExposed !== undefined) conditions.push(eq(assets.internetExposed, filter.internetExposed));
  for (const word of (filter.q ?? '').split(/\s+/).filter(Boolean).slice(0, 10)) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(assets.name, pattern),
        sql`exists (select 1 from ${assetComponents} c where c.asset_id = "assets"."id" and (c.vendor ilike ${pattern} or c.product ilike ${pattern}))`,
      )!,
    );
  }
  if (filter.after) conditions.push(sql`(${assets.name}, ${assets.id}) > (${filter.after[0]}, ${filter.after[1]}::uuid)`);
  const query = db
    .select(assetColumns)
    .from(assets)
    .where(and(...conditions))
    .orderBy(asc(assets.name), asc(assets.id));
  return withComponents(db, await (filter.limit ? query.limit(filter.limit + 1) : query));
}

/** Names already in the city's inventory, lower-cased: an import does not add a second asset of the same name. */
export async function existingAssetNames(db: Db, cityId: string, names: string[]): Promise<Set<string>> {
  if (!names.length) return new Set();
  const lowered = [...new Set(names.map((n) => n.toLowerCase()))];
  const rows = await db
    .select({ name: sql<string>`lower(${assets.name})` })
    .from(assets)
    .where(and(eq(assets.cityId, cityId), inArray(sql`lower(${assets.name})`, lowered)));
  return new Set(rows.map((r) => r.name));
}

export async function insertAsset(tx: Db, cityId: string, userId: string, fields: AssetFields, components: ComponentFields[]): Promise<string> {
  const [row] = await tx
    .insert(assets)
    .values({ cityId, ...fields, createdBy: userId, updatedBy: userId })
    .returning({ id: assets.id });
  await tx.insert(assetComponents).values(components.map((c, position) => ({ assetId: row!.id, position, ...c })));
  return row!.id;
}

/** Replaces the asset's fields and components; components keep their ids position by position. */
export async function updateAsset(tx: Db, id: string, userId: string, fields: AssetFields, components: ComponentFields[]) {
  await tx
    .update(assets)
    .set({ ...fields, updatedBy: userId, updatedAt: new Date() })
    .where(eq(assets.id, id));
  const existing = await tx.select({ id: assetComponents.id }).from(assetComponents).where(eq(assetComponents.assetId, id)).orderBy(asc(assetComponents.position));
  for (const [position, component] of components.entries()) {
    const current = existing[position];
    if (current) await tx.update(assetComponents).set({ ...component, position }).where(eq(assetComponents.id, current.id));
    else await tx.insert(assetComponents).values({ assetId: id, position, ...component });
  }
  const surplus = existing.slice(components.length).map((c) => c.id);
  if (surplus.length) await tx.delete(assetComponents).where(inArray(assetComponents.id, surplus));
}

export async function deleteAsset(tx: Db, id: string) {
  await tx.delete(assets).where(eq(assets.id, id));
}

/* ---- Import previews ---- */

export async function insertPreview(tx: Db, values: { cityId: string; createdBy: string; fileName: string; rows: unknown }) {
  const [row] = await tx.insert(inventoryImportPreviews).values(values).returning();
  return row!;
}

export async function findPreview(db: Db, id: string, cityId: string, createdBy: string) {
  const [row] = await db
    .select()
    .from(inventoryImportPreviews)
    .where(and(eq(inventoryImportPreviews.id, id), eq(inventoryImportPreviews.cityId, cityId), eq(inventoryImportPreviews.createdBy, createdBy)));
  return row;
}

export async function deletePreview(tx: Db, id: string) {
  await tx.delete(inventoryImportPreviews).where(eq(inventoryImportPreviews.id, id));
}

export async function deleteExpiredPreviews(tx: Db, before: Date) {
  await tx.delete(inventoryImportPreviews).where(lt(inventoryImportPreviews.createdAt, before));
}

/* ---- Exposures ---- */

/** The vulnerability's title: the first non-empty one of NVD, CVE 5, CSAF; then the KEV name; then the start of a description. */
const titleSql = sql<string>`coalesce(
  (select r.title from ${vulnerabilityRecords} r where r.vulnerability_id = "exposures"."vulnerability_id" and r.title <> ''
    order by case r.source when 'nvd' then 0 when 'cve5' then 1 else 2 end, r.key limit 1),
  (select k.name from ${kevEntries} k where k.cve_id = "exposures"."vulnerability_id"),
  (select left(r.description, 200) from ${vulnerabilityRecords} r where r.vulnerability_id = "exposures"."vulnerability_id" and r.description <> ''
    order by case r.source when 'nvd' then 0 when 'cve5' then 1 else 2 end, r.key limit 1),
  '')`;

const exposureColumns = {
  id: exposures.id,
  cityId: exposures.cityId,
  assetId: exposures.assetId,
  assetName: assets.name,
  assetSystem: assets.system,
  assetCriticality: assets.criticality,
  internetExposed: assets.internetExposed,
  vulnerabilityId: exposures.vulnerabilityId,
  title: titleSql,
  source: exposures.source,
  matchStatus: exposures.matchStatus,
  kev: exposures.kev,
  kevDueDate: exposures.kevDueDate,
  epss: exposures.epss,
  cvssScore: exposures.cvssScore,
  priority: exposures.priority,
  priorityScore: exposures.priorityScore,
  status: exposures.status,
  statusReason: exposures.statusReason,
  acceptedUntil: exposures.acceptedUntil,
  statusChangedAt: exposures.statusChangedAt,
  evidence: exposures.evidence,
  active: exposures.active,
  firstSeenAt: exposures.firstSeenAt,
  lastSeenAt: exposures.lastSeenAt,
};

export type ExposureFilter = {
  priority?: 'critical' | 'high' | 'medium' | 'low';
  status?: ExposureStatus;
  system?: AssetSystem;
  kev?: boolean;
  assetId?: string;
  vulnerabilityId?: string;
  matchStatus?: 'affected' | 'unknown';
  /** The last row of the previous page: [kev, priorityScore, id]. */
  after?: [boolean, number, string];
  limit?: number;
};

/** The city's active exposures, KEV first, then by priority score. */
export async function listExposures(db: Db, cityId: string, filter: ExposureFilter) {
  const conditions: SQL[] = [eq(exposures.cityId, cityId), eq(exposures.active, true)];
  if (filter.priority) conditions.push(eq(exposures.priority, filter.priority));
  if (filter.status) conditions.push(eq(exposures.status, filter.status));
  if (filter.system) conditions.push(eq(assets.system, filter.system));
  if (filter.kev !== undefined) conditions.push(eq(exposures.kev, filter.kev));
  if (filter.assetId) conditions.push(eq(exposures.assetId, filter.assetId));
  if (filter.vulnerabilityId) conditions.push(sql`upper(${exposures.vulnerabilityId}) = upper(${filter.vulnerabilityId})`);
  if (filter.matchStatus) conditions.push(eq(exposures.matchStatus, filter.matchStatus));
  if (filter.after) {
    conditions.push(sql`(${exposures.kev}, ${exposures.priorityScore}, ${exposures.id}) < (${filter.after[0]}::boolean, ${filter.after[1]}::double precision, ${filter.after[2]}::uuid)`);
  }
  const query = db
    .select(exposureColumns)
    .from(exposures)
    .innerJoin(assets, eq(assets.id, exposures.assetId))
    .where(and(...conditions))
    .orderBy(desc(exposures.kev), desc(exposures.priorityScore), desc(exposures.id));
  return filter.limit ? query.limit(filter.limit + 1) : query;
}
export type ExposureRow = Awaited<ReturnType<typeof listExposures>>[number];

export async function findExposure(db: Db, cityId: string, id: string) {
  const [row] = await db
    .select(exposureColumns)
    .from(exposures)
    .innerJoin(assets, eq(assets.id, exposures.assetId))
    .where(and(eq(exposures.cityId, cityId), eq(exposures.id, id)));
  return row;
}

export async function listExposureEvents(db: Db, exposureId: string) {
  return db
    .select({
      id: exposureEvents.id,
      fromStatus: exposureEvents.fromStatus,
      toStatus: exposureEvents.toStatus,
      reason: exposureEvents.reason,
      actorName: users.name,
      at: exposureEvents.at,
    })
    .from(exposureEvents)
    .leftJoin(users, eq(users.id, exposureEvents.actorId))
    .where(eq(exposureEvents.exposureId, exposureId))
    .orderBy(asc(exposureEvents.at), asc(exposureEvents.id));
}

export async function setExposureStatus(
  tx: Db,
  id: string,
  change: { status: ExposureStatus; statusReason: string; acceptedUntil: string | null; statusChangedBy: string; statusChangedAt: Date },
) {
  await tx.update(exposures).set(change).where(eq(exposures.id, id));
}

export async function insertExposureEvent(tx: Db, event: { exposureId: string; fromStatus: ExposureStatus; toStatus: ExposureStatus; reason: string; actorId: string; at: Date }) {
  await tx.insert(exposureEvents).values(event);
}

/**
 * Accepted risks whose date has passed need action again: they become open, with an event naming the
 * date. Returns how many changed. Runs before the city's exposures are read, so nobody sees an expired
 * acceptance as settled.
 */
export async function reopenExpiredAcceptances(tx: Db, cityId: string, today: string): Promise<{ id: string; acceptedUntil: string }[]> {
  const expired = await tx
    .select({ id: exposures.id, acceptedUntil: exposures.acceptedUntil })
    .from(exposures)
    .where(and(eq(exposures.cityId, cityId), eq(exposures.status, 'accepted_risk'), lt(exposures.acceptedUntil, today)));
  if (!expired.length) return [];
  const at = new Date();
  for (const { id, acceptedUntil } of expired) {
    const reason = `The risk was accepted until ${acceptedUntil}; that date has passed.`;
    await tx.update(exposures).set({ status: 'open', statusReason: reason, acceptedUntil: null, statusChangedBy: null, statusChangedAt: at }).where(eq(exposures.id, id));
    await tx.insert(exposureEvents).values({ exposureId: id, fromStatus: 'accepted_risk', toStatus: 'open', reason, actorId: null, at });
  }
  return expired.map((e) => ({ id: e.id, acceptedUntil: e.acceptedUntil! }));
}

/** Counts for the city's dashboard. `today` is a YYYY-MM-DD date (UTC). */
export async function exposureCounts(db: Db, cityId: string, today: string) {
  const outstanding = sql`${exposures.status} in ('open', 'mitigating')`;
  const base = and(eq(exposures.cityId, cityId), eq(exposures.active, true));
  const [byPriority, bySystem, byStatus, [totals]] = await Promise.all([
    db
      .select({ key: exposures.priority, count: sql<number>`count(*)::int` })
      .from(exposures)
      .where(and(base, outstanding))
      .groupBy(exposures.priority),
    db
      .select({ key: assets.system, count: sql<number>`count(*)::int` })
      .from(exposures)
      .innerJoin(assets, eq(assets.id, exposures.assetId))
      .where(and(base, outstanding))
      .groupBy(assets.system),
    db
      .select({ key: exposures.status, count: sql<number>`count(*)::int` })
      .from(exposures)
      .where(base)
      .groupBy(exposures.status),
    db
      .select({
        kev: sql<number>`count(*) filter (where ${exposures.kev})::int`,
        kevOverdue: sql<number>`count(*) filter (where ${exposures.kev} and ${exposures.kevDueDate} < ${today}::date)::int`,
        unknown: sql<number>`count(*) filter (where ${exposures.matchStatus} = 'unknown')::int`,
      })
      .from(exposures)
      .where(and(base, outstanding)),
  ]);
  return { byPriority, bySystem, byStatus, totals: totals ?? { kev: 0, kevOverdue: 0, unknown: 0 } };
}

export async function listSnapshots(db: Db, cityId: string, since: string) {
  return db
    .select({
      day: exposureSnapshots.day,
      open: exposureSnapshots.open,
      kev: exposureSnapshots.kev,
      critical: exposureSnapshots.critical,
      high: exposureSnapshots.high,
      medium: exposureSnapshots.medium,
      low: exposureSnapshots.low,
      resolved: exposureSnapshots.resolved,
    })
    .from(exposureSnapshots)
    .where(and(eq(exposureSnapshots.cityId, cityId), gte(exposureSnapshots.day, since)))
    .orderBy(asc(exposureSnapshots.day));
}

/* ---- Network aggregates (no asset, no city named) ---- */

const kevExposure = and(eq(exposures.active, true), eq(exposures.kev, true), sql`${exposures.status} <> 'false_positive'`)!;

export async function networkAggregates(db: Db) {
  const [[inventory], [kevCities], perVulnerability, perCountry, perSystem] = await Promise.all([
    db.select({ count: sql<number>`count(distinct ${assets.cityId})::int` }).from(assets),
    db.select({ count: sql<number>`count(distinct ${exposures.cityId})::int` }).from(exposures).where(kevExposure),
    db
      .select({
        vulnerabilityId: exposures.vulnerabilityId,
        name: sql<string>`coalesce(max(${kevEntries.name}), '')`,
        vendor: sql<string>`coalesce(max(${kevEntries.vendor}), '')`,
        product: sql<string>`coalesce(max(${kevEntries.product}), '')`,
        dueDate: sql<string | null>`max(${kevEntries.dueDate})::text`,
        citiesExposed: sql<number>`count(distinct ${exposures.cityId})::int`,
        citiesUnresolved: sql<number>`count(distinct ${exposures.cityId}) filter (where ${exposures.status} in ('open', 'mitigating'))::int`,
      })
      .from(exposures)
      .leftJoin(kevEntries, eq(kevEntries.cveId, exposures.vulnerabilityId))
      .where(kevExposure)
      .groupBy(exposures.vulnerabilityId)
      .orderBy(sql`count(distinct ${exposures.cityId}) desc`, asc(exposures.vulnerabilityId)),
    db
      .select({ countryCode: cities.countryCode, countryName: countries.name, citiesWithKevExposure: sql<number>`count(distinct ${exposures.cityId})::int` })
      .from(exposures)
      .innerJoin(cities, eq(cities.id, exposures.cityId))
      .innerJoin(countries, eq(countries.code, cities.countryCode))
      .where(kevExposure)
      .groupBy(cities.countryCode, countries.name)
      .orderBy(asc(cities.countryCode)),
    db
      .select({ system: assets.system, citiesWithKevExposure: sql<number>`count(distinct ${exposures.cityId})::int`, kevExposures: sql<number>`count(*)::int` })
      .from(exposures)
      .innerJoin(assets, eq(assets.id, exposures.assetId))
      .where(kevExposure)
      .groupBy(assets.system)
      .orderBy(asc(assets.system)),
  ]);
  return { citiesWithInventory: inventory?.count ?? 0, citiesWithKevExposure: kevCities?.count ?? 0, perVulnerability, perCountry, perSystem };
}
