/**
 * Validation of a scheduling instance at the edge (Zod for the shape, then cross-references), listing
 * every problem with the ids it concerns. Pure: no I/O.
 */
import { z } from 'zod';
import type { Id, SchedulingInstance } from './scheduler.js';

const id = z.union([z.string().min(1), z.number().finite()]);
const instanceSchema = z.object({
  slots: z.array(z.object({ id })),
  tables: z.array(z.object({ id })),
  participants: z.array(
    z.object({
      id,
      unavailable: z.array(id).default([]),
      maxMeetings: z.number().int().optional(),
    }),
  ),
  meetings: z.array(
    z.object({
      id,
      participants: z.array(id),
      weight: z.number().finite().optional(),
      fixed: z.object({ slot: id, table: id }).optional(),
    }),
  ),
});

export type ValidationResult = { ok: true; instance: SchedulingInstance } | { ok: false; problems: string[] };

const show = (value: Id) => JSON.stringify(value);

/** Checks an instance (already parsed from JSON) and returns it typed, or every problem found. */
export function validateInstance(input: unknown): ValidationResult {
  const parsed = instanceSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(root)'}: ${issue.message}`);
    return { ok: false, problems };
  }
  const instance = parsed.data as SchedulingInstance;
  const problems: string[] = [];

  const index = (kind: string, items: { id: Id }[]) => {
    const seen = new Map<string, number>();
    const duplicates = new Set<string>();
    items.forEach((item, i) => {
      const key = String(item.id);
      if (seen.has(key)) duplicates.add(key);
      else seen.set(key, i);
    });
    for (const key of duplicates) problems.push(`duplicate ${kind} id ${show(items[seen.get(key)!]!.id)}`);
    return seen;
  };
  const slots = index('slot', instance.slots);
  const tables = index('table', instance.tables);
  const participants = index('participant', instance.participants);
  index('meeting', instance.meetings);

  const unavailable = new Map<string, Set<string>>();
  for (const p of instance.participants) {
    const unknown = p.unavailable.filter((s) => !slots.has(String(s)));
    if (unknown.length) problems.push(`participant ${show(p.id)}: unknown unavailable slot(s) ${unknown.map(show).join(', ')}`);
    if (p.maxMeetings !== undefined && p.maxMeetings < 0) problems.push(`participant ${show(p.id)}: maxMeetings must not be negative (${p.maxMeetings})`);
    unavailable.set(String(p.id), new Set(p.unavailable.map(String)));
  }

  const fixedAt = new Map<string, Id>(); // "slot\0table" -> meeting
  const busyAt = new Map<string, Id>(); // "participant\0slot" -> meeting
  const fixedCount = new Map<string, number>();
  for (const m of instance.meetings) {
    const name = `meeting ${show(m.id)}`;
    if (m.weight !== undefined && m.weight < 0) problems.push(`${name}: negative weight ${m.weight}`);
    if (m.participants.length < 2) problems.push(`${name}: needs at least two participants (has ${m.participants.length})`);
    const unknown = m.participants.filter((p) => !participants.has(String(p)));
    if (unknown.length) problems.push(`${name}: unknown participant(s) ${unknown.map(show).join(', ')}`);
    const counted = new Set<string>();
    const repeated = new Set<string>();
    for (const p of m.participants) (counted.has(String(p)) ? repeated : counted).add(String(p));
    if (repeated.size) problems.push(`${name}: participant(s) listed more than once: ${[...repeated].map((p) => show(p)).join(', ')}`);
    if (!m.fixed) continue;
    const slot = String(m.fixed.slot);
    const table = String(m.fixed.table);
    if (!slots.has(slot)) problems.push(`${name}: fixed to unknown slot ${show(m.fixed.slot)}`);
    if (!tables.has(table)) problems.push(`${name}: fixed to unknown table ${show(m.fixed.table)}`);
    if (!slots.has(slot) || !tables.has(table)) continue;
    const place = `${slot}\0${table}`;
    const other = fixedAt.get(place);
    if (other !== undefined) problems.push(`${name}: fixed to slot ${show(m.fixed.slot)}, table ${show(m.fixed.table)}, which meeting ${show(other)} already holds`);
    else fixedAt.set(place, m.id);
    for (const p of counted) {
      if (!participants.has(p)) continue;
      if (unavailable.get(p)?.has(slot)) problems.push(`${name}: fixed to slot ${show(m.fixed.slot)}, when participant ${show(p)} is unavailable`);
      const clash = busyAt.get(`${p}\0${slot}`);
      if (clash !== undefined) problems.push(`${name}: fixed to slot ${show(m.fixed.slot)}, when participant ${show(p)} is already in fixed meeting ${show(clash)}`);
      else busyAt.set(`${p}\0${slot}`, m.id);
      fixedCount.set(p, (fixedCount.get(p) ?? 0) + 1);
    }
  }
  for (const p of instance.participants) {
    const count = fixedCount.get(String(p.id)) ?? 0;
    if (p.maxMeetings !== undefined && p.maxMeetings >= 0 && count > p.maxMeetings) {
      problems.push(`participant ${show(p.id)}: ${count} fixed meetings exceed maxMeetings ${p.maxMeetings}`);
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, instance };
}

/** Parses JSON text and validates it. */
export function parseInstance(text: string): ValidationResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${(error as Error).message}`] };
  }
  return validateInstance(json);
}
