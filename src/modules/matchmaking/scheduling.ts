/**
 * The organisers' meeting scheduler: slots and tables, runs of the scheduler engine
 * (src/engines/scheduler) over the accepted meetings, locks, and publication.
 *
 * Rules kept here:
 * - Locked meetings go to the engine as `fixed`: a run never moves them. Publishing locks what it
 *   publishes, so what participants were told stays put on later runs unless an organiser unlocks it.
 * - A placement participants have been told about is never changed without them being told again:
 *   any change of a meeting's slot or table clears its `publishedAt`, and the next publication
 *   notifies exactly the people whose meetings changed.
 * - A locked meeting that now breaks a rule (a participant became unavailable or cancelled, its slot
 *   or table is gone) is reported as a conflict, never moved; slots and tables holding locked
 *   meetings cannot be deleted.
 */
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { explainUnscheduled, type UnscheduledReason } from '../../engines/matchmaking/unscheduled.js';
import { checkSchedule, schedule, type SchedulingInstance } from '../../engines/scheduler/scheduler.js';
import { validateInstance } from '../../engines/scheduler/validate.js';
import type { Actor, Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { invalidInput, notFound, type FieldProblem } from '../../server/errors.js';
import { inTransaction } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { notify } from '../notifications/service.js';
import { toZonedLocal, zonedLocalToUtc } from '../../server/zoned-time.js';
import {
  countRequestsByStatus,
  deleteSlot as deleteSlotRow,
  deleteTable as deleteTableRow,
  findLatestRun,
  findRequest,
  findSlot,
  findTable,
  insertRun,
  insertSlots,
  insertTables,
  listRequestParticipants,
  listRequests,
  listSlots,
  listTables,
  listUnavailability,
  lockEvent,
  updateRequest,
  type EventRow,
  type RequestParticipantRow,
  type RequestRow,
  type SlotRow,
  type TableRow,
} from './queries.js';
import type { generateSlotsBodySchema, generateTablesBodySchema, lockBodySchema, slotBodySchema, tableBodySchema } from './schemas.js';
import { assertEventOpen, assertMatchmaking, conflict, groupParticipants, listInWords, loadOrganisedEvent, presentEvent, presentRequest, slotLabel, who, type Grid } from './service.js';

/** Wall-clock budget of one run; the engine stops sooner when it reaches the upper bound. */
const SCHEDULER_SECONDS = 2;
const MAX_SLOTS = 200;
const MAX_TABLES = 500;

/* ---- What the scheduler works on ---- */

type State = {
  event: EventRow;
  slots: SlotRow[];
  tables: TableRow[];
  grid: Grid;
  /** Accepted meetings, oldest first. */
  accepted: RequestRow[];
  participants: Map<string, RequestParticipantRow[]>;
  unavailable: Map<string, Set<string>>;
  latestRun: Awaited<ReturnType<typeof findLatestRun>>;
};

async function loadState(db: Db, event: EventRow): Promise<State> {
  const [slots, tables, accepted, unavailability, latestRun] = await Promise.all([
    listSlots(db, event.id),
    listTables(db, event.id),
    listRequests(db, event.id, { statuses: ['accepted'] }),
    listUnavailability(db, event.id),
    findLatestRun(db, event.id),
  ]);
  accepted.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  const unavailable = new Map<string, Set<string>>();
  for (const row of unavailability) unavailable.set(row.registrationId, (unavailable.get(row.registrationId) ?? new Set()).add(row.slotId));
  return {
    event,
    slots,
    tables,
    grid: { slots: new Map(slots.map((s) => [s.id, s])), tables: new Map(tables.map((t) => [t.id, t])) },
    accepted,
    participants: groupParticipants(await listRequestParticipants(db, accepted.map((r) => r.id))),
    unavailable,
    latestRun,
  };
}

const isPlaced = (state: State, m: RequestRow) => m.slotId !== null && m.tableId !== null && state.grid.slots.has(m.slotId) && state.grid.tables.has(m.tableId);
const meetingLabel = (ps: RequestParticipantRow[]) => `the meeting of ${listInWords(ps.map(who))}`;
/**
 * Whether the last run considered the meeting as it is now: runs stamp their time after writing
 * placements, and acceptance, unlocking or losing a slot or table all touch `updatedAt` (publishing
 * does not).
 */
const seenByRun = (m: RequestRow, ranAt: number | undefined) => ranAt !== undefined && m.updatedAt.getTime() <= ranAt;

type Built = {
  instance: SchedulingInstance;
  fixed: Set<string>;
  /** Accepted meetings left out of the run, with why. */
  excluded: Map<string, string>;
};

/**
 * The engine's instance: accepted meetings whose participants are all confirmed, locked ones fixed
 * where they are. A participant's unavailability in the slot of their own locked meeting is left out
 * (the conflict is reported; the meeting stays and still keeps them busy in that slot), and a cap
 * below someone's number of locked meetings is raised to it (reported too).
 */
function buildInstance(state: State): Built {
  const fixed = new Set<string>();
  const excluded = new Map<string, string>();
  const meetings: SchedulingInstance['meetings'] = [];
  const ignoredUnavailability = new Map<string, Set<string>>();
  const fixedCount = new Map<string, number>();
  for (const m of state.accepted) {
    const ps = state.participants.get(m.id) ?? [];
    if (m.locked) {
      if (!isPlaced(state, m)) {
        excluded.set(m.id, 'Locked without a place (its slot or table was removed): unlock it so the scheduler can place it.');
        continue;
      }
      fixed.add(m.id);
      meetings.push({ id: m.id, participants: ps.map((p) => p.registrationId), weight: m.weight, fixed: { slot: m.slotId!, table: m.tableId! } });
      for (const p of ps) {
        if (state.unavailable.get(p.registrationId)?.has(m.slotId!)) ignoredUnavailability.set(p.registrationId, (ignoredUnavailability.get(p.registrationId) ?? new Set()).add(m.slotId!));
        fixedCount.set(p.registrationId, (fixedCount.get(p.registrationId) ?? 0) + 1);
      }
      continue;
    }
    const unconfirmed = ps.filter((p) => p.registrationStatus !== 'confirmed');
    if (unconfirmed.length) {
      excluded.set(m.id, `Left out: ${listInWords(unconfirmed.map((p) => `${who(p)}'s registration is ${p.registrationStatus}`))}.`);
      continue;
    }
    if (ps.length < 2) {
      excluded.set(m.id, 'Left out: fewer than two participants remain.');
      continue;
    }
    meetings.push({ id: m.id, participants: ps.map((p) => p.registrationId), weight: m.weight });
  }
  const people = [...new Set(meetings.flatMap((m) => m.participants.map(String)))].sort();
  const slotIds = new Set(state.slots.map((s) => s.id));
  const participants = people.map((id) => ({
    id,
    unavailable: [...(state.unavailable.get(id) ?? [])].filter((slotId) => slotIds.has(slotId) && !ignoredUnavailability.get(id)?.has(slotId)),
    maxMeetings: Math.max(state.event.maxMeetingsPerPerson, fixedCount.get(id) ?? 0),
  }));
  return {
    instance: { slots: state.slots.map((s) => ({ id: s.id })), tables: state.tables.map((t) => ({ id: t.id })), participants, meetings },
    fixed,
    excluded,
  };
}

/** What a run depends on: if it changed while the engine ran, the result must not be written. */
const fingerprint = (state: State, built: Built) =>
  JSON.stringify({ instance: built.instance, excluded: [...built.excluded.keys()], placements: state.accepted.map((m) => [m.id, m.slotId, m.tableId, m.locked]) });

/** Placed meetings that now break a rule, and locked meetings that lost their place. */
function findConflicts(state: State) {
  const conflicts: { requestId: string; message: string }[] = [];
  const lockedCount = new Map<string, { p: RequestParticipantRow; ids: string[] }>();
  for (const m of state.accepted) {
    const ps = state.participants.get(m.id) ?? [];
    const label = meetingLabel(ps);
    if (m.locked && !isPlaced(state, m)) {
      conflicts.push({ requestId: m.id, message: `Locked ${label} has lost its slot or table: unlock it so the scheduler can place it again.` });
      continue;
    }
    if (!isPlaced(state, m)) continue;
    const slot = state.grid.slots.get(m.slotId!)!;
    const remedy = m.locked ? 'it is locked, so the scheduler will not move it: unlock it to let the scheduler move it, or ask them' : 'run the scheduler again to move it';
    for (const p of ps) {
      if (state.unavailable.get(p.registrationId)?.has(slot.id)) conflicts.push({ requestId: m.id, message: `${who(p)} is now unavailable at ${slotLabel(slot, state.event.timeZone)}, when ${label} takes place: ${remedy}.` });
      if (p.registrationStatus !== 'confirmed') {
        conflicts.push({
          requestId: m.id,
          message: `${who(p)}'s registration is ${p.registrationStatus}, yet ${label} holds a place at ${slotLabel(slot, state.event.timeZone)}: ${m.locked ? 'unlock it, or ask the requester to cancel it' : 'run the scheduler again to free its place'}.`,
        });
      }
      if (m.locked) {
        const entry = lockedCount.get(p.registrationId) ?? { p, ids: [] };
        entry.ids.push(m.id);
        lockedCount.set(p.registrationId, entry);
      }
    }
  }
  for (const { p, ids } of lockedCount.values()) {
    if (ids.length > state.event.maxMeetingsPerPerson) {
      conflicts.push({ requestId: ids[0]!, message: `${who(p)} has ${ids.length} locked meetings, more than the maximum meetings per person (${state.event.maxMeetingsPerPerson}): unlock some of them.` });
    }
  }
  return conflicts;
}

function reasonInWords(reason: UnscheduledReason | undefined, state: State, names: Map<string, RequestParticipantRow>): string | null {
  if (!reason) return null;
  const name = (id: string | number) => {
    const p = names.get(String(id));
    return p ? who(p) : String(id);
  };
  switch (reason.kind) {
    case 'no_slots':
      return 'No meeting slots are defined yet.';
    case 'no_tables':
      return 'No tables are defined yet.';
    case 'no_common_slot':
      return `There is no slot in which all of them are available (${listInWords(reason.unavailable.map((u) => `${name(u.participant)} is unavailable in ${u.slots} of ${state.slots.length} slots`))}).`;
    case 'cap_reached':
      return `${listInWords(reason.participants.map((p) => name(p.participant)))} already ${reason.participants.length === 1 ? 'has' : 'have'} as many scheduled meetings as allowed (maximum meetings per person: ${state.event.maxMeetingsPerPerson}).`;
    case 'slots_taken':
      return reason.candidateSlots === 1
        ? 'In the one slot in which all of them are available, one of them is already in another meeting or every table is taken.'
        : `In each of the ${reason.candidateSlots} slots in which all of them are available, one of them is already in another meeting or every table is taken.`;
  }
}

/** Meetings the next publication would tell participants about: changed or new placements, and meetings the last run could not place. */
function toPublish(state: State) {
  const ranAt = state.latestRun?.ranAt.getTime();
  if (ranAt === undefined) return [];
  return state.accepted.filter((m) => m.publishedAt === null && (isPlaced(state, m) || seenByRun(m, ranAt)));
}

/* ---- The organisers' page ---- */

export async function getScheduler(db: Db, viewer: Viewer, eventId: string) {
  const { event, actor } = await loadOrganisedEvent(db, viewer, eventId);
  return overview(db, actor, event);
}

async function overview(db: Db, actor: Actor, event: EventRow) {
  const state = await loadState(db, event);
  const built = buildInstance(state);
  const inInstance = new Set(built.instance.meetings.map((m) => String(m.id)));
  const assignments = state.accepted.filter((m) => inInstance.has(m.id) && isPlaced(state, m)).map((m) => ({ meeting: m.id, slot: m.slotId!, table: m.tableId! }));
  const unscheduled = state.accepted.filter((m) => inInstance.has(m.id) && !isPlaced(state, m)).map((m) => m.id);
  const reasons = explainUnscheduled(built.instance, assignments, unscheduled);
  const names = new Map([...state.participants.values()].flat().map((p) => [p.registrationId, p]));
  const ranAt = state.latestRun?.ranAt.getTime();
  const perSlot = new Map<string, { meetings: number; locked: number }>();
  const perTable = new Map<string, { meetings: number; locked: number }>();
  const bump = (map: Map<string, { meetings: number; locked: number }>, id: string, locked: boolean) => {
    const entry = map.get(id) ?? { meetings: 0, locked: 0 };
    entry.meetings++;
    if (locked) entry.locked++;
    map.set(id, entry);
  };
  let awaitingRun = 0;
  const meetings = state.accepted.map((m) => {
    const ps = state.participants.get(m.id) ?? [];
    let unscheduledReason: string | null = null;
    if (isPlaced(state, m)) {
      bump(perSlot, m.slotId!, m.locked);
      bump(perTable, m.tableId!, m.locked);
    } else if (built.excluded.has(m.id)) {
      unscheduledReason = built.excluded.get(m.id)!;
    } else if (!seenByRun(m, ranAt)) {
      awaitingRun++;
      unscheduledReason = ranAt === undefined ? 'The scheduler has not run yet.' : 'Accepted or changed after the last run: run the scheduler again to place it.';
    } else {
      unscheduledReason = reasonInWords(reasons.get(m.id), state, names);
    }
    const mine = ps.find((p) => p.userId === actor.userId);
    return { ...presentRequest(m, ps, state.grid, { organiser: true, viewerRegistrationId: mine?.registrationId ?? null }), unscheduledReason };
  });
  const run = state.latestRun;
  const published = state.accepted.map((m) => m.publishedAt?.getTime() ?? 0).filter((t) => t > 0);
  return {
    event: presentEvent(event),
    slots: state.slots.map((s) => ({ id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), meetings: perSlot.get(s.id)?.meetings ?? 0, lockedMeetings: perSlot.get(s.id)?.locked ?? 0 })),
    tables: state.tables.map((t) => ({ id: t.id, name: t.name, meetings: perTable.get(t.id)?.meetings ?? 0, lockedMeetings: perTable.get(t.id)?.locked ?? 0 })),
    meetings,
    requestCounts: await countRequestsByStatus(db, event.id),
    latestRun: run
      ? {
          id: run.id,
          ranAt: run.ranAt.toISOString(),
          ranByName: run.ranByName,
          meetings: run.meetings,
          scheduled: run.scheduled,
          scheduledWeight: run.scheduledWeight,
          upperBound: run.upperBound,
          gapPercent: run.upperBound > 0 ? Math.round(((run.upperBound - run.scheduledWeight) / run.upperBound) * 10_000) / 100 : 0,
          seconds: run.seconds,
        }
      : null,
    conflicts: findConflicts(state),
    unpublishedChanges: toPublish(state).length,
    awaitingRun,
    lastPublishedAt: published.length ? new Date(Math.max(...published)).toISOString() : null,
  };
}

/* ---- Runs ---- */

export async function runScheduler(ctx: AppContext, viewer: Viewer, eventId: string) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  assertMatchmaking(event);
  assertEventOpen(event);
  const state = await loadState(ctx.db, event);
  const built = buildInstance(state);
  const valid = validateInstance(built.instance);
  if (!valid.ok) throw conflict(`The accepted meetings cannot be scheduled as they stand: ${valid.problems.join('; ')}.`, valid.problems);
  // The engine runs outside the transaction (it may take a couple of seconds); its result is written only if nothing changed meanwhile.
  const result = schedule(valid.instance, { timeLimitSeconds: SCHEDULER_SECONDS });
  const broken = checkSchedule(valid.instance, result);
  if (broken.length) throw new Error(`The scheduler returned a schedule that breaks its rules: ${broken.join('; ')}`);
  await inTransaction(ctx, async (tx) => {
    const current = (await lockEvent(tx, eventId))!;
    const fresh = await loadState(tx, current);
    if (fingerprint(fresh, buildInstance(fresh)) !== fingerprint(state, built)) {
      throw conflict('The meetings changed while the scheduler ran (a request was accepted or cancelled, a meeting locked, or availability changed): run it again.');
    }
    const placed = new Map(result.assignments.map((a) => [String(a.meeting), a]));
    let changed = 0;
    for (const m of state.accepted) {
      if (m.locked) continue; // fixed where they are, or reported when they lost their place: never moved
      const assignment = placed.get(m.id);
      const slotId = assignment ? String(assignment.slot) : null;
      const tableId = assignment ? String(assignment.table) : null;
      if (slotId === m.slotId && tableId === m.tableId) continue;
      await updateRequest(tx, m.id, { slotId, tableId, publishedAt: null });
      changed++;
    }
    const run = { meetings: built.instance.meetings.length, scheduled: result.assignments.length, scheduledWeight: result.scheduledWeight, upperBound: result.upperBound, seconds: result.seconds };
    const runId = await insertRun(tx, { eventId, ranBy: actor.userId, ranAt: new Date(), ...run });
    await writeAudit(tx, actor, { action: 'scheduler.run', entityType: 'event', entityId: eventId, after: { runId, ...run, changedPlacements: changed, locked: built.fixed.size } });
  });
  return overview(ctx.db, actor, event);
}

