import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { cities } from './cities.js';
import { countries } from './reference.js';

export const organisationKinds = [
  'secretariat',
  'city_government',
  'national_agency',
  'us_agency',
  'us_city',
  'company',
  'ngo',
  'academia',
  'cyber_centre',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const memberRoles = ['admin', 'member'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: organisationKinds }).notNull(),
    /** Set for city governments: the ASCN city the organisation governs. */
    cityId: text('city_id').references(() => cities.id),
    /** Set for national agencies: the country they represent. */
    countryCode: text('country_code').references(() => countries.code),
    website: text('website'),
    description: text('description'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisations_name_unique').on(sql`lower(${t.name})`)],
);

export const userStatuses = ['invited', 'active', 'disabled'] as const;

/** A person. Each belongs to one organisation, as admin or member. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role', { enum: memberRoles }).notNull(),
    title: text('title'),
    passwordHash: text('password_hash'),
    status: text('status', { enum: userStatuses }).notNull().default('invited'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    emailNotifications: boolean('email_notifications').notNull().default(true),
    locale: text('locale').notNull().default('en'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    index('users_organisation_idx').on(t.organisationId),
  ],
);

/** Sessions are looked up by the SHA-256 of the cookie's token, so a leaked table grants nothing. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const tokenPurposes = ['invitation', 'password_reset', 'first_admin'] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

/** Single-use tokens sent by email (invitations, password resets) or printed at first start. */
export const oneTimeTokens = pgTable('one_time_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  purpose: text('purpose', { enum: tokenPurposes }).notNull(),
  userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
  /** Who sent it (invitations): shown to the invitee so they know whom the link comes from. */
  createdBy: uuid('created_by').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
