/**
 * Version ranges as advisories write them, and whether a given version falls inside. Pure.
 *
 * Sources: purl `vers:` URIs (`vers:generic/>=1.0|<2.0`, `vers:all/*`), NVD CPE match bounds
 * (versionStartIncluding/Excluding, versionEndIncluding/Excluding) and the ad-hoc strings of CISA CSAF
 * advisories (`<V4.3.5618`, `>=13.4.1|<=13.4.4`, `All versions`, `versions prior to V3.5`,
 * `V4.0 to V4.2`, `<= 1.2.3 and >= 1.0`, comma lists). Whatever is not understood is kept as
 * {kind:'unparsed'} and evaluates to 'review' (a human must look), never to 'not_affected'.
 *
 * A list of constraints follows the vers algorithm: `=` / `!=` constraints are points; the range
 * constraints, sorted by version, form intervals (a `>`/`>=` opens one, a `<`/`<=` closes it; an upper
 * bound with none open starts at the lowest version, a lower bound left open runs to the highest: on
 * malformed lists this errs towards 'affected').
 * CSAF's `>=a|<=b` and `a, b, <c` therefore mean what they say. `and` intersects.
 */
import { compareParsed, parseVersion, type Comparison, type ParsedVersion } from './compare.js';

export type Operator = '<' | '<=' | '>' | '>=' | '=' | '!=';
export type Constraint = { op: Operator; version: string };
export type Range =
  | { kind: 'all' }
  | { kind: 'constraints'; constraints: Constraint[]; scheme?: string }
  | { kind: 'and'; ranges: Range[] }
  | { kind: 'unparsed'; text: string };
export type Exposure = 'affected' | 'not_affected' | 'unknown' | 'review';

export type NvdBounds = {
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
};

const unparsed = (text: string): Range => ({ kind: 'unparsed', text });

/** One constraint: an operator (default `=`) and a version compareVersions understands. */
function parseConstraint(raw: string): Constraint | undefined {
  const m = /^(<=|>=|!=|==|=|<|>)?\s*(.+)$/.exec(raw.trim());
  if (!m?.[2]) return undefined;
  const op = (m[1] === '==' ? '=' : (m[1] ?? '=')) as Operator;
  const version = m[2].trim();
  return parseVersion(version) ? { op, version } : undefined;
}

function constraints(parts: string[], scheme?: string): Range | undefined {
  const list: Constraint[] = [];
  for (const part of parts) {
    const c = parseConstraint(part);
    if (!c) return undefined;
    list.push(c);
  }
  return list.length ? { kind: 'constraints', constraints: list, ...(scheme ? { scheme } : {}) } : undefined;
}

/** A `vers:` URI: `vers:<scheme>/<constraint>|<constraint>...` or `vers:<scheme>/*`. */
function parseVers(text: string): Range {
  const m = /^vers:([a-z0-9.+-]+)\/(.*)$/i.exec(text.trim());
  if (!m?.[1] || m[2] === undefined) return unparsed(text);
  const scheme = m[1].toLowerCase();
  const body = m[2].trim();
  if (body === '*') return { kind: 'all' };
  if (scheme === 'git') return unparsed(text);
  return constraints(body.split('|'), scheme) ?? unparsed(text);
}

const ALL = /^(?:all(?:\s+(?:versions?|releases?|firmware(?:\s+versions?)?))?|any\s+versions?|\*)$/;
const BEFORE = /^(?:all\s+)?(?:(?:firmware\s+)?versions?\s+)?(?:prior\s+to|before|earlier\s+than|older\s+than|lower\s+than|below|less\s+than)\s+(.+)$/;
const UP_TO = /^(?:all\s+)?(?:versions?\s+)?(?:up\s+to(?:\s+and\s+including)?|through|until)\s+(.+)$/;
const FROM = /^(?:versions?\s+)?(.+?)\s+(?:and|or)\s+(?:later|above|newer|higher|after)$/;
const BETWEEN = /^(?:versions?\s+)?(?:from\s+|between\s+)?(.+?)\s+(?:to|through|thru|and|-|–)\s+(.+)$/;

