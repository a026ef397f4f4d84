import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, investmentProjects, outboundEmails } from '../../db/schema/index.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let company: TestPerson;
let companyColleague: TestPerson;
let otherCompany: TestPerson;
let cityStaff: TestPerson;
let otherCity: TestPerson;
let nationalRep: TestPerson;
let secretariat: TestPerson;
let companyId: string;
const ids = { public: '', partnership: '', restricted: '', operational: '' };

const req = (by: TestPerson | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.request(by, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });

async function pipelineProject(fields: { title: string; description: string; visibility: 'public' | 'partnership' | 'restricted'; stage?: 'operational' }) {
  const [row] = await t.db
    .insert(investmentProjects)
    .values({ cityId: 'makassar', sector: 'water', focusAreaId: 'quality-environment', deliveryModel: 'ppp', currency: 'IDR', ...fields })
    .returning({ id: investmentProjects.id });
  return row!.id;
}

const solution = {
  name: 'FloodWatch river sensors',
  description: 'Flood early warning with river level sensors and drainage monitoring.',
  sectors: ['water'],
  focusAreaIds: ['quality-environment'],
  technologies: ['LoRaWAN', 'telemetry'],
  countriesServed: ['id', 'VN'],
  referenceDeployments: 'Semarang drainage, 2023',
};

beforeAll(async () => {
  t = await createTestApp();
  const org = await makeOrganisation(t, { kind: 'company', name: 'Hydrosense Inc. (test)' });
  companyId = org.id;
  company = await makePerson(t, org);
  companyColleague = await makePerson(t, org);
  otherCompany = await makeActor(t, 'company', { role: 'member' });
  const cityOrg = await makeOrganisation(t, { kind: 'city_government', cityId: 'makassar' });
  cityStaff = await makePerson(t, cityOrg);
  otherCity = await makeActor(t, 'city_government', { cityId: 'da-nang' });
  nationalRep = await makeActor(t, 'national_agency', { countryCode: 'ID' });
  secretariat = await makeActor(t, 'secretariat', { role: 'member' });
  ids.public = await pipelineProject({ title: 'Makassar flood sensors', description: 'River flood early warning sensors and drainage', visibility: 'public' });
  ids.partnership = await pipelineProject({ title: 'Drainage telemetry', description: 'Drainage monitoring with telemetry', visibility: 'partnership' });
  ids.restricted = await pipelineProject({ title: 'Secret flood sensors upgrade', description: 'River flood sensors drainage telemetry', visibility: 'restricted' });
  ids.operational = await pipelineProject({ title: 'Old flood sensors', description: 'River flood sensors', visibility: 'public', stage: 'operational' });
}, 60_000);
afterAll(() => t?.close());

