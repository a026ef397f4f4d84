import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../db/schema/platform.js';
import { investmentProjects, type DeliveryModel, type PipelineStage, type PipelineVisibility } from '../../db/schema/projects.js';
import { createTestApp, makeActor, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let daNangOfficer: TestPerson;
let haNoiOfficer: TestPerson;
let vietNamRep: TestPerson;
let secretariat: TestPerson;
let company: TestPerson;

beforeAll(async () => {
  t = await createTestApp();
  daNangOfficer = await makeActor(t, 'city_government', { cityId: 'da-nang', role: 'member' });
  haNoiOfficer = await makeActor(t, 'city_government', { cityId: 'ha-noi' });
  vietNamRep = await makeActor(t, 'national_agency', { countryCode: 'VN' });
  secretariat = await makeActor(t, 'secretariat');
  company = await makeActor(t, 'company');
});
afterAll(() => t.close());

async function makeProject(
  fields: { deliveryModel?: DeliveryModel; stage?: PipelineStage; visibility?: PipelineVisibility; capital?: bigint | null; secured?: bigint | null; currency?: string } = {},
) {
  const [row] = await t.db
    .insert(investmentProjects)
    .values({
      cityId: 'da-nang',
      title: 'Bus rapid transit line 1',
      sector: 'transport',
      focusAreaId: 'built-infrastructure',
      deliveryModel: fields.deliveryModel ?? 'ppp',
      currency: fields.currency ?? 'USD',
      capitalCostMinor: fields.capital === undefined ? 50_000_000_00n : fields.capital,
      fundingSecuredMinor: fields.secured === undefined ? 10_000_000_00n : fields.secured,
      stage: fields.stage ?? 'detailed_planning',
      visibility: fields.visibility ?? 'restricted',
    })
    .returning({ id: investmentProjects.id });
  return row!.id;
}

const url = (id: string) => `/api/v1/pipeline-projects/${id}/bankability`;
const get = (as: TestPerson | null, id: string) => t.request(as, { method: 'GET', url: url(id) });
const save = (as: TestPerson | null, id: string, answers: Record<string, unknown>) => t.request(as, { method: 'PUT', url: `${url(id)}/answers`, payload: { answers } });
const justify = (as: TestPerson | null, id: string, flagId: string, text: unknown) =>
  t.request(as, { method: 'PUT', url: `${url(id)}/flags/${flagId}/justification`, payload: { text } });
const flagIds = (body: { flags: { id: string }[] }) => body.flags.map((f) => f.id);

describe('the bankability check', () => {
  it('starts empty: every question, no answers, PPP flags raised, every dimension not started', async () => {
    const id = await makeProject();
    const response = await get(daNangOfficer, id);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.canEdit).toBe(true);
    expect(body.answers).toEqual({});
    expect(body.questions.length).toBeGreaterThan(20);
    expect(body.questions.find((q: { id: string }) => q.id === 'revenue_model')).toMatchObject({ label: 'Revenue model', kind: 'choice' });
    expect(flagIds(body)).toEqual(['ppp_without_revenue_model', 'ppp_without_risk_allocation']);
    expect(body.profile.map((p: { level: string }) => p.level)).toEqual(['not_started', 'not_started', 'not_started', 'not_started', 'not_started']);
    expect(body.project).toMatchObject({ capitalCost: '50000000.00', fundingSecured: '10000000.00', deliveryModel: 'ppp' });
    expect(body.updatedAt).toBeNull();
  });

  it('flags appear and disappear as answers change; partial saves keep other answers; saves are audited', async () => {
    const id = await makeProject();
    let response = await save(daNangOfficer, id, { revenue_model: 'user_charges', strategic_fit: 'yes' });
    expect(response.statusCode).toBe(200);
    let body = response.json();
    expect(flagIds(body)).toEqual(['ppp_without_risk_allocation', 'demand_revenue_without_demand_evidence']);
    expect(body.profile.find((p: { dimension: string }) => p.dimension === 'rationale').level).not.toBe('not_started');

    response = await save(daNangOfficer, id, { need_evidence: 'yes', risk_allocation: 'draft', funding_gap: '60000000.00' });
    body = response.json();
    expect(body.answers).toMatchObject({ revenue_model: 'user_charges', strategic_fit: 'yes', need_evidence: 'yes', funding_gap: '60000000.00' });
    expect(flagIds(body)).toEqual(['funding_gap_exceeds_cost']);
    expect(body.flags[0].message).toContain('60000000.00');

    response = await save(daNangOfficer, id, { funding_gap: '40000000', strategic_fit: null });
    body = response.json();
    expect(flagIds(body)).toEqual([]);
    expect(body.answers.strategic_fit).toBeUndefined();
    expect(body.answers.funding_gap).toBe('40000000');

    const audit = await t.db.select().from(auditEntries).where(eq(auditEntries.entityId, id));
    expect(audit.filter((a) => a.action === 'bankability.answers_saved')).toHaveLength(3);
  });

  it('flags follow the project facts: stage, funding secured, delivery model', async () => {
    const id = await makeProject({ deliveryModel: 'public_investment', stage: 'under_procurement', secured: 60_000_000_00n });
    let body = (await get(daNangOfficer, id)).json();
    expect(flagIds(body)).toEqual(['funding_secured_exceeds_cost', 'procurement_without_feasibility']);

    await t.db.update(investmentProjects).set({ stage: 'awarded', fundingSecuredMinor: 1n }).where(eq(investmentProjects.id, id));
    body = (await save(daNangOfficer, id, { feasibility_study: 'complete', land_permits: 'partly' })).json();
    expect(flagIds(body)).toEqual(['delivery_without_land_permits']);

    await t.db.update(investmentProjects).set({ stage: 'operational', deliveryModel: 'concession' }).where(eq(investmentProjects.id, id));
    body = (await get(daNangOfficer, id)).json();
    expect(flagIds(body)).toEqual(['ppp_without_revenue_model', 'ppp_without_risk_allocation']);
  });

  it('keeps a justification: the flag stays listed as justified, and it comes back justified if raised again', async () => {
    const id = await makeProject();
    const response = await justify(daNangOfficer, id, 'ppp_without_revenue_model', '  Availability payments under negotiation with the Ministry of Finance ');
    expect(response.statusCode).toBe(200);
    let body = response.json();
    const flag = body.flags.find((f: { id: string }) => f.id === 'ppp_without_revenue_model');
    expect(flag).toMatchObject({ status: 'justified', justification: 'Availability payments under negotiation with the Ministry of Finance' });
    expect(body.flags.find((f: { id: string }) => f.id === 'ppp_without_risk_allocation').status).toBe('open');

    body = (await save(daNangOfficer, id, { revenue_model: 'availability_payments' })).json();
    expect(flagIds(body)).not.toContain('ppp_without_revenue_model');
    body = (await save(daNangOfficer, id, { revenue_model: 'not_defined' })).json();
    expect(body.flags.find((f: { id: string }) => f.id === 'ppp_without_revenue_model')).toMatchObject({ status: 'justified' });

    const audit = await t.db.select().from(auditEntries).where(eq(auditEntries.entityId, id));
    expect(audit.some((a) => a.action === 'bankability.flag_justified')).toBe(true);
  });

  it('refuses a justification for a flag not raised now, an empty text, or an unknown flag', async () => {
    const id = await makeProject({ deliveryModel: 'public_investment' });
    const notRaised = await justify(daNangOfficer, id, 'ppp_without_revenue_model', 'Because');
    expect(notRaised.statusCode).toBe(409);
    expect(notRaised.json().error.message).toContain('A PPP needs a revenue model');
    const empty = await justify(daNangOfficer, id, 'funding_secured_exceeds_cost', '   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('validation_failed');
    expect((await justify(daNangOfficer, id, 'made_up_flag', 'Because')).statusCode).toBe(400);
  });

  it('refuses bad answers, naming unknown questions and wrong values, and saves nothing', async () => {
    const id = await makeProject({ currency: 'VND', capital: 1_000_000n, secured: 0n });
    const unknown = await save(daNangOfficer, id, { revenue_model: 'user_charges', colour: 'blue', size: 'large' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('"colour", "size"');
    expect(unknown.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.answers.colour', 'body.answers.size']);

    const wrong = await save(daNangOfficer, id, { strategic_fit: 'maybe', funding_gap: '10.5', interested_bidders: -1, outcomes: 12 });
    expect(wrong.statusCode).toBe(400);
    const error = wrong.json().error;
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('Strategic fit: answer yes, partly or no');
    expect(error.message).toContain('at most 0 decimal places');
    expect(error.details.map((d: { field: string }) => d.field)).toEqual([
      'body.answers.strategic_fit',
      'body.answers.funding_gap',
      'body.answers.interested_bidders',
      'body.answers.outcomes',
    ]);
    expect((await save(daNangOfficer, id, { funding_gap: 1000 })).statusCode).toBe(400);
    expect((await t.request(daNangOfficer, { method: 'PUT', url: `${url(id)}/answers`, payload: { strategic_fit: 'yes' } })).statusCode).toBe(400);
    expect((await get(daNangOfficer, id)).json().answers).toEqual({});
  });
});

describe('access', () => {
  it('a restricted project: insiders see it, another city and companies get not found', async () => {
    const id = await makeProject({ visibility: 'restricted' });
    expect((await get(vietNamRep, id)).statusCode).toBe(200);
    expect((await get(vietNamRep, id)).json().canEdit).toBe(false);
    expect((await get(secretariat, id)).json().canEdit).toBe(true);
    expect((await get(haNoiOfficer, id)).statusCode).toBe(404);
    expect((await get(company, id)).statusCode).toBe(404);
    expect((await get(null, id)).statusCode).toBe(404);
    expect((await save(haNoiOfficer, id, { strategic_fit: 'yes' })).statusCode).toBe(404);
    expect((await justify(haNoiOfficer, id, 'ppp_without_revenue_model', 'x')).statusCode).toBe(404);
    expect((await get(daNangOfficer, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('a public project: the public and companies read it, only the city and the secretariat change it', async () => {
    const id = await makeProject({ visibility: 'public' });
    const publicRead = await get(null, id);
    expect(publicRead.statusCode).toBe(200);
    expect(publicRead.json().canEdit).toBe(false);
    const companyRead = await get(company, id);
    expect(companyRead.statusCode).toBe(200);
    expect(companyRead.json().canEdit).toBe(false);
    expect((await save(company, id, { strategic_fit: 'yes' })).statusCode).toBe(403);
    expect((await justify(company, id, 'ppp_without_revenue_model', 'x')).statusCode).toBe(403);
    expect((await save(haNoiOfficer, id, { strategic_fit: 'yes' })).statusCode).toBe(403);
    expect((await save(vietNamRep, id, { strategic_fit: 'yes' })).statusCode).toBe(403);
    expect((await save(null, id, { strategic_fit: 'yes' })).statusCode).toBe(401);
    expect((await save(secretariat, id, { strategic_fit: 'yes' })).statusCode).toBe(200);
    expect((await get(company, id)).json().answers).toEqual({ strategic_fit: 'yes' });
  });

  it('a partnership project: signed-in members read it, the public does not', async () => {
    const id = await makeProject({ visibility: 'partnership' });
    expect((await get(company, id)).statusCode).toBe(200);
    expect((await get(null, id)).statusCode).toBe(404);
  });
});
