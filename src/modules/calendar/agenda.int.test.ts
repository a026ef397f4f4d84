import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarFeeds, meetingParticipants } from '../../db/schema/index.js';
import { buildApp } from '../../server/app.js';
import { loggerOptions } from '../../server/logging.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';
import { hashSecret } from '../auth/tokens.js';
import { insertAgendaItem, insertEvent, insertMeeting, insertRegistration, insertSlot, insertTable } from './fixtures.js';

const hour = 3_600_000;
let t: TestApp;
let city: TestPerson; // Makassar city staff
let company: TestPerson;
let outsider: TestPerson; // registered for another event only
let organiser: TestPerson;
const ids = {} as Record<'forum' | 'other' | 'draft' | 'publicEvent' | 'pastItem' | 'futureItem' | 'pastMeeting' | 'futureMeeting' | 'unpublished' | 'othersMeeting' | 'cancelledMeeting' | 'noCityMeeting' | 'pendingItem', string>;

type Entry = { uid: string; id: string; type: string; status: string; title: string; timeZone: string; location: string; meeting: null | { participants: { name: string; isMe: boolean }[]; canRecordOutcome: boolean; ended: boolean; leadCities: { id: string }[]; leadPartners: { id: string }[]; deals: { id: string }[] } };
type Agenda = { upcoming: Entry[]; past: Entry[] };

