import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  attendanceRecords,
  cities,
  cohorts,
  cohortSessions,
  countries,
  courseModules,
  courses,
  enrolments,
  feedbackResponses,
  organisations,
  quizAttempts,
  quizQuestions,
  users,
} from '../../db/schema/index.js';
import type { OrganisationKind } from '../../db/schema/accounts.js';
import type { CohortStatus, CourseTopic, EnrolmentStatus } from '../../db/schema/training.js';

/** Enrolments that are live: waiting for a decision, holding a seat or waiting for one. */
export const activeEnrolmentStatuses: EnrolmentStatus[] = ['nominated', 'approved', 'waitlisted'];

/* ---- Courses ---- */

const liveCohortStatuses = sql`('planned', 'open', 'in_progress')`;
const courseColumns = {
  id: courses.id,
  organisationId: courses.organisationId,
  organisationName: organisations.name,
  title: courses.title,
  topic: courses.topic,
  summary: courses.summary,
  learningOutcomes: courses.learningOutcomes,
  csfCategoryIds: courses.csfCategoryIds,
  passMarkPercent: courses.passMarkPercent,
  status: courses.status,
  createdBy: courses.createdBy,
  createdAt: courses.createdAt,
  updatedAt: courses.updatedAt,
  totalHours: sql<number>`coalesce((select sum(m.hours) from ${courseModules} m where m.course_id = ${courses.id}), 0)::int`,
  upcomingCohorts: sql<number>`(select count(*) from ${cohorts} c where c.course_id = ${courses.id} and c.status in ${liveCohortStatuses})::int`,
  nextCohortStartsOn: sql<string | null>`(select min(c.starts_on)::text from ${cohorts} c where c.course_id = ${courses.id} and c.status in ${liveCohortStatuses})`,
};

export async function findCourse(db: Db, id: string) {
  const [row] = await db.select(courseColumns).from(courses).innerJoin(organisations, eq(organisations.id, courses.organisationId)).where(eq(courses.id, id));
  return row;
}
export type CourseRow = NonNullable<Awaited<ReturnType<typeof findCourse>>>;

export async function listCourses(db: Db, filter: { organisationId?: string; publishedOnly: boolean; topic?: CourseTopic; csfCategory?: string }) {
  const conditions: SQL[] = [];
  if (filter.publishedOnly) conditions.push(eq(courses.status, 'published'));
  if (filter.organisationId) conditions.push(eq(courses.organisationId, filter.organisationId));
  if (filter.topic) conditions.push(eq(courses.topic, filter.topic));
  if (filter.csfCategory) conditions.push(sql`${filter.csfCategory} = any(${courses.csfCategoryIds})`);
  return db
    .select(courseColumns)
    .from(courses)
    .innerJoin(organisations, eq(organisations.id, courses.organisationId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(courses.title), asc(courses.id));
}

export async function insertCourse(db: Db, course: typeof courses.$inferInsert) {
  const [row] = await db.insert(courses).values(course).returning({ id: courses.id });
  return row!.id;
}

export async function updateCourse(db: Db, id: string, patch: Partial<typeof courses.$inferInsert>) {
  await db
    .update(courses)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(courses.id, id));
}

export const listModules = (db: Db, courseId: string) =>
  db
    .select({ id: courseModules.id, position: courseModules.position, title: courseModules.title, summary: courseModules.summary, hours: courseModules.hours })
    .from(courseModules)
    .where(eq(courseModules.courseId, courseId))
    .orderBy(asc(courseModules.position));

export async function replaceModules(db: Db, courseId: string, modules: { title: string; summary: string; hours: number }[]) {
  await db.delete(courseModules).where(eq(courseModules.courseId, courseId));
  if (modules.length) await db.insert(courseModules).values(modules.map((m, index) => ({ courseId, position: index + 1, ...m })));
}

export const listQuizQuestions = (db: Db, courseId: string) =>
  db
    .select({ id: quizQuestions.id, position: quizQuestions.position, prompt: quizQuestions.prompt, options: quizQuestions.options, correctOption: quizQuestions.correctOption })
    .from(quizQuestions)
    .where(eq(quizQuestions.courseId, courseId))
    .orderBy(asc(quizQuestions.position));

export async function replaceQuizQuestions(db: Db, courseId: string, questions: { prompt: string; options: string[]; correctOption: number }[]) {
  await db.delete(quizQuestions).where(eq(quizQuestions.courseId, courseId));
  if (questions.length) await db.insert(quizQuestions).values(questions.map((q, index) => ({ courseId, position: index + 1, ...q })));
}

