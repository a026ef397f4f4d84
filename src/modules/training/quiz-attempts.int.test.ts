import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let provider: TestPerson;
let cityOfficer: TestPerson;
let otherCity: TestPerson;
let secretariat: TestPerson;
let courseId: string;
let cohortId: string;
let sessionId: string;
let questionIds: string[];

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
const req = (by: TestPerson | null, method: Method, url: string, payload?: unknown) => t.request(by, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
async function ok(by: TestPerson | null, method: Method, url: string, payload?: unknown, status = 200) {
  const response = await req(by, method, url, payload);
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

const questions = [
  { prompt: 'Which CSF function covers asset inventories?', options: ['Identify', 'Protect', 'Detect'], correctOption: 0 },
  { prompt: 'What should you do with a suspicious email?', options: ['Open the attachment', 'Report it'], correctOption: 1 },
  { prompt: 'Multi-factor authentication protects against…', options: ['Stolen passwords', 'Power cuts', 'Floods', 'Nothing'], correctOption: 0 },
];
/** Answers with `correct` of the three questions right. */
function answers(correct: number) {
  const chosen: Record<string, number> = {};
  questions.forEach((q, i) => (chosen[questionIds[i]!] = i < correct ? q.correctOption : (q.correctOption + 1) % q.options.length));
  return chosen;
}

/** A city official nominated, approved and marked present, so that passing the quiz completes the course. */
async function approvedTrainee(name: string) {
  const person = await makePerson(t, { id: cityOfficer.organisationId }, { name });
  const enrolment = await ok(cityOfficer, 'POST', `/api/v1/training/cohorts/${cohortId}/nominations`, { userId: person.id }, 201);
  await ok(provider, 'POST', `/api/v1/training/enrolments/${enrolment.id}/decision`, { decision: 'approve' });
  await ok(provider, 'PUT', `/api/v1/training/cohorts/${cohortId}/attendance`, { records: [{ sessionId, enrolmentId: enrolment.id, present: true }] });
  return { person, enrolmentId: enrolment.id as string };
}
const start = (by: TestPerson, enrolmentId: string) => req(by, 'POST', `/api/v1/training/enrolments/${enrolmentId}/quiz-attempts`);
const submit = (by: TestPerson, attemptId: string, chosen: Record<string, number>) => req(by, 'POST', `/api/v1/training/quiz-attempts/${attemptId}/submission`, { answers: chosen });

beforeAll(async () => {
  t = await createTestApp();
  const providerOrg = await makeOrganisation(t, { kind: 'ngo', name: 'Training NGO (test)' });
  provider = await makePerson(t, providerOrg);
  cityOfficer = await makeActor(t, 'city_government', { cityId: 'cebu-city' });
  otherCity = await makeActor(t, 'city_government', { cityId: 'manila' });
  secretariat = await makeActor(t, 'secretariat', { role: 'member' });
  const course = await ok(provider, 'POST', '/api/v1/training/courses', { title: 'Phishing defence', topic: 'cybersecurity', passMarkPercent: 60, modules: [{ title: 'Spotting phishing', hours: 2 }] }, 201);
  courseId = course.id;
  const withQuiz = await ok(provider, 'PUT', `/api/v1/training/courses/${courseId}/quiz`, { questions });
  questionIds = withQuiz.quiz.map((q: { id: string }) => q.id);
  await ok(provider, 'POST', `/api/v1/training/courses/${courseId}/status`, { status: 'published' });
  const cohort = await ok(
    provider,
    'POST',
    `/api/v1/training/courses/${courseId}/cohorts`,
    { title: 'Cebu cohort', startsOn: '2020-02-03', endsOn: '2020-02-04', timeZone: 'Asia/Manila', mode: 'online', deliveringOrganisationId: providerOrg.id, capacity: 30, status: 'open' },
    201,
  );
  cohortId = cohort.id;
  sessionId = (await ok(provider, 'POST', `/api/v1/training/cohorts/${cohortId}/sessions`, { title: 'Session 1', startsAt: '2020-02-03T09:00', endsAt: '2020-02-03T11:00' }, 201)).sessions[0].id;
});
afterAll(() => t.close());

describe('the quiz', () => {
  it('is started by the approved trainee only, without the answers, and an open attempt is continued', async () => {
    const { person, enrolmentId } = await approvedTrainee('Maria Santos');
    expect((await start(provider, enrolmentId)).statusCode).toBe(403);
    expect((await start(cityOfficer, enrolmentId)).statusCode).toBe(403);
    expect((await start(otherCity, enrolmentId)).statusCode).toBe(404);

    const first = await start(person, enrolmentId);
    expect(first.statusCode, first.body).toBe(201);
    const attempt = first.json();
    expect(attempt).toMatchObject({ attemptNumber: 1, submittedAt: null, passMarkPercent: 60, answers: null, courseTitle: 'Phishing defence' });
    expect(attempt.questions.map((q: { options: string[] }) => q.options.length)).toEqual([3, 2, 4]);
    expect(JSON.stringify(attempt)).not.toContain('correctOption');
    const again = await start(person, enrolmentId);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(attempt.id);
    expect((await req(provider, 'GET', `/api/v1/training/quiz-attempts/${attempt.id}`)).statusCode).toBe(404);

    const nominatedOnly = await makePerson(t, { id: cityOfficer.organisationId });
    const pending = await ok(cityOfficer, 'POST', `/api/v1/training/cohorts/${cohortId}/nominations`, { userId: nominatedOnly.id }, 201);
    const refused = await start(nominatedOnly, pending.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('The quiz is for approved trainees; this enrolment is nominated.');
  });

  it('refuses answers that are incomplete or name an option that does not exist, and keeps the attempt open', async () => {
    const { person, enrolmentId } = await approvedTrainee('Jose Rizal');
    const attempt = (await start(person, enrolmentId)).json();

    const wrongIndex = await submit(person, attempt.id, { ...answers(3), [questionIds[2]!]: 7 });
    expect(wrongIndex.statusCode).toBe(400);
    expect(wrongIndex.json().error.details).toEqual([{ field: 'body.answers', message: 'question 3 has no option 7' }]);
    const missing = answers(3);
    delete missing[questionIds[1]!];
    expect((await submit(person, attempt.id, missing)).json().error.details).toEqual([{ field: 'body.answers', message: 'question 2 is not answered' }]);
    expect((await submit(person, attempt.id, { ...answers(3), [crypto.randomUUID()]: 0 })).statusCode).toBe(400);
    expect((await submit(person, attempt.id, { ...answers(3), [questionIds[0]!]: 0.5 })).statusCode).toBe(400);
    expect((await ok(person, 'GET', `/api/v1/training/quiz-attempts/${attempt.id}`)).submittedAt).toBeNull();
  });

  it('is submitted once per attempt, up to three attempts while not passed', async () => {
    const { person, enrolmentId } = await approvedTrainee('Ana Reyes');
    const first = (await start(person, enrolmentId)).json();
    const failed = await submit(person, first.id, answers(1));
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json()).toMatchObject({ scorePercent: 33, passed: false, correctCount: 1, attemptsLeft: 2, completed: false, certificateId: null });

    const twice = await submit(person, first.id, answers(3));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('conflict');
    expect(twice.json().error.message).toMatch(/^This attempt was already submitted on .+ UTC with a score of 33% \(not passed\)\. Nothing was changed\.$/);
    expect((await ok(person, 'GET', `/api/v1/training/quiz-attempts/${first.id}`)).scorePercent).toBe(33);

    for (const n of [2, 3]) {
      const attempt = (await start(person, enrolmentId)).json();
      expect(attempt.attemptNumber).toBe(n);
      expect((await submit(person, attempt.id, answers(0))).json()).toMatchObject({ passed: false, attemptsLeft: 3 - n });
    }
    const fourth = await start(person, enrolmentId);
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().error.message).toContain('You have used all 3 attempts');
    const detail = await ok(person, 'GET', `/api/v1/training/enrolments/${enrolmentId}`);
    expect(detail.quiz).toMatchObject({ canStart: false, maxAttempts: 3, openAttemptId: null });
    expect(detail.quiz.attempts.map((a: { scorePercent: number }) => a.scorePercent)).toEqual([33, 0, 0]);
    expect(detail.completedAt).toBeNull();
  });

  it('passed completes the course with a certificate, and no further attempt is allowed', async () => {
    const { person, enrolmentId } = await approvedTrainee('Ramon Cruz');
    const attempt = (await start(person, enrolmentId)).json();
    const passed = await submit(person, attempt.id, answers(2));
    expect(passed.statusCode, passed.body).toBe(200);
    expect(passed.json()).toMatchObject({ scorePercent: 67, passed: true, attemptsLeft: 0, completed: true, certificateId: expect.any(String) });
    const again = await start(person, enrolmentId);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('You passed the quiz on');

    const detail = await ok(person, 'GET', `/api/v1/training/enrolments/${enrolmentId}`);
    expect(detail).toMatchObject({ quizPassed: true, certificate: { id: passed.json().certificateId } });
    expect(detail.completedAt).not.toBeNull();
    const audit = await ok(secretariat, 'GET', `/api/v1/audit?entityType=enrolment&entityId=${enrolmentId}`);
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['quiz_attempt.started', 'quiz_attempt.submitted']));

    // Once a trainee has started, the quiz is frozen.
    const edit = await req(provider, 'PUT', `/api/v1/training/courses/${courseId}/quiz`, { questions: questions.slice(0, 2) });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toContain('can no longer change');
  });

  it('submitted twice at the same moment is scored once', async () => {
    const { person, enrolmentId } = await approvedTrainee('Liza Soberano');
    const attempt = (await start(person, enrolmentId)).json();
    const results = await Promise.all([submit(person, attempt.id, answers(3)), submit(person, attempt.id, answers(0))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const stored = await ok(person, 'GET', `/api/v1/training/quiz-attempts/${attempt.id}`);
    const winner = results.find((r) => r.statusCode === 200)!.json();
    expect(stored.scorePercent).toBe(winner.scorePercent);
  });
});