/* ---- Locks ---- */

export async function setLock(ctx: AppContext, viewer: Viewer, eventId: string, requestId: string, body: z.infer<typeof lockBodySchema>) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  assertEventOpen(event);
  await inTransaction(ctx, async (tx) => {
    await lockEvent(tx, eventId);
    const request = await findRequest(tx, eventId, requestId, { lock: true });
    if (!request) throw notFound('The meeting request');
    if (request.locked === body.locked) return;
    if (body.locked) {
      if (request.status !== 'accepted') throw conflict(`The request is ${request.status}: only accepted meetings are scheduled and locked.`);
      if (!request.slotId || !request.tableId) throw conflict('The meeting has no slot and table yet: run the scheduler first, then lock it where it was placed.');
    }
    await updateRequest(tx, requestId, { locked: body.locked });
    await writeAudit(tx, actor, { action: body.locked ? 'meeting_request.locked' : 'meeting_request.unlocked', entityType: 'meeting_request', entityId: requestId, before: { locked: request.locked }, after: { locked: body.locked } });
  });
  return overview(ctx.db, actor, event);
}

/* ---- Publication ---- */

export async function publishSchedule(ctx: AppContext, viewer: Viewer, eventId: string) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  assertMatchmaking(event);
  assertEventOpen(event, { published: true });
  return inTransaction(ctx, async (tx, after) => {
    const current = (await lockEvent(tx, eventId))!;
    const state = await loadState(tx, current);
    if (!state.latestRun) throw conflict('Run the scheduler before publishing: there is no schedule yet.');
    const meetings = toPublish(state);
    if (meetings.length === 0) throw conflict('Nothing changed since the schedule was last published: nobody was notified.');
    const now = new Date();
    const lines = new Map<string, string[]>();
    for (const m of meetings) {
      const placed = isPlaced(state, m);
      await updateRequest(tx, m.id, { publishedAt: now, locked: placed || m.locked }, { touch: false });
      const ps = state.participants.get(m.id) ?? [];
      for (const p of ps) {
        if (p.registrationStatus !== 'confirmed') continue;
        const with_ = listInWords(ps.filter((o) => o.registrationId !== p.registrationId).map(who));
        const line = placed
          ? `• ${slotLabel(state.grid.slots.get(m.slotId!)!, event.timeZone)}, ${state.grid.tables.get(m.tableId!)!.name}: with ${with_}`
          : `• With ${with_}: it could not be fitted into the schedule.`;
        lines.set(p.userId, [...(lines.get(p.userId) ?? []), line]);
      }
    }
    const first = state.accepted.every((m) => m.publishedAt === null);
    for (const [userId, list] of lines) {
      await notify(ctx, tx, after, [userId], {
        kind: 'meeting_schedule.published',
        title: `Your meeting schedule for ${event.title}${first ? '' : ' changed'}`,
        body: `The organisers of ${event.title} published ${first ? 'the meeting schedule' : 'changes to the meeting schedule'}. Your ${list.length === 1 ? 'meeting' : 'meetings'}:\n\n${list.join('\n')}\n\nTimes are in the event's time zone. Your matchmaking page lists all your meetings.`,
        link: `/app/events/${eventId}/matchmaking`,
      });
    }
    await writeAudit(tx, actor, { action: 'scheduler.published', entityType: 'event', entityId: eventId, after: { meetings: meetings.map((m) => m.id), notified: lines.size } });
    return { published: meetings.length, notified: lines.size };
  });
}

