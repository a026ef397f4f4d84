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
  #young = new Map<string, T | typeof NONE>();
  #old = new Map<string, T | typeof NONE>();
  readonly #compute: (text: string) => T;
  readonly #limit: number;

  constructor(compute: (text: string) => T, limit: number) {
    this.#compute = compute;
    this.#limit = limit;
  }

  get(text: string): T {
    // undefined results are stored as NONE, so a miss is one lookup per map (no has()); the same values either way.
    const hit = this.#young.get(text);
    if (hit !== undefined) return (hit === NONE ? undefined : hit) as T;
    let value = this.#old.get(text);
    if (value === undefined) {
      const computed = this.#compute(text);
      value = computed === undefined ? NONE : computed;
    }
    if (this.#young.size >= this.#limit) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(text, value);
    return (value === NONE ? undefined : value) as T;
  }
}
const NONE: unique symbol = Symbol('none');

/**
 * The text in a string of its own. A slice of 13 characters or more is a view into the text it was
 * cut from (V8's sliced strings): comparing with it reads that text, which lies elsewhere in memory.
 * A Latin-1 copy is exact for Latin-1 text; anything else stays as it is.
 */
function compact(part: string): string {
  if (part.length < 13) return part;
  const copy = Buffer.from(part, 'latin1').toString('latin1');
  return copy === part ? copy : part;
}

/**
 * A Memo of a function of a part of a text, such as a CPE's head (up to and including the colon after
 * the product, `cpe:2.3:o:cisco:rv340_firmware:`) or its tail. In front of the memo, a small table of
 * the parts met lately, by a hash of their characters: a part found there (same length, startsWith at
 * the same place: the same part, so the same value) costs no slice and no lookup in the memo. That
 * table is small enough to stay in the processor caches, where a memo of tens of thousands of parts
 * is not: finding a part there costs several times more than hashing it here. The last part is
 * checked first, with no hashing at all: a record often repeats its product in consecutive criteria.
 */
export class SliceMemo<T> {
  readonly #memo: Memo<T>;
  /** Part and value side by side (one cache line), in slot order. */
  readonly #recent: (string | T | undefined)[];
  readonly #mask: number;
  #last = '';
  #lastValue: T | undefined;

  /** `recent`: the size of the table of recent parts, a power of two. */
  constructor(compute: (part: string) => T, limit: number, recent = 1024) {
    this.#memo = new Memo(compute, limit);
    this.#recent = new Array<string | T | undefined>(2 * recent).fill(undefined);
    this.#mask = recent - 1;
  }

  /** compute(text.slice(start, end)). */
  get(text: string, start: number, end: number): T {
    const length = end - start;
    const last = this.#last;
    if (last.length === length && length > 0 && text.startsWith(last, start)) return this.#lastValue as T;
    let h = length;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const slot = ((h ^ (h >>> 15)) & this.#mask) * 2;
    const seen = this.#recent[slot] as string | undefined;
    let value: T;
    if (seen !== undefined && seen.length === length && text.startsWith(seen, start)) {
      value = this.#recent[slot + 1] as T;
      this.#last = seen;
    } else {
      const part = text.slice(start, end);
      value = this.#memo.get(part);
      this.#recent[slot] = compact(part);
      this.#recent[slot + 1] = value;
      this.#last = part;
    }
    this.#lastValue = value;
    return value;
  }
}
