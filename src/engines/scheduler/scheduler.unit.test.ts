import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oversubscribedInstance, plantedInstance } from './generate.js';
import { checkSchedule, greedySchedule, schedule, upperBound, type SchedulingInstance } from './scheduler.js';
import { parseInstance, validateInstance } from './validate.js';

/** Random valid instances: unavailability, caps, group meetings of 3+, fixed meetings (placed so they obey every rule). */
const instanceArb: fc.Arbitrary<SchedulingInstance> = fc
  .record({
    slots: fc.integer({ min: 1, max: 6 }),
    tables: fc.integer({ min: 1, max: 4 }),
    participants: fc.integer({ min: 2, max: 12 }),
    unavailable: fc.array(fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), { minLength: 12, maxLength: 12 }),
    caps: fc.array(fc.option(fc.integer({ min: 0, max: 4 })), { minLength: 12, maxLength: 12 }),
    meetings: fc.array(
      fc.record({ members: fc.uniqueArray(fc.nat(11), { minLength: 2, maxLength: 4 }), weight: fc.option(fc.integer({ min: 0, max: 9 })), fix: fc.boolean(), at: fc.nat(100) }),
      { maxLength: 30 },
    ),
  })
  .map((g) => {
    const busy = new Set<string>();
    const tables = new Set<string>();
    const fixedCount = new Map<number, number>();
    const unavailable = (p: number, s: number) => g.unavailable[p]![s]!;
    const meetings = g.meetings
      .map((m) => ({ ...m, members: [...new Set(m.members.map((p) => p % g.participants))] }))
      .filter((m) => m.members.length >= 2)
      .map((m, i) => {
        const base = { id: i % 3 === 0 ? i : `m${i}`, participants: m.members.map((p) => `p${p}`), ...(m.weight === null ? {} : { weight: m.weight }) };
        if (!m.fix) return base;
        const s = m.at % g.slots;
        const t = Math.floor(m.at / g.slots) % g.tables;
        const ok =
          !tables.has(`${s}/${t}`) &&
          m.members.every((p) => !unavailable(p, s) && !busy.has(`${p}/${s}`) && (g.caps[p] ?? Infinity) > (fixedCount.get(p) ?? 0));
        if (!ok) return base;
        tables.add(`${s}/${t}`);
        for (const p of m.members) {
          busy.add(`${p}/${s}`);
          fixedCount.set(p, (fixedCount.get(p) ?? 0) + 1);
        }
        return { ...base, fixed: { slot: `s${s}`, table: t } };
      });
    return {
      slots: Array.from({ length: g.slots }, (_, s) => ({ id: `s${s}` })),
      tables: Array.from({ length: g.tables }, (_, t) => ({ id: t })),
      participants: Array.from({ length: g.participants }, (_, p) => ({
        id: `p${p}`,
        unavailable: Array.from({ length: g.slots }, (_, s) => s).filter((s) => unavailable(p, s)).map((s) => `s${s}`),
        ...(g.caps[p] === null ? {} : { maxMeetings: g.caps[p]! }),
      })),
      meetings,
    };
  });

const fast = { timeLimitSeconds: 5, restarts: 2 };
const weightOf = (instance: SchedulingInstance) => instance.meetings.reduce((sum, m) => sum + (m.weight ?? 1), 0);

/** The best schedule by exhaustive search (tiny instances only): each meeting unscheduled or in one slot. */
function optimum(instance: SchedulingInstance): number {
  const S = instance.slots.length;
  const cap = new Map(instance.participants.map((p) => [String(p.id), p.maxMeetings ?? Infinity]));
  const off = new Set(instance.participants.flatMap((p) => p.unavailable.map((s) => `${String(p.id)}/${String(s)}`)));
  const busy = new Set<string>();
  const count = new Map<string, number>();
  const load = new Array<number>(S).fill(0);
  let best = 0;
  const go = (i: number, weight: number) => {
    if (i === instance.meetings.length) return void (best = Math.max(best, weight));
    const m = instance.meetings[i]!;
    if (!m.fixed) go(i + 1, weight);
    for (let s = 0; s < S; s++) {
      const slot = String(instance.slots[s]!.id);
      if (m.fixed && String(m.fixed.slot) !== slot) continue;
      if (load[s]! >= instance.tables.length) continue;
      if (!m.participants.every((p) => !busy.has(`${String(p)}/${slot}`) && !off.has(`${String(p)}/${slot}`) && (count.get(String(p)) ?? 0) < cap.get(String(p))!)) continue;
      for (const p of m.participants) {
        busy.add(`${String(p)}/${slot}`);
        count.set(String(p), (count.get(String(p)) ?? 0) + 1);
      }
      load[s]!++;
      go(i + 1, weight + (m.weight ?? 1));
      load[s]!--;
      for (const p of m.participants) {
        busy.delete(`${String(p)}/${slot}`);
        count.set(String(p), count.get(String(p))! - 1);
      }
    }
  };
  go(0, 0);
  return best;
}