/* ---- Slots ---- */

function toInstant(local: string, event: EventRow, field: string, problems: FieldProblem[]): Date | null {
  const instant = zonedLocalToUtc(local, event.timeZone);
  if (!instant) problems.push({ field, message: `${local} is not a time that exists in ${event.timeZone} (a date that does not exist, or skipped by a clock change)` });
  return instant;
}

/** Checks new slots against the event's days, each other and the existing ones, then stores them. */
async function addSlots(ctx: AppContext, actor: Actor, event: EventRow, slots: { startsAt: Date; endsAt: Date }[], field: string) {
  const zone = event.timeZone;
  const firstDay = toZonedLocal(event.startsAt, zone).slice(0, 10);
  const lastDay = toZonedLocal(event.endsAt, zone).slice(0, 10);
  const problems: FieldProblem[] = [];
  for (const slot of slots) {
    if (slot.endsAt <= slot.startsAt) {
      problems.push({ field: 'body.endsAt', message: 'must be after the start' });
      break;
    }
    const startDay = toZonedLocal(slot.startsAt, zone).slice(0, 10);
    const endDay = toZonedLocal(slot.endsAt, zone).slice(0, 10);
    if (startDay < firstDay || endDay > lastDay) {
      problems.push({ field, message: `${slotLabel(slot, zone)} is outside the event's days (${firstDay} to ${lastDay}, ${zone})` });
      break;
    }
  }
  if (problems.length) throw invalidInput('The slots', problems);
  return inTransaction(ctx, async (tx) => {
    await lockEvent(tx, event.id);
    const existing = await listSlots(tx, event.id);
    if (existing.length + slots.length > MAX_SLOTS) throw conflict(`An event has at most ${MAX_SLOTS} meeting slots; it has ${existing.length}.`);
    for (const slot of slots) {
      const clash = existing.find((other) => other.startsAt < slot.endsAt && slot.startsAt < other.endsAt);
      if (clash) throw conflict(`The slot ${slotLabel(slot, zone)} overlaps the existing slot ${slotLabel(clash, zone)}: slots must not overlap.`);
    }
    const rows = await insertSlots(tx, event.id, slots);
    await writeAudit(tx, actor, { action: 'scheduler.slots_added', entityType: 'event', entityId: event.id, after: rows });
    return rows;
  });
}