describe('solutions', () => {
  let solutionId: string;

  it("a company's members add solutions; countries are checked and normalised", async () => {
    const created = await req(company, 'POST', `/api/v1/companies/${companyId}/solutions`, solution);
    expect(created.statusCode, created.body).toBe(201);
    solutionId = created.json().id;
    expect(created.json().countriesServed).toEqual(['ID', 'VN']);
    const audit = await t.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, solutionId), eq(auditEntries.action, 'solution.created')));
    expect(audit).toHaveLength(1);
  });

  it('refuses bad input naming the field', async () => {
    const bad = await req(company, 'POST', `/api/v1/companies/${companyId}/solutions`, { ...solution, countriesServed: ['ZZ'], focusAreaIds: ['nowhere'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    expect(bad.json().error.message).toContain('"ZZ" is not a country');
    expect(bad.json().error.message).toContain('"nowhere" is not one of the six ASEAN focus areas');
    const noSector = await req(company, 'POST', `/api/v1/companies/${companyId}/solutions`, { ...solution, sectors: [] });
    expect(noSector.statusCode).toBe(400);
    const unknownSector = await req(company, 'POST', `/api/v1/companies/${companyId}/solutions`, { ...solution, sectors: ['mining'] });
    expect(unknownSector.statusCode).toBe(400);
  });

  it('only the company (and the secretariat) edits its solutions', async () => {
    expect((await req(otherCompany, 'POST', `/api/v1/companies/${companyId}/solutions`, solution)).statusCode).toBe(403);
    expect((await req(cityStaff, 'PATCH', `/api/v1/solutions/${solutionId}`, { name: 'Hijacked' })).statusCode).toBe(403);
    expect((await req(null, 'PATCH', `/api/v1/solutions/${solutionId}`, { name: 'Hijacked' })).statusCode).toBe(401);
    const renamed = await req(companyColleague, 'PATCH', `/api/v1/solutions/${solutionId}`, { name: 'FloodWatch river sensors v2' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().name).toBe('FloodWatch river sensors v2');
    expect(renamed.json().countriesServed).toEqual(['ID', 'VN']); // fields not given keep their values
    const cityOrg = await req(cityStaff, 'GET', `/api/v1/companies/${cityStaff.organisationId}/solutions`);
    expect(cityOrg.statusCode).toBe(404);
    const notACompany = await req(secretariat, 'POST', `/api/v1/companies/${cityStaff.organisationId}/solutions`, solution);
    expect(notACompany.statusCode).toBe(409);
  });

  it('the directory shows public solutions to everyone and partnership ones only when signed in', async () => {
    const hidden = await req(company, 'POST', `/api/v1/companies/${companyId}/solutions`, { ...solution, name: 'Members-only analytics', visibility: 'partnership', sectors: ['digital'], countriesServed: ['TH'] });
    expect(hidden.statusCode).toBe(201);
    const publicView = (await req(null, 'GET', '/api/v1/solutions?q=members-only')).json();
    expect(publicView.total).toBe(0);
    expect((await req(otherCompany, 'GET', '/api/v1/solutions?q=members-only')).json().total).toBe(1);
    const bySector = (await req(null, 'GET', '/api/v1/solutions?sector=water&country=vn&focusArea=quality-environment&q=lorawan')).json();
    expect(bySector.items.map((s: { id: string }) => s.id)).toEqual([solutionId]);
    expect((await req(null, 'GET', '/api/v1/solutions?country=TH')).json().total).toBe(0);
    expect((await req(null, 'GET', '/api/v1/solutions?sector=mining')).statusCode).toBe(400);
    const profile = (await req(null, 'GET', `/api/v1/companies/${companyId}/solutions`)).json();
    expect(profile.organisation.name).toBe('Hydrosense Inc. (test)');
    expect(profile.canEdit).toBe(false);
    expect(profile.solutions).toHaveLength(1);
    expect((await req(company, 'GET', `/api/v1/companies/${companyId}/solutions`)).json().solutions).toHaveLength(2);
    const removed = await req(company, 'DELETE', `/api/v1/solutions/${hidden.json().id}`);
    expect(removed.statusCode).toBe(204);
  });
});

describe('matching', () => {
  it('a company sees public and partnership projects that fit, never restricted or operational ones', async () => {
    const response = await req(company, 'GET', '/api/v1/solutions/opportunities?limit=50');
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as { projectId: string; score: number; sharedTerms: string[]; sector: boolean; country: boolean; parts: Record<string, number> }[];
    const found = items.map((i) => i.projectId);
    expect(found).toEqual(expect.arrayContaining([ids.public, ids.partnership]));
    expect(found).not.toContain(ids.restricted);
    expect(found).not.toContain(ids.operational);
    const top = items.find((i) => i.projectId === ids.public)!;
    expect([top.sector, top.country]).toEqual([true, true]);
    expect(top.sharedTerms).toEqual(expect.arrayContaining(['flood', 'sensor']));
    expect(top.score).toBeCloseTo(top.parts.text! + top.parts.sector! + top.parts.focusArea! + top.parts.country!, 9);
    // the secretariat looking on the company's behalf sees the same: never restricted projects
    const bySecretariat = (await req(secretariat, 'GET', `/api/v1/solutions/opportunities?organisationId=${companyId}&limit=50`)).json();
    expect(bySecretariat.items.map((i: { projectId: string }) => i.projectId)).not.toContain(ids.restricted);
    expect((await req(otherCompany, 'GET', `/api/v1/solutions/opportunities?organisationId=${companyId}`)).statusCode).toBe(403);
  });

  it("ranks providers for a project for those who may see it; restricted projects are not found by outsiders", async () => {
    const forCity = await req(cityStaff, 'GET', `/api/v1/pipeline-projects/${ids.restricted}/providers`);
    expect(forCity.statusCode, forCity.body).toBe(200);
    expect(forCity.json().recommendations[0].organisationId).toBe(companyId);
    expect(forCity.json().canShortlist).toBe(true);
    expect((await req(nationalRep, 'GET', `/api/v1/pipeline-projects/${ids.restricted}/providers`)).json().canShortlist).toBe(false);
    for (const outsider of [company, otherCity]) {
      expect((await req(outsider, 'GET', `/api/v1/pipeline-projects/${ids.restricted}/providers`)).statusCode).toBe(404);
    }
    expect((await req(null, 'GET', `/api/v1/pipeline-projects/${ids.public}/providers`)).statusCode).toBe(401);
    expect((await req(otherCompany, 'GET', `/api/v1/pipeline-projects/${ids.partnership}/providers`)).statusCode).toBe(200);
  });
});

describe('interests and the shortlist', () => {
  it('a company expresses interest once, on a project it may see; both sides are told', async () => {
    const expressed = await req(company, 'POST', `/api/v1/pipeline-projects/${ids.public}/interests`, { message: 'We deployed this in Semarang.' });
    expect(expressed.statusCode, expressed.body).toBe(201);
    expect(expressed.json().shortlisted).toBe(false);
    const again = await req(companyColleague, 'POST', `/api/v1/pipeline-projects/${ids.public}/interests`, { message: 'Again' });
    expect(again.statusCode).toBe(409);
    expect((await req(company, 'POST', `/api/v1/pipeline-projects/${ids.restricted}/interests`, { message: 'Let us in' })).statusCode).toBe(404);
    expect((await req(cityStaff, 'POST', `/api/v1/pipeline-projects/${ids.public}/interests`, { message: 'Us too' })).statusCode).toBe(403);
    expect((await req(company, 'POST', `/api/v1/pipeline-projects/${ids.operational}/interests`, { message: 'Late' })).statusCode).toBe(409);
    expect((await req(company, 'POST', `/api/v1/pipeline-projects/${ids.partnership}/interests`, { message: '' })).statusCode).toBe(400);

    const cityNotes = (await req(cityStaff, 'GET', '/api/v1/notifications')).json().items as { kind: string; link: string }[];
    expect(cityNotes.some((n) => n.kind === 'project_interest.expressed' && n.link === `/app/pipeline/${ids.public}/providers`)).toBe(true);
    const companyNotes = (await req(companyColleague, 'GET', '/api/v1/notifications')).json().items as { kind: string }[];
    expect(companyNotes.some((n) => n.kind === 'project_interest.expressed')).toBe(true);
    const emails = await t.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, cityStaff.email.toLowerCase()));
    expect(emails.some((e) => e.subject.includes('is interested in Makassar flood sensors'))).toBe(true);
    expect((await req(company, 'GET', '/api/v1/solutions/opportunities?limit=50')).json().items.find((i: { projectId: string }) => i.projectId === ids.public).interested).toBe(true);
  });

  it("the city's staff see interests and shortlist; nobody else may", async () => {
    const view = (await req(cityStaff, 'GET', `/api/v1/pipeline-projects/${ids.public}/providers`)).json();
    expect(view.interests.map((i: { organisationId: string }) => i.organisationId)).toEqual([companyId]);
    // another company sees only its own interests
    expect((await req(otherCompany, 'GET', `/api/v1/pipeline-projects/${ids.public}/providers`)).json().interests).toEqual([]);
    const url = `/api/v1/pipeline-projects/${ids.public}/interests/${companyId}/shortlist`;
    for (const who of [company, otherCity, nationalRep, secretariat]) expect((await req(who, 'PUT', url, { shortlisted: true })).statusCode).toBe(403);
    const done = await req(cityStaff, 'PUT', url, { shortlisted: true });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().shortlisted).toBe(true);
    expect(done.json().shortlistedAt).not.toBeNull();
    const notes = (await req(company, 'GET', '/api/v1/notifications')).json().items as { kind: string }[];
    expect(notes.some((n) => n.kind === 'project_interest.shortlisted')).toBe(true);
    const audit = await t.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, ids.public), eq(auditEntries.action, 'project_interest.shortlisted')));
    expect(audit).toHaveLength(1);
    expect((await req(cityStaff, 'PUT', `/api/v1/pipeline-projects/${ids.public}/interests/${otherCompany.organisationId}/shortlist`, { shortlisted: true })).statusCode).toBe(404);
  });
});