describe('schedule', () => {
  it('returns schedules that keep every rule, keep fixed meetings, and stay under the upper bound (small)', () => {
    fc.assert(
      fc.property(instanceArb, fc.nat(1000), (instance, seed) => {
        expect(validateInstance(instance)).toMatchObject({ ok: true });
        for (const result of [schedule(instance, { ...fast, seed }), greedySchedule(instance)]) {
          expect(checkSchedule(instance, result)).toEqual([]);
          expect(result.upperBound).toBeGreaterThanOrEqual(result.scheduledWeight);
          expect(result.assignments.length + result.unscheduled.length).toBe(instance.meetings.length);
          for (const m of instance.meetings.filter((m) => m.fixed)) {
            expect(result.assignments).toContainEqual({ meeting: m.id, slot: m.fixed!.slot, table: m.fixed!.table });
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the upper bound is at least the optimum (exhaustive search on tiny instances)', () => {
    const tiny = instanceArb.filter((i) => i.meetings.length <= 7 && i.slots.length <= 4);
    fc.assert(
      fc.property(tiny, (instance) => {
        const best = optimum(instance);
        const result = schedule(instance, fast);
        expect(result.upperBound).toBeGreaterThanOrEqual(best - 1e-9);
        expect(upperBound(instance)).toBeGreaterThanOrEqual(best - 1e-9);
        expect(result.scheduledWeight).toBeLessThanOrEqual(best + 1e-9);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every rule on medium instances, planted and over-subscribed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 200 }), fc.nat(10_000), fc.boolean(), (participants, seed, planted) => {
        const options = { participants, seed, slots: 8, fixedShare: 0.1, groupShare: 0.2 };
        const instance = planted ? plantedInstance(options) : oversubscribedInstance(options);
        expect(validateInstance(instance)).toMatchObject({ ok: true });
        const result = schedule(instance, fast);
        expect(checkSchedule(instance, result)).toEqual([]);
        expect(result.upperBound).toBeGreaterThanOrEqual(result.scheduledWeight);
      }),
      { numRuns: 25 },
    );
  });

  it('finds at least 99.5 % of a full schedule when one exists', () => {
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 400 }), fc.nat(10_000), (participants, seed) => {
        const instance = plantedInstance({ participants, seed, slots: 12, groupShare: 0.15, fixedShare: 0.05 });
        const result = schedule(instance, { timeLimitSeconds: 10 });
        expect(result.upperBound).toBe(weightOf(instance));
        expect(result.scheduledWeight).toBeGreaterThanOrEqual(0.995 * weightOf(instance));
      }),
      { numRuns: 20 },
    );
  });

  it('is deterministic for a given seed', () => {
    const instance = oversubscribedInstance({ participants: 60, seed: 3, slots: 6 });
    const strip = (r: ReturnType<typeof schedule>) => ({ ...r, seconds: 0 });
    expect(strip(schedule(instance, { seed: 5, restarts: 3, timeLimitSeconds: 30 }))).toEqual(strip(schedule(instance, { seed: 5, restarts: 3, timeLimitSeconds: 30 })));
  });

  it('schedules a small example optimally and keeps ids as given', () => {
    const instance: SchedulingInstance = {
      slots: [{ id: 's1' }, { id: 2 }],
      tables: [{ id: 't1' }],
      participants: [
        { id: 'a', unavailable: [2] },
        { id: 'b', unavailable: [] },
        { id: 'c', unavailable: [], maxMeetings: 1 },
      ],
      meetings: [
        { id: 'm1', participants: ['a', 'b'], weight: 2 },
        { id: 'm2', participants: ['b', 'c'] },
        { id: 3, participants: ['a', 'c'], weight: 5 },
      ],
    };
    const result = schedule(instance);
    expect(result.assignments).toEqual([{ meeting: 3, slot: 's1', table: 't1' }]);
    expect(result.unscheduled).toEqual(['m1', 'm2']);
    expect(result.scheduledWeight).toBe(5);
  });
});