export async function addSlot(ctx: AppContext, viewer: Viewer, eventId: string, body: z.infer<typeof slotBodySchema>) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  assertMatchmaking(event);
  assertEventOpen(event);
  const problems: FieldProblem[] = [];
  const startsAt = toInstant(body.startsAt, event, 'body.startsAt', problems);
  const endsAt = toInstant(body.endsAt, event, 'body.endsAt', problems);
  if (problems.length) throw invalidInput('The slot', problems);
  await addSlots(ctx, actor, event, [{ startsAt: startsAt!, endsAt: endsAt! }], 'body.startsAt');
  return overview(ctx.db, actor, event);
}

/** `count` slots of `minutes`, `gapMinutes` apart, with a longer break of `breakMinutes` after every `breakEvery` slots. */
export function slotSeries(start: Date, body: Pick<z.infer<typeof generateSlotsBodySchema>, 'count' | 'minutes' | 'gapMinutes' | 'breakEvery' | 'breakMinutes'>) {
  const minute = 60_000;
  const slots: { startsAt: Date; endsAt: Date }[] = [];
  let at = start.getTime();
  for (let i = 0; i < body.count; i++) {
    slots.push({ startsAt: new Date(at), endsAt: new Date(at + body.minutes * minute) });
    at += (body.minutes + body.gapMinutes) * minute;
    if (body.breakEvery && (i + 1) % body.breakEvery === 0) at += body.breakMinutes * minute;
  }
  return slots;
}

