import { z } from 'zod';
import { assetCriticalities, assetSystems, componentKinds, exposureStatuses } from '../../db/schema/exposure.js';
import { cursorSchema, limitSchema, pageSchema } from '../../server/pagination.js';

export const priorities = ['critical', 'high', 'medium', 'low'] as const;
export const matchStatuses = ['affected', 'unknown'] as const;
export const recordSources = ['nvd', 'cve5', 'csaf'] as const;

const text = (max: number) => z.string().trim().max(max);
/** `true`/`false` in a query string (also yes/no, 1/0). */
const booleanQuery = z
  .enum(['true', 'false', 'yes', 'no', '1', '0'])
  .transform((v) => v === 'true' || v === 'yes' || v === '1')
  .optional();
const isoDate = z.iso.date();

export const assetIdParamsSchema = z.strictObject({ id: z.string().uuid() });
export const exposureIdParamsSchema = z.strictObject({ id: z.string().uuid() });
export const vulnerabilityIdParamsSchema = z.strictObject({ vulnerabilityId: z.string().trim().min(1).max(200) });

/* ---- Inventory ---- */

export const componentBodySchema = z.strictObject({
  kind: z.enum(componentKinds),
  vendor: text(200).default(''),
  product: text(200).default(''),
  version: text(100).default(''),
  /** CPE 2.3 formatted strings ("cpe:2.3:h:siemens:…"); each is checked, and a wrong one is named. */
  cpes: z.array(z.string().trim().min(1).max(500)).max(10).default([]),
});

export const assetBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'give the asset a name').max(200),
  system: z.enum(assetSystems),
  quantity: z.number().int().min(1).max(1_000_000).default(1),
  location: text(300).default(''),
  ownerDepartment: text(200).default(''),
  criticality: z.enum(assetCriticalities).default('medium'),
  internetExposed: z.boolean().default(false),
  notes: text(5000).default(''),
  components: z.array(componentBodySchema).min(1, 'an asset has at least one component').max(10, 'an asset has at most ten components'),
});

export const componentSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(componentKinds),
  vendor: z.string(),
  product: z.string(),
  version: z.string(),
  cpes: z.array(z.string()),
});

/** What is stated about an asset, as answered (an asset, or one in an import preview). */
const assetFieldsSchema = z.object({
  name: z.string(),
  system: z.enum(assetSystems),
  quantity: z.number().int(),
  location: z.string(),
  ownerDepartment: z.string(),
  criticality: z.enum(assetCriticalities),
  internetExposed: z.boolean(),
  notes: z.string(),
});

