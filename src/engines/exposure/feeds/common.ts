/** Small helpers the feed parsers share: reading untyped JSON without trusting it. */
import type { Cvss, FeedProblem } from '../model.js';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A record that cannot be read: thrown inside one record's parser, caught and reported by the loop. */
export class RecordProblem extends Error {}

export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new RecordProblem(what);
  return value;
}

/** Runs `read` on each item; a RecordProblem becomes a FeedProblem at that location and the item is skipped. */
export function eachRecord<T, R>(items: readonly T[], location: (item: T, index: number) => string, problems: FeedProblem[], read: (item: T, index: number) => R | undefined): R[] {
  const out: R[] = [];
  items.forEach((item, index) => {
    try {
      const result = read(item, index);
      if (result !== undefined) out.push(result);
    } catch (error) {
      if (!(error instanceof RecordProblem)) throw error;
      problems.push({ location: location(item, index), message: error.message });
    }
  });
  return out;
}

/** The English text of a list of `{lang, value}` descriptions (NVD, CVE 5). */
export function englishText(list: unknown): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const items = list.filter(isObject);
  const english = items.find((d) => typeof d.lang === 'string' && d.lang.toLowerCase().startsWith('en')) ?? items[0];
  return english ? text(english.value) : undefined;
}

export function cvssFrom(data: unknown, version?: string): Cvss | undefined {
  if (!isObject(data) || typeof data.baseScore !== 'number') return undefined;
  const v = text(data.version) ?? version;
  if (!v) return undefined;
  const severity = text(data.baseSeverity);
  const vector = text(data.vectorString);
  return { version: v, baseScore: data.baseScore, ...(severity ? { severity } : {}), ...(vector ? { vector } : {}) };
}

export const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
