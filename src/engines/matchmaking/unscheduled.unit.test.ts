import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schedule, type SchedulingInstance } from '../scheduler/scheduler.js';
import { explainUnscheduled } from './unscheduled.js';

describe('explainUnscheduled', () => {
  const base: SchedulingInstance = {
    slots: [{ id: 's1' }, { id: 's2' }],
    tables: [{ id: 't1' }],
    participants: [
      { id: 'a', unavailable: [] },
      { id: 'b', unavailable: ['s1'] },
      { id: 'c', unavailable: ['s2'] },
      { id: 'd', unavailable: [], maxMeetings: 1 },
      { id: 'e', unavailable: [] },
      { id: 'f', unavailable: [] },
    ],
    meetings: [],
  };

  it('names the participants when no slot suits them all', () => {
    const instance = { ...base, meetings: [{ id: 'm', participants: ['b', 'c'] }] };
    expect(explainUnscheduled(instance, [], ['m']).get('m')).toEqual({
      kind: 'no_common_slot',
      unavailable: [
        { participant: 'b', slots: 1 },
        { participant: 'c', slots: 1 },
      ],
    });
  });

  it('names a participant who reached their cap', () => {
    const instance = { ...base, meetings: [{ id: 'm1', participants: ['d', 'e'] }, { id: 'm2', participants: ['d', 'f'] }] };
    const result = schedule(instance, { timeLimitSeconds: 1 });
    expect(result.unscheduled).toHaveLength(1);
    expect(explainUnscheduled(instance, result.assignments, result.unscheduled).get(String(result.unscheduled[0]))).toEqual({ kind: 'cap_reached', participants: [{ participant: 'd', maxMeetings: 1 }] });
  });

  it('says the slots are taken when meetings compete for too few tables', () => {
    const instance = { ...base, meetings: [{ id: 'm1', participants: ['a', 'e'] }, { id: 'm2', participants: ['e', 'f'] }, { id: 'm3', participants: ['a', 'f'] }] };
    const result = schedule(instance, { timeLimitSeconds: 1 });
    expect(result.unscheduled).toHaveLength(1);
    expect(explainUnscheduled(instance, result.assignments, result.unscheduled).get(String(result.unscheduled[0]))).toEqual({ kind: 'slots_taken', candidateSlots: 2 });
  });

  it('reports an empty grid', () => {
    const meetings = [{ id: 'm', participants: ['a', 'e'] }];
    expect(explainUnscheduled({ ...base, slots: [], meetings }, [], ['m']).get('m')).toEqual({ kind: 'no_slots' });
    expect(explainUnscheduled({ ...base, tables: [], meetings }, [], ['m']).get('m')).toEqual({ kind: 'no_tables' });
  });

  it('gives exactly one reason per unscheduled meeting, on random instances', () => {
    const instanceArb = fc
      .record({ slots: fc.integer({ min: 0, max: 4 }), tables: fc.integer({ min: 0, max: 2 }), people: fc.integer({ min: 2, max: 6 }) })
      .chain(({ slots, tables, people }) =>
        fc.record({
          slots: fc.constant(Array.from({ length: slots }, (_, i) => ({ id: `s${i}` }))),
          tables: fc.constant(Array.from({ length: tables }, (_, i) => ({ id: `t${i}` }))),
          participants: fc.tuple(
            ...Array.from({ length: people }, (_, i) =>
              fc.record({ id: fc.constant(`p${i}`), unavailable: fc.subarray(Array.from({ length: slots }, (_, s) => `s${s}`)), maxMeetings: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }) }),
            ),
          ),
          meetings: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: people - 1 }), { minLength: 2, maxLength: 3 }), { maxLength: 10 }).map((list) => list.map((ps, i) => ({ id: `m${i}`, participants: ps.map((p) => `p${p}`) }))),
        }),
      );
    fc.assert(
      fc.property(instanceArb, (instance) => {
        const result = schedule(instance as SchedulingInstance, { timeLimitSeconds: 0.2, restarts: 2 });
        const reasons = explainUnscheduled(instance as SchedulingInstance, result.assignments, result.unscheduled);
        expect([...reasons.keys()].sort()).toEqual(result.unscheduled.map(String).sort());
      }),
      { numRuns: 60 },
    );
  });
});
