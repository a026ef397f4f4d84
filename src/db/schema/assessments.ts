import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { cities } from './cities.js';
import { assetSystems } from './exposure.js';

/*
 * Cyber self-assessment (activity 3b): a city answers the NIST CSF 2.0 subcategories with a current
 * and a target level, judges its CSF tiers, and submits. The CSF core itself (functions, categories,
 * subcategories) is reference data in data/reference/csf-2.0, read by src/modules/assessments/framework.ts.
 */

/** The whole city administration, or one of its systems (the same systems the technology inventory uses). */
export const assessmentScopes = ['city_administration', 'system'] as const;
export type AssessmentScope = (typeof assessmentScopes)[number];
export const assessmentSystems = assetSystems;

export const assessmentStatuses = ['draft', 'submitted'] as const;
export type AssessmentStatus = (typeof assessmentStatuses)[number];

/**
 * The implementation scale every answer uses (stated on every page and report):
 * 0 not in place · 1 initial, ad hoc · 2 partly in place · 3 in place across the scope ·
 * 4 in place, measured and reviewed.
 */
export const implementationLevels = [0, 1, 2, 3, 4] as const;
export const maxImplementationLevel = 4;

/** CSF 2.0 tiers, judged for risk governance and for risk management as a whole. */
export const csfTiers = [1, 2, 3, 4] as const; // Partial, Risk Informed, Repeatable, Adaptive

export const cyberAssessments = pgTable(
  'cyber_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cityId: text('city_id')
      .notNull()
      .references(() => cities.id),
    title: text('title').notNull(),
    scope: text('scope', { enum: assessmentScopes }).notNull().default('city_administration'),
    /** Set when the scope is one system. */
    scopeSystem: text('scope_system', { enum: assetSystems }),
    scopeNotes: text('scope_notes').notNull().default(''),
    status: text('status', { enum: assessmentStatuses }).notNull().default('draft'),
    /** CSF categories (e.g. GV.RM) the city gives priority: gaps there rank higher. */
    priorityCategoryIds: text('priority_category_ids').array().notNull().default(sql`'{}'::text[]`),
    governanceTier: smallint('governance_tier'),
    governanceTierRationale: text('governance_tier_rationale').notNull().default(''),
    riskManagementTier: smallint('risk_management_tier'),
    riskManagementTierRationale: text('risk_management_tier_rationale').notNull().default(''),
    /** The city's choice to let its country's national representatives read the assessment. */
    sharedWithNational: boolean('shared_with_national').notNull().default(false),
    /** Bumped on every change, so that two people editing at once learn of each other's saves. */
    revision: integer('revision').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cyber_assessments_city_idx').on(t.cityId, t.status, t.submittedAt)],
);

/** One answer per CSF 2.0 subcategory; saved as the city goes. */
export const cyberAssessmentAnswers = pgTable(
  'cyber_assessment_answers',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => cyberAssessments.id, { onDelete: 'cascade' }),
    /** A CSF 2.0 subcategory id, e.g. GV.OC-01. */
    subcategoryId: text('subcategory_id').notNull(),
    currentLevel: smallint('current_level'),
    targetLevel: smallint('target_level'),
    notApplicable: boolean('not_applicable').notNull().default(false),
    notApplicableReason: text('not_applicable_reason').notNull().default(''),
    evidence: text('evidence').notNull().default(''),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.subcategoryId] })],
);