/** How many quiz attempts trainees have started on the course, in any cohort. */
export async function countCourseAttempts(db: Db, courseId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(quizAttempts)
    .innerJoin(enrolments, eq(enrolments.id, quizAttempts.enrolmentId))
    .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
    .where(eq(cohorts.courseId, courseId));
  return row?.n ?? 0;
}

/* ---- Cohorts ---- */

const countOf = (status: EnrolmentStatus) => sql<number>`(select count(*) from ${enrolments} e where e.cohort_id = ${cohorts.id} and e.status = ${status})::int`;
const cohortColumns = {
  id: cohorts.id,
  courseId: cohorts.courseId,
  courseTitle: courses.title,
  courseStatus: courses.status,
  courseTopic: courses.topic,
  courseOrganisationId: courses.organisationId,
  passMarkPercent: courses.passMarkPercent,
  title: cohorts.title,
  startsOn: cohorts.startsOn,
  endsOn: cohorts.endsOn,
  timeZone: cohorts.timeZone,
  mode: cohorts.mode,
  location: cohorts.location,
  deliveringOrganisationId: cohorts.deliveringOrganisationId,
  deliveringOrganisationName: sql<string>`(select o.name from ${organisations} o where o.id = ${cohorts.deliveringOrganisationId})`,
  capacity: cohorts.capacity,
  eligibility: cohorts.eligibility,
  nominationsCloseOn: cohorts.nominationsCloseOn,
  minAttendancePercent: cohorts.minAttendancePercent,
  status: cohorts.status,
  createdAt: cohorts.createdAt,
  updatedAt: cohorts.updatedAt,
  approvedCount: countOf('approved'),
  waitlistedCount: countOf('waitlisted'),
  nominatedCount: countOf('nominated'),
};

function selectCohorts(db: Db) {
  return db.select(cohortColumns).from(cohorts).innerJoin(courses, eq(courses.id, cohorts.courseId));
}

export async function findCohort(db: Db, id: string) {
  const [row] = await selectCohorts(db).where(eq(cohorts.id, id));
  return row;
}
export type CohortRow = NonNullable<Awaited<ReturnType<typeof findCohort>>>;

export const listCohortsOfCourse = (db: Db, courseId: string) => selectCohorts(db).where(eq(cohorts.courseId, courseId)).orderBy(asc(cohorts.startsOn), asc(cohorts.id));

export const listCohortsDeliveredBy = (db: Db, organisationId: string) =>
  selectCohorts(db)
    .where(or(eq(cohorts.deliveringOrganisationId, organisationId), eq(courses.organisationId, organisationId)))
    .orderBy(asc(cohorts.startsOn), asc(cohorts.id));

/** Cohorts of published courses in planned or open status (the closing date is checked in the zone by the service). */
export const listCohortsTakingNominations = (db: Db) =>
  selectCohorts(db)
    .where(and(eq(courses.status, 'published'), inArray(cohorts.status, ['planned', 'open'])))
    .orderBy(asc(cohorts.startsOn), asc(cohorts.id));

/** Whether the organisation delivers any cohort of the course (its trainers may see a draft course). */
export async function deliversCohortOf(db: Db, courseId: string, organisationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: cohorts.id })
    .from(cohorts)
    .where(and(eq(cohorts.courseId, courseId), eq(cohorts.deliveringOrganisationId, organisationId)))
    .limit(1);
  return row !== undefined;
}

export async function insertCohort(db: Db, cohort: typeof cohorts.$inferInsert) {
  const [row] = await db.insert(cohorts).values(cohort).returning({ id: cohorts.id });
  return row!.id;
}

export async function updateCohort(db: Db, id: string, patch: Partial<typeof cohorts.$inferInsert>) {
  await db
    .update(cohorts)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(cohorts.id, id));
}

/**
 * Locks the cohort's row until the transaction ends. Every change of an enrolment's seat takes this
 * lock first, so two approvals at the same moment cannot both take the last seat.
 */
export async function lockCohort(tx: Db, id: string) {
  const [row] = await tx.select({ id: cohorts.id, capacity: cohorts.capacity, status: cohorts.status }).from(cohorts).where(eq(cohorts.id, id)).for('update');
  return row;
}

export async function countApproved(tx: Db, cohortId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(enrolments)
    .where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.status, 'approved')));
  return row?.n ?? 0;
}

/** The waiting list in order: first come, first promoted. */
export const listWaitlisted = (tx: Db, cohortId: string) =>
  tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.status, 'waitlisted')))
    .orderBy(asc(enrolments.waitlistedAt), asc(enrolments.id));