const get = (by: TestPerson | null, url: string) => t.request(by, { method: 'GET', url });
const post = (by: TestPerson | null, url: string, payload?: object) => t.request(by, { method: 'POST', url, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  const organiserOrg = await makeOrganisation(t, { kind: 'us_agency', name: 'U.S. Trade Agency (agenda test)' });
  organiser = await makePerson(t, organiserOrg, { name: 'Olive Organiser' });
  const cityOrg = await makeOrganisation(t, { kind: 'city_government', cityId: 'makassar', name: 'Makassar City Government (agenda test)' });
  city = await makePerson(t, cityOrg, { name: 'Citra City' });
  const companyOrg = await makeOrganisation(t, { kind: 'company', name: 'FloodTech Inc. (agenda test)' });
  company = await makePerson(t, companyOrg, { name: 'Carl Company' });
  outsider = await makeActor(t, 'company');
  const secondCompany = await makePerson(t, await makeOrganisation(t, { kind: 'company', name: 'GridWorks (agenda test)' }), { name: 'Gina Grid' });

  const now = Date.now();
  const forum = await insertEvent(t.db, { organiserOrganisationId: organiserOrg.id, title: 'Makassar Business Forum', startsAt: new Date(now - 24 * hour), endsAt: new Date(now + 48 * hour) });
  const other = await insertEvent(t.db, { organiserOrganisationId: organiserOrg.id, title: 'Other Convening' });
  const draft = await insertEvent(t.db, { organiserOrganisationId: organiserOrg.id, title: 'Draft Workshop', status: 'draft' });
  const publicEvent = await insertEvent(t.db, { organiserOrganisationId: organiserOrg.id, title: 'Open Webinar', visibility: 'public', kind: 'webinar', timeZone: 'America/New_York' });
  Object.assign(ids, { forum: forum.id, other: other.id, draft: draft.id, publicEvent: publicEvent.id });
  ids.pastItem = (await insertAgendaItem(t.db, { eventId: forum.id, title: 'Opening plenary', startsAt: new Date(now - 20 * hour), room: 'Hall A', speakers: ['Mayor of Makassar'] })).id;
  ids.futureItem = (await insertAgendaItem(t.db, { eventId: forum.id, title: 'Flood resilience panel', startsAt: new Date(now + 20 * hour), room: 'Room 2' })).id;
  ids.pendingItem = (await insertAgendaItem(t.db, { eventId: other.id, title: 'Other plenary', startsAt: new Date(now + 5 * hour) })).id;
  await insertAgendaItem(t.db, { eventId: draft.id, title: 'Secret draft session', startsAt: new Date(now + 5 * hour) });
  await insertAgendaItem(t.db, { eventId: publicEvent.id, title: 'Webinar talk', startsAt: new Date(now + 30 * hour) });

  const cityReg = await insertRegistration(t.db, { eventId: forum.id, userId: city.id });
  const companyReg = await insertRegistration(t.db, { eventId: forum.id, userId: company.id });
  const gridReg = await insertRegistration(t.db, { eventId: forum.id, userId: secondCompany.id });
  await insertRegistration(t.db, { eventId: other.id, userId: city.id, status: 'pending' });
  await insertRegistration(t.db, { eventId: draft.id, userId: city.id });
  const outsiderReg = await insertRegistration(t.db, { eventId: other.id, userId: outsider.id });
  await insertRegistration(t.db, { eventId: forum.id, userId: outsider.id, status: 'waitlisted' });
  const otherPartyReg = await insertRegistration(t.db, { eventId: other.id, userId: (await makeActor(t, 'ngo')).id });

  const pastSlot = await insertSlot(t.db, forum.id, new Date(now - 3 * hour));
  const futureSlot = await insertSlot(t.db, forum.id, new Date(now + 3 * hour));
  const otherSlot = await insertSlot(t.db, other.id, new Date(now - 3 * hour));
  const table = await insertTable(t.db, forum.id, 'Table 7');
  ids.pastMeeting = (await insertMeeting(t.db, { eventId: forum.id, registrationIds: [companyReg.id, cityReg.id], slotId: pastSlot.id, tableId: table.id, message: 'Flood sensors for the canals' })).id;
  ids.futureMeeting = (await insertMeeting(t.db, { eventId: forum.id, registrationIds: [cityReg.id, companyReg.id], slotId: futureSlot.id, tableId: table.id })).id;
  ids.unpublished = (await insertMeeting(t.db, { eventId: forum.id, registrationIds: [cityReg.id, gridReg.id], slotId: futureSlot.id, published: false })).id;
  ids.cancelledMeeting = (await insertMeeting(t.db, { eventId: forum.id, registrationIds: [gridReg.id, cityReg.id], slotId: pastSlot.id, status: 'cancelled' })).id;
  ids.noCityMeeting = (await insertMeeting(t.db, { eventId: forum.id, registrationIds: [companyReg.id, gridReg.id], slotId: pastSlot.id })).id;
  ids.othersMeeting = (await insertMeeting(t.db, { eventId: other.id, registrationIds: [outsiderReg.id, otherPartyReg.id], slotId: otherSlot.id })).id;
});
afterAll(() => t.close());

const uids = (agenda: Agenda) => [...agenda.upcoming, ...agenda.past].map((e) => e.uid);

