import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../db/schema/index.js';
import { assistanceEvents, investmentProjects } from '../../db/schema/projects.js';
import { notifications } from '../../db/schema/index.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';

type Who = 'officer' | 'csco' | 'daNangStaff' | 'indonesiaRep' | 'vietnamRep' | 'reviewer' | 'otherReviewer' | 'company' | 'secretariat';
let t: TestApp;
const people = {} as Record<Who, TestPerson>;
let agencyId: string;
let otherAgencyId: string;
let companyOrgId: string;
let ownProjectId: string;
let daNangProjectId: string;

const req = (by: TestPerson | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) => t.request(by, { method, url, ...(payload ? { payload } : {}) });
const draft = (fields: Record<string, unknown> = {}) => ({
  kind: 'feasibility_study',
  title: 'Feasibility study for canal flood sensors',
  problem: 'Canals flood every monsoon without warning.',
  objectives: 'Assess an early-warning sensor network.',
  scope: 'Technical, financial and legal options for 40 km of canals.',
  projectId: ownProjectId,
  budget: { amount: '250000.00', currency: 'USD' },
  timeline: 'Six months from approval',
  agencyOrganisationId: agencyId,
  ...fields,
});
const create = async (fields: Record<string, unknown> = {}, by = people.officer) => {
  const response = await req(by, 'POST', '/api/v1/assistance-requests', draft(fields));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; status: string };
};
const move = (by: TestPerson, id: string, to: string, reason?: string) => req(by, 'POST', `/api/v1/assistance-requests/${id}/transitions`, { to, ...(reason !== undefined ? { reason } : {}) });
/** A request that reached `screening`. */
async function screening() {
  const { id } = await create();
  expect((await req(people.csco, 'POST', `/api/v1/assistance-requests/${id}/endorse`)).statusCode).toBe(200);
  expect((await move(people.officer, id, 'submitted')).statusCode).toBe(200);
  expect((await move(people.reviewer, id, 'screening')).statusCode).toBe(200);
  return id;
}
const listIds = async (by: TestPerson) => ((await req(by, 'GET', '/api/v1/assistance-requests')).json().items as { id: string }[]).map((r) => r.id);

beforeAll(async () => {
  t = await createTestApp();
  const cityOrg = await makeOrganisation(t, { kind: 'city_government', cityId: 'makassar', name: 'Makassar City Government (assistance test)' });
  people.officer = await makePerson(t, cityOrg, { role: 'member', name: 'Olivia Officer' });
  people.csco = await makePerson(t, cityOrg, { role: 'admin', name: 'Chief Smart City Officer' });
  people.daNangStaff = await makeActor(t, 'city_government', { cityId: 'da-nang' });
  people.indonesiaRep = await makeActor(t, 'national_agency', { countryCode: 'ID' });
  people.vietnamRep = await makeActor(t, 'national_agency', { countryCode: 'VN' });
  const agency = await makeOrganisation(t, { kind: 'us_agency', name: 'U.S. Trade and Development Agency (assistance test)' });
  agencyId = agency.id;
  people.reviewer = await makePerson(t, agency, { role: 'member', name: 'Rita Reviewer' });
  const otherAgency = await makeOrganisation(t, { kind: 'us_agency', name: 'Other U.S. Agency (assistance test)' });
  otherAgencyId = otherAgency.id;
  people.otherReviewer = await makePerson(t, otherAgency);
  const company = await makeOrganisation(t, { kind: 'company', name: 'FloodTech (assistance test)' });
  companyOrgId = company.id;
  people.company = await makePerson(t, company);
  people.secretariat = await makeActor(t, 'secretariat', { role: 'member' });
  const projects = await t.db
    .insert(investmentProjects)
    .values([
      { cityId: 'makassar', title: 'Canal sensors', sector: 'water', focusAreaId: 'quality-environment', deliveryModel: 'ppp', currency: 'USD' },
      { cityId: 'da-nang', title: 'Da Nang project', sector: 'water', focusAreaId: 'quality-environment', deliveryModel: 'ppp', currency: 'USD' },
    ])
    .returning();
  ownProjectId = projects[0]!.id;
  daNangProjectId = projects[1]!.id;
});
afterAll(() => t.close());

