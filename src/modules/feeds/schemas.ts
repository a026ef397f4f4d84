import { z } from 'zod';
import { cursorSchema, limitSchema, pageSchema } from '../../server/pagination.js';

export const feedFormats = ['nvd', 'cve5', 'csaf', 'kev', 'epss'] as const;
export const recordSources = ['nvd', 'cve5', 'csaf'] as const;

export const feedProblemSchema = z.object({ location: z.string(), message: z.string() });

/** What one imported file was and what it changed: the report just after, and the history row later. */
const importOutcomeSchema = z.object({
  format: z.enum(feedFormats),
  fileName: z.string(),
  /** The file's own date (NVD timestamp, advisory release, KEV release, EPSS score date), if it has one. */
  sourceDate: z.string().nullable(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  problems: z.array(feedProblemSchema),
});

export const importReportSchema = importOutcomeSchema.extend({
  importId: z.string().uuid(),
  rematched: z.object({ assets: z.number().int(), exposuresOpened: z.number().int(), exposuresClosed: z.number().int() }),
});

export const listImportsQuerySchema = z.strictObject({
  format: z.enum(feedFormats).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});

export const feedImportSchema = importOutcomeSchema.extend({
  id: z.string().uuid(),
  /** The person who uploaded it; null for `mitra import` (or a person since removed). */
  importedByName: z.string().nullable(),
  importedAt: z.string(),
});
export const feedImportPageSchema = pageSchema(feedImportSchema);

/** A CVE id, a CSAF advisory id (ICSA-23-026-02) or another source's vulnerability id. */
export const vulnerabilityIdParamsSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{1,99}$/, 'must be a CVE id (CVE-2021-26855) or an advisory id (ICSA-23-026-02)'),
});

export const vulnerabilityRecordSchema = z.object({
  key: z.string(),
  source: z.enum(recordSources),
  vulnerabilityId: z.string(),
  advisoryId: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  publishedAt: z.string().nullable(),
  modifiedAt: z.string().nullable(),
  cvss: z.object({ score: z.number(), severity: z.string().nullable(), vector: z.string().nullable(), version: z.string().nullable() }).nullable(),
  sourceFile: z.string(),
  sourceDate: z.string().nullable(),
  updatedAt: z.string(),
});

export const kevEntrySchema = z.object({
  cveId: z.string(),
  vendor: z.string(),
  product: z.string(),
  name: z.string(),
  dateAdded: z.string(),
  dueDate: z.string(),
  requiredAction: z.string(),
  knownRansomwareCampaignUse: z.string(),
  catalogVersion: z.string(),
});

export const epssScoreSchema = z.object({
  cveId: z.string(),
  epss: z.number(),
  percentile: z.number(),
  modelVersion: z.string(),
  scoreDate: z.string().nullable(),
});

/**
 * Everything the feeds say about one id. For a CVE: its records (one per source) and its KEV entry and
 * EPSS score; for an advisory: the records of each vulnerability it covers and theirs. KEV and EPSS are
 * lists so that both cases read the same way (a CVE has at most one of each).
 */
export const vulnerabilityDetailSchema = z.object({
  id: z.string(),
  vulnerabilityIds: z.array(z.string()),
  records: z.array(vulnerabilityRecordSchema),
  kev: z.array(kevEntrySchema),
  epss: z.array(epssScoreSchema),
});

export const feedSummarySchema = z.object({
  sources: z.array(z.object({ source: z.enum(recordSources), records: z.number().int(), lastImportedAt: z.string().nullable() })),
  kev: z.object({ entries: z.number().int(), catalogVersion: z.string().nullable(), lastImportedAt: z.string().nullable() }),
  epss: z.object({ scores: z.number().int(), modelVersion: z.string().nullable(), scoreDate: z.string().nullable(), lastImportedAt: z.string().nullable() }),
  lastImportedAt: z.string().nullable(),
});
