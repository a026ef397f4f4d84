/**
 * B2B meeting scheduler (issue 4): assigns meetings to (slot, table) pairs so that nobody is in two
 * meetings at once, nobody meets when unavailable, no table hosts two meetings in a slot, maxMeetings
 * caps hold and fixed meetings stay put, maximising the total weight of scheduled meetings.
 *
 * Pure: data in, schedule out (the only outside input is the clock, for the time budget). Tables are
 * interchangeable apart from fixed meetings, so the search assigns slots (capacity = tables per slot)
 * and hands out tables at the end. Input is assumed valid (see validate.ts).
 */

import { seeded } from '../random.js';

export type Id = string | number;
export type SchedulingInstance = {
  slots: { id: Id }[];
  tables: { id: Id }[];
  participants: { id: Id; unavailable: Id[]; maxMeetings?: number }[];
  meetings: { id: Id; participants: Id[]; weight?: number; fixed?: { slot: Id; table: Id } }[];
};
export type Assignment = { meeting: Id; slot: Id; table: Id };
export type Schedule = { assignments: Assignment[]; unscheduled: Id[]; scheduledWeight: number; upperBound: number; seconds: number };
export type ScheduleOptions = {
  /** Wall-clock budget for improvement and restarts (default 3 s). */
  timeLimitSeconds?: number;
  /** Seed of the randomised restarts (default 1). Same seed, same result, unless the time limit cuts the search short. */
  seed?: number;
  /** Restarts after the first run (default 30). */
  restarts?: number;
  /** Clock in milliseconds (default performance.now). */
  now?: () => number;
};

/** The instance as flat arrays of indices. */
type Model = {
  S: number;
  T: number;
  P: number;
  M: number;
  weight: Float64Array;
  /** CSR: participants of meeting m are partList[partStart[m]..partStart[m+1]). */
  partStart: Int32Array;
  partList: Int32Array;
  /** CSR: slots where every participant of m is available (a fixed meeting: its slot only). */
  slotStart: Int32Array;
  slotList: Int32Array;
  /** CSR: meetings of participant p. */
  meetStart: Int32Array;
  meetList: Int32Array;
  cap: Int32Array;
  fixedSlot: Int32Array;
  fixedTable: Int32Array;
};

function buildModel(instance: SchedulingInstance): Model {
  const S = instance.slots.length;
  const T = instance.tables.length;
  const P = instance.participants.length;
  const M = instance.meetings.length;
  const slotIndex = new Map(instance.slots.map((s, i) => [String(s.id), i]));
  const tableIndex = new Map(instance.tables.map((t, i) => [String(t.id), i]));
  const participantIndex = new Map(instance.participants.map((p, i) => [String(p.id), i]));
  const unavailable = new Uint8Array(P * S);
  const cap = new Int32Array(P);
  instance.participants.forEach((p, i) => {
    for (const s of p.unavailable) unavailable[i * S + slotIndex.get(String(s))!] = 1;
    cap[i] = p.maxMeetings === undefined ? 0x3fffffff : Math.max(0, Math.floor(p.maxMeetings));
  });
  const weight = new Float64Array(M);
  const partStart = new Int32Array(M + 1);
  const fixedSlot = new Int32Array(M).fill(-1);
  const fixedTable = new Int32Array(M).fill(-1);
  let total = 0;
  instance.meetings.forEach((m, i) => {
    weight[i] = m.weight ?? 1;
    total += m.participants.length;
    partStart[i + 1] = total;
    if (m.fixed) {
      fixedSlot[i] = slotIndex.get(String(m.fixed.slot))!;
      fixedTable[i] = tableIndex.get(String(m.fixed.table))!;
    }
  });
  const partList = new Int32Array(total);
  const degree = new Int32Array(P + 1);
  instance.meetings.forEach((m, i) =>
    m.participants.forEach((p, k) => {
      const pi = participantIndex.get(String(p))!;
      partList[partStart[i]! + k] = pi;
      degree[pi + 1]!++;
    }),
  );
  const meetStart = new Int32Array(P + 1);
  for (let p = 0; p < P; p++) meetStart[p + 1] = meetStart[p]! + degree[p + 1]!;
  const meetList = new Int32Array(total);
  const fill = meetStart.slice(0, P);
  for (let m = 0; m < M; m++) for (let k = partStart[m]!; k < partStart[m + 1]!; k++) meetList[fill[partList[k]!]!++] = m;
  const slots: number[] = [];
  const slotStart = new Int32Array(M + 1);
  for (let m = 0; m < M; m++) {
    if (fixedSlot[m]! >= 0) slots.push(fixedSlot[m]!);
    else
      for (let s = 0; s < S; s++) {
        let ok = T > 0;
        for (let k = partStart[m]!; ok && k < partStart[m + 1]!; k++) if (unavailable[partList[k]! * S + s]) ok = false;
        if (ok) slots.push(s);
      }
    slotStart[m + 1] = slots.length;
  }
  return { S, T, P, M, weight, partStart, partList, slotStart, slotList: Int32Array.from(slots), meetStart, meetList, cap, fixedSlot, fixedTable };
}