describe('drafting a request', () => {
  it('by the city staff, with the budget exact and the references checked', async () => {
    const created = await req(people.officer, 'POST', '/api/v1/assistance-requests', draft({ budget: { amount: '1250000.05', currency: 'usd' } }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'draft',
      cityName: 'Makassar',
      agencyName: 'U.S. Trade and Development Agency (assistance test)',
      projectTitle: 'Canal sensors',
      projectLinked: true,
      budget: { amount: '1250000.05', currency: 'USD', amountMinor: '125000005' },
      endorsed: false,
      can: { edit: true, endorse: false, transitions: ['submitted'] },
    });
    expect(created.json().missingForSubmission).toEqual([expect.stringContaining('endorsement')]);
  });

  it('is refused to everyone but city staff', async () => {
    for (const who of ['company', 'reviewer', 'indonesiaRep', 'secretariat'] as const) {
      expect((await req(people[who], 'POST', '/api/v1/assistance-requests', draft())).statusCode, who).toBe(403);
    }
    expect((await req(null, 'POST', '/api/v1/assistance-requests', draft())).statusCode).toBe(401);
  });

  it('refuses budgets that are floats, lose precision or use unknown currencies', async () => {
    const float = await req(people.officer, 'POST', '/api/v1/assistance-requests', draft({ budget: { amount: 1250.5, currency: 'USD' } }));
    expect(float.statusCode).toBe(400);
    expect(float.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'body.budget.amount' })]));
    const precise = await req(people.officer, 'POST', '/api/v1/assistance-requests', draft({ budget: { amount: '1250.505', currency: 'USD' } }));
    expect(precise.statusCode).toBe(400);
    expect(precise.json().error.message).toContain('at most 2 decimal places');
    const vnd = await req(people.officer, 'POST', '/api/v1/assistance-requests', draft({ budget: { amount: '1000.5', currency: 'VND' } }));
    expect(vnd.statusCode).toBe(400);
    const unknown = await req(people.officer, 'POST', '/api/v1/assistance-requests', draft({ budget: { amount: '100', currency: 'XYZ' } }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('"XYZ" is not an ISO 4217 currency code');
  });

  it("refuses another city's project and an organisation that is not a U.S. agency", async () => {
    const response = await req(people.officer, 'POST', '/api/v1/assistance-requests', draft({ projectId: daNangProjectId, agencyOrganisationId: companyOrgId }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual(
      expect.arrayContaining([
        { field: 'body.projectId', message: "must be one of your city's pipeline projects" },
        { field: 'body.agencyOrganisationId', message: 'must be a U.S. agency' },
      ]),
    );
  });
});

describe('endorsement and submission', () => {
  it('refuses submission without endorsement, naming what is missing', async () => {
    const { id } = await create({ scope: '' });
    const response = await move(people.officer, id, 'submitted');
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('endorsement by the city');
    expect(response.json().error.message).toContain('the scope');
  });

  it('is endorsed by the CSCO or the national representative only', async () => {
    const { id } = await create();
    for (const who of ['officer', 'reviewer', 'company', 'daNangStaff'] as const) {
      expect([403, 404], who).toContain((await req(people[who], 'POST', `/api/v1/assistance-requests/${id}/endorse`)).statusCode);
    }
    expect((await req(people.vietnamRep, 'POST', `/api/v1/assistance-requests/${id}/endorse`)).statusCode).toBe(404);
    const endorsed = await req(people.indonesiaRep, 'POST', `/api/v1/assistance-requests/${id}/endorse`);
    expect(endorsed.statusCode, endorsed.body).toBe(200);
    expect(endorsed.json()).toMatchObject({ endorsed: true, can: { endorse: false } });
    expect((await req(people.csco, 'POST', `/api/v1/assistance-requests/${id}/endorse`)).statusCode).toBe(409);
  });

  it('withdraws the endorsement when the draft changes, and freezes the request once submitted', async () => {
    const { id } = await create();
    await req(people.csco, 'POST', `/api/v1/assistance-requests/${id}/endorse`);
    const changed = await req(people.officer, 'PATCH', `/api/v1/assistance-requests/${id}`, { scope: 'A larger scope' });
    expect(changed.json()).toMatchObject({ endorsed: false, scope: 'A larger scope' });
    expect((await move(people.officer, id, 'submitted')).statusCode).toBe(409);
    await req(people.csco, 'POST', `/api/v1/assistance-requests/${id}/endorse`);
    const submitted = await move(people.officer, id, 'submitted');
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', daysSinceSubmission: 0 });
    expect((await req(people.officer, 'PATCH', `/api/v1/assistance-requests/${id}`, { title: 'Changed later' })).statusCode).toBe(409);
  });
});