describe('my agenda', () => {
  it('holds the sessions of my confirmed events and my published meetings, upcoming first, with a past section', async () => {
    const response = await get(city, '/api/v1/agenda');
    expect(response.statusCode, response.body).toBe(200);
    const agenda = response.json() as Agenda;
    expect(agenda.upcoming.map((e) => e.uid)).toEqual([`meeting-${ids.futureMeeting}`, `agenda-${ids.futureItem}`]);
    // Most recent first; the meeting cancelled after publication stays, marked cancelled.
    expect(agenda.past.map((e) => e.uid)).toEqual([`meeting-${ids.cancelledMeeting}`, `meeting-${ids.pastMeeting}`, `agenda-${ids.pastItem}`]);
    const past = agenda.past.find((e) => e.id === ids.pastMeeting)!;
    expect(past).toMatchObject({ type: 'meeting', status: 'confirmed', timeZone: 'Asia/Jakarta', location: 'Table 7, Jakarta Convention Center' });
    expect(past.title).toBe('Meeting with Carl Company (FloodTech Inc. (agenda test))');
    expect(past.meeting!.participants.map((p) => [p.name, p.isMe])).toEqual([
      ['Carl Company', false],
      ['Citra City', true],
    ]);
    expect(past.meeting).toMatchObject({ ended: true, canRecordOutcome: true });
    expect(agenda.past.find((e) => e.id === ids.cancelledMeeting)).toMatchObject({ status: 'cancelled', meeting: { canRecordOutcome: false } });
    expect(agenda.upcoming.find((e) => e.id === ids.futureMeeting)!.meeting).toMatchObject({ ended: false, canRecordOutcome: false });
  });

  it('leaves out pending registrations, drafts, unpublished meetings and other people’s meetings', async () => {
    const mine = uids((await get(city, '/api/v1/agenda')).json());
    expect(mine).not.toContain(`agenda-${ids.pendingItem}`);
    expect(mine).not.toContain(`meeting-${ids.unpublished}`);
    expect(mine).not.toContain(`meeting-${ids.othersMeeting}`);
    expect(mine.join(' ')).not.toContain(ids.draft);
    const theirs = uids((await get(outsider, '/api/v1/agenda')).json());
    expect(theirs).toEqual([`agenda-${ids.pendingItem}`, `meeting-${ids.othersMeeting}`]);
    expect(theirs).not.toContain(`agenda-${ids.futureItem}`);
    expect((await get(null, '/api/v1/agenda')).statusCode).toBe(401);
  });

  it('downloads as iCalendar with the event’s zone, its VTIMEZONE, stable UIDs and cancelled meetings marked', async () => {
    const response = await get(city, '/api/v1/agenda.ics');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="mitra-agenda.ics"/);
    const ics = response.body.replace(/\r\n /g, '');
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2.0\r\n/);
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Jakarta');
    expect(ics).toMatch(/DTSTART;TZID=Asia\/Jakarta:\d{8}T\d{6}\r\n/);
    expect(ics).toContain(`UID:agenda-${ids.futureItem}@localhost`);
    expect(ics).toContain(`UID:meeting-${ids.pastMeeting}@localhost`);
    expect(ics).not.toContain(ids.unpublished);
    expect(ics).not.toContain(ids.othersMeeting);
    expect(ics).toContain('LOCATION:Table 7\\, Jakarta Convention Center');
    expect(ics).toContain('DESCRIPTION:Participants:\\n- Carl Company (FloodTech Inc. (agenda test))\\n- Citra City');
    const cancelled = ics.slice(ics.indexOf(`UID:meeting-${ids.cancelledMeeting}`));
    expect(cancelled.slice(0, cancelled.indexOf('END:VEVENT'))).toContain('STATUS:CANCELLED');
    // The same entries, the same UIDs: a second download updates rather than duplicates.
    const again = (await get(city, '/api/v1/agenda.ics')).body.replace(/\r\n /g, '');
    expect(again.match(/UID:.*/g)).toEqual(ics.match(/UID:.*/g));
    expect((await get(null, '/api/v1/agenda.ics')).statusCode).toBe(401);
  });

  it('keeps sessions of a cancelled registration or event, marked cancelled, and shows an event without an agenda as itself', async () => {
    const person = await makeActor(t, 'company');
    const organiserOrg = organiser.organisationId;
    const left = await insertEvent(t.db, { organiserOrganisationId: organiserOrg, title: 'Left event', startsAt: new Date(Date.now() + 50 * hour) });
    const leftItem = await insertAgendaItem(t.db, { eventId: left.id, title: 'Left session', startsAt: new Date(Date.now() + 51 * hour) });
    await insertRegistration(t.db, { eventId: left.id, userId: person.id, status: 'cancelled' });
    const called = await insertEvent(t.db, { organiserOrganisationId: organiserOrg, title: 'Called-off event', status: 'cancelled', startsAt: new Date(Date.now() + 60 * hour) });
    const calledItem = await insertAgendaItem(t.db, { eventId: called.id, title: 'Called-off session', startsAt: new Date(Date.now() + 61 * hour) });
    await insertRegistration(t.db, { eventId: called.id, userId: person.id });
    const bare = await insertEvent(t.db, { organiserOrganisationId: organiserOrg, title: 'Webinar without agenda', startsAt: new Date(Date.now() + 70 * hour), timeZone: 'Asia/Manila' });
    await insertRegistration(t.db, { eventId: bare.id, userId: person.id });
    const declined = await insertEvent(t.db, { organiserOrganisationId: organiserOrg, title: 'Declined event', startsAt: new Date(Date.now() + 80 * hour) });
    await insertRegistration(t.db, { eventId: declined.id, userId: person.id, status: 'declined' });

    const agenda = (await get(person, '/api/v1/agenda')).json() as Agenda;
    expect(agenda.upcoming.map((e) => [e.uid, e.status])).toEqual([
      [`agenda-${leftItem.id}`, 'cancelled'],
      [`agenda-${calledItem.id}`, 'cancelled'],
      [`event-${bare.id}`, 'confirmed'],
    ]);
    expect(agenda.upcoming[2]).toMatchObject({ type: 'event', title: 'Webinar without agenda', timeZone: 'Asia/Manila' });
    const ics = (await get(person, '/api/v1/agenda.ics')).body;
    const block = (uid: string) => ics.slice(ics.indexOf(`UID:${uid}`), ics.indexOf('END:VEVENT', ics.indexOf(`UID:${uid}`)));
    expect(block(`agenda-${leftItem.id}`)).toContain('STATUS:CANCELLED');
    expect(block(`agenda-${calledItem.id}`)).toContain('STATUS:CANCELLED');
    expect(block(`event-${bare.id}`)).toContain('STATUS:CONFIRMED');
    expect(block(`event-${bare.id}`)).toMatch(/DTSTART;TZID=Asia\/Manila:/);
    expect(ics).not.toContain(declined.id);
  });

  it('serves an event’s agenda to whoever may see the event', async () => {
    const open = await get(null, `/api/v1/events/${ids.publicEvent}/agenda.ics`);
    expect(open.statusCode, open.body).toBe(200);
    expect(open.headers['cache-control']).toBe('public, max-age=300');
    expect(open.body).toContain('TZID:America/New_York');
    expect(open.body).toContain('SUMMARY:Webinar talk (Open Webinar)');
    expect((await get(null, `/api/v1/events/${ids.forum}/agenda.ics`)).statusCode).toBe(404);
    const signedIn = await get(outsider, `/api/v1/events/${ids.forum}/agenda.ics`);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['cache-control']).toBe('private, no-store');
    expect(signedIn.body).not.toContain('BEGIN:VEVENT\r\nUID:meeting-');
    expect((await get(city, `/api/v1/events/${ids.draft}/agenda.ics`)).statusCode).toBe(404);
    expect((await get(organiser, `/api/v1/events/${ids.draft}/agenda.ics`)).body).toContain('Secret draft session');
    expect((await get(city, '/api/v1/events/00000000-0000-4000-8000-000000000000/agenda.ics')).statusCode).toBe(404);
  });
});

