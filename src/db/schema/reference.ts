import { boolean, pgTable, text } from 'drizzle-orm/pg-core';

/** Countries Mitra knows: the ten ASEAN member states, Timor-Leste and the United States. */
export const countries = pgTable('countries', {
  code: text('code').primaryKey(), // ISO 3166-1 alpha-2
  name: text('name').notNull(),
  isAseanMember: boolean('is_asean_member').notNull(),
});

/** The ASEAN Smart Cities Framework's three strategic outcomes. */
export const strategicOutcomes = pgTable('strategic_outcomes', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
});

/** The framework's six development focus areas; SCAP projects are tagged with one. */
export const focusAreas = pgTable('focus_areas', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull(),
});
