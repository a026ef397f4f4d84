import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Applicability, MatchEvidence } from '../../engines/exposure/model.js';
import { users } from './accounts.js';
import { cities } from './cities.js';

/*
 * Technology exposure (activity 3b): each city's technology inventory, the vulnerability feeds
 * (NVD, CVE 5, CSAF, KEV, EPSS) and the exposures that matching finds. A city's inventory and
 * exposures are its own; the secretariat sees only network-wide aggregates.
 */

export const assetSystems = ['traffic', 'cctv', 'water', 'energy', 'buildings', 'network', 'city_services'] as const;
export type AssetSystem = (typeof assetSystems)[number];
export const assetCriticalities = ['low', 'medium', 'high', 'critical'] as const;
export type AssetCriticality = (typeof assetCriticalities)[number];
export const componentKinds = ['hardware', 'firmware', 'application'] as const;
export type ComponentKind = (typeof componentKinds)[number];

/** What a person states about an asset and each of its components (the API body, a CSV row, the demo). */
export type AssetFields = {
  name: string;
  system: AssetSystem;
  quantity: number;
  location: string;
  ownerDepartment: string;
  criticality: AssetCriticality;
  internetExposed: boolean;
  notes: string;
};
export type ComponentFields = { kind: ComponentKind; vendor: string; product: string; version: string; cpes: string[] };

/** A deployed device or system of a city: one asset, one or more components (hardware + firmware…). */
export const assets = pgTable(
  'assets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cityId: text('city_id')
      .notNull()
      .references(() => cities.id),
    name: text('name').notNull(),
    system: text('system', { enum: assetSystems }).notNull(),
    quantity: integer('quantity').notNull().default(1),
    location: text('location').notNull().default(''),
    ownerDepartment: text('owner_department').notNull().default(''),
    criticality: text('criticality', { enum: assetCriticalities }).notNull().default('medium'),
    internetExposed: boolean('internet_exposed').notNull().default(false),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assets_city_idx').on(t.cityId, t.name)],
);

export const assetComponents = pgTable(
  'asset_components',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    kind: text('kind', { enum: componentKinds }).notNull(),
    vendor: text('vendor').notNull().default(''),
    product: text('product').notNull().default(''),
    version: text('version').notNull().default(''),
    /** CPE 2.3 formatted strings; suggested from vendor/product/version, editable. */
    cpes: text('cpes').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index('asset_components_asset_idx').on(t.assetId, t.position)],
);

