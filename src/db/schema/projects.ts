import { sql, type SQL } from 'drizzle-orm';
import { bigint, boolean, date, index, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from './accounts.js';
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
    // An action-plan project is promoted into the pipeline once: the index closes the race between two promotions.
    uniqueIndex('investment_projects_scap_project_idx').on(t.scapProjectId),
  ],
);

/**
 * A restricted pipeline project shared by its city with chosen organisations (companies above all):
 * their members see it, its documents and its recommendations as if it were a partnership project.
 */
export const investmentProjectShares = pgTable(
  'investment_project_shares',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => investmentProjects.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    sharedBy: uuid('shared_by').references(() => users.id, { onDelete: 'set null' }),
    sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.organisationId] }), index('investment_project_shares_organisation_idx').on(t.organisationId)],
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

/* ---- Technical assistance and feasibility-study requests ---- */

export const assistanceKinds = ['feasibility_study', 'technical_assistance'] as const;
export type AssistanceKind = (typeof assistanceKinds)[number];
/**
 * draft → submitted → screening → approved | declined (with reasons) → in_progress → delivered → closed.
 * A request for information sends a submitted or screening request back to the city (`infoRequested`).
 */
export const assistanceStatuses = ['draft', 'submitted', 'screening', 'approved', 'declined', 'in_progress', 'delivered', 'closed'] as const;
export type AssistanceStatus = (typeof assistanceStatuses)[number];

export const assistanceRequests = pgTable(
  'assistance_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cityId: text('city_id')
      .notNull()
      .references(() => cities.id),
    kind: text('kind', { enum: assistanceKinds }).notNull(),
    title: text('title').notNull(),
    problem: text('problem').notNull().default(''),
    objectives: text('objectives').notNull().default(''),
    scope: text('scope').notNull().default(''),
    projectId: uuid('project_id').references(() => investmentProjects.id, { onDelete: 'set null' }),
    /** Estimated budget, exact, in minor units with its ISO 4217 code. */
    budgetMinor: bigint('budget_minor', { mode: 'bigint' }),
    budgetCurrency: text('budget_currency'),
    timeline: text('timeline').notNull().default(''),
    /** The U.S. agency (an organisation of kind us_agency) the request is routed to. */
    agencyOrganisationId: uuid('agency_organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Endorsement by the city's CSCO or the national representative: who, when. */
    endorsedBy: uuid('endorsed_by').references(() => users.id, { onDelete: 'set null' }),
    endorsedAt: timestamp('endorsed_at', { withTimezone: true }),
    status: text('status', { enum: assistanceStatuses }).notNull().default('draft'),
    infoRequested: text('info_requested'),
    decisionReason: text('decision_reason').notNull().default(''),
    /** Approved requests may be published as a summary on the portal. */
    publicSummary: text('public_summary'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assistance_requests_agency_idx').on(t.agencyOrganisationId, t.status, t.submittedAt), index('assistance_requests_city_idx').on(t.cityId, t.status)],
);

/** Every transition and every comment or request for information, with who and when. */
export const assistanceEvents = pgTable(
  'assistance_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => assistanceRequests.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['transition', 'comment', 'info_request', 'info_response'] }).notNull(),
    fromStatus: text('from_status', { enum: assistanceStatuses }),
    toStatus: text('to_status', { enum: assistanceStatuses }),
    body: text('body').notNull().default(''),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assistance_events_request_idx').on(t.requestId, t.at)],
);

/* ---- Solution providers ---- */

/** A company's solution: what it does, where, and where it was deployed. Public ones appear in the directory. */
export const solutions = pgTable(
  'solutions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    sectors: text('sectors').array().notNull().default(sql`'{}'::text[]`),
    focusAreaIds: text('focus_area_ids').array().notNull().default(sql`'{}'::text[]`),
    technologies: text('technologies').array().notNull().default(sql`'{}'::text[]`),
    /** ISO 3166-1 alpha-2 codes of the countries served. */
    countriesServed: text('countries_served').array().notNull().default(sql`'{}'::text[]`),
    referenceDeployments: text('reference_deployments').notNull().default(''),
    visibility: text('visibility', { enum: ['public', 'partnership'] }).notNull().default('public'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('solutions_organisation_idx').on(t.organisationId)],
);

/** A company's interest in a pipeline project, and the city's shortlist decision. */
export const projectInterests = pgTable(
  'project_interests',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => investmentProjects.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    message: text('message').notNull().default(''),
    shortlisted: boolean('shortlisted').notNull().default(false),
    expressedBy: uuid('expressed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    shortlistedAt: timestamp('shortlisted_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.organisationId] })],
);
