/**
 * The exposure matcher: which vulnerability records apply to which inventory assets. Pure.
 *
 * Per pair (asset, record) the answer is `affected`, `unknown` (stays visible, with a reason) or
 * nothing. The rules, per source:
 * - NVD: each configuration's nodes are combined with AND/OR and `negate` in three-valued logic
 *   (true / unknown / false). A `cpeMatch` holds for an asset when one of its components' CPEs is named
 *   by the criterion (NISTIR 7696 superset, attribute by attribute; vendor and product also meet when
 *   their normalised forms without separators agree, `d-link` = `dlink`) and its version is inside the
 *   criterion's bounds. Components given as text (vendor/product/version) count as CPEs with those
 *   values and every other attribute ANY. A configuration reports only through its `vulnerable`
 *   criteria; the others are platform context (a firmware CVE needs the hardware present too).
 *   The inventory saying less than the criterion needs (no version, version ANY or '-', no `update`
 *   where the criterion names one) or versions that do not compare make the criterion unknown.
 * - CVE 5: an `affected` entry applies to a component whose product keys (names.ts) or CPE meet the
 *   entry's; the version is decided by evaluateCve5Affected (its `unknown` stays unknown).
 * - CSAF: products are resolved by the parser; known_affected (and under_investigation, as unknown)
 *   apply when name and version/range fit; a `fixed` or `known_not_affected` product that fits wins over
 *   them. A range the engine cannot read is `unknown` with a reason, never "not affected".
 * One match per asset and vulnerability: affected beats unknown, then nvd, csaf, cve5, then the lowest
 * record key (so the answer never depends on record order).
 *
 * Records are compiled once (CPEs and bounds parsed, keys computed) and cached per record object, so
 * matching never re-parses per pair. The index (ExposureIndex) only narrows candidates by product key;
 * every match implies a shared key, so matchAll equals naiveMatchAll.
 */
import { createHash } from 'node:crypto';
import { compareAttributes, parseCpe, suggestValue, valueText, type Cpe, type CpeAttribute, type CpeValue } from '../cpe/cpe.js';
import { compareParsed, compareVersions, isVersion, parseVersion, type ParsedVersion } from '../versions/compare.js';
import { evaluateCve5Affected } from '../versions/cve5.js';
import { evaluateRange, parseRange, type Range } from '../versions/ranges.js';
import type {
  Cve5AffectedProduct,
  CsafProduct,
  CsafProductStatus,
  Match,
  MatchAsset,
  MatchComponent,
  MatchEvidence,
  MatchStatus,
  NvdCpeMatch,
  RecordSource,
  VulnerabilityRecord,
} from './model.js';
import { isBlankName, keysOf, looseForms, normaliseName, squeeze, strictForms } from './names.js';

export { normaliseName } from './names.js';

/** Three-valued truth: false, unknown, true. OR is max, AND is min, NOT is 2 - x. */
type Tri = 0 | 1 | 2;
const F: Tri = 0;
const U: Tri = 1;
const T: Tri = 2;

type Test = { value: Tri; reason?: string };
const yes: Test = { value: T };
const no: Test = { value: F };
const maybe = (reason: string): Test => ({ value: U, reason });

// ---------------------------------------------------------------------------------------------
// Assets

/** An inventory CPE with what every pair needs precomputed: part, squeezed names, version text. */
type CompiledCpe = { text: string; cpe: Cpe; part: string | undefined; vendorName?: string; productName?: string; version?: string };
type CompiledComponent = {
  label: string;
  cpes: CompiledCpe[];
  vendor?: string;
  product?: string;
  /** Squeezed normalised vendor and product text (see names.ts). */
  vendorName?: string;
  productName?: string;
  version?: string;
  /** Every key of the component: text and CPE names, loose variants, vendorless forms. */
  keys: Set<string>;
  /** `vendorName:productName` of its CPEs and text: what a non-wild NVD criterion must equal to apply. */
  names: Set<string>;
};

function componentLabel(component: MatchComponent, index: number): string {
  if (component.id) return component.id;
  const [cpe] = component.cpes;
  if (cpe) return cpe;
  const text = [component.vendor, component.product, component.version].filter(Boolean).join(' ');
  return text || `component ${index + 1}`;
}

function nameKeys(vendor: string | undefined, product: string): string[] {
  const products = looseForms(product, 'product');
  const keys = keysOf([], products);
  if (!isBlankName(vendor)) keys.push(...keysOf(looseForms(vendor as string, 'vendor'), products));
  return keys;
}