/**
 * An upper bound on the weight any schedule can reach: the least of (a) the total weight of meetings
 * that have a possible slot, (b) the heaviest of them that fit the slots × tables places, and (c) a
 * per-participant bound: split each meeting's weight equally among its k participants; a schedule's
 * weight is then the sum over participants of the shares of their scheduled meetings, and participant p
 * attends at most a_p = min(maxMeetings, slots p could meet in) meetings, so at most the a_p largest shares.
 */
function bound(model: Model): number {
  const { M, P, S, T, weight, partStart, slotStart, slotList, meetStart, meetList, cap } = model;
  const possible = (m: number) => slotStart[m + 1]! > slotStart[m]!;
  let total = 0;
  const weights: number[] = [];
  for (let m = 0; m < M; m++)
    if (possible(m)) {
      total += weight[m]!;
      weights.push(weight[m]!);
    }
  weights.sort((a, b) => b - a);
  let capacity = 0;
  for (let i = 0; i < Math.min(weights.length, S * T); i++) capacity += weights[i]!;
  let perParticipant = 0;
  const seen = new Uint8Array(S);
  for (let p = 0; p < P; p++) {
    const shares: number[] = [];
    seen.fill(0);
    let freeSlots = 0;
    for (let k = meetStart[p]!; k < meetStart[p + 1]!; k++) {
      const m = meetList[k]!;
      if (!possible(m)) continue;
      shares.push(weight[m]! / (partStart[m + 1]! - partStart[m]!));
      for (let j = slotStart[m]!; j < slotStart[m + 1]!; j++)
        if (!seen[slotList[j]!]) {
          seen[slotList[j]!] = 1;
          freeSlots++;
        }
    }
    shares.sort((a, b) => b - a);
    const attend = Math.min(cap[p]!, freeSlots, shares.length);
    for (let i = 0; i < attend; i++) perParticipant += shares[i]!;
  }
  // Shares are fractions: allow for rounding, so that the bound never falls below a true optimum.
  return Math.min(total, capacity, perParticipant * (1 + 1e-12) + 1e-9);
}

/** The mutable search state: slot of each meeting, who is busy when, counts and slot loads. */
class State {
  readonly slotOf: Int32Array;
  readonly busy: Int32Array; // participant * S + slot -> meeting, or -1
  readonly count: Int32Array;
  readonly load: Int32Array;
  /** Meetings in each slot: members[s * T + i] for i < load[s]; position of a meeting in that list. */
  readonly members: Int32Array;
  readonly position: Int32Array;
  /** Undo log: pairs (meeting, slot it was in before the change, -1 when unscheduled). */
  journal: number[] = [];
  weight = 0;

  constructor(readonly model: Model) {
    this.slotOf = new Int32Array(model.M).fill(-1);
    this.busy = new Int32Array(model.P * model.S).fill(-1);
    this.count = new Int32Array(model.P);
    this.load = new Int32Array(model.S);
    this.members = new Int32Array(model.S * model.T);
    this.position = new Int32Array(model.M);
  }

  /** Whether m fits in s with nothing moved. */
  fits(m: number, s: number): boolean {
    const { S, T, partStart, partList, cap } = this.model;
    if (this.load[s]! >= T) return false;
    for (let k = partStart[m]!; k < partStart[m + 1]!; k++) {
      const p = partList[k]!;
      if (this.busy[p * S + s] !== -1 || this.count[p]! >= cap[p]!) return false;
    }
    return true;
  }

