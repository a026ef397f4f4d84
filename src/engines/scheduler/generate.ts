/**
 * Seeded instance generators for the scheduler's tests and benchmark (pure).
 * - `plantedInstance`: built around a hidden full schedule, so the optimum is the total weight.
 * - `oversubscribedInstance`: random requests and too few tables, so no full schedule exists.
 */
import type { SchedulingInstance } from './scheduler.js';
import { seeded } from '../random.js';

export type GeneratorOptions = {
  participants: number;
  slots?: number;
  /** Average meetings per participant (default 10). */
  meetingsPerParticipant?: number;
  /** Share of meetings with 3 or 4 participants (default 0.1). */
  groupShare?: number;
  /** Share of meetings fixed where the hidden schedule has them (default 0.02). */
  fixedShare?: number;
  /** Chance that a slot a participant is free in is marked unavailable (default 0.25). */
  unavailableShare?: number;
  /** Chance that a participant's maxMeetings is exactly their count in the hidden schedule (default 0.3). */
  tightCapShare?: number;
  /** Largest weight (weights are integers 1..maxWeight; default 5). */
  maxWeight?: number;
  seed?: number;
};

/** An instance with a full schedule (every meeting scheduled), tables per slot just enough for it. */
export function plantedInstance(options: GeneratorOptions): SchedulingInstance {
  const random = seeded(options.seed ?? 1);
  const P = options.participants;
  const S = options.slots ?? 24;
  const groupShare = options.groupShare ?? 0.1;
  const size = () => (random() < groupShare ? 3 + Math.floor(random() * 2) : 2);
  const target = Math.round((P * (options.meetingsPerParticipant ?? 10)) / (2 + groupShare * 1.5));
  const T = Math.max(1, Math.ceil(target / S));
  const busy = new Uint8Array(P * S);
  const count = new Int32Array(P);
  const load = new Int32Array(S);
  const planted: { participants: number[]; slot: number; table: number }[] = [];
  for (let i = 0; i < target * 2 && planted.length < target; i++) {
    const s = Math.floor(random() * S);
    if (load[s]! >= T) continue;
    const k = Math.min(size(), P);
    const members: number[] = [];
    for (let tries = 0; tries < 20 && members.length < k; tries++) {
      const p = Math.floor(random() * P);
      if (!busy[p * S + s] && !members.includes(p)) members.push(p);
    }
    if (members.length < 2) continue;
    for (const p of members) {
      busy[p * S + s] = 1;
      count[p]!++;
    }
    planted.push({ participants: members, slot: s, table: load[s]!++ });
  }
  const participants = Array.from({ length: P }, (_, p) => {
    const unavailable: string[] = [];
    for (let s = 0; s < S; s++) if (!busy[p * S + s] && random() < (options.unavailableShare ?? 0.25)) unavailable.push(`s${s}`);
    const roll = random();
    const maxMeetings = roll < (options.tightCapShare ?? 0.3) ? count[p]! : roll < 0.6 ? count[p]! + 1 : undefined;
    return { id: `p${p}`, unavailable, ...(maxMeetings === undefined ? {} : { maxMeetings }) };
  });
  const maxWeight = options.maxWeight ?? 5;
  // Shuffle so that the input order does not reveal the hidden schedule.
  for (let i = planted.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [planted[i], planted[j]] = [planted[j]!, planted[i]!];
  }
  const meetings = planted.map((m, i) => ({
    id: `m${i}`,
    participants: m.participants.map((p) => `p${p}`),
    weight: 1 + Math.floor(random() * maxWeight),
    ...(random() < (options.fixedShare ?? 0.02) ? { fixed: { slot: `s${m.slot}`, table: `t${m.table}` } } : {}),
  }));
  return {
    slots: Array.from({ length: S }, (_, s) => ({ id: `s${s}` })),
    tables: Array.from({ length: T }, (_, t) => ({ id: `t${t}` })),
    participants,
    meetings,
  };
}

/**
 * Random requests (popular participants get more), random unavailability and caps, and tables for
 * only `tableShare` (default 0.8) of the requests: more is asked than fits.
 */
export function oversubscribedInstance(options: GeneratorOptions & { tableShare?: number }): SchedulingInstance {
  const random = seeded(options.seed ?? 1);
  const P = options.participants;
  const S = options.slots ?? 24;
  const groupShare = options.groupShare ?? 0.1;
  const M = Math.round((P * (options.meetingsPerParticipant ?? 10)) / (2 + groupShare * 1.5));
  const T = Math.max(1, Math.floor(((options.tableShare ?? 0.8) * M) / S));
  const pick = () => Math.floor(P * random() ** 1.5); // skewed: low indices are popular
  const participants = Array.from({ length: P }, (_, p) => {
    const unavailable: string[] = [];
    for (let s = 0; s < S; s++) if (random() < (options.unavailableShare ?? 0.25)) unavailable.push(`s${s}`);
    return { id: `p${p}`, unavailable, ...(random() < 0.3 ? { maxMeetings: 4 + Math.floor(random() * 12) } : {}) };
  });
  const meetings = [];
  for (let i = 0; i < M; i++) {
    const k = Math.min(P, random() < groupShare ? 3 + Math.floor(random() * 2) : 2);
    const members = new Set<number>();
    while (members.size < k) members.add(members.size === 0 ? pick() : Math.floor(random() * P));
    meetings.push({ id: `m${i}`, participants: [...members].map((p) => `p${p}`), weight: 1 + Math.floor(random() * (options.maxWeight ?? 5)) });
  }
  return {
    slots: Array.from({ length: S }, (_, s) => ({ id: `s${s}` })),
    tables: Array.from({ length: T }, (_, t) => ({ id: `t${t}` })),
    participants,
    meetings,
  };
}