function compileComponent(component: MatchComponent, index: number): CompiledComponent {
  const cpes: CompiledCpe[] = [];
  const keys = new Set<string>();
  for (const text of component.cpes) {
    const parsed = parseCpe(text);
    if (!parsed.ok) continue; // the inventory parser reports bad CPEs; a caller that skipped it gets no match from them
    const vendor = parsed.cpe.vendor.kind === 'string' ? valueText(parsed.cpe.vendor) : undefined;
    const product = parsed.cpe.product.kind === 'string' ? valueText(parsed.cpe.product) : undefined;
    cpes.push({
      text,
      cpe: parsed.cpe,
      part: partOf(parsed.cpe.part),
      ...(vendor !== undefined ? { vendorName: squeezed(vendor) } : {}),
      ...(product !== undefined ? { productName: squeezed(product) } : {}),
      ...(parsed.cpe.version.kind === 'string' ? { version: valueText(parsed.cpe.version) } : {}),
    });
    if (product) for (const key of nameKeys(vendor, product)) keys.add(key);
  }
  const { vendor, product, version } = component;
  if (product && !isBlankName(product)) for (const key of nameKeys(vendor, product)) keys.add(key);
  const names = new Set<string>();
  for (const c of cpes) if (c.vendorName !== undefined && c.productName !== undefined) names.add(`${c.vendorName}:${c.productName}`);
  if (vendor && product && !isBlankName(vendor)) names.add(`${squeezed(vendor)}:${squeezed(product)}`);
  return {
    label: componentLabel(component, index),
    cpes,
    ...(vendor !== undefined ? { vendor, vendorName: squeezed(vendor) } : {}),
    ...(product !== undefined ? { product, productName: squeezed(product) } : {}),
    ...(version !== undefined && version.trim() !== '' ? { version: version.trim() } : {}),
    keys,
    names,
  };
}

const compileAsset = (asset: MatchAsset) => asset.components.map(compileComponent);

const squeezed = (text: string) => squeeze(normaliseName(text));
const partOf = (v: CpeValue) => (v.kind === 'string' ? v.value : v.kind === 'NA' ? '-' : undefined);

/** Remembers a pure function of a string; emptied when full, so memory stays bounded. */
function memo<T>(compute: (text: string) => T, limit: number): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    if (cache.size >= limit) cache.clear();
    const value = compute(text);
    cache.set(text, value);
    return value;
  };
}

/** Inventories and bounds repeat the same few thousand versions. */
const parsedVersion = memo(parseVersion, 100_000);

function keysOfComponents(components: readonly CompiledComponent[]): Set<string> {
  const keys = new Set<string>();
  for (const c of components) for (const key of c.keys) keys.add(key);
  return keys;
}

/** The product keys an asset could be matched by (from every component's CPEs and vendor/product text). */
export function productKeysOfAsset(asset: MatchAsset): string[] {
  return [...keysOfComponents(compileAsset(asset))];
}

/** The version a component states: its `version`, else the version of a CPE that names one. */
function statedVersion(component: CompiledComponent, cpe?: Cpe): string | undefined {
  if (cpe?.version.kind === 'string') return valueText(cpe.version);
  if (component.version) return component.version;
  return component.cpes.find((c) => c.version !== undefined)?.version;
}

// ---------------------------------------------------------------------------------------------
// NVD

type Bound = { op: '<' | '<=' | '>' | '>='; text: string; parsed: ParsedVersion | undefined };
/** What a criterion string alone determines; NVD repeats the same criteria across many CVEs, so it is shared. */
type CriterionName = {
  cpe: Cpe | undefined;
  part: string | undefined;
  /** Vendor or product is ANY or wildcarded: it can meet names no key predicts. */
  wild: boolean;
  /** Squeezed vendor and product (when not wild): equal squeezed names are the same product. */
  vendorName: string;
  productName: string;
  /** The attributes besides part, vendor, product and version that the criterion restricts. */
  others: CpeAttribute[];
};
type CompiledCriterion = CriterionName & { match: NvdCpeMatch; bounds: Bound[] };
type CompiledNode = { operator: 'AND' | 'OR'; negate: boolean; criteria: CompiledCriterion[] };
/**
 * `names`: the `vendorName:productName` of its non-wild criteria; `wild`: some criterion wildcards them.
 * A configuration none of whose names an asset has, and with no wild criterion, cannot give evidence
 * for that asset (every criterion is false), so it is skipped without being evaluated: records list a
 * configuration per device model, and an asset has one of them.
 */
type CompiledConfiguration = { operator: 'AND' | 'OR'; negate: boolean; nodes: CompiledNode[]; names: string[]; wild: boolean };

const OTHER_ATTRIBUTES: CpeAttribute[] = ['update', 'edition', 'language', 'sw_edition', 'target_sw', 'target_hw', 'other'];
const hasWildcard = (v: CpeValue) => v.kind === 'ANY' || (v.kind === 'string' && /(^|[^\\])[*?]/.test(v.value));

/**
 * Vendor and product of a criterion without a full parse: the formatted string split on colons
 * (escaped colons fall back to parseCpe). Index building touches every criterion, so this stays cheap.
 */
