import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';
import { makeEvent, notificationsOf, register, setRegistrationStatus } from './test-fixtures.js';

let t: TestApp;
let eventId: string;
let organiser: TestPerson;
let secretariat: TestPerson;
let outsider: TestPerson;
/** A city delegation of three (one organisation), two companies, a U.S. city, someone waiting for approval. */
let city1: TestPerson, city2: TestPerson, city3: TestPerson, lumen: TestPerson, aqua: TestPerson, usCity: TestPerson, pending: TestPerson;
const reg = {} as Record<'city1' | 'city2' | 'city3' | 'lumen' | 'aqua' | 'usCity' | 'pending', string>;

type Request = { id: string; status: string; participants: { registrationId: string; response: string }[]; canRespond: boolean; canCancel: boolean; slot: unknown };

const call = (by: TestPerson | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.request(by, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
const api = (path: string) => `/api/v1/events/${eventId}${path}`;

async function requestMeeting(by: TestPerson, invitees: string[], message = '') {
  const response = await call(by, 'POST', api('/meeting-requests'), { inviteeRegistrationIds: invitees, message });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Request;
}
const accept = (by: TestPerson, id: string) => call(by, 'POST', api(`/meeting-requests/${id}/accept`));

beforeAll(async () => {
  t = await createTestApp();
  const organiserOrg = await makeOrganisation(t, { kind: 'us_agency', name: 'Trade Development Agency (test)' });
  organiser = await makePerson(t, organiserOrg);
  secretariat = await makeActor(t, 'secretariat', { role: 'member' });
  outsider = await makeActor(t, 'company');
  const cityOrg = await makeOrganisation(t, { kind: 'city_government', cityId: 'makassar', name: 'Makassar City Government (test)' });
  city1 = await makePerson(t, cityOrg, { name: 'Andi Rahman' });
  city2 = await makePerson(t, cityOrg, { name: 'Bunga Sari' });
  city3 = await makePerson(t, cityOrg, { name: 'Citra Dewi' });
  lumen = await makePerson(t, await makeOrganisation(t, { kind: 'company', name: 'Lumen Mobility Inc.' }), { name: 'Dana Lee' });
  aqua = await makePerson(t, await makeOrganisation(t, { kind: 'company', name: 'Aqua Analytics LLC' }), { name: 'Eli Ford' });
  usCity = await makePerson(t, await makeOrganisation(t, { kind: 'us_city', name: 'City of Riverton (test)' }), { name: 'Fay Gomez' });
  pending = await makePerson(t, await makeOrganisation(t, { kind: 'company', name: 'Pending Corp' }), { name: 'Gus Hale' });
  eventId = await makeEvent(t, organiserOrg.id, { maxRequestsPerPerson: 3, maxMeetingsPerPerson: 2 });
  reg.city1 = await register(t, eventId, city1, { participantType: 'city_delegate', seeks: 'flood sensors, traffic signal control', offers: 'pilot sites', focusAreaIds: ['quality-environment'] });
  reg.city2 = await register(t, eventId, city2, { participantType: 'city_delegate' });
  reg.city3 = await register(t, eventId, city3, { participantType: 'city_delegate' });
  reg.lumen = await register(t, eventId, lumen, { offers: 'Flood sensors\nTraffic analytics', seeks: 'pilot sites', focusAreaIds: ['quality-environment'] });
  reg.aqua = await register(t, eventId, aqua, { offers: 'water quality monitoring' });
  reg.usCity = await register(t, eventId, usCity, { participantType: 'us_city' });
  reg.pending = await register(t, eventId, pending, { status: 'pending', offers: 'flood sensors' });
});
afterAll(() => t.close());

describe('matchmaking profile and availability', () => {
  it('are saved by the participant, validated and audited', async () => {
    const saved = await call(aqua, 'PUT', api('/matchmaking/profile'), { offers: 'Water quality monitoring; leak detection', seeks: 'utilities', focusAreaIds: ['quality-environment', 'quality-environment'] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().profile).toMatchObject({ offers: 'Water quality monitoring; leak detection', seeks: 'utilities', focusAreaIds: ['quality-environment'], organisationName: 'Aqua Analytics LLC' });
    const bad = await call(aqua, 'PUT', api('/matchmaking/profile'), { offers: '', seeks: '', focusAreaIds: ['space'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('body.focusAreaIds');
    expect((await call(aqua, 'PUT', api('/matchmaking/profile'), { offers: '', seeks: '', colour: 'red' })).statusCode).toBe(400);
    expect((await call(outsider, 'PUT', api('/matchmaking/profile'), { offers: 'x', seeks: 'y' })).statusCode).toBe(403);
    expect((await call(null, 'PUT', api('/matchmaking/profile'), { offers: 'x', seeks: 'y' })).statusCode).toBe(401);
    const audit = (await call(secretariat, 'GET', `/api/v1/audit?entityType=registration&entityId=${reg.aqua}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('matchmaking.profile_saved');
  });

  it('accepts only slots of the event as unavailable times', async () => {
    const response = await call(aqua, 'PUT', api('/matchmaking/availability'), { unavailableSlotIds: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0]).toMatchObject({ field: 'body.unavailableSlotIds.0' });
    const empty = await call(aqua, 'PUT', api('/matchmaking/availability'), { unavailableSlotIds: [] });
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json().unavailableSlotIds).toEqual([]);
  });

  it('shows someone not registered that they are not, without other data', async () => {
    const me = await call(outsider, 'GET', api('/matchmaking'));
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ registration: null, profile: null, sent: [], received: [], isOrganiser: false });
    expect((await call(null, 'GET', api('/matchmaking'))).statusCode).toBe(401);
  });
});

describe('suggestions', () => {
  it('rank the company offering what the city seeks first, with the reasons in words', async () => {
    const response = await call(city1, 'GET', api('/matchmaking/suggestions'));
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as { registrationId: string; organisationName: string; score: number; reasons: { kind: string; text: string; points: number }[] }[];
    expect(items[0]!.organisationName).toBe('Lumen Mobility Inc.');
    expect(items[0]!.reasons.map((r) => r.text)).toEqual([
      'offers: Flood sensors, which you seek',
      'offers: Traffic analytics, which fits what you seek (traffic signal control)',
      'seeks: pilot sites, which you offer',
      'shared focus area: Quality Environment',
      'a company or U.S. partner, for a city delegation',
    ]);
    expect(items[0]!.score).toBe(items[0]!.reasons.reduce((sum, r) => sum + r.points, 0));
    const ids = items.map((i) => i.registrationId);
    expect(ids).toContain(reg.usCity);
    // Not one's own colleagues, not oneself, not someone whose registration is not confirmed.
    expect(ids).not.toContain(reg.city2);
    expect(ids).not.toContain(reg.city1);
    expect(ids).not.toContain(reg.pending);
  });

  it('are for confirmed participants only', async () => {
    expect((await call(pending, 'GET', api('/matchmaking/suggestions'))).statusCode).toBe(409);
    expect((await call(outsider, 'GET', api('/matchmaking/suggestions'))).statusCode).toBe(403);
    expect((await call(null, 'GET', api('/matchmaking/suggestions'))).statusCode).toBe(401);
    expect((await call(city1, 'GET', api('/matchmaking/suggestions?limit=0'))).statusCode).toBe(400);
  });

  it('list the confirmed participants to organisers and confirmed participants, nobody else', async () => {
    const list = await call(organiser, 'GET', api('/matchmaking/participants'));
    expect(list.statusCode).toBe(200);
    const ids = (list.json().items as { registrationId: string }[]).map((p) => p.registrationId);
    expect(ids).toHaveLength(6);
    expect(ids).not.toContain(reg.pending);
    expect(JSON.stringify(list.json())).not.toMatch(/badge|passport|dietary/i);
    expect((await call(lumen, 'GET', api('/matchmaking/participants'))).json().items).toHaveLength(5);
    expect((await call(pending, 'GET', api('/matchmaking/participants'))).statusCode).toBe(409);
    expect((await call(outsider, 'GET', api('/matchmaking/participants'))).statusCode).toBe(403);
  });
});

describe('meeting requests', () => {
  it('refuse bad invitees: oneself, unconfirmed or unknown participants, repeats', async () => {
    const self = await call(city1, 'POST', api('/meeting-requests'), { inviteeRegistrationIds: [reg.city1] });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toContain('is you');
    const unconfirmed = await call(city1, 'POST', api('/meeting-requests'), { inviteeRegistrationIds: [reg.pending] });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.message).toContain('Gus Hale (Pending Corp) is not a confirmed participant');
    const unknown = await call(city1, 'POST', api('/meeting-requests'), { inviteeRegistrationIds: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'] });
    expect(unknown.statusCode).toBe(400);
    expect((await call(city1, 'POST', api('/meeting-requests'), { inviteeRegistrationIds: [reg.lumen, reg.lumen] })).statusCode).toBe(400);
    expect((await call(city1, 'POST', api('/meeting-requests'), { inviteeRegistrationIds: [] })).statusCode).toBe(400);
    expect((await call(pending, 'POST', api('/meeting-requests'), { inviteeRegistrationIds: [reg.lumen] })).statusCode).toBe(409);
    expect((await call(outsider, 'POST', api('/meeting-requests'), { inviteeRegistrationIds: [reg.lumen] })).statusCode).toBe(403);
  });

  it('are seen by their participants and the organisers only', async () => {
    const request = await requestMeeting(aqua, [reg.usCity], 'Water utilities: shall we talk?');
    expect(request).toMatchObject({ status: 'pending', canCancel: true, canRespond: false });
    const byInvitee = await call(usCity, 'GET', api(`/meeting-requests/${request.id}`));
    expect(byInvitee.statusCode).toBe(200);
    expect(byInvitee.json()).toMatchObject({ message: 'Water utilities: shall we talk?', canRespond: true, canCancel: false });
    for (const [who, status] of [
      [lumen, 404],
      [outsider, 404],
      [organiser, 200],
      [secretariat, 200],
      [null, 401],
    ] as const) {
      expect((await call(who, 'GET', api(`/meeting-requests/${request.id}`))).statusCode).toBe(status);
    }
    const listed = (by: TestPerson) => call(by, 'GET', api('/meeting-requests')).then((r) => (r.json().items as Request[]).map((i) => i.id));
    expect(await listed(usCity)).toContain(request.id);
    expect(await listed(lumen)).not.toContain(request.id);
    expect(await listed(outsider)).toEqual([]);
    expect(await listed(organiser)).toContain(request.id);
    expect((await call(usCity, 'GET', api('/matchmaking'))).json().received.map((r: Request) => r.id)).toContain(request.id);
    expect((await call(aqua, 'GET', api('/matchmaking'))).json().sent.map((r: Request) => r.id)).toContain(request.id);
    const [notice] = await notificationsOf(t, usCity, 'meeting_request.received');
    expect(notice).toMatchObject({ title: 'Meeting request from Eli Ford (Aqua Analytics LLC)', link: `/app/events/${eventId}/matchmaking` });
    expect(notice!.body).toContain('Water utilities: shall we talk?');
  });

  it('refuse a duplicate of a pending or accepted request between the same people, whoever sends it', async () => {
    await requestMeeting(usCity, [reg.lumen]);
    const again = await call(lumen, 'POST', api('/meeting-requests'), { inviteeRegistrationIds: [reg.usCity] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('already waiting for answers');
  });

  it('for a group meeting are accepted only when every invitee has accepted', async () => {
    const request = await requestMeeting(city1, [reg.city2, reg.city3, reg.lumen], 'Our delegation would like to meet you.');
    expect(request.participants).toHaveLength(4);
    expect(request.participants[0]).toMatchObject({ registrationId: reg.city1, response: 'requester' });
    expect((await accept(city1, request.id)).statusCode).toBe(409);
    let state = await accept(city2, request.id);
    expect(state.statusCode, state.body).toBe(200);
    expect(state.json().status).toBe('pending');
    expect((await accept(city2, request.id)).statusCode).toBe(409);
    const partial = await notificationsOf(t, city1, 'meeting_request.accepted_by_participant');
    expect(partial.at(-1)!.body).toContain('Still waiting for Dana Lee (Lumen Mobility Inc.) and Citra Dewi (Makassar City Government (test))');
    expect((await accept(outsider, request.id)).statusCode).toBe(404);
    expect((await accept(aqua, request.id)).statusCode).toBe(404);
    state = await accept(city3, request.id);
    expect(state.json().status).toBe('pending');
    state = await accept(lumen, request.id);
    expect(state.json().status).toBe('accepted');
    expect((await notificationsOf(t, city1, 'meeting_request.accepted')).length).toBe(1);
    expect((await notificationsOf(t, city2, 'meeting_request.accepted')).length).toBe(1);
    const duplicate = await call(lumen, 'POST', api('/meeting-requests'), { inviteeRegistrationIds: [reg.city1, reg.city2, reg.city3] });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.message).toContain('already have an accepted meeting');
  });

  it('are declined when one invitee declines, and then closed to answers', async () => {
    const request = await requestMeeting(aqua, [reg.city2, reg.city3]);
    expect((await accept(city2, request.id)).statusCode).toBe(200);
    const declined = await call(city3, 'POST', api(`/meeting-requests/${request.id}/decline`), { reason: 'Our agenda is full.' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json().status).toBe('declined');
    expect((await accept(city3, request.id)).statusCode).toBe(409);
    const notice = (await notificationsOf(t, aqua, 'meeting_request.declined')).at(-1)!;
    expect(notice.title).toBe('Citra Dewi (Makassar City Government (test)) declined the meeting request');
    expect(notice.body).toContain('Our agenda is full.');
    expect((await notificationsOf(t, city2, 'meeting_request.declined')).length).toBe(1);
    // A decline needs no reason, nor any body at all.
    const other = await requestMeeting(lumen, [reg.aqua]);
    const bare = await call(aqua, 'POST', api(`/meeting-requests/${other.id}/decline`));
    expect(bare.statusCode, bare.body).toBe(200);
    expect(bare.json().status).toBe('declined');
  });

  it('are cancelled by their requester only', async () => {
    const request = await requestMeeting(usCity, [reg.city3]);
    expect((await call(city3, 'POST', api(`/meeting-requests/${request.id}/cancel`))).statusCode).toBe(403);
    expect((await call(organiser, 'POST', api(`/meeting-requests/${request.id}/cancel`))).statusCode).toBe(403);
    const cancelled = await call(usCity, 'POST', api(`/meeting-requests/${request.id}/cancel`));
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', canCancel: false });
    expect((await call(usCity, 'POST', api(`/meeting-requests/${request.id}/cancel`))).statusCode).toBe(409);
    expect((await accept(city3, request.id)).statusCode).toBe(409);
    expect((await notificationsOf(t, city3, 'meeting_request.cancelled')).length).toBe(1);
  });

  it('are refused beyond the requests cap, naming it; cancelled ones do not count', async () => {
    // usCity has sent one pending request and one cancelled; the cap is 3.
    await requestMeeting(usCity, [reg.city1]);
    const third = await requestMeeting(usCity, [reg.city2]);
    const refused = await call(usCity, 'POST', api('/meeting-requests'), { inviteeRegistrationIds: [reg.city3] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('maximum requests per person: 3');
    expect((await call(usCity, 'POST', api(`/meeting-requests/${third.id}/cancel`))).statusCode).toBe(200);
    await requestMeeting(usCity, [reg.city3]);
  });

  it('are refused beyond the meetings cap, naming it, when sent and when accepted', async () => {
    // Lumen is in one accepted meeting (the delegation's); the cap is 2.
    const first = await requestMeeting(aqua, [reg.lumen]);
    const second = await requestMeeting(city2, [reg.lumen]);
    expect((await accept(lumen, first.id)).json().status).toBe('accepted');
    const refused = await accept(lumen, second.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('You already have 2 accepted meetings');
    expect(refused.json().error.message).toContain('maximum meetings per person: 2');
    const toFull = await call(city3, 'POST', api('/meeting-requests'), { inviteeRegistrationIds: [reg.lumen] });
    expect(toFull.statusCode).toBe(409);
    expect(toFull.json().error.message).toContain('Dana Lee (Lumen Mobility Inc.) already has 2 accepted meetings');
    expect((await call(lumen, 'GET', api('/matchmaking'))).json()).toMatchObject({ meetings: 2 });
  });

  it('cannot be accepted once a participant is no longer confirmed', async () => {
    const request = await requestMeeting(city3, [reg.aqua]);
    await setRegistrationStatus(t, reg.city3, 'cancelled');
    const refused = await accept(aqua, request.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('registration cancelled');
    await setRegistrationStatus(t, reg.city3, 'confirmed');
  });

  it('are closed when the event is, or when matchmaking is off', async () => {
    const organiserOrg = await makeOrganisation(t, { kind: 'us_agency' });
    const closed = await makeEvent(t, organiserOrg.id, { matchmakingEnabled: false });
    const person = await makeActor(t, 'company');
    await register(t, closed, person);
    const other = await register(t, closed, await makeActor(t, 'company'));
    const response = await call(person, 'POST', `/api/v1/events/${closed}/meeting-requests`, { inviteeRegistrationIds: [other] });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('Matchmaking is not open');
    const draft = await makeEvent(t, organiserOrg.id, { status: 'draft' });
    expect((await call(person, 'GET', `/api/v1/events/${draft}/matchmaking`)).statusCode).toBe(404);
  });
});
