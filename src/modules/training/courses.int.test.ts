import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let provider: TestPerson;
let providerColleague: TestPerson;
let otherProvider: TestPerson;
let partnerTrainer: TestPerson;
let partnerOrgId: string;
let company: TestPerson;
let cityOfficer: TestPerson;
let secretariat: TestPerson;

const req = (by: TestPerson | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.request(by, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });

const courseBody = {
  title: 'Securing smart traffic systems',
  topic: 'cybersecurity',
  summary: 'Protecting traffic controllers and their networks.',
  learningOutcomes: ['Map the traffic network', 'Harden controllers'],
  csfCategoryIds: ['ID.AM', 'PR.PS'],
  modules: [
    { title: 'Asset inventory', summary: 'What is on the network', hours: 3 },
    { title: 'Hardening', hours: 4 },
  ],
  passMarkPercent: 60,
};

const cohortBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Jakarta cohort, 2031',
  startsOn: '2031-03-10',
  endsOn: '2031-03-14',
  timeZone: 'Asia/Jakarta',
  mode: 'blended',
  location: 'Jakarta and online',
  deliveringOrganisationId: partnerOrgId,
  capacity: 20,
  eligibility: 'subnational_officials',
  nominationsCloseOn: '2031-03-01',
  minAttendancePercent: 75,
  ...overrides,
});

