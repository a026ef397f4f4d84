import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from './accounts.js';
import { cities } from './cities.js';
import { focusAreas } from './reference.js';

/**
 * What a U.S. partner organisation (a U.S. city above all; agencies, companies, NGOs and universities
 * may offer too) brings to a city-to-city exchange. One offer per organisation.
 */
export const exchangeOffers = pgTable('exchange_offers', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  sectors: text('sectors').array().notNull().default(sql`'{}'::text[]`),
  expertiseSummary: text('expertise_summary').notNull().default(''),
  /** Keywords and technologies, matched against SCAP projects' words by the pairing engine. */
  keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const exchangeOfferFocusAreas = pgTable(
  'exchange_offer_focus_areas',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => exchangeOffers.organisationId, { onDelete: 'cascade' }),
    focusAreaId: text('focus_area_id')
      .notNull()
      .references(() => focusAreas.id),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.focusAreaId] })],
);

/**
 * proposed → accepted (both sides accepted) → letter_of_intent → memorandum_signed → active → completed;
 * declined (by a side, while proposed) and withdrawn (any time before completion) end it early.
 */
export const pairingStatuses = ['proposed', 'accepted', 'letter_of_intent', 'memorandum_signed', 'active', 'completed', 'declined', 'withdrawn'] as const;
export type PairingStatus = (typeof pairingStatuses)[number];

/** A city-to-city exchange between a U.S. partner organisation and an ASCN city. */
export const pairings = pgTable(
  'pairings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    usOrganisationId: uuid('us_organisation_id')
      .notNull()
      .references(() => organisations.id),
    cityId: text('city_id')
      .notNull()
      .references(() => cities.id),
    objectives: text('objectives').notNull().default(''),
    status: text('status', { enum: pairingStatuses }).notNull().default('proposed'),
    usAcceptedBy: uuid('us_accepted_by').references(() => users.id, { onDelete: 'set null' }),
    usAcceptedAt: timestamp('us_accepted_at', { withTimezone: true }),
    cityAcceptedBy: uuid('city_accepted_by').references(() => users.id, { onDelete: 'set null' }),
    cityAcceptedAt: timestamp('city_accepted_at', { withTimezone: true }),
    /** Set by the secretariat: the portal shows the pairing's summary. */
    public: boolean('public').notNull().default(false),
    outcomes: text('outcomes').notNull().default(''),
    lessonsLearned: text('lessons_learned').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('pairings_updated_idx').on(t.updatedAt, t.id),
    index('pairings_city_idx').on(t.cityId),
    index('pairings_us_organisation_idx').on(t.usOrganisationId),
  ],
);

export const pairingFocusAreas = pgTable(
  'pairing_focus_areas',
  {
    pairingId: uuid('pairing_id')
      .notNull()
      .references(() => pairings.id, { onDelete: 'cascade' }),
    focusAreaId: text('focus_area_id')
      .notNull()
      .references(() => focusAreas.id),
  },
  (t) => [primaryKey({ columns: [t.pairingId, t.focusAreaId] })],
);

/** Every status change of a pairing: who, when, from what, and why (for declines and withdrawals). */
export const pairingTransitions = pgTable(
  'pairing_transitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pairingId: uuid('pairing_id')
      .notNull()
      .references(() => pairings.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: pairingStatuses }),
    toStatus: text('to_status', { enum: pairingStatuses }).notNull(),
    reason: text('reason').notNull().default(''),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pairing_transitions_pairing_idx').on(t.pairingId, t.at)],
);

export const pairingActivityKinds = ['exchange_visit', 'webinar', 'staff_placement', 'joint_project', 'other'] as const;
export const pairingSides = ['us', 'city'] as const;
export const pairingActivityStatuses = ['planned', 'done', 'cancelled'] as const;

/** An activity of the joint work plan. */
export const pairingActivities = pgTable(
  'pairing_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pairingId: uuid('pairing_id')
      .notNull()
      .references(() => pairings.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: pairingActivityKinds }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ownerSide: text('owner_side', { enum: pairingSides }).notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    startDate: date('start_date'),
    endDate: date('end_date'),
    location: text('location').notNull().default(''),
    status: text('status', { enum: pairingActivityStatuses }).notNull().default('planned'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pairing_activities_pairing_idx').on(t.pairingId)],
);

/** A dated progress note by either side (or the secretariat). */
export const pairingUpdates = pgTable(
  'pairing_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pairingId: uuid('pairing_id')
      .notNull()
      .references(() => pairings.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    body: text('body').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pairing_updates_pairing_idx').on(t.pairingId, t.date)],
);