describe('the private subscription link', () => {
  it('serves its owner’s agenda without a session, keeps only the hash, and stops working when rotated or revoked', async () => {
    expect((await get(city, '/api/v1/agenda/feed')).json()).toEqual({ active: false, createdAt: null });
    const created = await post(city, '/api/v1/agenda/feed');
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['cache-control']).toBe('private, no-store');
    const url = created.json().url as string;
    expect(url).toMatch(/^http:\/\/localhost:3000\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = url.slice(url.lastIndexOf('/') + 1, -4);
    const [stored] = await t.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, city.id));
    expect(stored!.tokenHash).toBe(hashSecret(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await get(city, '/api/v1/agenda/feed')).json()).toMatchObject({ active: true });

    const path = new URL(url).pathname;
    const feed = await get(null, path);
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['cache-control']).toBe('private, no-store');
    expect(feed.body).toContain(`UID:meeting-${ids.pastMeeting}@localhost`);
    expect(feed.body).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');

    // Another person's link serves their agenda, not mine.
    const theirs = (await post(outsider, '/api/v1/agenda/feed')).json().url as string;
    const theirFeed = (await get(null, new URL(theirs).pathname)).body;
    expect(theirFeed).toContain(`UID:meeting-${ids.othersMeeting}@localhost`);
    expect(theirFeed).not.toContain(ids.pastMeeting);

    const rotated = (await post(city, '/api/v1/agenda/feed')).json().url as string;
    expect(rotated).not.toBe(url);
    expect((await get(null, path)).statusCode).toBe(404);
    expect((await get(null, new URL(rotated).pathname)).statusCode).toBe(200);

    expect((await t.request(city, { method: 'DELETE', url: '/api/v1/agenda/feed' })).statusCode).toBe(204);
    expect((await get(null, new URL(rotated).pathname)).statusCode).toBe(404);
    expect((await get(city, '/api/v1/agenda/feed')).json()).toEqual({ active: false, createdAt: null });
    expect((await t.request(city, { method: 'DELETE', url: '/api/v1/agenda/feed' })).statusCode).toBe(204);
    expect((await get(null, '/api/v1/calendar/not-a-token.ics')).statusCode).toBe(404);
    expect((await get(null, `/api/v1/calendar/${'A'.repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await post(null, '/api/v1/agenda/feed')).statusCode).toBe(401);

    const audit = (await get(await makeActor(t, 'secretariat'), `/api/v1/audit?entityType=calendar_feed&entityId=${city.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['calendar_feed.revoked', 'calendar_feed.rotated', 'calendar_feed.created']);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('never writes the token to the request log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await buildApp(t.ctx, { logger: { ...(loggerOptions('info') as object), stream }, serveWeb: false });
    await logged.ready();
    try {
      const url = (await post(company, '/api/v1/agenda/feed')).json().url as string;
      const path = new URL(url).pathname;
      const token = path.slice(path.lastIndexOf('/') + 1, -4);
      expect((await logged.inject({ method: 'GET', url: path })).statusCode).toBe(200);
      expect((await logged.inject({ method: 'GET', url: `${path}?x=1` })).statusCode).toBe(200);
      expect((await logged.inject({ method: 'HEAD', url: path })).statusCode).toBe(200);
      expect((await logged.inject({ method: 'GET', url: `/api/v1/calendar/${token.slice(0, 30)}xxxxxxxxxxxxx.ics` })).statusCode).toBe(404);
      const log = lines.join('');
      expect(log).toContain('/api/v1/calendar/[redacted].ics');
      expect(log).not.toContain(token);
      expect(log).not.toContain(token.slice(0, 30));
    } finally {
      await logged.close();
    }
  });
});

describe('meeting outcomes', () => {
  const outcomeUrl = (id: string) => `/api/v1/meetings/${id}/outcome`;

  it('are recorded by participants only, for their own side, once the slot has ended', async () => {
    const early = await post(city, outcomeUrl(ids.futureMeeting), { happened: true, outcome: 'Good' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/has not ended yet: it ends on .* \(Asia\/Jakarta\)/);
    expect((await post(outsider, outcomeUrl(ids.pastMeeting), { happened: true })).statusCode).toBe(404);
    expect((await post(organiser, outcomeUrl(ids.pastMeeting), { happened: true })).statusCode).toBe(403);
    expect((await post(null, outcomeUrl(ids.pastMeeting), { happened: true })).statusCode).toBe(401);
    expect((await post(city, outcomeUrl(ids.cancelledMeeting), { happened: true })).statusCode).toBe(409);
    expect((await post(city, outcomeUrl('00000000-0000-4000-8000-000000000000'), { happened: true })).statusCode).toBe(404);
    expect((await post(city, outcomeUrl(ids.pastMeeting), { happened: 'yes' })).statusCode).toBe(400);

    const recorded = await post(city, outcomeUrl(ids.pastMeeting), { happened: true, outcome: 'They will send a proposal for canal sensors.' });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ lead: null, entry: { id: ids.pastMeeting, meeting: { myOutcome: { happened: true, outcome: 'They will send a proposal for canal sensors.' } } } });
    const rows = await t.db.select().from(meetingParticipants).where(eq(meetingParticipants.requestId, ids.pastMeeting));
    const bySide = rows.map((r) => r.happened);
    expect(bySide.filter((h) => h === true)).toHaveLength(1);
    expect(bySide.filter((h) => h === null)).toHaveLength(1);
    // The company's side is its own to record.
    const companyEntry = ((await get(company, '/api/v1/agenda')).json() as Agenda).past.find((e) => e.id === ids.pastMeeting)!;
    expect(companyEntry.meeting).toMatchObject({ myOutcome: { happened: null } });
    const audit = (await get(await makeActor(t, 'secretariat'), `/api/v1/audit?entityType=meeting_request&entityId=${ids.pastMeeting}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'meeting.outcome_recorded', before: { happened: null }, after: { happened: true } });
  });

  it('may create a lead between the meeting’s city and partner, once', async () => {
    expect((await post(city, outcomeUrl(ids.pastMeeting), { happened: false, lead: {} })).statusCode).toBe(400);
    const badValue = await post(city, outcomeUrl(ids.pastMeeting), { happened: true, lead: { value: { amount: '10.005', currency: 'USD' } } });
    expect(badValue.statusCode).toBe(400);
    expect((await post(city, outcomeUrl(ids.pastMeeting), { happened: true, lead: { cityId: 'da-nang' } })).statusCode).toBe(400);

    const response = await post(city, outcomeUrl(ids.pastMeeting), { happened: true, outcome: 'Proposal expected', lead: { value: { amount: '250000.00', currency: 'usd' } } });
    expect(response.statusCode, response.body).toBe(200);
    const lead = response.json().lead as { id: string; title: string };
    expect(lead.title).toBe('Lead from Makassar Business Forum: FloodTech Inc. (agenda test) and Makassar');
    const deal = (await get(company, `/api/v1/deals/${lead.id}`)).json();
    expect(deal).toMatchObject({
      source: 'meeting',
      stage: 'lead',
      cityId: 'makassar',
      partnerOrganisationId: company.organisationId,
      eventId: ids.forum,
      meetingRequestId: ids.pastMeeting,
      value: { amount: '250000.00', currency: 'USD', amountMinor: '25000000' },
    });
    expect(response.json().entry.meeting.deals).toEqual([{ id: lead.id, title: lead.title, stage: 'lead' }]);
    // The company hears of it; the outsider cannot see it.
    const notes = (await get(company, '/api/v1/notifications')).json();
    expect(notes.items.some((n: { link: string }) => n.link === `/app/deals/${lead.id}`)).toBe(true);
    expect((await get(outsider, `/api/v1/deals/${lead.id}`)).statusCode).toBe(404);

    const again = await post(company, outcomeUrl(ids.pastMeeting), { happened: true, lead: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/already exists/);
  });

  it('refuses a lead from a meeting without a city side, clearly', async () => {
    const refused = await post(company, outcomeUrl(ids.noCityMeeting), { happened: true, lead: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/Nobody from a city government took part/);
    const entry = ((await get(company, '/api/v1/agenda')).json() as Agenda).past.find((e) => e.id === ids.noCityMeeting)!;
    expect(entry.meeting).toMatchObject({ leadCities: [], leadPartners: [] });
    expect((await post(company, outcomeUrl(ids.noCityMeeting), { happened: false, outcome: 'They did not come.' })).statusCode).toBe(200);
  });
});
