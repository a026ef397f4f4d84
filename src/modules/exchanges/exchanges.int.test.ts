import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';

type Who = 'public' | 'company' | 'usSide' | 'citySide' | 'otherCity' | 'nationalRep' | 'secretariat';
let t: TestApp;
const people = {} as Record<Who, TestPerson | null>;
let usOrgId: string;
let otherUsOrgId: string;

const req = (by: TestPerson | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  t.request(by, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });

function pdfUpload() {
  const boundary = '----mitra';
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="mou.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    pdf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function project(by: TestPerson, cityId: string, fields: { title: string; description?: string; focusAreaId: string; visibility: string }) {
  const response = await req(by, 'POST', `/api/v1/cities/${cityId}/projects`, { status: 'planning', ...fields });
  expect(response.statusCode, response.body).toBe(201);
}

beforeAll(async () => {
  t = await createTestApp();
  people.public = null;
  people.company = await makeActor(t, 'company');
  const usOrg = await makeOrganisation(t, { kind: 'us_city', name: 'City of Tulsa (test)' });
  usOrgId = usOrg.id;
  people.usSide = await makePerson(t, usOrg, { role: 'member' });
  const cityOrg = await makeOrganisation(t, { kind: 'city_government', cityId: 'makassar' });
  people.citySide = await makePerson(t, cityOrg, { role: 'member' });
  people.otherCity = await makeActor(t, 'city_government', { cityId: 'da-nang' });
  people.nationalRep = await makeActor(t, 'national_agency', { countryCode: 'ID' });
  people.secretariat = await makeActor(t, 'secretariat', { role: 'member' });
  const otherUs = await makeOrganisation(t, { kind: 'us_city', name: 'City of Boulder (test)' });
  otherUsOrgId = otherUs.id;
  const otherUsPerson = await makePerson(t, otherUs);

  // Makassar: flood projects, one restricted; Da Nang: a traffic project in the same focus area.
  await project(people.citySide!, 'makassar', { title: 'Flood early warning sensors', description: 'River gauges and flood sensors', focusAreaId: 'quality-environment', visibility: 'public' });
  await project(people.citySide!, 'makassar', { title: 'Secret drainage tender', description: 'flood pumps for the canal', focusAreaId: 'quality-environment', visibility: 'restricted' });
  await project(people.otherCity!, 'da-nang', { title: 'Adaptive traffic lights', focusAreaId: 'quality-environment', visibility: 'public' });

  const offer = await req(people.usSide, 'PUT', `/api/v1/exchange-offers/${usOrgId}`, {
    focusAreaIds: ['quality-environment'],
    sectors: ['water'],
    expertiseSummary: 'Stormwater management and flood resilience',
    keywords: ['flood', 'sensors'],
  });
  expect(offer.statusCode, offer.body).toBe(200);
  const other = await req(otherUsPerson, 'PUT', `/api/v1/exchange-offers/${otherUsOrgId}`, { focusAreaIds: ['safety-security'], keywords: ['traffic'] });
  expect(other.statusCode, other.body).toBe(200);
});
afterAll(() => t.close());

