import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals } from '../../db/schema/events.js';
import { assistanceEvents, assistanceRequests, exchangeRates, investmentProjectShares, investmentProjects, type AssistanceStatus } from '../../db/schema/projects.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';
import { toUsdCents, centsToDecimal } from '../pipeline/usd.js';

type Who = 'secretariat' | 'makassar' | 'daNang' | 'indonesiaRep' | 'company' | 'otherCompany' | 'reviewer' | 'otherReviewer';
let t: TestApp;
const people = {} as Record<Who, TestPerson>;
const DAY = 86_400_000;
const get = (by: TestPerson | null, url: string) => t.request(by, { method: 'GET', url });
const json = async (by: TestPerson | null, url: string) => {
  const response = await get(by, url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

type Group = { key: string; projects: number; capitalCostUsd: string; fundingGapUsd: string; notConverted: number; withoutCapitalCost: number };
const groupOf = (groups: Group[], key: string) => groups.find((g) => g.key === key);

beforeAll(async () => {
  t = await createTestApp();
  people.secretariat = await makeActor(t, 'secretariat', { role: 'member' });
  people.makassar = await makeActor(t, 'city_government', { cityId: 'makassar' });
  people.daNang = await makeActor(t, 'city_government', { cityId: 'da-nang' });
  people.indonesiaRep = await makeActor(t, 'national_agency', { countryCode: 'ID' });
  const company = await makeOrganisation(t, { kind: 'company', name: 'FloodTech (reports test)' });
  people.company = await makePerson(t, company);
  const otherCompany = await makeOrganisation(t, { kind: 'company', name: 'GridWorks (reports test)' });
  people.otherCompany = await makePerson(t, otherCompany);
  const agency = await makeOrganisation(t, { kind: 'us_agency', name: 'U.S. Trade and Development Agency (reports test)' });
  people.reviewer = await makePerson(t, agency);
  // A name a spreadsheet would run as a formula: the CSV must guard it.
  const otherAgency = await makeOrganisation(t, { kind: 'us_agency', name: '=HYPERLINK("http://x.example","Other agency")' });
  people.otherReviewer = await makePerson(t, otherAgency);

  // Rates: VND has an old rate, the latest (used) and a future one (not yet valid); THB has none.
  const today = new Date().toISOString().slice(0, 10);
  const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);
  await t.db.insert(exchangeRates).values([
    { currency: 'VND', rateDate: daysAgo(30), unitsPerUsd: '20000', source: 'old' },
    { currency: 'VND', rateDate: daysAgo(1), unitsPerUsd: '25000', source: 'latest' },
    { currency: 'VND', rateDate: new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10), unitsPerUsd: '1', source: 'future' },
  ]);
  expect(today).toMatch(/^\d{4}-/);

  const project = (fields: Partial<typeof investmentProjects.$inferInsert>) => ({
    cityId: 'makassar',
    title: 'Project',
    sector: 'water' as const,
    focusAreaId: 'quality-environment',
    deliveryModel: 'ppp' as const,
    currency: 'USD',
    ...fields,
  });
  const projects = await t.db
    .insert(investmentProjects)
    .values([
      // A: Makassar, public, USD 1,000,000.00 with 400,000.00 secured (gap 600,000.00)
      project({ title: 'A', visibility: 'public', capitalCostMinor: 100_000_000n, fundingSecuredMinor: 40_000_000n }),
      // B: Makassar, restricted, USD 250,000.50, nothing secured known
      project({ title: 'B', visibility: 'restricted', sector: 'energy', capitalCostMinor: 25_000_050n }),
      // C: Da Nang, public, announced, VND 2,500,000,000 = 100,000.00 USD at 25,000; gap 2,000,000,000 = 80,000.00
      project({ title: 'C', cityId: 'da-nang', visibility: 'public', stage: 'announced', currency: 'VND', capitalCostMinor: 2_500_000_000n, fundingSecuredMinor: 500_000_000n }),
      // D: Da Nang, restricted, THB without a rate: counted as not converted
      project({ title: 'D', cityId: 'da-nang', visibility: 'restricted', sector: 'transport', focusAreaId: 'built-infrastructure', currency: 'THB', capitalCostMinor: 100_000_000n }),
      // E: Da Nang, partnership, announced, no capital cost
      project({ title: 'E', cityId: 'da-nang', visibility: 'partnership', stage: 'announced', sector: 'digital', currency: 'VND' }),
      // F: Makassar, partnership, VND 12,345 = 0.4938 USD → 0.49
      project({ title: 'F', visibility: 'partnership', currency: 'VND', capitalCostMinor: 12_345n }),
    ])
    .returning();
  const byTitle = Object.fromEntries(projects.map((p) => [p.title, p.id]));
  // Da Nang shares its restricted project D with FloodTech.
  await t.db.insert(investmentProjectShares).values({ projectId: byTitle.D!, organisationId: company.id });

  // Assistance requests with a timeline set by hand: base is 60 days ago.
  const base = Date.now() - 60 * DAY;
  const at = (days: number) => new Date(base + days * DAY);
  const request = async (cityId: string, agencyId: string, status: AssistanceStatus, steps: [AssistanceStatus, number][]) => {
    const submitted = steps.find(([s]) => s === 'submitted');
    const [row] = await t.db
      .insert(assistanceRequests)
      .values({ cityId, kind: 'feasibility_study', title: `Request ${status}`, agencyOrganisationId: agencyId, status, submittedAt: submitted ? at(submitted[1]) : null })
      .returning();
    let from: AssistanceStatus = 'draft';
    for (const [to, day] of steps) {
      await t.db.insert(assistanceEvents).values({ requestId: row!.id, kind: 'transition', fromStatus: from, toStatus: to, at: at(day) });
      from = to;
    }
    // A comment after the decision must not count as a transition.
    await t.db.insert(assistanceEvents).values({ requestId: row!.id, kind: 'comment', body: 'Thanks', at: at(59) });
    return row!.id;
  };
  // R1 delivered: decision after 4 days, delivery 11 days after approval.
  await request('makassar', agency.id, 'delivered', [['submitted', 0], ['screening', 0.5], ['approved', 4], ['in_progress', 5], ['delivered', 15]]);
  // R2 declined after 10 days.
  await request('makassar', agency.id, 'declined', [['submitted', 0], ['screening', 1], ['declined', 10]]);
  // R6 approved after 1 day, still open (waiting for delivery), 60 days old.
  await request('makassar', agency.id, 'approved', [['submitted', 0], ['screening', 0.25], ['approved', 1]]);
  // R3 Da Nang, in screening, 58 days old.
  await request('da-nang', agency.id, 'screening', [['submitted', 2], ['screening', 3]]);
  // R4 Da Nang to the other agency, submitted 20 days ago.
  await request('da-nang', otherAgency.id, 'submitted', [['submitted', 40]]);
  // R5 a draft: never counted.
  await request('makassar', agency.id, 'draft', []);

  // Deals.
  const deal = (fields: Partial<typeof deals.$inferInsert>) => ({ title: 'Deal', cityId: 'makassar', partnerOrganisationId: company.id, stage: 'lead' as const, source: 'meeting' as const, ...fields });
  await t.db.insert(deals).values([
    deal({ valueMinor: 10_000_000n, currency: 'USD' }),
    deal({ stage: 'mou', source: 'assistance_request', valueMinor: 2_500_000_000n, currency: 'VND' }),
    deal({ cityId: 'da-nang', partnerOrganisationId: otherCompany.id, stage: 'contract', source: 'other', valueMinor: 500_000n, currency: 'THB' }),
    deal({ cityId: 'da-nang', partnerOrganisationId: otherCompany.id, source: 'mission' }),
    deal({ partnerOrganisationId: otherCompany.id, source: 'project_interest', investmentProjectId: byTitle.A!, valueMinor: 5_025n, currency: 'USD' }),
  ]);
});
afterAll(() => t.close());

