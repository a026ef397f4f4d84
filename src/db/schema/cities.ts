import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { countries, focusAreas } from './reference.js';

/** PostgreSQL's full-text vector type (Drizzle has no built-in one). */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const membershipKinds = ['pilot-2018', 'joined-2023', 'joined-2024'] as const;

/** An ASCN member city and its profile. The id is the reference data's slug. */
export const cities = pgTable(
  'cities',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    countryCode: text('country_code')
      .notNull()
      .references(() => countries.code),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    yearJoined: integer('year_joined').notNull(),
    membership: text('membership', { enum: membershipKinds }).notNull(),
    geonamesId: integer('geonames_id'),
    population: bigint('population', { mode: 'number' }),
    summary: text('summary'),
    priorities: text('priorities').array().notNull().default(sql`'{}'::text[]`),
    cscoName: text('csco_name'),
    cscoTitle: text('csco_title'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    website: text('website'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cities_country_idx').on(t.countryCode)],
);

export const projectStatuses = ['planning', 'ongoing', 'completed'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

/**
 * Who may see a SCAP project: `public` is on the portal; `partnership` is for anyone signed in;
 * `restricted` is for the city, its national representative and the secretariat.
 */
export const projectVisibilities = ['public', 'partnership', 'restricted'] as const;
export type ProjectVisibility = (typeof projectVisibilities)[number];

/** A project of a city's Smart City Action Plan (SCAP). */
export const scapProjects = pgTable(
  'scap_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cityId: text('city_id')
      .notNull()
      .references(() => cities.id),
    title: text('title').notNull(),
    focusAreaId: text('focus_area_id')
      .notNull()
      .references(() => focusAreas.id),
    description: text('description').notNull().default(''),
    status: text('status', { enum: projectStatuses }).notNull(),
    startYear: integer('start_year'),
    endYear: integer('end_year'),
    /** Exact amount in the currency's minor units (cents), with its ISO 4217 code. */
    budgetMinor: bigint('budget_minor', { mode: 'bigint' }),
    budgetCurrency: text('budget_currency'),
    partners: text('partners').array().notNull().default(sql`'{}'::text[]`),
    visibility: text('visibility', { enum: projectVisibilities }).notNull().default('restricted'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        // English (stemmed) and 'simple' (words as written, for titles in the region's languages).
        sql`setweight(to_tsvector('english', coalesce(${scapProjects.title}, '')), 'A') || setweight(to_tsvector('english', coalesce(${scapProjects.description}, '')), 'B') || setweight(to_tsvector('simple', coalesce(${scapProjects.title}, '')), 'A') || setweight(to_tsvector('simple', coalesce(${scapProjects.description}, '')), 'B')`,
    ),
  },
  (t) => [
    index('scap_projects_city_idx').on(t.cityId, t.title, t.id),
    index('scap_projects_visibility_idx').on(t.visibility, t.title, t.id),
    // One per sort of the project list: the first page reads a page of rows, not every visible project.
    index('scap_projects_title_idx').on(t.title, t.id),
    index('scap_projects_updated_idx').on(t.updatedAt, t.id),
    index('scap_projects_start_year_idx').on(sql`coalesce(${t.startYear}, 9999)`, t.id),
    index('scap_projects_focus_idx').on(t.focusAreaId),
    index('scap_projects_search_idx').using('gin', t.searchVector),
    index('scap_projects_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
);

/**
 * How many SCAP projects each city has, per focus area and visibility. Derived data, kept exact by
 * statement triggers on scap_projects (migration 0002): the public city list then adds up a few
 * hundred rows instead of counting every project on each request. Not backed up; restoring the
 * projects rebuilds it.
 */
export const scapProjectCounts = pgTable(
  'scap_project_counts',
  {
    cityId: text('city_id').notNull(),
    focusAreaId: text('focus_area_id').notNull(),
    visibility: text('visibility', { enum: projectVisibilities }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cityId, t.focusAreaId, t.visibility] })],
);