export const listSessions = (db: Db, cohortId: string) =>
  db
    .select({ id: cohortSessions.id, title: cohortSessions.title, startsAt: cohortSessions.startsAt, endsAt: cohortSessions.endsAt, location: cohortSessions.location })
    .from(cohortSessions)
    .where(eq(cohortSessions.cohortId, cohortId))
    .orderBy(asc(cohortSessions.startsAt), asc(cohortSessions.id));
export type SessionRow = Awaited<ReturnType<typeof listSessions>>[number];

export async function findSession(db: Db, cohortId: string, sessionId: string) {
  const [row] = await db
    .select({ id: cohortSessions.id, cohortId: cohortSessions.cohortId, title: cohortSessions.title, startsAt: cohortSessions.startsAt, endsAt: cohortSessions.endsAt, location: cohortSessions.location })
    .from(cohortSessions)
    .where(and(eq(cohortSessions.id, sessionId), eq(cohortSessions.cohortId, cohortId)));
  return row;
}

export async function insertSession(db: Db, session: typeof cohortSessions.$inferInsert) {
  const [row] = await db.insert(cohortSessions).values(session).returning();
  return row!;
}

export async function updateSession(db: Db, id: string, patch: Partial<typeof cohortSessions.$inferInsert>) {
  const [row] = await db.update(cohortSessions).set(patch).where(eq(cohortSessions.id, id)).returning();
  return row!;
}

export const deleteSession = (db: Db, id: string) => db.delete(cohortSessions).where(eq(cohortSessions.id, id));

export async function countSessionAttendance(db: Db, sessionId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(attendanceRecords).where(eq(attendanceRecords.sessionId, sessionId));
  return row?.n ?? 0;
}

