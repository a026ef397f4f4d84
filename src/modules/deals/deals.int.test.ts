import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(csv.body.split('\n')[0]).toBe('id,title,stage,city,country,partner,partner_kind,value,currency,value_minor_units,source,event,meeting_request_id,notes,recorded_by,created_at,updated_at');
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
