import { sql, type SQL } from 'drizzle-orm';
import { bigint, date, index, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { cities, scapProjects, tsvector } from './cities.js';
import { focusAreas } from './reference.js';

/*
 * Bankable projects (activity 1c): the cities' investment pipeline, promoted from their action plans
 * or created directly, with its stages, money stored exactly, USD equivalents from a dated rate table,
 * and the bankability check on the G20 project-preparation dimensions.
 */

export const projectSectors = ['transport', 'water', 'energy', 'waste', 'digital', 'buildings', 'health', 'public_safety', 'environment', 'other'] as const;
export type ProjectSector = (typeof projectSectors)[number];
export const deliveryModels = ['public_investment', 'ppp', 'concession', 'design_build', 'service_contract'] as const;
export type DeliveryModel = (typeof deliveryModels)[number];
/** The G20/GI Hub pipeline stages, in order. */
export const pipelineStages = ['prospective', 'detailed_planning', 'announced', 'under_procurement', 'awarded', 'under_delivery', 'operational'] as const;
export type PipelineStage = (typeof pipelineStages)[number];
export const pipelineVisibilities = ['public', 'partnership', 'restricted'] as const;
export type PipelineVisibility = (typeof pipelineVisibilities)[number];

export const investmentProjects = pgTable(
  'investment_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cityId: text('city_id')
      .notNull()
      .references(() => cities.id),
    /** The action-plan project this was promoted from, if any. */
    scapProjectId: uuid('scap_project_id').references(() => scapProjects.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    sector: text('sector', { enum: projectSectors }).notNull(),
    focusAreaId: text('focus_area_id')
      .notNull()
      .references(() => focusAreas.id),
    description: text('description').notNull().default(''),
    location: text('location').notNull().default(''),
    deliveryModel: text('delivery_model', { enum: deliveryModels }).notNull(),
    /** Exact amounts in the currency's minor units, with one ISO 4217 code for all of them. */
    currency: text('currency').notNull(),
    capitalCostMinor: bigint('capital_cost_minor', { mode: 'bigint' }),
    fundingSecuredMinor: bigint('funding_secured_minor', { mode: 'bigint' }),
    stage: text('stage', { enum: pipelineStages }).notNull().default('prospective'),
    visibility: text('visibility', { enum: pipelineVisibilities }).notNull().default('restricted'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('english', coalesce(${investmentProjects.title}, '')), 'A') || setweight(to_tsvector('english', coalesce(${investmentProjects.description}, '')), 'B') || setweight(to_tsvector('simple', coalesce(${investmentProjects.title}, '')), 'A')`,
    ),
  },
  (t) => [
    index('investment_projects_city_idx').on(t.cityId, t.stage),
    index('investment_projects_visibility_idx').on(t.visibility, t.stage, t.updatedAt),
    index('investment_projects_search_idx').using('gin', t.searchVector),
  ],
);

/** Every stage change: from, to, who and when (the first row records the creation). */
export const investmentProjectStageChanges = pgTable(
  'investment_project_stage_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => investmentProjects.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage', { enum: pipelineStages }),
    toStage: text('to_stage', { enum: pipelineStages }).notNull(),
    note: text('note').notNull().default(''),
    changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('investment_project_stage_changes_project_idx').on(t.projectId, t.changedAt)],
);

/**
 * Dated exchange rates kept by the secretariat, with their source: USD equivalents use the latest rate
 * on or before the day shown, and say which rate and date they used. Amounts are never converted in storage.
 */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    currency: text('currency').notNull(),
    rateDate: date('rate_date').notNull(),
    /** How many units of `currency` one U.S. dollar buys, as an exact decimal. */
    unitsPerUsd: numeric('units_per_usd', { precision: 20, scale: 8 }).notNull(),
    source: text('source').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.currency, t.rateDate] })],
);

/**
 * A project's bankability check: answers to the questionnaire on the five G20 project-preparation
 * dimensions (question id → answer), and the city's justifications of consistency flags it keeps
 * (flag id → text). The questions, flags and readiness profile are the pure engine's.
 */
export const bankabilityChecks = pgTable('bankability_checks', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => investmentProjects.id, { onDelete: 'cascade' }),
  answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
  justifications: jsonb('justifications').$type<Record<string, string>>().notNull().default({}),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
