import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from './accounts.js';
import { cities, scapProjects } from './cities.js';
import { assistanceRequests, investmentProjects } from './projects.js';

/*
 * Convenings, reverse trade missions and B2B matchmaking (activities 1a and 1b): events with their
 * agenda, registration with a waiting list, badges and check-in; matchmaking requests and the meetings
 * the scheduler places; personal agendas with calendar feeds; meeting outcomes and the deals
 * (leads, letters of intent, MoUs, contracts) the partnership facilitated.
 */

export const eventKinds = ['convening', 'workshop', 'webinar', 'trade_mission'] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventStatuses = ['draft', 'published', 'cancelled', 'completed'] as const;
export type EventStatus = (typeof eventStatuses)[number];
export const registrationModes = ['open', 'invitation'] as const;
export type RegistrationMode = (typeof registrationModes)[number];
export const eventVisibilities = ['public', 'partnership'] as const;

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: eventKinds }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    description: text('description').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** IANA time zone of the event's place: times are shown in it and in the viewer's. */
    timeZone: text('time_zone').notNull(),
    venue: text('venue').notNull().default(''),
    onlineUrl: text('online_url'),
    /** null: no limit. */
    capacity: integer('capacity'),
    registrationMode: text('registration_mode', { enum: registrationModes }).notNull().default('open'),
    approvalRequired: boolean('approval_required').notNull().default(false),
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
    status: text('status', { enum: eventStatuses }).notNull().default('draft'),
    visibility: text('visibility', { enum: eventVisibilities }).notNull().default('partnership'),
    /** The organising organisation (the secretariat, a U.S. agency…); its members are the organisers. */
    organiserOrganisationId: uuid('organiser_organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The challenges the event addresses, in the cities' words. */
    challenges: text('challenges').array().notNull().default(sql`'{}'::text[]`),
    matchmakingEnabled: boolean('matchmaking_enabled').notNull().default(false),
    maxRequestsPerPerson: integer('max_requests_per_person').notNull().default(10),
    maxMeetingsPerPerson: integer('max_meetings_per_person').notNull().default(8),
    /** Reverse trade missions: what the delegation comes to achieve, and the outcome report afterwards. */
    missionObjectives: text('mission_objectives').notNull().default(''),
    outcomeReport: text('outcome_report').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_status_starts_idx').on(t.status, t.startsAt)],
);

/** SCAP projects an event (a mission above all) is built from. */
export const eventProjects = pgTable(
  'event_projects',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => scapProjects.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.projectId] })],
);

export const agendaItemKinds = ['session', 'site_visit', 'briefing', 'business_meetings', 'travel', 'break'] as const;
export type AgendaItemKind = (typeof agendaItemKinds)[number];

/** The agenda (and a mission's itinerary): sessions, site visits, briefings, travel days, each with its place. */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: agendaItemKinds }).notNull().default('session'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    room: text('room').notNull().default(''),
    /** For missions: the U.S. city of the stop (e.g. "Riverton, CA"). */
    place: text('place').notNull().default(''),
    speakers: text('speakers').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index('agenda_items_event_idx').on(t.eventId, t.startsAt)],
);

/** Invitation-only events: who is invited (by email, so that people without an account yet can be). */
export const eventInvitations = pgTable(
  'event_invitations',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.email] })],
);

export const participantTypes = ['city_delegate', 'national_representative', 'us_government', 'us_city', 'industry', 'other'] as const;
export type ParticipantType = (typeof participantTypes)[number];

/**
 * pending (waiting for the organiser's approval) → confirmed (has a place) or waitlisted (no place yet;
 * promoted in order when one frees) or declined; cancelled by the participant or the organiser.
 */
export const registrationStatuses = ['pending', 'confirmed', 'waitlisted', 'declined', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const registrations = pgTable(
  'registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    participantType: text('participant_type', { enum: participantTypes }).notNull(),
    status: text('status', { enum: registrationStatuses }).notNull(),
    waitlistedAt: timestamp('waitlisted_at', { withTimezone: true }),
    accessibilityNeeds: text('accessibility_needs').notNull().default(''),
    dietaryNeeds: text('dietary_needs').notNull().default(''),
    /** Delegates travelling to a U.S. mission may ask for a visa-support letter, with their passport name and nationality. */
    visaLetterRequested: boolean('visa_letter_requested').notNull().default(false),
    passportName: text('passport_name').notNull().default(''),
    nationality: text('nationality').notNull().default(''),
    /** Printed as a QR code on the badge; scanned at check-in. Random, unguessable. */
    badgeCode: text('badge_code').notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedInBy: uuid('checked_in_by').references(() => users.id, { onDelete: 'set null' }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason').notNull().default(''),
    /** Matchmaking: what the participant offers and seeks, for suggestions of whom to meet. */
    offers: text('offers').notNull().default(''),
    seeks: text('seeks').notNull().default(''),
    focusAreaIds: text('focus_area_ids').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('registrations_event_user_idx').on(t.eventId, t.userId),
    uniqueIndex('registrations_badge_idx').on(t.badgeCode),
    index('registrations_event_status_idx').on(t.eventId, t.status, t.waitlistedAt),
    index('registrations_user_idx').on(t.userId),
  ],
);

/** The matchmaking grid the organiser defines: time slots and tables. */
export const meetingSlots = pgTable(
  'meeting_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('meeting_slots_event_idx').on(t.eventId, t.startsAt)],
);

export const meetingTables = pgTable(
  'meeting_tables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('meeting_tables_name_idx').on(t.eventId, t.name)],
);

/** Slots a participant cannot meet in. */
export const participantUnavailability = pgTable(
  'participant_unavailability',
  {
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => meetingSlots.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.slotId] })],
);

