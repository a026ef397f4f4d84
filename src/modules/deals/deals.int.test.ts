import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistanceRequests, investmentProjectShares, investmentProjects, projectInterests } from '../../db/schema/index.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';
import { insertEvent, insertMeeting, insertRegistration, insertSlot } from '../calendar/fixtures.js';

type Who = 'makassarStaff' | 'daNangStaff' | 'company' | 'otherCompany' | 'indonesiaRep' | 'vietnamRep' | 'secretariat' | 'organiser';
let t: TestApp;
const people = {} as Record<Who, TestPerson>;
let companyOrgId: string;
let otherCompanyOrgId: string;
let cityOrgId: string;
let missionId: string;
let convening: string;
let meetingId: string;

const req = (by: TestPerson | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => t.request(by, { method, url, ...(payload ? { payload } : {}) });
const deal = (fields: Record<string, unknown> = {}) => ({ title: 'Flood sensors for Makassar canals', cityId: 'makassar', partnerOrganisationId: companyOrgId, source: 'other', ...fields });
const listIds = async (by: TestPerson, query = '') => ((await req(by, 'GET', `/api/v1/deals${query}`)).json().items as { id: string }[]).map((d) => d.id);

beforeAll(async () => {
  t = await createTestApp();
  const cityOrg = await makeOrganisation(t, { kind: 'city_government', cityId: 'makassar', name: 'Makassar City Government (deals test)' });
  cityOrgId = cityOrg.id;
  people.makassarStaff = await makePerson(t, cityOrg, { role: 'admin', name: 'Mira Makassar' });
  people.daNangStaff = await makeActor(t, 'city_government', { cityId: 'da-nang' });
  const companyOrg = await makeOrganisation(t, { kind: 'company', name: 'FloodTech Inc. (deals test)' });
  companyOrgId = companyOrg.id;
  people.company = await makePerson(t, companyOrg, { role: 'admin', name: 'Carl Company' });
  const otherCompany = await makeOrganisation(t, { kind: 'company', name: 'GridWorks (deals test)' });
  otherCompanyOrgId = otherCompany.id;
  people.otherCompany = await makePerson(t, otherCompany);
  people.indonesiaRep = await makeActor(t, 'national_agency', { countryCode: 'ID' });
  people.vietnamRep = await makeActor(t, 'national_agency', { countryCode: 'VN' });
  people.secretariat = await makeActor(t, 'secretariat', { role: 'member' });
  const agency = await makeOrganisation(t, { kind: 'us_agency', name: 'U.S. Trade Agency (deals test)' });
  people.organiser = await makePerson(t, agency);
  missionId = (await insertEvent(t.db, { organiserOrganisationId: agency.id, kind: 'trade_mission', title: 'Reverse Trade Mission to Houston' })).id;
  convening = (await insertEvent(t.db, { organiserOrganisationId: agency.id, kind: 'convening', title: 'Water Convening' })).id;
  const slot = await insertSlot(t.db, missionId, new Date(Date.now() - 3 * 3_600_000));
  const cityReg = await insertRegistration(t.db, { eventId: missionId, userId: people.makassarStaff.id });
  const companyReg = await insertRegistration(t.db, { eventId: missionId, userId: people.company.id });
  meetingId = (await insertMeeting(t.db, { eventId: missionId, registrationIds: [cityReg.id, companyReg.id], slotId: slot.id })).id;
});
afterAll(() => t.close());

describe('recording deals', () => {
  it('by the city for its own city, the partner for itself, the secretariat for anyone; nobody else', async () => {
    const byCity = await req(people.makassarStaff, 'POST', '/api/v1/deals', deal({ value: { amount: '1250000.50', currency: 'USD' } }));
    expect(byCity.statusCode, byCity.body).toBe(201);
    expect(byCity.json()).toMatchObject({ stage: 'lead', cityName: 'Makassar', partnerOrganisationName: 'FloodTech Inc. (deals test)', value: { amount: '1250000.50', currency: 'USD', amountMinor: '125000050' }, canEdit: true });
    expect((await req(people.company, 'POST', '/api/v1/deals', deal({ stage: 'mou' }))).statusCode).toBe(201);
    expect((await req(people.secretariat, 'POST', '/api/v1/deals', deal({ cityId: 'da-nang', partnerOrganisationId: otherCompanyOrgId }))).statusCode).toBe(201);

    expect((await req(people.daNangStaff, 'POST', '/api/v1/deals', deal())).statusCode).toBe(403);
    expect((await req(people.otherCompany, 'POST', '/api/v1/deals', deal())).statusCode).toBe(403);
    expect((await req(people.indonesiaRep, 'POST', '/api/v1/deals', deal())).statusCode).toBe(403);
    expect((await req(people.organiser, 'POST', '/api/v1/deals', deal())).statusCode).toBe(403);
    expect((await req(null, 'POST', '/api/v1/deals', deal())).statusCode).toBe(401);
  });

  it('by the organisers of a mission or event for the deals it produced', async () => {
    const fromMission = await req(people.organiser, 'POST', '/api/v1/deals', deal({ source: 'mission', eventId: missionId }));
    expect(fromMission.statusCode, fromMission.body).toBe(201);
    expect(fromMission.json()).toMatchObject({ source: 'mission', eventId: missionId, eventTitle: 'Reverse Trade Mission to Houston', canEdit: true });
    expect((await req(people.organiser, 'POST', '/api/v1/deals', deal({ source: 'event', eventId: convening }))).statusCode).toBe(201);
    expect((await req(people.organiser, 'POST', '/api/v1/deals', deal({ source: 'other', eventId: missionId }))).statusCode).toBe(403);
    const notMission = await req(people.organiser, 'POST', '/api/v1/deals', deal({ source: 'mission', eventId: convening }));
    expect(notMission.statusCode).toBe(400);
    expect(notMission.json().error.details).toEqual([{ field: 'body.eventId', message: expect.stringMatching(/is not a reverse trade mission/) }]);
    expect((await req(people.organiser, 'POST', '/api/v1/deals', deal({ source: 'mission' }))).statusCode).toBe(400);
    // The organisers follow up the deals of their event; other companies do not see them.
    expect(await listIds(people.organiser, `?event=${missionId}`)).toContain(fromMission.json().id);
    expect(await listIds(people.otherCompany)).not.toContain(fromMission.json().id);
  });

  it('from a meeting the recorder took part in, with the meeting’s event', async () => {
    const fromMeeting = await req(people.company, 'POST', '/api/v1/deals', deal({ source: 'meeting', meetingRequestId: meetingId }));
    expect(fromMeeting.statusCode, fromMeeting.body).toBe(201);
    expect(fromMeeting.json()).toMatchObject({ source: 'meeting', meetingRequestId: meetingId, eventId: missionId });
    expect((await req(people.secretariat, 'POST', '/api/v1/deals', deal({ source: 'meeting' }))).statusCode).toBe(400);
    const stranger = await makePerson(t, { id: companyOrgId });
    expect((await req(stranger, 'POST', '/api/v1/deals', deal({ source: 'meeting', meetingRequestId: meetingId }))).statusCode).toBe(400);
    expect((await req(people.company, 'POST', '/api/v1/deals', deal({ source: 'other', meetingRequestId: meetingId }))).statusCode).toBe(400);
    const options = (await req(people.company, 'GET', '/api/v1/deals/form-options')).json();
    expect(options.meetings).toEqual([expect.objectContaining({ id: meetingId, eventId: missionId, with: ['Mira Makassar (Makassar City Government (deals test))'] })]);
    expect(options.events.map((e: { id: string }) => e.id)).toEqual([missionId]);
    expect((await req(people.organiser, 'GET', '/api/v1/deals/form-options')).json().events.every((e: { organiser: boolean }) => e.organiser)).toBe(true);
  });

  it('validates the city, the partner, the stage and the value exactly', async () => {
    const bad = async (fields: Record<string, unknown>) => {
      const response = await req(people.secretariat, 'POST', '/api/v1/deals', deal(fields));
      expect(response.statusCode, response.body).toBe(400);
      return response.json().error as { message: string; details: { field: string }[] };
    };
    expect((await bad({ cityId: 'atlantis' })).details[0]!.field).toBe('body.cityId');
    expect((await bad({ partnerOrganisationId: cityOrgId })).message).toMatch(/cannot be the partner of a deal/);
    expect((await bad({ stage: 'signed' })).details[0]!.field).toBe('body.stage');
    expect((await bad({ value: { amount: '10', currency: 'XYZ' } })).details[0]!.field).toBe('body.value.currency');
    expect((await bad({ value: { amount: '10.5', currency: 'VND' } })).message).toMatch(/at most 0 decimal places/);
    expect((await bad({ value: { amount: '-4', currency: 'USD' } })).details[0]!.field).toBe('body.value.amount');
    expect((await bad({ title: 'x' })).details[0]!.field).toBe('body.title');
    const big = await req(people.secretariat, 'POST', '/api/v1/deals', deal({ value: { amount: '92233720368547758.07', currency: 'usd' } }));
    expect(big.statusCode, big.body).toBe(201);
    expect(big.json().value).toEqual({ amount: '92233720368547758.07', currency: 'USD', amountMinor: '9223372036854775807' });
  });
});

describe('who sees and changes deals', () => {
  let dealId: string;
  beforeAll(async () => {
    dealId = (await req(people.makassarStaff, 'POST', '/api/v1/deals', deal({ title: 'Smart water meters' }))).json().id;
  });

  it('is invisible to unrelated organisations and cities, and read by the city’s national representatives', async () => {
    for (const who of ['makassarStaff', 'company', 'secretariat', 'indonesiaRep'] as const) {
      expect((await req(people[who], 'GET', `/api/v1/deals/${dealId}`)).statusCode, who).toBe(200);
      expect(await listIds(people[who]), who).toContain(dealId);
    }
    for (const who of ['daNangStaff', 'otherCompany', 'vietnamRep', 'organiser'] as const) {
      expect((await req(people[who], 'GET', `/api/v1/deals/${dealId}`)).statusCode, who).toBe(404);
      expect(await listIds(people[who]), who).not.toContain(dealId);
    }
    expect((await req(null, 'GET', '/api/v1/deals')).statusCode).toBe(401);
    expect((await req(people.indonesiaRep, 'GET', `/api/v1/deals/${dealId}`)).json().canEdit).toBe(false);
    expect((await req(people.indonesiaRep, 'PATCH', `/api/v1/deals/${dealId}`, { stage: 'mou' })).statusCode).toBe(403);
    expect((await req(people.otherCompany, 'PATCH', `/api/v1/deals/${dealId}`, { stage: 'mou' })).statusCode).toBe(404);
  });

  it('moves forwards and back through the stages, each change audited with before and after', async () => {
    expect((await req(people.company, 'PATCH', `/api/v1/deals/${dealId}`, { stage: 'mou' })).statusCode).toBe(200);
    const back = await req(people.makassarStaff, 'PATCH', `/api/v1/deals/${dealId}`, { stage: 'letter_of_intent', value: { amount: '500000', currency: 'SGD' } });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ stage: 'letter_of_intent', value: { amount: '500000.00', currency: 'SGD' } });
    expect(back.json().history).toEqual([
      { at: expect.any(String), actorName: 'Mira Makassar', action: 'created', changes: [] },
      { at: expect.any(String), actorName: 'Carl Company', action: 'stage_changed', changes: [{ field: 'stage', from: 'lead', to: 'mou' }] },
      {
        at: expect.any(String),
        actorName: 'Mira Makassar',
        action: 'stage_changed',
        changes: [
          { field: 'stage', from: 'mou', to: 'letter_of_intent' },
          { field: 'value', from: null, to: '500000.00 SGD' },
        ],
      },
    ]);
    const audit = (await req(people.secretariat, 'GET', `/api/v1/audit?entityType=deal&entityId=${dealId}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'deal.stage_changed', before: { stage: 'mou' }, after: { stage: 'letter_of_intent', valueMinor: '50000000' } });
    // The other side's administrators hear of stage changes.
    const notes = (await req(people.makassarStaff, 'GET', '/api/v1/notifications')).json();
    expect(notes.items.some((n: { title: string }) => n.title === 'Deal now at MoU: Smart water meters')).toBe(true);
    // An unchanged PATCH changes nothing and writes nothing.
    await req(people.makassarStaff, 'PATCH', `/api/v1/deals/${dealId}`, { stage: 'letter_of_intent' });
    expect((await req(people.secretariat, 'GET', `/api/v1/audit?entityType=deal&entityId=${dealId}`)).json().items).toHaveLength(3);
  });

  it('lists with filters by stage and city', async () => {
    const secretariat = people.secretariat;
    const byStage = (await req(secretariat, 'GET', '/api/v1/deals?stage=letter_of_intent')).json().items as { stage: string }[];
    expect(byStage.length).toBeGreaterThan(0);
    expect(byStage.every((d) => d.stage === 'letter_of_intent')).toBe(true);
    const byCity = (await req(secretariat, 'GET', '/api/v1/deals?city=da-nang')).json().items as { cityId: string }[];
    expect(byCity.length).toBe(1);
    expect((await req(secretariat, 'GET', '/api/v1/deals?stage=won')).statusCode).toBe(400);
    const first = (await req(secretariat, 'GET', '/api/v1/deals?limit=2')).json();
    const second = (await req(secretariat, 'GET', `/api/v1/deals?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((d: { id: string }) => d.id)).not.toContain(first.items[0].id);
  });

  it('exports as CSV for the secretariat only, with formula-like cells defused', async () => {
    await req(people.company, 'POST', '/api/v1/deals', deal({ title: '=HYPERLINK("http://evil.example","x")', notes: '+1 call' }));
    const csv = await req(people.secretariat, 'GET', '/api/v1/deals.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['cache-control']).toBe('private, no-store');
    expect(csv.body.split('\n')[0]).toBe('id,title,stage,city,country,partner,partner_kind,value,currency,value_minor_units,source,event,meeting_request_id,assistance_request_id,investment_project_id,notes,recorded_by,created_at,updated_at');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv.body).toContain("'+1 call");
    expect(csv.body).toContain('500000.00,SGD,50000000');
    expect((await req(people.company, 'GET', '/api/v1/deals.csv')).statusCode).toBe(403);
  });

  it('is removed by the secretariat only', async () => {
    expect((await req(people.makassarStaff, 'DELETE', `/api/v1/deals/${dealId}`)).statusCode).toBe(403);
    expect((await req(people.secretariat, 'DELETE', `/api/v1/deals/${dealId}`)).statusCode).toBe(204);
    expect((await req(people.makassarStaff, 'GET', `/api/v1/deals/${dealId}`)).statusCode).toBe(404);
  });
});

