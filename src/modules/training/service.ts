import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { CohortStatus, CourseStatus } from '../../db/schema/training.js';
import {
  canCreateCourses,
  canManageCourse,
  isCohortTrainer,
  requireSignedIn,
  trainingProviderKinds,
  type Viewer,
} from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, invalidInput, notFound, type FieldProblem } from '../../server/errors.js';
import { inTransaction } from '../../server/transaction.js';
import { findOrganisation } from '../accounts/queries.js';
import { csfCategory, unknownCategoryIds } from '../assessments/framework.js';
import { writeAudit } from '../audit/queries.js';
import { notify } from '../notifications/service.js';
import {
  countCourseAttempts,
  countSessionAttendance,
  deleteSession as deleteSessionRow,
  deliversCohortOf,
  findCohort,
  findCourse,
  findEnrolmentOf,
  findSession,
  insertCohort,
  insertCourse,
  insertSession,
  listCohortsDeliveredBy,
  listCohortsOfCourse,
  listCohortsTakingNominations,
  listCourses as listCourseRows,
  listLiveEnrolmentUserIds,
  listMemberIds,
  listModules,
  listOrganisationsOfKinds,
  listQuizQuestions,
  listSessions,
  lockCohort,
  replaceModules,
  replaceQuizQuestions,
  updateCohort as updateCohortRow,
  updateCourse as updateCourseRow,
  updateSession as updateSessionRow,
  type CohortRow,
  type CourseRow,
  type SessionRow,
} from './queries.js';
import type {
  courseStatusBodySchema,
  createCohortBodySchema,
  createCourseBodySchema,
  listCohortsQuerySchema,
  listCoursesQuerySchema,
  quizBodySchema,
  sessionBodySchema,
  updateCohortBodySchema,
  updateCourseBodySchema,
  updateSessionBodySchema,
} from './schemas.js';
import { fillFreeSeats } from './seats.js';
import { isTimeZone, todayIn, toZonedLocal, zonedLocalToUtc } from '../../server/zoned-time.js';

/* ---- Presenting ---- */