export async function generateSlots(ctx: AppContext, viewer: Viewer, eventId: string, body: z.infer<typeof generateSlotsBodySchema>) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  assertMatchmaking(event);
  assertEventOpen(event);
  const problems: FieldProblem[] = [];
  const start = toInstant(body.startsAt, event, 'body.startsAt', problems);
  if (problems.length) throw invalidInput('The slots', problems);
  await addSlots(ctx, actor, event, slotSeries(start!, body), 'body.count');
  return overview(ctx.db, actor, event);
}

/** Meetings placed in a slot or at a table: unlocked ones lose their place (and their publication), locked ones refuse the deletion. */
async function freePlaces(tx: Db, event: EventRow, where: { slotId?: string; tableId?: string }, what: string) {
  const noun = where.slotId ? 'the slot' : 'the table';
  const accepted = await listRequests(tx, event.id, { statuses: ['accepted'] });
  const here = accepted.filter((m) => (where.slotId && m.slotId === where.slotId) || (where.tableId && m.tableId === where.tableId));
  const locked = here.filter((m) => m.locked);
  if (locked.length) {
    const participants = groupParticipants(await listRequestParticipants(tx, locked.map((m) => m.id)));
    const labels = locked.map((m) => meetingLabel(participants.get(m.id) ?? []));
    throw conflict(`${what} holds ${locked.length === 1 ? 'a locked meeting' : `${locked.length} locked meetings`} (${labels.join('; ')}): unlock ${locked.length === 1 ? 'it' : 'them'} first, or keep ${noun}.`, {
      requestIds: locked.map((m) => m.id),
    });
  }
  for (const m of here) await updateRequest(tx, m.id, { slotId: null, tableId: null, publishedAt: null });
  return here.length;
}

