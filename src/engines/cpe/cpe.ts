/**
 * CPE 2.3 names: the formatted-string binding of NISTIR 7695 (Naming) and the set relations of
 * NISTIR 7696 (Name Matching). Pure: strings in, structured values out; no I/O.
 *
 * Values are held in the spec's well-formed-name (WFN) form (7695 §5.3.2): logical ANY / NA, or a
 * string in which every character other than a letter, digit or underscore is quoted with a
 * backslash ("7\.4\.0\.1570", "foo\\bar", "l2geth\/x"), and unquoted "*" and "?" are wildcards. Parsing
 * unbinds the formatted string (7695 §6.2.3), formatting binds it back (7695 §6.2.2), so formatCpe(parse(s))
 * gives back s for every canonical formatted string. The only non-canonical input accepted is a needless
 * quote of ".", "-" or "_" ("1\.0"), which formats as the bare character ("1.0"), as 7695's binding does.
 */

export const ATTRIBUTES = [
  'part',
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'sw_edition',
  'target_sw',
  'target_hw',
  'other',
] as const;
export type CpeAttribute = (typeof ATTRIBUTES)[number];

/** An attribute value: logical ANY ("*"), logical NA ("-"), or a WFN-quoted string (see above). */
export type CpeValue = { kind: 'ANY' } | { kind: 'NA' } | { kind: 'string'; value: string };
export type Cpe = Record<CpeAttribute, CpeValue>;
export type CpeParseResult = { ok: true; cpe: Cpe } | { ok: false; error: string };

export const ANY: CpeValue = Object.freeze({ kind: 'ANY' });
export const NA: CpeValue = Object.freeze({ kind: 'NA' });

const PREFIX = 'cpe:2.3:';
/** Printable ASCII punctuation that must be quoted in a formatted string (7695 §6.2.2, "punc" plus "\", "*", "?"). */
const QUOTABLE = new Set('\\*?!"#$%&\'()+,/:;<=>@[]^`{|}~'.split(''));
/** Characters a formatted string may carry unquoted (besides letters and digits) but a WFN quotes. */
const FS_UNRESERVED = new Set(['-', '.']);
const LANGTAG = /^[a-z]{2,3}(-([a-z]{2}|[0-9]{3}))?$/i;

const isAlnum = (c: string) => /^[A-Za-z0-9]$/.test(c);

type Token = { wild: '*' | '?' } | { lit: string };

/** Splits on colons not quoted by a backslash (a backslash always quotes the next character). */
function splitComponents(s: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\' && i + 1 < s.length) {
      current += c + s[i + 1];
      i++;
    } else if (c === ':') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function describeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code >= 0x21 && code <= 0x7e ? `'${c}'` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Unbinds one formatted-string component (not part or language) into a WFN value, or explains why not. */
function unbindValue(s: string): { ok: true; value: CpeValue } | { ok: false; error: string } {
  if (s === '*') return { ok: true, value: ANY };
  if (s === '-') return { ok: true, value: NA };
  if (s === '') return { ok: false, error: 'is empty (use * for ANY or - for NA)' };
  const tokens: Token[] = [];
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (isAlnum(c) || c === '_') tokens.push({ lit: c });
    else if (FS_UNRESERVED.has(c)) tokens.push({ lit: `\\${c}` });
    else if (c === '\\') {
      const next = chars[i + 1];
      if (next === undefined) return { ok: false, error: 'ends with a lone backslash' };
      if (next === '_') tokens.push({ lit: '_' });
      else if (QUOTABLE.has(next) || FS_UNRESERVED.has(next)) tokens.push({ lit: `\\${next}` });
      else return { ok: false, error: `has an invalid escape '\\${next}' (only punctuation may be quoted)` };
      i++;
    } else if (c === '*' || c === '?') tokens.push({ wild: c });
    else if (QUOTABLE.has(c)) return { ok: false, error: `contains ${describeChar(c)}, which must be quoted as '\\${c}'` };
    else return { ok: false, error: `contains the character ${describeChar(c)}, which a CPE value may not hold` };
  }
  const problem = wildcardProblem(tokens);
  if (problem) return { ok: false, error: problem };
  return { ok: true, value: { kind: 'string', value: tokens.map((t) => ('wild' in t ? t.wild : t.lit)).join('') } };
}