describe('deals linked to the activity that produced them', () => {
  const ids = { approved: '', submitted: '', otherAgencyApproved: '', daNangApproved: '', publicProject: '', restrictedProject: '', sharedProject: '', daNangProject: '' };
  let agencyId: string;
  let otherAgencyId: string;
  let reviewer: TestPerson;

  beforeAll(async () => {
    const agency = await makeOrganisation(t, { kind: 'us_agency', name: 'USTDA (deals link test)' });
    agencyId = agency.id;
    reviewer = await makePerson(t, agency);
    otherAgencyId = (await makeOrganisation(t, { kind: 'us_agency' })).id;
    const request = (fields: { cityId: string; title: string; status: 'approved' | 'submitted'; agencyOrganisationId: string }) => ({ kind: 'feasibility_study' as const, ...fields });
    const requests = await t.db
      .insert(assistanceRequests)
      .values([
        request({ cityId: 'makassar', title: 'Canal feasibility study', status: 'approved', agencyOrganisationId: agencyId }),
        request({ cityId: 'makassar', title: 'Still under review', status: 'submitted', agencyOrganisationId: agencyId }),
        request({ cityId: 'makassar', title: 'Other agency study', status: 'approved', agencyOrganisationId: otherAgencyId }),
        request({ cityId: 'da-nang', title: 'Da Nang study', status: 'approved', agencyOrganisationId: agencyId }),
      ])
      .returning({ id: assistanceRequests.id });
    [ids.approved, ids.submitted, ids.otherAgencyApproved, ids.daNangApproved] = requests.map((r) => r.id) as [string, string, string, string];
    const project = (cityId: string, title: string, visibility: 'public' | 'restricted') => ({ cityId, title, visibility, sector: 'water' as const, focusAreaId: 'quality-environment', deliveryModel: 'ppp' as const, currency: 'USD' });
    const projects = await t.db
      .insert(investmentProjects)
      .values([
        project('makassar', 'Canal sensor network', 'public'),
        project('makassar', 'Secret pumping station', 'restricted'),
        project('makassar', 'Shared desalination tender', 'restricted'),
        project('da-nang', 'Da Nang river sensors', 'public'),
      ])
      .returning({ id: investmentProjects.id });
    [ids.publicProject, ids.restrictedProject, ids.sharedProject, ids.daNangProject] = projects.map((p) => p.id) as [string, string, string, string];
    await t.db.insert(projectInterests).values([
      { projectId: ids.publicProject, organisationId: companyOrgId },
      { projectId: ids.sharedProject, organisationId: companyOrgId },
    ]);
    await t.db.insert(investmentProjectShares).values({ projectId: ids.sharedProject, organisationId: companyOrgId });
  });

  const fieldsOf = (response: { json: () => { error: { details: { field: string }[] } } }) => response.json().error.details.map((d) => d.field);

  it('a deal from an assistance request names an approved (or later) request of its city that the recorder may see', async () => {
    const missing = await req(people.makassarStaff, 'POST', '/api/v1/deals', deal({ source: 'assistance_request' }));
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(missing)).toEqual(['body.assistanceRequestId']);
    const notApproved = await req(people.makassarStaff, 'POST', '/api/v1/deals', deal({ source: 'assistance_request', assistanceRequestId: ids.submitted }));
    expect(notApproved.statusCode).toBe(400);
    expect(notApproved.json().error.message).toContain('only approved (or later) requests produce deals');
    const otherCity = await req(people.secretariat, 'POST', '/api/v1/deals', deal({ source: 'assistance_request', assistanceRequestId: ids.daNangApproved }));
    expect(fieldsOf(otherCity)).toEqual(['body.assistanceRequestId']);
    expect(otherCity.json().error.message).toContain("another city's request");
    // The company cannot see the city's assistance requests at all.
    const unseen = await req(people.company, 'POST', '/api/v1/deals', deal({ source: 'assistance_request', assistanceRequestId: ids.approved }));
    expect(unseen.statusCode).toBe(400);
    expect(unseen.json().error.details).toEqual([{ field: 'body.assistanceRequestId', message: 'is not an assistance request you can see' }]);
    const wrongSource = await req(people.makassarStaff, 'POST', '/api/v1/deals', deal({ source: 'other', assistanceRequestId: ids.approved }));
    expect(fieldsOf(wrongSource)).toEqual(['body.assistanceRequestId']);

    const created = await req(people.makassarStaff, 'POST', '/api/v1/deals', deal({ title: 'Canal study follow-on', source: 'assistance_request', assistanceRequestId: ids.approved }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ source: 'assistance_request', assistanceRequestId: ids.approved, assistanceRequestTitle: 'Canal feasibility study', investmentProjectId: null });
    // The partner sees the deal and that it names a request, but not the request's title.
    const asPartner = (await req(people.company, 'GET', `/api/v1/deals/${created.json().id}`)).json();
    expect(asPartner).toMatchObject({ assistanceRequestId: ids.approved, assistanceRequestTitle: null });
    expect((await req(people.indonesiaRep, 'GET', `/api/v1/deals/${created.json().id}`)).json().assistanceRequestTitle).toBe('Canal feasibility study');
    const listed = ((await req(people.makassarStaff, 'GET', '/api/v1/deals')).json().items as { id: string; assistanceRequestTitle: string | null }[]).find((d) => d.id === created.json().id);
    expect(listed?.assistanceRequestTitle).toBe('Canal feasibility study');
  });

  it("a deal from a company's interest names the project the partner expressed interest in", async () => {
    const missing = await req(people.makassarStaff, 'POST', '/api/v1/deals', deal({ source: 'project_interest' }));
    expect(fieldsOf(missing)).toEqual(['body.investmentProjectId']);
    const notInterested = await req(people.makassarStaff, 'POST', '/api/v1/deals', deal({ source: 'project_interest', partnerOrganisationId: otherCompanyOrgId, investmentProjectId: ids.publicProject }));
    expect(notInterested.statusCode).toBe(400);
    expect(notInterested.json().error.details).toEqual([{ field: 'body.investmentProjectId', message: 'GridWorks (deals test) has not expressed interest in "Canal sensor network"' }]);

    const created = await req(people.makassarStaff, 'POST', '/api/v1/deals', deal({ title: 'Sensor network LoI', source: 'project_interest', investmentProjectId: ids.publicProject, stage: 'letter_of_intent' }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ source: 'project_interest', investmentProjectId: ids.publicProject, investmentProjectTitle: 'Canal sensor network' });
    const csv = (await req(people.secretariat, 'GET', '/api/v1/deals.csv')).body;
    expect(csv.split('\n').find((line) => line.startsWith(created.json().id))).toContain(`,project_interest,,,,${ids.publicProject},`);
  });

  it('any deal may name a pipeline project of its city that the recorder may see, shares included', async () => {
    const otherCity = await req(people.secretariat, 'POST', '/api/v1/deals', deal({ investmentProjectId: ids.daNangProject }));
    expect(fieldsOf(otherCity)).toEqual(['body.investmentProjectId']);
    expect(otherCity.json().error.message).toContain("another city's project");
    const hidden = await req(people.company, 'POST', '/api/v1/deals', deal({ investmentProjectId: ids.restrictedProject }));
    expect(hidden.json().error.details).toEqual([{ field: 'body.investmentProjectId', message: 'is not a pipeline project you can see' }]);
    const unknown = await req(people.company, 'POST', '/api/v1/deals', deal({ investmentProjectId: '00000000-0000-4000-8000-000000000000' }));
    expect(fieldsOf(unknown)).toEqual(['body.investmentProjectId']);

    const byCompany = await req(people.company, 'POST', '/api/v1/deals', deal({ title: 'Desalination MoU', investmentProjectId: ids.sharedProject, stage: 'mou' }));
    expect(byCompany.statusCode, byCompany.body).toBe(201);
    expect(byCompany.json()).toMatchObject({ source: 'other', investmentProjectTitle: 'Shared desalination tender' });
    // Once unshared, the company still sees its deal but no longer the restricted project's title.
    await t.db.delete(investmentProjectShares);
    expect((await req(people.company, 'GET', `/api/v1/deals/${byCompany.json().id}`)).json()).toMatchObject({ investmentProjectId: ids.sharedProject, investmentProjectTitle: null });
    expect((await req(people.makassarStaff, 'GET', `/api/v1/deals/${byCompany.json().id}`)).json().investmentProjectTitle).toBe('Shared desalination tender');
  });

  it("offers the city's approved requests and visible projects in the form options", async () => {
    const asCity = (await req(people.makassarStaff, 'GET', '/api/v1/deals/form-options')).json();
    expect(asCity.cityId).toBe('makassar');
    expect(asCity.assistanceRequests.map((r: { title: string }) => r.title).sort()).toEqual(['Canal feasibility study', 'Other agency study']);
    expect(asCity.projects.map((p: { title: string }) => p.title).sort()).toEqual(['Canal sensor network', 'Secret pumping station', 'Shared desalination tender']);
    expect(asCity.projects.find((p: { id: string }) => p.id === ids.publicProject).interestedOrganisationIds).toEqual([companyOrgId]);

    const asReviewer = (await req(reviewer, 'GET', '/api/v1/deals/form-options?city=makassar')).json();
    expect(asReviewer.assistanceRequests.map((r: { title: string }) => r.title)).toEqual(['Canal feasibility study']);
    const asCompany = (await req(people.company, 'GET', '/api/v1/deals/form-options?city=makassar')).json();
    expect(asCompany.assistanceRequests).toEqual([]);
    expect(asCompany.projects.map((p: { title: string }) => p.title)).toEqual(['Canal sensor network']);
    expect((await req(people.company, 'GET', '/api/v1/deals/form-options')).json()).toMatchObject({ cityId: null, assistanceRequests: [], projects: [] });
    expect((await req(people.company, 'GET', '/api/v1/deals/form-options?city=NOT%20A%20CITY')).statusCode).toBe(400);
  });
});