  put(m: number, s: number) {
    const { S, T, partStart, partList, weight } = this.model;
    this.journal.push(m, this.slotOf[m]!);
    this.slotOf[m] = s;
    for (let k = partStart[m]!; k < partStart[m + 1]!; k++) {
      const p = partList[k]!;
      this.busy[p * S + s] = m;
      this.count[p]!++;
    }
    this.position[m] = this.load[s]!;
    this.members[s * T + this.load[s]!] = m;
    this.load[s]!++;
    this.weight += weight[m]!;
  }

  remove(m: number) {
    const { S, T, partStart, partList, weight } = this.model;
    const s = this.slotOf[m]!;
    this.journal.push(m, s);
    this.slotOf[m] = -1;
    for (let k = partStart[m]!; k < partStart[m + 1]!; k++) {
      const p = partList[k]!;
      this.busy[p * S + s] = -1;
      this.count[p]!--;
    }
    const last = this.members[s * T + this.load[s]! - 1]!;
    this.members[s * T + this.position[m]!] = last;
    this.position[last] = this.position[m]!;
    this.load[s]!--;
    this.weight -= weight[m]!;
  }

  /** Undoes every change after journal position `mark` (without logging the undo). */
  rollback(mark: number) {
    while (this.journal.length > mark) {
      const before = this.journal.pop()!;
      const m = this.journal.pop()!;
      const length = this.journal.length;
      if (this.slotOf[m] !== -1) this.remove(m);
      if (before !== -1) this.put(m, before);
      this.journal.length = length;
    }
  }
}

/** Search over one state: greedy construction, then augmenting moves and weight-improving ejections. */
class Search {
  private readonly conflicts: number[] = [];
  constructor(
    readonly model: Model,
    readonly state: State,
    readonly random: () => number,
  ) {}

  /** Distinct meetings holding m's participants in slot s (into `out`); false if one is fixed. */
  private blockers(m: number, s: number, out: number[]): boolean {
    const { S, partStart, partList, fixedSlot } = this.model;
    out.length = 0;
    for (let k = partStart[m]!; k < partStart[m + 1]!; k++) {
      const b = this.state.busy[partList[k]! * S + s]!;
      if (b === -1 || out.includes(b)) continue;
      if (fixedSlot[b]! >= 0) return false;
      out.push(b);
    }
    return true;
  }

  /**
   * Places the unscheduled meeting m without unscheduling anything: directly, or by moving the meetings
   * in its way (or, in a full slot, one meeting of that slot) to other slots, recursively up to `depth`.
   * Leaves the state unchanged when it fails.
   */
  place(m: number, depth: number, banned: number): boolean {
    const { T, partStart, partList, slotStart, slotList, cap, fixedSlot } = this.model;
    const state = this.state;
    for (let k = partStart[m]!; k < partStart[m + 1]!; k++) if (state.count[partList[k]!]! >= cap[partList[k]!]!) return false;
    const from = slotStart[m]!;
    const n = slotStart[m + 1]! - from;
    if (n === 0) return false;
    const offset = Math.floor(this.random() * n);
    for (let i = 0; i < n; i++) {
      const s = slotList[from + ((i + offset) % n)]!;
      if (s !== banned && state.fits(m, s)) {
        state.put(m, s);
        return true;
      }
    }
    if (depth === 0) return false;
    for (let i = 0; i < n; i++) {
      const s = slotList[from + ((i + offset) % n)]!;
      if (s === banned) continue;
      const blockers: number[] = [];
      if (!this.blockers(m, s, blockers) || blockers.length > 2) continue;
      const mark = state.journal.length;
      if (blockers.length === 0) {
        // The slot is full: move one of its meetings elsewhere (a few, chosen at random).
        const load = state.load[s]!;
        const tries = Math.min(load, depth > 1 ? 4 : 12);
        const start = Math.floor(this.random() * load);
        for (let j = 0; j < tries; j++) {
          const c = state.members[s * T + ((start + j) % load)]!;
          if (fixedSlot[c]! >= 0) continue;
          state.remove(c);
          state.put(m, s);
          if (this.place(c, depth - 1, s)) return true;
          state.rollback(mark);
        }
        continue;
      }
      for (const b of blockers) state.remove(b);
      if (state.load[s]! >= T) {
        state.rollback(mark);
        continue;
      }
      state.put(m, s);
      let ok = true;
      for (const b of blockers) if (!(ok = this.place(b, depth - 1, s))) break;
      if (ok) return true;
      state.rollback(mark);
    }
    return false;
  }