/** 7695 §5.3.2 / 7696 §5.2: a single "*" or a run of "?" only at the beginning and/or the end, never adjacent to each other. */
function wildcardProblem(tokens: Token[]): string | undefined {
  let lead = 0;
  while (lead < tokens.length && 'wild' in (tokens[lead] as Token)) lead++;
  if (lead === tokens.length) {
    return tokens.every((t) => 'wild' in t && t.wild === '?') ? undefined : "mixes the wildcards '*' and '?' with no text between them";
  }
  let trail = 0;
  while (trail < tokens.length && 'wild' in (tokens[tokens.length - 1 - trail] as Token)) trail++;
  for (let i = lead; i < tokens.length - trail; i++) {
    const t = tokens[i] as Token;
    if ('wild' in t) return `has an unquoted '${t.wild}' inside the value (wildcards may only begin or end it; quote it as '\\${t.wild}')`;
  }
  for (const run of [tokens.slice(0, lead), tokens.slice(tokens.length - trail)]) {
    const stars = run.filter((t) => 'wild' in t && t.wild === '*').length;
    if (stars > 1) return "repeats the wildcard '*' (a single '*' may begin or end a value)";
    if (stars === 1 && run.length > 1) return "puts '*' next to '?' (use one or the other)";
  }
  return undefined;
}

/** Parses a CPE 2.3 formatted string (7695 §6.2). Never throws: invalid input gives {ok:false, error}. */
export function parseCpe(input: string): CpeParseResult {
  if (typeof input !== 'string') return { ok: false, error: 'a CPE name must be a string' };
  if (input.startsWith('cpe:/')) return { ok: false, error: `'${input}' is a CPE 2.2 URI, not a CPE 2.3 formatted string (cpe:2.3:...)` };
  if (!input.startsWith(PREFIX)) return { ok: false, error: `a CPE 2.3 formatted string must begin with '${PREFIX}'` };
  const components = splitComponents(input.slice(PREFIX.length));
  if (components.length !== ATTRIBUTES.length) {
    return { ok: false, error: `expected ${ATTRIBUTES.length} components after '${PREFIX}' (part through other), found ${components.length}` };
  }
  const cpe = {} as Cpe;
  for (let i = 0; i < ATTRIBUTES.length; i++) {
    const attribute = ATTRIBUTES[i] as CpeAttribute;
    const raw = components[i] as string;
    if (attribute === 'part') {
      if (raw === '*') cpe.part = ANY;
      else if (raw === '-') cpe.part = NA;
      else if (raw === 'a' || raw === 'o' || raw === 'h') cpe.part = { kind: 'string', value: raw };
      else return { ok: false, error: `part '${raw}' must be a (application), o (operating system), h (hardware), * or -` };
      continue;
    }
    if (attribute === 'language' && raw !== '*' && raw !== '-') {
      if (!LANGTAG.test(raw)) return { ok: false, error: `language '${raw}' must be an RFC 5646 tag such as en or en-us, * or -` };
      cpe.language = { kind: 'string', value: raw.replace('-', '\\-') };
      continue;
    }
    const result = unbindValue(raw);
    if (!result.ok) return { ok: false, error: `${attribute} '${raw}' ${result.error}` };
    cpe[attribute] = result.value;
  }
  return { ok: true, cpe };
}

/** Binds one value to the formatted string (7695 §6.2.2.2: ".", "-" and "_" are left unquoted). */
export function formatValue(v: CpeValue): string {
  if (v.kind === 'ANY') return '*';
  if (v.kind === 'NA') return '-';
  if (v.value === '\\-') return '\\-'; // a lone "-" would read back as NA
  let out = '';
  for (let i = 0; i < v.value.length; i++) {
    const c = v.value[i] as string;
    const next = v.value[i + 1];
    if (c === '\\' && next !== undefined) {
      out += next === '.' || next === '-' || next === '_' ? next : c + next;
      i++;
    } else out += c;
  }
  return out;
}