export function presentCourseSummary(row: CourseRow) {
  return {
    id: row.id,
    title: row.title,
    topic: row.topic,
    summary: row.summary,
    status: row.status,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    csfCategories: row.csfCategoryIds.map((id) => {
      const category = csfCategory(id);
      return { id, name: category?.name ?? id, functionId: category?.functionId ?? id.split('.')[0] ?? '' };
    }),
    totalHours: row.totalHours,
    upcomingCohorts: row.upcomingCohorts,
    nextCohortStartsOn: row.nextCohortStartsOn,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Whether the cohort takes nominations today (in its own time zone). */
export function nominationsOpen(cohort: CohortRow, now = new Date()): boolean {
  if (cohort.courseStatus !== 'published' || !['planned', 'open'].includes(cohort.status)) return false;
  return cohort.nominationsCloseOn === null || todayIn(cohort.timeZone, now) <= cohort.nominationsCloseOn;
}

export function presentCohort(row: CohortRow) {
  return {
    id: row.id,
    courseId: row.courseId,
    courseTitle: row.courseTitle,
    title: row.title,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    timeZone: row.timeZone,
    mode: row.mode,
    location: row.location,
    deliveringOrganisationId: row.deliveringOrganisationId,
    deliveringOrganisationName: row.deliveringOrganisationName,
    capacity: row.capacity,
    eligibility: row.eligibility,
    nominationsCloseOn: row.nominationsCloseOn,
    minAttendancePercent: row.minAttendancePercent,
    status: row.status,
    approvedCount: row.approvedCount,
    waitlistedCount: row.waitlistedCount,
    nominatedCount: row.nominatedCount,
    seatsLeft: Math.max(0, row.capacity - row.approvedCount),
    nominationsOpen: nominationsOpen(row),
  };
}

export function presentSession(row: SessionRow, timeZone: string) {
  return {
    id: row.id,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    localStartsAt: toZonedLocal(row.startsAt, timeZone),
    localEndsAt: toZonedLocal(row.endsAt, timeZone),
    location: row.location,
  };
}

const utcFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
/** A moment in messages: "10 Mar 2025, 09:12 UTC". */
export const inWords = (at: Date) => `${utcFormat.format(at)} UTC`;
export const statusInWords = (status: string) => status.replaceAll('_', ' ');

/* ---- Who sees what ---- */

/**
 * A draft course is seen by those who manage it and by the trainers of its cohorts; published and
 * archived courses by anyone signed in. Others are told it does not exist.
 */
async function canSeeCourse(db: Db, viewer: Viewer, course: { id: string; status: CourseStatus; organisationId: string }) {
  if (!viewer) return false;
  if (course.status !== 'draft' || canManageCourse(viewer, course)) return true;
  return deliversCohortOf(db, course.id, viewer.organisationId);
}

async function loadVisibleCourse(db: Db, viewer: Viewer, courseId: string) {
  const course = await findCourse(db, courseId);
  if (!course || !(await canSeeCourse(db, viewer, course))) throw notFound('The course');
  return course;
}

async function loadManagedCourse(db: Db, viewer: Viewer, courseId: string) {
  const course = await loadVisibleCourse(db, viewer, courseId);
  const actor = requireSignedIn(viewer);
  if (!canManageCourse(actor, course)) throw forbidden(`Only ${course.organisationName}, which runs this course, and the secretariat can change it.`);
  return { course, actor };
}

/** A cohort is seen by whoever sees its course, and always by its trainers. */
export async function loadVisibleCohort(db: Db, viewer: Viewer, cohortId: string) {
  const cohort = await findCohort(db, cohortId);
  if (!cohort) throw notFound('The cohort');
  if (isCohortTrainer(viewer, cohort)) return cohort;
  if (!(await canSeeCourse(db, viewer, { id: cohort.courseId, status: cohort.courseStatus, organisationId: cohort.courseOrganisationId }))) throw notFound('The cohort');
  return cohort;
}

/** The course's managers and the cohort's trainers change the cohort and its sessions. */
export const canEditCohort = (viewer: Viewer, cohort: CohortRow) => canManageCourse(viewer, { organisationId: cohort.courseOrganisationId }) || isCohortTrainer(viewer, cohort);

async function loadEditableCohort(db: Db, viewer: Viewer, cohortId: string) {
  const cohort = await loadVisibleCohort(db, viewer, cohortId);
  const actor = requireSignedIn(viewer);
  if (!canEditCohort(actor, cohort)) throw forbidden(`Only the trainers of ${cohort.deliveringOrganisationName} and the course's organisation can change this cohort.`);
  return { cohort, actor };
}

/* ---- Courses ---- */

export async function listCourses(db: Db, viewer: Viewer, query: z.infer<typeof listCoursesQuerySchema>) {
  const actor = requireSignedIn(viewer);
  if (query.managed && !canCreateCourses(actor)) return { items: [] };
  const filter = { topic: query.topic, csfCategory: query.csfCategory };
  const rows = query.managed
    ? await listCourseRows(db, { ...filter, publishedOnly: false, organisationId: actor.organisationKind === 'secretariat' ? undefined : actor.organisationId })
    : await listCourseRows(db, { ...filter, publishedOnly: true });
  return { items: rows.map(presentCourseSummary) };
}

export async function getCourse(db: Db, viewer: Viewer, courseId: string) {
  const course = await loadVisibleCourse(db, viewer, courseId);
  const canManage = canManageCourse(viewer, course);
  const [modules, questions, cohortRows, attempts] = await Promise.all([listModules(db, courseId), listQuizQuestions(db, courseId), listCohortsOfCourse(db, courseId), countCourseAttempts(db, courseId)]);
  return {
    ...presentCourseSummary(course),
    learningOutcomes: course.learningOutcomes,
    passMarkPercent: course.passMarkPercent,
    modules,
    cohorts: cohortRows.map(presentCohort),
    quizQuestionCount: questions.length,
    quiz: canManage ? questions : null,
    quizEditable: attempts === 0,
    createdAt: course.createdAt.toISOString(),
    canManage,
  };
}

function checkCategories(ids: string[] | undefined) {
  if (!ids) return;
  const unknown = unknownCategoryIds(ids);
  if (unknown.length) {
    throw invalidInput('The course', [{ field: 'body.csfCategoryIds', message: `"${unknown.join('", "')}" ${unknown.length === 1 ? 'is not a CSF 2.0 category' : 'are not CSF 2.0 categories'} (such as GV.RM or PR.AA)` }]);
  }
}

async function courseSnapshot(db: Db, courseId: string) {
  const course = await findCourse(db, courseId);
  return course ? { ...course, modules: await listModules(db, courseId) } : null;
}

export async function createCourse(ctx: AppContext, viewer: Viewer, body: z.infer<typeof createCourseBodySchema>) {
  const actor = requireSignedIn(viewer);
  if (!canCreateCourses(actor)) throw forbidden('Courses are written by training providers: the secretariat, cyber centres, universities, U.S. agencies and NGOs.');
  const csfCategoryIds = [...new Set(body.csfCategoryIds)];
  checkCategories(csfCategoryIds);
  const { modules, ...fields } = body;
  const id = await inTransaction(ctx, async (tx) => {
    const courseId = await insertCourse(tx, { ...fields, csfCategoryIds, organisationId: actor.organisationId, createdBy: actor.userId });
    await replaceModules(tx, courseId, modules);
    await writeAudit(tx, actor, { action: 'course.created', entityType: 'course', entityId: courseId, after: await courseSnapshot(tx, courseId) });
    return courseId;
  });
  return getCourse(ctx.db, viewer, id);
}

export async function updateCourse(ctx: AppContext, viewer: Viewer, courseId: string, body: z.infer<typeof updateCourseBodySchema>) {
  const { actor } = await loadManagedCourse(ctx.db, viewer, courseId);
  const { modules, csfCategoryIds, ...fields } = body;
  checkCategories(csfCategoryIds);
  await inTransaction(ctx, async (tx) => {
    const before = await courseSnapshot(tx, courseId);
    await updateCourseRow(tx, courseId, { ...fields, ...(csfCategoryIds ? { csfCategoryIds: [...new Set(csfCategoryIds)] } : {}) });
    if (modules) await replaceModules(tx, courseId, modules);
    await writeAudit(tx, actor, { action: 'course.updated', entityType: 'course', entityId: courseId, before, after: await courseSnapshot(tx, courseId) });
  });
  return getCourse(ctx.db, viewer, courseId);
}

/** Draft → published → archived; an archived course may be published again. */
const courseTransitions: Record<CourseStatus, CourseStatus[]> = { draft: ['published'], published: ['archived'], archived: ['published'] };

export async function setCourseStatus(ctx: AppContext, viewer: Viewer, courseId: string, body: z.infer<typeof courseStatusBodySchema>) {
  const { course, actor } = await loadManagedCourse(ctx.db, viewer, courseId);
  if (!courseTransitions[course.status].includes(body.status)) {
    throw new AppError('conflict', `The course is ${course.status}: it cannot become ${body.status}.`);
  }
  if (body.status === 'published' && (await listModules(ctx.db, courseId)).length === 0) {
    throw new AppError('conflict', 'Add at least one module before publishing the course, so that trainees know what it covers.');
  }
  await inTransaction(ctx, async (tx) => {
    await updateCourseRow(tx, courseId, { status: body.status });
    await writeAudit(tx, actor, { action: `course.${body.status}`, entityType: 'course', entityId: courseId, before: { status: course.status }, after: { status: body.status } });
  });
  return getCourse(ctx.db, viewer, courseId);
}

export async function saveQuiz(ctx: AppContext, viewer: Viewer, courseId: string, body: z.infer<typeof quizBodySchema>) {
  const { actor } = await loadManagedCourse(ctx.db, viewer, courseId);
  const problems: FieldProblem[] = [];
  body.questions.forEach((question, index) => {
    if (question.correctOption >= question.options.length) {
      problems.push({ field: `body.questions.${index}.correctOption`, message: `question ${index + 1} has ${question.options.length} options: mark one of them as correct` });
    }
    const seen = new Set(question.options.map((o) => o.toLowerCase()));
    if (seen.size !== question.options.length) problems.push({ field: `body.questions.${index}.options`, message: `question ${index + 1} repeats an option: each must differ, so that exactly one is correct` });
  });
  if (problems.length) throw invalidInput('The quiz', problems);
  const started = await countCourseAttempts(ctx.db, courseId);
  if (started > 0) {
    throw new AppError('conflict', `Trainees have already started the quiz (${started} attempt${started === 1 ? '' : 's'}): it can no longer change, so that every attempt is scored against the questions it showed.`);
  }
  await inTransaction(ctx, async (tx) => {
    const before = await listQuizQuestions(tx, courseId);
    await replaceQuizQuestions(tx, courseId, body.questions);
    await updateCourseRow(tx, courseId, {});
    await writeAudit(tx, actor, { action: 'course.quiz_saved', entityType: 'course', entityId: courseId, before, after: await listQuizQuestions(tx, courseId) });
  });
  return getCourse(ctx.db, viewer, courseId);
}

/* ---- Cohorts ---- */

/** The organisations that may deliver a cohort. */
export async function listProviders(db: Db, viewer: Viewer) {
  requireSignedIn(viewer);
  return { items: await listOrganisationsOfKinds(db, trainingProviderKinds) };
}

export async function listCohorts(db: Db, viewer: Viewer, query: z.infer<typeof listCohortsQuerySchema>) {
  const actor = requireSignedIn(viewer);
  const rows = query.scope === 'delivering' ? await listCohortsDeliveredBy(db, actor.organisationId) : (await listCohortsTakingNominations(db)).filter((row) => nominationsOpen(row));
  return { items: rows.map(presentCohort) };
}

export async function getCohort(db: Db, viewer: Viewer, cohortId: string) {
  const cohort = await loadVisibleCohort(db, viewer, cohortId);
  const actor = requireSignedIn(viewer);
  const [sessions, mine] = await Promise.all([listSessions(db, cohortId), findEnrolmentOf(db, cohortId, actor.userId)]);
  return {
    ...presentCohort(cohort),
    courseStatus: cohort.courseStatus,
    courseTopic: cohort.courseTopic,
    sessions: sessions.map((s) => presentSession(s, cohort.timeZone)),
    isTrainer: isCohortTrainer(actor, cohort),
    canEdit: canEditCohort(actor, cohort),
    canManageCourse: canManageCourse(actor, { organisationId: cohort.courseOrganisationId }),
    canNominate: ['city_government', 'national_agency'].includes(actor.organisationKind) && nominationsOpen(cohort),
    myEnrolment: mine ? { id: mine.id, status: mine.status } : null,
  };
}

type CohortFields = {
  startsOn: string;
  endsOn: string;
  timeZone: string;
  nominationsCloseOn: string | null;
  deliveringOrganisationId: string;
};

/** The rules Zod cannot see: a real zone, dates in order, a delivering partner that trains, sessions inside the dates. */
async function checkCohortFields(db: Db, fields: CohortFields, sessions: SessionRow[]) {
  const problems: FieldProblem[] = [];
  if (!isTimeZone(fields.timeZone)) problems.push({ field: 'body.timeZone', message: `"${fields.timeZone}" is not an IANA time zone (such as Asia/Jakarta or Asia/Singapore)` });
  if (fields.endsOn < fields.startsOn) problems.push({ field: 'body.endsOn', message: 'must not be before the start date' });
  if (fields.nominationsCloseOn && fields.nominationsCloseOn > fields.endsOn) problems.push({ field: 'body.nominationsCloseOn', message: 'must not be after the last day of the cohort' });
  const partner = await findOrganisation(db, fields.deliveringOrganisationId);
  if (!partner || !trainingProviderKinds.includes(partner.kind)) {
    problems.push({ field: 'body.deliveringOrganisationId', message: 'must be a training provider: the secretariat, a cyber centre, a university, a U.S. agency or an NGO' });
  }
  if (!problems.length) {
    const outside = sessions.filter((s) => {
      const day = toZonedLocal(s.startsAt, fields.timeZone).slice(0, 10);
      return day < fields.startsOn || day > fields.endsOn;
    });
    if (outside.length) {
      problems.push({ field: 'body.startsOn', message: `the session${outside.length === 1 ? '' : 's'} ${outside.map((s) => `"${s.title}"`).join(', ')} would fall outside the cohort's dates: move ${outside.length === 1 ? 'it' : 'them'} first` });
    }
  }
  if (problems.length) throw invalidInput('The cohort', problems);
}

async function cohortSnapshot(db: Db, cohortId: string) {
  const row = await findCohort(db, cohortId);
  if (!row) return null;
  const { approvedCount: _a, waitlistedCount: _w, nominatedCount: _n, ...stored } = row;
  return stored;
}

export async function createCohort(ctx: AppContext, viewer: Viewer, courseId: string, body: z.infer<typeof createCohortBodySchema>) {
  const { course, actor } = await loadManagedCourse(ctx.db, viewer, courseId);
  if (course.status === 'archived') throw new AppError('conflict', 'The course is archived: publish it again before adding a cohort.');
  await checkCohortFields(ctx.db, body, []);
  const id = await inTransaction(ctx, async (tx, after) => {
    const cohortId = await insertCohort(tx, { ...body, courseId, createdBy: actor.userId });
    const created = (await findCohort(tx, cohortId))!;
    await writeAudit(tx, actor, { action: 'cohort.created', entityType: 'cohort', entityId: cohortId, after: await cohortSnapshot(tx, cohortId) });
    if (created.deliveringOrganisationId !== actor.organisationId) {
      await notify(ctx, tx, after, await listMemberIds(tx, created.deliveringOrganisationId), {
        kind: 'training.cohort_assigned',
        title: `You deliver a cohort of ${course.title}`,
        body: `${actor.name} (${course.organisationName}) named ${created.deliveringOrganisationName} as the delivering partner of "${created.title}" (${created.startsOn} to ${created.endsOn}). Its members are the cohort's trainers.`,
        link: `/app/training/cohorts/${cohortId}`,
      });
    }
    return cohortId;
  });
  return getCohort(ctx.db, viewer, id);
}

/** How a cohort moves on; completed may be reopened to correct attendance, cancelled is final. */
const cohortTransitions: Record<CohortStatus, CohortStatus[]> = {
  planned: ['open', 'in_progress', 'cancelled'],
  open: ['planned', 'in_progress', 'completed', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: ['in_progress'],
  cancelled: [],
};

export async function updateCohort(ctx: AppContext, viewer: Viewer, cohortId: string, body: z.infer<typeof updateCohortBodySchema>) {
  const { cohort: before, actor } = await loadEditableCohort(ctx.db, viewer, cohortId);
  if (before.status === 'cancelled') throw new AppError('conflict', 'The cohort is cancelled: it can no longer change.');
  if (body.deliveringOrganisationId !== undefined && body.deliveringOrganisationId !== before.deliveringOrganisationId && !canManageCourse(actor, { organisationId: before.courseOrganisationId })) {
    throw forbidden("Only the course's organisation and the secretariat choose who delivers a cohort.");
  }
  if (body.status !== undefined && body.status !== before.status && !cohortTransitions[before.status].includes(body.status)) {
    throw new AppError('conflict', `The cohort is ${statusInWords(before.status)}: it cannot become ${statusInWords(body.status)}.`);
  }
  const merged = {
    startsOn: body.startsOn ?? before.startsOn,
    endsOn: body.endsOn ?? before.endsOn,
    timeZone: body.timeZone ?? before.timeZone,
    nominationsCloseOn: body.nominationsCloseOn === undefined ? before.nominationsCloseOn : body.nominationsCloseOn,
    deliveringOrganisationId: body.deliveringOrganisationId ?? before.deliveringOrganisationId,
  };
  await checkCohortFields(ctx.db, merged, await listSessions(ctx.db, cohortId));
  await inTransaction(ctx, async (tx, after) => {
    await lockCohort(tx, cohortId);
    const snapshot = await cohortSnapshot(tx, cohortId);
    const current = (await findCohort(tx, cohortId))!;
    if (body.capacity !== undefined && body.capacity < current.approvedCount) {
      throw new AppError('conflict', `${current.approvedCount} trainees already hold seats: the capacity cannot be less than that. Withdraw enrolments first to reduce it.`, [
        { field: 'body.capacity', message: `must be at least ${current.approvedCount}` },
      ]);
    }
    await updateCohortRow(tx, cohortId, body);
    await writeAudit(tx, actor, { action: 'cohort.updated', entityType: 'cohort', entityId: cohortId, before: snapshot, after: await cohortSnapshot(tx, cohortId) });
    if (body.capacity !== undefined && body.capacity > current.capacity) await fillFreeSeats(ctx, tx, after, actor, cohortId);
    if (body.status === 'cancelled') {
      await notify(ctx, tx, after, (await listLiveEnrolmentUserIds(tx, cohortId)).filter((id) => id !== actor.userId), {
        kind: 'training.cohort_cancelled',
        title: `Cancelled: ${current.courseTitle} (${current.title})`,
        body: `${actor.name} cancelled the cohort "${current.title}" of ${current.courseTitle} that you were enrolled in or nominated for.`,
        link: `/app/training/cohorts/${cohortId}`,
      });
    }
  });
  return getCohort(ctx.db, viewer, cohortId);
}

/* ---- Sessions ---- */

type SessionTimes = { startsAt: string; endsAt: string };

function sessionInstants(cohort: CohortRow, times: SessionTimes) {
  const problems: FieldProblem[] = [];
  const startsAt = zonedLocalToUtc(times.startsAt, cohort.timeZone);
  const endsAt = zonedLocalToUtc(times.endsAt, cohort.timeZone);
  if (!startsAt) problems.push({ field: 'body.startsAt', message: `${times.startsAt} is not a time that exists in ${cohort.timeZone}` });
  if (!endsAt) problems.push({ field: 'body.endsAt', message: `${times.endsAt} is not a time that exists in ${cohort.timeZone}` });
  if (startsAt && endsAt && endsAt <= startsAt) problems.push({ field: 'body.endsAt', message: 'must be after the start' });
  const day = times.startsAt.slice(0, 10);
  if (startsAt && (day < cohort.startsOn || day > cohort.endsOn)) {
    problems.push({ field: 'body.startsAt', message: `must fall within the cohort's dates (${cohort.startsOn} to ${cohort.endsOn}, ${cohort.timeZone})` });
  }
  if (problems.length) throw invalidInput('The session', problems);
  return { startsAt: startsAt!, endsAt: endsAt! };
}

export async function addSession(ctx: AppContext, viewer: Viewer, cohortId: string, body: z.infer<typeof sessionBodySchema>) {
  const { cohort, actor } = await loadEditableCohort(ctx.db, viewer, cohortId);
  if (cohort.status === 'cancelled') throw new AppError('conflict', 'The cohort is cancelled: it has no more sessions.');
  const instants = sessionInstants(cohort, body);
  await inTransaction(ctx, async (tx) => {
    const row = await insertSession(tx, { cohortId, title: body.title, location: body.location, ...instants });
    await updateCohortRow(tx, cohortId, {});
    await writeAudit(tx, actor, { action: 'cohort.session_added', entityType: 'cohort', entityId: cohortId, after: row });
  });
  return getCohort(ctx.db, viewer, cohortId);
}

export async function updateSession(ctx: AppContext, viewer: Viewer, cohortId: string, sessionId: string, body: z.infer<typeof updateSessionBodySchema>) {
  const { cohort, actor } = await loadEditableCohort(ctx.db, viewer, cohortId);
  const before = await findSession(ctx.db, cohortId, sessionId);
  if (!before) throw notFound('The session');
  if (cohort.status === 'cancelled') throw new AppError('conflict', 'The cohort is cancelled: its sessions can no longer change.');
  const { startsAt, endsAt, ...fields } = body;
  const instants =
    startsAt !== undefined || endsAt !== undefined
      ? sessionInstants(cohort, { startsAt: startsAt ?? toZonedLocal(before.startsAt, cohort.timeZone), endsAt: endsAt ?? toZonedLocal(before.endsAt, cohort.timeZone) })
      : {};
  await inTransaction(ctx, async (tx) => {
    const row = await updateSessionRow(tx, sessionId, { ...fields, ...instants });
    await updateCohortRow(tx, cohortId, {});
    await writeAudit(tx, actor, { action: 'cohort.session_updated', entityType: 'cohort', entityId: cohortId, before, after: row });
  });
  return getCohort(ctx.db, viewer, cohortId);
}

export async function deleteSession(ctx: AppContext, viewer: Viewer, cohortId: string, sessionId: string) {
  const { actor } = await loadEditableCohort(ctx.db, viewer, cohortId);
  const before = await findSession(ctx.db, cohortId, sessionId);
  if (!before) throw notFound('The session');
  const recorded = await countSessionAttendance(ctx.db, sessionId);
  if (recorded > 0) {
    throw new AppError('conflict', `Attendance is recorded for "${before.title}" (${recorded} trainee${recorded === 1 ? '' : 's'}): a session with attendance cannot be removed, since completion depends on it.`);
  }
  await inTransaction(ctx, async (tx) => {
    await deleteSessionRow(tx, sessionId);
    await updateCohortRow(tx, cohortId, {});
    await writeAudit(tx, actor, { action: 'cohort.session_removed', entityType: 'cohort', entityId: cohortId, before });
  });
  return getCohort(ctx.db, viewer, cohortId);
}

