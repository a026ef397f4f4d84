import { z } from 'zod';
import { organisationKinds } from '../../db/schema/accounts.js';
import {
  cohortEligibilities,
  cohortModes,
  cohortStatuses,
  courseStatuses,
  courseTopics,
  enrolmentStatuses,
  traineeGenders,
} from '../../db/schema/training.js';

const text = (max: number) => z.string().trim().max(max);
const isoDate = z.iso.date();
/** `true`/`false` in a query string (also yes/no, 1/0). */
const booleanQuery = z
  .enum(['true', 'false', 'yes', 'no', '1', '0'])
  .transform((v) => v === 'true' || v === 'yes' || v === '1')
  .optional();
/** A wall-clock time in the cohort's own time zone, as a date-time picker gives it: 2025-03-10T09:00. */
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local date and time such as 2025-03-10T09:00');
const csfCategoryId = z.string().trim().min(1).max(20);

export const courseIdParamsSchema = z.strictObject({ courseId: z.string().uuid() });
export const cohortIdParamsSchema = z.strictObject({ cohortId: z.string().uuid() });
export const sessionParamsSchema = z.strictObject({ cohortId: z.string().uuid(), sessionId: z.string().uuid() });
export const enrolmentIdParamsSchema = z.strictObject({ enrolmentId: z.string().uuid() });
export const attemptIdParamsSchema = z.strictObject({ attemptId: z.string().uuid() });

/* ---- Courses ---- */

export const courseModuleBodySchema = z.strictObject({
  title: text(300).min(1, 'give the module a title'),
  summary: text(5000).default(''),
  hours: z.number().int().min(0).max(500),
});

const courseFields = z.strictObject({
  title: text(300).min(3, 'must be at least 3 characters'),
  topic: z.enum(courseTopics),
  summary: text(10_000),
  learningOutcomes: z.array(text(1000).min(1)).max(30),
  /** CSF 2.0 category ids such as GV.RM or PR.AA; each is checked against the core. */
  csfCategoryIds: z.array(csfCategoryId).max(22),
  /** In the order given. */
  modules: z.array(courseModuleBodySchema).max(50),
  passMarkPercent: z.number().int().min(1).max(100),
});
export const createCourseBodySchema = courseFields.extend({
  summary: courseFields.shape.summary.default(''),
  learningOutcomes: courseFields.shape.learningOutcomes.default([]),
  csfCategoryIds: courseFields.shape.csfCategoryIds.default([]),
  modules: courseFields.shape.modules.default([]),
  passMarkPercent: courseFields.shape.passMarkPercent.default(70),
});
export const updateCourseBodySchema = courseFields.partial();
export const courseStatusBodySchema = z.strictObject({ status: z.enum(courseStatuses) });

export const quizQuestionBodySchema = z.strictObject({
  prompt: text(2000).min(1, 'write the question'),
  options: z.array(text(500).min(1, 'an option cannot be empty')).min(2, 'give at least 2 options').max(6, 'give at most 6 options'),
  /** Index into options of the one correct answer. */
  correctOption: z.number().int().min(0),
});
export const quizBodySchema = z.strictObject({ questions: z.array(quizQuestionBodySchema).max(50) });

export const listCoursesQuerySchema = z.strictObject({
  topic: z.enum(courseTopics).optional(),
  csfCategory: csfCategoryId.optional(),
  /** The courses the viewer's organisation manages, in every status (else the published catalogue). */
  managed: booleanQuery,
});

const csfCategoryRefSchema = z.object({ id: z.string(), name: z.string(), functionId: z.string() });
export const courseModuleSchema = z.object({ id: z.string().uuid(), position: z.number().int(), title: z.string(), summary: z.string(), hours: z.number().int() });

export const courseSummarySchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  topic: z.enum(courseTopics),
  summary: z.string(),
  status: z.enum(courseStatuses),
  organisationId: z.string().uuid(),
  organisationName: z.string(),
  csfCategories: z.array(csfCategoryRefSchema),
  totalHours: z.number().int(),
  /** Cohorts still ahead or under way (planned, open, in progress). */
  upcomingCohorts: z.number().int(),
  /** The first day of the next such cohort. */
  nextCohortStartsOn: z.string().nullable(),
  updatedAt: z.string(),
});
export const courseListSchema = z.object({ items: z.array(courseSummarySchema) });

