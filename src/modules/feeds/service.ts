import { createHash } from 'node:crypto';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Db } from '../../db/client.js';
import { parseFeed } from '../../engines/exposure/feeds/index.js';
import { productKeysOfRecord } from '../../engines/exposure/matcher.js';
import type { EpssScore, FeedFormat, FeedProblem, KevEntry, ParsedFeed, VulnerabilityRecord } from '../../engines/exposure/model.js';
import { assertCanManageFeeds, requireSignedIn, type Actor, type Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { decodeCursor, pageOf } from '../../server/pagination.js';
import { inTransaction, type AfterCommit } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { refreshEnrichment, rematchRecords, type RematchSummary } from '../exposure/matching.js';
import {
  epssRows,
  feedSummaryRows,
  findRecordsFor,
  insertFeedImport,
  kevRows,
  listFeedImports,
  recordHashes,
  replaceRecordProducts,
  setKevCatalogVersion,
  updateFeedImport,
  upsertEpss,
  upsertKev,
  upsertRecords,
  type EpssInsert,
  type KevInsert,
  type RecordInsert,
} from './queries.js';
import type { feedFormats, listImportsQuerySchema } from './schemas.js';
import type { z } from 'zod';

/** Rows per statement: a 250k-CVE directory never becomes one giant statement. */
export const importBatchSize = 500;
/** Problems kept with an import (the count is always exact). */
const maxStoredProblems = 1_000;
/** A gzipped feed (EPSS ships as .csv.gz) may not expand beyond this. */
const maxUnzippedBytes = 512 * 1024 * 1024;

export type ImportReport = {
  importId: string;
  format: FeedFormat;
  fileName: string;
  sourceDate: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  problems: FeedProblem[];
  rematched: { assets: number; exposuresOpened: number; exposuresClosed: number };
};

type Counts = { inserted: number; updated: number; unchanged: number };

/**
 * The text of an uploaded or read file: gunzips `.gz` (by its magic bytes) and drops the suffix so the
 * format is detected from the inner name; refuses bytes that are not UTF-8 text.
 */
export function decodeFeedBytes(fileName: string, bytes: Buffer): { fileName: string; text: string } {
  let name = fileName;
  let data = bytes;
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
    try {
      data = zlib.gunzipSync(data, { maxOutputLength: maxUnzippedBytes });
    } catch (error) {
      throw new AppError('validation_failed', `${fileName} is not a vulnerability feed: it looks gzipped but cannot be unpacked (${(error as Error).message}).`, [
        { field: 'file', message: 'bad gzip' },
      ]);
    }
    name = name.replace(/\.gz$/i, '');
  }
  if (data.includes(0)) {
    throw new AppError('validation_failed', `${fileName} is not a vulnerability feed: it is a binary file, not JSON or CSV text.`, [{ field: 'file', message: 'binary' }]);
  }
  return { fileName: name, text: data.toString('utf8') };
}

/** Timestamps without a zone (NVD writes `2023-03-14T17:08:31.123`) are UTC. */
export function feedDate(value: string | undefined | null): Date | null {
  if (!value) return null;
  const text = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(value) ? `${value}Z` : value;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `YYYY-MM-DD` for a date column, or null when the text is no date. */
function dayOf(value: string | undefined | null): string | null {
  const date = feedDate(value);
  return date ? date.toISOString().slice(0, 10) : null;
}

/** JSON with keys sorted and undefined dropped: the same record always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const contentHash = (record: VulnerabilityRecord) => createHash('sha256').update(canonicalJson(record)).digest('hex');

function batches<T>(items: readonly T[], size = importBatchSize): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The last entry per key wins; earlier duplicates are reported, not imported twice. */
function lastPerKey<T>(items: T[], keyOf: (item: T) => string, problems: FeedProblem[], what: string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (byKey.has(key)) problems.push({ location: key, message: `${what} appears more than once in the file; the last one was imported.` });
    byKey.set(key, item);
  }
  return [...byKey.values()];
}

/* ---- Writing one file ---- */