const criterionKeys = memo((criteria: string): string[] => {
  let vendor: string | undefined;
  let product: string | undefined;
  if (!criteria.includes('\\')) {
    const parts = criteria.split(':');
    vendor = parts[3];
    product = parts[4];
    if (vendor === undefined || product === undefined) return [];
    if (/[*?]/.test(vendor) || /[*?]/.test(product)) return ['*'];
  } else {
    const parsed = parseCpe(criteria);
    if (!parsed.ok) return [];
    if (hasWildcard(parsed.cpe.vendor) || hasWildcard(parsed.cpe.product)) return ['*'];
    vendor = valueText(parsed.cpe.vendor);
    product = valueText(parsed.cpe.product);
  }
  return [...new Set(keysOf(strictForms(vendor), strictForms(product)))];
}, 500_000);

const criterionName = memo((criteria: string): CriterionName => {
  const parsed = parseCpe(criteria);
  const cpe = parsed.ok ? parsed.cpe : undefined;
  const wild = !cpe || hasWildcard(cpe.vendor) || hasWildcard(cpe.product);
  return {
    cpe,
    part: cpe ? partOf(cpe.part) : undefined,
    wild,
    vendorName: cpe && !wild ? squeezed(valueText(cpe.vendor)) : '',
    productName: cpe && !wild ? squeezed(valueText(cpe.product)) : '',
    others: cpe ? OTHER_ATTRIBUTES.filter((a) => cpe[a].kind !== 'ANY') : [],
  };
}, 500_000);

function compileCriterion(match: NvdCpeMatch): CompiledCriterion {
  const bounds: Bound[] = [];
  const bound = (op: Bound['op'], text: string | undefined) => {
    if (text !== undefined) bounds.push({ op, text, parsed: parsedVersion(text) });
  };
  bound('>=', match.versionStartIncluding);
  bound('>', match.versionStartExcluding);
  bound('<=', match.versionEndIncluding);
  bound('<', match.versionEndExcluding);
  return { ...criterionName(match.criteria), match, bounds };
}

const rangeText = (bounds: Bound[]) => bounds.map((b) => `${b.op}${b.text}`).join(' ');

/** The NVD bounds for a version (same answers as evaluateRange(nvdRange(...)), on pre-parsed bounds). */
function testBounds(bounds: Bound[], version: string): Test {
  const v = parsedVersion(version);
  if (!v) return maybe(`version '${version}' cannot be compared with ${rangeText(bounds)}`);
  let review = false;
  let unknown = false;
  for (const b of bounds) {
    if (!b.parsed) {
      review = true;
      continue;
    }
    const c = compareParsed(v, b.parsed);
    if (c === 'unknown') unknown = true;
    else if (!(b.op === '<' ? c < 0 : b.op === '<=' ? c <= 0 : b.op === '>' ? c > 0 : c >= 0)) return no;
  }
  if (review) return maybe(`the range ${rangeText(bounds)} needs review`);
  if (unknown) return maybe(`version '${version}' is not comparable with ${rangeText(bounds)}`);
  return yes;
}

const fits = (relation: string) => relation === 'SUPERSET' || relation === 'EQUAL';

/** Vendor or product: the 7696 relation, or (for plain names) equality of the normalised forms. */
function nameFits(criterion: CpeValue, target: CpeValue | string): boolean {
  if (typeof target === 'string') {
    if (criterion.kind === 'ANY') return true;
    if (criterion.kind !== 'string') return false;
    if (!hasWildcard(criterion)) return strictForms(valueText(criterion)).some((f) => strictForms(target).includes(f));
    const value = suggestValue(target);
    return value.ok && fits(compareAttributes(criterion, value.value));
  }
  if (fits(compareAttributes(criterion, target))) return true;
  if (criterion.kind !== 'string' || target.kind !== 'string' || hasWildcard(criterion)) return false;
  return squeezeName(valueText(criterion)) === squeezeName(valueText(target));
}
const squeezeName = (text: string) => normaliseName(text).replace(/_/g, '');

/** The version attribute (and bounds) of a criterion against what the inventory states. */
function testVersion(criterion: CompiledCriterion, stated: CpeValue, text: string | undefined): Test {
  const wanted = (criterion.cpe as Cpe).version;
  const platform = !criterion.match.vulnerable;
  if (criterion.bounds.length) {
    if (text === undefined) return maybe(`the asset gives no version; ${rangeText(criterion.bounds)} is needed`);
    return testBounds(criterion.bounds, text);
  }
  if (wanted.kind === 'ANY') return yes;
  if (wanted.kind === 'NA') {
    if (text === undefined) return stated.kind === 'ANY' && !platform ? maybe("the asset gives no version; the criterion names version '-'") : yes;
    return platform ? yes : no;
  }
  if (text === undefined) return maybe(`the asset gives no version; the criterion names version ${valueText(wanted)}`);
  if (hasWildcard(wanted)) {
    const suggested = stated.kind === 'string' ? undefined : suggestValue(text);
    const value = suggested ? (suggested.ok ? suggested.value : undefined) : stated;
    return value && fits(compareAttributes(wanted, value)) ? yes : no;
  }
  const want = valueText(wanted);
  return want.toLowerCase() === text.toLowerCase() || compareVersions(want, text) === 0 ? yes : no;
}

