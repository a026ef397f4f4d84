import type { AppContext } from '../../server/context.js';
import { csvFileSchema, sendCsv } from '../../server/csv.js';
import type { Api } from '../../server/http.js';
import { registerCertificateRoutes } from './certificate-routes.js';
import { decide, feedbackAggregate, getAttendance, getEnrolment, listCohortEnrolments, listMyEnrolments, listNominees, nominate, recordAttendance, submitFeedback, withdraw } from './enrolments.js';
import { getAttempt, startAttempt, submitAttempt } from './quiz-attempts.js';
import { trainingReport, trainingReportCsv } from './reports.js';
import {
  attemptIdParamsSchema,
  attendanceBodySchema,
  attendanceGridSchema,
  attendanceResultSchema,
  cohortDetailSchema,
  cohortIdParamsSchema,
  cohortListSchema,
  courseDetailSchema,
  courseIdParamsSchema,
  courseListSchema,
  courseStatusBodySchema,
  createCohortBodySchema,
  createCourseBodySchema,
  decisionBodySchema,
  decisionResultSchema,
  enrolmentDetailSchema,
  enrolmentIdParamsSchema,
  enrolmentListSchema,
  enrolmentSummarySchema,
  feedbackAggregateSchema,
  feedbackBodySchema,
  listCohortsQuerySchema,
  listCoursesQuerySchema,
  myEnrolmentListSchema,
  nominationBodySchema,
  nomineeListSchema,
  providerListSchema,
  quizAttemptSchema,
  quizBodySchema,
  quizResultSchema,
  quizSubmissionBodySchema,
  reportQuerySchema,
  sessionBodySchema,
  sessionParamsSchema,
  trainingReportSchema,
  updateCohortBodySchema,
  updateCourseBodySchema,
  updateSessionBodySchema,
  withdrawalBodySchema,
} from './schemas.js';
import {
  addSession,
  createCohort,
  createCourse,
  deleteSession,
  getCohort,
  getCourse,
  listCohorts,
  listCourses,
  listProviders,
  saveQuiz,
  setCourseStatus,
  updateCohort,
  updateCourse,
  updateSession,
} from './service.js';

const tags = ['training'];

