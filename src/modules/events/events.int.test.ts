import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals, events, notifications, registrations } from '../../db/schema/index.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';
import { newBadgeCode } from './badge-codes.js';

let t: TestApp;
let agencyOrg: { id: string; name: string };
let organiser: TestPerson;
let colleague: TestPerson;
let otherAgency: TestPerson;
let secretariat: TestPerson;
let company: TestPerson;
let delegate: TestPerson;
let delegate2: TestPerson;
let otherCity: TestPerson;
let restrictedProject: string;
let publicProject: string;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const req = (by: TestPerson | null, method: Method, url: string, payload?: unknown) => t.request(by, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });

/** A future event made by `by` (the agency organiser by default), as a draft. */
async function draft(fields: Record<string, unknown> = {}, by: TestPerson = organiser) {
  const response = await req(by, 'POST', '/api/v1/events', {
    kind: 'convening',
    title: 'ASCN Annual Convening',
    startsAt: '2031-03-10T09:00',
    endsAt: '2031-03-12T17:00',
    timeZone: 'Asia/Ho_Chi_Minh',
    venue: 'Ariyana Convention Centre, Da Nang',
    ...fields,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function published(fields: Record<string, unknown> = {}) {
  const event = await draft(fields);
  const response = await req(organiser, 'POST', `/api/v1/events/${event.id}/transitions`, { to: 'published' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

beforeAll(async () => {
  t = await createTestApp();
  const agency = await makeOrganisation(t, { kind: 'us_agency', name: 'U.S. Trade and Development Agency (test)' });
  agencyOrg = { id: agency.id, name: agency.name };
  organiser = await makePerson(t, agency, { name: 'Alex Organiser' });
  colleague = await makePerson(t, agency);
  otherAgency = await makeActor(t, 'us_agency');
  secretariat = await makeActor(t, 'secretariat');
  company = await makeActor(t, 'company');
  const daNang = await makeOrganisation(t, { kind: 'city_government', cityId: 'da-nang' });
  delegate = await makePerson(t, daNang, { name: 'Trần Văn Minh' });
  delegate2 = await makePerson(t, daNang, { name: 'Lê Thị Hoa' });
  otherCity = await makeActor(t, 'city_government', { cityId: 'cebu-city' });
  const project = async (visibility: string) => {
    const response = await req(delegate, 'POST', '/api/v1/cities/da-nang/projects', { title: `Smart water metering (${visibility})`, focusAreaId: 'quality-environment', status: 'planning', visibility });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  publicProject = await project('public');
  restrictedProject = await project('restricted');
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('creating and editing events', () => {
  it('lets U.S. agencies and the secretariat create events, and nobody else', async () => {
    for (const person of [delegate, company]) {
      const response = await req(person, 'POST', '/api/v1/events', { kind: 'workshop', title: 'Not allowed', startsAt: '2031-01-01T09:00', endsAt: '2031-01-01T12:00', timeZone: 'UTC' });
      expect(response.statusCode).toBe(403);
    }
    expect((await req(null, 'POST', '/api/v1/events', { kind: 'workshop', title: 'Anonymous', startsAt: '2031-01-01T09:00', endsAt: '2031-01-01T12:00', timeZone: 'UTC' })).statusCode).toBe(401);
    const event = await draft({}, secretariat);
    expect(event.status).toBe('draft');
  });

  it('reads times in the event\'s zone and answers them in both forms', async () => {
    const event = await draft();
    expect(event.startsAt).toBe('2031-03-10T02:00:00.000Z');
    expect(event.localStartsAt).toBe('2031-03-10T09:00');
    expect(event.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(event.organiserName).toBe(agencyOrg.name);
    expect(event.isOrganiser).toBe(true);
  });

  it('refuses a zone that is not IANA, an end before the start and a close after the end, naming each field', async () => {
    const zone = await req(organiser, 'POST', '/api/v1/events', { kind: 'webinar', title: 'Zone', startsAt: '2031-01-01T09:00', endsAt: '2031-01-01T10:00', timeZone: 'Mars/Olympus' });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().error.details[0].field).toBe('body.timeZone');
    const order = await req(organiser, 'POST', '/api/v1/events', {
      kind: 'webinar',
      title: 'Order',
      startsAt: '2031-01-01T09:00',
      endsAt: '2031-01-01T08:00',
      registrationClosesAt: '2031-01-02T08:00',
      timeZone: 'UTC',
    });
    expect(order.statusCode).toBe(400);
    expect(order.json().error.details.map((d: { field: string }) => d.field).sort()).toEqual(['body.endsAt', 'body.registrationClosesAt']);
    // 02:30 on 9 March 2031 does not exist in New York (clocks go forward).
    const gap = await req(organiser, 'POST', '/api/v1/events', { kind: 'webinar', title: 'Gap', startsAt: '2031-03-09T02:30', endsAt: '2031-03-09T04:00', timeZone: 'America/New_York' });
    expect(gap.statusCode).toBe(400);
    expect(gap.json().error.message).toMatch(/not a time that exists in America\/New_York/);
  });

  it('links SCAP projects the organiser may see and shows each viewer only the titles they may see', async () => {
    const unknown = await req(organiser, 'POST', '/api/v1/events', {
      kind: 'trade_mission',
      title: 'Mission',
      startsAt: '2031-01-01T09:00',
      endsAt: '2031-01-05T10:00',
      timeZone: 'America/Los_Angeles',
      projectIds: [publicProject, restrictedProject, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(400);
    // The agency may not see the city's restricted project, nor one that does not exist.
    expect(unknown.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.projectIds.1', 'body.projectIds.2']);

    const mission = await draft({ kind: 'trade_mission', timeZone: 'America/Los_Angeles', projectIds: [publicProject] });
    expect(mission.projects.map((p: { title: string; cityName: string }) => [p.title, p.cityName])).toEqual([['Smart water metering (public)', 'Da Nang']]);
    // The secretariat may link the restricted one; the agency organiser then does not see its title.
    const both = await draft({ kind: 'trade_mission', timeZone: 'America/Los_Angeles', projectIds: [publicProject, restrictedProject] }, secretariat);
    expect(both.projects).toHaveLength(2);
    await req(secretariat, 'POST', `/api/v1/events/${both.id}/transitions`, { to: 'published' });
    const asCompany = (await req(company, 'GET', `/api/v1/events/${both.id}`)).json();
    expect(asCompany.projects.map((p: { id: string }) => p.id)).toEqual([publicProject]);
    const asCity = (await req(delegate, 'GET', `/api/v1/events/${both.id}`)).json();
    expect(asCity.projects).toHaveLength(2);
  });

  it('lets the organisers edit, and refuses another organisation with 403', async () => {
    const event = await draft();
    const edit = await req(colleague, 'PATCH', `/api/v1/events/${event.id}`, { title: 'ASCN Convening 2031', capacity: 120, matchmakingEnabled: true, maxRequestsPerPerson: 5, maxMeetingsPerPerson: 4 });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ title: 'ASCN Convening 2031', capacity: 120, matchmakingEnabled: true, maxRequestsPerPerson: 5, maxMeetingsPerPerson: 4 });
    const secretariatEdit = await req(secretariat, 'PATCH', `/api/v1/events/${event.id}`, { summary: 'By the secretariat' });
    expect(secretariatEdit.statusCode).toBe(200);
    await req(organiser, 'POST', `/api/v1/events/${event.id}/transitions`, { to: 'published' });
    for (const person of [otherAgency, delegate, company]) {
      expect((await req(person, 'PATCH', `/api/v1/events/${event.id}`, { title: 'Taken over' })).statusCode).toBe(403);
      expect((await req(person, 'POST', `/api/v1/events/${event.id}/transitions`, { to: 'cancelled', reason: 'no' })).statusCode).toBe(403);
      expect((await req(person, 'POST', `/api/v1/events/${event.id}/agenda-items`, { title: 'x', startsAt: '2031-03-10T10:00', endsAt: '2031-03-10T11:00' })).statusCode).toBe(403);
    }
  });

  it('keeps the kind once published and changes the time zone without moving what was not retimed', async () => {
    const event = await published();
    const kind = await req(organiser, 'PATCH', `/api/v1/events/${event.id}`, { kind: 'webinar' });
    expect(kind.statusCode).toBe(409);
    const zone = await req(organiser, 'PATCH', `/api/v1/events/${event.id}`, { timeZone: 'Asia/Singapore' });
    expect(zone.json().startsAt).toBe(event.startsAt);
    expect(zone.json().localStartsAt).toBe('2031-03-10T10:00');
  });
});

describe('who sees which event', () => {
  it('shows drafts to their organisers only', async () => {
    const event = await draft({ visibility: 'public' });
    expect((await req(null, 'GET', `/api/v1/events/${event.id}`)).statusCode).toBe(404);
    expect((await req(company, 'GET', `/api/v1/events/${event.id}`)).statusCode).toBe(404);
    expect((await req(otherAgency, 'GET', `/api/v1/events/${event.id}`)).statusCode).toBe(404);
    expect((await req(colleague, 'GET', `/api/v1/events/${event.id}`)).statusCode).toBe(200);
    expect((await req(secretariat, 'GET', `/api/v1/events/${event.id}`)).statusCode).toBe(200);
    const listed = (await req(company, 'GET', '/api/v1/events?limit=200')).json().items.map((e: { id: string }) => e.id);
    expect(listed).not.toContain(event.id);
    const ours = (await req(colleague, 'GET', '/api/v1/events?limit=200')).json().items.map((e: { id: string }) => e.id);
    expect(ours).toContain(event.id);
  });

  it('shows partnership events to those signed in only, and public ones to everyone', async () => {
    const partnership = await published({ visibility: 'partnership', title: 'Partnership workshop' });
    const open = await published({ visibility: 'public', title: 'Public convening', onlineUrl: 'https://meet.example.org/ascn' });
    expect((await req(null, 'GET', `/api/v1/events/${partnership.id}`)).statusCode).toBe(404);
    expect((await req(company, 'GET', `/api/v1/events/${partnership.id}`)).statusCode).toBe(200);
    const visitor = await req(null, 'GET', `/api/v1/events/${open.id}`);
    expect(visitor.statusCode).toBe(200);
    // The online link is for organisers and confirmed participants.
    expect(visitor.json()).toMatchObject({ online: true, onlineUrl: null, myRegistration: null, isOrganiser: false, pendingCount: null });
    expect((await req(organiser, 'GET', `/api/v1/events/${open.id}`)).json().onlineUrl).toBe('https://meet.example.org/ascn');
    const publicList = (await req(null, 'GET', '/api/v1/events?when=upcoming&limit=200')).json().items.map((e: { id: string }) => e.id);
    expect(publicList).toContain(open.id);
    expect(publicList).not.toContain(partnership.id);
  });

  it('lists upcoming events soonest first and past ones apart, filtered by kind', async () => {
    const later = await published({ kind: 'workshop', title: 'Later workshop', startsAt: '2032-05-01T09:00', endsAt: '2032-05-01T12:00' });
    const sooner = await published({ kind: 'workshop', title: 'Sooner workshop', startsAt: '2031-05-01T09:00', endsAt: '2031-05-01T12:00' });
    const past = await published({ kind: 'workshop', title: 'Past workshop', startsAt: '2020-05-01T09:00', endsAt: '2020-05-01T12:00' });
    const upcoming = (await req(company, 'GET', '/api/v1/events?when=upcoming&kind=workshop&limit=200')).json().items.map((e: { id: string }) => e.id);
    expect(upcoming.indexOf(sooner.id)).toBeLessThan(upcoming.indexOf(later.id));
    expect(upcoming).not.toContain(past.id);
    const pastList = (await req(company, 'GET', '/api/v1/events?when=past&kind=workshop')).json().items.map((e: { id: string }) => e.id);
    expect(pastList).toContain(past.id);
    const missions = (await req(company, 'GET', '/api/v1/events?when=upcoming&kind=trade_mission&limit=200')).json().items;
    expect(missions.every((e: { kind: string }) => e.kind === 'trade_mission')).toBe(true);
  });
});

describe('lifecycle', () => {
  it('publishes only with a venue or an online link', async () => {
    const event = await draft({ venue: '' });
    const response = await req(organiser, 'POST', `/api/v1/events/${event.id}/transitions`, { to: 'published' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe('body.venue');
  });

  it('cancels with a reason and tells everyone registered', async () => {
    const event = await published();
    const registered = await req(delegate, 'POST', `/api/v1/events/${event.id}/registrations`, {});
    expect(registered.statusCode, registered.body).toBe(201);
    expect((await req(organiser, 'POST', `/api/v1/events/${event.id}/transitions`, { to: 'cancelled' })).statusCode).toBe(400);
    const cancelled = await req(organiser, 'POST', `/api/v1/events/${event.id}/transitions`, { to: 'cancelled', reason: 'The venue flooded.' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, delegate.id), eq(notifications.kind, 'events.event_cancelled')));
    expect(told.some((n) => n.body.includes('The venue flooded.') && n.link === `/app/events/${event.id}`)).toBe(true);
    expect((await req(organiser, 'PATCH', `/api/v1/events/${event.id}`, { title: 'Back on' })).statusCode).toBe(409);
    expect((await req(delegate2, 'POST', `/api/v1/events/${event.id}/registrations`, {})).statusCode).toBe(409);
  });

  it('completes an event only once it has started', async () => {
    const future = await published();
    const early = await req(organiser, 'POST', `/api/v1/events/${future.id}/transitions`, { to: 'completed' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/has not started yet/);
  });
});

describe('agenda', () => {
  it('adds items within the event, in its zone, and refuses those outside', async () => {
    const event = await draft();
    const outside = await req(organiser, 'POST', `/api/v1/events/${event.id}/agenda-items`, { title: 'Too early', startsAt: '2031-03-09T09:00', endsAt: '2031-03-09T10:00' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0].field).toBe('body.startsAt');
    const item = await req(organiser, 'POST', `/api/v1/events/${event.id}/agenda-items`, {
      kind: 'session',
      title: 'Opening plenary',
      startsAt: '2031-03-10T09:00',
      endsAt: '2031-03-10T10:30',
      room: 'Hall A',
      speakers: ['Mayor of Da Nang', ' ', 'U.S. Ambassador'],
    });
    expect(item.statusCode, item.body).toBe(201);
    expect(item.json()).toMatchObject({ localStartsAt: '2031-03-10T09:00', localEndsAt: '2031-03-10T10:30', startsAt: '2031-03-10T02:00:00.000Z', speakers: ['Mayor of Da Nang', 'U.S. Ambassador'] });
    const moved = await req(organiser, 'PATCH', `/api/v1/events/${event.id}/agenda-items/${item.json().id}`, { endsAt: '2031-03-10T08:00' });
    expect(moved.statusCode).toBe(400);
    const shrink = await req(organiser, 'PATCH', `/api/v1/events/${event.id}`, { startsAt: '2031-03-11T09:00' });
    expect(shrink.statusCode).toBe(400);
    expect(shrink.json().error.message).toMatch(/Opening plenary/);
    expect((await req(organiser, 'DELETE', `/api/v1/events/${event.id}/agenda-items/${item.json().id}`)).statusCode).toBe(204);
    expect((await req(organiser, 'GET', `/api/v1/events/${event.id}`)).json().agenda).toEqual([]);
  });
});

describe('reverse trade missions', () => {
  it('shows the projects, the delegation to those signed in, and the deals it produced as each viewer may see them', async () => {
    const mission = await draft({
      kind: 'trade_mission',
      title: 'Reverse trade mission: smart water',
      startsAt: '2024-06-01T08:00',
      endsAt: '2024-06-08T18:00',
      timeZone: 'America/Los_Angeles',
      visibility: 'public',
      projectIds: [publicProject],
      missionObjectives: 'Meet U.S. water-technology companies.',
    });
    for (const item of [
      { kind: 'travel', title: 'Fly to San Francisco', startsAt: '2024-06-01T08:00', endsAt: '2024-06-01T20:00', place: 'San Francisco, CA' },
      { kind: 'site_visit', title: 'Utility visit', startsAt: '2024-06-03T09:00', endsAt: '2024-06-03T12:00', place: 'San Jose, CA' },
      { kind: 'business_meetings', title: 'B2B meetings', startsAt: '2024-06-05T09:00', endsAt: '2024-06-05T17:00', place: 'Riverton, CA' },
    ]) {
      expect((await req(organiser, 'POST', `/api/v1/events/${mission.id}/agenda-items`, item)).statusCode).toBe(201);
    }
    await req(organiser, 'POST', `/api/v1/events/${mission.id}/transitions`, { to: 'published' });
    // The mission is over, so registration is closed: its delegation is recorded directly.
    for (const [person, type] of [
      [delegate, 'city_delegate'],
      [delegate2, 'city_delegate'],
      [company, 'industry'],
    ] as const) {
      await t.db.insert(registrations).values({ eventId: mission.id, userId: person.id, participantType: type, status: 'confirmed', badgeCode: newBadgeCode() });
    }
    const [deal] = await t.db
      .insert(deals)
      .values({ title: 'Smart meters pilot', cityId: 'da-nang', partnerOrganisationId: (await makeOrganisation(t, { kind: 'company' })).id, stage: 'letter_of_intent', source: 'mission', eventId: mission.id, valueMinor: 250_000_00n, currency: 'USD' })
      .returning();

    const asDelegate = (await req(delegate, 'GET', `/api/v1/events/${mission.id}`)).json();
    expect(asDelegate.registrationOpen).toBe(false);
    expect(asDelegate.delegation.map((d: { name: string }) => d.name).sort()).toEqual(['Lê Thị Hoa', 'Trần Văn Minh']);
    expect(asDelegate.delegationCount).toBe(2);
    expect(asDelegate.outcomeDeals).toEqual({ total: 1, items: [expect.objectContaining({ id: deal!.id, valueMinor: '25000000', currency: 'USD', stage: 'letter_of_intent' })] });
    expect(asDelegate.agenda.map((a: { place: string }) => a.place)).toEqual(['San Francisco, CA', 'San Jose, CA', 'Riverton, CA']);
    const asVisitor = (await req(null, 'GET', `/api/v1/events/${mission.id}`)).json();
    expect(asVisitor.delegation).toBeNull();
    expect(asVisitor.delegationCount).toBe(2);
    expect(asVisitor.outcomeDeals).toEqual({ total: 1, items: [] });
    // Another city is not a side of the deal.
    expect((await req(otherCity, 'GET', `/api/v1/events/${mission.id}`)).json().outcomeDeals.items).toEqual([]);

    expect((await req(organiser, 'POST', `/api/v1/events/${mission.id}/transitions`, { to: 'completed' })).statusCode).toBe(200);
    const report = await req(organiser, 'PATCH', `/api/v1/events/${mission.id}`, { outcomeReport: 'Two letters of intent signed.' });
    expect(report.statusCode).toBe(200);
    expect(report.json().outcomeReport).toBe('Two letters of intent signed.');
    expect((await req(organiser, 'PATCH', `/api/v1/events/${mission.id}`, { title: 'Renamed' })).statusCode).toBe(409);
    expect((await req(otherAgency, 'PATCH', `/api/v1/events/${mission.id}`, { outcomeReport: 'Not mine' })).statusCode).toBe(403);
    const [row] = await t.db.select().from(events).where(eq(events.id, mission.id));
    expect(row!.outcomeReport).toBe('Two letters of intent signed.');
  });
});