describe('access', () => {
  it('answers 401 to anonymous visitors, JSON and CSV', async () => {
    for (const url of ['pipeline', 'pipeline.csv', 'assistance', 'assistance.csv', 'deals', 'deals.csv']) {
      expect((await get(null, `/api/v1/reports/${url}`)).statusCode, url).toBe(401);
    }
  });
});

describe('pipeline report', () => {
  it('counts by stage, country, focus area and sector with exact USD totals at the latest dated rate', async () => {
    const report = await json(people.secretariat, '/api/v1/reports/pipeline');
    // 1,000,000.00 + 250,000.50 + 100,000.00 (VND at 25,000, not the old or future rate) + 0.49
    expect(report.total).toMatchObject({ projects: 6, capitalCostUsd: '1350000.99', fundingGapUsd: '680000.00', notConverted: 1, withoutCapitalCost: 1 });
    expect(report.rates).toEqual([{ currency: 'VND', rateDate: expect.any(String), unitsPerUsd: '25000' }]);
    expect(report.currenciesWithoutRate).toEqual(['THB']);
    // Every stage, in order; the empty ones with zeros.
    expect(report.byStage.map((g: Group) => [g.key, g.projects])).toEqual([
      ['prospective', 4],
      ['detailed_planning', 0],
      ['announced', 2],
      ['under_procurement', 0],
      ['awarded', 0],
      ['under_delivery', 0],
      ['operational', 0],
    ]);
    expect(groupOf(report.byStage, 'prospective')).toMatchObject({ capitalCostUsd: '1250000.99', notConverted: 1 });
    expect(groupOf(report.byCountry, 'ID')).toMatchObject({ name: 'Indonesia', projects: 3, capitalCostUsd: '1250000.99', fundingGapUsd: '600000.00', notConverted: 0 });
    expect(groupOf(report.byCountry, 'VN')).toMatchObject({ name: 'Viet Nam', projects: 3, capitalCostUsd: '100000.00', fundingGapUsd: '80000.00', notConverted: 1, withoutCapitalCost: 1 });
    expect(groupOf(report.byFocusArea, 'built-infrastructure')).toMatchObject({ projects: 1, capitalCostUsd: '0.00', notConverted: 1 });
    expect(groupOf(report.byFocusArea, 'quality-environment')).toMatchObject({ projects: 5 });
    expect(groupOf(report.bySector, 'water')).toMatchObject({ name: 'Water', projects: 3, capitalCostUsd: '1100000.49' });
    expect(groupOf(report.bySector, 'energy')).toMatchObject({ projects: 1, capitalCostUsd: '250000.50', fundingGapUsd: '0.00' });
  });

  it("agrees with the pipeline's own per-project conversion", async () => {
    const expected = toUsdCents(2_500_000_000n, 'VND', '25000') + toUsdCents(12_345n, 'VND', '25000') + 100_000_000n + 25_000_050n;
    const report = await json(people.secretariat, '/api/v1/reports/pipeline');
    expect(report.total.capitalCostUsd).toBe(centsToDecimal(expected));
  });

  it("leaves out other cities' restricted projects", async () => {
    const makassar = await json(people.makassar, '/api/v1/reports/pipeline');
    // Not D (Da Nang, restricted): nothing unconverted remains.
    expect(makassar.total).toMatchObject({ projects: 5, capitalCostUsd: '1350000.99', notConverted: 0 });
    expect(makassar.currenciesWithoutRate).toEqual([]);
    expect(groupOf(makassar.byCountry, 'VN')).toMatchObject({ projects: 2 });
    expect(groupOf(makassar.bySector, 'transport')).toBeUndefined();
    const daNang = await json(people.daNang, '/api/v1/reports/pipeline');
    // Not B (Makassar, restricted).
    expect(daNang.total).toMatchObject({ projects: 5, capitalCostUsd: '1100000.49', notConverted: 1 });
    expect(groupOf(daNang.bySector, 'energy')).toBeUndefined();
    const indonesia = await json(people.indonesiaRep, '/api/v1/reports/pipeline');
    expect(indonesia.total.projects).toBe(5);
  });

  it('counts restricted projects shared with the viewer’s organisation, and no others', async () => {
    const company = await json(people.company, '/api/v1/reports/pipeline');
    expect(company.total).toMatchObject({ projects: 5, notConverted: 1 }); // A, C, E, F and the shared D
    const other = await json(people.otherCompany, '/api/v1/reports/pipeline');
    expect(other.total).toMatchObject({ projects: 4, capitalCostUsd: '1100000.49', notConverted: 0 });
  });

  it('filters by country, sector and focus area, and names a bad filter', async () => {
    const vn = await json(people.secretariat, '/api/v1/reports/pipeline?country=vn');
    expect(vn.total.projects).toBe(3);
    expect(vn.byCountry.map((g: Group) => g.key)).toEqual(['VN']);
    const water = await json(people.secretariat, '/api/v1/reports/pipeline?sector=water&focusArea=quality-environment');
    expect(water.total).toMatchObject({ projects: 3, capitalCostUsd: '1100000.49' });
    const unknown = await get(people.secretariat, '/api/v1/reports/pipeline?country=XX&focusArea=nowhere');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.map((d: { field: string }) => d.field)).toEqual(['query.country', 'query.focusArea']);
    const sector = await get(people.secretariat, '/api/v1/reports/pipeline?sector=mining');
    expect(sector.statusCode).toBe(400);
    expect(JSON.stringify(sector.json().error)).toContain('sector');
  });

  it('exports one CSV row per group with a header row', async () => {
    const response = await get(people.secretariat, '/api/v1/reports/pipeline.csv?country=VN');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="pipeline-report-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe('grouping,key,name,projects,capital_cost_usd,funding_gap_usd,value_not_converted,without_capital_cost');
    expect(lines[1]).toBe('total,all,All projects,3,100000.00,80000.00,1,1');
    expect(lines).toContain('stage,announced,Announced,2,100000.00,80000.00,0,1');
    expect(lines).toContain('country,VN,Viet Nam,3,100000.00,80000.00,1,1');
    expect(lines.filter((l) => l.startsWith('stage,'))).toHaveLength(7);
  });
});

