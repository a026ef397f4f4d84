import { parse } from 'csv-parse/sync';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohorts, courses, notifications } from '../../db/schema/index.js';
import { subcategoryIds } from '../../engines/csf/gaps.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';
import { csfCore } from './framework.js';
import { eq } from 'drizzle-orm';

let t: TestApp;
let officer: TestPerson; // Makassar city staff
let colleague: TestPerson; // also Makassar
let otherCity: TestPerson; // Banyuwangi, same country
let nationalRep: TestPerson; // Indonesia
let foreignRep: TestPerson; // Viet Nam
let secretariat: TestPerson;
let company: TestPerson;

const allIds = () => subcategoryIds(csfCore());

const req = (as: TestPerson | null, method: InjectOptions['method'], url: string, payload?: unknown) =>
  t.request(as, { method, url, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) });

async function create(as: TestPerson, body: Record<string, unknown> = {}) {
  const response = await req(as, 'POST', '/api/v1/assessments', { title: 'City administration 2026', ...body });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; revision: number };
}

/** Answers every subcategory (current 1, target 3 unless `levels` says otherwise) in one batch. */
async function answerAll(as: TestPerson, id: string, levels: (subcategoryId: string) => { currentLevel: number; targetLevel: number } = () => ({ currentLevel: 1, targetLevel: 3 })) {
  const response = await req(as, 'PUT', `/api/v1/assessments/${id}/answers`, { answers: allIds().map((subcategoryId) => ({ subcategoryId, ...levels(subcategoryId) })) });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function judgeTiers(as: TestPerson, id: string) {
  const response = await req(as, 'PATCH', `/api/v1/assessments/${id}`, {
    governanceTier: 2,
    governanceTierRationale: 'Policy exists but is not reviewed.',
    riskManagementTier: 1,
    riskManagementTierRationale: 'Ad hoc.',
  });
  expect(response.statusCode).toBe(200);
}

async function submitted(as: TestPerson, body: Record<string, unknown> = {}, levels?: Parameters<typeof answerAll>[2]) {
  const { id } = await create(as, body);
  await answerAll(as, id, levels);
  await judgeTiers(as, id);
  const response = await req(as, 'POST', `/api/v1/assessments/${id}/submit`);
  expect(response.statusCode).toBe(200);
  return id;
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
function multipart(fileName: string, bytes: Buffer) {
  const boundary = '----mitra-assessment-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  t = await createTestApp();
  const makassar = await makeOrganisation(t, { kind: 'city_government', cityId: 'makassar' });
  officer = await makePerson(t, makassar, { role: 'admin' });
  colleague = await makePerson(t, makassar, { role: 'member' });
  otherCity = await makeActor(t, 'city_government', { cityId: 'banyuwangi' });
  nationalRep = await makeActor(t, 'national_agency', { countryCode: 'ID' });
  foreignRep = await makeActor(t, 'national_agency', { countryCode: 'VN' });
  secretariat = await makeActor(t, 'secretariat');
  company = await makeActor(t, 'company');
});
afterAll(() => t.close());

describe('creating an assessment', () => {
  it('is for the city of the session, never one named in the request', async () => {
    const refused = await req(officer, 'POST', '/api/v1/assessments', { title: 'Elsewhere', cityId: 'banyuwangi' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('cityId');
    const created = await req(officer, 'POST', '/api/v1/assessments', {
      title: 'Traffic management 2026',
      scope: 'system',
      scopeSystem: 'traffic',
      scopeNotes: 'Signals and the control centre',
      priorityCategoryIds: ['GV.RM', 'PR.AA', 'GV.RM'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      cityId: 'makassar',
      countryCode: 'ID',
      status: 'draft',
      scope: 'system',
      scopeSystem: 'traffic',
      priorityCategoryIds: ['GV.RM', 'PR.AA'],
      revision: 1,
      canEdit: true,
      canShare: true,
      sharedWithNational: false,
      progress: { answered: 0, notApplicable: 0, total: 106 },
      answers: [],
    });
    const audit = (await req(secretariat, 'GET', `/api/v1/audit?entityType=cyber_assessment&entityId=${created.json().id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['assessment.created']);
  });

  it('is refused to anyone but city staff', async () => {
    for (const person of [nationalRep, secretariat, company]) {
      expect((await req(person, 'POST', '/api/v1/assessments', { title: 'Not mine' })).statusCode).toBe(403);
    }
    expect((await req(null, 'POST', '/api/v1/assessments', { title: 'Anonymous' })).statusCode).toBe(401);
  });

  it('names the field when the scope or the priorities are wrong', async () => {
    const noSystem = await req(officer, 'POST', '/api/v1/assessments', { title: 'Water', scope: 'system' });
    expect(noSystem.statusCode).toBe(400);
    expect(noSystem.json().error.details).toEqual([expect.objectContaining({ field: 'body.scopeSystem' })]);
    const systemForWholeCity = await req(officer, 'POST', '/api/v1/assessments', { title: 'Whole', scope: 'city_administration', scopeSystem: 'water' });
    expect(systemForWholeCity.statusCode).toBe(400);
    const unknownCategory = await req(officer, 'POST', '/api/v1/assessments', { title: 'P', priorityCategoryIds: ['GV.RM', 'XX.YY'] });
    expect(unknownCategory.statusCode).toBe(400);
    expect(unknownCategory.json().error.details[0]).toMatchObject({ field: 'body.priorityCategoryIds.1', message: expect.stringContaining('not a CSF 2.0 category') });
    const noTitle = await req(officer, 'POST', '/api/v1/assessments', { title: '  ' });
    expect(noTitle.statusCode).toBe(400);
  });
});

describe('who sees an assessment', () => {
  it('is its city’s staff only, and the national representatives of its country once shared', async () => {
    const { id } = await create(officer, { title: 'Visibility check' });
    const paths = [`/api/v1/assessments/${id}`, `/api/v1/assessments/${id}/gaps`, `/api/v1/assessments/${id}/recommended-courses`, `/api/v1/assessments/${id}/report.csv`, `/api/v1/assessments/${id}/report.pdf`, `/api/v1/assessments/${id}/documents`];
    for (const path of paths) {
      expect((await req(colleague, 'GET', path)).statusCode, path).toBe(200);
      for (const outsider of [otherCity, nationalRep, foreignRep, secretariat, company]) {
        expect((await req(outsider, 'GET', path)).statusCode, path).toBe(404);
      }
    }
    expect((await req(null, 'GET', `/api/v1/assessments/${id}`)).statusCode).toBe(401);
    expect((await req(otherCity, 'PUT', `/api/v1/assessments/${id}/answers/GV.OC-01`, { currentLevel: 1, targetLevel: 2 })).statusCode).toBe(404);
    expect((await req(secretariat, 'PUT', `/api/v1/assessments/${id}/sharing`, { shared: true })).statusCode).toBe(404);
    expect((await req(otherCity, 'DELETE', `/api/v1/assessments/${id}`)).statusCode).toBe(404);

    const shared = await req(officer, 'PUT', `/api/v1/assessments/${id}/sharing`, { shared: true });
    expect(shared.statusCode).toBe(200);
    expect(shared.json()).toMatchObject({ sharedWithNational: true });
    const rep = await req(nationalRep, 'GET', `/api/v1/assessments/${id}`);
    expect(rep.statusCode).toBe(200);
    expect(rep.json()).toMatchObject({ canEdit: false, canShare: false });
    expect((await req(nationalRep, 'GET', `/api/v1/assessments/${id}/gaps`)).statusCode).toBe(200);
    // The representative reads, but does not change, and does not decide about sharing.
    expect((await req(nationalRep, 'PUT', `/api/v1/assessments/${id}/answers/GV.OC-01`, { currentLevel: 1, targetLevel: 2 })).statusCode).toBe(403);
    expect((await req(nationalRep, 'PATCH', `/api/v1/assessments/${id}`, { title: 'Renamed' })).statusCode).toBe(403);
    expect((await req(nationalRep, 'PUT', `/api/v1/assessments/${id}/sharing`, { shared: false })).statusCode).toBe(403);
    expect((await req(nationalRep, 'DELETE', `/api/v1/assessments/${id}`)).statusCode).toBe(403);
    // Other countries' representatives, other cities and the secretariat still see nothing.
    for (const outsider of [foreignRep, otherCity, secretariat]) expect((await req(outsider, 'GET', `/api/v1/assessments/${id}`)).statusCode).toBe(404);
    // The representative was told.
    const told = await t.db.select().from(notifications).where(eq(notifications.link, `/app/assessments/${id}`));
    expect(told.map((n) => n.userId)).toEqual([nationalRep.id]);

    expect((await req(officer, 'PUT', `/api/v1/assessments/${id}/sharing`, { shared: false })).statusCode).toBe(200);
    expect((await req(nationalRep, 'GET', `/api/v1/assessments/${id}`)).statusCode).toBe(404);
    const audit = (await req(secretariat, 'GET', `/api/v1/audit?entityType=cyber_assessment&entityId=${id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['assessment.unshared', 'assessment.shared', 'assessment.created']);
  });

  it('lists the city’s own for its staff and only shared ones for national representatives', async () => {
    const { id: privateId } = await create(officer, { title: 'Private draft' });
    const { id: sharedId } = await create(otherCity, { title: 'Banyuwangi shared' });
    await req(otherCity, 'PUT', `/api/v1/assessments/${sharedId}/sharing`, { shared: true });
    const own = (await req(colleague, 'GET', '/api/v1/assessments')).json();
    expect(own.canCreate).toBe(true);
    expect(own.items.map((a: { id: string }) => a.id)).toContain(privateId);
    expect(own.items.every((a: { cityId: string }) => a.cityId === 'makassar')).toBe(true);
    const rep = (await req(nationalRep, 'GET', '/api/v1/assessments')).json();
    expect(rep.canCreate).toBe(false);
    expect(rep.items.map((a: { id: string }) => a.id)).toEqual([sharedId]);
    expect((await req(foreignRep, 'GET', '/api/v1/assessments')).json().items).toEqual([]);
    expect((await req(secretariat, 'GET', '/api/v1/assessments')).json()).toEqual({ items: [], canCreate: false });
  });
});

describe('answering', () => {
  it('saves one answer at a time and counts progress', async () => {
    const { id } = await create(officer, { title: 'Answering' });
    const saved = await req(officer, 'PUT', `/api/v1/assessments/${id}/answers/GV.OC-01`, { currentLevel: 1, targetLevel: 3, evidence: 'Strategy 2024, section 2' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      answer: { subcategoryId: 'GV.OC-01', currentLevel: 1, targetLevel: 3, notApplicable: false, evidence: 'Strategy 2024, section 2', updatedByName: officer.name },
      revision: 2,
      previousRevision: 1,
      progress: { answered: 1, notApplicable: 0, total: 106 },
    });
    // A level still to be judged is kept but does not count as answered.
    const partial = await req(officer, 'PUT', `/api/v1/assessments/${id}/answers/GV.OC-02`, { currentLevel: 2, targetLevel: null });
    expect(partial.json()).toMatchObject({ progress: { answered: 1 }, answer: { currentLevel: 2, targetLevel: null } });
    const na = await req(officer, 'PUT', `/api/v1/assessments/${id}/answers/GV.SC-10`, { notApplicable: true, notApplicableReason: 'No suppliers within this scope.' });
    expect(na.json()).toMatchObject({ progress: { answered: 2, notApplicable: 1 }, answer: { notApplicable: true, notApplicableReason: 'No suppliers within this scope.' } });
    // Saving the same answer again changes nothing and does not move the revision.
    const again = await req(officer, 'PUT', `/api/v1/assessments/${id}/answers/GV.SC-10`, { notApplicable: true, notApplicableReason: 'No suppliers within this scope.' });
    expect(again.json()).toMatchObject({ revision: na.json().revision, previousRevision: na.json().revision });
    const detail = (await req(colleague, 'GET', `/api/v1/assessments/${id}`)).json();
    expect(detail.answers.map((a: { subcategoryId: string }) => a.subcategoryId)).toEqual(['GV.OC-01', 'GV.OC-02', 'GV.SC-10']);
    const audit = (await req(secretariat, 'GET', `/api/v1/audit?entityType=cyber_assessment&entityId=${id}`)).json();
    expect(audit.items.filter((e: { action: string }) => e.action === 'assessment.answer_saved')).toHaveLength(3);
  });

  it('lets colleagues work at once and tells each page when the other saved', async () => {
    const { id } = await create(officer, { title: 'Together' });
    const mine = (await req(officer, 'PUT', `/api/v1/assessments/${id}/answers/ID.AM-01`, { currentLevel: 2, targetLevel: 3 })).json();
    expect(mine).toMatchObject({ previousRevision: 1, revision: 2 });
    // The colleague's page also loaded revision 1: their save reports 2 as the previous revision, so their page refetches.
    const theirs = (await req(colleague, 'PUT', `/api/v1/assessments/${id}/answers/ID.AM-02`, { currentLevel: 0, targetLevel: 2 })).json();
    expect(theirs).toMatchObject({ previousRevision: 2, revision: 3 });
    const detail = (await req(officer, 'GET', `/api/v1/assessments/${id}`)).json();
    expect(detail.revision).toBe(3);
    expect(detail.answers.map((a: { subcategoryId: string; updatedByName: string }) => [a.subcategoryId, a.updatedByName])).toEqual([
      ['ID.AM-01', officer.name],
      ['ID.AM-02', colleague.name],
    ]);
  });

  it('refuses levels outside the scale, unknown subcategories and not-applicable without a reason, naming the field', async () => {
    const { id } = await create(officer, { title: 'Bad input' });
    const cases: [string, unknown, string][] = [
      ['GV.OC-01', { currentLevel: 5, targetLevel: 3 }, 'body.currentLevel'],
      ['GV.OC-01', { currentLevel: 1, targetLevel: -1 }, 'body.targetLevel'],
      ['GV.OC-01', { currentLevel: 2.5, targetLevel: 3 }, 'body.currentLevel'],
      ['GV.OC-01', { currentLevel: '2', targetLevel: 3 }, 'body.currentLevel'],
      ['GV.OC-01', { notApplicable: true }, 'body.notApplicableReason'],
      ['GV.OC-01', { notApplicable: true, notApplicableReason: '   ' }, 'body.notApplicableReason'],
      ['GV.XX-99', { currentLevel: 1, targetLevel: 2 }, 'params.subcategoryId'],
      ['GV.OC', { currentLevel: 1, targetLevel: 2 }, 'params.subcategoryId'],
    ];
    for (const [subcategoryId, body, field] of cases) {
      const response = await req(officer, 'PUT', `/api/v1/assessments/${id}/answers/${subcategoryId}`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const outOfScale = await req(officer, 'PUT', `/api/v1/assessments/${id}/answers/GV.OC-01`, { currentLevel: 7, targetLevel: 3 });
    expect(outOfScale.json().error.message).toContain('0–4');
    const batch = await req(officer, 'PUT', `/api/v1/assessments/${id}/answers`, {
      answers: [
        { subcategoryId: 'GV.OC-01', currentLevel: 1, targetLevel: 2 },
        { subcategoryId: 'NOT.A-01', currentLevel: 1, targetLevel: 2 },
        { subcategoryId: 'GV.OC-03', notApplicable: true },
      ],
    });
    expect(batch.statusCode).toBe(400);
    expect(batch.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['body.answers.1.subcategoryId', 'body.answers.2.notApplicableReason']));
    const twice = await req(officer, 'PUT', `/api/v1/assessments/${id}/answers`, {
      answers: [
        { subcategoryId: 'GV.OC-01', currentLevel: 1, targetLevel: 2 },
        { subcategoryId: 'GV.OC-01', currentLevel: 2, targetLevel: 2 },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details[0].field).toBe('body.answers.1.subcategoryId');
    // Nothing of the refused requests was stored.
    const detail = (await req(officer, 'GET', `/api/v1/assessments/${id}`)).json();
    expect(detail.answers).toEqual([]);
    expect(detail.revision).toBe(1);
    const tier = await req(officer, 'PATCH', `/api/v1/assessments/${id}`, { governanceTier: 5 });
    expect(tier.statusCode).toBe(400);
    expect(tier.json().error.details[0].field).toBe('body.governanceTier');
  });

  it('saves a whole category in one batch', async () => {
    const { id } = await create(officer, { title: 'Batch' });
    const category = csfCore().functions[0]!.categories[0]!;
    const response = await req(officer, 'PUT', `/api/v1/assessments/${id}/answers`, {
      answers: category.subcategories.map((sub, i) => (i === 0 ? { subcategoryId: sub.id, notApplicable: true, notApplicableReason: 'Out of scope' } : { subcategoryId: sub.id, currentLevel: 2, targetLevel: 4 })),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ revision: 2, previousRevision: 1, progress: { answered: category.subcategories.length, notApplicable: 1 } });
    expect(response.json().answers).toHaveLength(category.subcategories.length);
  });
});

describe('submitting', () => {
  it('names what is missing, then freezes the assessment', async () => {
    const { id } = await create(officer, { title: 'To submit' });
    const empty = await req(officer, 'POST', `/api/v1/assessments/${id}/submit`);
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.message).toContain('106 subcategories are not answered: GV.OC-01, GV.OC-02');
    expect(empty.json().error.details.map((d: { field: string }) => d.field)).toEqual(['answers', 'governanceTier', 'riskManagementTier']);

    // All but twelve answered, one of them not applicable.
    const ids = allIds();
    const answers = ids.slice(12).map((subcategoryId, i) => (i === 0 ? { subcategoryId, notApplicable: true, notApplicableReason: 'No such system' } : { subcategoryId, currentLevel: 1, targetLevel: 3 }));
    expect((await req(officer, 'PUT', `/api/v1/assessments/${id}/answers`, { answers })).statusCode).toBe(200);
    await req(officer, 'PATCH', `/api/v1/assessments/${id}`, { governanceTier: 2 });
    const partly = await req(officer, 'POST', `/api/v1/assessments/${id}/submit`);
    expect(partly.statusCode).toBe(409);
    expect(partly.json().error.message).toContain(`12 subcategories are not answered: ${ids.slice(0, 12).join(', ')}`);
    expect(partly.json().error.details.map((d: { field: string }) => d.field)).toEqual(['answers', 'governanceTierRationale', 'riskManagementTier']);

    await answerAll(officer, id, (sub) => (sub === ids[12] ? { currentLevel: 0, targetLevel: 0 } : { currentLevel: 1, targetLevel: 3 }));
    await judgeTiers(officer, id);
    const done = await req(colleague, 'POST', `/api/v1/assessments/${id}/submit`);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'submitted', canEdit: false, canShare: true, submittedByName: colleague.name, progress: { answered: 106 } });

    // Frozen: every change is a conflict that says so, and nothing changes.
    const edits: [InjectOptions['method'], string, unknown][] = [
      ['PUT', `/api/v1/assessments/${id}/answers/GV.OC-01`, { currentLevel: 4, targetLevel: 4 }],
      ['PUT', `/api/v1/assessments/${id}/answers`, { answers: [{ subcategoryId: 'GV.OC-01', currentLevel: 4, targetLevel: 4 }] }],
      ['PATCH', `/api/v1/assessments/${id}`, { governanceTier: 4 }],
      ['POST', `/api/v1/assessments/${id}/submit`, undefined],
      ['DELETE', `/api/v1/assessments/${id}`, undefined],
    ];
    for (const [method, url, body] of edits) {
      const response = await req(officer, method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(409);
      expect(response.json().error.code).toBe('conflict');
      expect(response.json().error.message).toMatch(/submitted/);
    }
    const upload = await t.request(officer, { method: 'POST', url: `/api/v1/assessments/${id}/documents`, ...multipart('late.pdf', pdf) });
    expect(upload.statusCode).toBe(409);
    const detail = (await req(officer, 'GET', `/api/v1/assessments/${id}`)).json();
    expect(detail.answers.find((a: { subcategoryId: string }) => a.subcategoryId === 'GV.OC-01')).toMatchObject({ currentLevel: 1, targetLevel: 3 });
    expect(detail.governanceTier).toBe(2);
    // Sharing stays the city's choice after submission.
    expect((await req(officer, 'PUT', `/api/v1/assessments/${id}/sharing`, { shared: true })).json()).toMatchObject({ sharedWithNational: true, status: 'submitted' });
    const audit = (await req(secretariat, 'GET', `/api/v1/audit?entityType=cyber_assessment&entityId=${id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('assessment.submitted');
  });
});

describe('attachments and deletion', () => {
  it('keeps attachments with the assessment’s own access and removes them with a deleted draft', async () => {
    const { id } = await create(officer, { title: 'With evidence' });
    const upload = await t.request(colleague, { method: 'POST', url: `/api/v1/assessments/${id}/documents`, ...multipart('policy.pdf', pdf) });
    expect(upload.statusCode).toBe(201);
    const documentId = upload.json().id as string;
    expect((await req(officer, 'GET', `/api/v1/assessments/${id}`)).json().attachments).toEqual([expect.objectContaining({ id: documentId, fileName: 'policy.pdf', ownerType: 'assessment' })]);
    expect((await req(officer, 'GET', `/api/v1/documents/${documentId}`)).statusCode).toBe(200);
    for (const outsider of [otherCity, nationalRep, secretariat]) expect((await req(outsider, 'GET', `/api/v1/documents/${documentId}`)).statusCode).toBe(404);
    expect((await t.request(otherCity, { method: 'POST', url: `/api/v1/assessments/${id}/documents`, ...multipart('x.pdf', pdf) })).statusCode).toBe(404);
    await req(officer, 'PUT', `/api/v1/assessments/${id}/sharing`, { shared: true });
    expect((await req(nationalRep, 'GET', `/api/v1/documents/${documentId}`)).statusCode).toBe(200);
    expect((await req(nationalRep, 'DELETE', `/api/v1/documents/${documentId}`)).statusCode).toBe(403);

    expect((await req(officer, 'DELETE', `/api/v1/assessments/${id}`)).statusCode).toBe(204);
    expect((await req(officer, 'GET', `/api/v1/assessments/${id}`)).statusCode).toBe(404);
    expect((await req(officer, 'GET', `/api/v1/documents/${documentId}`)).statusCode).toBe(404);
    const audit = (await req(secretariat, 'GET', `/api/v1/audit?entityType=cyber_assessment&entityId=${id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'assessment.deleted' });
  });
});

describe('gap analysis, comparison and recommended courses', () => {
  it('ranks the gaps, compares with the earlier assessment and recommends courses with their next cohorts', async () => {
    const city = await makeActor(t, 'city_government', { cityId: 'sumedang' });
    // Earlier: everything at 1 with target 3. Now: governance reached its targets, the rest not.
    const earlierId = await submitted(city, { title: 'Baseline', priorityCategoryIds: ['PR.AA'] });
    const { id } = await create(city, { title: 'Review', priorityCategoryIds: ['PR.AA'] });
    await answerAll(city, id, (sub) => (sub.startsWith('GV.') ? { currentLevel: 3, targetLevel: 3 } : sub.startsWith('PR.AA') ? { currentLevel: 1, targetLevel: 3 } : { currentLevel: 2, targetLevel: 3 }));
    await req(city, 'PUT', `/api/v1/assessments/${id}/answers/RC.CO-03`, { notApplicable: true, notApplicableReason: 'Communications are the province’s' });

    const gaps = await req(city, 'GET', `/api/v1/assessments/${id}/gaps`);
    expect(gaps.statusCode).toBe(200);
    const body = gaps.json();
    expect(body.scale).toHaveLength(5);
    expect(body.functions.find((f: { id: string }) => f.id === 'GV')).toMatchObject({ current: 3, target: 3, gap: 0 });
    expect(body.rankedCategoryGaps[0]).toMatchObject({ id: 'PR.AA', gap: 2, priority: true, rankScore: 3 });
    expect(body.rankedCategoryGaps.some((g: { functionId: string }) => g.functionId === 'GV')).toBe(false);
    expect(body.categories.find((c: { id: string }) => c.id === 'RC.CO')).toMatchObject({ notApplicable: 1 });
    expect(body.subcategories).toHaveLength(106);
    expect(body.comparison.earlier).toMatchObject({ id: earlierId, title: 'Baseline' });
    const changes = new Map(body.comparison.changes.map((c: { id: string }) => [c.id, c]));
    expect(changes.get('GV.OC')).toMatchObject({ gapBefore: 2, gapNow: 0, gapClosed: true, gapNarrowed: true, currentBefore: 1, currentNow: 3 });
    expect(changes.get('ID.AM')).toMatchObject({ gapBefore: 2, gapNow: 1, gapClosed: false, gapNarrowed: true });
    expect(changes.get('PR.AA')).toMatchObject({ gapClosed: false, gapNarrowed: false });
    expect(body.comparison.closed).toBe(6);
    expect(body.comparisonOptions.map((o: { id: string }) => o.id)).toEqual([earlierId]);
    // Another city's assessment cannot be chosen for comparison.
    const foreign = await submitted(otherCity, { title: 'Banyuwangi baseline' });
    const refused = await req(city, 'GET', `/api/v1/assessments/${id}/gaps?compareWith=${foreign}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].field).toBe('query.compareWith');
    // The earlier assessment itself has nothing earlier to compare with.
    expect((await req(city, 'GET', `/api/v1/assessments/${earlierId}/gaps`)).json()).toMatchObject({ comparison: null, comparisonOptions: [] });

    // Courses: published ones addressing the gaps are recommended; drafts and unrelated ones are not.
    const provider = await makeOrganisation(t, { kind: 'cyber_centre' });
    const [ot] = await t.db.insert(courses).values({ organisationId: provider.id, title: 'Securing city OT', topic: 'cybersecurity', csfCategoryIds: ['PR.AA', 'DE.CM'], status: 'published' }).returning();
    await t.db.insert(courses).values({ organisationId: provider.id, title: 'Governance basics', topic: 'cybersecurity', csfCategoryIds: ['GV.OC'], status: 'published' });
    await t.db.insert(courses).values({ organisationId: provider.id, title: 'Draft identity course', topic: 'cybersecurity', csfCategoryIds: ['PR.AA'], status: 'draft' });
    const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const cohort = (title: string, startsOn: string, status: 'planned' | 'open' | 'cancelled' | 'completed') => ({
      courseId: ot!.id,
      title,
      startsOn,
      endsOn: startsOn,
      mode: 'online' as const,
      deliveringOrganisationId: provider.id,
      capacity: 20,
      status,
    });
    await t.db.insert(cohorts).values([cohort('Later', future(60), 'planned'), cohort('Soon', future(10), 'open'), cohort('Cancelled', future(20), 'cancelled'), cohort('Past', future(-30), 'completed')]);
    const recommended = (await req(city, 'GET', `/api/v1/assessments/${id}/recommended-courses`)).json();
    expect(recommended.items.map((r: { course: { title: string } }) => r.course.title)).toEqual(['Securing city OT']);
    expect(recommended.items[0].addresses[0]).toMatchObject({ categoryId: 'PR.AA', priority: true, gap: 2 });
    expect(recommended.items[0].nextCohorts.map((c: { title: string }) => c.title)).toEqual(['Soon', 'Later']);
    expect(recommended.items[0].course).toMatchObject({ id: ot!.id, organisationName: provider.name });
  });
});

describe('reports', () => {
  it('gives a CSV with one row per subcategory, formulas defused, and a PDF', async () => {
    const { id } = await create(officer, { title: 'Report / 2026' });
    await req(officer, 'PUT', `/api/v1/assessments/${id}/answers/GV.OC-01`, { currentLevel: 1, targetLevel: 4, evidence: '=HYPERLINK("http://evil.example","x")' });
    await req(officer, 'PUT', `/api/v1/assessments/${id}/answers/GV.OC-02`, { notApplicable: true, notApplicableReason: '+not ours', evidence: 'Line one\nline two' });
    const csv = await req(officer, 'GET', `/api/v1/assessments/${id}/report.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('cyber-self-assessment-report-2026.csv');
    expect(csv.headers['cache-control']).toContain('no-store');
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(106);
    expect(rows[0]).toMatchObject({
      function_id: 'GV',
      category_id: 'GV.OC',
      subcategory_id: 'GV.OC-01',
      current_level: '1',
      current_level_name: 'Initial, ad hoc',
      target_level: '4',
      gap: '3',
      not_applicable: 'no',
      evidence: `'=HYPERLINK("http://evil.example","x")`,
    });
    expect(rows[1]).toMatchObject({ not_applicable: 'yes', not_applicable_reason: "'+not ours", current_level: '', gap: '', evidence: 'Line one\nline two' });
    expect(rows[2]).toMatchObject({ subcategory_id: 'GV.OC-03', current_level: '', target_level: '' });

    const report = await req(officer, 'GET', `/api/v1/assessments/${id}/report.pdf`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe('application/pdf');
    expect(report.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(report.rawPayload.length).toBeGreaterThan(2000);
  });
});