describe('the workflow', () => {
  it('runs from submission to closure, each transition recorded with who, audited and notified', async () => {
    const id = await screening();
    expect((await move(people.reviewer, id, 'approved', 'Fits our programme')).json()).toMatchObject({ status: 'approved', decisionReason: 'Fits our programme', can: { recordDeal: true } });
    // Once approved, the city's staff and the reviewers may record the deal it led to; the national representative reads only.
    expect((await req(people.officer, 'GET', `/api/v1/assistance-requests/${id}`)).json().can.recordDeal).toBe(true);
    expect((await req(people.indonesiaRep, 'GET', `/api/v1/assistance-requests/${id}`)).json().can.recordDeal).toBe(false);
    for (const to of ['in_progress', 'delivered', 'closed']) expect((await move(people.reviewer, id, to)).statusCode, to).toBe(200);
    const detail = (await req(people.officer, 'GET', `/api/v1/assistance-requests/${id}`)).json();
    const transitions = detail.events.filter((e: { kind: string }) => e.kind === 'transition');
    expect(transitions.map((e: { toStatus: string }) => e.toStatus)).toEqual(['submitted', 'screening', 'approved', 'in_progress', 'delivered', 'closed']);
    expect(transitions[2]).toMatchObject({ fromStatus: 'screening', actorName: 'Rita Reviewer', body: 'Fits our programme' });
    const rows = await t.db.select().from(assistanceEvents).where(eq(assistanceEvents.requestId, id));
    expect(rows.every((row) => row.actorId !== null)).toBe(true);
    const audits = await t.db.select().from(auditEntries).where(eq(auditEntries.entityId, id));
    expect(audits.filter((a) => a.action === 'assistance_request.status_changed')).toHaveLength(6);
    const officerNotes = await t.db.select().from(notifications).where(eq(notifications.userId, people.officer.id));
    expect(officerNotes.some((n) => n.title.includes('approved') && n.link === `/app/assistance/${id}`)).toBe(true);
    const reviewerNotes = await t.db.select().from(notifications).where(eq(notifications.userId, people.reviewer.id));
    expect(reviewerNotes.some((n) => n.title.includes('submitted'))).toBe(true);
  });

  it('refuses invalid transitions, naming the allowed ones', async () => {
    const id = await screening();
    const skip = await move(people.reviewer, id, 'delivered');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.message).toBe('A request that is screening cannot become delivered. It can move to: "approved", "declined".');
    const byCity = await move(people.officer, id, 'approved');
    expect(byCity.statusCode).toBe(403);
    expect(byCity.json().error.message).toContain('Only the reviewers of U.S. Trade and Development Agency');
    expect((await move(people.otherReviewer, id, 'approved')).statusCode).toBe(404);
  });

  it('refuses a decline without a reason and keeps the reason given', async () => {
    const id = await screening();
    const bare = await move(people.reviewer, id, 'declined');
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details).toEqual([{ field: 'body.reason', message: 'give the reason for declining' }]);
    expect((await move(people.reviewer, id, 'declined', '   ')).statusCode).toBe(400);
    const declined = await move(people.reviewer, id, 'declined', 'Outside our mandate');
    expect(declined.json()).toMatchObject({ status: 'declined', decisionReason: 'Outside our mandate', can: { transitions: [] } });
    const after = await move(people.reviewer, id, 'in_progress');
    expect(after.json().error.message).toContain('It cannot move any further.');
  });

  it('carries comments and requests for information both ways', async () => {
    const id = await screening();
    expect((await req(people.officer, 'POST', `/api/v1/assistance-requests/${id}/comments`, { kind: 'info_request', body: 'Me?' })).statusCode).toBe(403);
    expect((await req(people.officer, 'POST', `/api/v1/assistance-requests/${id}/comments`, { kind: 'info_response', body: 'Nothing asked' })).statusCode).toBe(409);
    const asked = await req(people.reviewer, 'POST', `/api/v1/assistance-requests/${id}/comments`, { kind: 'info_request', body: 'Please send the canal map.' });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ infoRequested: true, infoRequestedText: 'Please send the canal map.' });
    const cityNotes = await t.db.select().from(notifications).where(eq(notifications.userId, people.csco.id));
    expect(cityNotes.some((n) => n.title.startsWith('Information requested'))).toBe(true);
    const answered = await req(people.officer, 'POST', `/api/v1/assistance-requests/${id}/comments`, { kind: 'info_response', body: 'Map attached to the project.' });
    expect(answered.json()).toMatchObject({ infoRequested: false, infoRequestedText: null });
    await req(people.reviewer, 'POST', `/api/v1/assistance-requests/${id}/comments`, { body: 'Thank you.' });
    const thread = (await req(people.officer, 'GET', `/api/v1/assistance-requests/${id}`)).json().events.filter((e: { kind: string }) => e.kind !== 'transition');
    expect(thread.map((e: { kind: string }) => e.kind)).toEqual(['comment', 'info_request', 'info_response', 'comment']);
    expect((await req(people.company, 'POST', `/api/v1/assistance-requests/${id}/comments`, { body: 'Hello' })).statusCode).toBe(404);
    expect((await req(people.reviewer, 'POST', `/api/v1/assistance-requests/${id}/comments`, { body: '  ' })).statusCode).toBe(400);
  });
});