/** Active members of an organisation: the trainers of the cohorts it delivers. */
export async function listMemberIds(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

/** Organisations of the given kinds (the training providers that may deliver cohorts), by name. */
export const listOrganisationsOfKinds = (db: Db, kinds: readonly OrganisationKind[]) =>
  db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(inArray(organisations.kind, [...kinds]))
    .orderBy(asc(organisations.name));

/* ---- People ---- */

const personColumns = {
  userId: users.id,
  name: users.name,
  status: users.status,
  organisationId: users.organisationId,
  organisationName: organisations.name,
  organisationKind: organisations.kind,
  cityId: organisations.cityId,
  cityName: cities.name,
  /** The country of the person's city or agency. */
  countryCode: sql<string | null>`coalesce(${cities.countryCode}, ${organisations.countryCode})`,
};

export async function findPerson(db: Db, userId: string) {
  const [row] = await db
    .select(personColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(cities, eq(cities.id, organisations.cityId))
    .where(eq(users.id, userId));
  return row;
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

/**
 * Active officials a nominator could put forward: a city's staff, or (by country) its cities' staff and
 * its national agencies' staff; without those already nominated, approved or waiting in the cohort.
 */
export async function listNomineeCandidates(db: Db, cohortId: string, scope: { cityId: string } | { countryCode: string }) {
  const where =
    'cityId' in scope
      ? and(eq(organisations.kind, 'city_government'), eq(organisations.cityId, scope.cityId))
      : or(
          and(eq(organisations.kind, 'city_government'), eq(cities.countryCode, scope.countryCode)),
          and(eq(organisations.kind, 'national_agency'), eq(organisations.countryCode, scope.countryCode)),
        );
  return db
    .select(personColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(cities, eq(cities.id, organisations.cityId))
    .where(
      and(
        eq(users.status, 'active'),
        where,
        sql`not exists (select 1 from ${enrolments} e where e.cohort_id = ${cohortId} and e.user_id = ${users.id} and e.status in ('nominated', 'approved', 'waitlisted'))`,
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
}

/* ---- Enrolments ---- */

const enrolmentColumns = {
  id: enrolments.id,
  cohortId: enrolments.cohortId,
  userId: enrolments.userId,
  traineeName: users.name,
  organisationName: organisations.name,
  organisationKind: organisations.kind,
  cityId: organisations.cityId,
  cityName: cities.name,
  countryCode: sql<string | null>`coalesce(${cities.countryCode}, ${organisations.countryCode})`,
  nominatedBy: enrolments.nominatedBy,
  nominatedByName: sql<string | null>`(select n.name from ${users} n where n.id = ${enrolments.nominatedBy})`,
  nominationNote: enrolments.nominationNote,
  gender: enrolments.gender,
  status: enrolments.status,
  waitlistedAt: enrolments.waitlistedAt,
  waitlistPosition: sql<number | null>`case when ${enrolments.status} = 'waitlisted' then (select count(*) from ${enrolments} w where w.cohort_id = ${enrolments.cohortId} and w.status = 'waitlisted' and (w.waitlisted_at, w.id) <= (${enrolments.waitlistedAt}, ${enrolments.id}))::int end`,
  decidedBy: enrolments.decidedBy,
  decidedAt: enrolments.decidedAt,
  decisionReason: enrolments.decisionReason,
  completedAt: enrolments.completedAt,
  createdAt: enrolments.createdAt,
  updatedAt: enrolments.updatedAt,
  sessionsAttended: sql<number>`(select count(*) from ${attendanceRecords} a where a.enrolment_id = ${enrolments.id} and a.present)::int`,
  quizPassed: sql<boolean>`exists (select 1 from ${quizAttempts} q where q.enrolment_id = ${enrolments.id} and q.passed)`,
};

function selectEnrolments(db: Db) {
  return db
    .select(enrolmentColumns)
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(cities, eq(cities.id, organisations.cityId));
}

export async function findEnrolment(db: Db, id: string) {
  const [row] = await selectEnrolments(db).where(eq(enrolments.id, id));
  return row;
}
export type EnrolmentRow = NonNullable<Awaited<ReturnType<typeof findEnrolment>>>;

export async function findEnrolmentOf(db: Db, cohortId: string, userId: string) {
  const [row] = await selectEnrolments(db).where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.userId, userId)));
  return row;
}

export const listEnrolmentsOfCohort = (db: Db, cohortId: string) =>
  selectEnrolments(db)
    .where(eq(enrolments.cohortId, cohortId))
    .orderBy(asc(enrolments.createdAt), asc(enrolments.id));

export const listEnrolmentsOfUser = (db: Db, userId: string) =>
  selectEnrolments(db)
    .where(eq(enrolments.userId, userId))
    .orderBy(asc(enrolments.createdAt), asc(enrolments.id));

export async function insertEnrolment(db: Db, enrolment: typeof enrolments.$inferInsert) {
  const [row] = await db.insert(enrolments).values(enrolment).returning({ id: enrolments.id });
  return row!.id;
}

export async function updateEnrolment(db: Db, id: string, patch: Partial<typeof enrolments.$inferInsert>) {
  await db
    .update(enrolments)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(enrolments.id, id));
}

/** Re-reads an enrolment's status under the cohort lock (the row read before the lock may be stale). */
export async function enrolmentStatusOf(tx: Db, id: string): Promise<EnrolmentStatus | undefined> {
  const [row] = await tx.select({ status: enrolments.status }).from(enrolments).where(eq(enrolments.id, id));
  return row?.status;
}

/** Every enrolment of the cohort that holds a seat. */
export const listApprovedIds = async (db: Db, cohortId: string) =>
  (
    await db
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.status, 'approved')))
  ).map((r) => r.id);

export const listLiveEnrolmentUserIds = async (db: Db, cohortId: string) =>
  (
    await db
      .select({ userId: enrolments.userId })
      .from(enrolments)
      .where(and(eq(enrolments.cohortId, cohortId), inArray(enrolments.status, activeEnrolmentStatuses)))
  ).map((r) => r.userId);

/* ---- Attendance ---- */

export const listAttendance = (db: Db, cohortId: string) =>
  db
    .select({ sessionId: attendanceRecords.sessionId, enrolmentId: attendanceRecords.enrolmentId, present: attendanceRecords.present })
    .from(attendanceRecords)
    .innerJoin(cohortSessions, eq(cohortSessions.id, attendanceRecords.sessionId))
    .where(eq(cohortSessions.cohortId, cohortId));

export const listAttendanceOfEnrolment = (db: Db, enrolmentId: string) =>
  db.select({ sessionId: attendanceRecords.sessionId, present: attendanceRecords.present }).from(attendanceRecords).where(eq(attendanceRecords.enrolmentId, enrolmentId));

export async function upsertAttendance(db: Db, records: { sessionId: string; enrolmentId: string; present: boolean }[], recordedBy: string) {
  const recordedAt = new Date();
  await db
    .insert(attendanceRecords)
    .values(records.map((r) => ({ ...r, recordedBy, recordedAt })))
    .onConflictDoUpdate({
      target: [attendanceRecords.sessionId, attendanceRecords.enrolmentId],
      set: { present: sql`excluded.present`, recordedBy: sql`excluded.recorded_by`, recordedAt: sql`excluded.recorded_at` },
    });
}

/* ---- Quiz attempts ---- */

