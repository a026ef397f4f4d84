/**
 * Vendor version comparison for the vulnerability-exposure module. Pure: strings in, an order (or
 * 'unknown') out. Never guesses: two versions that do not share a scheme are 'unknown', not unequal.
 *
 * Rules:
 * 1. Normalise: trim, lower-case, drop semver build metadata (`+...`), drop a version prefix
 *    (`v`, `ver`, `version`, `rev`, `rev.`, `revision`) when a digit follows (`V2.2` = `v2.2` = `2.2`).
 * 2. Validity: only letters, digits and the separators `. - _ ~` space `( )` are allowed; at least
 *    one digit; at most three words of letters; a word standing alone after a space must be one of
 *    SPACED_WORDS (`5.2.0 build 140721`, but not `4.0 to 4.2`); parentheses may hold digits only (Cisco `12.2(55)SE10`);
 *    no wildcard (`*`, or `x` standing alone after a dot). Anything else (`all versions`,
 *    `3.8u4 (JACE 3e JACE 6e)`, `1.2.x`) is not a version: it compares as 'unknown' with everything,
 *    itself included.
 * 3. Tokenise into runs of digits and runs of letters; separators only split tokens. Consecutive
 *    numbers form one numeric segment, consecutive words one alphabetic segment, so a version is an
 *    alternation of segments: `12.2(55)SE10` = [12,2,55] [se] [10]; `2.1.0-build123` = [2,1,0] [build] [123].
 * 4. Scheme: two versions are comparable only if they start with the same kind of segment and, when
 *    that is alphabetic, with the same words (`R2023a` vs `R2022b` compare; `1.2.3` vs `R2023a` and
 *    `D7.0` vs `G7.0` are 'unknown').
 * 5. Segments are compared in order; a version that has run out of segments is padded with the neutral
 *    segment of the kind expected at that position:
 *    - numeric segments compare number by number, missing numbers count as 0 (`1.2` = `1.2.0`,
 *      `2023.10.01` = `2023.10.1`); numbers are compared exactly, whatever their length;
 *    - alphabetic segments compare word by word by rank: pre-release words `dev`/`snapshot` <
 *      `alpha` < `beta` < `pre`/`preview` < `rc`/`cr` < (release: no word) < any other word (a
 *      post-release suffix: `4.17.9` < `4.17.9d` < `4.17.9e`, `2.1.0` < `2.1.0-build123`, `3.8` < `3.8u4`);
 *      other words compare alphabetically. So `1.0.0-rc1` < `1.0.0` and `1.0.0-rc1` < `1.0.0-rc2`.
 * Each position is a total preorder and the comparison is lexicographic, so the order is transitive
 * wherever it is defined.
 */

export type Order = -1 | 0 | 1;
export type Comparison = Order | 'unknown';

type Segment = { kind: 'num'; values: string[] } | { kind: 'alpha'; words: string[] };
export type ParsedVersion = { text: string; segments: Segment[] };

const PRE_RELEASE: Record<string, number> = { dev: 1, snapshot: 1, alpha: 2, beta: 3, pre: 4, preview: 4, rc: 5, cr: 5 };
const RELEASE_RANK = 6;
const POST_RANK = 7;
const MAX_WORDS = 3;
/** Words that may stand alone after a space (`5.2.0 build 140721`); any other makes the text prose. */
const SPACED_WORDS = new Set(['build', 'patch', 'update', 'hotfix', 'sp', 'release', 'rc', 'beta', 'alpha']);

/** The segments of a version, or undefined when the text is not a version (rule 2). */
export function parseVersion(input: string): ParsedVersion | undefined {
  let text = input.trim().toLowerCase();
  const plus = text.indexOf('+');
  if (plus > 0) text = text.slice(0, plus).trim();
  text = text.replace(/^(?:version|revision|ver\.?|rev\.?|v)\s*(?=\d)/, '');
  if (!/^[a-z0-9._~() -]+$/.test(text) || !/\d/.test(text)) return undefined;
  if (/\.x(?![a-z0-9])/.test(text)) return undefined;
  for (const word of text.split(' ').slice(1)) if (/^[a-z]+$/.test(word) && !SPACED_WORDS.has(word)) return undefined;
  for (const group of text.match(/\([^)]*\)?/g) ?? []) if (!/^\(\d+\)$/.test(group)) return undefined;
  const tokens = text.match(/\d+|[a-z]+/g) ?? [];
  if (tokens.filter((t) => /[a-z]/.test(t)).length > MAX_WORDS) return undefined;
  const segments: Segment[] = [];
  for (const token of tokens) {
    const last = segments[segments.length - 1];
    if (/\d/.test(token)) {
      const value = token.replace(/^0+(?=\d)/, '');
      if (last?.kind === 'num') last.values.push(value);
      else segments.push({ kind: 'num', values: [value] });
    } else if (last?.kind === 'alpha') last.words.push(token);
    else segments.push({ kind: 'alpha', words: [token] });
  }
  return { text, segments };
}

function compareNumber(a: string, b: string): Order {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

function rank(word: string | undefined): number {
  if (word === undefined) return RELEASE_RANK;
  return PRE_RELEASE[word] ?? POST_RANK;
}

function compareNums(a: string[], b: string[]): Order {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = compareNumber(a[i] ?? '0', b[i] ?? '0');
    if (c !== 0) return c;
  }
  return 0;
}

function compareWords(a: string[], b: string[]): Order {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    const rx = rank(x);
    const ry = rank(y);
    if (rx !== ry) return rx < ry ? -1 : 1;
    if (rx === POST_RANK && x !== y) return (x as string) < (y as string) ? -1 : 1;
  }
  return 0;
}

/** Compares two parsed versions (rules 4 and 5). */
export function compareParsed(a: ParsedVersion, b: ParsedVersion): Comparison {
  const [first] = a.segments;
  const [other] = b.segments;
  if (!first || !other || first.kind !== other.kind) return 'unknown';
  if (first.kind === 'alpha' && other.kind === 'alpha' && first.words.join(' ') !== other.words.join(' ')) return 'unknown';
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const x = a.segments[i];
    const y = b.segments[i];
    const kind = (x ?? y)?.kind;
    const c =
      kind === 'num'
        ? compareNums(x?.kind === 'num' ? x.values : [], y?.kind === 'num' ? y.values : [])
        : compareWords(x?.kind === 'alpha' ? x.words : [], y?.kind === 'alpha' ? y.words : []);
    if (c !== 0) return c;
  }
  return 0;
}

/** -1, 0 or 1 when a is older than, the same as, or newer than b; 'unknown' when they are not comparable. */
export function compareVersions(a: string, b: string): Comparison {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x && y ? compareParsed(x, y) : 'unknown';
}

/** True when the text is a version compareVersions understands. */
export function isVersion(text: string): boolean {
  return parseVersion(text) !== undefined;
}