describe('who sees what', () => {
  it('the city its own, the agency those routed to it once submitted, the country its cities, the secretariat all, a company nothing', async () => {
    const submittedId = await screening();
    const { id: draftId } = await create();
    const { id: otherAgencyDraft } = await create({ agencyOrganisationId: otherAgencyId });
    const daNang = await req(people.daNangStaff, 'POST', '/api/v1/assistance-requests', draft({ projectId: null }));
    const daNangId = daNang.json().id as string;

    expect(await listIds(people.officer)).toEqual(expect.arrayContaining([submittedId, draftId, otherAgencyDraft]));
    expect(await listIds(people.officer)).not.toContain(daNangId);
    expect(await listIds(people.reviewer)).toContain(submittedId);
    expect(await listIds(people.reviewer)).not.toContain(draftId);
    expect(await listIds(people.otherReviewer)).toEqual([]);
    expect(await listIds(people.indonesiaRep)).toEqual(expect.arrayContaining([submittedId, draftId]));
    expect(await listIds(people.indonesiaRep)).not.toContain(daNangId);
    expect(await listIds(people.secretariat)).toEqual(expect.arrayContaining([submittedId, draftId, daNangId]));
    expect(await listIds(people.company)).toEqual([]);

    expect((await req(people.daNangStaff, 'GET', `/api/v1/assistance-requests/${submittedId}`)).statusCode).toBe(404);
    expect((await req(people.officer, 'GET', `/api/v1/assistance-requests/${daNangId}`)).statusCode).toBe(404);
    expect((await req(people.reviewer, 'GET', `/api/v1/assistance-requests/${draftId}`)).statusCode).toBe(404);
    expect((await req(people.otherReviewer, 'GET', `/api/v1/assistance-requests/${submittedId}`)).statusCode).toBe(404);
    expect((await req(people.company, 'GET', `/api/v1/assistance-requests/${submittedId}`)).statusCode).toBe(404);
    expect((await req(people.company, 'GET', `/api/v1/assistance-requests/${submittedId}/documents`)).statusCode).toBe(404);
    expect((await req(null, 'GET', `/api/v1/assistance-requests/${submittedId}`)).statusCode).toBe(401);
    const asReviewer = await req(people.reviewer, 'GET', `/api/v1/assistance-requests/${submittedId}`);
    expect(asReviewer.statusCode).toBe(200);
    // The reviewer reads the linked project's title, but the restricted project itself is not theirs to open.
    expect(asReviewer.json()).toMatchObject({ projectTitle: 'Canal sensors', projectLinked: false });
    expect((await req(people.secretariat, 'GET', `/api/v1/assistance-requests/${submittedId}`)).json()).toMatchObject({ projectLinked: true });
  });

  it('sorts the queue by age', async () => {
    const older = await screening();
    const newer = await screening();
    const ids = ((await req(people.reviewer, 'GET', '/api/v1/assistance-requests?sort=oldest_submission')).json().items as { id: string }[]).map((r) => r.id);
    expect(ids.indexOf(older)).toBeLessThan(ids.indexOf(newer));
    const recent = ((await req(people.reviewer, 'GET', '/api/v1/assistance-requests?sort=recent')).json().items as { id: string }[]).map((r) => r.id);
    expect(recent.indexOf(newer)).toBeLessThan(recent.indexOf(older));
    expect((await req(people.reviewer, 'GET', '/api/v1/assistance-requests?sort=sideways')).statusCode).toBe(400);
  });
});

