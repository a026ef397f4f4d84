import { sql, type SQL } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { organisations, users } from './accounts.js';
import { cities } from './cities.js';
import { focusAreas } from './reference.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const practiceKinds = ['case_study', 'toolkit', 'guide', 'blueprint'] as const;
export type PracticeKind = (typeof practiceKinds)[number];

/** draft → in_review → published; the secretariat may send either back to draft to revise. */
export const practiceStatuses = ['draft', 'in_review', 'published'] as const;
export type PracticeStatus = (typeof practiceStatuses)[number];

/** Once published: `public` is on the portal, `partnership` is for anyone signed in. */
export const practiceVisibilities = ['public', 'partnership'] as const;
export type PracticeVisibility = (typeof practiceVisibilities)[number];

/** Order of magnitude of what the practice cost, in US dollars. */
export const practiceCostRanges = ['under_100k', '100k_1m', '1m_10m', 'over_10m'] as const;

export type OutcomeIndicator = { name: string; value: number; unit: string };

/**
 * A best practice of the library: a case study, toolkit, guide or blueprint.
 *
 * Translations are practices too, linked to the original by `translationOf`, rather than rows of a
 * separate translations table: each language version then has its own workflow (a translation is
 * reviewed before it is published, like the original), its own attachments, and one search index
 * covers every language. The metadata (focus area, city, costs…) is copied from the original when
 * a translation is made. `translationOf` always names the original, never another translation.
 */
export const practices = pgTable(
  'practices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: practiceKinds }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Markdown; rendered to sanitised HTML when read. */
    body: text('body').notNull().default(''),
    focusAreaId: text('focus_area_id')
      .notNull()
      .references(() => focusAreas.id),
    sectors: text('sectors').array().notNull().default(sql`'{}'::text[]`),
    cityId: text('city_id').references(() => cities.id),
    technologies: text('technologies').array().notNull().default(sql`'{}'::text[]`),
    standards: text('standards').array().notNull().default(sql`'{}'::text[]`),
    costRange: text('cost_range', { enum: practiceCostRanges }),
    outcomeIndicators: jsonb('outcome_indicators').$type<OutcomeIndicator[]>().notNull().default([]),
    /** BCP 47 tag such as en, vi, id, th. */
    language: text('language').notNull(),
    translationOf: uuid('translation_of').references((): AnyPgColumn => practices.id),
    status: text('status', { enum: practiceStatuses }).notNull().default('draft'),
    visibility: text('visibility', { enum: practiceVisibilities }).notNull().default('public'),
    /** The organisation of the author: its members edit the drafts. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** The secretariat's comment when it last returned the practice to draft. */
    reviewComment: text('review_comment'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Both 'english' (stemming) and 'simple' (every word as written): Vietnamese, Thai, Indonesian…
     * have no stemmer here, and 'simple' keeps their words searchable.
     */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL => sql`setweight(to_tsvector('english', ${practices.title}), 'A') || setweight(to_tsvector('simple', ${practices.title}), 'A')
        || setweight(to_tsvector('english', ${practices.summary}), 'B') || setweight(to_tsvector('simple', ${practices.summary}), 'B')
        || setweight(to_tsvector('english', ${practices.body}), 'C') || setweight(to_tsvector('simple', ${practices.body}), 'C')`,
    ),
  },
  (t) => [
    index('practices_status_idx').on(t.status, t.visibility, t.updatedAt, t.id),
    index('practices_organisation_idx').on(t.organisationId),
    index('practices_focus_idx').on(t.focusAreaId),
    index('practices_city_idx').on(t.cityId),
    uniqueIndex('practices_translation_language_unique').on(t.translationOf, t.language),
    index('practices_search_idx').using('gin', t.searchVector),
    index('practices_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
);

/** A city that took up a practice. */
export const practiceReplications = pgTable(
  'practice_replications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    cityId: text('city_id')
      .notNull()
      .references(() => cities.id),
    year: integer('year').notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('practice_replications_unique').on(t.practiceId, t.cityId)],
);
