/**
 * The end-of-course quiz as the trainee takes it: an attempt shows the questions without their
 * answers, is submitted exactly once and scored against the course's pass mark; up to three attempts
 * until one passes.
 */
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { scoreQuiz } from '../../engines/csf/quiz.js';
import { canViewEnrolment, requireSignedIn, type Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, invalidInput, notFound } from '../../server/errors.js';
import { inTransaction } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { completeIfEligible } from './certificates.js';
import { maxQuizAttempts } from './enrolments.js';
import { findAttempt, findCohort, findEnrolment, insertAttempt, listAttempts, listQuizQuestions, lockEnrolment, updateAttempt, type AttemptRow } from './queries.js';
import type { quizSubmissionBodySchema } from './schemas.js';
import { inWords, statusInWords } from './service.js';

function presentAttempt(attempt: AttemptRow, context: { courseTitle: string; passMarkPercent: number; questions: { id: string; position: number; prompt: string; options: string[]; correctOption: number }[] }) {
  const submitted = attempt.submittedAt !== null;
  const correctCount = submitted && attempt.answers ? context.questions.filter((q) => attempt.answers![q.id] === q.correctOption).length : null;
  return {
    id: attempt.id,
    enrolmentId: attempt.enrolmentId,
    attemptNumber: attempt.attemptNumber,
    startedAt: attempt.startedAt.toISOString(),
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    scorePercent: attempt.scorePercent,
    passed: attempt.passed,
    courseTitle: context.courseTitle,
    passMarkPercent: context.passMarkPercent,
    questions: context.questions.map(({ id, position, prompt, options }) => ({ id, position, prompt, options })),
    answers: submitted ? attempt.answers : null,
    correctCount,
  };
}

/** The trainee's own enrolment; anyone else is told it does not exist (attempts are the trainee's alone). */
async function loadOwnEnrolment(db: Db, viewer: Viewer, enrolmentId: string) {
  const actor = requireSignedIn(viewer);
  const enrolment = await findEnrolment(db, enrolmentId);
  if (!enrolment) throw notFound('The enrolment');
  const cohort = (await findCohort(db, enrolment.cohortId))!;
  if (enrolment.userId !== actor.userId) return { actor, enrolment, cohort, own: false };
  return { actor, enrolment, cohort, own: true };
}

const scoreInWords = (attempt: AttemptRow) => `${attempt.scorePercent}% (${attempt.passed ? 'passed' : 'not passed'})`;

export async function startAttempt(ctx: AppContext, viewer: Viewer, enrolmentId: string) {
  const { actor, enrolment, cohort, own } = await loadOwnEnrolment(ctx.db, viewer, enrolmentId);
  if (!own) {
    // Those who may see the enrolment learn why; others that it does not exist.
    if (!canViewEnrolment(viewer, enrolment, cohort)) throw notFound('The enrolment');
    throw forbidden(`The quiz is taken by the trainee, ${enrolment.traineeName}, only.`);
  }
  if (enrolment.status !== 'approved') throw new AppError('conflict', `The quiz is for approved trainees; this enrolment is ${statusInWords(enrolment.status)}.`);
  if (cohort.status === 'cancelled') throw new AppError('conflict', 'The cohort is cancelled.');
  const questions = await listQuizQuestions(ctx.db, cohort.courseId);
  if (questions.length === 0) throw new AppError('conflict', 'This course has no quiz: completion depends on attendance only.');
  const { attempt, created } = await inTransaction(ctx, async (tx) => {
    await lockEnrolment(tx, enrolmentId);
    const attempts = await listAttempts(tx, enrolmentId);
    const passed = attempts.find((a) => a.passed);
    if (passed) throw new AppError('conflict', `You passed the quiz on ${inWords(passed.submittedAt!)} with ${passed.scorePercent}%: no more attempts are needed.`);
    const open = attempts.find((a) => a.submittedAt === null);
    // A reload or a second tab continues the open attempt rather than using up another.
    if (open) return { attempt: open, created: false };
    if (attempts.length >= maxQuizAttempts) {
      throw new AppError('conflict', `You have used all ${maxQuizAttempts} attempts at the quiz without reaching the pass mark of ${cohort.passMarkPercent}%. Ask the trainers of ${cohort.deliveringOrganisationName} what comes next.`);
    }
    const row = await insertAttempt(tx, { enrolmentId, attemptNumber: attempts.length + 1 });
    await writeAudit(tx, actor, { action: 'quiz_attempt.started', entityType: 'enrolment', entityId: enrolmentId, after: row });
    return { attempt: row, created: true };
  });
  return { created, attempt: presentAttempt(attempt, { courseTitle: cohort.courseTitle, passMarkPercent: cohort.passMarkPercent, questions }) };
}

async function loadOwnAttempt(db: Db, viewer: Viewer, attemptId: string) {
  const attempt = await findAttempt(db, attemptId);
  if (!attempt) throw notFound('The quiz attempt');
  const { actor, enrolment, cohort, own } = await loadOwnEnrolment(db, viewer, attempt.enrolmentId);
  if (!own) throw notFound('The quiz attempt');
  return { actor, attempt, enrolment, cohort };
}

export async function getAttempt(db: Db, viewer: Viewer, attemptId: string) {
  const { attempt, cohort } = await loadOwnAttempt(db, viewer, attemptId);
  const questions = await listQuizQuestions(db, cohort.courseId);
  return presentAttempt(attempt, { courseTitle: cohort.courseTitle, passMarkPercent: cohort.passMarkPercent, questions });
}

export async function submitAttempt(ctx: AppContext, viewer: Viewer, attemptId: string, body: z.infer<typeof quizSubmissionBodySchema>) {
  const { actor, enrolment, cohort } = await loadOwnAttempt(ctx.db, viewer, attemptId);
  const questions = await listQuizQuestions(ctx.db, cohort.courseId);
  const result = await inTransaction(ctx, async (tx, after) => {
    const locked = await lockEnrolment(tx, enrolment.id);
    const attempt = (await findAttempt(tx, attemptId, { lock: true }))!;
    if (attempt.submittedAt) {
      throw new AppError('conflict', `This attempt was already submitted on ${inWords(attempt.submittedAt)} with a score of ${scoreInWords(attempt)}. Nothing was changed.`);
    }
    if (locked?.status !== 'approved') throw new AppError('conflict', `The quiz is for approved trainees; this enrolment is ${statusInWords(locked?.status ?? 'withdrawn')}.`);
    const score = scoreQuiz(questions, body.answers, cohort.passMarkPercent);
    if (score.problems.length) throw invalidInput('The answers', score.problems.map((message) => ({ field: 'body.answers', message })));
    const submitted = await updateAttempt(tx, attemptId, { submittedAt: new Date(), answers: body.answers, scorePercent: score.scorePercent, passed: score.passed });
    await writeAudit(tx, actor, { action: 'quiz_attempt.submitted', entityType: 'enrolment', entityId: enrolment.id, before: attempt, after: submitted });
    const completion = score.passed ? await completeIfEligible(ctx, tx, after, actor, enrolment.id) : { completed: false, certificateId: null };
    const used = (await listAttempts(tx, enrolment.id)).filter((a) => a.submittedAt !== null).length;
    return { submitted, completion, attemptsLeft: score.passed ? 0 : Math.max(0, maxQuizAttempts - used) };
  });
  return {
    ...presentAttempt(result.submitted, { courseTitle: cohort.courseTitle, passMarkPercent: cohort.passMarkPercent, questions }),
    attemptsLeft: result.attemptsLeft,
    completed: result.completion.completed,
    certificateId: result.completion.certificateId,
  };
}