describe('deliverables and public summaries', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const upload = (by: TestPerson, id: string) => {
    const boundary = '----assistance';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.request(by, { method: 'POST', url: `/api/v1/assistance-requests/${id}/documents`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  };

  it('reviewers upload deliverables once approved; the city reads them', async () => {
    const id = await screening();
    expect((await upload(people.reviewer, id)).statusCode).toBe(409);
    await move(people.reviewer, id, 'approved');
    expect((await upload(people.officer, id)).statusCode).toBe(403);
    const uploaded = await upload(people.reviewer, id);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const list = await req(people.officer, 'GET', `/api/v1/assistance-requests/${id}/documents`);
    expect(list.json()).toMatchObject({ items: [{ fileName: 'report.pdf' }], canUpload: false });
    expect((await req(people.officer, 'GET', `/api/v1/documents/${uploaded.json().id}`)).statusCode).toBe(200);
    expect((await req(people.daNangStaff, 'GET', `/api/v1/documents/${uploaded.json().id}`)).statusCode).toBe(404);
  });

  it('publishes the summary of an approved request and nothing else on the portal', async () => {
    const id = await screening();
    const summary = { publicSummary: 'USTDA funds a feasibility study of canal flood sensors in Makassar.' };
    expect((await req(people.reviewer, 'PUT', `/api/v1/assistance-requests/${id}/summary`, summary)).statusCode).toBe(409);
    await move(people.reviewer, id, 'approved', 'Internal reasoning that must stay private');
    expect((await req(people.officer, 'PUT', `/api/v1/assistance-requests/${id}/summary`, summary)).statusCode).toBe(403);
    expect((await req(people.reviewer, 'PUT', `/api/v1/assistance-requests/${id}/summary`, summary)).json()).toMatchObject(summary);
    const portal = await req(null, 'GET', '/api/v1/assistance-summaries');
    expect(portal.statusCode).toBe(200);
    const item = portal.json().items.find((i: { id: string }) => i.id === id);
    expect(item).toEqual({ id, kind: 'feasibility_study', title: 'Feasibility study for canal flood sensors', cityName: 'Makassar', countryCode: 'ID', agencyName: 'U.S. Trade and Development Agency (assistance test)', ...summary });
    expect(portal.body).not.toContain('Internal reasoning');
    expect(portal.body).not.toContain('250000');
    await req(people.reviewer, 'PUT', `/api/v1/assistance-requests/${id}/summary`, { publicSummary: null });
    expect((await req(null, 'GET', '/api/v1/assistance-summaries')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
  });
});
