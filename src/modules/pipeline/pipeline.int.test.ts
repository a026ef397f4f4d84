import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundEmails } from '../../db/schema/index.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let officer: TestPerson; // Makassar city staff
let otherCity: TestPerson; // Da Nang city staff
let nationalRep: TestPerson; // Indonesia
let company: TestPerson;
let secretariat: TestPerson;

const req = (as: TestPerson | null, method: InjectOptions['method'], url: string, payload?: unknown) =>
  t.request(as, { method, url, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) });

function multipart(fileName: string, bytes: Buffer) {
  const boundary = '----mitra-pipeline';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const base = {
  cityId: 'makassar',
  sector: 'water',
  focusAreaId: 'quality-environment',
  deliveryModel: 'ppp',
  description: 'Desalination plant serving the northern districts',
  location: 'Tallo district',
  money: { currency: 'IDR', capitalCost: '500000000000', fundingSecured: '125000000001' },
};

async function create(as: TestPerson, fields: Record<string, unknown>) {
  const response = await req(as, 'POST', '/api/v1/pipeline-projects', { ...base, ...fields });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; stage: string; allowedStages: string[] } & Record<string, unknown>;
}

let publicId: string;
let partnershipId: string;
let restrictedId: string;

beforeAll(async () => {
  t = await createTestApp();
  const cityOrg = await makeOrganisation(t, { kind: 'city_government', cityId: 'makassar' });
  officer = await makePerson(t, cityOrg, { role: 'member' });
  otherCity = await makeActor(t, 'city_government', { cityId: 'da-nang' });
  nationalRep = await makeActor(t, 'national_agency', { countryCode: 'ID' });
  company = await makeActor(t, 'company');
  secretariat = await makeActor(t, 'secretariat', { role: 'member' });
  publicId = (await create(officer, { title: 'Northern desalination plant', visibility: 'public' })).id;
  partnershipId = (await create(officer, { title: 'Harbour tidal barrier', visibility: 'partnership' })).id;
  restrictedId = (await create(officer, { title: 'Confidential landfill gas tender', description: 'methane capture desalination', visibility: 'restricted' })).id;
});
afterAll(() => t.close());