  /**
   * Schedules the unscheduled meeting m by unscheduling lighter meetings (strictly less total weight)
   * that are in its way in some slot: those holding its participants, one meeting of a full slot, and
   * for a participant at their cap, their lightest other meeting. Returns the meetings unscheduled, or
   * null when no such move exists.
   */
  eject(m: number): number[] | null {
    const { T, partStart, partList, slotStart, slotList, cap, fixedSlot, weight, meetStart, meetList } = this.model;
    const state = this.state;
    let best: number[] | null = null;
    let bestSlot = -1;
    let bestCost = weight[m]! - 1e-9;
    const chosen: number[] = [];
    for (let i = slotStart[m]!; i < slotStart[m + 1]!; i++) {
      const s = slotList[i]!;
      if (!this.blockers(m, s, this.conflicts)) continue;
      chosen.length = 0;
      chosen.push(...this.conflicts);
      let cost = 0;
      for (const b of chosen) cost += weight[b]!;
      if (cost >= bestCost) continue;
      let feasible = true;
      for (let k = partStart[m]!; feasible && k < partStart[m + 1]!; k++) {
        const p = partList[k]!;
        let freed = 0;
        for (const b of chosen) for (let j = partStart[b]!; j < partStart[b + 1]!; j++) if (partList[j] === p) freed++;
        if (state.count[p]! - freed < cap[p]!) continue;
        let lightest = -1;
        for (let j = meetStart[p]!; j < meetStart[p + 1]!; j++) {
          const c = meetList[j]!;
          if (state.slotOf[c] === -1 || fixedSlot[c]! >= 0 || chosen.includes(c)) continue;
          if (lightest === -1 || weight[c]! < weight[lightest]!) lightest = c;
        }
        if (lightest === -1) feasible = false;
        else {
          chosen.push(lightest);
          cost += weight[lightest]!;
        }
      }
      if (!feasible || cost >= bestCost) continue;
      let inSlot = 0;
      for (const b of chosen) if (state.slotOf[b] === s) inSlot++;
      if (state.load[s]! - inSlot >= T) {
        let lightest = -1;
        for (let j = 0; j < state.load[s]!; j++) {
          const c = state.members[s * T + j]!;
          if (fixedSlot[c]! >= 0 || chosen.includes(c)) continue;
          if (lightest === -1 || weight[c]! < weight[lightest]!) lightest = c;
        }
        if (lightest === -1) continue;
        chosen.push(lightest);
        cost += weight[lightest]!;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = [...chosen];
        bestSlot = s;
      }
    }
    if (!best) return null;
    for (const b of best) state.remove(b);
    state.put(m, bestSlot);
    return best;
  }
}

/** Greedy order: heaviest first, then scarcest (fewest possible slots, busiest participants), with optional noise. */
function greedyOrder(model: Model, random: (() => number) | null): Int32Array {
  const { M, partStart, partList, slotStart, meetStart } = model;
  const scarcity = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    const slots = slotStart[m + 1]! - slotStart[m]!;
    let busiest = 0;
    for (let k = partStart[m]!; k < partStart[m + 1]!; k++) {
      const p = partList[k]!;
      busiest = Math.max(busiest, meetStart[p + 1]! - meetStart[p]!);
    }
    scarcity[m] = busiest / Math.max(1, slots) + (partStart[m + 1]! - partStart[m]!) * 0.1;
    if (random) scarcity[m]! *= 0.6 + 0.8 * random();
  }
  const order = Int32Array.from({ length: M }, (_, i) => i);
  order.sort((a, b) => model.weight[b]! - model.weight[a]! || scarcity[b]! - scarcity[a]! || a - b);
  return order;
}