export const assetSchema = assetFieldsSchema.extend({
  id: z.string().uuid(),
  components: z.array(componentSchema),
  /** Exposures that still match the asset (whatever their status), and how many of them are in CISA's KEV catalogue. */
  activeExposures: z.number().int(),
  kevExposures: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const assetPageSchema = pageSchema(assetSchema);

export const listAssetsQuerySchema = z.strictObject({
  system: z.enum(assetSystems).optional(),
  criticality: z.enum(assetCriticalities).optional(),
  internetExposed: booleanQuery,
  /** Words found in the name, a component's vendor or product. */
  q: z.string().trim().max(200).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});

export const cpeSuggestionBodySchema = z.strictObject({
  kind: z.enum(componentKinds),
  vendor: z.string().trim().min(1).max(200),
  product: z.string().trim().min(1).max(200),
  version: text(100).default(''),
});
export const cpeSuggestionSchema = z.object({ cpe: z.string(), part: z.enum(['h', 'o', 'a']) });

/* ---- CSV import ---- */

export const previewComponentSchema = z.object({
  row: z.number().int(),
  kind: z.enum(componentKinds),
  vendor: z.string(),
  product: z.string(),
  version: z.string(),
  cpes: z.array(z.string()),
  /** The cpe column was empty: Mitra suggested the CPE from vendor, product and version. */
  cpeSuggested: z.boolean(),
});
export const previewAssetSchema = assetFieldsSchema.extend({
  /** The file's line numbers of the rows that make up the asset (the header is line 1). */
  rows: z.array(z.number().int()),
  components: z.array(previewComponentSchema),
});
export const importProblemSchema = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export const importPreviewSchema = z.object({
  previewId: z.string().uuid(),
  fileName: z.string(),
  expiresAt: z.string(),
  accepted: z.array(previewAssetSchema),
  rejected: z.array(importProblemSchema),
  /** Assets and components that confirming will add. */
  assetCount: z.number().int(),
  componentCount: z.number().int(),
});
export const importConfirmBodySchema = z.strictObject({ previewId: z.string().uuid() });
export const matchCountsSchema = z.object({ opened: z.number().int(), updated: z.number().int(), closed: z.number().int(), reopened: z.number().int() });
export const importResultSchema = z.object({
  assetsCreated: z.number().int(),
  componentsCreated: z.number().int(),
  assetIds: z.array(z.string().uuid()),
  /** What matching the new assets against the imported feeds found. */
  exposures: matchCountsSchema,
});

/* ---- Exposures ---- */

export const listExposuresQuerySchema = z.strictObject({
  priority: z.enum(priorities).optional(),
  status: z.enum(exposureStatuses).optional(),
  system: z.enum(assetSystems).optional(),
  kev: booleanQuery,
  assetId: z.string().uuid().optional(),
  vulnerabilityId: z.string().trim().min(1).max(200).optional(),
  matchStatus: z.enum(matchStatuses).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const exportExposuresQuerySchema = listExposuresQuerySchema.omit({ cursor: true, limit: true });

export const evidenceSchema = z.looseObject({
  kind: z.enum(['nvd-configuration', 'cve5-affected', 'csaf-product']),
  component: z.string().optional(),
  criteria: z.array(z.string()).optional(),
  platform: z.array(z.string()).optional(),
  vendor: z.string().optional(),
  product: z.string().optional(),
  range: z.string().optional(),
  productId: z.string().optional(),
  assetVersion: z.string().optional(),
  reason: z.string().optional(),
  fingerprint: z.string(),
});

export const exposureSchema = z.object({
  id: z.string().uuid(),
  assetId: z.string().uuid(),
  assetName: z.string(),
  assetSystem: z.enum(assetSystems),
  assetCriticality: z.enum(assetCriticalities),
  internetExposed: z.boolean(),
  vulnerabilityId: z.string(),
  /** The vulnerability's title: the first non-empty one of NVD, CVE 5, CSAF, then the KEV name, then the start of the description. */
  title: z.string(),
  source: z.enum(recordSources),
  matchStatus: z.enum(matchStatuses),
  kev: z.boolean(),
  kevDueDate: z.string().nullable(),
  epss: z.number().nullable(),
  cvssScore: z.number().nullable(),
  priority: z.enum(priorities),
  priorityScore: z.number(),
  status: z.enum(exposureStatuses),
  statusReason: z.string(),
  acceptedUntil: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  evidence: evidenceSchema,
  active: z.boolean(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});
export const exposurePageSchema = pageSchema(exposureSchema);

export const exposureEventSchema = z.object({
  id: z.string().uuid(),
  fromStatus: z.enum(exposureStatuses).nullable(),
  toStatus: z.enum(exposureStatuses),
  reason: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export const exposureDetailSchema = exposureSchema.extend({
  events: z.array(exposureEventSchema),
  /** The statuses the exposure may move to now. */
  allowedTransitions: z.array(z.enum(exposureStatuses)),
});

export const statusBodySchema = z.strictObject({
  status: z.enum(exposureStatuses),
  /** Required for accepted_risk and false_positive. */
  reason: text(5000).optional(),
  /** Required for accepted_risk: a date in the future until which the risk is accepted. */
  acceptedUntil: isoDate.optional(),
});

export const exposuresByVulnerabilitySchema = z.object({
  vulnerabilityId: z.string(),
  title: z.string(),
  items: z.array(exposureSchema),
});

const countsOf = <T extends readonly [string, ...string[]]>(keys: T) => z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as { [K in T[number]]: z.ZodNumber });

export const exposureSummarySchema = z.object({
  /** Active exposures still to act on (open or mitigating), by priority and by the asset's system. */
  byPriority: countsOf(priorities),
  bySystem: countsOf(assetSystems),
  /** Every active exposure by its status. */
  byStatus: countsOf(exposureStatuses),
  /** Open or mitigating exposures to a KEV vulnerability, and those of them past CISA's due date. */
  kev: z.number().int(),
  kevOverdue: z.number().int(),
  /** Open or mitigating exposures whose match is "unknown" (a version that could not be compared): they need review. */
  unknown: z.number().int(),
  /** The city's daily snapshots of the last 90 days, oldest first. */
  trend: z.array(
    z.object({
      day: z.string(),
      open: z.number().int(),
      kev: z.number().int(),
      critical: z.number().int(),
      high: z.number().int(),
      medium: z.number().int(),
      low: z.number().int(),
      resolved: z.number().int(),
    }),
  ),
});

/* ---- Network view (the secretariat) ---- */

export const exposureNetworkSchema = z.object({
  /** Cities that keep an inventory (at least one asset). */
  citiesWithInventory: z.number().int(),
  /** Cities with an active exposure (not a false positive) to a vulnerability in CISA's KEV catalogue. */
  citiesWithKevExposure: z.number().int(),
  /** Per KEV vulnerability: how many cities are exposed, and how many of those have not yet remediated, accepted or dismissed it. */
  kev: z.array(
    z.object({
      vulnerabilityId: z.string(),
      name: z.string(),
      vendor: z.string(),
      product: z.string(),
      dueDate: z.string().nullable(),
      citiesExposed: z.number().int(),
      citiesUnresolved: z.number().int(),
    }),
  ),
  /** Per country: how many of its cities have a KEV exposure. No city is named. */
  byCountry: z.array(z.object({ countryCode: z.string(), countryName: z.string(), citiesWithKevExposure: z.number().int() })),
  /** Per system: how many cities have a KEV exposure in it, and the number of such exposures network-wide. */
  bySystem: z.array(z.object({ system: z.enum(assetSystems), citiesWithKevExposure: z.number().int(), kevExposures: z.number().int() })),
});