/** The attributes other than vendor, product and version: ANY in the inventory where the criterion names a value is unknown. */
function testOthers(compiled: CompiledCriterion, target: Cpe | undefined): Test {
  const criterion = compiled.cpe as Cpe;
  for (const attribute of compiled.others) {
    const want = criterion[attribute];
    const have = target ? target[attribute] : { kind: 'ANY' as const };
    if (fits(compareAttributes(want, have))) continue;
    if (have.kind === 'ANY') {
      if (want.kind === 'NA') continue;
      return maybe(`the asset does not give the ${attribute} '${valueText(want)}' the criterion names`);
    }
    return no;
  }
  return yes;
}

const and = (a: Test, b: Test): Test => (a.value <= b.value ? a : b);

type CriterionResult = Test & { component?: string; assetVersion?: string };

function testCriterionOnComponent(criterion: CompiledCriterion, component: CompiledComponent): CriterionResult {
  const cpe = criterion.cpe as Cpe;
  let best: CriterionResult = no;
  for (const inventory of component.cpes) {
    const target = inventory.cpe;
    if (criterion.part !== undefined && criterion.part !== inventory.part) continue;
    const named = criterion.wild
      ? nameFits(cpe.vendor, target.vendor) && nameFits(cpe.product, target.product)
      : criterion.vendorName === inventory.vendorName && criterion.productName === inventory.productName;
    if (!named) continue;
    const text = inventory.version ?? (target.version.kind === 'ANY' ? component.version : undefined);
    const result = and(testOthers(criterion, target), testVersion(criterion, target.version, text));
    if (result.value > best.value) best = { ...result, component: component.label, ...(text !== undefined ? { assetVersion: text } : {}) };
    if (best.value === T) return best;
  }
  const { vendor, product } = component;
  if (!vendor || !product || isBlankName(vendor)) return best;
  const named = criterion.wild
    ? nameFits(cpe.vendor, vendor) && nameFits(cpe.product, product)
    : criterion.vendorName === component.vendorName && criterion.productName === component.productName;
  if (named) {
    const text = component.version;
    const result = and(testOthers(criterion, undefined), testVersion(criterion, { kind: 'ANY' }, text));
    if (result.value > best.value) best = { ...result, component: component.label, ...(text !== undefined ? { assetVersion: text } : {}) };
  }
  return best;
}

function testCriterion(criterion: CompiledCriterion, components: readonly CompiledComponent[]): CriterionResult {
  if (!criterion.cpe) return no;
  let best: CriterionResult = no;
  for (const component of components) {
    const result = testCriterionOnComponent(criterion, component);
    if (result.value > best.value) best = result;
    if (best.value === T) break;
  }
  return best;
}

const combine = (operator: 'AND' | 'OR', values: Tri[]): Tri =>
  (operator === 'AND' ? Math.min(T, ...values) : Math.max(F, ...values)) as Tri;
const negated = (value: Tri, negate: boolean): Tri => (negate ? ((T - value) as Tri) : value);

type Outcome = { status: MatchStatus; evidence: Omit<MatchEvidence, 'fingerprint'> };

function mayApply(configuration: CompiledConfiguration, components: readonly CompiledComponent[]): boolean {
  if (configuration.wild) return true;
  for (const component of components) for (const name of configuration.names) if (component.names.has(name)) return true;
  return false;
}

function evaluateNvd(configurations: CompiledConfiguration[], components: readonly CompiledComponent[]): Outcome | undefined {
  let unknown: Outcome | undefined;
  for (const configuration of configurations) {
    if (!mayApply(configuration, components)) continue;
    const seen: { criterion: CompiledCriterion; result: CriterionResult }[] = [];
    const nodeValues = configuration.nodes.map((node) => {
      const results = node.criteria.map((criterion) => testCriterion(criterion, components));
      // Criteria under a negation are what must be absent: they are never evidence.
      if (!node.negate && !configuration.negate) node.criteria.forEach((criterion, i) => seen.push({ criterion, result: results[i] as CriterionResult }));
      return negated(combine(node.operator, results.map((r) => r.value)), node.negate);
    });
    const value = negated(combine(configuration.operator, nodeValues), configuration.negate);
    if (value === F) continue;
    const vulnerable = seen.filter((s) => s.criterion.match.vulnerable && s.result.value !== F);
    const named = value === T ? vulnerable.filter((s) => s.result.value === T) : vulnerable;
    const evidence = named.length ? named : vulnerable;
    const [first] = evidence;
    if (!first) continue;
    const status: MatchStatus = value === T && named.length ? 'affected' : 'unknown';
    const reason = status === 'unknown' ? (seen.find((s) => s.result.value === U)?.result.reason ?? 'the configuration cannot be decided') : undefined;
    const outcome: Outcome = {
      status,
      evidence: {
        kind: 'nvd-configuration',
        ...(first.result.component ? { component: first.result.component } : {}),
        criteria: evidence.map((s) => describeCriterion(s.criterion)),
        platform: seen.filter((s) => !s.criterion.match.vulnerable && s.result.value !== F).map((s) => describeCriterion(s.criterion)),
        ...(first.result.assetVersion !== undefined ? { assetVersion: first.result.assetVersion } : {}),
        ...(reason ? { reason } : {}),
      },
    };
    if (status === 'affected') return outcome;
    unknown ??= outcome;
  }
  return unknown;
}

