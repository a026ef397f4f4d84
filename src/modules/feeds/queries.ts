import { and, count, desc, eq, getTableColumns, inArray, max, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { epssScores, feedImports, kevEntries, users, vulnerabilityProducts, vulnerabilityRecords } from '../../db/schema/index.js';

type FeedFormat = (typeof feedImports.$inferInsert)['format'];

/** `SET col = excluded.col` for every column but those named: an upsert that rewrites the row. */
function excludedSet<T extends PgTable>(table: T, keep: string[]): Record<string, SQL> {
  const set: Record<string, SQL> = {};
  for (const [name, column] of Object.entries(getTableColumns(table)) as [string, PgColumn][]) {
    if (keep.includes(name)) continue;
    set[name] = sql.raw(`excluded."${column.name}"`);
  }
  return set;
}

/* ---- Imports ---- */

export async function insertFeedImport(tx: Db, values: typeof feedImports.$inferInsert) {
  const [row] = await tx.insert(feedImports).values(values).returning();
  return row!;
}

export async function updateFeedImport(tx: Db, id: string, values: Partial<typeof feedImports.$inferInsert>) {
  await tx.update(feedImports).set(values).where(eq(feedImports.id, id));
}

export async function listFeedImports(db: Db, filter: { format?: FeedFormat; before?: { importedAt: Date; id: string }; limit: number }) {
  const conditions: SQL[] = [];
  if (filter.format) conditions.push(eq(feedImports.format, filter.format));
  if (filter.before) conditions.push(sql`(${feedImports.importedAt}, ${feedImports.id}) < (${filter.before.importedAt.toISOString()}::timestamptz, ${filter.before.id}::uuid)`);
  return db
    .select({ ...getTableColumns(feedImports), importedByName: users.name })
    .from(feedImports)
    .leftJoin(users, eq(users.id, feedImports.importedBy))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(feedImports.importedAt), desc(feedImports.id))
    .limit(filter.limit + 1);
}

/* ---- Vulnerability records ---- */

export type RecordInsert = typeof vulnerabilityRecords.$inferInsert;

export async function recordHashes(tx: Db, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const rows = await tx.select({ key: vulnerabilityRecords.key, contentHash: vulnerabilityRecords.contentHash }).from(vulnerabilityRecords).where(inArray(vulnerabilityRecords.key, keys));
  return new Map(rows.map((r) => [r.key, r.contentHash]));
}

/** Inserts new records and rewrites changed ones (keeping when each was first imported). */
export async function upsertRecords(tx: Db, rows: RecordInsert[]) {
  if (!rows.length) return;
  await tx
    .insert(vulnerabilityRecords)
    .values(rows)
    .onConflictDoUpdate({ target: vulnerabilityRecords.key, set: excludedSet(vulnerabilityRecords, ['key', 'firstImportedAt']) });
}

/** Replaces the product keys of these records. */
export async function replaceRecordProducts(tx: Db, recordKeys: string[], pairs: { recordKey: string; productKey: string }[]) {
  if (recordKeys.length) await tx.delete(vulnerabilityProducts).where(inArray(vulnerabilityProducts.recordKey, recordKeys));
  for (let i = 0; i < pairs.length; i += 2_000) {
    await tx.insert(vulnerabilityProducts).values(pairs.slice(i, i + 2_000)).onConflictDoNothing();
  }
}

/** Records of a vulnerability id, or of every vulnerability an advisory covers. */
export async function findRecordsFor(db: Db, id: string) {
  return db
    .select()
    .from(vulnerabilityRecords)
    .where(or(sql`upper(${vulnerabilityRecords.vulnerabilityId}) = upper(${id})`, sql`upper(${vulnerabilityRecords.advisoryId}) = upper(${id})`))
    .orderBy(vulnerabilityRecords.vulnerabilityId, vulnerabilityRecords.source, vulnerabilityRecords.key)
    .limit(1_000);
}

/* ---- KEV and EPSS ---- */

export type KevInsert = typeof kevEntries.$inferInsert;
export type EpssInsert = typeof epssScores.$inferInsert;

export async function kevRows(db: Db, cveIds: string[]) {
  if (!cveIds.length) return [];
  return db.select().from(kevEntries).where(inArray(kevEntries.cveId, cveIds));
}

export async function upsertKev(tx: Db, rows: KevInsert[]) {
  if (!rows.length) return;
  await tx.insert(kevEntries).values(rows).onConflictDoUpdate({ target: kevEntries.cveId, set: excludedSet(kevEntries, ['cveId']) });
}

/** The catalogue's version on entries that did not otherwise change (one statement, not a rewrite of each). */
export async function setKevCatalogVersion(tx: Db, cveIds: string[], catalogVersion: string) {
  if (!cveIds.length) return;
  await tx
    .update(kevEntries)
    .set({ catalogVersion })
    .where(and(inArray(kevEntries.cveId, cveIds), sql`${kevEntries.catalogVersion} <> ${catalogVersion}`));
}

export async function epssRows(db: Db, cveIds: string[]) {
  if (!cveIds.length) return [];
  return db.select().from(epssScores).where(inArray(epssScores.cveId, cveIds));
}

export async function upsertEpss(tx: Db, rows: EpssInsert[]) {
  if (!rows.length) return;
  await tx.insert(epssScores).values(rows).onConflictDoUpdate({ target: epssScores.cveId, set: excludedSet(epssScores, ['cveId']) });
}

/* ---- Summary ---- */

export async function feedSummaryRows(db: Db) {
  const sources = await db.select({ source: vulnerabilityRecords.source, records: count() }).from(vulnerabilityRecords).groupBy(vulnerabilityRecords.source);
  const lastImports = await db.select({ format: feedImports.format, at: max(feedImports.importedAt) }).from(feedImports).groupBy(feedImports.format);
  const [kev] = await db.select({ entries: count(), catalogVersion: max(kevEntries.catalogVersion) }).from(kevEntries);
  const [epss] = await db.select({ scores: count(), scoreDate: max(epssScores.scoreDate) }).from(epssScores);
  const [model] = await db
    .select({ modelVersion: epssScores.modelVersion })
    .from(epssScores)
    .orderBy(sql`${epssScores.scoreDate} desc nulls last`, desc(epssScores.updatedAt))
    .limit(1);
  return { sources, lastImports, kev: kev!, epss: epss!, modelVersion: model?.modelVersion ?? null };
}