export async function deleteSlot(ctx: AppContext, viewer: Viewer, eventId: string, slotId: string) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  assertEventOpen(event);
  await inTransaction(ctx, async (tx) => {
    await lockEvent(tx, eventId);
    const slot = await findSlot(tx, eventId, slotId);
    if (!slot) throw notFound('The slot');
    const freed = await freePlaces(tx, event, { slotId }, `The slot ${slotLabel(slot, event.timeZone)}`);
    await deleteSlotRow(tx, slotId);
    await writeAudit(tx, actor, { action: 'scheduler.slot_deleted', entityType: 'event', entityId: eventId, before: slot, after: { meetingsUnplaced: freed } });
  });
  return overview(ctx.db, actor, event);
}

/* ---- Tables ---- */

async function addTables(ctx: AppContext, actor: Actor, event: EventRow, names: (existing: TableRow[]) => string[]) {
  return inTransaction(ctx, async (tx) => {
    await lockEvent(tx, event.id);
    const existing = await listTables(tx, event.id);
    const wanted = names(existing);
    if (existing.length + wanted.length > MAX_TABLES) throw conflict(`An event has at most ${MAX_TABLES} tables; it has ${existing.length}.`);
    const taken = new Set(existing.map((t) => t.name.toLowerCase()));
    const clash = wanted.find((name) => taken.has(name.toLowerCase()));
    if (clash) throw conflict(`A table named "${clash}" already exists: table names must differ.`);
    const rows = await insertTables(tx, event.id, wanted);
    await writeAudit(tx, actor, { action: 'scheduler.tables_added', entityType: 'event', entityId: event.id, after: rows });
    return rows;
  });
}