function construct(model: Model, state: State, random: () => number, noisy: boolean) {
  const { M, slotStart, slotList, fixedSlot } = model;
  for (let m = 0; m < M; m++) if (fixedSlot[m]! >= 0) state.put(m, fixedSlot[m]!);
  const order = greedyOrder(model, noisy ? random : null);
  for (const m of order) {
    if (fixedSlot[m]! >= 0) continue;
    // Least-loaded slot that fits (spreads the tables), ties broken at random.
    let bestSlot = -1;
    let bestLoad = Infinity;
    for (let i = slotStart[m]!; i < slotStart[m + 1]!; i++) {
      const s = slotList[i]!;
      if (!state.fits(m, s)) continue;
      const load = state.load[s]! + random() * 0.5;
      if (load < bestLoad) {
        bestLoad = load;
        bestSlot = s;
      }
    }
    if (bestSlot >= 0) state.put(m, bestSlot);
  }
  state.journal = [];
}

function improve(model: Model, state: State, search: Search, deadline: number, now: () => number, target: number) {
  const { M, weight } = model;
  const unscheduled = (): number[] => {
    const list: number[] = [];
    for (let m = 0; m < M; m++) if (state.slotOf[m] === -1 && model.slotStart[m + 1]! > model.slotStart[m]!) list.push(m);
    return list.sort((a, b) => weight[b]! - weight[a]! || a - b);
  };
  const done = () => state.weight >= target - 1e-9 || now() > deadline;
  for (const depth of [1, 2, 3]) {
    let progress = true;
    while (progress && !done()) {
      progress = false;
      let checked = 0;
      for (const m of unscheduled()) {
        if ((++checked & 63) === 0 && done()) return;
        if (search.place(m, depth, -1)) progress = true;
        state.journal = [];
      }
    }
    // Weight-improving ejections: each strictly raises the scheduled weight, so this ends.
    progress = true;
    while (progress && !done()) {
      progress = false;
      let checked = 0;
      for (const m of unscheduled()) {
        if ((++checked & 63) === 0 && done()) return;
        if (state.slotOf[m] !== -1 || weight[m]! <= 0) continue;
        if (search.place(m, 1, -1)) {
          progress = true;
          state.journal = [];
          continue;
        }
        const ejected = search.eject(m);
        state.journal = [];
        if (!ejected) continue;
        progress = true;
        for (const b of ejected) search.place(b, depth, -1);
        state.journal = [];
      }
    }
  }
}

function finish(instance: SchedulingInstance, model: Model, slotOf: Int32Array, upper: number, seconds: number): Schedule {
  const { S, T, M, weight, fixedTable } = model;
  const used = new Uint8Array(S * T);
  for (let m = 0; m < M; m++) if (fixedTable[m]! >= 0) used[slotOf[m]! * T + fixedTable[m]!] = 1;
  const nextFree = new Int32Array(S);
  const assignments: Assignment[] = [];
  const unscheduled: Id[] = [];
  let scheduledWeight = 0;
  for (let m = 0; m < M; m++) {
    const s = slotOf[m]!;
    const meeting = instance.meetings[m]!;
    if (s < 0) {
      unscheduled.push(meeting.id);
      continue;
    }
    let t = fixedTable[m]!;
    if (t < 0) {
      while (used[s * T + nextFree[s]!]) nextFree[s]!++;
      t = nextFree[s]!;
      used[s * T + t] = 1;
    }
    assignments.push({ meeting: meeting.id, slot: instance.slots[s]!.id, table: instance.tables[t]!.id });
    scheduledWeight += weight[m]!;
  }
  return { assignments, unscheduled, scheduledWeight, upperBound: Math.max(upper, scheduledWeight), seconds };
}

const defaultNow = () => performance.now();

/** Upper bound on the scheduled weight of any schedule of the instance. */
export function upperBound(instance: SchedulingInstance): number {
  return bound(buildModel(instance));
}

/** The simple baseline: heaviest first, in input order, each into the first slot that fits. */
export function greedySchedule(instance: SchedulingInstance, now: () => number = defaultNow): Schedule {
  const started = now();
  const model = buildModel(instance);
  const state = new State(model);
  for (let m = 0; m < model.M; m++) if (model.fixedSlot[m]! >= 0) state.put(m, model.fixedSlot[m]!);
  const order = Int32Array.from({ length: model.M }, (_, i) => i).sort((a, b) => model.weight[b]! - model.weight[a]! || a - b);
  for (const m of order) {
    if (model.fixedSlot[m]! >= 0) continue;
    for (let i = model.slotStart[m]!; i < model.slotStart[m + 1]!; i++)
      if (state.fits(m, model.slotList[i]!)) {
        state.put(m, model.slotList[i]!);
        break;
      }
  }
  return finish(instance, model, state.slotOf, bound(model), (now() - started) / 1000);
}