export function registerTrainingRoutes(app: Api, ctx: AppContext): void {
  /* ---- Courses ---- */

  app.get('/api/v1/training/courses', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The course catalogue (published courses), or with managed=true the courses of the viewer’s organisation in every status', querystring: listCoursesQuerySchema, response: { 200: courseListSchema } },
    handler: (request) => listCourses(ctx.db, request.viewer, request.query),
  });

  app.post('/api/v1/training/courses', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Write a course (training providers); it starts as a draft', body: createCourseBodySchema, response: { 201: courseDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await createCourse(ctx, request.viewer, request.body)),
  });

  app.get('/api/v1/training/courses/:courseId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'A course: modules, CSF categories, cohorts; the quiz with its answers for those who manage it', params: courseIdParamsSchema, response: { 200: courseDetailSchema } },
    handler: (request) => getCourse(ctx.db, request.viewer, request.params.courseId),
  });

  app.patch('/api/v1/training/courses/:courseId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change a course (its organisation, the secretariat); modules, when given, replace the list', params: courseIdParamsSchema, body: updateCourseBodySchema, response: { 200: courseDetailSchema } },
    handler: (request) => updateCourse(ctx, request.viewer, request.params.courseId, request.body),
  });

  app.post('/api/v1/training/courses/:courseId/status', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Publish, archive or republish a course', params: courseIdParamsSchema, body: courseStatusBodySchema, response: { 200: courseDetailSchema } },
    handler: (request) => setCourseStatus(ctx, request.viewer, request.params.courseId, request.body),
  });

  app.put('/api/v1/training/courses/:courseId/quiz', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Replace the end-of-course quiz (until a trainee starts it)', params: courseIdParamsSchema, body: quizBodySchema, response: { 200: courseDetailSchema } },
    handler: (request) => saveQuiz(ctx, request.viewer, request.params.courseId, request.body),
  });

  /* ---- Cohorts and sessions ---- */

  app.get('/api/v1/training/cohorts', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Cohorts the viewer’s organisation delivers (scope=delivering) or that take nominations now (scope=open)', querystring: listCohortsQuerySchema, response: { 200: cohortListSchema } },
    handler: (request) => listCohorts(ctx.db, request.viewer, request.query),
  });

  app.get('/api/v1/training/providers', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The organisations that may deliver cohorts (training providers)', response: { 200: providerListSchema } },
    handler: (request) => listProviders(ctx.db, request.viewer),
  });

  app.post('/api/v1/training/courses/:courseId/cohorts', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Add a cohort to a course (its organisation, the secretariat)', params: courseIdParamsSchema, body: createCohortBodySchema, response: { 201: cohortDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await createCohort(ctx, request.viewer, request.params.courseId, request.body)),
  });

  app.get('/api/v1/training/cohorts/:cohortId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'A cohort with its sessions, seats and what the viewer may do', params: cohortIdParamsSchema, response: { 200: cohortDetailSchema } },
    handler: (request) => getCohort(ctx.db, request.viewer, request.params.cohortId),
  });

  app.patch('/api/v1/training/cohorts/:cohortId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change a cohort (the course’s organisation, its trainers); raising the capacity gives seats to the waiting list', params: cohortIdParamsSchema, body: updateCohortBodySchema, response: { 200: cohortDetailSchema } },
    handler: (request) => updateCohort(ctx, request.viewer, request.params.cohortId, request.body),
  });

  app.post('/api/v1/training/cohorts/:cohortId/sessions', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Add a session; times are local to the cohort’s time zone', params: cohortIdParamsSchema, body: sessionBodySchema, response: { 201: cohortDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await addSession(ctx, request.viewer, request.params.cohortId, request.body)),
  });

  app.patch('/api/v1/training/cohorts/:cohortId/sessions/:sessionId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change a session', params: sessionParamsSchema, body: updateSessionBodySchema, response: { 200: cohortDetailSchema } },
    handler: (request) => updateSession(ctx, request.viewer, request.params.cohortId, request.params.sessionId, request.body),
  });

  app.delete('/api/v1/training/cohorts/:cohortId/sessions/:sessionId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Remove a session without recorded attendance', params: sessionParamsSchema, response: { 200: cohortDetailSchema } },
    handler: (request) => deleteSession(ctx, request.viewer, request.params.cohortId, request.params.sessionId),
  });

  /* ---- Nominations and enrolments ---- */

  app.get('/api/v1/training/cohorts/:cohortId/nominees', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The officials the viewer may nominate for the cohort: eligible and not already nominated', params: cohortIdParamsSchema, response: { 200: nomineeListSchema } },
    handler: (request) => listNominees(ctx.db, request.viewer, request.params.cohortId),
  });

  app.post('/api/v1/training/cohorts/:cohortId/nominations', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Nominate an official (their city’s staff, their national representatives)', params: cohortIdParamsSchema, body: nominationBodySchema, response: { 201: enrolmentSummarySchema } },
    handler: async (request, reply) => reply.status(201).send(await nominate(ctx, request.viewer, request.params.cohortId, request.body)),
  });

  app.get('/api/v1/training/cohorts/:cohortId/enrolments', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The cohort’s enrolments: all for its trainers; for others those they may see', params: cohortIdParamsSchema, response: { 200: enrolmentListSchema } },
    handler: (request) => listCohortEnrolments(ctx.db, request.viewer, request.params.cohortId),
  });

  app.get('/api/v1/training/my-enrolments', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The viewer’s own enrolments (my training)', response: { 200: myEnrolmentListSchema } },
    handler: (request) => listMyEnrolments(ctx.db, request.viewer),
  });

  app.get('/api/v1/training/enrolments/:enrolmentId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'An enrolment: status, waiting-list position, sessions and attendance, quiz, feedback, certificate', params: enrolmentIdParamsSchema, response: { 200: enrolmentDetailSchema } },
    handler: (request) => getEnrolment(ctx.db, request.viewer, request.params.enrolmentId),
  });

  app.post('/api/v1/training/enrolments/:enrolmentId/decision', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'The trainers approve (on a full cohort: the waiting list instead), wait-list or decline an enrolment',
      params: enrolmentIdParamsSchema,
      body: decisionBodySchema,
      response: { 200: decisionResultSchema },
    },
    handler: (request) => decide(ctx, request.viewer, request.params.enrolmentId, request.body),
  });

  app.post('/api/v1/training/enrolments/:enrolmentId/withdrawal', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Withdraw an enrolment (the trainee, the nominating side, the trainers); a freed seat goes to the waiting list', params: enrolmentIdParamsSchema, body: withdrawalBodySchema, response: { 200: decisionResultSchema } },
    handler: (request) => withdraw(ctx, request.viewer, request.params.enrolmentId, request.body),
  });

  app.post('/api/v1/training/enrolments/:enrolmentId/feedback', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The trainee’s feedback on the course, once', params: enrolmentIdParamsSchema, body: feedbackBodySchema, response: { 201: enrolmentDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await submitFeedback(ctx, request.viewer, request.params.enrolmentId, request.body)),
  });

  /* ---- Attendance and feedback (trainers) ---- */

  app.get('/api/v1/training/cohorts/:cohortId/attendance', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The attendance grid: sessions × approved trainees (the trainers)', params: cohortIdParamsSchema, response: { 200: attendanceGridSchema } },
    handler: (request) => getAttendance(ctx.db, request.viewer, request.params.cohortId),
  });

  app.put('/api/v1/training/cohorts/:cohortId/attendance', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Record present or absent per session and trainee; trainees who meet the course’s requirements complete it', params: cohortIdParamsSchema, body: attendanceBodySchema, response: { 200: attendanceResultSchema } },
    handler: (request) => recordAttendance(ctx, request.viewer, request.params.cohortId, request.body),
  });

  app.get('/api/v1/training/cohorts/:cohortId/feedback', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The feedback survey’s results: averages from three responses, comments without names', params: cohortIdParamsSchema, response: { 200: feedbackAggregateSchema } },
    handler: (request) => feedbackAggregate(ctx.db, request.viewer, request.params.cohortId),
  });

  /* ---- Quiz ---- */

  app.post('/api/v1/training/enrolments/:enrolmentId/quiz-attempts', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Start a quiz attempt (the trainee): the questions without their answers; an attempt already open is returned instead (200)',
      params: enrolmentIdParamsSchema,
      response: { 200: quizAttemptSchema, 201: quizAttemptSchema },
    },
    handler: async (request, reply) => {
      const { created, attempt } = await startAttempt(ctx, request.viewer, request.params.enrolmentId);
      return reply.status(created ? 201 : 200).send(attempt);
    },
  });

  app.get('/api/v1/training/quiz-attempts/:attemptId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'A quiz attempt of the viewer’s own', params: attemptIdParamsSchema, response: { 200: quizAttemptSchema } },
    handler: (request) => getAttempt(ctx.db, request.viewer, request.params.attemptId),
  });

  app.post('/api/v1/training/quiz-attempts/:attemptId/submission', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Submit the attempt’s answers, once; it is scored against the pass mark', params: attemptIdParamsSchema, body: quizSubmissionBodySchema, response: { 200: quizResultSchema } },
    handler: (request) => submitAttempt(ctx, request.viewer, request.params.attemptId, request.body),
  });

  /* ---- Reports ---- */

  app.get('/api/v1/training/reports', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Trainees by city, country, organisation and course, with completion and pass rates (the secretariat, training providers)', querystring: reportQuerySchema, response: { 200: trainingReportSchema } },
    handler: (request) => trainingReport(ctx.db, request.viewer, request.query),
  });

  app.get('/api/v1/training/reports.csv', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The training report as CSV', querystring: reportQuerySchema, response: { 200: csvFileSchema } },
    handler: async (request, reply) => sendCsv(reply, `training-report-${new Date().toISOString().slice(0, 10)}.csv`, await trainingReportCsv(ctx.db, request.viewer, request.query)),
  });

  registerCertificateRoutes(app, ctx);
}
