import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let courseOwner: TestPerson;
let trainer: TestPerson;
let partnerOrgId: string;
let otherPartnerTrainer: TestPerson;
let jakartaOfficer: TestPerson;
let mai: TestPerson;
let budi: TestPerson;
let sari: TestPerson;
let dewi: TestPerson;
let makassarOfficial: TestPerson;
let daNangOfficial: TestPerson;
let indonesiaRep: TestPerson;
let indonesiaAgencyOfficial: TestPerson;
let vietnamRep: TestPerson;
let company: TestPerson;
let secretariat: TestPerson;
let courseId: string;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
const req = (by: TestPerson | null, method: Method, url: string, payload?: unknown) => t.request(by, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });

async function ok(by: TestPerson | null, method: Method, url: string, payload?: unknown, status = 200) {
  const response = await req(by, method, url, payload);
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

let cohortCount = 0;
/** A cohort of the shared published course, delivered by the partner; dates in the future unless `past`. */
async function makeCohort(options: { capacity?: number; eligibility?: string; past?: boolean; nominationsCloseOn?: string | null; minAttendancePercent?: number } = {}) {
  cohortCount += 1;
  const [startsOn, endsOn] = options.past ? ['2020-01-06', '2020-01-10'] : ['2031-05-05', '2031-05-09'];
  const cohort = await ok(
    courseOwner,
    'POST',
    `/api/v1/training/courses/${courseId}/cohorts`,
    {
      title: `Cohort ${cohortCount}`,
      startsOn,
      endsOn,
      timeZone: 'Asia/Jakarta',
      mode: 'in_person',
      location: 'Jakarta',
      deliveringOrganisationId: partnerOrgId,
      capacity: options.capacity ?? 10,
      eligibility: options.eligibility ?? 'subnational_officials',
      nominationsCloseOn: options.nominationsCloseOn ?? null,
      minAttendancePercent: options.minAttendancePercent ?? 50,
      status: 'open',
    },
    201,
  );
  return cohort.id as string;
}

const nominate = (by: TestPerson, cohortId: string, nominee: TestPerson, extra: Record<string, unknown> = {}) =>
  req(by, 'POST', `/api/v1/training/cohorts/${cohortId}/nominations`, { userId: nominee.id, note: 'Runs the city network', ...extra });
async function nominated(by: TestPerson, cohortId: string, nominee: TestPerson, extra: Record<string, unknown> = {}) {
  const response = await nominate(by, cohortId, nominee, extra);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}
const decide = (by: TestPerson, enrolmentId: string, decision: string, reason?: string) =>
  req(by, 'POST', `/api/v1/training/enrolments/${enrolmentId}/decision`, { decision, ...(reason ? { reason } : {}) });
const enrolment = (by: TestPerson, id: string) => ok(by, 'GET', `/api/v1/training/enrolments/${id}`);
const notificationsOf = async (person: TestPerson) => (await ok(person, 'GET', '/api/v1/notifications')).items as { kind: string; title: string; body: string; link: string }[];

beforeAll(async () => {
  t = await createTestApp();
  const ownerOrg = await makeOrganisation(t, { kind: 'academia', name: 'Course university (test)' });
  courseOwner = await makePerson(t, ownerOrg);
  const partnerOrg = await makeOrganisation(t, { kind: 'cyber_centre', name: 'Regional cyber centre (test)' });
  partnerOrgId = partnerOrg.id;
  trainer = await makePerson(t, partnerOrg, { name: 'Tina Trainer' });
  otherPartnerTrainer = await makeActor(t, 'cyber_centre');
  const jakarta = await makeOrganisation(t, { kind: 'city_government', cityId: 'dki-jakarta', name: 'Jakarta city government (test)' });
  jakartaOfficer = await makePerson(t, jakarta, { name: 'Joko Officer' });
  mai = await makePerson(t, jakarta, { name: 'Tran Thi Mai' });
  budi = await makePerson(t, jakarta, { name: 'Budi Santoso' });
  sari = await makePerson(t, jakarta, { name: 'Sari Wulandari' });
  dewi = await makePerson(t, jakarta, { name: 'Dewi Lestari' });
  makassarOfficial = await makeActor(t, 'city_government', { cityId: 'makassar' });
  daNangOfficial = await makeActor(t, 'city_government', { cityId: 'da-nang' });
  const indonesiaAgency = await makeOrganisation(t, { kind: 'national_agency', countryCode: 'ID' });
  indonesiaRep = await makePerson(t, indonesiaAgency, { name: 'Indonesia Representative' });
  indonesiaAgencyOfficial = await makePerson(t, indonesiaAgency, { name: 'Agency Official' });
  vietnamRep = await makeActor(t, 'national_agency', { countryCode: 'VN' });
  company = await makeActor(t, 'company');
  secretariat = await makeActor(t, 'secretariat', { role: 'member' });
  const course = await ok(
    courseOwner,
    'POST',
    '/api/v1/training/courses',
    { title: 'Cyber hygiene for city officials', topic: 'cybersecurity', csfCategoryIds: ['PR.AT'], modules: [{ title: 'Phishing', hours: 2 }] },
    201,
  );
  courseId = course.id;
  await ok(courseOwner, 'POST', `/api/v1/training/courses/${courseId}/status`, { status: 'published' });
});
afterAll(() => t.close());

describe('nominations', () => {
  it('list the officials each nominator may put forward, eligible and not yet nominated', async () => {
    const cityOnly = await makeCohort();
    const government = await makeCohort({ eligibility: 'government_officials' });
    const names = async (by: TestPerson, cohortId: string) => ((await ok(by, 'GET', `/api/v1/training/cohorts/${cohortId}/nominees`)).items as { userId: string }[]).map((p) => p.userId);

    const jakartaList = await names(jakartaOfficer, cityOnly);
    expect(jakartaList).toEqual(expect.arrayContaining([jakartaOfficer.id, mai.id, budi.id]));
    expect(jakartaList).not.toContain(makassarOfficial.id);
    expect(jakartaList).not.toContain(indonesiaAgencyOfficial.id);

    const repCityOnly = await names(indonesiaRep, cityOnly);
    expect(repCityOnly).toEqual(expect.arrayContaining([mai.id, makassarOfficial.id]));
    expect(repCityOnly).not.toContain(indonesiaAgencyOfficial.id);
    expect(repCityOnly).not.toContain(daNangOfficial.id);
    expect(await names(indonesiaRep, government)).toEqual(expect.arrayContaining([indonesiaAgencyOfficial.id, indonesiaRep.id, mai.id]));
    expect(await names(vietnamRep, cityOnly)).toEqual([daNangOfficial.id]);

    await nominated(jakartaOfficer, cityOnly, mai);
    expect(await names(jakartaOfficer, cityOnly)).not.toContain(mai.id);
    expect((await req(company, 'GET', `/api/v1/training/cohorts/${cityOnly}/nominees`)).statusCode).toBe(403);
    expect((await req(trainer, 'GET', `/api/v1/training/cohorts/${cityOnly}/nominees`)).statusCode).toBe(403);
  });

  it('are refused clearly: another city, a national official for a city cohort, twice, and by others than cities and national representatives', async () => {
    const cohortId = await makeCohort();

    const otherCity = await nominate(jakartaOfficer, cohortId, makassarOfficial);
    expect(otherCity.statusCode).toBe(403);
    expect(otherCity.json().error.message).toContain("not on your city's staff");
    const otherCountry = await nominate(vietnamRep, cohortId, mai);
    expect(otherCountry.statusCode).toBe(403);
    const ineligible = await nominate(indonesiaRep, cohortId, indonesiaAgencyOfficial);
    expect(ineligible.statusCode).toBe(400);
    expect(ineligible.json().error.details[0]).toEqual({ field: 'body.userId', message: expect.stringContaining('for sub-national (city) officials only') });
    expect((await nominate(company, cohortId, mai)).statusCode).toBe(403);
    expect((await nominate(trainer, cohortId, mai)).statusCode).toBe(403);
    expect((await nominate(jakartaOfficer, cohortId, mai, { gender: 'unknown' })).statusCode).toBe(400);

    const id = await nominated(jakartaOfficer, cohortId, mai, { gender: 'woman' });
    const twice = await nominate(indonesiaRep, cohortId, mai);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('Tran Thi Mai is already nominated for this cohort (nominated, by Joko Officer).');

    // The national representative nominates a city official of the country; a city official nominates themselves.
    await nominated(indonesiaRep, cohortId, makassarOfficial);
    await nominated(budi, cohortId, budi);

    expect((await enrolment(trainer, id)).gender).toBeNull();
    expect((await enrolment(indonesiaRep, id)).gender).toBe('woman');
    const detail = await enrolment(mai, id);
    expect(detail).toMatchObject({ status: 'nominated', gender: 'woman', nominatedByName: 'Joko Officer', isTrainee: true, canWithdraw: true, certificate: null });
    const trainerNotices = await notificationsOf(trainer);
    expect(trainerNotices.some((n) => n.kind === 'training.nominated' && n.title.includes('Tran Thi Mai'))).toBe(true);
    expect((await notificationsOf(mai)).some((n) => n.link === `/app/training/enrolments/${id}`)).toBe(true);
    const audit = await ok(secretariat, 'GET', `/api/v1/audit?entityType=enrolment&entityId=${id}`);
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['enrolment.nominated']);
  });

  it('close on the closing date and when the cohort is under way', async () => {
    const closed = await makeCohort({ past: true, nominationsCloseOn: '2020-01-03' });
    const closedResponse = await nominate(jakartaOfficer, closed, mai);
    expect(closedResponse.statusCode).toBe(409);
    expect(closedResponse.json().error.message).toBe('Nominations for this cohort closed on 2020-01-03 (Asia/Jakarta).');

    const running = await makeCohort();
    await ok(trainer, 'PATCH', `/api/v1/training/cohorts/${running}`, { status: 'in_progress' });
    const runningResponse = await nominate(jakartaOfficer, running, mai);
    expect(runningResponse.statusCode).toBe(409);
    expect(runningResponse.json().error.message).toBe('Nominations are closed: the cohort is in progress.');
    expect((await ok(jakartaOfficer, 'GET', `/api/v1/training/cohorts/${running}`)).canNominate).toBe(false);
  });

  it('end when the cohort is cancelled, and those enrolled are told', async () => {
    const cohortId = await makeCohort();
    await nominated(jakartaOfficer, cohortId, dewi);
    const cancelled = await ok(trainer, 'PATCH', `/api/v1/training/cohorts/${cohortId}`, { status: 'cancelled' });
    expect(cancelled.status).toBe('cancelled');
    expect((await notificationsOf(dewi)).some((n) => n.kind === 'training.cohort_cancelled' && n.link === `/app/training/cohorts/${cohortId}`)).toBe(true);
    expect((await nominate(jakartaOfficer, cohortId, budi)).json().error.message).toBe('Nominations are closed: the cohort is cancelled.');
    const again = await req(courseOwner, 'PATCH', `/api/v1/training/cohorts/${cohortId}`, { status: 'open' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('The cohort is cancelled: it can no longer change.');
  });
});

describe('decisions, the waiting list and withdrawals', () => {
  it('approve up to capacity, then wait-list in order and promote when a seat frees', async () => {
    const cohortId = await makeCohort({ capacity: 2 });
    const [a, b, c, d] = [await nominated(jakartaOfficer, cohortId, mai), await nominated(jakartaOfficer, cohortId, budi), await nominated(jakartaOfficer, cohortId, sari), await nominated(jakartaOfficer, cohortId, dewi)];

    // Only the cohort's trainers decide: not the nominator, and another partner's trainer cannot even see it.
    expect((await decide(jakartaOfficer, a!, 'approve')).statusCode).toBe(403);
    expect((await decide(otherPartnerTrainer, a!, 'approve')).statusCode).toBe(404);
    expect((await decide(courseOwner, a!, 'approve')).statusCode).toBe(404);

    expect((await decide(trainer, a!, 'approve')).json().message).toBe('Tran Thi Mai is approved: 1 of 2 seats are now taken.');
    expect((await decide(trainer, b!, 'approve')).json().message).toBe('Budi Santoso is approved: 2 of 2 seats are now taken.');
    const full = (await decide(trainer, c!, 'approve')).json();
    expect(full.enrolment).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(full.message).toContain('The cohort is full (2 of 2 seats), so Sari Wulandari was put on the waiting list instead, at position 1.');
    expect((await decide(trainer, d!, 'waitlist')).json().enrolment).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    const stillFull = await decide(trainer, c!, 'approve');
    expect(stillFull.statusCode).toBe(409);
    expect(stillFull.json().error.message).toContain('stays on the waiting list');
    expect((await decide(trainer, a!, 'approve')).statusCode).toBe(409);
    const lower = await req(trainer, 'PATCH', `/api/v1/training/cohorts/${cohortId}`, { capacity: 1 });
    expect(lower.statusCode).toBe(409);
    expect(lower.json().error.message).toContain('2 trainees already hold seats');
    expect((await enrolment(sari, c!)).waitlistPosition).toBe(1);

    // Mai withdraws herself: Sari, first on the list, gets the seat in the same change and is told.
    const withdrawal = await ok(mai, 'POST', `/api/v1/training/enrolments/${a}/withdrawal`, { reason: 'Moved to another department' });
    expect(withdrawal.enrolment.status).toBe('withdrawn');
    expect(withdrawal.message).toContain('The freed seat went to the first person on the waiting list.');
    expect((await enrolment(sari, c!)).status).toBe('approved');
    expect((await enrolment(dewi, d!)).waitlistPosition).toBe(1);
    expect((await notificationsOf(sari)).some((n) => n.kind === 'training.enrolment_promoted')).toBe(true);
    expect((await notificationsOf(jakartaOfficer)).some((n) => n.kind === 'training.enrolment_promoted' && n.title.includes('Sari Wulandari'))).toBe(true);
    expect((await req(mai, 'POST', `/api/v1/training/enrolments/${a}/withdrawal`, {})).statusCode).toBe(409);

    // Raising the capacity promotes the next in line.
    const raised = await ok(trainer, 'PATCH', `/api/v1/training/cohorts/${cohortId}`, { capacity: 3 });
    expect(raised).toMatchObject({ approvedCount: 3, waitlistedCount: 0, seatsLeft: 0 });
    expect((await enrolment(dewi, d!)).status).toBe('approved');

    const audit = await ok(secretariat, 'GET', `/api/v1/audit?entityType=enrolment&entityId=${c}`);
    expect(audit.items.map((e: { action: string }) => e.action).reverse()).toEqual(['enrolment.nominated', 'enrolment.waitlisted', 'enrolment.promoted']);
  });

  it('decline with a reason, told to the trainee and the nominator; a declined official may be nominated again', async () => {
    const cohortId = await makeCohort();
    const id = await nominated(indonesiaRep, cohortId, mai);
    const noReason = await decide(trainer, id, 'decline');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toBe('body.reason');
    expect((await decide(trainer, id, 'decline', 'The course needs network administration experience')).json().enrolment).toMatchObject({
      status: 'declined',
      decisionReason: 'The course needs network administration experience',
    });
    const told = (await notificationsOf(indonesiaRep)).find((n) => n.kind === 'training.enrolment_declined');
    expect(told?.body).toContain('Reason: The course needs network administration experience');
    expect((await notificationsOf(mai)).some((n) => n.kind === 'training.enrolment_declined')).toBe(true);
    expect((await decide(trainer, id, 'approve')).statusCode).toBe(409);

    const again = await nominate(jakartaOfficer, cohortId, mai);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ id, status: 'nominated', decisionReason: '', nominatedByName: 'Joko Officer' });
  });

  it('never exceed capacity when two approvals arrive at once', async () => {
    const cohortId = await makeCohort({ capacity: 1 });
    const first = await nominated(jakartaOfficer, cohortId, mai);
    const second = await nominated(jakartaOfficer, cohortId, budi);
    const results = await Promise.all([decide(trainer, first, 'approve'), decide(secretariat, second, 'approve')]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(results.map((r) => r.json().enrolment.status).sort()).toEqual(['approved', 'waitlisted']);
    const cohort = await ok(trainer, 'GET', `/api/v1/training/cohorts/${cohortId}`);
    expect(cohort).toMatchObject({ approvedCount: 1, waitlistedCount: 1, seatsLeft: 0 });
  });
});

describe('who sees enrolments', () => {
  it('a trainee sees their own, not other cities’; their city and national representative see the city’s; the trainers all', async () => {
    const cohortId = await makeCohort();
    const maiId = await nominated(jakartaOfficer, cohortId, mai);
    const budiId = await nominated(jakartaOfficer, cohortId, budi);
    const makassarId = await nominated(makassarOfficial, cohortId, makassarOfficial);
    const ids = async (by: TestPerson) => ((await ok(by, 'GET', `/api/v1/training/cohorts/${cohortId}/enrolments`)).items as { id: string }[]).map((e) => e.id).sort();

    // Mai is also on her city's staff, who may nominate (and so see) its officials: Budi, not Makassar's.
    expect(await ids(mai)).toEqual([maiId, budiId].sort());
    expect((await req(mai, 'GET', `/api/v1/training/enrolments/${makassarId}`)).statusCode).toBe(404);
    expect((await req(makassarOfficial, 'GET', `/api/v1/training/enrolments/${budiId}`)).statusCode).toBe(404);
    expect((await req(makassarOfficial, 'GET', `/api/v1/training/enrolments/${maiId}`)).statusCode).toBe(404);
    expect((await req(vietnamRep, 'GET', `/api/v1/training/enrolments/${maiId}`)).statusCode).toBe(404);
    expect((await req(company, 'GET', `/api/v1/training/enrolments/${maiId}`)).statusCode).toBe(404);
    expect(await ids(jakartaOfficer)).toEqual([maiId, budiId].sort());
    expect(await ids(indonesiaRep)).toEqual([maiId, budiId, makassarId].sort());
    expect(await ids(trainer)).toEqual([maiId, budiId, makassarId].sort());
    expect(await ids(otherPartnerTrainer)).toEqual([]);
    expect(await ids(makassarOfficial)).toEqual([makassarId]);

    const mine = (await ok(mai, 'GET', '/api/v1/training/my-enrolments')).items as { id: string; cohort: { id: string } }[];
    expect(mine.map((e) => e.id)).toContain(maiId);
    expect(mine.map((e) => e.id)).not.toContain(budiId);
    const makassarOwn = ((await ok(makassarOfficial, 'GET', '/api/v1/training/my-enrolments')).items as { id: string }[]).map((e) => e.id);
    expect(makassarOwn).toContain(makassarId);
    expect(makassarOwn).not.toContain(maiId);
    // The other city cannot withdraw Mai; her city can.
    expect((await req(makassarOfficial, 'POST', `/api/v1/training/enrolments/${maiId}/withdrawal`, {})).statusCode).toBe(404);
    expect((await req(jakartaOfficer, 'POST', `/api/v1/training/enrolments/${maiId}/withdrawal`, { reason: 'Workload' })).statusCode).toBe(200);
  });
});

describe('attendance and feedback', () => {
  it('is refused for a session that has not started, so no certificate can precede the course', async () => {
    const cohortId = await makeCohort();
    const maiId = await nominated(jakartaOfficer, cohortId, mai);
    await ok(trainer, 'POST', `/api/v1/training/enrolments/${maiId}/decision`, { decision: 'approve' });
    const future = (await ok(trainer, 'POST', `/api/v1/training/cohorts/${cohortId}/sessions`, { title: 'Opening day', startsAt: '2031-05-05T09:00', endsAt: '2031-05-05T12:00' }, 201)).sessions[0].id;
    const refused = await req(trainer, 'PUT', `/api/v1/training/cohorts/${cohortId}/attendance`, { records: [{ sessionId: future, enrolmentId: maiId, present: true }] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([{ field: 'body.records.0.sessionId', message: '"Opening day" has not started yet: attendance is recorded once it has begun' }]);
    const grid = await ok(trainer, 'GET', `/api/v1/training/cohorts/${cohortId}/attendance`);
    expect(JSON.stringify(grid)).not.toContain('"present":true');
  });

  it('is recorded by the trainers for approved trainees, audited, and completes those who attended enough', async () => {
    const cohortId = await makeCohort({ past: true, minAttendancePercent: 50 });
    const maiId = await nominated(jakartaOfficer, cohortId, mai);
    const budiId = await nominated(jakartaOfficer, cohortId, budi);
    const sariId = await nominated(jakartaOfficer, cohortId, sari);
    await ok(trainer, 'POST', `/api/v1/training/enrolments/${maiId}/decision`, { decision: 'approve' });
    await ok(trainer, 'POST', `/api/v1/training/enrolments/${budiId}/decision`, { decision: 'approve' });
    const s1 = (await ok(trainer, 'POST', `/api/v1/training/cohorts/${cohortId}/sessions`, { title: 'Session 1', startsAt: '2020-01-06T09:00', endsAt: '2020-01-06T12:00' }, 201)).sessions[0].id;
    const sessions = (await ok(trainer, 'POST', `/api/v1/training/cohorts/${cohortId}/sessions`, { title: 'Session 2', startsAt: '2020-01-07T09:00', endsAt: '2020-01-07T12:00' }, 201)).sessions;
    const s2 = sessions.find((s: { title: string }) => s.title === 'Session 2').id;
    await ok(trainer, 'PATCH', `/api/v1/training/cohorts/${cohortId}`, { status: 'in_progress' });
    const url = `/api/v1/training/cohorts/${cohortId}/attendance`;

    const grid = await ok(trainer, 'GET', url);
    expect(grid.trainees.map((t: { name: string }) => t.name)).toEqual(['Budi Santoso', 'Tran Thi Mai']);
    expect(grid.sessions).toHaveLength(2);
    expect((await req(jakartaOfficer, 'GET', url)).statusCode).toBe(403);
    expect((await req(otherPartnerTrainer, 'PUT', url, { records: [{ sessionId: s1, enrolmentId: maiId, present: true }] })).statusCode).toBe(403);

    const notApproved = await req(trainer, 'PUT', url, { records: [{ sessionId: s1, enrolmentId: sariId, present: true }] });
    expect(notApproved.statusCode).toBe(400);
    expect(notApproved.json().error.details).toEqual([{ field: 'body.records.0.enrolmentId', message: 'is not an approved trainee of this cohort' }]);

    // The course has no quiz: attending half of the sessions (the cohort's minimum) completes it.
    const recorded = await ok(trainer, 'PUT', url, {
      records: [
        { sessionId: s1, enrolmentId: maiId, present: true },
        { sessionId: s1, enrolmentId: budiId, present: false },
        { sessionId: s2, enrolmentId: budiId, present: false },
      ],
    });
    expect(recorded.newlyCompleted).toEqual([maiId]);
    expect(recorded.records).toHaveLength(3);
    const detail = await enrolment(mai, maiId);
    expect(detail.completedAt).not.toBeNull();
    expect(detail.certificate).toMatchObject({ verificationCode: expect.any(String), revokedAt: null });
    expect(detail.sessions.map((s: { present: boolean | null }) => s.present)).toEqual([true, null]);
    expect((await enrolment(budi, budiId)).completedAt).toBeNull();

    // Correcting a record is a new audited recording.
    const corrected = await ok(trainer, 'PUT', url, { records: [{ sessionId: s2, enrolmentId: budiId, present: true }] });
    expect(corrected.newlyCompleted).toEqual([budiId]);
    const audit = await ok(secretariat, 'GET', `/api/v1/audit?entityType=cohort&entityId=${cohortId}`);
    expect(audit.items.filter((e: { action: string }) => e.action === 'cohort.attendance_recorded')).toHaveLength(2);
    expect((await req(jakartaOfficer, 'POST', `/api/v1/training/enrolments/${maiId}/withdrawal`, {})).statusCode).toBe(409);
  });

  it('feedback is given once by the trainee after the course, and read in aggregate without names', async () => {
    const future = await makeCohort();
    const early = await nominated(jakartaOfficer, future, mai);
    await ok(trainer, 'POST', `/api/v1/training/enrolments/${early}/decision`, { decision: 'approve' });
    const tooSoon = await req(mai, 'POST', `/api/v1/training/enrolments/${early}/feedback`, { overall: 5, relevance: 5, delivery: 5 });
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.json().error.message).toBe('The feedback survey opens when the course ends, on 2031-05-09.');

    const cohortId = await makeCohort({ past: true });
    const people = [mai, budi, sari];
    const ids: string[] = [];
    for (const person of people) {
      const id = await nominated(jakartaOfficer, cohortId, person);
      await ok(trainer, 'POST', `/api/v1/training/enrolments/${id}/decision`, { decision: 'approve' });
      ids.push(id);
    }
    const url = (id: string) => `/api/v1/training/enrolments/${id}/feedback`;
    expect((await req(jakartaOfficer, 'POST', url(ids[0]!), { overall: 5, relevance: 5, delivery: 5 })).statusCode).toBe(403);
    expect((await req(mai, 'POST', url(ids[0]!), { overall: 6, relevance: 5, delivery: 5 })).statusCode).toBe(400);

    const given = await ok(mai, 'POST', url(ids[0]!), { overall: 5, relevance: 4, delivery: 3, comments: 'Very practical' }, 201);
    expect(given).toMatchObject({ canGiveFeedback: false, feedback: { overall: 5, comments: 'Very practical' } });
    const twice = await req(mai, 'POST', url(ids[0]!), { overall: 1, relevance: 1, delivery: 1 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('You already gave your feedback on');
    expect((await enrolment(mai, ids[0]!)).feedback.overall).toBe(5);

    const aggregateUrl = `/api/v1/training/cohorts/${cohortId}/feedback`;
    expect(await ok(trainer, 'GET', aggregateUrl)).toEqual({ responses: 1, minimumResponses: 3, averages: null, comments: ['Very practical'] });
    await ok(budi, 'POST', url(ids[1]!), { overall: 4, relevance: 4, delivery: 4 }, 201);
    await ok(sari, 'POST', url(ids[2]!), { overall: 3, relevance: 5, delivery: 5, comments: 'More exercises please' }, 201);
    const aggregate = await ok(courseOwner, 'GET', aggregateUrl);
    expect(aggregate).toEqual({ responses: 3, minimumResponses: 3, averages: { overall: 4, relevance: 4.3, delivery: 4 }, comments: ['More exercises please', 'Very practical'] });
    expect(JSON.stringify(aggregate)).not.toContain('Tran Thi Mai');
    expect((await req(jakartaOfficer, 'GET', aggregateUrl)).statusCode).toBe(403);
    expect((await req(mai, 'GET', aggregateUrl)).statusCode).toBe(403);
  });
});