/** Parses a range; anything not understood comes back as {kind:'unparsed', text}. */
export function parseRange(input: string): Range {
  const text = input.trim().replace(/\s+/g, ' ');
  const lower = text.toLowerCase().replace(/[.;]$/, '');
  if (!lower) return unparsed(input);
  if (lower.startsWith('vers:')) return parseVers(text);
  if (ALL.test(lower)) return { kind: 'all' };
  if (/ and /.test(lower) && /[<>]/.test(lower)) {
    const ranges = lower.split(' and ').map((part) => parseRange(part));
    return ranges.every((r) => r.kind === 'constraints') ? { kind: 'and', ranges } : unparsed(input);
  }
  if (lower.includes(',')) {
    const parts = lower.split(',').map((part) => part.trim()).filter(Boolean);
    const ranges = parts.map((part) => parseRange(part));
    if (!ranges.every((r) => r.kind === 'constraints')) return unparsed(input);
    return { kind: 'constraints', constraints: ranges.flatMap((r) => (r.kind === 'constraints' ? r.constraints : [])) };
  }
  const before = BEFORE.exec(lower);
  if (before?.[1]) return constraints([`<${before[1]}`]) ?? unparsed(input);
  const upTo = UP_TO.exec(lower);
  if (upTo?.[1]) return constraints([`<=${upTo[1]}`]) ?? unparsed(input);
  const from = FROM.exec(lower);
  if (from?.[1]) return constraints([`>=${from[1]}`]) ?? unparsed(input);
  const direct = constraints(lower.split('|'));
  if (direct) return direct;
  const between = BETWEEN.exec(lower);
  if (between?.[1] && between[2]) return constraints([`>=${between[1]}`, `<=${between[2]}`]) ?? unparsed(input);
  return unparsed(input);
}

/** The range an NVD CPE match describes. No bound at all means every version (the CPE's version is `*`). */
export function nvdRange(bounds: NvdBounds): Range {
  const parts: Range[] = [];
  const add = (op: Operator, version: string | undefined) => {
    if (version === undefined) return;
    parts.push(parseVersion(version) ? { kind: 'constraints', constraints: [{ op, version }] } : unparsed(`${op}${version}`));
  };
  add('>=', bounds.versionStartIncluding);
  add('>', bounds.versionStartExcluding);
  add('<=', bounds.versionEndIncluding);
  add('<', bounds.versionEndExcluding);
  if (parts.length === 0) return { kind: 'all' };
  return parts.length === 1 ? (parts[0] as Range) : { kind: 'and', ranges: parts };
}

function holds(op: Operator, c: -1 | 0 | 1): boolean {
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
  }
}

type Parsed = { op: Operator; version: ParsedVersion };

/** The vers algorithm over parsed constraints: true, false, or undefined when something is not comparable. */
function inConstraints(list: Parsed[], v: ParsedVersion): boolean | undefined {
  const cmp = (c: Parsed): Comparison => compareParsed(v, c.version);
  for (const c of list) {
    const r = cmp(c);
    if (r === 'unknown') return undefined;
    if (c.op === '=' && r === 0) return true;
    if (c.op === '!=' && r === 0) return false;
  }
  const bounds = list.filter((c) => c.op !== '=' && c.op !== '!=');
  if (bounds.length === 0) return list.some((c) => c.op === '!=');
  let unsortable = false;
  const sorted = [...bounds].sort((x, y) => {
    const r = compareParsed(x.version, y.version);
    if (r === 'unknown') {
      unsortable = true;
      return 0;
    }
    return r;
  });
  if (unsortable) return undefined;
  let open: Parsed | undefined;
  for (const c of sorted) {
    if (c.op === '>' || c.op === '>=') {
      open ??= c;
      continue;
    }
    const aboveLower = open ? holds(open.op, cmp(open) as -1 | 0 | 1) : true;
    if (aboveLower && holds(c.op, cmp(c) as -1 | 0 | 1)) return true;
    open = undefined;
  }
  return open ? holds(open.op, cmp(open) as -1 | 0 | 1) : false;
}

/** Whether the version is inside the range: 'review' for unparsed ranges, 'unknown' when it cannot be compared. */
export function evaluateRange(range: Range, version: string): Exposure {
  switch (range.kind) {
    case 'all':
      return 'affected';
    case 'unparsed':
      return 'review';
    case 'and': {
      const results = range.ranges.map((r) => evaluateRange(r, version));
      if (results.includes('not_affected')) return 'not_affected';
      if (results.includes('review')) return 'review';
      if (results.includes('unknown')) return 'unknown';
      return 'affected';
    }
    case 'constraints': {
      const v = parseVersion(version);
      if (!v) return 'unknown';
      const list: Parsed[] = [];
      for (const c of range.constraints) {
        const parsed = parseVersion(c.version);
        if (!parsed) return 'review';
        list.push({ op: c.op, version: parsed });
      }
      const inside = inConstraints(list, v);
      return inside === undefined ? 'unknown' : inside ? 'affected' : 'not_affected';
    }
  }
}