/** One vulnerability as one source (NVD, CVE 5, CSAF) describes it; re-imports update it in place. */
export const vulnerabilityRecords = pgTable(
  'vulnerability_records',
  {
    key: text('key').primaryKey(),
    source: text('source', { enum: ['nvd', 'cve5', 'csaf'] }).notNull(),
    vulnerabilityId: text('vulnerability_id').notNull(),
    advisoryId: text('advisory_id'),
    title: text('title').notNull().default(''),
    description: text('description').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    modifiedAt: timestamp('modified_at', { withTimezone: true }),
    cvssScore: doublePrecision('cvss_score'),
    cvssSeverity: text('cvss_severity'),
    cvssVector: text('cvss_vector'),
    cvssVersion: text('cvss_version'),
    applicability: jsonb('applicability').$type<Applicability>().notNull(),
    /** sha256 of the normalised record: an identical re-import changes nothing. */
    contentHash: text('content_hash').notNull(),
    /** The file it was last read from and that file's own date. */
    sourceFile: text('source_file').notNull(),
    sourceDate: timestamp('source_date', { withTimezone: true }),
    importId: uuid('import_id').references(() => feedImports.id, { onDelete: 'set null' }),
    firstImportedAt: timestamp('first_imported_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('vulnerability_records_vulnerability_idx').on(t.vulnerabilityId)],
);

/**
 * The lower-cased vendor:product pairs a record names, so matching an asset looks only at records
 * that could apply to it (and a changed record only at assets that could have it).
 */
export const vulnerabilityProducts = pgTable(
  'vulnerability_products',
  {
    recordKey: text('record_key')
      .notNull()
      .references(() => vulnerabilityRecords.key, { onDelete: 'cascade' }),
    productKey: text('product_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.recordKey, t.productKey] }), index('vulnerability_products_product_idx').on(t.productKey)],
);

/** CISA's Known Exploited Vulnerabilities catalogue, one row per CVE. */
export const kevEntries = pgTable('kev_entries', {
  cveId: text('cve_id').primaryKey(),
  vendor: text('vendor').notNull(),
  product: text('product').notNull(),
  name: text('name').notNull(),
  dateAdded: date('date_added').notNull(),
  dueDate: date('due_date').notNull(),
  requiredAction: text('required_action').notNull(),
  knownRansomwareCampaignUse: text('known_ransomware_campaign_use').notNull(),
  catalogVersion: text('catalog_version').notNull().default(''),
  importId: uuid('import_id').references(() => feedImports.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** FIRST's Exploit Prediction Scoring System, the latest score per CVE with its model version. */
export const epssScores = pgTable('epss_scores', {
  cveId: text('cve_id').primaryKey(),
  epss: doublePrecision('epss').notNull(),
  percentile: doublePrecision('percentile').notNull(),
  modelVersion: text('model_version').notNull().default(''),
  scoreDate: date('score_date'),
  importId: uuid('import_id').references(() => feedImports.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Each feed file imported (by `mitra import` or an upload), with what it changed and what it rejected. */
export const feedImports = pgTable(
  'feed_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    format: text('format', { enum: ['nvd', 'cve5', 'csaf', 'kev', 'epss'] }).notNull(),
    fileName: text('file_name').notNull(),
    sourceDate: timestamp('source_date', { withTimezone: true }),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    problems: jsonb('problems').$type<{ location: string; message: string }[]>().notNull().default([]),
    importedBy: uuid('imported_by').references(() => users.id, { onDelete: 'set null' }),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('feed_imports_imported_idx').on(t.importedAt)],
);

export const exposureStatuses = ['open', 'mitigating', 'remediated', 'accepted_risk', 'false_positive'] as const;
export type ExposureStatus = (typeof exposureStatuses)[number];

/**
 * A vulnerability that applies to an asset, with the evidence and the city's remediation status.
 * `matchStatus` is the matcher's answer (affected or unknown); `active` turns false when the match
 * disappears (the inventory or the feed changed), keeping the history.
 */
export const exposures = pgTable(
  'exposures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cityId: text('city_id')
      .notNull()
      .references(() => cities.id),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    vulnerabilityId: text('vulnerability_id').notNull(),
    source: text('source', { enum: ['nvd', 'cve5', 'csaf'] }).notNull(),
    matchStatus: text('match_status', { enum: ['affected', 'unknown'] }).notNull(),
    evidence: jsonb('evidence').$type<MatchEvidence>().notNull(),
    evidenceFingerprint: text('evidence_fingerprint').notNull(),
    kev: boolean('kev').notNull().default(false),
    kevDueDate: date('kev_due_date'),
    epss: doublePrecision('epss'),
    cvssScore: doublePrecision('cvss_score'),
    /** Higher first: KEV, then EPSS, CVSS, internet exposure, criticality (see the exposure service). */
    priorityScore: doublePrecision('priority_score').notNull().default(0),
    priority: text('priority', { enum: ['critical', 'high', 'medium', 'low'] }).notNull().default('low'),
    status: text('status', { enum: exposureStatuses }).notNull().default('open'),
    statusReason: text('status_reason').notNull().default(''),
    acceptedUntil: date('accepted_until'),
    statusChangedBy: uuid('status_changed_by').references(() => users.id, { onDelete: 'set null' }),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exposures_asset_vulnerability_idx').on(t.assetId, t.vulnerabilityId),
    index('exposures_city_priority_idx').on(t.cityId, t.active, t.priorityScore),
    index('exposures_vulnerability_idx').on(t.vulnerabilityId),
  ],
);

/** Every status change of an exposure: who, when, from what to what, and why. */
export const exposureEvents = pgTable(
  'exposure_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    exposureId: uuid('exposure_id')
      .notNull()
      .references(() => exposures.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason').notNull().default(''),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('exposure_events_exposure_idx').on(t.exposureId, t.at)],
);

/** Per city and day, how many active exposures by priority and KEV: the dashboard's trend. */
export const exposureSnapshots = pgTable(
  'exposure_snapshots',
  {
    cityId: text('city_id')
      .notNull()
      .references(() => cities.id),
    day: date('day').notNull(),
    open: integer('open').notNull().default(0),
    kev: integer('kev').notNull().default(0),
    critical: integer('critical').notNull().default(0),
    high: integer('high').notNull().default(0),
    medium: integer('medium').notNull().default(0),
    low: integer('low').notNull().default(0),
    resolved: integer('resolved').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.cityId, t.day] })],
);

/**
 * A checked inventory CSV waiting for its uploader to confirm it: the accepted assets as they will be
 * written, the rejected rows with their reasons. Nothing reaches the inventory until confirmation;
 * previews expire after a day and are deleted when confirmed.
 */
export const inventoryImportPreviews = pgTable(
  'inventory_import_previews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cityId: text('city_id')
      .notNull()
      .references(() => cities.id),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    fileName: text('file_name').notNull().default(''),
    rows: jsonb('rows').$type<unknown>().notNull(),
  },
  (t) => [index('inventory_import_previews_city_idx').on(t.cityId, t.createdAt)],
);