describe('exchange offers', () => {
  it('are written by the organisation or the secretariat only, validated, and audited', async () => {
    expect((await req(people.company, 'PUT', `/api/v1/exchange-offers/${usOrgId}`, { focusAreaIds: ['quality-environment'] })).statusCode).toBe(403);
    expect((await req(null, 'PUT', `/api/v1/exchange-offers/${usOrgId}`, { focusAreaIds: ['quality-environment'] })).statusCode).toBe(401);
    expect((await req(people.usSide, 'PUT', `/api/v1/exchange-offers/${usOrgId}`, { focusAreaIds: ['space'] })).statusCode).toBe(400);
    expect((await req(people.usSide, 'PUT', `/api/v1/exchange-offers/${usOrgId}`, { focusAreaIds: [] })).statusCode).toBe(400);
    expect((await req(people.usSide, 'PUT', `/api/v1/exchange-offers/${usOrgId}`, { focusAreaIds: ['civic-social'], colour: 1 })).statusCode).toBe(400);
    expect((await req(people.citySide, 'PUT', `/api/v1/exchange-offers/${people.citySide!.organisationId}`, { focusAreaIds: ['civic-social'] })).statusCode).toBe(409);
    const read = (await req(people.company, 'GET', `/api/v1/exchange-offers/${usOrgId}`)).json();
    expect(read).toMatchObject({ focusAreaIds: ['quality-environment'], keywords: ['flood', 'sensors'], organisationName: 'City of Tulsa (test)' });
    const audit = (await req(people.secretariat, 'GET', `/api/v1/audit?entityType=exchange_offer&entityId=${usOrgId}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['exchange_offer.saved']);
    const list = (await req(people.company, 'GET', '/api/v1/exchange-offers?limit=1')).json();
    expect(list.items).toHaveLength(1);
    expect(list.nextCursor).not.toBeNull();
    expect((await req(people.company, 'GET', '/api/v1/exchange-offers?cursor=bm90LWpzb24')).statusCode).toBe(400);
  });
});

describe('pairing suggestions', () => {
  it("rank the U.S. city offering Quality Environment + flood first for Makassar, with reasons", async () => {
    const response = await req(people.citySide, 'GET', '/api/v1/pairing-suggestions?cityId=makassar');
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as { organisationId: string; reasons: string[]; score: number }[];
    expect(items[0]!.organisationId).toBe(usOrgId);
    expect(items.some((i) => i.organisationId === otherUsOrgId)).toBe(false);
    // The city's own staff see their restricted project's title.
    expect(items[0]!.reasons).toContain('shared focus area: Quality Environment (2 projects: Flood early warning sensors; Secret drainage tender)');
    expect(items[0]!.reasons.find((r) => r.startsWith('terms:'))).toContain('flood');
  });

  it("rank Makassar first for the U.S. city, without its restricted project's title", async () => {
    const response = await req(people.usSide, 'GET', `/api/v1/pairing-suggestions?organisationId=${usOrgId}`);
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as { cityId: string; reasons: string[] }[];
    expect(items[0]!.cityId).toBe('makassar');
    expect(items.map((i) => i.cityId)).toContain('da-nang');
    expect(items.findIndex((i) => i.cityId === 'makassar')).toBeLessThan(items.findIndex((i) => i.cityId === 'da-nang'));
    expect(JSON.stringify(items)).not.toContain('Secret drainage tender');
    expect(items[0]!.reasons).toContain('shared focus area: Quality Environment (1 project: Flood early warning sensors)');
    const seenBySecretariat = (await req(people.secretariat, 'GET', `/api/v1/pairing-suggestions?organisationId=${usOrgId}`)).json();
    expect(JSON.stringify(seenBySecretariat)).toContain('Secret drainage tender');
  });

  it.each([
    ['public', '?cityId=makassar', 401],
    ['company', '?cityId=makassar', 403],
    ['otherCity', '?cityId=makassar', 403],
    ['usSide', '?cityId=makassar', 403],
    ['nationalRep', '?cityId=makassar', 200],
    ['secretariat', '?cityId=makassar', 200],
    ['company', '?organisationId=ORG', 403],
    ['citySide', '?organisationId=ORG', 403],
  ] as const)('for %s %s answers %i', async (who, query, status) => {
    const response = await req(people[who], 'GET', `/api/v1/pairing-suggestions${query.replace('ORG', usOrgId)}`);
    expect(response.statusCode, response.body).toBe(status);
  });

  it('rejects bad input with 400, never 500', async () => {
    for (const query of ['', '?cityId=makassar&organisationId=' + usOrgId, '?cityId=NOT A CITY', '?organisationId=nope', '?cityId=makassar&limit=0']) {
      const response = await req(people.secretariat, 'GET', `/api/v1/pairing-suggestions${query}`);
      expect(response.statusCode, query).toBe(400);
    }
    expect((await req(people.secretariat, 'GET', '/api/v1/pairing-suggestions?cityId=atlantis')).statusCode).toBe(404);
  });
});

describe('the pairing lifecycle', () => {
  let id: string;
  const transition = (by: TestPerson | null, to: string, extra: object = {}) => req(by, 'POST', `/api/v1/pairings/${id}/transitions`, { to, ...extra });

  it('is proposed by the secretariat only, with valid references', async () => {
    const body = { usOrganisationId: usOrgId, cityId: 'makassar', focusAreaIds: ['quality-environment'], objectives: 'Flood resilience exchange' };
    for (const who of ['public', 'company', 'usSide', 'citySide'] as const) {
      expect((await req(people[who], 'POST', '/api/v1/pairings', body)).statusCode).toBe(who === 'public' ? 401 : 403);
    }
    expect((await req(people.secretariat, 'POST', '/api/v1/pairings', { ...body, cityId: 'atlantis' })).statusCode).toBe(400);
    expect((await req(people.secretariat, 'POST', '/api/v1/pairings', { ...body, usOrganisationId: people.citySide!.organisationId })).statusCode).toBe(400);
    expect((await req(people.secretariat, 'POST', '/api/v1/pairings', { ...body, focusAreaIds: ['space'] })).statusCode).toBe(400);
    const created = await req(people.secretariat, 'POST', '/api/v1/pairings', body);
    expect(created.statusCode, created.body).toBe(201);
    id = created.json().id;
    expect(created.json()).toMatchObject({ status: 'proposed', usAccepted: false, cityAccepted: false, public: false, focusAreaIds: ['quality-environment'] });
    expect((await req(people.secretariat, 'POST', '/api/v1/pairings', body)).statusCode).toBe(409);
    // Both sides are told.
    for (const who of ['usSide', 'citySide', 'secretariat'] as const) {
      const notes = (await req(people[who], 'GET', '/api/v1/notifications')).json().items as { kind: string; link: string }[];
      expect(notes.some((n) => n.kind === 'pairing.proposed' && n.link === `/app/exchanges/${id}`), who).toBe(true);
    }
    const companyNotes = (await req(people.company, 'GET', '/api/v1/notifications')).json().items as { kind: string }[];
    expect(companyNotes.some((n) => n.kind === 'pairing.proposed')).toBe(false);
  });

  it('is read, while proposed, only by the sides, the national representative and the secretariat', async () => {
    const expected: Record<Who, number> = { public: 404, company: 404, otherCity: 404, usSide: 200, citySide: 200, nationalRep: 200, secretariat: 200 };
    for (const [who, status] of Object.entries(expected) as [Who, number][]) {
      expect((await req(people[who], 'GET', `/api/v1/pairings/${id}`)).statusCode, who).toBe(status);
      const listed = (await req(people[who], 'GET', '/api/v1/pairings')).json().items.map((p: { id: string }) => p.id);
      expect(listed.includes(id), who).toBe(status === 200);
    }
    expect((await req(people.nationalRep, 'GET', `/api/v1/pairings/${id}`)).json()).toMatchObject({ canEdit: false, transitions: [{ toStatus: 'proposed' }] });
  });

  it('is accepted by each side for itself, then accepted', async () => {
    expect((await req(people.secretariat, 'POST', `/api/v1/pairings/${id}/accept`)).statusCode).toBe(403);
    expect((await req(people.nationalRep, 'POST', `/api/v1/pairings/${id}/accept`)).statusCode).toBe(403);
    expect((await req(people.otherCity, 'POST', `/api/v1/pairings/${id}/accept`)).statusCode).toBe(404);
    expect((await req(null, 'POST', `/api/v1/pairings/${id}/accept`)).statusCode).toBe(401);
    expect((await transition(people.usSide, 'letter_of_intent')).statusCode).toBe(409);
    const first = await req(people.usSide, 'POST', `/api/v1/pairings/${id}/accept`);
    expect(first.json()).toMatchObject({ status: 'proposed', usAccepted: true, cityAccepted: false });
    expect((await req(people.usSide, 'POST', `/api/v1/pairings/${id}/accept`)).statusCode).toBe(409);
    expect((await req(people.citySide, 'GET', `/api/v1/pairings/${id}`)).json().canAcceptAs).toBe('city');
    const second = await req(people.citySide, 'POST', `/api/v1/pairings/${id}/accept`);
    expect(second.json()).toMatchObject({ status: 'accepted', usAccepted: true, cityAccepted: true });
    expect(second.json().transitions.map((tr: { toStatus: string }) => tr.toStatus)).toEqual(['proposed', 'accepted']);
    const notes = (await req(people.usSide, 'GET', '/api/v1/notifications')).json().items as { kind: string }[];
    expect(notes.map((n) => n.kind)).toContain('pairing.accepted');
  });

  it('needs an attached document to record the signed memorandum', async () => {
    expect((await transition(people.company, 'letter_of_intent')).statusCode).toBe(404);
    expect((await transition(people.nationalRep, 'letter_of_intent')).statusCode).toBe(403);
    expect((await transition(people.citySide, 'memorandum_signed')).statusCode).toBe(409);
    expect((await transition(people.citySide, 'letter_of_intent')).json().status).toBe('letter_of_intent');
    const refused = await transition(people.usSide, 'memorandum_signed');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('memorandum');
    const upload = pdfUpload();
    expect((await t.request(people.company, { method: 'POST', url: `/api/v1/pairings/${id}/documents`, ...upload })).statusCode).toBe(404);
    expect((await t.request(people.nationalRep, { method: 'POST', url: `/api/v1/pairings/${id}/documents`, ...upload })).statusCode).toBe(403);
    const uploaded = await t.request(people.usSide, { method: 'POST', url: `/api/v1/pairings/${id}/documents`, ...upload });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const signed = await transition(people.usSide, 'memorandum_signed');
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().attachments.map((d: { fileName: string }) => d.fileName)).toEqual(['mou.pdf']);
  });

  it('keeps a work plan and progress updates written by the sides and the secretariat', async () => {
    const activity = { kind: 'exchange_visit', title: 'Makassar delegation visits Tulsa', ownerSide: 'city', ownerUserId: people.citySide!.id, startDate: '2026-03-02', endDate: '2026-03-06', location: 'Tulsa, OK' };
    expect((await req(people.company, 'POST', `/api/v1/pairings/${id}/activities`, activity)).statusCode).toBe(404);
    expect((await req(people.nationalRep, 'POST', `/api/v1/pairings/${id}/activities`, activity)).statusCode).toBe(403);
    expect((await req(people.usSide, 'POST', `/api/v1/pairings/${id}/activities`, { ...activity, kind: 'party' })).statusCode).toBe(400);
    expect((await req(people.usSide, 'POST', `/api/v1/pairings/${id}/activities`, { ...activity, endDate: '2026-03-01' })).statusCode).toBe(400);
    expect((await req(people.usSide, 'POST', `/api/v1/pairings/${id}/activities`, { ...activity, ownerUserId: people.usSide!.id })).statusCode).toBe(400);
    expect((await req(people.usSide, 'POST', `/api/v1/pairings/${id}/activities`, { ...activity, startDate: '2026-02-30x' })).statusCode).toBe(400);
    const added = await req(people.usSide, 'POST', `/api/v1/pairings/${id}/activities`, activity);
    expect(added.statusCode, added.body).toBe(201);
    const activityId = added.json().activities[0].id;
    expect(added.json().activities[0]).toMatchObject({ title: 'Makassar delegation visits Tulsa', status: 'planned', startDate: '2026-03-02' });
    const done = await req(people.citySide, 'PATCH', `/api/v1/pairings/${id}/activities/${activityId}`, { status: 'done' });
    expect(done.json().activities[0].status).toBe('done');
    expect((await req(people.citySide, 'PATCH', `/api/v1/pairings/${id}/activities/${crypto.randomUUID()}`, { status: 'done' })).statusCode).toBe(404);
    const update = await req(people.secretariat, 'POST', `/api/v1/pairings/${id}/updates`, { date: '2026-03-10', body: 'Visit went well.' });
    expect(update.statusCode).toBe(201);
    expect(update.json().updates[0]).toMatchObject({ date: '2026-03-10', body: 'Visit went well.', authorName: people.secretariat!.name });
    expect((await req(people.citySide, 'POST', `/api/v1/pairings/${id}/updates`, { date: 'yesterday', body: 'x' })).statusCode).toBe(400);
  });

  it('becomes active, then completed with outcomes and lessons; then anyone signed in reads its summary', async () => {
    expect((await transition(people.secretariat, 'active')).json().status).toBe('active');
    const summary = (await req(people.company, 'GET', `/api/v1/pairings/${id}`)).json();
    expect(summary).toMatchObject({ status: 'active', activities: null, updates: null, transitions: null, canEdit: false });
    expect((await req(people.company, 'POST', `/api/v1/pairings/${id}/updates`, { date: '2026-04-01', body: 'x' })).statusCode).toBe(403);
    expect((await req(null, 'GET', `/api/v1/pairings/${id}`)).statusCode).toBe(404);
    expect((await transition(people.citySide, 'completed')).statusCode).toBe(400);
    const completed = await transition(people.citySide, 'completed', { outcomes: 'Early warning piloted.', lessonsLearned: 'Start with the data.' });
    expect(completed.json()).toMatchObject({ status: 'completed', outcomes: 'Early warning piloted.', lessonsLearned: 'Start with the data.' });
    expect(completed.json().transitions.map((tr: { toStatus: string }) => tr.toStatus)).toEqual(['proposed', 'accepted', 'letter_of_intent', 'memorandum_signed', 'active', 'completed']);
    expect((await transition(people.secretariat, 'withdrawn', { reason: 'x' })).statusCode).toBe(409);
    expect((await req(people.usSide, 'POST', `/api/v1/pairings/${id}/updates`, { date: '2026-04-01', body: 'x' })).statusCode).toBe(409);
    const audit = (await req(people.secretariat, 'GET', `/api/v1/audit?entityType=pairing&entityId=${id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action).reverse()).toEqual([
      'pairing.proposed',
      'pairing.accepted_by_us',
      'pairing.accepted_by_city',
      'pairing.letter_of_intent',
      'pairing.memorandum_signed',
      'pairing.activity_added',
      'pairing.activity_updated',
      'pairing.update_added',
      'pairing.active',
      'pairing.completed',
    ]);
    const notes = (await req(people.citySide, 'GET', '/api/v1/notifications')).json().items as { kind: string }[];
    expect(notes.map((n) => n.kind)).toEqual(expect.arrayContaining(['pairing.letter_of_intent', 'pairing.memorandum_signed', 'pairing.active', 'pairing.completed']));
  });

  it('is shown to the public only once the secretariat marks it public', async () => {
    expect((await req(people.usSide, 'PATCH', `/api/v1/pairings/${id}`, { public: true })).statusCode).toBe(403);
    expect((await req(people.secretariat, 'PATCH', `/api/v1/pairings/${id}`, { public: 'yes' })).statusCode).toBe(400);
    expect((await req(people.secretariat, 'PATCH', `/api/v1/pairings/${id}`, { public: true })).json().public).toBe(true);
    const seen = await req(null, 'GET', `/api/v1/pairings/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ public: true, activities: null, attachments: null });
    expect((await req(null, 'GET', '/api/v1/pairings')).json().items.map((p: { id: string }) => p.id)).toEqual([id]);
  });
});

describe('declining and withdrawing', () => {
  it('a side declines a proposal with a reason; the secretariat withdraws instead', async () => {
    const created = await req(people.secretariat, 'POST', '/api/v1/pairings', { usOrganisationId: otherUsOrgId, cityId: 'makassar', focusAreaIds: [] });
    const pairingId = created.json().id;
    const go = (by: TestPerson | null, body: object) => req(by, 'POST', `/api/v1/pairings/${pairingId}/transitions`, body);
    expect((await go(people.secretariat, { to: 'declined', reason: 'x' })).statusCode).toBe(403);
    expect((await go(people.citySide, { to: 'declined' })).statusCode).toBe(400);
    expect((await go(people.citySide, { to: 'sideways', reason: 'x' })).statusCode).toBe(400);
    const declined = await go(people.citySide, { to: 'declined', reason: 'Not a priority this year.' });
    expect(declined.json()).toMatchObject({ status: 'declined', transitions: [{ toStatus: 'proposed' }, { toStatus: 'declined', reason: 'Not a priority this year.' }] });
    expect((await go(people.secretariat, { to: 'withdrawn', reason: 'x' })).statusCode).toBe(409);
    const again = await req(people.secretariat, 'POST', '/api/v1/pairings', { usOrganisationId: otherUsOrgId, cityId: 'makassar' });
    expect(again.statusCode).toBe(201);
    const withdrawn = await req(people.secretariat, 'POST', `/api/v1/pairings/${again.json().id}/transitions`, { to: 'withdrawn', reason: 'Funding ended.' });
    expect(withdrawn.json().status).toBe('withdrawn');
  });

  it('answers 400 for malformed ids and cursors', async () => {
    expect((await req(people.secretariat, 'GET', '/api/v1/pairings/not-a-uuid')).statusCode).toBe(400);
    expect((await req(people.secretariat, 'GET', '/api/v1/pairings?cursor=bm90LWpzb24')).statusCode).toBe(400);
    expect((await req(people.secretariat, 'GET', '/api/v1/pairings?status=lost')).statusCode).toBe(400);
    expect((await req(people.secretariat, 'GET', `/api/v1/pairings/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});