describe('creating and editing pipeline projects', () => {
  it('stores amounts exactly and computes the funding gap without storing it', async () => {
    const project = (await req(officer, 'GET', `/api/v1/pipeline-projects/${publicId}`)).json();
    expect(project.money).toMatchObject({
      currency: 'IDR',
      capitalCost: { amount: '500000000000', amountMinor: '500000000000' },
      fundingSecured: { amount: '125000000001', amountMinor: '125000000001' },
      fundingGap: { amount: '374999999999', amountMinor: '374999999999' },
      rate: null,
      hasUsd: false,
    });
    expect(project.money.capitalCost.usd).toBeNull();
    expect(project).toMatchObject({ stage: 'prospective', canEdit: true, allowedStages: ['detailed_planning'] });
    expect(project.history).toEqual([expect.objectContaining({ fromStage: null, toStage: 'prospective', changedByName: expect.any(String) })]);
  });

  it('refuses amounts that lose precision, numbers and unknown currencies, naming the field', async () => {
    const tooPrecise = await req(officer, 'POST', '/api/v1/pipeline-projects', { ...base, title: 'X plant', money: { currency: 'USD', capitalCost: '1000.505', fundingSecured: null } });
    expect(tooPrecise.statusCode).toBe(400);
    expect(tooPrecise.json().error.details).toEqual([expect.objectContaining({ field: 'body.money.capitalCost' })]);

    const float = await req(officer, 'POST', '/api/v1/pipeline-projects', { ...base, title: 'X plant', money: { currency: 'USD', capitalCost: 0.1, fundingSecured: null } });
    expect(float.statusCode).toBe(400);
    expect(JSON.stringify(float.json().error.details)).toContain('capitalCost');

    const unknown = await req(officer, 'POST', '/api/v1/pipeline-projects', { ...base, title: 'X plant', money: { currency: 'XYZ', capitalCost: '10', fundingSecured: null } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([expect.objectContaining({ field: 'body.money.currency' })]);
    expect(unknown.json().error.message).toContain('XYZ');

    const list = (await req(officer, 'GET', '/api/v1/pipeline-projects?city=makassar&q=plant')).json();
    expect(list.items.map((p: { title: string }) => p.title)).not.toContain('X plant');
  });

  it('lets only the city and the secretariat create and edit its projects', async () => {
    expect((await req(otherCity, 'POST', '/api/v1/pipeline-projects', { ...base, title: 'Not theirs' })).statusCode).toBe(403);
    expect((await req(nationalRep, 'POST', '/api/v1/pipeline-projects', { ...base, title: 'Not theirs' })).statusCode).toBe(403);
    expect((await req(null, 'POST', '/api/v1/pipeline-projects', { ...base, title: 'Not theirs' })).statusCode).toBe(401);
    expect((await req(otherCity, 'PATCH', `/api/v1/pipeline-projects/${publicId}`, { title: 'Hijacked' })).statusCode).toBe(403);
    expect((await req(otherCity, 'PATCH', `/api/v1/pipeline-projects/${restrictedId}`, { title: 'Hijacked' })).statusCode).toBe(404);
    expect((await req(otherCity, 'GET', `/api/v1/pipeline-projects/${publicId}`)).json().canEdit).toBe(false);

    const edited = await req(secretariat, 'PATCH', `/api/v1/pipeline-projects/${partnershipId}`, { location: 'Paotere harbour', money: { currency: 'USD', capitalCost: '12000000', fundingSecured: '15000000' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ location: 'Paotere harbour', title: 'Harbour tidal barrier', money: { currency: 'USD', hasUsd: true, fundingGap: { amount: '-3000000.00', usd: '-3000000.00' } } });
  });

  it('promotes an action-plan project once, keeping the link', async () => {
    const scap = await req(officer, 'POST', '/api/v1/cities/makassar/projects', {
      title: 'Smart street lighting',
      focusAreaId: 'quality-environment',
      status: 'planning',
      description: 'LED lights with remote control',
      budget: { amount: '2500000', currency: 'USD' },
    });
    expect(scap.statusCode, scap.body).toBe(201);
    const scapId = scap.json().id as string;
    expect((await req(otherCity, 'GET', `/api/v1/projects/${scapId}/pipeline-draft`)).statusCode).toBe(404);
    const draft = (await req(officer, 'GET', `/api/v1/projects/${scapId}/pipeline-draft`)).json();
    expect(draft).toMatchObject({ title: 'Smart street lighting', cityId: 'makassar', money: { currency: 'USD', capitalCost: '2500000.00' }, alreadyPromoted: null });

    const promoted = await create(officer, { ...base, title: draft.title, description: draft.description, scapProjectId: scapId, money: { ...draft.money }, sector: 'energy' });
    expect(promoted).toMatchObject({ scapProjectId: scapId, scapProjectTitle: 'Smart street lighting' });
    const again = await req(officer, 'POST', '/api/v1/pipeline-projects', { ...base, title: 'Again', scapProjectId: scapId });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('already in the pipeline');
    expect((await req(officer, 'GET', `/api/v1/projects/${scapId}/pipeline-draft`)).json().alreadyPromoted).toMatchObject({ id: promoted.id });

    const wrongCity = await req(secretariat, 'POST', '/api/v1/pipeline-projects', { ...base, cityId: 'da-nang', title: 'Mismatch', scapProjectId: scapId });
    expect(wrongCity.statusCode).toBe(400);
    expect(wrongCity.json().error.details).toEqual([expect.objectContaining({ field: 'body.scapProjectId' })]);
  });
});

describe('stages', () => {
  it('moves one step forward, refuses skips naming the allowed stages, and goes back only with a note', async () => {
    const { id } = await create(officer, { title: 'Bus rapid transit corridor', description: 'Dedicated bus lanes', visibility: 'public', sector: 'transport' });
    const skip = await req(officer, 'POST', `/api/v1/pipeline-projects/${id}/stage`, { to: 'announced' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.message).toContain('From Prospective the project can move to: Detailed planning.');

    for (const to of ['detailed_planning', 'announced']) {
      const moved = await req(officer, 'POST', `/api/v1/pipeline-projects/${id}/stage`, { to });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    const skipFromAnnounced = await req(officer, 'POST', `/api/v1/pipeline-projects/${id}/stage`, { to: 'awarded' });
    expect(skipFromAnnounced.json().error.message).toContain('From Announced the project can move to: Under procurement, Detailed planning');

    const backWithoutNote = await req(officer, 'POST', `/api/v1/pipeline-projects/${id}/stage`, { to: 'detailed_planning' });
    expect(backWithoutNote.statusCode).toBe(400);
    expect(backWithoutNote.json().error.details).toEqual([expect.objectContaining({ field: 'body.note' })]);

    expect((await req(otherCity, 'POST', `/api/v1/pipeline-projects/${id}/stage`, { to: 'under_procurement' })).statusCode).toBe(403);

    const back = await req(officer, 'POST', `/api/v1/pipeline-projects/${id}/stage`, { to: 'detailed_planning', note: 'Route changed after consultation' });
    expect(back.statusCode).toBe(200);
    const detail = back.json();
    expect(detail.stage).toBe('detailed_planning');
    expect(detail.history.map((h: { toStage: string }) => h.toStage)).toEqual(['detailed_planning', 'announced', 'detailed_planning', 'prospective']);
    expect(detail.history[0]).toMatchObject({ fromStage: 'announced', note: 'Route changed after consultation' });

    const audit = await req(secretariat, 'GET', `/api/v1/audit?entityType=investment_project&entityId=${id}`);
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items[0]).toMatchObject({ action: 'investment_project.stage_changed', before: { stage: 'announced' }, after: { stage: 'detailed_planning' } });
  });
});

describe('exchange rates and USD equivalents', () => {
  it('lets only the secretariat keep rates, validated exactly', async () => {
    expect((await req(officer, 'PUT', '/api/v1/exchange-rates/IDR/2026-01-01', { unitsPerUsd: '16000', source: 'Bank Indonesia' })).statusCode).toBe(403);
    const bad = await req(secretariat, 'PUT', '/api/v1/exchange-rates/XYZ/2026-02-30', { unitsPerUsd: '0', source: 'Bank Indonesia' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field).sort()).toEqual(['body.unitsPerUsd', 'params.currency', 'params.date']);
    const numeric = await req(secretariat, 'PUT', '/api/v1/exchange-rates/IDR/2026-01-01', { unitsPerUsd: 16000, source: 'Bank Indonesia' });
    expect(numeric.statusCode).toBe(400);
  });

  it('uses the latest rate on or before today and says which', async () => {
    for (const [date, rate] of [
      ['2020-01-01', '14000'],
      ['2026-01-01', '16000.00'],
      ['2999-01-01', '1'],
    ] as const) {
      const saved = await req(secretariat, 'PUT', `/api/v1/exchange-rates/IDR/${date}`, { unitsPerUsd: rate, source: 'Bank Indonesia JISDOR' });
      expect(saved.statusCode, saved.body).toBe(200);
    }
    const corrected = await req(secretariat, 'PUT', '/api/v1/exchange-rates/IDR/2026-01-01', { unitsPerUsd: '16000.000', source: 'Bank Indonesia JISDOR (corrected)' });
    expect(corrected.json()).toMatchObject({ unitsPerUsd: '16000', source: 'Bank Indonesia JISDOR (corrected)' });

    const money = (await req(null, 'GET', `/api/v1/pipeline-projects/${publicId}`)).json().money;
    expect(money.rate).toEqual({ currency: 'IDR', rateDate: '2026-01-01', unitsPerUsd: '16000', source: 'Bank Indonesia JISDOR (corrected)' });
    // 500,000,000,000 IDR / 16,000 = 31,250,000 USD; gap 374,999,999,999 / 16,000 = 23,437,499.9999375
    expect(money.capitalCost.usd).toBe('31250000.00');
    expect(money.fundingGap.usd).toBe('23437500.00');
    expect(money.hasUsd).toBe(true);

    const rates = (await req(null, 'GET', '/api/v1/exchange-rates?currency=idr')).json();
    expect(rates.items.map((r: { rateDate: string }) => r.rateDate)).toEqual(['2999-01-01', '2026-01-01', '2020-01-01']);
    expect((await req(secretariat, 'DELETE', '/api/v1/exchange-rates/IDR/2999-01-01')).statusCode).toBe(204);
    expect((await req(secretariat, 'DELETE', '/api/v1/exchange-rates/IDR/2999-01-01')).statusCode).toBe(404);
  });
});

describe('who sees what', () => {
  const titles = async (as: TestPerson | null, url: string) => ((await req(as, 'GET', url)).json().items as { title: string }[]).map((p) => p.title);

  it('shows restricted projects only to the city insiders (404 for others)', async () => {
    expect((await req(otherCity, 'GET', `/api/v1/pipeline-projects/${restrictedId}`)).statusCode).toBe(404);
    expect((await req(company, 'GET', `/api/v1/pipeline-projects/${restrictedId}`)).statusCode).toBe(404);
    expect((await req(null, 'GET', `/api/v1/pipeline-projects/${restrictedId}`)).statusCode).toBe(404);
    expect((await req(nationalRep, 'GET', `/api/v1/pipeline-projects/${restrictedId}`)).statusCode).toBe(200);
    expect((await req(nationalRep, 'GET', `/api/v1/pipeline-projects/${restrictedId}`)).json().canEdit).toBe(false);
    expect(await titles(otherCity, '/api/v1/pipeline-projects?city=makassar')).not.toContain('Confidential landfill gas tender');
    expect(await titles(officer, '/api/v1/pipeline-projects?city=makassar')).toContain('Confidential landfill gas tender');
  });

  it('shows partnership projects only to the signed in', async () => {
    expect((await req(null, 'GET', `/api/v1/pipeline-projects/${partnershipId}`)).statusCode).toBe(404);
    expect((await req(company, 'GET', `/api/v1/pipeline-projects/${partnershipId}`)).statusCode).toBe(200);
    expect(await titles(null, '/api/v1/pipeline-projects')).not.toContain('Harbour tidal barrier');
    expect(await titles(company, '/api/v1/pipeline-projects')).toContain('Harbour tidal barrier');
  });

  it('puts only public projects on the portal, whoever asks, and searches them', async () => {
    for (const viewer of [null, officer, secretariat]) {
      const listed = await titles(viewer, '/api/v1/opportunities?limit=200');
      expect(listed).toContain('Northern desalination plant');
      expect(listed).not.toContain('Harbour tidal barrier');
      expect(listed).not.toContain('Confidential landfill gas tender');
      expect((await req(viewer, 'GET', `/api/v1/opportunities/${partnershipId}`)).statusCode).toBe(404);
      expect((await req(viewer, 'GET', `/api/v1/opportunities/${restrictedId}`)).statusCode).toBe(404);
    }
    // The restricted project's description says "desalination" too: the search must not reveal it.
    expect(await titles(officer, '/api/v1/opportunities?q=desalination')).toEqual(['Northern desalination plant']);
    expect(await titles(officer, '/api/v1/pipeline-projects?q=desalination')).toEqual(expect.arrayContaining(['Northern desalination plant', 'Confidential landfill gas tender']));
    expect(await titles(null, '/api/v1/opportunities?q=%22tidal%20barrier%22')).toEqual([]);
    expect(await titles(null, '/api/v1/opportunities?q=desalination%20-plant')).toEqual([]);
    expect((await req(null, 'GET', `/api/v1/opportunities/${publicId}`)).json()).toMatchObject({ title: 'Northern desalination plant', canEdit: false });
    // The portal does not name the officials who moved the project.
    expect((await req(null, 'GET', `/api/v1/opportunities/${publicId}`)).json().history).toEqual([expect.objectContaining({ toStage: 'prospective', changedByName: null, note: '' })]);
  });

  it('filters and pages the opportunities', async () => {
    expect(await titles(null, '/api/v1/opportunities?country=VN')).toEqual([]);
    expect(await titles(null, '/api/v1/opportunities?city=makassar&sector=water&focusArea=quality-environment&stage=prospective')).toContain('Northern desalination plant');
    expect(await titles(null, '/api/v1/opportunities?sector=energy')).not.toContain('Northern desalination plant');
    const first = (await req(null, 'GET', '/api/v1/opportunities?limit=1')).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await req(null, 'GET', `/api/v1/opportunities?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect((await req(null, 'GET', '/api/v1/opportunities?cursor=garbage')).statusCode).toBe(400);
    expect((await req(null, 'GET', '/api/v1/opportunities?visibility=restricted')).statusCode).toBe(400);
  });
});

describe('documents', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

  it('accepts a PDF from the city, refuses the wrong type and stores nothing', async () => {
    const refused = await t.request(officer, { method: 'POST', url: `/api/v1/pipeline-projects/${publicId}/documents`, ...multipart('plan.pdf', Buffer.from('#!/bin/sh\necho not a pdf\n')) });
    expect(refused.statusCode).toBe(415);
    expect((await req(officer, 'GET', `/api/v1/pipeline-projects/${publicId}/documents`)).json().items).toEqual([]);

    expect((await t.request(otherCity, { method: 'POST', url: `/api/v1/pipeline-projects/${publicId}/documents`, ...multipart('x.pdf', pdf) })).statusCode).toBe(403);
    expect((await t.request(otherCity, { method: 'POST', url: `/api/v1/pipeline-projects/${restrictedId}/documents`, ...multipart('x.pdf', pdf) })).statusCode).toBe(404);

    const uploaded = await t.request(officer, { method: 'POST', url: `/api/v1/pipeline-projects/${publicId}/documents`, ...multipart('feasibility.pdf', pdf) });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const detail = (await req(null, 'GET', `/api/v1/pipeline-projects/${publicId}`)).json();
    expect(detail.documents).toEqual([expect.objectContaining({ fileName: 'feasibility.pdf', ownerType: 'investment_project' })]);
    expect((await req(null, 'GET', `/api/v1/documents/${uploaded.json().id}`)).statusCode).toBe(200);
    expect((await req(null, 'GET', `/api/v1/pipeline-projects/${restrictedId}/documents`)).statusCode).toBe(404);
  });
});

describe('sharing a non-public project with chosen organisations', () => {
  let sharedCompany: TestPerson;
  let sharedColleague: TestPerson;
  let projectId: string;
  const title = 'Confidential sewage sludge digester tender';
  const titles = async (as: TestPerson | null, url: string) => ((await req(as, 'GET', url)).json().items as { title: string }[]).map((p) => p.title);
  const recommended = async (as: TestPerson) =>
    ((await req(as, 'GET', '/api/v1/solutions/opportunities?limit=50')).json().items as { title: string }[]).map((p) => p.title);
  const notices = async (as: TestPerson) => ((await req(as, 'GET', '/api/v1/notifications')).json().items as { kind: string; title: string }[]);

  beforeAll(async () => {
    const org = await makeOrganisation(t, { kind: 'company', name: 'Sludgeworks Ltd (test)' });
    sharedCompany = await makePerson(t, org, { role: 'admin' });
    sharedColleague = await makePerson(t, org);
    projectId = (await create(officer, { title, description: 'Anaerobic sludge digester for the wastewater plant', visibility: 'restricted' })).id;
    const solution = await req(sharedCompany, 'POST', `/api/v1/companies/${org.id}/solutions`, {
      name: 'Sludge digesters',
      description: 'Anaerobic sludge digester plants for wastewater',
      sectors: ['water'],
      focusAreaIds: ['quality-environment'],
      technologies: ['anaerobic digestion'],
      countriesServed: ['ID'],
      referenceDeployments: '',
      visibility: 'public',
    });
    expect(solution.statusCode, solution.body).toBe(201);
  });

  it('is invisible to a company until shared, visible after (list, search, recommendations, documents), and invisible again after unshare', async () => {
    const hidden = async () => {
      expect((await req(sharedCompany, 'GET', `/api/v1/pipeline-projects/${projectId}`)).statusCode).toBe(404);
      expect((await req(sharedCompany, 'GET', `/api/v1/pipeline-projects/${projectId}/documents`)).statusCode).toBe(404);
      expect((await req(sharedCompany, 'GET', `/api/v1/pipeline-projects/${projectId}/providers`)).statusCode).toBe(404);
      expect(await titles(sharedCompany, '/api/v1/pipeline-projects?limit=200')).not.toContain(title);
      expect(await titles(sharedCompany, '/api/v1/pipeline-projects?q=sludge')).not.toContain(title);
      expect(await recommended(sharedCompany)).not.toContain(title);
    };
    await hidden();

    const shared = await req(officer, 'POST', `/api/v1/pipeline-projects/${projectId}/shares`, { organisationId: sharedCompany.organisationId });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toMatchObject({ canEdit: true, items: [expect.objectContaining({ organisationId: sharedCompany.organisationId, organisationName: 'Sludgeworks Ltd (test)', organisationKind: 'company' })] });
    // Sharing again changes nothing.
    expect((await req(officer, 'POST', `/api/v1/pipeline-projects/${projectId}/shares`, { organisationId: sharedCompany.organisationId })).json().items).toHaveLength(1);

    for (const person of [sharedCompany, sharedColleague]) {
      const detail = await req(person, 'GET', `/api/v1/pipeline-projects/${projectId}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({ title, canEdit: false });
    }
    expect((await req(sharedCompany, 'GET', `/api/v1/pipeline-projects/${projectId}/documents`)).statusCode).toBe(200);
    expect((await req(sharedCompany, 'GET', `/api/v1/pipeline-projects/${projectId}/providers`)).statusCode).toBe(200);
    expect((await req(sharedCompany, 'GET', `/api/v1/pipeline-projects/${projectId}/bankability`)).statusCode).toBe(200);
    expect(await titles(sharedCompany, '/api/v1/pipeline-projects?limit=200')).toContain(title);
    expect(await titles(sharedCompany, '/api/v1/pipeline-projects?q=sludge')).toContain(title);
    expect(await recommended(sharedCompany)).toContain(title);
    // A company it was not shared with, the public and the portal never see it.
    expect((await req(company, 'GET', `/api/v1/pipeline-projects/${projectId}`)).statusCode).toBe(404);
    expect(await titles(company, '/api/v1/pipeline-projects?q=sludge')).not.toContain(title);
    expect((await req(null, 'GET', `/api/v1/pipeline-projects/${projectId}`)).statusCode).toBe(404);
    expect(await titles(null, '/api/v1/pipeline-projects?q=sludge')).not.toContain(title);
    for (const viewer of [null, sharedCompany]) {
      expect(await titles(viewer, '/api/v1/opportunities?q=sludge')).toEqual([]);
      expect((await req(viewer, 'GET', `/api/v1/opportunities/${projectId}`)).statusCode).toBe(404);
    }
    // The company's members are told (the admin and the colleague).
    for (const person of [sharedCompany, sharedColleague]) {
      expect(await notices(person)).toContainEqual(expect.objectContaining({ kind: 'investment_project.shared', title: `Makassar shared the project ${title} with you` }));
    }
    // Express interest in it now that it is visible.
    expect((await req(sharedCompany, 'POST', `/api/v1/pipeline-projects/${projectId}/interests`, { message: 'We built three of these.' })).statusCode).toBe(201);

    const audit = (await req(secretariat, 'GET', `/api/v1/audit?entityType=investment_project&entityId=${projectId}`)).json().items as { action: string }[];
    expect(audit.map((a) => a.action)).toContain('investment_project.shared');

    expect((await req(officer, 'DELETE', `/api/v1/pipeline-projects/${projectId}/shares/${sharedCompany.organisationId}`)).statusCode).toBe(204);
    expect((await req(officer, 'DELETE', `/api/v1/pipeline-projects/${projectId}/shares/${sharedCompany.organisationId}`)).statusCode).toBe(404);
    await hidden();
    expect((await req(sharedCompany, 'POST', `/api/v1/pipeline-projects/${projectId}/interests`, { message: 'again' })).statusCode).toBe(404);
    const after = (await req(secretariat, 'GET', `/api/v1/audit?entityType=investment_project&entityId=${projectId}`)).json().items as { action: string }[];
    expect(after.map((a) => a.action)).toContain('investment_project.unshared');
  });

  it("lets only the city's staff and the secretariat share, and names the field of an unknown organisation", async () => {
    const body = { organisationId: company.organisationId };
    expect((await req(company, 'POST', `/api/v1/pipeline-projects/${projectId}/shares`, body)).statusCode).toBe(404);
    expect((await req(otherCity, 'POST', `/api/v1/pipeline-projects/${projectId}/shares`, body)).statusCode).toBe(404);
    expect((await req(nationalRep, 'POST', `/api/v1/pipeline-projects/${projectId}/shares`, body)).statusCode).toBe(403);
    expect((await req(otherCity, 'POST', `/api/v1/pipeline-projects/${publicId}/shares`, body)).statusCode).toBe(403);
    expect((await req(company, 'POST', `/api/v1/pipeline-projects/${partnershipId}/shares`, body)).statusCode).toBe(403);
    expect((await req(null, 'POST', `/api/v1/pipeline-projects/${projectId}/shares`, body)).statusCode).toBe(401);
    expect((await req(nationalRep, 'GET', `/api/v1/pipeline-projects/${projectId}/shares`)).json()).toMatchObject({ canEdit: false });
    expect((await req(company, 'GET', `/api/v1/pipeline-projects/${partnershipId}/shares`)).statusCode).toBe(403);

    const unknown = await req(officer, 'POST', `/api/v1/pipeline-projects/${projectId}/shares`, { organisationId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([expect.objectContaining({ field: 'body.organisationId' })]);
    const notAPartner = await req(officer, 'POST', `/api/v1/pipeline-projects/${projectId}/shares`, { organisationId: otherCity.organisationId });
    expect(notAPartner.statusCode).toBe(400);
    expect(notAPartner.json().error.details).toEqual([expect.objectContaining({ field: 'body.organisationId' })]);
    const malformed = await req(officer, 'POST', `/api/v1/pipeline-projects/${projectId}/shares`, { organisationId: 'acme' });
    expect(malformed.statusCode).toBe(400);
    expect(JSON.stringify(malformed.json().error.details)).toContain('organisationId');

    const bySecretariat = await req(secretariat, 'POST', `/api/v1/pipeline-projects/${projectId}/shares`, body);
    expect(bySecretariat.statusCode, bySecretariat.body).toBe(200);
    expect((await req(company, 'GET', `/api/v1/pipeline-projects/${projectId}`)).statusCode).toBe(200);
    expect((await req(secretariat, 'DELETE', `/api/v1/pipeline-projects/${projectId}/shares/${company.organisationId}`)).statusCode).toBe(204);
  });

  it('tells interested companies and shared organisations of a stage change, only while they may see it, never the actor', async () => {
    const { id } = await create(officer, { title: 'Harbour ferry electrification', description: 'Electric ferries', visibility: 'partnership', sector: 'transport' });
    const watcherOrg = await makeOrganisation(t, { kind: 'ngo' });
    const watcher = await makePerson(t, watcherOrg);
    const interestedOrg = await makeOrganisation(t, { kind: 'company' });
    const interested = await makePerson(t, interestedOrg);
    const bystander = await makeActor(t, 'company');
    const officerColleague = await makePerson(t, { id: officer.organisationId });
    expect((await req(interested, 'POST', `/api/v1/pipeline-projects/${id}/interests`, { message: 'Count us in' })).statusCode).toBe(201);
    expect((await req(officer, 'POST', `/api/v1/pipeline-projects/${id}/shares`, { organisationId: watcherOrg.id })).statusCode).toBe(200);

    const stageNotices = async (as: TestPerson) => (await notices(as)).filter((n) => n.kind === 'investment_project.stage_changed');
    expect((await req(officer, 'POST', `/api/v1/pipeline-projects/${id}/stage`, { to: 'detailed_planning' })).statusCode).toBe(200);
    for (const person of [watcher, interested]) {
      expect(await stageNotices(person)).toEqual([expect.objectContaining({ title: 'Harbour ferry electrification is now at Detailed planning' })]);
    }
    expect(await stageNotices(bystander)).toEqual([]);
    expect(await stageNotices(officer)).toEqual([]);
    expect(await stageNotices(officerColleague)).toEqual([]);
    const emails = await t.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, interested.email.toLowerCase()));
    expect(emails.some((e) => e.subject.includes('is now at Detailed planning'))).toBe(true);

    // Made restricted: the interested company may no longer see it, so it is not told; the shared NGO still is.
    expect((await req(officer, 'PATCH', `/api/v1/pipeline-projects/${id}`, { visibility: 'restricted' })).statusCode).toBe(200);
    expect((await req(officer, 'POST', `/api/v1/pipeline-projects/${id}/stage`, { to: 'announced' })).statusCode).toBe(200);
    expect(await stageNotices(watcher)).toHaveLength(2);
    expect(await stageNotices(interested)).toHaveLength(1);
  });
});

describe('promoting once', () => {
  it('answers 409 with a clear message when two promotions of the same action-plan project race', async () => {
    const scap = await req(officer, 'POST', '/api/v1/cities/makassar/projects', { title: 'Smart water meters', focusAreaId: 'quality-environment', status: 'planning', description: 'Meters' });
    expect(scap.statusCode, scap.body).toBe(201);
    const scapProjectId = scap.json().id as string;
    const attempts = await Promise.all([1, 2, 3].map((n) => req(officer, 'POST', '/api/v1/pipeline-projects', { ...base, title: `Water meters ${n}`, scapProjectId })));
    expect(attempts.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const refused of attempts.filter((r) => r.statusCode === 409)) {
      expect(refused.json().error.message).toMatch(/^This action-plan project is already in the pipeline/);
    }
    const listed = await titles(officer, '/api/v1/pipeline-projects?q=meters');
    expect(listed.filter((title) => title.startsWith('Water meters'))).toHaveLength(1);
  });

  const titles = async (as: TestPerson | null, url: string) => ((await req(as, 'GET', url)).json().items as { title: string }[]).map((p) => p.title);
});