/** A criterion as evidence: the CPE and its bounds (`cpe:2.3:o:cisco:rv340_firmware:*:... <=1.0.03.24`). */
const describeCriterion = (c: CompiledCriterion) => (c.bounds.length ? `${c.match.criteria} ${rangeText(c.bounds)}` : c.match.criteria);

// ---------------------------------------------------------------------------------------------
// CVE 5 and CSAF products

/** A CPE whose version (and update) are left to the record's own version data. */
function nameOnlyCpe(text: string | undefined): Cpe | undefined {
  if (!text) return undefined;
  const parsed = parseCpe(text);
  if (!parsed.ok) return undefined;
  return { ...parsed.cpe, version: { kind: 'ANY' }, update: { kind: 'ANY' } };
}

function cpeKeys(cpe: Cpe | undefined): string[] {
  if (!cpe) return [];
  if (hasWildcard(cpe.vendor) || hasWildcard(cpe.product)) return ['*'];
  return nameKeys(valueText(cpe.vendor), valueText(cpe.product));
}

/** Does the component carry this product: a shared key, or one of its CPEs inside the product's CPE? */
function componentCarries(keys: ReadonlySet<string>, cpes: readonly Cpe[], component: CompiledComponent): Cpe | true | undefined {
  for (const cpe of cpes) for (const c of component.cpes) if (compareNamesSuperset(cpe, c.cpe)) return c.cpe;
  for (const key of component.keys) if (keys.has(key)) return true;
  return undefined;
}
function compareNamesSuperset(source: Cpe, target: Cpe): boolean {
  return (['part', 'vendor', 'product', 'edition', 'language', 'sw_edition', 'target_sw', 'target_hw', 'other'] as const).every((a) =>
    a === 'vendor' || a === 'product' ? nameFits(source[a], target[a]) : fits(compareAttributes(source[a], target[a])),
  );
}

type CompiledCve5 = { entry: Cve5AffectedProduct; keys: Set<string>; cpes: Cpe[] };

function compileCve5(entry: Cve5AffectedProduct): CompiledCve5 {
  const cpes = (entry.cpes ?? []).map(nameOnlyCpe).filter((c): c is Cpe => c !== undefined);
  const keys = new Set<string>(cpes.flatMap(cpeKeys));
  if (entry.product && !isBlankName(entry.product)) for (const key of nameKeys(entry.vendor, entry.product)) keys.add(key);
  return { entry, keys, cpes };
}

function evaluateCve5(entries: CompiledCve5[], components: readonly CompiledComponent[]): Outcome | undefined {
  let unknown: Outcome | undefined;
  for (const { entry, keys, cpes } of entries) {
    for (const component of components) {
      const carried = componentCarries(keys, cpes, component);
      if (!carried) continue;
      const version = statedVersion(component, carried === true ? undefined : carried);
      let test: Test;
      if (version === undefined) {
        test = entry.versions?.length ? maybe('the asset gives no version') : toTest(entry.defaultStatus ?? 'unknown', 'the record gives no versions and no default status');
      } else {
        const status = evaluateCve5Affected(entry, version);
        test = toTest(status, `the record does not decide version '${version}' (not comparable, or not listed without a default status)`);
      }
      if (test.value === F) continue;
      const outcome: Outcome = {
        status: test.value === T ? 'affected' : 'unknown',
        evidence: {
          kind: 'cve5-affected',
          component: component.label,
          ...(entry.vendor !== undefined ? { vendor: entry.vendor } : {}),
          ...(entry.product !== undefined ? { product: entry.product } : {}),
          range: describeCve5Versions(entry),
          ...(version !== undefined ? { assetVersion: version } : {}),
          ...(test.reason ? { reason: test.reason } : {}),
        },
      };
      if (outcome.status === 'affected') return outcome;
      unknown ??= outcome;
    }
  }
  return unknown;
}

const toTest = (status: 'affected' | 'unaffected' | 'unknown', reason: string): Test => (status === 'affected' ? yes : status === 'unaffected' ? no : maybe(reason));

function describeCve5Versions(entry: Cve5AffectedProduct): string {
  const parts = (entry.versions ?? []).map((v) => {
    const upper = v.lessThan !== undefined ? ` <${v.lessThan}` : v.lessThanOrEqual !== undefined ? ` <=${v.lessThanOrEqual}` : '';
    return `${v.status} ${upper ? `>=${v.version}${upper}` : v.version}`;
  });
  if (entry.defaultStatus) parts.push(`default ${entry.defaultStatus}`);
  return parts.join('; ');
}