/** Formats a CPE back to its 2.3 formatted string. */
export function formatCpe(cpe: Cpe): string {
  return PREFIX + ATTRIBUTES.map((a) => formatValue(cpe[a])).join(':');
}

/** The text a string value stands for, quotes removed (wildcards stay as "*" and "?"). */
export function valueText(v: CpeValue): string {
  if (v.kind !== 'string') return v.kind;
  return v.value.replace(/\\(.)/g, '$1');
}

// ---------------------------------------------------------------------------------------------
// NISTIR 7696 matching

export type AttributeRelation = 'EQUAL' | 'SUPERSET' | 'SUBSET' | 'DISJOINT' | 'UNDEFINED';
export type NameRelation = 'CPE_EQUAL' | 'CPE_SUBSET' | 'CPE_SUPERSET' | 'CPE_DISJOINT' | 'CPE_UNDEFINED';
export type NameComparison = {
  /** The single overall relation: DISJOINT if any attribute is, else EQUAL, SUBSET, SUPERSET; UNDEFINED if none holds. */
  relation: NameRelation;
  /** Each attribute's relation (7696 §7.2 Compare_WFNs). */
  attributes: Record<CpeAttribute, AttributeRelation>;
  /** The four required name comparison functions of 7696 §7.2 (SUBSET and SUPERSET are non-proper). */
  disjoint: boolean;
  equal: boolean;
  subset: boolean;
  superset: boolean;
};

/** Tokens of a WFN string: quotes removed, letters lower-cased (7696: matching is case-insensitive). */
function wfnTokens(value: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '\\' && i + 1 < value.length) {
      tokens.push({ lit: (value[i + 1] as string).toLowerCase() });
      i++;
    } else if (c === '*' || c === '?') tokens.push({ wild: c });
    else tokens.push({ lit: c.toLowerCase() });
  }
  return tokens;
}

const hasWildcards = (tokens: Token[]) => tokens.some((t) => 'wild' in t);
const literal = (tokens: Token[]) => tokens.map((t) => ('lit' in t ? t.lit : '')).join('');

/**
 * 7696 §6.3 / compareStrings: the source, with "*" (zero or more characters) and "?" (zero or one
 * character) only at its ends, against a wildcard-free target. SUPERSET if it matches, else DISJOINT.
 */
function compareWildcarded(source: Token[], target: string): AttributeRelation {
  let lead = 0;
  while (lead < source.length && 'wild' in (source[lead] as Token)) lead++;
  const leading = source.slice(0, lead);
  const body = source.slice(lead);
  let trail = 0;
  while (trail < body.length && 'wild' in (body[body.length - 1 - trail] as Token)) trail++;
  const trailing = body.slice(body.length - trail);
  const text = literal(body.slice(0, body.length - trail));
  // How many target characters a run of wildcards may absorb.
  const allows = (run: Token[], n: number) => (run.some((t) => 'wild' in t && t.wild === '*') ? true : n <= run.length);
  for (let at = target.indexOf(text); at !== -1; at = target.indexOf(text, at + 1)) {
    if (allows(leading, at) && allows(trailing, target.length - at - text.length)) return 'SUPERSET';
    if (at >= target.length) break;
  }
  return 'DISJOINT';
}

/** 7696 §7.3 compare(): the relation of a source attribute value to a target one (Table 6-2). */
export function compareAttributes(source: CpeValue, target: CpeValue): AttributeRelation {
  const targetTokens = target.kind === 'string' ? wfnTokens(target.value) : [];
  if (hasWildcards(targetTokens)) return 'UNDEFINED'; // lines 4, 8, 11, 17
  const sourceTokens = source.kind === 'string' ? wfnTokens(source.value) : [];
  if (source.kind === 'string' && target.kind === 'string') {
    if (!hasWildcards(sourceTokens)) return literal(sourceTokens) === literal(targetTokens) ? 'EQUAL' : 'DISJOINT'; // lines 9, 10
  } else if (source.kind === target.kind) return 'EQUAL'; // lines 1, 6
  if (source.kind === 'ANY') return 'SUPERSET'; // lines 2, 3
  if (target.kind === 'ANY') return 'SUBSET'; // lines 5, 13, 15
  if (source.kind === 'NA' || target.kind === 'NA') return 'DISJOINT'; // lines 7, 12, 16
  return compareWildcarded(sourceTokens, literal(targetTokens)); // line 14
}