/** Schedules a valid instance: greedy by weight and scarcity, repair moves, randomised restarts. */
export function schedule(instance: SchedulingInstance, options: ScheduleOptions = {}): Schedule {
  const now = options.now ?? defaultNow;
  const started = now();
  const deadline = started + (options.timeLimitSeconds ?? 3) * 1000;
  const restarts = options.restarts ?? 30;
  const random = seeded(options.seed ?? 1);
  const model = buildModel(instance);
  const upper = bound(model);
  let best: Int32Array | null = null;
  let bestWeight = -Infinity;
  for (let run = 0; run <= restarts; run++) {
    const state = new State(model);
    construct(model, state, random, run > 0);
    improve(model, state, new Search(model, state, random), deadline, now, upper);
    if (state.weight > bestWeight + 1e-9) {
      bestWeight = state.weight;
      best = state.slotOf.slice();
    }
    if (bestWeight >= upper - 1e-9 || now() > deadline) break;
  }
  return finish(instance, model, best!, upper, (now() - started) / 1000);
}

/** Every rule the schedule breaks (empty when it is a valid schedule of the instance). */
export function checkSchedule(instance: SchedulingInstance, result: Pick<Schedule, 'assignments' | 'unscheduled' | 'scheduledWeight'>): string[] {
  const problems: string[] = [];
  const meetings = new Map(instance.meetings.map((m) => [String(m.id), m]));
  const participants = new Map(instance.participants.map((p) => [String(p.id), p]));
  const slots = new Set(instance.slots.map((s) => String(s.id)));
  const tables = new Set(instance.tables.map((t) => String(t.id)));
  const seen = new Set<string>();
  const table = new Set<string>();
  const busy = new Set<string>();
  const count = new Map<string, number>();
  let weight = 0;
  for (const a of result.assignments) {
    const key = String(a.meeting);
    const m = meetings.get(key);
    if (!m) problems.push(`unknown meeting ${key}`);
    if (seen.has(key)) problems.push(`meeting ${key} assigned twice`);
    seen.add(key);
    if (!slots.has(String(a.slot)) || !tables.has(String(a.table))) problems.push(`meeting ${key}: unknown slot or table`);
    const place = `${String(a.slot)}\0${String(a.table)}`;
    if (table.has(place)) problems.push(`table ${String(a.table)} hosts two meetings in slot ${String(a.slot)}`);
    table.add(place);
    if (!m) continue;
    weight += m.weight ?? 1;
    if (m.fixed && (String(m.fixed.slot) !== String(a.slot) || String(m.fixed.table) !== String(a.table))) problems.push(`fixed meeting ${key} moved`);
    for (const p of m.participants) {
      const who = `${String(p)}\0${String(a.slot)}`;
      if (busy.has(who)) problems.push(`participant ${String(p)} in two meetings in slot ${String(a.slot)}`);
      busy.add(who);
      const participant = participants.get(String(p));
      if (participant?.unavailable.some((s) => String(s) === String(a.slot))) problems.push(`participant ${String(p)} unavailable in slot ${String(a.slot)}`);
      count.set(String(p), (count.get(String(p)) ?? 0) + 1);
    }
  }
  for (const [p, n] of count) {
    const max = participants.get(p)?.maxMeetings;
    if (max !== undefined && n > max) problems.push(`participant ${p} has ${n} meetings, more than ${max}`);
  }
  for (const m of instance.meetings) {
    const key = String(m.id);
    if (m.fixed && !seen.has(key)) problems.push(`fixed meeting ${key} not scheduled`);
    if (!seen.has(key) && !result.unscheduled.some((u) => String(u) === key)) problems.push(`meeting ${key} neither scheduled nor unscheduled`);
  }
  if (Math.abs(weight - result.scheduledWeight) > 1e-6 * Math.max(1, weight)) problems.push(`scheduledWeight ${result.scheduledWeight} is not ${weight}`);
  return problems;
}
