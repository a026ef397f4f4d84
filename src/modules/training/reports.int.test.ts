import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let centre: TestPerson;
let university: TestPerson;
let secretariat: TestPerson;
let company: TestPerson;
let cityOfficer: TestPerson;
let centreCourse: string;
let universityCourse: string;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
const req = (by: TestPerson | null, method: Method, url: string, payload?: unknown) => t.request(by, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
async function ok(by: TestPerson | null, method: Method, url: string, payload?: unknown, status = 200) {
  const response = await req(by, method, url, payload);
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

async function courseWithCohort(owner: TestPerson, title: string) {
  const course = await ok(owner, 'POST', '/api/v1/training/courses', { title, topic: 'cybersecurity', modules: [{ title: 'Module', hours: 1 }] }, 201);
  await ok(owner, 'POST', `/api/v1/training/courses/${course.id}/status`, { status: 'published' });
  const cohort = await ok(
    owner,
    'POST',
    `/api/v1/training/courses/${course.id}/cohorts`,
    { title: `${title} cohort`, startsOn: '2020-03-02', endsOn: '2020-03-03', timeZone: 'Asia/Bangkok', mode: 'online', deliveringOrganisationId: owner.organisationId, capacity: 2, minAttendancePercent: 100, status: 'open' },
    201,
  );
  const sessions = await ok(owner, 'POST', `/api/v1/training/cohorts/${cohort.id}/sessions`, { title: 'Only session', startsAt: '2020-03-02T09:00', endsAt: '2020-03-02T10:00' }, 201);
  return { courseId: course.id as string, cohortId: cohort.id as string, sessionId: sessions.sessions[0].id as string };
}

async function enrol(trainer: TestPerson, nominator: TestPerson, cohort: { cohortId: string; sessionId: string }, person: TestPerson, gender: string, outcome: 'nominated' | 'approved' | 'completed' | 'waitlisted') {
  const enrolment = await ok(nominator, 'POST', `/api/v1/training/cohorts/${cohort.cohortId}/nominations`, { userId: person.id, gender }, 201);
  if (outcome === 'nominated') return;
  await ok(trainer, 'POST', `/api/v1/training/enrolments/${enrolment.id}/decision`, { decision: outcome === 'waitlisted' ? 'waitlist' : 'approve' });
  if (outcome === 'completed') await ok(trainer, 'PUT', `/api/v1/training/cohorts/${cohort.cohortId}/attendance`, { records: [{ sessionId: cohort.sessionId, enrolmentId: enrolment.id, present: true }] });
}

beforeAll(async () => {
  t = await createTestApp();
  centre = await makePerson(t, await makeOrganisation(t, { kind: 'cyber_centre', name: 'Report centre (test)' }));
  university = await makePerson(t, await makeOrganisation(t, { kind: 'academia', name: 'Report university (test)' }));
  secretariat = await makeActor(t, 'secretariat', { role: 'member' });
  company = await makeActor(t, 'company');
  const bangkok = await makeOrganisation(t, { kind: 'city_government', cityId: 'bangkok', name: 'Bangkok (test)' });
  cityOfficer = await makePerson(t, bangkok);
  const phuket = await makeOrganisation(t, { kind: 'city_government', cityId: 'phuket', name: 'Phuket (test)' });
  const thaiAgency = await makeOrganisation(t, { kind: 'national_agency', countryCode: 'TH', name: 'Thai agency (test)' });
  const thaiRep = await makePerson(t, thaiAgency);
  const hanoi = await makeOrganisation(t, { kind: 'city_government', cityId: 'ha-noi', name: 'Ha Noi (test)' });
  const hanoiOfficer = await makePerson(t, hanoi);

  const a = await courseWithCohort(centre, 'Centre course');
  const b = await courseWithCohort(university, 'University course');
  centreCourse = a.courseId;
  universityCourse = b.courseId;
  // Centre course: two Bangkok officials (one completes), one Phuket official waiting.
  await enrol(centre, cityOfficer, a, await makePerson(t, bangkok), 'woman', 'completed');
  await enrol(centre, cityOfficer, a, await makePerson(t, bangkok), 'man', 'approved');
  await enrol(centre, thaiRep, a, await makePerson(t, phuket), 'woman', 'waitlisted');
  // University course: one Ha Noi official completes, one Bangkok official only nominated.
  await enrol(university, hanoiOfficer, b, await makePerson(t, hanoi), 'not_stated', 'completed');
  await enrol(university, cityOfficer, b, await makePerson(t, bangkok), 'another', 'nominated');
});
afterAll(() => t.close());

describe('training reports', () => {
  it('are for the secretariat and training providers, each provider seeing its own cohorts only', async () => {
    expect((await req(company, 'GET', '/api/v1/training/reports')).statusCode).toBe(403);
    expect((await req(cityOfficer, 'GET', '/api/v1/training/reports')).statusCode).toBe(403);
    expect((await req(null, 'GET', '/api/v1/training/reports')).statusCode).toBe(401);

    const all = await ok(secretariat, 'GET', '/api/v1/training/reports');
    expect(all.scope).toBe('all');
    expect(all.totals).toMatchObject({ nominated: 5, approved: 3, completed: 2, completionRate: 66.7, trainees: 3, gender: null });
    expect(all.byCourse.map((c: { key: string }) => c.key).sort()).toEqual([centreCourse, universityCourse].sort());

    const mine = await ok(centre, 'GET', '/api/v1/training/reports');
    expect(mine.scope).toBe('organisation');
    expect(mine.byCourse.map((c: { key: string }) => c.key)).toEqual([centreCourse]);
    expect(mine.totals).toMatchObject({ nominated: 3, approved: 2, completed: 1, completionRate: 50, quizPassRate: null });
  });

  it('count by city, country and organisation, with optional gender', async () => {
    const report = await ok(secretariat, 'GET', '/api/v1/training/reports?gender=true');
    const byCity = Object.fromEntries(report.byCity.map((r: { key: string; nominated: number; approved: number; completed: number }) => [r.key, [r.nominated, r.approved, r.completed]]));
    expect(byCity).toEqual({ bangkok: [3, 2, 1], phuket: [1, 0, 0], 'ha-noi': [1, 1, 1] });
    const byCountry = Object.fromEntries(report.byCountry.map((r: { key: string; name: string; nominated: number }) => [r.key, r.nominated]));
    expect(byCountry).toEqual({ TH: 4, VN: 1 });
    expect(report.byCountry.find((r: { key: string }) => r.key === 'VN').name).toBe('Viet Nam');
    expect(report.byOrganisation.find((r: { name: string }) => r.name === 'Bangkok (test)')).toMatchObject({ nominated: 3, approved: 2 });
    expect(report.totals.gender).toEqual({
      nominated: { woman: 2, man: 1, another: 1, not_stated: 1 },
      approved: { woman: 1, man: 1, another: 0, not_stated: 1 },
      completed: { woman: 1, man: 0, another: 0, not_stated: 1 },
    });
    const course = await ok(secretariat, 'GET', `/api/v1/training/reports?courseId=${universityCourse}`);
    expect(course.totals).toMatchObject({ nominated: 2, approved: 1, completed: 1, completionRate: 100 });
  });

  it('export as CSV with the same counts', async () => {
    const response = await req(secretariat, 'GET', '/api/v1/training/reports.csv?gender=yes');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="training-report-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ grouping: 'total', nominated: '5', approved: '3', completed: '2', completion_rate_percent: '66.7', completed_woman: '1', nominated_another: '1' });
    expect(rows.find((r) => r.grouping === 'city' && r.key === 'bangkok')).toMatchObject({ nominated: '3', approved: '2', completed: '1' });
    expect(rows.filter((r) => r.grouping === 'course')).toHaveLength(2);
    const plain = parse((await req(centre, 'GET', '/api/v1/training/reports.csv')).body, { columns: true }) as Record<string, string>[];
    expect(Object.keys(plain[0]!)).not.toContain('nominated_woman');
    expect(plain.filter((r) => r.grouping === 'course').map((r) => r.name)).toEqual(['Centre course']);
  });
});