describe('validation', () => {
  const base = (): { slots: { id: string }[]; tables: { id: string }[]; participants: { id: string; unavailable: string[]; maxMeetings?: number }[]; meetings: { id: string; participants: string[]; weight?: number; fixed?: { slot: string; table: string } }[] } => ({
    slots: [{ id: 's1' }, { id: 's2' }],
    tables: [{ id: 't1' }],
    participants: [
      { id: 'a', unavailable: ['s2'], maxMeetings: 1 },
      { id: 'b', unavailable: [] },
      { id: 'c', unavailable: [] },
    ],
    meetings: [
      { id: 'm1', participants: ['a', 'b'] },
      { id: 'm2', participants: ['b', 'c'] },
    ],
  });
  const problems = (input: unknown) => {
    const result = validateInstance(input);
    return result.ok ? [] : result.problems;
  };

  it('accepts a valid instance', () => expect(validateInstance(base())).toMatchObject({ ok: true }));

  it('lists every problem, naming the ids concerned', () => {
    const input = base();
    input.slots.push({ id: 's1' });
    input.participants[1]!.unavailable.push('nowhere');
    input.meetings.push(
      { id: 'm1', participants: ['a', 'ghost'] },
      { id: 'solo', participants: ['c'] },
      { id: 'twice', participants: ['b', 'b', 'c'] },
      { id: 'heavy', participants: ['b', 'c'], weight: -2 },
    );
    expect(problems(input)).toEqual([
      'duplicate slot id "s1"',
      'duplicate meeting id "m1"',
      'participant "b": unknown unavailable slot(s) "nowhere"',
      'meeting "m1": unknown participant(s) "ghost"',
      'meeting "solo": needs at least two participants (has 1)',
      'meeting "twice": participant(s) listed more than once: "b"',
      'meeting "heavy": negative weight -2',
    ]);
  });

  it('rejects fixed assignments that break a rule', () => {
    const input = base();
    input.meetings = [
      { id: 'off', participants: ['a', 'b'], fixed: { slot: 's2', table: 't1' } },
      { id: 'clash', participants: ['b', 'c'], fixed: { slot: 's2', table: 't1' } },
      { id: 'x', participants: ['a', 'c'], fixed: { slot: 's1', table: 't9' } },
      { id: 'y', participants: ['a', 'c'], fixed: { slot: 's9', table: 't1' } },
      { id: 'cap1', participants: ['a', 'c'], fixed: { slot: 's1', table: 't1' } },
    ];
    input.participants[0]!.unavailable = ['s2'];
    expect(problems(input)).toEqual([
      'meeting "off": fixed to slot "s2", when participant "a" is unavailable',
      'meeting "clash": fixed to slot "s2", table "t1", which meeting "off" already holds',
      'meeting "clash": fixed to slot "s2", when participant "b" is already in fixed meeting "off"',
      'meeting "x": fixed to unknown table "t9"',
      'meeting "y": fixed to unknown slot "s9"',
      'participant "a": 2 fixed meetings exceed maxMeetings 1',
    ]);
  });

  it('reports shape errors with their path, and bad JSON', () => {
    expect(problems({ slots: [], tables: 'x', participants: [{ id: 'a' }], meetings: [{ id: 'm', participants: ['a', 'b'], weight: 'heavy' }] })).toEqual([
      expect.stringMatching(/^tables: /),
      expect.stringMatching(/^meetings\[0\]\.weight: /),
    ]);
    const bad = parseInstance('{"slots": [');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.problems[0]).toMatch(/^not valid JSON/);
  });
});