/** How a CSAF product's version is tested: an exact version, a range, or nothing (every version). */
type CsafVersionRule = { kind: 'exact'; version: string } | { kind: 'range'; range: Range; text: string } | { kind: 'any' };
type CompiledCsafProduct = { product: CsafProduct; keys: Set<string>; cpes: Cpe[]; rule: CsafVersionRule };
type CompiledCsafEntry = CompiledCsafProduct & { status: CsafProductStatus; relativeTo?: CompiledCsafProduct };

/**
 * The version text CISA leaves in a product's name ("EOS: < 3.2.23", "DS-2CD2xx2F-I Series V5.2.0 build
 * 140721 to V5.4.0 Build 160414"): the name without the vendor and product names in front.
 */
function nameResidue(product: CsafProduct): string {
  let rest = product.name.trim();
  const prefixes = [product.vendor, product.product].filter((p): p is string => Boolean(p?.trim())).map((p) => p.trim().toLowerCase());
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of prefixes) {
      if (rest.toLowerCase().startsWith(prefix)) {
        rest = rest.slice(prefix.length).replace(/^[\s:,–-]+/, '');
        changed = true;
      }
    }
  }
  return rest;
}

/** A range read from the name, when the name holds one; unreadable text with digits needs review. */
function rangeFromName(product: CsafProduct): CsafVersionRule | undefined {
  const residue = nameResidue(product);
  if (!residue || !product.product) return undefined;
  const range = parseRange(residue);
  if (range.kind === 'all') return undefined;
  if (range.kind === 'unparsed' && !/\d/.test(residue)) return undefined;
  return { kind: 'range', range, text: residue };
}

function csafRule(product: CsafProduct): CsafVersionRule {
  const rangeText = product.versionRange ?? (product.version?.trim().toLowerCase().startsWith('vers:') ? product.version : undefined);
  if (rangeText !== undefined) {
    const range = parseRange(rangeText);
    if (range.kind === 'all') return rangeFromName(product) ?? { kind: 'any' };
    return { kind: 'range', range, text: rangeText };
  }
  if (product.version?.trim()) return { kind: 'exact', version: product.version.trim() };
  return rangeFromName(product) ?? { kind: 'any' };
}

function compileCsafProduct(product: Omit<CsafProduct, 'relationship' | 'relativeTo'>): CompiledCsafProduct {
  const cpe = nameOnlyCpe(product.cpe);
  const keys = new Set<string>(cpeKeys(cpe));
  if (product.product && !isBlankName(product.product)) for (const key of nameKeys(product.vendor, product.product)) keys.add(key);
  return { product, keys, cpes: cpe ? [cpe] : [], rule: csafRule(product) };
}

function testCsafVersion(rule: CsafVersionRule, version: string | undefined): Test {
  if (rule.kind === 'any') return yes;
  if (version === undefined) return maybe(`the asset gives no version; the advisory names ${rule.kind === 'exact' ? rule.version : rule.text}`);
  if (rule.kind === 'range') {
    const exposure = evaluateRange(rule.range, version);
    if (exposure === 'affected') return yes;
    if (exposure === 'not_affected') return no;
    if (exposure === 'review') return maybe(`the range '${rule.text}' cannot be read by the engine; it needs review`);
    return maybe(`version '${version}' is not comparable with '${rule.text}'`);
  }
  // An exact version; CISA sometimes adds models after it ("4.7u1 (JACE-8000 Edge 10)"): read its first word.
  const exact = isVersion(rule.version) ? rule.version : /^\S+/.exec(rule.version)?.[0];
  if (normaliseName(rule.version) === normaliseName(version)) return yes;
  if (!exact || !isVersion(exact)) return maybe(`the product version '${rule.version}' is not a version the engine can read; it needs review`);
  const c = compareVersions(version, exact);
  return c === 0 ? yes : c === 'unknown' ? maybe(`version '${version}' is not comparable with '${exact}'`) : no;
}

type CsafHit = { entry: CompiledCsafEntry; component: CompiledComponent; test: Test; version?: string };

function testCsafProduct(entry: CompiledCsafProduct, component: CompiledComponent): (Test & { version?: string }) | undefined {
  const carried = componentCarries(entry.keys, entry.cpes, component);
  if (!carried) return undefined;
  const version = statedVersion(component, carried === true ? undefined : carried);
  return { ...testCsafVersion(entry.rule, version), ...(version !== undefined ? { version } : {}) };
}

