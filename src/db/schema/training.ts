import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, boolean, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from './accounts.js';

/*
 * The training programme (activity 3a): courses in cybersecurity and the digital economy, cohorts
 * delivered by partners (regional cyber centres, universities, U.S. agencies), nominations by cities
 * and national representatives, attendance, the end-of-course quiz, feedback and certificates that
 * verify publicly and travel as Open Badges 3.0 credentials.
 */

export const courseTopics = ['cybersecurity', 'digital_economy'] as const;
export type CourseTopic = (typeof courseTopics)[number];
export const courseStatuses = ['draft', 'published', 'archived'] as const;
export type CourseStatus = (typeof courseStatuses)[number];

/** A course, owned by the organisation that wrote it (the secretariat or a training partner). */
export const courses = pgTable(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    topic: text('topic', { enum: courseTopics }).notNull(),
    summary: text('summary').notNull().default(''),
    learningOutcomes: text('learning_outcomes').array().notNull().default(sql`'{}'::text[]`),
    /** CSF 2.0 categories the course addresses (e.g. GV.RM, PR.AA): how gaps recommend courses. */
    csfCategoryIds: text('csf_category_ids').array().notNull().default(sql`'{}'::text[]`),
    /** Percentage of quiz questions answered correctly needed to pass. */
    passMarkPercent: smallint('pass_mark_percent').notNull().default(70),
    status: text('status', { enum: courseStatuses }).notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('courses_status_idx').on(t.status, t.topic)],
);

export const courseModules = pgTable(
  'course_modules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    hours: integer('hours').notNull().default(1),
  },
  (t) => [uniqueIndex('course_modules_position_idx').on(t.courseId, t.position)],
);

/** A multiple-choice question of the course's end-of-course quiz; exactly one option is correct. */
export const quizQuestions = pgTable(
  'quiz_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    prompt: text('prompt').notNull(),
    options: text('options').array().notNull(),
    /** Index into options. Never sent to trainees. */
    correctOption: smallint('correct_option').notNull(),
  },
  (t) => [uniqueIndex('quiz_questions_position_idx').on(t.courseId, t.position)],
);

export const cohortModes = ['online', 'in_person', 'blended'] as const;
export type CohortMode = (typeof cohortModes)[number];
/** Who may be nominated: sub-national (city) officials only, or national officials too. */
export const cohortEligibilities = ['subnational_officials', 'government_officials'] as const;
export type CohortEligibility = (typeof cohortEligibilities)[number];
export const cohortStatuses = ['planned', 'open', 'in_progress', 'completed', 'cancelled'] as const;
export type CohortStatus = (typeof cohortStatuses)[number];

/** One delivery of a course: dates, mode, place, the partner who delivers it and its trainers. */
export const cohorts = pgTable(
  'cohorts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    title: text('title').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** IANA time zone of the sessions' place (or of the organiser for online cohorts). */
    timeZone: text('time_zone').notNull().default('Asia/Singapore'),
    mode: text('mode', { enum: cohortModes }).notNull(),
    location: text('location').notNull().default(''),
    /** The partner that delivers the cohort; its members are the cohort's trainers. */
    deliveringOrganisationId: uuid('delivering_organisation_id')
      .notNull()
      .references(() => organisations.id),
    capacity: integer('capacity').notNull(),
    eligibility: text('eligibility', { enum: cohortEligibilities }).notNull().default('subnational_officials'),
    nominationsCloseOn: date('nominations_close_on'),
    /** Share of sessions a trainee must attend to complete the course. */
    minAttendancePercent: smallint('min_attendance_percent').notNull().default(75),
    status: text('status', { enum: cohortStatuses }).notNull().default('planned'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cohorts_course_idx').on(t.courseId, t.startsOn), index('cohorts_delivering_idx').on(t.deliveringOrganisationId)],
);

export const cohortSessions = pgTable(
  'cohort_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    location: text('location').notNull().default(''),
  },
  (t) => [index('cohort_sessions_cohort_idx').on(t.cohortId, t.startsAt)],
);