export async function addTable(ctx: AppContext, viewer: Viewer, eventId: string, body: z.infer<typeof tableBodySchema>) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  assertMatchmaking(event);
  assertEventOpen(event);
  await addTables(ctx, actor, event, () => [body.name]);
  return overview(ctx.db, actor, event);
}

/** "Table 1"…"Table N", numbered on after the highest existing "Table n". */
export function tableNames(existing: string[], prefix: string, count: number) {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (\\d+)$`, 'i');
  const highest = Math.max(0, ...existing.map((name) => Number(pattern.exec(name)?.[1] ?? 0)));
  return Array.from({ length: count }, (_, i) => `${prefix} ${highest + i + 1}`);
}

export async function generateTables(ctx: AppContext, viewer: Viewer, eventId: string, body: z.infer<typeof generateTablesBodySchema>) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  assertMatchmaking(event);
  assertEventOpen(event);
  await addTables(ctx, actor, event, (existing) =>
    tableNames(
      existing.map((t) => t.name),
      body.prefix,
      body.count,
    ),
  );
  return overview(ctx.db, actor, event);
}

export async function deleteTable(ctx: AppContext, viewer: Viewer, eventId: string, tableId: string) {
  const { event, actor } = await loadOrganisedEvent(ctx.db, viewer, eventId);
  assertEventOpen(event);
  await inTransaction(ctx, async (tx) => {
    await lockEvent(tx, eventId);
    const table = await findTable(tx, eventId, tableId);
    if (!table) throw notFound('The table');
    const freed = await freePlaces(tx, event, { tableId }, `The table "${table.name}"`);
    await deleteTableRow(tx, tableId);
    await writeAudit(tx, actor, { action: 'scheduler.table_deleted', entityType: 'event', entityId: eventId, before: table, after: { meetingsUnplaced: freed } });
  });
  return overview(ctx.db, actor, event);
}