export const cohortSummarySchema = z.object({
  id: z.string().uuid(),
  courseId: z.string().uuid(),
  courseTitle: z.string(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  timeZone: z.string(),
  mode: z.enum(cohortModes),
  location: z.string(),
  deliveringOrganisationId: z.string().uuid(),
  deliveringOrganisationName: z.string(),
  capacity: z.number().int(),
  eligibility: z.enum(cohortEligibilities),
  nominationsCloseOn: z.string().nullable(),
  minAttendancePercent: z.number().int(),
  status: z.enum(cohortStatuses),
  approvedCount: z.number().int(),
  waitlistedCount: z.number().int(),
  nominatedCount: z.number().int(),
  seatsLeft: z.number().int(),
  /** Whether nominations are accepted now (status planned or open, closing date not passed). */
  nominationsOpen: z.boolean(),
});
export const cohortListSchema = z.object({ items: z.array(cohortSummarySchema) });
export const providerListSchema = z.object({ items: z.array(z.object({ id: z.string().uuid(), name: z.string(), kind: z.enum(organisationKinds) })) });
export const listCohortsQuerySchema = z.strictObject({
  /** delivering: cohorts the viewer's organisation delivers; open: cohorts taking nominations. */
  scope: z.enum(['delivering', 'open']),
});

export const quizQuestionKeySchema = z.object({ id: z.string().uuid(), position: z.number().int(), prompt: z.string(), options: z.array(z.string()), correctOption: z.number().int() });

export const courseDetailSchema = courseSummarySchema.extend({
  learningOutcomes: z.array(z.string()),
  passMarkPercent: z.number().int(),
  modules: z.array(courseModuleSchema),
  cohorts: z.array(cohortSummarySchema),
  quizQuestionCount: z.number().int(),
  /** With the correct answers: only for those who manage the course. */
  quiz: z.array(quizQuestionKeySchema).nullable(),
  /** Whether the quiz may still change (no trainee has started it). */
  quizEditable: z.boolean(),
  createdAt: z.string(),
  canManage: z.boolean(),
});

/* ---- Cohorts and sessions ---- */

const cohortFields = z.strictObject({
  title: text(300).min(3, 'must be at least 3 characters'),
  startsOn: isoDate,
  endsOn: isoDate,
  /** IANA time zone such as Asia/Jakarta. */
  timeZone: z.string().trim().min(1).max(100),
  mode: z.enum(cohortModes),
  location: text(500),
  deliveringOrganisationId: z.string().uuid(),
  capacity: z.number().int().min(1, 'must be at least 1').max(1000),
  eligibility: z.enum(cohortEligibilities),
  nominationsCloseOn: isoDate.nullable(),
  minAttendancePercent: z.number().int().min(0).max(100),
  status: z.enum(cohortStatuses),
});
export const createCohortBodySchema = cohortFields.extend({
  location: cohortFields.shape.location.default(''),
  eligibility: cohortFields.shape.eligibility.default('subnational_officials'),
  nominationsCloseOn: cohortFields.shape.nominationsCloseOn.default(null),
  minAttendancePercent: cohortFields.shape.minAttendancePercent.default(75),
  status: z.enum(['planned', 'open']).default('planned'),
});
export const updateCohortBodySchema = cohortFields.partial();

const sessionFields = z.strictObject({
  title: text(300).min(1, 'give the session a title'),
  /** Local date-times in the cohort's time zone. */
  startsAt: localDateTime,
  endsAt: localDateTime,
  location: text(500),
});
export const sessionBodySchema = sessionFields.extend({ location: sessionFields.shape.location.default('') });
export const updateSessionBodySchema = sessionFields.partial();

export const cohortSessionSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  /** UTC instants. */
  startsAt: z.string(),
  endsAt: z.string(),
  /** The same in the cohort's time zone, as entered (2025-03-10T09:00). */
  localStartsAt: z.string(),
  localEndsAt: z.string(),
  location: z.string(),
});