type Agency = {
  agencyId: string;
  agencyName: string;
  requests: number;
  byStatus: Record<string, number>;
  turnaround: Record<string, number | null>;
  open: { requests: number; oldestDays: number | null; medianDays: number | null };
};

describe('assistance report', () => {
  it('counts submitted requests by agency and status, with median and mean turnaround from the timeline', async () => {
    const report = await json(people.secretariat, '/api/v1/reports/assistance');
    expect(report.total).toMatchObject({
      requests: 5,
      byStatus: { submitted: 1, screening: 1, approved: 1, declined: 1, in_progress: 0, delivered: 1, closed: 0 },
      // decisions after 4, 10 and 1 days; one delivery 11 days after approval
      turnaround: { decided: 3, decisionMedianDays: 4, decisionMeanDays: 5, delivered: 1, deliveryMedianDays: 11, deliveryMeanDays: 11 },
      // open: 60 (R6), 58 (R3), 20 (R4) days since submission
      open: { requests: 3, oldestDays: 60, medianDays: 58 },
    });
    const [first, second] = report.byAgency as Agency[];
    expect(first).toMatchObject({ agencyName: 'U.S. Trade and Development Agency (reports test)', requests: 4, open: { requests: 2, oldestDays: 60, medianDays: 59 } });
    expect(first!.byStatus).toMatchObject({ delivered: 1, declined: 1, approved: 1, screening: 1, submitted: 0 });
    expect(second).toMatchObject({ requests: 1, byStatus: { submitted: 1 }, turnaround: { decided: 0, decisionMedianDays: null }, open: { requests: 1, oldestDays: 20 } });
  });

  it("leaves out other cities' requests and those a viewer may not see", async () => {
    const makassar = await json(people.makassar, '/api/v1/reports/assistance');
    expect(makassar.total).toMatchObject({ requests: 3, open: { requests: 1, oldestDays: 60 } });
    expect(makassar.byAgency).toHaveLength(1);
    const daNang = await json(people.daNang, '/api/v1/reports/assistance');
    expect(daNang.total).toMatchObject({ requests: 2, byStatus: { screening: 1, submitted: 1 } });
    const otherReviewer = await json(people.otherReviewer, '/api/v1/reports/assistance');
    expect(otherReviewer.total.requests).toBe(1);
    const indonesia = await json(people.indonesiaRep, '/api/v1/reports/assistance');
    expect(indonesia.total.requests).toBe(3);
  });

  it('shows a company no request', async () => {
    const company = await json(people.company, '/api/v1/reports/assistance');
    expect(company.total).toMatchObject({ requests: 0, turnaround: { decided: 0, decisionMedianDays: null }, open: { requests: 0, oldestDays: null } });
    expect(company.byAgency).toEqual([]);
  });

  it('exports one CSV row per agency, cells guarded against formulas', async () => {
    const response = await get(people.secretariat, '/api/v1/reports/assistance.csv');
    expect(response.statusCode).toBe(200);
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe(
      'grouping,agency_id,agency,requests,status_submitted,status_screening,status_approved,status_declined,status_in_progress,status_delivered,status_closed,decided,decision_median_days,decision_mean_days,delivered,delivery_median_days,delivery_mean_days,open,open_oldest_days,open_median_days',
    );
    expect(lines[1]).toBe('total,all,All agencies,5,1,1,1,1,0,1,0,3,4,5,1,11,11,3,60,58');
    expect(lines).toHaveLength(4);
    expect(response.body).toContain(`"'=HYPERLINK(""http://x.example"",""Other agency"")"`);
    expect(response.body).not.toMatch(/,"?=HYPERLINK/);
  });
});

describe('deals report', () => {
  it('counts deals by stage and source with USD values, and those an activity facilitated', async () => {
    const report = await json(people.secretariat, '/api/v1/reports/deals');
    expect(report.total).toEqual({ deals: 5, valueUsd: '200050.25', notConverted: 1, withoutValue: 1 });
    expect(report.facilitated).toEqual({ deals: 4, valueUsd: '200050.25', notConverted: 0, withoutValue: 1 });
    expect(report.byStage).toEqual([
      { stage: 'lead', deals: 3, valueUsd: '100050.25', notConverted: 0, withoutValue: 1 },
      { stage: 'letter_of_intent', deals: 0, valueUsd: '0.00', notConverted: 0, withoutValue: 0 },
      { stage: 'mou', deals: 1, valueUsd: '100000.00', notConverted: 0, withoutValue: 0 },
      { stage: 'contract', deals: 1, valueUsd: '0.00', notConverted: 1, withoutValue: 0 },
    ]);
    expect(report.bySource.find((s: { source: string }) => s.source === 'other')).toMatchObject({ facilitated: false, deals: 1, notConverted: 1 });
    expect(report.byStageAndSource).toEqual([
      { stage: 'lead', source: 'meeting', deals: 1, valueUsd: '100000.00', notConverted: 0, withoutValue: 0 },
      { stage: 'lead', source: 'mission', deals: 1, valueUsd: '0.00', notConverted: 0, withoutValue: 1 },
      { stage: 'lead', source: 'project_interest', deals: 1, valueUsd: '50.25', notConverted: 0, withoutValue: 0 },
      { stage: 'mou', source: 'assistance_request', deals: 1, valueUsd: '100000.00', notConverted: 0, withoutValue: 0 },
      { stage: 'contract', source: 'other', deals: 1, valueUsd: '0.00', notConverted: 1, withoutValue: 0 },
    ]);
  });

  it('counts only the deals the viewer may see', async () => {
    const company = await json(people.company, '/api/v1/reports/deals');
    expect(company.total).toEqual({ deals: 2, valueUsd: '200000.00', notConverted: 0, withoutValue: 0 });
    const makassar = await json(people.makassar, '/api/v1/reports/deals');
    expect(makassar.total.deals).toBe(3);
    const daNang = await json(people.daNang, '/api/v1/reports/deals');
    expect(daNang.total).toMatchObject({ deals: 2, notConverted: 1 });
    expect(daNang.currenciesWithoutRate).toEqual(['THB']);
  });

  it('exports one CSV row per group with a header row', async () => {
    const response = await get(people.secretariat, '/api/v1/reports/deals.csv');
    expect(response.statusCode).toBe(200);
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe('grouping,stage,source,deals,value_usd,value_not_converted,without_value');
    expect(lines[1]).toBe('total,,,5,200050.25,1,1');
    expect(lines[2]).toBe('facilitated,,,4,200050.25,0,1');
    expect(lines).toContain('stage_source,mou,assistance_request,1,100000.00,0,0');
    expect(lines).toHaveLength(3 + 4 + 6 + 5);
  });
});
