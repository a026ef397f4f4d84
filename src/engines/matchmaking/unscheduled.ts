/**
 * Why the scheduler left a meeting out, where a reason can be given: read from the instance and the
 * schedule it returned (src/engines/scheduler), without changing either. Pure.
 *
 * The reasons, in the order they are tried:
 * - no_slots / no_tables: the grid is empty;
 * - no_common_slot: no slot in which every participant is available (those who are unavailable in
 *   some slot are named, with how many);
 * - cap_reached: a participant already has as many scheduled meetings as allowed;
 * - slots_taken: in every slot all participants could meet in, one of them is already in another
 *   meeting or every table is taken. The scheduler maximises the total weight, so a lighter or less
 *   flexible meeting may give way to others.
 */
import type { Assignment, Id, SchedulingInstance } from '../scheduler/scheduler.js';

export type UnscheduledReason =
  | { kind: 'no_slots' }
  | { kind: 'no_tables' }
  | { kind: 'no_common_slot'; unavailable: { participant: Id; slots: number }[] }
  | { kind: 'cap_reached'; participants: { participant: Id; maxMeetings: number }[] }
  | { kind: 'slots_taken'; candidateSlots: number };

export function explainUnscheduled(instance: SchedulingInstance, assignments: Assignment[], unscheduled: Id[]): Map<string, UnscheduledReason> {
  const reasons = new Map<string, UnscheduledReason>();
  const meetings = new Map(instance.meetings.map((m) => [String(m.id), m]));
  const participants = new Map(instance.participants.map((p) => [String(p.id), { ...p, unavailable: new Set(p.unavailable.map(String)) }]));
  const scheduledCount = new Map<string, number>();
  for (const assignment of assignments) {
    for (const p of meetings.get(String(assignment.meeting))?.participants ?? []) scheduledCount.set(String(p), (scheduledCount.get(String(p)) ?? 0) + 1);
  }
  for (const id of unscheduled) {
    const meeting = meetings.get(String(id));
    if (!meeting) continue;
    if (instance.slots.length === 0) {
      reasons.set(String(id), { kind: 'no_slots' });
      continue;
    }
    if (instance.tables.length === 0) {
      reasons.set(String(id), { kind: 'no_tables' });
      continue;
    }
    const people = meeting.participants.map((p) => participants.get(String(p))).filter((p) => p !== undefined);
    const candidateSlots = instance.slots.filter((slot) => people.every((p) => !p.unavailable.has(String(slot.id)))).length;
    if (candidateSlots === 0) {
      const unavailable = people.filter((p) => p.unavailable.size > 0).map((p) => ({ participant: p.id, slots: p.unavailable.size }));
      reasons.set(String(id), { kind: 'no_common_slot', unavailable });
      continue;
    }
    const full = people
      .filter((p) => p.maxMeetings !== undefined && (scheduledCount.get(String(p.id)) ?? 0) >= p.maxMeetings)
      .map((p) => ({ participant: p.id, maxMeetings: p.maxMeetings! }));
    reasons.set(String(id), full.length ? { kind: 'cap_reached', participants: full } : { kind: 'slots_taken', candidateSlots });
  }
  return reasons;
}