const attemptColumns = {
  id: quizAttempts.id,
  enrolmentId: quizAttempts.enrolmentId,
  attemptNumber: quizAttempts.attemptNumber,
  startedAt: quizAttempts.startedAt,
  submittedAt: quizAttempts.submittedAt,
  answers: quizAttempts.answers,
  scorePercent: quizAttempts.scorePercent,
  passed: quizAttempts.passed,
};

export const listAttempts = (db: Db, enrolmentId: string) =>
  db.select(attemptColumns).from(quizAttempts).where(eq(quizAttempts.enrolmentId, enrolmentId)).orderBy(asc(quizAttempts.attemptNumber));
export type AttemptRow = Awaited<ReturnType<typeof listAttempts>>[number];

export async function findAttempt(db: Db, id: string, options: { lock?: boolean } = {}) {
  const query = db.select(attemptColumns).from(quizAttempts).where(eq(quizAttempts.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** Locks the enrolment's row: starting attempts one at a time keeps their numbering and the limit exact. */
export async function lockEnrolment(tx: Db, id: string) {
  const [row] = await tx.select({ id: enrolments.id, status: enrolments.status }).from(enrolments).where(eq(enrolments.id, id)).for('update');
  return row;
}

export async function insertAttempt(db: Db, attempt: typeof quizAttempts.$inferInsert) {
  const [row] = await db.insert(quizAttempts).values(attempt).returning(attemptColumns);
  return row!;
}

export async function updateAttempt(db: Db, id: string, patch: Partial<typeof quizAttempts.$inferInsert>) {
  const [row] = await db.update(quizAttempts).set(patch).where(eq(quizAttempts.id, id)).returning(attemptColumns);
  return row!;
}

/* ---- Feedback ---- */

export async function findFeedback(db: Db, enrolmentId: string) {
  const [row] = await db.select().from(feedbackResponses).where(eq(feedbackResponses.enrolmentId, enrolmentId));
  return row;
}

export async function insertFeedback(db: Db, feedback: typeof feedbackResponses.$inferInsert) {
  const [row] = await db.insert(feedbackResponses).values(feedback).returning();
  return row!;
}

export const listFeedbackOfCohort = (db: Db, cohortId: string) =>
  db
    .select({ overall: feedbackResponses.overall, relevance: feedbackResponses.relevance, delivery: feedbackResponses.delivery, comments: feedbackResponses.comments })
    .from(feedbackResponses)
    .innerJoin(enrolments, eq(enrolments.id, feedbackResponses.enrolmentId))
    .where(eq(enrolments.cohortId, cohortId));

/* ---- Reports ---- */

/**
 * One row per enrolment in the scope (every cohort, or those an organisation delivers or whose
 * course it owns), with what the report groups by and counts.
 */
export async function listReportRows(db: Db, filter: { organisationId?: string; courseId?: string }) {
  const conditions: SQL[] = [];
  if (filter.organisationId) conditions.push(or(eq(cohorts.deliveringOrganisationId, filter.organisationId), eq(courses.organisationId, filter.organisationId))!);
  if (filter.courseId) conditions.push(eq(courses.id, filter.courseId));
  return db
    .select({
      enrolmentId: enrolments.id,
      userId: enrolments.userId,
      status: enrolments.status,
      gender: enrolments.gender,
      completed: sql<boolean>`${enrolments.completedAt} is not null`,
      courseId: courses.id,
      courseTitle: courses.title,
      organisationId: organisations.id,
      organisationName: organisations.name,
      cityId: cities.id,
      cityName: cities.name,
      countryCode: sql<string | null>`coalesce(${cities.countryCode}, ${organisations.countryCode})`,
      countryName: sql<string | null>`(select k.name from ${countries} k where k.code = coalesce(${cities.countryCode}, ${organisations.countryCode}))`,
      quizTaken: sql<boolean>`exists (select 1 from ${quizAttempts} q where q.enrolment_id = ${enrolments.id} and q.submitted_at is not null)`,
      quizPassed: sql<boolean>`exists (select 1 from ${quizAttempts} q where q.enrolment_id = ${enrolments.id} and q.passed)`,
    })
    .from(enrolments)
    .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
    .innerJoin(courses, eq(courses.id, cohorts.courseId))
    .innerJoin(users, eq(users.id, enrolments.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(cities, eq(cities.id, organisations.cityId))
    .where(conditions.length ? and(...conditions) : undefined);
}
export type ReportRow = Awaited<ReturnType<typeof listReportRows>>[number];

export const cohortStatusesTakingNominations: CohortStatus[] = ['planned', 'open'];