/**
 * nominated (waiting for the trainer) → approved (has a seat) or waitlisted (no seat yet; promoted in
 * order when a seat frees) or declined; withdrawn by the trainee or nominator at any time before completion.
 */
export const enrolmentStatuses = ['nominated', 'approved', 'waitlisted', 'declined', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];
/** Self-described, optional: only for the gender-disaggregated counts development programmes report. */
export const traineeGenders = ['woman', 'man', 'another', 'not_stated'] as const;
export type TraineeGender = (typeof traineeGenders)[number];

export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    /** The official nominated (a user of a city government or national agency). */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    nominatedBy: uuid('nominated_by').references(() => users.id, { onDelete: 'set null' }),
    nominationNote: text('nomination_note').notNull().default(''),
    gender: text('gender', { enum: traineeGenders }).notNull().default('not_stated'),
    status: text('status', { enum: enrolmentStatuses }).notNull().default('nominated'),
    /** When the enrolment joined the waiting list: the order of promotion. */
    waitlistedAt: timestamp('waitlisted_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason').notNull().default(''),
    /** Set when attendance and the quiz are both met; the certificate is issued then. */
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enrolments_cohort_user_idx').on(t.cohortId, t.userId),
    index('enrolments_user_idx').on(t.userId),
    index('enrolments_cohort_status_idx').on(t.cohortId, t.status, t.waitlistedAt),
  ],
);

export const attendanceRecords = pgTable(
  'attendance_records',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => cohortSessions.id, { onDelete: 'cascade' }),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id, { onDelete: 'cascade' }),
    present: boolean('present').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.enrolmentId] })],
);

/** One sitting of the quiz: started, then submitted exactly once. A failed attempt may be followed by another, up to three. */
export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id, { onDelete: 'cascade' }),
    attemptNumber: smallint('attempt_number').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** questionId → chosen option index. */
    answers: jsonb('answers').$type<Record<string, number>>(),
    scorePercent: smallint('score_percent'),
    passed: boolean('passed'),
  },
  (t) => [uniqueIndex('quiz_attempts_number_idx').on(t.enrolmentId, t.attemptNumber)],
);

/** The trainee's end-of-course feedback: 1–5 ratings and comments; one per enrolment. */
export const feedbackResponses = pgTable('feedback_responses', {
  enrolmentId: uuid('enrolment_id')
    .primaryKey()
    .references(() => enrolments.id, { onDelete: 'cascade' }),
  overall: smallint('overall').notNull(),
  relevance: smallint('relevance').notNull(),
  delivery: smallint('delivery').notNull(),
  comments: text('comments').notNull().default(''),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A completion certificate. What it states is frozen at issue (name, course, cohort, partner, date),
 * so that verification shows exactly what was certified; `credential` is the signed Open Badges 3.0
 * credential (a JWT, VC-JOSE) and its decoded JSON.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    /** Public, unguessable, short enough to type from paper. */
    verificationCode: text('verification_code').notNull(),
    recipientName: text('recipient_name').notNull(),
    courseTitle: text('course_title').notNull(),
    cohortTitle: text('cohort_title').notNull(),
    deliveringOrganisationName: text('delivering_organisation_name').notNull(),
    completedOn: date('completed_on').notNull(),
    credentialJwt: text('credential_jwt').notNull(),
    credential: jsonb('credential').$type<Record<string, unknown>>().notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason').notNull().default(''),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('certificates_enrolment_idx').on(t.enrolmentId), uniqueIndex('certificates_code_idx').on(t.verificationCode)],
);

/**
 * The platform's credential-signing keys (Ed25519, JWK). The newest active key signs; older keys stay
 * so that certificates signed with them still verify. The private half never leaves the server.
 */
export const signingKeys = pgTable('signing_keys', {
  keyId: text('key_id').primaryKey(),
  publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>().notNull(),
  privateJwk: jsonb('private_jwk').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