/** pending until every invited participant accepted (accepted) or one declined (declined); cancelled by the requester. */
export const meetingRequestStatuses = ['pending', 'accepted', 'declined', 'cancelled'] as const;
export type MeetingRequestStatus = (typeof meetingRequestStatuses)[number];

/**
 * A meeting request: from one participant to one or more others (a city delegation of three meeting a
 * company is one request with four participants). Once accepted, the scheduler places it: `slotId`
 * and `tableId`, `locked` when the organiser fixed it, `publishedAt` when participants can see it.
 */
export const meetingRequests = pgTable(
  'meeting_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    requesterRegistrationId: uuid('requester_registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    message: text('message').notNull().default(''),
    status: text('status', { enum: meetingRequestStatuses }).notNull().default('pending'),
    /** The scheduler maximises the total weight of placed meetings. */
    weight: doublePrecision('weight').notNull().default(1),
    slotId: uuid('slot_id').references(() => meetingSlots.id, { onDelete: 'set null' }),
    tableId: uuid('table_id').references(() => meetingTables.id, { onDelete: 'set null' }),
    locked: boolean('locked').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_requests_event_idx').on(t.eventId, t.status), index('meeting_requests_slot_idx').on(t.eventId, t.slotId)],
);

export const meetingResponses = ['requester', 'pending', 'accepted', 'declined'] as const;

export const meetingParticipants = pgTable(
  'meeting_participants',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => meetingRequests.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    response: text('response', { enum: meetingResponses }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    /** After the meeting: did it happen, and what came of it (each side records its own). */
    happened: boolean('happened'),
    outcome: text('outcome').notNull().default(''),
    outcomeRecordedAt: timestamp('outcome_recorded_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.registrationId] }), index('meeting_participants_registration_idx').on(t.registrationId)],
);

/** Each run of the scheduler for an event: what it achieved against the upper bound. */
export const schedulerRuns = pgTable(
  'scheduler_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    ranBy: uuid('ran_by').references(() => users.id, { onDelete: 'set null' }),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull().defaultNow(),
    meetings: integer('meetings').notNull(),
    scheduled: integer('scheduled').notNull(),
    scheduledWeight: doublePrecision('scheduled_weight').notNull(),
    upperBound: doublePrecision('upper_bound').notNull(),
    seconds: doublePrecision('seconds').notNull(),
  },
  (t) => [index('scheduler_runs_event_idx').on(t.eventId, t.ranAt)],
);

/** A private calendar subscription: the URL carries a token whose SHA-256 is stored here. */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const dealStages = ['lead', 'letter_of_intent', 'mou', 'contract'] as const;
export type DealStage = (typeof dealStages)[number];
/** What produced the deal: a matchmaking meeting, a mission, an event, an assistance request, a company's interest in a pipeline project. */
export const dealSources = ['meeting', 'mission', 'event', 'assistance_request', 'project_interest', 'other'] as const;
export type DealSource = (typeof dealSources)[number];

/**
 * Trade and investment the partnership facilitated: a lead, letter of intent, MoU or contract between
 * a company (or other partner) and a city, with its value and the activity that produced it.
 */
export const deals = pgTable(
  'deals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    cityId: text('city_id')
      .notNull()
      .references(() => cities.id),
    partnerOrganisationId: uuid('partner_organisation_id')
      .notNull()
      .references(() => organisations.id),
    stage: text('stage', { enum: dealStages }).notNull().default('lead'),
    valueMinor: bigint('value_minor', { mode: 'bigint' }),
    currency: text('currency'),
    source: text('source', { enum: dealSources }).notNull(),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    meetingRequestId: uuid('meeting_request_id').references(() => meetingRequests.id, { onDelete: 'set null' }),
    /** The technical-assistance or feasibility-study request that produced the deal (source "assistance_request"). */
    assistanceRequestId: uuid('assistance_request_id').references(() => assistanceRequests.id, { onDelete: 'set null' }),
    /** The pipeline project the deal is about, whatever produced it (required for source "project_interest"). */
    investmentProjectId: uuid('investment_project_id').references(() => investmentProjects.id, { onDelete: 'set null' }),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('deals_event_idx').on(t.eventId),
    index('deals_city_idx').on(t.cityId, t.stage),
    index('deals_assistance_request_idx').on(t.assistanceRequestId),
    index('deals_investment_project_idx').on(t.investmentProjectId),
  ],
);