export const cohortDetailSchema = cohortSummarySchema.extend({
  courseStatus: z.enum(courseStatuses),
  courseTopic: z.enum(courseTopics),
  sessions: z.array(cohortSessionSchema),
  /** The viewer delivers the cohort (or is the secretariat): decisions, attendance, feedback. */
  isTrainer: z.boolean(),
  /** The viewer may change the cohort and its sessions (the course's organisation, the trainers). */
  canEdit: z.boolean(),
  /** The viewer manages the course: chooses the delivering partner, reads the feedback. */
  canManageCourse: z.boolean(),
  /** The viewer may nominate someone (a city or national representative), and nominations are open. */
  canNominate: z.boolean(),
  /** The viewer's own enrolment in the cohort, if any. */
  myEnrolment: z.object({ id: z.string().uuid(), status: z.enum(enrolmentStatuses) }).nullable(),
});

/* ---- Enrolments ---- */

export const nominationBodySchema = z.strictObject({
  userId: z.string().uuid(),
  note: text(2000).default(''),
  gender: z.enum(traineeGenders).default('not_stated'),
});
export const nomineeSchema = z.object({
  userId: z.string().uuid(),
  name: z.string(),
  organisationName: z.string(),
  cityName: z.string().nullable(),
});
export const nomineeListSchema = z.object({ items: z.array(nomineeSchema) });

export const decisionBodySchema = z.strictObject({
  decision: z.enum(['approve', 'waitlist', 'decline']),
  /** Required to decline. */
  reason: text(2000).optional(),
});
export const withdrawalBodySchema = z.strictObject({ reason: text(2000).default('') });

const certificateRefSchema = z.object({ id: z.string().uuid(), verificationCode: z.string(), issuedAt: z.string(), revokedAt: z.string().nullable() });

