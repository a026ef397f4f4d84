import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema/index.js';
import { checkSchedule, type SchedulingInstance } from '../../engines/scheduler/scheduler.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';
import { makeEvent, notificationsOf, register } from './test-fixtures.js';

type Slot = { id: string; startsAt: string; endsAt: string; meetings: number; lockedMeetings: number };
type Meeting = {
  id: string;
  participants: { registrationId: string; name: string }[];
  slot: { id: string } | null;
  table: { id: string; name: string } | null;
  locked: boolean;
  publishedAt: string | null;
  unscheduledReason: string | null;
};
type Scheduler = {
  slots: Slot[];
  tables: { id: string; name: string; meetings: number }[];
  meetings: Meeting[];
  latestRun: { scheduled: number; scheduledWeight: number; upperBound: number; gapPercent: number; meetings: number } | null;
  conflicts: { requestId: string; message: string }[];
  unpublishedChanges: number;
  awaitingRun: number;
  requestCounts: Record<string, number>;
};

let t: TestApp;
let eventId: string;
let organiser: TestPerson;
let outsider: TestPerson;
const people: TestPerson[] = [];
const reg: string[] = [];
/** Slot ids each registration marked unavailable, as the test set them. */
const unavailable = new Map<string, string[]>();
const meetingIds = {} as Record<'a' | 'b' | 'c' | 'group' | 'impossible' | 'late', string>;