async function writeRecords(
  tx: Db,
  importId: string,
  fileName: string,
  sourceDate: Date | null,
  records: VulnerabilityRecord[],
  onBatch: (done: number) => void,
): Promise<Counts & { changedKeys: string[] }> {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const changedKeys: string[] = [];
  let done = 0;
  for (const batch of batches(records)) {
    const existing = await recordHashes(
      tx,
      batch.map((r) => r.key),
    );
    const rows: RecordInsert[] = [];
    const updatedKeys: string[] = [];
    const products: { recordKey: string; productKey: string }[] = [];
    const now = new Date();
    for (const record of batch) {
      const hash = contentHash(record);
      const before = existing.get(record.key);
      if (before === hash) {
        counts.unchanged += 1;
        continue;
      }
      if (before === undefined) counts.inserted += 1;
      else {
        counts.updated += 1;
        updatedKeys.push(record.key);
      }
      changedKeys.push(record.key);
      rows.push({
        key: record.key,
        source: record.source,
        vulnerabilityId: record.vulnerabilityId,
        advisoryId: record.advisoryId ?? null,
        title: record.title ?? '',
        description: record.description ?? '',
        publishedAt: feedDate(record.published),
        modifiedAt: feedDate(record.modified),
        cvssScore: record.cvss?.baseScore ?? null,
        cvssSeverity: record.cvss?.severity ?? null,
        cvssVector: record.cvss?.vector ?? null,
        cvssVersion: record.cvss?.version ?? null,
        applicability: record.applicability,
        contentHash: hash,
        sourceFile: fileName,
        sourceDate,
        importId,
        updatedAt: now,
      });
      for (const productKey of new Set(productKeysOfRecord(record))) products.push({ recordKey: record.key, productKey });
    }
    await upsertRecords(tx, rows);
    await replaceRecordProducts(tx, updatedKeys, products);
    done += batch.length;
    onBatch(done);
  }
  return { ...counts, changedKeys };
}

const kevFields = ['vendor', 'product', 'name', 'dateAdded', 'dueDate', 'requiredAction', 'knownRansomwareCampaignUse'] as const;

async function writeKev(
  tx: Db,
  importId: string,
  entries: KevEntry[],
  catalogVersion: string,
  problems: FeedProblem[],
  onBatch: (done: number) => void,
): Promise<Counts & { changedCves: string[]; refused: number }> {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const changedCves: string[] = [];
  let refused = 0;
  let done = 0;
  for (const batch of batches(entries)) {
    const existing = new Map((await kevRows(tx, batch.map((e) => e.cveId))).map((r) => [r.cveId, r]));
    const rows: KevInsert[] = [];
    const unchangedIds: string[] = [];
    for (const entry of batch) {
      const dateAdded = dayOf(entry.dateAdded);
      const dueDate = dayOf(entry.dueDate);
      if (!dateAdded || !dueDate) {
        problems.push({ location: entry.cveId, message: `dateAdded and dueDate must be dates (got "${entry.dateAdded}" and "${entry.dueDate}").` });
        refused += 1;
        continue;
      }
      const next = { ...entry, dateAdded, dueDate };
      const before = existing.get(entry.cveId);
      if (before && kevFields.every((f) => before[f] === next[f])) {
        counts.unchanged += 1;
        unchangedIds.push(entry.cveId);
        continue;
      }
      if (before) counts.updated += 1;
      else counts.inserted += 1;
      changedCves.push(entry.cveId);
      rows.push({ ...next, catalogVersion, importId, updatedAt: new Date() });
    }
    await upsertKev(tx, rows);
    if (catalogVersion) await setKevCatalogVersion(tx, unchangedIds, catalogVersion);
    done += batch.length;
    onBatch(done);
  }
  return { ...counts, changedCves, refused };
}

async function writeEpss(
  tx: Db,
  importId: string,
  scores: EpssScore[],
  modelVersion: string,
  scoreDate: string | null,
  onBatch: (done: number) => void,
): Promise<Counts & { changedCves: string[] }> {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const changedCves: string[] = [];
  let done = 0;
  for (const batch of batches(scores)) {
    const existing = new Map((await epssRows(tx, batch.map((s) => s.cveId))).map((r) => [r.cveId, r]));
    const rows: EpssInsert[] = [];
    for (const score of batch) {
      const before = existing.get(score.cveId);
      if (before && before.epss === score.epss && before.percentile === score.percentile && before.modelVersion === modelVersion && before.scoreDate === scoreDate) {
        counts.unchanged += 1;
        continue;
      }
      if (before) counts.updated += 1;
      else counts.inserted += 1;
      // Only a changed score moves priorities; a new score date alone does not.
      if (!before || before.epss !== score.epss) changedCves.push(score.cveId);
      rows.push({ cveId: score.cveId, epss: score.epss, percentile: score.percentile, modelVersion, scoreDate, importId, updatedAt: new Date() });
    }
    await upsertEpss(tx, rows);
    done += batch.length;
    onBatch(done);
  }
  return { ...counts, changedCves };
}