async function auditActions(entityType: string, entityId: string) {
  const response = await req(secretariat, 'GET', `/api/v1/audit?entityType=${entityType}&entityId=${entityId}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as { action: string }[]).map((e) => e.action).reverse();
}

async function createPublishedCourse(title: string, extra: Record<string, unknown> = {}) {
  const created = await req(provider, 'POST', '/api/v1/training/courses', { ...courseBody, title, ...extra });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const published = await req(provider, 'POST', `/api/v1/training/courses/${id}/status`, { status: 'published' });
  expect(published.statusCode, published.body).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  const providerOrg = await makeOrganisation(t, { kind: 'cyber_centre', name: 'ASEAN cyber centre (test)' });
  provider = await makePerson(t, providerOrg, { role: 'admin' });
  providerColleague = await makePerson(t, providerOrg);
  otherProvider = await makeActor(t, 'academia');
  const partnerOrg = await makeOrganisation(t, { kind: 'us_agency', name: 'U.S. agency partner (test)' });
  partnerOrgId = partnerOrg.id;
  partnerTrainer = await makePerson(t, partnerOrg, { name: 'Pat Trainer' });
  company = await makeActor(t, 'company');
  cityOfficer = await makeActor(t, 'city_government', { cityId: 'dki-jakarta' });
  secretariat = await makeActor(t, 'secretariat', { role: 'member' });
});
afterAll(() => t.close());

describe('courses', () => {
  it('are written by training providers only, validated, and audited', async () => {
    expect((await req(company, 'POST', '/api/v1/training/courses', courseBody)).statusCode).toBe(403);
    expect((await req(cityOfficer, 'POST', '/api/v1/training/courses', courseBody)).statusCode).toBe(403);
    expect((await req(null, 'POST', '/api/v1/training/courses', courseBody)).statusCode).toBe(401);

    const badCategory = await req(provider, 'POST', '/api/v1/training/courses', { ...courseBody, csfCategoryIds: ['ID.AM', 'XX.YY'] });
    expect(badCategory.statusCode).toBe(400);
    expect(badCategory.json().error.message).toContain('"XX.YY" is not a CSF 2.0 category');
    expect(badCategory.json().error.details[0].field).toBe('body.csfCategoryIds');
    expect((await req(provider, 'POST', '/api/v1/training/courses', { ...courseBody, topic: 'cooking' })).statusCode).toBe(400);
    expect((await req(provider, 'POST', '/api/v1/training/courses', { ...courseBody, passMarkPercent: 120 })).statusCode).toBe(400);

    const created = await req(provider, 'POST', '/api/v1/training/courses', courseBody);
    expect(created.statusCode, created.body).toBe(201);
    const course = created.json();
    expect(course).toMatchObject({
      status: 'draft',
      organisationName: 'ASEAN cyber centre (test)',
      totalHours: 7,
      canManage: true,
      learningOutcomes: ['Map the traffic network', 'Harden controllers'],
    });
    expect(course.csfCategories.map((c: { id: string }) => c.id)).toEqual(['ID.AM', 'PR.PS']);
    expect(course.csfCategories[0].name).toBe('Asset Management');
    expect(course.modules.map((m: { position: number; title: string }) => [m.position, m.title])).toEqual([
      [1, 'Asset inventory'],
      [2, 'Hardening'],
    ]);

    // A draft is seen by its organisation, not by others.
    expect((await req(providerColleague, 'GET', `/api/v1/training/courses/${course.id}`)).statusCode).toBe(200);
    expect((await req(cityOfficer, 'GET', `/api/v1/training/courses/${course.id}`)).statusCode).toBe(404);
    expect((await req(otherProvider, 'GET', `/api/v1/training/courses/${course.id}`)).statusCode).toBe(404);

    // Edited by its organisation and the secretariat; another provider is refused.
    const edit = await req(providerColleague, 'PATCH', `/api/v1/training/courses/${course.id}`, { modules: [{ title: 'Only module', hours: 2 }], csfCategoryIds: ['PR.PS'] });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ totalHours: 2, modules: [{ title: 'Only module', position: 1 }] });
    expect((await req(secretariat, 'PATCH', `/api/v1/training/courses/${course.id}`, { summary: 'Edited by the secretariat.' })).statusCode).toBe(200);

    const published = await req(provider, 'POST', `/api/v1/training/courses/${course.id}/status`, { status: 'published' });
    expect(published.json().status).toBe('published');
    expect((await req(otherProvider, 'PATCH', `/api/v1/training/courses/${course.id}`, { summary: 'Hijacked' })).statusCode).toBe(403);
    expect((await req(cityOfficer, 'GET', `/api/v1/training/courses/${course.id}`)).json().canManage).toBe(false);
    const backToDraft = await req(provider, 'POST', `/api/v1/training/courses/${course.id}/status`, { status: 'draft' });
    expect(backToDraft.statusCode).toBe(409);

    expect(await auditActions('course', course.id)).toEqual(['course.created', 'course.updated', 'course.updated', 'course.published']);
  });

  it('cannot be published without a module', async () => {
    const created = await req(provider, 'POST', '/api/v1/training/courses', { ...courseBody, title: 'Empty course', modules: [] });
    const response = await req(provider, 'POST', `/api/v1/training/courses/${created.json().id}/status`, { status: 'published' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('at least one module');
  });

  it('are listed in the catalogue when published, with filters by topic and CSF category', async () => {
    const cyber = await createPublishedCourse('Catalogue: incident response', { csfCategoryIds: ['RS.MA'] });
    const economy = await createPublishedCourse('Catalogue: digital payments', { topic: 'digital_economy', csfCategoryIds: [] });
    const draft = (await req(provider, 'POST', '/api/v1/training/courses', { ...courseBody, title: 'Catalogue: a draft' })).json().id;
    const ids = async (query: string, by = company) => ((await req(by, 'GET', `/api/v1/training/courses${query}`)).json().items as { id: string }[]).map((c) => c.id);

    const all = await ids('');
    expect(all).toEqual(expect.arrayContaining([cyber, economy]));
    expect(all).not.toContain(draft);
    expect(await ids('?topic=digital_economy')).toContain(economy);
    expect(await ids('?topic=digital_economy')).not.toContain(cyber);
    expect(await ids('?csfCategory=RS.MA')).toEqual([cyber]);
    expect((await req(null, 'GET', '/api/v1/training/courses')).statusCode).toBe(401);

    // "Courses we run": every status, the organisation's own only.
    const managed = await ids('?managed=true', provider);
    expect(managed).toEqual(expect.arrayContaining([cyber, economy, draft]));
    expect(await ids('?managed=true', otherProvider)).toEqual([]);
    expect(await ids('?managed=true', company)).toEqual([]);
  });
});

describe('the quiz editor', () => {
  it('takes 2–6 options with one correct answer, and shows the answers to managers only', async () => {
    const courseId = await createPublishedCourse('Quiz editor course');
    const url = `/api/v1/training/courses/${courseId}/quiz`;
    const question = { prompt: 'Which function covers asset inventories?', options: ['Identify', 'Protect', 'Recover'], correctOption: 0 };

    expect((await req(provider, 'PUT', url, { questions: [{ ...question, options: ['Only one'] }] })).statusCode).toBe(400);
    expect((await req(provider, 'PUT', url, { questions: [{ ...question, options: ['1', '2', '3', '4', '5', '6', '7'] }] })).statusCode).toBe(400);
    const outOfRange = await req(provider, 'PUT', url, { questions: [question, { ...question, correctOption: 3 }] });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.details).toEqual([{ field: 'body.questions.1.correctOption', message: expect.stringContaining('question 2 has 3 options') }]);
    const repeated = await req(provider, 'PUT', url, { questions: [{ ...question, options: ['Identify', 'identify'] }] });
    expect(repeated.statusCode).toBe(400);
    expect((await req(otherProvider, 'PUT', url, { questions: [question] })).statusCode).toBe(403);

    const saved = await req(provider, 'PUT', url, { questions: [question, { prompt: 'Second?', options: ['Yes', 'No'], correctOption: 1 }] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ quizQuestionCount: 2, quizEditable: true });
    expect(saved.json().quiz.map((q: { correctOption: number }) => q.correctOption)).toEqual([0, 1]);

    const asTrainee = (await req(cityOfficer, 'GET', `/api/v1/training/courses/${courseId}`)).json();
    expect(asTrainee.quizQuestionCount).toBe(2);
    expect(asTrainee.quiz).toBeNull();
    expect(JSON.stringify(asTrainee)).not.toContain('correctOption');
    expect(await auditActions('course', courseId)).toContain('course.quiz_saved');
  });
});

describe('cohorts and sessions', () => {
  it('are added by the course organisation, with a real time zone and a training partner that delivers', async () => {
    const courseId = await createPublishedCourse('Cohort course');
    const url = `/api/v1/training/courses/${courseId}/cohorts`;
    expect((await req(partnerTrainer, 'POST', url, cohortBody())).statusCode).toBe(403);

    const badZone = await req(provider, 'POST', url, cohortBody({ timeZone: 'Asia/Atlantis' }));
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().error.details[0]).toEqual({ field: 'body.timeZone', message: expect.stringContaining('not an IANA time zone') });
    const badPartner = await req(provider, 'POST', url, cohortBody({ deliveringOrganisationId: company.organisationId }));
    expect(badPartner.statusCode).toBe(400);
    expect(badPartner.json().error.details[0].field).toBe('body.deliveringOrganisationId');
    const badDates = await req(provider, 'POST', url, cohortBody({ endsOn: '2031-03-01', nominationsCloseOn: null }));
    expect(badDates.json().error.details[0]).toEqual({ field: 'body.endsOn', message: 'must not be before the start date' });
    expect((await req(provider, 'POST', url, cohortBody({ capacity: 0 }))).statusCode).toBe(400);
    expect((await req(provider, 'POST', url, cohortBody({ mode: 'by_post' }))).statusCode).toBe(400);

    const created = await req(provider, 'POST', url, cohortBody());
    expect(created.statusCode, created.body).toBe(201);
    const cohort = created.json();
    expect(cohort).toMatchObject({
      courseTitle: 'Cohort course',
      deliveringOrganisationName: 'U.S. agency partner (test)',
      status: 'planned',
      seatsLeft: 20,
      nominationsOpen: true,
      canEdit: true,
      isTrainer: false,
    });

    // The partner's members are the trainers, and are told.
    const asTrainer = (await req(partnerTrainer, 'GET', `/api/v1/training/cohorts/${cohort.id}`)).json();
    expect(asTrainer).toMatchObject({ isTrainer: true, canEdit: true, canNominate: false });
    const notices = (await req(partnerTrainer, 'GET', '/api/v1/notifications')).json().items as { kind: string; link: string }[];
    expect(notices.some((n) => n.kind === 'training.cohort_assigned' && n.link === `/app/training/cohorts/${cohort.id}`)).toBe(true);
    expect((await req(cityOfficer, 'GET', `/api/v1/training/cohorts/${cohort.id}`)).json()).toMatchObject({ canNominate: true, isTrainer: false, canEdit: false });

    // The trainer may change the cohort but not hand it to someone else.
    expect((await req(partnerTrainer, 'PATCH', `/api/v1/training/cohorts/${cohort.id}`, { location: 'Jakarta City Hall' })).statusCode).toBe(200);
    expect((await req(partnerTrainer, 'PATCH', `/api/v1/training/cohorts/${cohort.id}`, { deliveringOrganisationId: otherProvider.organisationId })).statusCode).toBe(403);
    expect((await req(cityOfficer, 'PATCH', `/api/v1/training/cohorts/${cohort.id}`, { location: 'Elsewhere' })).statusCode).toBe(403);
    const bad = await req(partnerTrainer, 'PATCH', `/api/v1/training/cohorts/${cohort.id}`, { status: 'completed' });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.message).toBe('The cohort is planned: it cannot become completed.');

    expect(await auditActions('cohort', cohort.id)).toEqual(['cohort.created', 'cohort.updated']);
  });

  it('hold sessions entered in the cohort zone and shown in UTC and local time', async () => {
    const courseId = await createPublishedCourse('Session course');
    const cohort = (await req(provider, 'POST', `/api/v1/training/courses/${courseId}/cohorts`, cohortBody())).json();
    const url = `/api/v1/training/cohorts/${cohort.id}/sessions`;

    const added = await req(partnerTrainer, 'POST', url, { title: 'Session 1', startsAt: '2031-03-10T09:00', endsAt: '2031-03-10T12:30' });
    expect(added.statusCode, added.body).toBe(201);
    const session = added.json().sessions[0];
    expect(session).toMatchObject({ title: 'Session 1', startsAt: '2031-03-10T02:00:00.000Z', endsAt: '2031-03-10T05:30:00.000Z', localStartsAt: '2031-03-10T09:00' });

    const backwards = await req(partnerTrainer, 'POST', url, { title: 'Backwards', startsAt: '2031-03-11T12:00', endsAt: '2031-03-11T09:00' });
    expect(backwards.json().error.details).toEqual([{ field: 'body.endsAt', message: 'must be after the start' }]);
    const outside = await req(partnerTrainer, 'POST', url, { title: 'Too late', startsAt: '2031-04-01T09:00', endsAt: '2031-04-01T10:00' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0].message).toContain("within the cohort's dates");
    expect((await req(partnerTrainer, 'POST', url, { title: 'Wrong format', startsAt: '10 March 9am', endsAt: '2031-03-10T10:00' })).statusCode).toBe(400);
    expect((await req(cityOfficer, 'POST', url, { title: 'Not mine', startsAt: '2031-03-11T09:00', endsAt: '2031-03-11T10:00' })).statusCode).toBe(403);

    // Moving the cohort's dates away from its sessions is refused.
    const moved = await req(provider, 'PATCH', `/api/v1/training/cohorts/${cohort.id}`, { startsOn: '2031-03-12' });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.message).toContain('"Session 1"');

    const changed = await req(partnerTrainer, 'PATCH', `${url}/${session.id}`, { endsAt: '2031-03-10T13:00' });
    expect(changed.json().sessions[0]).toMatchObject({ localStartsAt: '2031-03-10T09:00', localEndsAt: '2031-03-10T13:00' });
    const removed = await req(partnerTrainer, 'DELETE', `${url}/${session.id}`);
    expect(removed.json().sessions).toEqual([]);
    expect(await auditActions('cohort', cohort.id)).toEqual(['cohort.created', 'cohort.session_added', 'cohort.session_updated', 'cohort.session_removed']);
  });

  it('of a draft course are hidden from everyone but its organisation and the trainers', async () => {
    const draftId = (await req(provider, 'POST', '/api/v1/training/courses', { ...courseBody, title: 'Draft with cohort' })).json().id;
    const cohort = (await req(provider, 'POST', `/api/v1/training/courses/${draftId}/cohorts`, cohortBody())).json();
    expect((await req(cityOfficer, 'GET', `/api/v1/training/cohorts/${cohort.id}`)).statusCode).toBe(404);
    expect((await req(partnerTrainer, 'GET', `/api/v1/training/cohorts/${cohort.id}`)).statusCode).toBe(200);
    expect((await req(partnerTrainer, 'GET', `/api/v1/training/courses/${draftId}`)).statusCode).toBe(200);
    expect(cohort.nominationsOpen).toBe(false);
    const delivering = (await req(partnerTrainer, 'GET', '/api/v1/training/cohorts?scope=delivering')).json().items as { id: string }[];
    expect(delivering.map((c) => c.id)).toContain(cohort.id);
    const open = (await req(cityOfficer, 'GET', '/api/v1/training/cohorts?scope=open')).json().items as { id: string }[];
    expect(open.map((c) => c.id)).not.toContain(cohort.id);
  });
});