const call = (by: TestPerson | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.request(by, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
const api = (path: string) => `/api/v1/events/${eventId}${path}`;

async function scheduler(): Promise<Scheduler> {
  const response = await call(organiser, 'GET', api('/scheduler'));
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** A meeting requested by people[from] with people[to…], accepted by every invitee. */
async function acceptedMeeting(from: number, to: number[]) {
  const created = await call(people[from]!, 'POST', api('/meeting-requests'), { inviteeRegistrationIds: to.map((i) => reg[i]) });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  for (const i of to) {
    const accepted = await call(people[i]!, 'POST', api(`/meeting-requests/${id}/accept`));
    expect(accepted.statusCode, accepted.body).toBe(200);
  }
  return id;
}

async function setUnavailable(person: number, slotIds: string[]) {
  const response = await call(people[person]!, 'PUT', api('/matchmaking/availability'), { unavailableSlotIds: slotIds });
  expect(response.statusCode, response.body).toBe(200);
  unavailable.set(reg[person]!, slotIds);
}

/** The stored schedule, checked against every rule of the engine with an instance rebuilt from what the test set up. */
function expectValid(state: Scheduler, maxMeetings: number) {
  const instance: SchedulingInstance = {
    slots: state.slots.map((s) => ({ id: s.id })),
    tables: state.tables.map((tb) => ({ id: tb.id })),
    participants: reg.map((id) => ({ id, unavailable: unavailable.get(id) ?? [], maxMeetings })),
    meetings: state.meetings.map((m) => ({ id: m.id, participants: m.participants.map((p) => p.registrationId) })),
  };
  const placed = state.meetings.filter((m) => m.slot && m.table);
  const problems = checkSchedule(instance, {
    assignments: placed.map((m) => ({ meeting: m.id, slot: m.slot!.id, table: m.table!.id })),
    unscheduled: state.meetings.filter((m) => !m.slot).map((m) => m.id),
    scheduledWeight: placed.length,
  });
  expect(problems).toEqual([]);
}

const placeOf = (state: Scheduler, id: string) => {
  const m = state.meetings.find((x) => x.id === id)!;
  return { slot: m.slot?.id ?? null, table: m.table?.id ?? null };
};

beforeAll(async () => {
  t = await createTestApp();
  const organiserOrg = await makeOrganisation(t, { kind: 'us_agency', name: 'Commerce ITA (test)' });
  organiser = await makePerson(t, organiserOrg);
  outsider = await makeActor(t, 'company');
  eventId = await makeEvent(t, organiserOrg.id, { maxMeetingsPerPerson: 3, maxRequestsPerPerson: 10 });
  for (let i = 0; i < 9; i++) {
    const person = await makePerson(t, await makeOrganisation(t, { kind: i % 2 ? 'company' : 'city_government', cityId: i % 2 ? undefined : 'da-nang', name: `Participant organisation ${i}` }), { name: `Participant ${i}` });
    people.push(person);
    reg.push(await register(t, eventId, person, { participantType: i % 2 ? 'industry' : 'city_delegate' }));
  }
});
afterAll(() => t.close());

describe('the scheduler', () => {
  it('is for the organisers only', async () => {
    expect((await call(people[0]!, 'GET', api('/scheduler'))).statusCode).toBe(403);
    expect((await call(outsider, 'GET', api('/scheduler'))).statusCode).toBe(403);
    expect((await call(null, 'GET', api('/scheduler'))).statusCode).toBe(401);
    expect((await call(people[0]!, 'POST', api('/scheduler/runs'))).statusCode).toBe(403);
    expect((await call(people[0]!, 'POST', api('/scheduler/publish'))).statusCode).toBe(403);
    expect((await call(people[0]!, 'POST', api('/scheduler/tables/generate'), { count: 2 })).statusCode).toBe(403);
    const secretariat = await makeActor(t, 'secretariat', { role: 'member' });
    expect((await call(secretariat, 'GET', api('/scheduler'))).statusCode).toBe(200);
    const draft = await makeEvent(t, (await makeOrganisation(t, { kind: 'us_agency' })).id, { status: 'draft' });
    expect((await call(organiser, 'GET', `/api/v1/events/${draft}/scheduler`)).statusCode).toBe(404);
  });

  it('generates slots in the event’s time zone with breaks, and refuses overlaps and days outside the event', async () => {
    const response = await call(organiser, 'POST', api('/scheduler/slots/generate'), { startsAt: '2030-03-10T09:00', count: 4, minutes: 30, breakEvery: 2, breakMinutes: 30 });
    expect(response.statusCode, response.body).toBe(201);
    const slots = (response.json() as Scheduler).slots;
    // Jakarta is UTC+7: 09:00, 09:30, (break) 10:30, 11:00.
    expect(slots.map((s) => s.startsAt)).toEqual(['2030-03-10T02:00:00.000Z', '2030-03-10T02:30:00.000Z', '2030-03-10T03:30:00.000Z', '2030-03-10T04:00:00.000Z']);
    expect(slots[0]!.endsAt).toBe('2030-03-10T02:30:00.000Z');
    const overlap = await call(organiser, 'POST', api('/scheduler/slots'), { startsAt: '2030-03-10T09:15', endsAt: '2030-03-10T09:45' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.message).toContain('overlaps the existing slot 10 Mar 2030, 09:00–09:30 (Asia/Jakarta)');
    const outside = await call(organiser, 'POST', api('/scheduler/slots'), { startsAt: '2030-03-14T09:00', endsAt: '2030-03-14T09:30' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain("outside the event's days");
    const backwards = await call(organiser, 'POST', api('/scheduler/slots'), { startsAt: '2030-03-10T15:00', endsAt: '2030-03-10T14:00' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0].field).toBe('body.endsAt');
    expect((await call(organiser, 'POST', api('/scheduler/slots'), { startsAt: '10 March 9am', endsAt: '2030-03-10T14:00' })).statusCode).toBe(400);
    expect((await call(organiser, 'POST', api('/scheduler/slots/generate'), { startsAt: '2030-03-10T13:00', count: 0, minutes: 30 })).statusCode).toBe(400);
  });

  it('generates tables "Table 1…N", numbered on, and refuses a name twice', async () => {
    expect((await call(organiser, 'POST', api('/scheduler/tables/generate'), { count: 1 })).statusCode).toBe(201);
    const more = await call(organiser, 'POST', api('/scheduler/tables/generate'), { count: 1 });
    expect((more.json() as Scheduler).tables.map((tb) => tb.name)).toEqual(['Table 1', 'Table 2']);
    const twice = await call(organiser, 'POST', api('/scheduler/tables'), { name: 'table 2' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('already exists');
  });

  it('places accepted meetings respecting unavailability, and explains the ones it cannot place', async () => {
    const { slots } = await scheduler();
    meetingIds.a = await acceptedMeeting(0, [1]);
    meetingIds.b = await acceptedMeeting(0, [2]);
    meetingIds.c = await acceptedMeeting(1, [2]);
    meetingIds.group = await acceptedMeeting(3, [4, 5, 6]);
    meetingIds.impossible = await acceptedMeeting(7, [8]);
    await setUnavailable(1, [slots[0]!.id, slots[1]!.id]);
    await setUnavailable(7, slots.map((s) => s.id));
    const before = await scheduler();
    expect(before.meetings.find((m) => m.id === meetingIds.a)!.unscheduledReason).toBe('The scheduler has not run yet.');
    expect(before.awaitingRun).toBe(5);

    const run = await call(organiser, 'POST', api('/scheduler/runs'));
    expect(run.statusCode, run.body).toBe(201);
    const state = run.json() as Scheduler;
    expectValid(state, 3);
    expect(state.latestRun).toMatchObject({ meetings: 5, scheduled: 4, scheduledWeight: 4, upperBound: 4, gapPercent: 0 });
    const impossible = state.meetings.find((m) => m.id === meetingIds.impossible)!;
    expect(impossible.slot).toBeNull();
    expect(impossible.unscheduledReason).toContain('There is no slot in which all of them are available (Participant 7 (Participant organisation 7) is unavailable in 4 of 4 slots)');
    const a = placeOf(state, meetingIds.a);
    expect([slots[2]!.id, slots[3]!.id]).toContain(a.slot);
    expect(state.awaitingRun).toBe(0);
    expect(state.unpublishedChanges).toBe(5);
  });

  it('shows participants only published placements, and tells each of them their schedule once', async () => {
    const mine = async (i: number) => {
      const me = (await call(people[i]!, 'GET', api('/matchmaking'))).json();
      return [...me.sent, ...me.received] as Meeting[];
    };
    expect((await mine(0)).every((m) => m.slot === null && m.table === null)).toBe(true);
    expect((await call(people[0]!, 'GET', api(`/meeting-requests/${meetingIds.a}`))).json().slot).toBeNull();

    const published = await call(organiser, 'POST', api('/scheduler/publish'));
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toEqual({ published: 5, notified: 9 });
    const afterPublish = await mine(0);
    expect(afterPublish.every((m) => m.slot !== null && m.table !== null && m.publishedAt !== null)).toBe(true);
    const [notice] = await notificationsOf(t, people[0]!, 'meeting_schedule.published');
    expect(notice!.title).toBe('Your meeting schedule for Smart Cities Business Forum');
    expect(notice!.body).toMatch(/10 Mar 2030, \d\d:\d\d–\d\d:\d\d \(Asia\/Jakarta\), Table \d: with Participant 1/);
    expect((await notificationsOf(t, people[7]!, 'meeting_schedule.published'))[0]!.body).toContain('could not be fitted into the schedule');

    const state = await scheduler();
    expect(state.meetings.filter((m) => m.slot).every((m) => m.locked)).toBe(true);
    const again = await call(organiser, 'POST', api('/scheduler/publish'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('Nothing changed since the schedule was last published');
  });

  it('re-runs after a late request without moving locked meetings, and re-publishing tells only those concerned', async () => {
    const before = await scheduler();
    meetingIds.late = await acceptedMeeting(5, [8]);
    const waiting = await scheduler();
    expect(waiting.awaitingRun).toBe(1);
    expect(waiting.meetings.find((m) => m.id === meetingIds.late)!.unscheduledReason).toContain('after the last run');

    const run = await call(organiser, 'POST', api('/scheduler/runs'));
    expect(run.statusCode, run.body).toBe(201);
    const after = run.json() as Scheduler;
    expectValid(after, 3);
    for (const m of before.meetings) expect(placeOf(after, m.id)).toEqual(placeOf(before, m.id));
    expect(placeOf(after, meetingIds.late).slot).not.toBeNull();
    expect(after.unpublishedChanges).toBe(1);

    expect((await call(organiser, 'POST', api('/scheduler/publish'))).json()).toEqual({ published: 1, notified: 2 });
    expect(await notificationsOf(t, people[8]!, 'meeting_schedule.published')).toHaveLength(2);
    expect((await notificationsOf(t, people[8]!, 'meeting_schedule.published'))[1]!.title).toBe('Your meeting schedule for Smart Cities Business Forum changed');
    expect(await notificationsOf(t, people[0]!, 'meeting_schedule.published')).toHaveLength(1);
  });

  it('reports a locked meeting whose participant became unavailable, and never moves it', async () => {
    const before = await scheduler();
    const b = placeOf(before, meetingIds.b);
    await setUnavailable(2, [b.slot!]);
    const state = await scheduler();
    const conflict = state.conflicts.find((c) => c.requestId === meetingIds.b);
    expect(conflict?.message).toContain('Participant 2 (Participant organisation 2) is now unavailable at 10 Mar 2030');
    expect(conflict?.message).toContain('it is locked');
    const rerun = (await call(organiser, 'POST', api('/scheduler/runs'))).json() as Scheduler;
    expect(placeOf(rerun, meetingIds.b)).toEqual(b);
    expect(rerun.conflicts.map((c) => c.requestId)).toContain(meetingIds.b);
    await setUnavailable(2, []);
  });

  it('refuses to delete a slot or table holding locked meetings; unlocked meetings there lose their place', async () => {
    const state = await scheduler();
    const a = placeOf(state, meetingIds.a);
    const slotRefused = await call(organiser, 'DELETE', api(`/scheduler/slots/${a.slot}`));
    expect(slotRefused.statusCode).toBe(409);
    expect(slotRefused.json().error.message).toMatch(/holds (a locked meeting|\d locked meetings) \(the meeting of .*Participant 0.*\): unlock (it|them) first/);
    const tableRefused = await call(organiser, 'DELETE', api(`/scheduler/tables/${a.table}`));
    expect(tableRefused.statusCode).toBe(409);

    expect((await call(people[0]!, 'PUT', api(`/meeting-requests/${meetingIds.a}/lock`), { locked: false })).statusCode).toBe(403);
    const inSlot = state.meetings.filter((m) => m.slot?.id === a.slot);
    for (const m of inSlot) expect((await call(organiser, 'PUT', api(`/meeting-requests/${m.id}/lock`), { locked: false })).statusCode).toBe(200);
    const deleted = await call(organiser, 'DELETE', api(`/scheduler/slots/${a.slot}`));
    expect(deleted.statusCode, deleted.body).toBe(200);
    const after = deleted.json() as Scheduler;
    expect(after.slots).toHaveLength(3);
    for (const m of inSlot) {
      const now = after.meetings.find((x) => x.id === m.id)!;
      expect(now).toMatchObject({ slot: null, table: null, publishedAt: null });
      expect(now.unscheduledReason).toContain('after the last run');
    }
    // The participant no longer sees the old place.
    expect((await call(people[0]!, 'GET', api(`/meeting-requests/${meetingIds.a}`))).json().slot).toBeNull();
    expect((await call(organiser, 'PUT', api(`/meeting-requests/${meetingIds.a}/lock`), { locked: true })).statusCode).toBe(409);
  });

  it('respects a lowered meetings cap and says who reached it', async () => {
    await t.db.update(events).set({ maxMeetingsPerPerson: 1 }).where(eq(events.id, eventId));
    for (const m of (await scheduler()).meetings) await call(organiser, 'PUT', api(`/meeting-requests/${m.id}/lock`), { locked: false });
    const state = (await call(organiser, 'POST', api('/scheduler/runs'))).json() as Scheduler;
    expectValid(state, 1);
    const reasons = state.meetings.map((m) => m.unscheduledReason ?? '');
    expect(reasons.some((r) => r.includes('already has as many scheduled meetings as allowed (maximum meetings per person: 1)'))).toBe(true);
  });

  it('lists every request of the event to organisers, and to a participant only theirs', async () => {
    const all = (await call(organiser, 'GET', api('/meeting-requests'))).json().items as { id: string }[];
    expect(all).toHaveLength(6);
    const own = (await call(people[0]!, 'GET', api('/meeting-requests'))).json().items as { id: string }[];
    expect(own.map((r) => r.id).sort()).toEqual([meetingIds.a, meetingIds.b].sort());
    expect((await scheduler()).requestCounts).toEqual({ pending: 0, accepted: 6, declined: 0, cancelled: 0 });
  });
});