function sourceDateOf(feed: ParsedFeed): Date | null {
  if (feed.format === 'epss') return feedDate(feed.scoreDate);
  return feedDate(feed.publishedAt);
}

function itemCount(feed: ParsedFeed): number {
  if (feed.format === 'kev') return feed.entries.length;
  if (feed.format === 'epss') return feed.scores.length;
  return feed.records.length;
}

/**
 * Imports one feed file: records (NVD, CVE 5, CSAF), the KEV catalogue or EPSS scores. Idempotent —
 * rows are keyed, and a record whose content hash did not change is not rewritten. One transaction
 * per file, written in batches; then the exposures the changes touch are matched again. A file that
 * is no feed at all is refused naming the file; records the parser could not read are reported.
 */
export async function importFeedFile(
  ctx: AppContext,
  actor: Actor | { system: string },
  input: { fileName: string; text: string },
  onProgress?: (done: number, total: number) => void,
): Promise<ImportReport> {
  if (!('system' in actor)) assertCanManageFeeds(actor);
  const fileName = path.basename(input.fileName) || input.fileName;
  const parsed = parseFeed(fileName, input.text);
  if (!parsed.ok) {
    // The parser's message names the file already; make sure it does whatever it says.
    const message = parsed.error.includes(fileName) ? parsed.error : `${fileName}: ${parsed.error}`;
    throw new AppError('validation_failed', `${message}.`.replace(/\.\.$/, '.'), [{ field: 'file', message: parsed.error }]);
  }
  const feed = parsed.feed;
  const problems: FeedProblem[] = [...feed.problems];
  const sourceDate = sourceDateOf(feed);
  const total = itemCount(feed);
  const progress = (done: number) => onProgress?.(done, total);
  progress(0);

  return inTransaction(ctx, async (tx, after: AfterCommit) => {
    const row = await insertFeedImport(tx, {
      format: feed.format,
      fileName,
      sourceDate,
      importedBy: 'system' in actor ? null : actor.userId,
    });
    let counts: Counts;
    let rematch: RematchSummary;
    // Records the parser could not read are rejected; so are KEV entries refused here (bad dates).
    let rejected = feed.problems.length;
    if (feed.format === 'kev') {
      const entries = lastPerKey(feed.entries, (e) => e.cveId, problems, 'This CVE');
      const written = await writeKev(tx, row.id, entries, feed.catalogVersion ?? '', problems, progress);
      counts = { inserted: written.inserted, updated: written.updated, unchanged: written.unchanged };
      rejected += written.refused;
      rematch = await refreshEnrichment(ctx, tx, written.changedCves, after);
    } else if (feed.format === 'epss') {
      const scores = lastPerKey(feed.scores, (s) => s.cveId, problems, 'This CVE');
      const written = await writeEpss(tx, row.id, scores, feed.modelVersion ?? '', dayOf(feed.scoreDate), progress);
      counts = { inserted: written.inserted, updated: written.updated, unchanged: written.unchanged };
      rematch = await refreshEnrichment(ctx, tx, written.changedCves, after);
    } else {
      const records = lastPerKey(feed.records, (r) => r.key, problems, 'This record');
      const written = await writeRecords(tx, row.id, fileName, sourceDate, records, progress);
      counts = { inserted: written.inserted, updated: written.updated, unchanged: written.unchanged };
      rematch = await rematchRecords(ctx, tx, written.changedKeys, after);
    }
    await updateFeedImport(tx, row.id, { ...counts, rejected, problems: problems.slice(0, maxStoredProblems) });
    const report: ImportReport = {
      importId: row.id,
      format: feed.format,
      fileName,
      sourceDate: sourceDate?.toISOString() ?? null,
      ...counts,
      rejected,
      problems,
      rematched: { assets: rematch.assets, exposuresOpened: rematch.opened + rematch.reopened, exposuresClosed: rematch.closed },
    };
    await writeAudit(tx, actor, {
      action: 'feed.imported',
      entityType: 'feed_import',
      entityId: row.id,
      after: { ...report, problems: problems.length },
    });
    return report;
  });
}

