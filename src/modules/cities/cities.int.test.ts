import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeActor, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let daNangOfficer: TestPerson;
let haNoiOfficer: TestPerson;
let vietNamRep: TestPerson;
let thaiRep: TestPerson;
let secretariat: TestPerson;
let company: TestPerson;

const projectBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Adaptive traffic signals',
  focusAreaId: 'built-infrastructure',
  description: 'Signals that adapt to traffic.',
  status: 'planning',
  startYear: 2026,
  endYear: 2028,
  budget: { amount: '1250000.50', currency: 'USD' },
  partners: ['Department of Transport'],
  visibility: 'restricted',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  daNangOfficer = await makeActor(t, 'city_government', { cityId: 'da-nang', role: 'member' });
  haNoiOfficer = await makeActor(t, 'city_government', { cityId: 'ha-noi' });
  vietNamRep = await makeActor(t, 'national_agency', { countryCode: 'VN' });
  thaiRep = await makeActor(t, 'national_agency', { countryCode: 'TH' });
  secretariat = await makeActor(t, 'secretariat');
  company = await makeActor(t, 'company');
});
afterAll(() => t.close());

describe('city registry', () => {
  it('lists the 31 verified ASCN cities to the public with coordinates', async () => {
    const response = await t.request(null, { method: 'GET', url: '/api/v1/cities' });
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items).toHaveLength(31);
    const daNang = items.find((c: { id: string }) => c.id === 'da-nang');
    expect(daNang).toMatchObject({ name: 'Da Nang', countryCode: 'VN', countryName: 'Viet Nam', membership: 'pilot-2018' });
    expect(daNang.lat).toBeCloseTo(16.07, 1);
    expect(items.map((c: { id: string }) => c.id)).not.toContain('ipoh');
  });

  it('filters cities by country', async () => {
    const response = await t.request(null, { method: 'GET', url: '/api/v1/cities?country=vn' });
    expect(response.json().items.map((c: { id: string }) => c.id).sort()).toEqual(['da-nang', 'ha-noi', 'ho-chi-minh-city']);
  });

  it('has the countries and the framework', async () => {
    const countries = (await t.request(null, { method: 'GET', url: '/api/v1/countries' })).json().items;
    expect(countries).toHaveLength(12);
    expect(countries.find((c: { code: string }) => c.code === 'US')).toMatchObject({ isAseanMember: false });
    const framework = (await t.request(null, { method: 'GET', url: '/api/v1/framework' })).json();
    expect(framework.focusAreas.map((f: { code: string }) => f.code).sort()).toEqual(['BI', 'CS', 'HW', 'II', 'QE', 'SS']);
    expect(framework.strategicOutcomes).toHaveLength(3);
  });

  it('answers 404 with the error body for an unknown city', async () => {
    const response = await t.request(null, { method: 'GET', url: '/api/v1/cities/atlantis' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});

describe('city profile', () => {
  it("lets the city's own officer edit it, audited with before and after", async () => {
    const response = await t.request(daNangOfficer, {
      method: 'PATCH',
      url: '/api/v1/cities/da-nang',
      payload: { population: 1_220_000, cscoName: 'Nguyen Van A', priorities: ['Traffic', 'Flooding'] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ population: 1_220_000, cscoName: 'Nguyen Van A', priorities: ['Traffic', 'Flooding'], canEdit: true });
    const audit = (await t.request(secretariat, { method: 'GET', url: '/api/v1/audit?entityType=city&entityId=da-nang' })).json();
    expect(audit.items[0]).toMatchObject({ action: 'city.profile_updated', before: { population: null }, after: { population: 1_220_000 } });
  });

  it.each([
    ['an officer of another city', () => haNoiOfficer, 403],
    ["the country's national representative", () => vietNamRep, 403],
    ['a company', () => company, 403],
    ['the public', () => null, 401],
  ])('refuses %s', async (_label, who, status) => {
    const response = await t.request(who(), { method: 'PATCH', url: '/api/v1/cities/da-nang', payload: { population: 1 } });
    expect(response.statusCode).toBe(status);
    const city = (await t.request(null, { method: 'GET', url: '/api/v1/cities/da-nang' })).json();
    expect(city.population).not.toBe(1);
  });

  it('rejects unknown fields and wrong types with a 400 naming the field', async () => {
    const unknown = await t.request(daNangOfficer, { method: 'PATCH', url: '/api/v1/cities/da-nang', payload: { mayor: 'x' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('validation_failed');
    const wrongType = await t.request(daNangOfficer, { method: 'PATCH', url: '/api/v1/cities/da-nang', payload: { population: 'many' } });
    expect(wrongType.statusCode).toBe(400);
    expect(JSON.stringify(wrongType.json().error.details)).toContain('population');
  });
});

describe('SCAP projects and visibility', () => {
  let restrictedId: string;
  let partnershipId: string;
  let publicId: string;

  beforeAll(async () => {
    const create = async (overrides: Record<string, unknown>) => {
      const response = await t.request(daNangOfficer, { method: 'POST', url: '/api/v1/cities/da-nang/projects', payload: projectBody(overrides) });
      expect(response.statusCode).toBe(201);
      return response.json().id as string;
    };
    restrictedId = await create({ title: 'Restricted cyber baseline', visibility: 'restricted', focusAreaId: 'safety-security' });
    partnershipId = await create({ title: 'Partnership air sensors', visibility: 'partnership', focusAreaId: 'quality-environment' });
    publicId = await create({ title: 'Public flood warnings', visibility: 'public', status: 'ongoing', startYear: 2024 });
  });

  it('stores the budget exactly in minor units', async () => {
    const project = (await t.request(daNangOfficer, { method: 'GET', url: `/api/v1/projects/${restrictedId}` })).json();
    expect(project.budget).toEqual({ amount: '1250000.50', currency: 'USD', amountMinor: '125000050' });
  });

  it('rejects an amount with more decimals than the currency has', async () => {
    const response = await t.request(daNangOfficer, {
      method: 'POST',
      url: '/api/v1/cities/da-nang/projects',
      payload: projectBody({ budget: { amount: '100.5', currency: 'VND' } }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('VND');
  });

  it('rejects an end year before the start year and an unknown focus area', async () => {
    const years = await t.request(daNangOfficer, { method: 'POST', url: '/api/v1/cities/da-nang/projects', payload: projectBody({ startYear: 2030, endYear: 2025 }) });
    expect(years.statusCode).toBe(400);
    const focus = await t.request(daNangOfficer, { method: 'POST', url: '/api/v1/cities/da-nang/projects', payload: projectBody({ focusAreaId: 'space' }) });
    expect(focus.statusCode).toBe(400);
    expect(focus.json().error.details[0].field).toBe('body.focusAreaId');
  });

  const titlesSeenBy = async (who: TestPerson | null) =>
    ((await t.request(who, { method: 'GET', url: '/api/v1/cities/da-nang/projects' })).json().items as { title: string }[]).map((p) => p.title).sort();

  it('shows the public only public projects', async () => {
    expect(await titlesSeenBy(null)).toEqual(['Public flood warnings']);
    expect((await t.request(null, { method: 'GET', url: `/api/v1/projects/${partnershipId}` })).statusCode).toBe(404);
    expect((await t.request(null, { method: 'GET', url: `/api/v1/projects/${publicId}` })).statusCode).toBe(200);
  });

  it('shows anyone signed in the partnership projects but not the restricted ones', async () => {
    expect(await titlesSeenBy(company)).toEqual(['Partnership air sensors', 'Public flood warnings']);
    expect(await titlesSeenBy(haNoiOfficer)).toEqual(['Partnership air sensors', 'Public flood warnings']);
    expect((await t.request(company, { method: 'GET', url: `/api/v1/projects/${restrictedId}` })).statusCode).toBe(404);
  });

  it("shows the country's national representative every project, and another country's only what is shared", async () => {
    expect(await titlesSeenBy(vietNamRep)).toHaveLength(3);
    expect(await titlesSeenBy(thaiRep)).toHaveLength(2);
    const network = (await t.request(vietNamRep, { method: 'GET', url: '/api/v1/projects?country=VN' })).json().items;
    expect(network.map((p: { id: string }) => p.id)).toContain(restrictedId);
  });

  it('lets the national representative see but not edit', async () => {
    const response = await t.request(vietNamRep, { method: 'PATCH', url: `/api/v1/projects/${restrictedId}`, payload: { title: 'Changed' } });
    expect(response.statusCode).toBe(403);
  });

  it('refuses an officer of another city with 403 on a project they can see, 404 on one they cannot', async () => {
    expect((await t.request(haNoiOfficer, { method: 'PATCH', url: `/api/v1/projects/${partnershipId}`, payload: { visibility: 'public' } })).statusCode).toBe(403);
    expect((await t.request(haNoiOfficer, { method: 'PATCH', url: `/api/v1/projects/${restrictedId}`, payload: { visibility: 'public' } })).statusCode).toBe(404);
    expect((await t.request(haNoiOfficer, { method: 'POST', url: '/api/v1/cities/da-nang/projects', payload: projectBody() })).statusCode).toBe(403);
  });

  it('makes a project public when its city edits it, and the public then sees it', async () => {
    const response = await t.request(daNangOfficer, { method: 'PATCH', url: `/api/v1/projects/${partnershipId}`, payload: { visibility: 'public' } });
    expect(response.statusCode).toBe(200);
    expect(await titlesSeenBy(null)).toContain('Partnership air sensors');
    const city = (await t.request(null, { method: 'GET', url: '/api/v1/cities' })).json().items.find((c: { id: string }) => c.id === 'da-nang');
    expect(city.projectCount).toBe(2);
    await t.request(daNangOfficer, { method: 'PATCH', url: `/api/v1/projects/${partnershipId}`, payload: { visibility: 'partnership' } });
  });

  it('lets the secretariat edit any city', async () => {
    const response = await t.request(secretariat, { method: 'PATCH', url: `/api/v1/projects/${restrictedId}`, payload: { status: 'ongoing' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('ongoing');
  });

  it('searches and filters the network-wide list, with cursor pagination', async () => {
    const search = (await t.request(null, { method: 'GET', url: '/api/v1/projects?q=flood' })).json().items;
    expect(search.map((p: { title: string }) => p.title)).toEqual(['Public flood warnings']);
    const first = (await t.request(vietNamRep, { method: 'GET', url: '/api/v1/projects?city=da-nang&limit=2' })).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = (await t.request(vietNamRep, { method: 'GET', url: `/api/v1/projects?city=da-nang&limit=2&cursor=${first.nextCursor}` })).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const titles = [...first.items, ...second.items].map((p: { title: string }) => p.title);
    expect(titles).toEqual([...titles].sort());
    const bad = await t.request(null, { method: 'GET', url: '/api/v1/projects?cursor=nonsense' });
    expect(bad.statusCode).toBe(400);
  });

  it('counts projects by status and focus area for a year', async () => {
    const response = await t.request(vietNamRep, { method: 'GET', url: '/api/v1/monitoring?year=2025&country=VN' });
    expect(response.json()).toHaveProperty('cities');
    const report = response.json();
    const daNang = report.cities.find((c: { id: string }) => c.id === 'da-nang');
    expect(daNang.total).toBe(3);
    // In 2025 the ongoing project that starts in 2024 counts as ongoing; one planned for 2026 as planning.
    expect(daNang.byStatus).toEqual({ planning: 2, ongoing: 1, completed: 0 });
    expect(report.network.total).toBe(3);
    expect(report.countries).toHaveLength(1);
    const publicView = await t.request(null, { method: 'GET', url: '/api/v1/monitoring?year=2025' });
    expect(publicView.statusCode).toBe(401);
  });

  it('deletes a project with an audit entry', async () => {
    const id = (await t.request(daNangOfficer, { method: 'POST', url: '/api/v1/cities/da-nang/projects', payload: projectBody({ title: 'To delete' }) })).json().id;
    expect((await t.request(daNangOfficer, { method: 'DELETE', url: `/api/v1/projects/${id}` })).statusCode).toBe(204);
    expect((await t.request(daNangOfficer, { method: 'GET', url: `/api/v1/projects/${id}` })).statusCode).toBe(404);
    const audit = (await t.request(secretariat, { method: 'GET', url: `/api/v1/audit?entityId=${id}` })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['scap_project.deleted', 'scap_project.created']);
  });
});

describe('partial updates', () => {
  it('changes only the fields a PATCH names', async () => {
    const created = (
      await t.request(daNangOfficer, { method: 'POST', url: '/api/v1/cities/da-nang/projects', payload: projectBody({ visibility: 'public', partners: ['A', 'B'] }) })
    ).json();
    const patched = (await t.request(daNangOfficer, { method: 'PATCH', url: `/api/v1/projects/${created.id}`, payload: { status: 'ongoing' } })).json();
    expect(patched).toMatchObject({ status: 'ongoing', visibility: 'public', partners: ['A', 'B'], description: created.description, budget: created.budget });
  });
});

describe('web addresses', () => {
  it('accepts http(s) websites and refuses other schemes', async () => {
    const ok = await t.request(daNangOfficer, { method: 'PATCH', url: '/api/v1/cities/da-nang', payload: { website: 'https://danang.gov.vn' } });
    expect(ok.json().website).toBe('https://danang.gov.vn');
    const script = await t.request(daNangOfficer, { method: 'PATCH', url: '/api/v1/cities/da-nang', payload: { website: 'javascript:alert(1)' } });
    expect(script.statusCode).toBe(400);
    expect(script.json().error.details[0].field).toBe('body.website');
  });
});