function evaluateCsaf(entries: CompiledCsafEntry[], components: readonly CompiledComponent[]): Outcome | undefined {
  const hits: CsafHit[] = [];
  for (const entry of entries) {
    for (const component of components) {
      const test = testCsafProduct(entry, component);
      if (!test || test.value === F) continue;
      let combined: Test = test;
      if (entry.relativeTo) {
        // "X installed on Y": Y must be present on the asset too.
        const relative = entry.relativeTo;
        const present = components.map((c) => testCsafProduct(relative, c)).reduce<Test>((best, t) => (t && t.value > best.value ? t : best), no);
        combined = and(test, present);
        if (combined.value === F) continue;
      }
      hits.push({ entry, component, test: combined, ...(test.version !== undefined ? { version: test.version } : {}) });
    }
  }
  // A product the advisory says is fixed or not affected, and that fits a component exactly, settles that component.
  const settled = new Set(hits.filter((h) => (h.entry.status === 'fixed' || h.entry.status === 'known_not_affected') && h.test.value === T).map((h) => h.component));
  const relevant = hits.filter((h) => !settled.has(h.component) && (h.entry.status === 'known_affected' || h.entry.status === 'under_investigation'));
  const best =
    relevant.find((h) => h.entry.status === 'known_affected' && h.test.value === T) ?? relevant.find((h) => h.test.value !== F);
  if (!best) return undefined;
  const affected = best.entry.status === 'known_affected' && best.test.value === T;
  const reason = affected ? undefined : best.entry.status === 'under_investigation' ? 'the advisory lists the product as under investigation' : best.test.reason;
  const { product, rule } = best.entry;
  return {
    status: affected ? 'affected' : 'unknown',
    evidence: {
      kind: 'csaf-product',
      component: best.component.label,
      ...(product.vendor !== undefined ? { vendor: product.vendor } : {}),
      product: product.product ?? product.name,
      ...(rule.kind !== 'any' ? { range: rule.kind === 'exact' ? rule.version : rule.text } : {}),
      productId: product.productId,
      ...(best.version !== undefined ? { assetVersion: best.version } : {}),
      ...(reason ? { reason } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Records

type CompiledRecord = { record: VulnerabilityRecord } & (
  | { kind: 'nvd'; configurations: CompiledConfiguration[] }
  | { kind: 'cve5'; entries: CompiledCve5[] }
  | { kind: 'csaf'; entries: CompiledCsafEntry[] }
);

/** The keys of a record without compiling it (what the index stores). */
function recordKeys(record: VulnerabilityRecord): string[] {
  const keys = new Set<string>();
  const a = record.applicability;
  if (a.kind === 'nvd') {
    for (const configuration of a.configurations)
      for (const node of configuration.nodes) for (const m of node.cpeMatch) for (const key of criterionKeys(m.criteria)) keys.add(key);
  } else if (a.kind === 'cve5') {
    for (const entry of a.affected) for (const key of compileCve5(entry).keys) keys.add(key);
  } else {
    for (const { product } of a.products) {
      for (const key of compileCsafProduct(product).keys) keys.add(key);
      if (product.relativeTo) for (const key of compileCsafProduct(product.relativeTo).keys) keys.add(key);
    }
  }
  return [...keys];
}

/** The `vendor:product` keys a record could apply to; `*` when a criterion wildcards the vendor or product. */
export function productKeysOfRecord(record: VulnerabilityRecord): string[] {
  return recordKeys(record);
}

const compiled = new WeakMap<VulnerabilityRecord, CompiledRecord>();

function compileRecord(record: VulnerabilityRecord): CompiledRecord {
  const cached = compiled.get(record);
  if (cached) return cached;
  const a = record.applicability;
  const base = { record };
  let result: CompiledRecord;
  if (a.kind === 'nvd') {
    result = {
      ...base,
      kind: 'nvd',
      configurations: a.configurations.map((c) => {
        const nodes = c.nodes.map((n) => ({ operator: n.operator, negate: n.negate ?? false, criteria: n.cpeMatch.map(compileCriterion) }));
        const criteria = nodes.flatMap((n) => n.criteria);
        return {
          operator: c.operator ?? 'OR',
          negate: c.negate ?? false,
          nodes,
          names: [...new Set(criteria.filter((k) => k.cpe && !k.wild).map((k) => `${k.vendorName}:${k.productName}`))],
          wild: criteria.some((k) => k.cpe && k.wild),
        };
      }),
    };
  } else if (a.kind === 'cve5') {
    result = { ...base, kind: 'cve5', entries: a.affected.map(compileCve5) };
  } else {
    result = {
      ...base,
      kind: 'csaf',
      entries: a.products.map(({ product, status }) => ({
        ...compileCsafProduct(product),
        status,
        ...(product.relativeTo ? { relativeTo: compileCsafProduct(product.relativeTo) } : {}),
      })),
    };
  }
  compiled.set(record, result);
  return result;
}

function evaluateRecord(record: CompiledRecord, components: readonly CompiledComponent[]): Outcome | undefined {
  switch (record.kind) {
    case 'nvd':
      return evaluateNvd(record.configurations, components);
    case 'cve5':
      return evaluateCve5(record.entries, components);
    case 'csaf':
      return evaluateCsaf(record.entries, components);
  }
}

// ---------------------------------------------------------------------------------------------
// Matches

const SOURCE_RANK: Record<RecordSource, number> = { nvd: 0, csaf: 1, cve5: 2 };

/** Evidence objects are always built with their keys in the same order, so the same evidence hashes the same. */
function fingerprint(evidence: Omit<MatchEvidence, 'fingerprint'>): string {
  return createHash('sha256').update(JSON.stringify(evidence)).digest('hex').slice(0, 16);
}

type Candidate = { outcome: Outcome; record: VulnerabilityRecord };

/** The merge rule; record keys are unique, so the order of records never matters. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.outcome.status !== b.outcome.status) return a.outcome.status === 'affected';
  if (a.record.source !== b.record.source) return SOURCE_RANK[a.record.source] < SOURCE_RANK[b.record.source];
  return a.record.key < b.record.key;
}

function matchCompiled(assetId: string, components: readonly CompiledComponent[], records: Iterable<CompiledRecord>, kev: ReadonlySet<string>): Match[] {
  const best = new Map<string, Candidate>();
  for (const compiledRecord of records) {
    const outcome = evaluateRecord(compiledRecord, components);
    if (!outcome) continue;
    const candidate = { outcome, record: compiledRecord.record };
    const current = best.get(candidate.record.vulnerabilityId);
    if (!current || better(candidate, current)) best.set(candidate.record.vulnerabilityId, candidate);
  }
  // Hashing only the winners: most candidates of a busy asset lose the merge.
  const matches = [...best.values()].map(({ outcome, record }): Match => ({
    asset: assetId,
    vulnerability: record.vulnerabilityId,
    status: outcome.status,
    source: record.source,
    kev: kev.has(record.vulnerabilityId),
    evidence: { ...outcome.evidence, fingerprint: fingerprint(outcome.evidence) },
  }));
  return matches.sort(byAssetThenVulnerability);
}

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Output order: by asset, then vulnerability (code-unit order, stable across machines). */
export const byAssetThenVulnerability = (a: Match, b: Match) => order(a.asset, b.asset) || order(a.vulnerability, b.vulnerability);

/** Every record checked against one asset: one match per vulnerability, affected or unknown only. */
export function matchAssetAgainst(asset: MatchAsset, records: readonly VulnerabilityRecord[], kev: ReadonlySet<string>): Match[] {
  return matchCompiled(asset.id, compileAsset(asset), records.map(compileRecord), kev);
}

/**
 * Records by product key, for finding the few records that could apply to an asset. Records are
 * compiled lazily (on first use as a candidate) and the compiled form is cached with the record.
 */
export class ExposureIndex {
  readonly #records = new Map<string, { record: VulnerabilityRecord; keys: string[] }>();
  readonly #byKey = new Map<string, Set<VulnerabilityRecord>>();

  constructor(records?: Iterable<VulnerabilityRecord>) {
    if (records) for (const record of records) this.upsert(record);
  }

  get size(): number {
    return this.#records.size;
  }

  /** Adds the record, or replaces the one with the same key. */
  upsert(record: VulnerabilityRecord): void {
    this.remove(record.key);
    const keys = recordKeys(record);
    this.#records.set(record.key, { record, keys });
    for (const key of keys) {
      let bucket = this.#byKey.get(key);
      if (!bucket) this.#byKey.set(key, (bucket = new Set()));
      bucket.add(record);
    }
  }

  /** Removes the record with this key; false when there was none. */
  remove(key: string): boolean {
    const entry = this.#records.get(key);
    if (!entry) return false;
    this.#records.delete(key);
    for (const productKey of entry.keys) {
      const bucket = this.#byKey.get(productKey);
      bucket?.delete(entry.record);
      if (bucket?.size === 0) this.#byKey.delete(productKey);
    }
    return true;
  }

  /** The records sharing a product key with the asset (plus those whose criteria wildcard the name). */
  candidates(asset: MatchAsset): VulnerabilityRecord[] {
    return [...this.candidatesFor(keysOfComponents(compileAsset(asset)))];
  }

  /** @internal the candidate set for already computed asset keys. */
  candidatesFor(keys: ReadonlySet<string>): Set<VulnerabilityRecord> {
    const found = new Set<VulnerabilityRecord>(this.#byKey.get('*') ?? []);
    for (const key of keys) for (const record of this.#byKey.get(key) ?? []) found.add(record);
    return found;
  }
}

/** Every asset against the index's candidates: the matches, sorted by asset then vulnerability. */
export function matchAll(assets: readonly MatchAsset[], index: ExposureIndex, kev: ReadonlySet<string>): Match[] {
  const out: Match[] = [];
  for (const asset of assets) {
    const components = compileAsset(asset);
    const candidates = [...index.candidatesFor(keysOfComponents(components))].map(compileRecord);
    out.push(...matchCompiled(asset.id, components, candidates, kev));
  }
  return out.sort(byAssetThenVulnerability);
}

/** Every asset against every record, without the index: the reference matchAll must equal. */
export function naiveMatchAll(assets: readonly MatchAsset[], records: readonly VulnerabilityRecord[], kev: ReadonlySet<string>): Match[] {
  const all = records.map(compileRecord);
  const out: Match[] = [];
  for (const asset of assets) out.push(...matchCompiled(asset.id, compileAsset(asset), all, kev));
  return out.sort(byAssetThenVulnerability);
}