/** 7696 §6.2 name comparison of a source CPE against a target CPE. */
export function compareNames(source: Cpe, target: Cpe): NameComparison {
  const attributes = {} as Record<CpeAttribute, AttributeRelation>;
  for (const a of ATTRIBUTES) attributes[a] = compareAttributes(source[a], target[a]);
  const relations = Object.values(attributes);
  const disjoint = relations.includes('DISJOINT');
  const equal = relations.every((r) => r === 'EQUAL');
  const subset = relations.every((r) => r === 'SUBSET' || r === 'EQUAL');
  const superset = relations.every((r) => r === 'SUPERSET' || r === 'EQUAL');
  const relation: NameRelation = disjoint ? 'CPE_DISJOINT' : equal ? 'CPE_EQUAL' : subset ? 'CPE_SUBSET' : superset ? 'CPE_SUPERSET' : 'CPE_UNDEFINED';
  return { relation, attributes, disjoint, equal, subset, superset };
}

/** CPE_SUPERSET (7696 §7.2): does the source (e.g. an NVD criterion) cover the target (e.g. an inventory CPE)? */
export function isSuperset(source: Cpe, target: Cpe): boolean {
  return compareNames(source, target).superset;
}

/** isSuperset on formatted strings; an unparsable name is reported, never thrown. */
export function matchesCriterion(criterion: string, inventory: string): { ok: true; match: boolean } | { ok: false; error: string } {
  const source = parseCpe(criterion);
  if (!source.ok) return { ok: false, error: `criterion: ${source.error}` };
  const target = parseCpe(inventory);
  if (!target.ok) return { ok: false, error: `inventory: ${target.error}` };
  return { ok: true, match: isSuperset(source.cpe, target.cpe) };
}

// ---------------------------------------------------------------------------------------------
// Suggestions from what staff type

export type CpeSuggestionInput = {
  part?: 'a' | 'o' | 'h';
  vendor: string;
  product: string;
  version?: string;
  update?: string;
};
export type CpeSuggestion = { ok: true; cpe: Cpe; formatted: string } | { ok: false; error: string };

/**
 * Turns typed text into a WFN string value: accents dropped, lower-cased, whitespace runs to "_",
 * every other punctuation character quoted (so a typed "*" or "?" is a literal, not a wildcard).
 * Empty text means ANY.
 */
export function suggestValue(text: string): { ok: true; value: CpeValue } | { ok: false; error: string } {
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_');
  if (plain === '') return { ok: true, value: ANY };
  let value = '';
  for (const c of plain) {
    if (isAlnum(c) || c === '_') value += c;
    else if (QUOTABLE.has(c) || FS_UNRESERVED.has(c)) value += `\\${c}`;
    else return { ok: false, error: `contains the character ${describeChar(c)}, which a CPE value may not hold` };
  }
  return { ok: true, value: { kind: 'string', value } };
}

/** Suggests a CPE from vendor / product / version as typed (part defaults to "a"; other attributes ANY). */
export function suggestCpe(input: CpeSuggestionInput): CpeSuggestion {
  const cpe = Object.fromEntries(ATTRIBUTES.map((a) => [a, ANY])) as Cpe;
  cpe.part = { kind: 'string', value: input.part ?? 'a' };
  for (const attribute of ['vendor', 'product', 'version', 'update'] as const) {
    const result = suggestValue(input[attribute] ?? '');
    if (!result.ok) return { ok: false, error: `${attribute} '${input[attribute] ?? ''}' ${result.error}` };
    if ((attribute === 'vendor' || attribute === 'product') && result.value.kind !== 'string') {
      return { ok: false, error: `${attribute} is required` };
    }
    cpe[attribute] = result.value;
  }
  return { ok: true, cpe, formatted: formatCpe(cpe) };
}
