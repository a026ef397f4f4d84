/**
 * Shortcuts for the matcher's hot paths (matcher.ts), each giving exactly what the general code gives.
 * Pure apart from the bounded caches they hold.
 */
import { ANY, ATTRIBUTES, NA, parseCpe, type Cpe, type CpeValue } from '../cpe/cpe.js';

/**
 * A formatted string parseCpe reads without any choice to make: no backslash, every value a run of
 * letters, digits, `_`, `.` and `-` (so no wildcard and nothing to quote but `.` and `-`) or `*` alone
 * (ANY), the language `*` or `-`. Nearly every NVD criterion and inventory CPE has this form.
 */
const SIMPLE = /^cpe:2\.3:[aoh*-](?::(?:\*|[\w.-]+)){5}:[*-](?::(?:\*|[\w.-]+)){4}$/;
const PREFIX_LENGTH = 'cpe:2.3:'.length;

/** True when the text has the SIMPLE form (see above): cpeOf reads it with slices. */
export const isSimpleCpe = (text: string): boolean => SIMPLE.test(text);

/** unbindValue (cpe.ts) for a SIMPLE component: `.` and `-` are quoted in the WFN form. */
export function simpleValue(raw: string): CpeValue {
  if (raw === '*') return ANY;
  if (raw === '-') return NA;
  return { kind: 'string', value: raw.includes('.') || raw.includes('-') ? raw.replace(/[.-]/g, '\\$&') : raw };
}

/** parseCpe(text).cpe, without its per-character work when the text is SIMPLE; undefined when it does not parse. */
export function cpeOf(text: string): Cpe | undefined {
  if (!SIMPLE.test(text)) {
    const parsed = parseCpe(text);
    return parsed.ok ? parsed.cpe : undefined;
  }
  const values: CpeValue[] = [];
  for (let start = PREFIX_LENGTH; values.length < ATTRIBUTES.length; ) {
    const end = text.indexOf(':', start);
    const raw = end === -1 ? text.slice(start) : text.slice(start, end);
    // The part is a, o or h as it stands (parseCpe does not quote it), or * / -.
    values.push(values.length === 0 && raw !== '*' && raw !== '-' ? { kind: 'string', value: raw } : simpleValue(raw));
    start = end + 1;
  }
  const cpe = {} as Cpe;
  ATTRIBUTES.forEach((attribute, i) => (cpe[attribute] = values[i] as CpeValue));
  return cpe;
}

/** The text of a value (valueText), skipping the regular expression when nothing is quoted. */
export function plainText(v: CpeValue): string {
  if (v.kind !== 'string') return v.kind;
  return v.value.includes('\\') ? v.value.replace(/\\(.)/g, '$1') : v.value;
}

/**
 * A bounded memo of a pure function of a string, in two generations: when the young map is full it
 * becomes the old one (dropping the previous old one), and an old entry that is used again moves back
 * to the young map. What is in use stays cached (a map emptied when full drops it all and recomputes,
 * feeding the garbage collector), and at most twice `limit` entries are held.
 */
export class Memo<T> {
  #young = new Map<string, T>();
  #old = new Map<string, T>();
  readonly #compute: (text: string) => T;
  readonly #limit: number;

  constructor(compute: (text: string) => T, limit: number) {
    this.#compute = compute;
    this.#limit = limit;
  }

  get(text: string): T {
    const hit = this.#young.get(text);
    if (hit !== undefined || this.#young.has(text)) return hit as T;
    const old = this.#old.get(text);
    const value = old !== undefined || this.#old.has(text) ? (old as T) : this.#compute(text);
    if (this.#young.size >= this.#limit) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(text, value);
    return value;
  }
}