/** The upload route: the secretariat only. */
export async function importUploadedFeed(ctx: AppContext, viewer: Viewer, file: { fileName: string; bytes: Buffer }) {
  const actor = assertCanManageFeeds(viewer);
  if (file.bytes.length === 0) throw new AppError('validation_failed', `${file.fileName} is empty.`, [{ field: 'file', message: 'empty' }]);
  return importFeedFile(ctx, actor, decodeFeedBytes(file.fileName, file.bytes));
}

/* ---- Reading ---- */

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function listImports(db: Db, viewer: Viewer, query: z.infer<typeof listImportsQuerySchema>) {
  assertCanManageFeeds(viewer);
  const cursor = decodeCursor(query.cursor, 2);
  let before: { importedAt: Date; id: string } | undefined;
  if (cursor) {
    const [at, id] = cursor;
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) {
      throw new AppError('validation_failed', 'The cursor is not valid: pass the nextCursor of a previous page unchanged.', [{ field: 'query.cursor', message: 'invalid cursor' }]);
    }
    before = { importedAt: new Date(at), id };
  }
  const rows = await listFeedImports(db, { format: query.format, before, limit: query.limit });
  const page = pageOf(rows, query.limit, (row) => [row.importedAt.toISOString(), row.id]);
  return {
    items: page.items.map((row) => ({
      id: row.id,
      format: row.format,
      fileName: row.fileName,
      sourceDate: iso(row.sourceDate),
      inserted: row.inserted,
      updated: row.updated,
      unchanged: row.unchanged,
      rejected: row.rejected,
      problems: row.problems,
      importedByName: row.importedByName,
      importedAt: row.importedAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}

/** Everything the feeds hold about a CVE or an advisory. Public reference data, shown to anyone signed in. */
export async function getVulnerability(db: Db, viewer: Viewer, id: string) {
  requireSignedIn(viewer);
  const records = await findRecordsFor(db, id);
  const vulnerabilityIds = [...new Set(records.length ? records.map((r) => r.vulnerabilityId) : [id.toUpperCase()])];
  const [kev, epss] = await Promise.all([kevRows(db, vulnerabilityIds), epssRows(db, vulnerabilityIds)]);
  if (!records.length && !kev.length && !epss.length) throw notFound(`Vulnerability ${id}`);
  return {
    id,
    vulnerabilityIds,
    records: records.map((r) => ({
      key: r.key,
      source: r.source,
      vulnerabilityId: r.vulnerabilityId,
      advisoryId: r.advisoryId,
      title: r.title,
      description: r.description,
      publishedAt: iso(r.publishedAt),
      modifiedAt: iso(r.modifiedAt),
      cvss: r.cvssScore === null ? null : { score: r.cvssScore, severity: r.cvssSeverity, vector: r.cvssVector, version: r.cvssVersion },
      sourceFile: r.sourceFile,
      sourceDate: iso(r.sourceDate),
      updatedAt: r.updatedAt.toISOString(),
    })),
    kev: kev.map((k) => ({
      cveId: k.cveId,
      vendor: k.vendor,
      product: k.product,
      name: k.name,
      dateAdded: k.dateAdded,
      dueDate: k.dueDate,
      requiredAction: k.requiredAction,
      knownRansomwareCampaignUse: k.knownRansomwareCampaignUse,
      catalogVersion: k.catalogVersion,
    })),
    epss: epss.map((e) => ({ cveId: e.cveId, epss: e.epss, percentile: e.percentile, modelVersion: e.modelVersion, scoreDate: e.scoreDate })),
  };
}

type Format = (typeof feedFormats)[number];

export async function feedSummary(db: Db, viewer: Viewer) {
  requireSignedIn(viewer);
  const rows = await feedSummaryRows(db);
  const last = new Map(rows.lastImports.map((r) => [r.format as Format, r.at]));
  const lastOf = (format: Format) => iso(last.get(format) ?? null);
  const lastImportedAt = [...last.values()].reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);
  return {
    sources: (['nvd', 'cve5', 'csaf'] as const).map((source) => ({
      source,
      records: rows.sources.find((s) => s.source === source)?.records ?? 0,
      lastImportedAt: lastOf(source),
    })),
    kev: { entries: rows.kev.entries, catalogVersion: rows.kev.catalogVersion || null, lastImportedAt: lastOf('kev') },
    epss: { scores: rows.epss.scores, modelVersion: rows.modelVersion || null, scoreDate: rows.epss.scoreDate ?? null, lastImportedAt: lastOf('epss') },
    lastImportedAt: iso(lastImportedAt),
  };
}