export const enrolmentSummarySchema = z.object({
  id: z.string().uuid(),
  cohortId: z.string().uuid(),
  userId: z.string().uuid(),
  traineeName: z.string(),
  organisationName: z.string(),
  cityName: z.string().nullable(),
  countryCode: z.string().nullable(),
  nominatedByName: z.string().nullable(),
  nominationNote: z.string(),
  /** Only for the trainee and the nominating side; null for others (trainers see totals in reports). */
  gender: z.enum(traineeGenders).nullable(),
  status: z.enum(enrolmentStatuses),
  /** 1 for the first on the waiting list; null when not waiting. */
  waitlistPosition: z.number().int().nullable(),
  decisionReason: z.string(),
  decidedAt: z.string().nullable(),
  sessionsAttended: z.number().int(),
  quizPassed: z.boolean(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const enrolmentListSchema = z.object({ items: z.array(enrolmentSummarySchema) });

/** What a decision did, in words: an approval on a full cohort goes to the waiting list instead. */
export const decisionResultSchema = z.object({ enrolment: enrolmentSummarySchema, message: z.string() });

export const quizAttemptSummarySchema = z.object({
  id: z.string().uuid(),
  attemptNumber: z.number().int(),
  startedAt: z.string(),
  submittedAt: z.string().nullable(),
  scorePercent: z.number().int().nullable(),
  passed: z.boolean().nullable(),
});

export const feedbackBodySchema = z.strictObject({
  overall: z.number().int().min(1, 'rate from 1 to 5').max(5, 'rate from 1 to 5'),
  relevance: z.number().int().min(1, 'rate from 1 to 5').max(5, 'rate from 1 to 5'),
  delivery: z.number().int().min(1, 'rate from 1 to 5').max(5, 'rate from 1 to 5'),
  comments: text(5000).default(''),
});
export const feedbackSchema = z.object({ overall: z.number().int(), relevance: z.number().int(), delivery: z.number().int(), comments: z.string(), submittedAt: z.string() });

export const enrolmentDetailSchema = enrolmentSummarySchema.extend({
  cohort: cohortSummarySchema,
  courseId: z.string().uuid(),
  sessions: z.array(cohortSessionSchema.extend({ present: z.boolean().nullable() })),
  quiz: z.object({
    questionCount: z.number().int(),
    passMarkPercent: z.number().int(),
    attempts: z.array(quizAttemptSummarySchema),
    maxAttempts: z.number().int(),
    /** The attempt started and not yet submitted, to continue. */
    openAttemptId: z.string().uuid().nullable(),
    canStart: z.boolean(),
  }),
  feedback: feedbackSchema.nullable(),
  canGiveFeedback: z.boolean(),
  certificate: certificateRefSchema.nullable(),
  isTrainee: z.boolean(),
  isTrainer: z.boolean(),
  canWithdraw: z.boolean(),
});

export const myEnrolmentSchema = z.object({
  id: z.string().uuid(),
  status: z.enum(enrolmentStatuses),
  waitlistPosition: z.number().int().nullable(),
  cohort: cohortSummarySchema,
  completedAt: z.string().nullable(),
  certificate: certificateRefSchema.nullable(),
});
export const myEnrolmentListSchema = z.object({ items: z.array(myEnrolmentSchema) });

/* ---- Attendance ---- */

export const attendanceBodySchema = z.strictObject({
  records: z
    .array(z.strictObject({ sessionId: z.string().uuid(), enrolmentId: z.string().uuid(), present: z.boolean() }))
    .min(1, 'record at least one trainee')
    .max(5000),
});
export const attendanceGridSchema = z.object({
  sessions: z.array(cohortSessionSchema),
  trainees: z.array(z.object({ enrolmentId: z.string().uuid(), name: z.string(), organisationName: z.string(), completedAt: z.string().nullable() })),
  records: z.array(z.object({ sessionId: z.string().uuid(), enrolmentId: z.string().uuid(), present: z.boolean() })),
  minAttendancePercent: z.number().int(),
});
export const attendanceResultSchema = attendanceGridSchema.extend({
  /** Trainees who completed the course with this recording. */
  newlyCompleted: z.array(z.string().uuid()),
});

/* ---- Quiz ---- */

export const quizAttemptSchema = quizAttemptSummarySchema.extend({
  enrolmentId: z.string().uuid(),
  courseTitle: z.string(),
  passMarkPercent: z.number().int(),
  /** Never with the correct answers. */
  questions: z.array(z.object({ id: z.string().uuid(), position: z.number().int(), prompt: z.string(), options: z.array(z.string()) })),
  /** The trainee's own answers, once submitted. */
  answers: z.record(z.string(), z.number().int()).nullable(),
  correctCount: z.number().int().nullable(),
});
export const quizSubmissionBodySchema = z.strictObject({
  /** questionId → the index of the chosen option; every question must be answered. */
  answers: z.record(z.string().uuid(), z.number().int()),
});
export const quizResultSchema = quizAttemptSchema.extend({
  attemptsLeft: z.number().int(),
  completed: z.boolean(),
  certificateId: z.string().uuid().nullable(),
});

/* ---- Feedback aggregate ---- */

/** Averages appear only from this many responses, so no single answer can be read off them. */
export const feedbackMinimumResponses = 3;
export const feedbackAggregateSchema = z.object({
  responses: z.number().int(),
  minimumResponses: z.number().int(),
  averages: z.object({ overall: z.number(), relevance: z.number(), delivery: z.number() }).nullable(),
  /** Without names, in no particular order. */
  comments: z.array(z.string()),
});

/* ---- Reports ---- */

export const reportQuerySchema = z.strictObject({
  courseId: z.string().uuid().optional(),
  /** Adds counts per self-described gender. */
  gender: booleanQuery,
});
const genderCountsSchema = z.object({ woman: z.number().int(), man: z.number().int(), another: z.number().int(), not_stated: z.number().int() });
export const reportRowSchema = z.object({
  key: z.string(),
  name: z.string(),
  /** Every nomination (whatever became of it). */
  nominated: z.number().int(),
  /** Enrolments that hold a seat (approved), completed ones included. */
  approved: z.number().int(),
  completed: z.number().int(),
  /** Completed ÷ approved, 0–100; null with no approved trainee. */
  completionRate: z.number().nullable(),
  /** Trainees who passed the quiz ÷ trainees who submitted it, 0–100; null when nobody has. */
  quizPassRate: z.number().nullable(),
  /** Distinct people among the approved. */
  trainees: z.number().int(),
  /** The same counts by self-described gender (only when asked for). */
  gender: z.object({ nominated: genderCountsSchema, approved: genderCountsSchema, completed: genderCountsSchema }).nullable(),
});
export const trainingReportSchema = z.object({
  totals: reportRowSchema,
  byCity: z.array(reportRowSchema),
  byCountry: z.array(reportRowSchema),
  byOrganisation: z.array(reportRowSchema),
  byCourse: z.array(reportRowSchema),
  /** What the report covers: every cohort (the secretariat) or the viewer's organisation's. */
  scope: z.enum(['all', 'organisation']),
});
