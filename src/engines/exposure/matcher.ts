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
 * Records are compiled (CPEs and bounds parsed, names squeezed) before they meet assets, so matching
 * never re-parses per pair: matchAll compiles each once for all its assets and drops it; the per-asset
 * entry points cache it per record object. The index (ExposureIndex) only narrows candidates by
 * product key; every match implies a shared key, so matchAll equals naiveMatchAll.
 *
 * Hot paths avoid allocation (the engine meets millions of pairs): criterion names from shared halves, shared bounds
 * (NVD repeats criteria strings), versions parsed once per asset and per bound, results kept in
 * module scratch state, evidence built only for configurations that are not false. fast.ts holds the
 * parse shortcuts; each gives exactly what the general code gives.
 */
import { hash } from 'node:crypto';
import { ANY, compareAttributes, parseCpe, suggestValue, valueText, type Cpe, type CpeAttribute, type CpeValue } from '../cpe/cpe.js';
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
  NvdConfiguration,
  NvdCpeMatch,
  RecordSource,
  VulnerabilityRecord,
} from './model.js';
import { cpeOf, isSimpleCpe, Memo, plainText, SliceMemo } from './fast.js';
import { isBlankName, keysOf, looseForms, NO_VENDOR, normaliseName, squeeze, strictForms } from './names.js';

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

/**
 * An inventory CPE with what every pair needs precomputed: part, squeezed names, version text, and
 * the version an NVD criterion tests (`tested`: the CPE's, else the component's when the CPE's is ANY)
 * lower-cased and parsed, so no pair redoes that.
 */
type CompiledCpe = {
  text: string;
  cpe: Cpe;
  part: string | undefined;
  vendorName?: string;
  productName?: string;
  version?: string;
  tested: TestedVersion;
};
/** A version an NVD criterion is tested with, with its lower-cased and parsed forms (none when undefined). */
type TestedVersion = { text: string | undefined; lower: string | undefined; parsed: ParsedVersion | undefined };
type CompiledComponent = {
  label: string;
  cpes: CompiledCpe[];
  vendor?: string;
  product?: string;
  /** Squeezed normalised vendor and product text (see names.ts). */
  vendorName?: string;
  productName?: string;
  version?: string;
  /** The component's vendor and product text name a product (vendor not blank): it counts as a CPE. */
  named: boolean;
  /** `version` as an NVD criterion tests it. */
  tested: TestedVersion;
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

const NO_VERSION: TestedVersion = { text: undefined, lower: undefined, parsed: undefined };
const testedVersion = (text: string | undefined): TestedVersion =>
  text === undefined ? NO_VERSION : { text, lower: text.toLowerCase(), parsed: parsedVersion.get(text) };

function compileComponent(component: MatchComponent, index: number): CompiledComponent {
  const cpes: CompiledCpe[] = [];
  const keys = new Set<string>();
  const { vendor, product } = component;
  const version = component.version !== undefined && component.version.trim() !== '' ? component.version.trim() : undefined;
  const tested = testedVersion(version);
  for (const text of component.cpes) {
    const cpe = cpeOf(text);
    if (!cpe) continue; // the inventory parser reports bad CPEs; a caller that skipped it gets no match from them
    const cpeVendor = cpe.vendor.kind === 'string' ? plainText(cpe.vendor) : undefined;
    const cpeProduct = cpe.product.kind === 'string' ? plainText(cpe.product) : undefined;
    const cpeVersion = cpe.version.kind === 'string' ? plainText(cpe.version) : undefined;
    cpes.push({
      text,
      cpe,
      part: partOf(cpe.part),
      ...(cpeVendor !== undefined ? { vendorName: squeezed(cpeVendor) } : {}),
      ...(cpeProduct !== undefined ? { productName: squeezed(cpeProduct) } : {}),
      ...(cpeVersion !== undefined ? { version: cpeVersion } : {}),
      tested: cpeVersion !== undefined ? testedVersion(cpeVersion) : cpe.version.kind === 'ANY' ? tested : NO_VERSION,
    });
    if (cpeProduct) for (const key of nameKeys(cpeVendor, cpeProduct)) keys.add(key);
  }
  if (product && !isBlankName(product)) for (const key of nameKeys(vendor, product)) keys.add(key);
  const names = new Set<string>();
  for (const c of cpes) if (c.vendorName !== undefined && c.productName !== undefined) names.add(`${c.vendorName}:${c.productName}`);
  if (vendor && product && !isBlankName(vendor)) names.add(`${squeezed(vendor)}:${squeezed(product)}`);
  return {
    label: componentLabel(component, index),
    cpes,
    ...(vendor !== undefined ? { vendor, vendorName: squeezed(vendor) } : {}),
    ...(product !== undefined ? { product, productName: squeezed(product) } : {}),
    ...(version !== undefined ? { version } : {}),
    named: Boolean(vendor && product && !isBlankName(vendor)),
    tested,
    keys,
    names,
  };
}

/**
 * An asset compiled: its components, their product keys, and their `vendorName:productName` names
 * deduplicated across components (collectApplicable looks each up once per record; a name two
 * components share picks the same configurations either way).
 */
type CompiledAsset = { components: CompiledComponent[]; keys: Set<string>; names: string[] };

function compileAssetUncached(asset: MatchAsset): CompiledAsset {
  const components = asset.components.map(compileComponent);
  const names: string[] = [];
  for (const c of components) for (const name of c.names) if (!names.includes(name)) names.push(name);
  return { components, keys: keysOfComponents(components), names };
}

/**
 * Compiled assets by asset object. Assets are treated as immutable (the exposure service and the bench
 * build a fresh MatchAsset whenever an inventory entry changes), so a cached compilation stays exact;
 * it saves recompiling an asset that meets several batches of changed records.
 */
const compiledAssetCache = new WeakMap<MatchAsset, CompiledAsset>();
function compileAsset(asset: MatchAsset): CompiledAsset {
  let result = compiledAssetCache.get(asset);
  if (!result) compiledAssetCache.set(asset, (result = compileAssetUncached(asset)));
  return result;
}

const squeezed = (text: string) => squeeze(normaliseName(text));
const partOf = (v: CpeValue) => (v.kind === 'string' ? v.value : v.kind === 'NA' ? '-' : undefined);

/** Inventories and bounds repeat the same few thousand versions. */
const parsedVersion = new Memo(parseVersion, 50_000);

function keysOfComponents(components: readonly CompiledComponent[]): Set<string> {
  const keys = new Set<string>();
  for (const c of components) for (const key of c.keys) keys.add(key);
  return keys;
}

/** The product keys an asset could be matched by (from every component's CPEs and vendor/product text). */
export function productKeysOfAsset(asset: MatchAsset): string[] {
  return [...compileAsset(asset).keys];
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
  /** `vendorName:productName` of a parsed, non-wild criterion (what mayApply looks for), else ''. */
  name: string;
  /** The attributes besides part, vendor, product and version that the criterion restricts. */
  others: CpeAttribute[];
  /** The version attribute (ANY when the criterion does not parse), whether it has wildcards, and for a plain string its text lower-cased and parsed. */
  version: CpeValue;
  versionWild: boolean;
  wantLower: string;
  wantParsed: ParsedVersion | undefined;
};
/** The raw match is kept for `vulnerable` and the evidence text; the name is built from the shared head and tail names (criterionName). */
type CompiledCriterion = { name: CriterionName; match: NvdCpeMatch; bounds: readonly Bound[]; description?: string };
type CompiledNode = { operator: 'AND' | 'OR'; negate: boolean; criteria: CompiledCriterion[] };
/**
 * `names`: the `vendorName:productName` of its non-wild criteria; `wild`: some criterion wildcards them.
 * A configuration none of whose names an asset has, and with no wild criterion, cannot give evidence
 * for that asset (every criterion is false), so it is skipped without being evaluated: records list a
 * configuration per device model, and an asset has one of them.
 */
type CompiledConfiguration = { operator: 'AND' | 'OR'; negate: boolean; nodes: CompiledNode[]; names: string[]; wild: boolean };

const OTHER_ATTRIBUTES: CpeAttribute[] = ['update', 'edition', 'language', 'sw_edition', 'target_sw', 'target_hw', 'other'];
const NO_OTHERS: CpeAttribute[] = [];
const hasWildcard = (v: CpeValue) => v.kind === 'ANY' || (v.kind === 'string' && /(^|[^\\])[*?]/.test(v.value));

/**
 * The product key of a criterion without a parse: `vendor:product` of the squeezed names, `*` when
 * either is wildcarded, undefined when the text has no product slot. It gives what splitting on colons
 * and keysOf(strictForms(...)) gave; escaped colons (a backslash anywhere) take parseCpe.
 *
 * Index building touches every criterion, so the key is a function of the text up to the product's
 * colon (`cpe:2.3:o:cisco:rv340_firmware:`), found with indexOf and remembered: a record repeats its
 * product in criterion after criterion (SliceMemo checks the last one in place first), and NVD
 * repeats products across records. Remembering also makes records share one key string per product.
 */
function criterionKey(criteria: string): string | undefined {
  if (criteria.includes('\\')) {
    const parsed = parseCpe(criteria);
    if (!parsed.ok) return undefined;
    if (hasWildcard(parsed.cpe.vendor) || hasWildcard(parsed.cpe.product)) return '*';
    return keyOfNames(valueText(parsed.cpe.vendor), valueText(parsed.cpe.product));
  }
  const c1 = criteria.indexOf(':');
  const c2 = c1 === -1 ? -1 : criteria.indexOf(':', c1 + 1);
  const c3 = c2 === -1 ? -1 : criteria.indexOf(':', c2 + 1);
  const c4 = c3 === -1 ? -1 : criteria.indexOf(':', c3 + 1);
  if (c4 === -1) return undefined;
  const c5 = criteria.indexOf(':', c4 + 1);
  if (c5 === -1) return keyOfPrefix(criteria);
  return prefixKeys.get(criteria, 0, c5 + 1);
}

/** The key of the text up to (and without) a fifth colon: vendor and product are its fourth and fifth fields. */
function keyOfPrefix(prefix: string): string | undefined {
  const c3 = nthColon(prefix, 3);
  const c4 = prefix.indexOf(':', c3 + 1);
  const c5 = prefix.indexOf(':', c4 + 1);
  const vendor = prefix.slice(c3 + 1, c4);
  const product = c5 === -1 ? prefix.slice(c4 + 1) : prefix.slice(c4 + 1, c5);
  if (WILD_TEXT.test(vendor) || WILD_TEXT.test(product)) return '*';
  return keyOfNames(vendor, product);
}
const prefixKeys = new SliceMemo(keyOfPrefix, 50_000);

function nthColon(text: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) at = text.indexOf(':', at + 1);
  return at;
}

/** keysOf(strictForms(vendor), strictForms(product)), which has at most one key. */
function keyOfNames(vendor: string, product: string): string | undefined {
  const p = squeezed(product);
  if (!p) return undefined;
  const v = squeezed(vendor);
  return v ? `${v}:${p}` : `${NO_VENDOR}:${p}`;
}
const WILD_TEXT = /[*?]/;

function nameOfCriterion(criteria: string): CriterionName {
  const cpe = cpeOf(criteria);
  const wild = !cpe || hasWildcard(cpe.vendor) || hasWildcard(cpe.product);
  const vendorName = cpe && !wild ? squeezed(plainText(cpe.vendor)) : '';
  const productName = cpe && !wild ? squeezed(plainText(cpe.product)) : '';
  let others = NO_OTHERS;
  if (cpe) for (const a of OTHER_ATTRIBUTES) if (cpe[a].kind !== 'ANY') others = others === NO_OTHERS ? [a] : [...others, a];
  const version = cpe ? cpe.version : ANY;
  const versionWild = version.kind === 'string' && hasWildcard(version);
  const want = version.kind === 'string' && !versionWild ? plainText(version) : undefined;
  return {
    cpe,
    part: cpe ? partOf(cpe.part) : undefined,
    wild,
    vendorName,
    productName,
    name: cpe && !wild ? `${vendorName}:${productName}` : '',
    others,
    version,
    versionWild,
    wantLower: want?.toLowerCase() ?? '',
    wantParsed: want === undefined ? undefined : parsedVersion.get(want),
  };
}
/** NVD repeats criteria strings (every CVE of a product with ranges names `product:*`). */
const criterionNames = new Memo(nameOfCriterion, 100_000);

/**
 * The CriterionName of a criterion. Versioned criteria are mostly distinct strings (a cache of whole
 * strings mostly misses), but a SIMPLE one (fast.ts) is its head `cpe:2.3:p:vendor:product:` and its
 * tail `version:update:…:other`, which each repeat a lot. cpeOf reads each field of a SIMPLE string on
 * its own, and nameOfCriterion takes part, vendor and product fields from the head only and the rest
 * from the tail only, so the name is assembled from the two cached halves (each read with ANY
 * filling the other half) with the same values as nameOfCriterion(criteria).
 */
function criterionName(criteria: string, head: CriterionName | undefined): CriterionName {
  if (!head) return criterionNames.get(criteria);
  const cut = nthColon(criteria, 5) + 1;
  const tail = criterionTails.get(criteria, cut, criteria.length);
  const h = head.cpe as Cpe;
  const t = tail.cpe as Cpe;
  return {
    cpe: {
      part: h.part,
      vendor: h.vendor,
      product: h.product,
      version: t.version,
      update: t.update,
      edition: t.edition,
      language: t.language,
      sw_edition: t.sw_edition,
      target_sw: t.target_sw,
      target_hw: t.target_hw,
      other: t.other,
    },
    part: head.part,
    wild: head.wild,
    vendorName: head.vendorName,
    productName: head.productName,
    name: head.name,
    others: tail.others,
    version: tail.version,
    versionWild: tail.versionWild,
    wantLower: tail.wantLower,
    wantParsed: tail.wantParsed,
  };
}
const criterionHeads = new SliceMemo((head: string) => nameOfCriterion(`${head}*:*:*:*:*:*:*:*`), 50_000);
/** The head name of a SIMPLE criterion (see criterionName), undefined for any other. */
const headOf = (criteria: string): CriterionName | undefined => (isSimpleCpe(criteria) ? criterionHeads.get(criteria, 0, nthColon(criteria, 5) + 1) : undefined);
const criterionTails = new SliceMemo((tail: string) => nameOfCriterion(`cpe:2.3:a:v:p:${tail}`), 50_000);

/** Bounds repeat even more than criteria; one object per operator and text. */
const boundsOf = {
  '>=': new Memo((text) => ({ op: '>=', text, parsed: parsedVersion.get(text) }) as Bound, 20_000),
  '>': new Memo((text) => ({ op: '>', text, parsed: parsedVersion.get(text) }) as Bound, 20_000),
  '<=': new Memo((text) => ({ op: '<=', text, parsed: parsedVersion.get(text) }) as Bound, 20_000),
  '<': new Memo((text) => ({ op: '<', text, parsed: parsedVersion.get(text) }) as Bound, 20_000),
};
const NO_BOUNDS: readonly Bound[] = [];

function compileCriterion(match: NvdCpeMatch, head: CriterionName | undefined): CompiledCriterion {
  const { versionStartIncluding: si, versionStartExcluding: se, versionEndIncluding: ei, versionEndExcluding: ee } = match;
  let bounds = NO_BOUNDS;
  if (si !== undefined || se !== undefined || ei !== undefined || ee !== undefined) {
    const list: Bound[] = [];
    if (si !== undefined) list.push(boundsOf['>='].get(si));
    if (se !== undefined) list.push(boundsOf['>'].get(se));
    if (ei !== undefined) list.push(boundsOf['<='].get(ei));
    if (ee !== undefined) list.push(boundsOf['<'].get(ee));
    bounds = list;
  }
  return { name: criterionName(match.criteria, head), match, bounds, description: undefined };
}

const rangeText = (bounds: readonly Bound[]) => bounds.map((b) => `${b.op}${b.text}`).join(' ');

/** The NVD bounds for a version (same answers as evaluateRange(nvdRange(...)), on pre-parsed bounds and version). */
function testBounds(bounds: readonly Bound[], version: string, v: ParsedVersion | undefined): Test {
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

/**
 * The version attribute (and bounds) of a criterion against what the inventory states: `stated` is
 * the inventory's version attribute, `tested` the version text it gives (see CompiledCpe).
 */
function testVersion(criterion: CompiledCriterion, stated: CpeValue, tested: TestedVersion): Test {
  const { name, bounds } = criterion;
  const wanted = name.version;
  const text = tested.text;
  if (bounds.length) {
    if (text === undefined) return maybe(`the asset gives no version; ${rangeText(bounds)} is needed`);
    return testBounds(bounds, text, tested.parsed);
  }
  if (wanted.kind === 'ANY') return yes;
  const platform = !criterion.match.vulnerable;
  if (wanted.kind === 'NA') {
    if (text === undefined) return stated.kind === 'ANY' && !platform ? maybe("the asset gives no version; the criterion names version '-'") : yes;
    return platform ? yes : no;
  }
  if (text === undefined) return maybe(`the asset gives no version; the criterion names version ${valueText(wanted)}`);
  if (name.versionWild) {
    const suggested = stated.kind === 'string' ? undefined : suggestValue(text);
    const value = suggested ? (suggested.ok ? suggested.value : undefined) : stated;
    return value && fits(compareAttributes(wanted, value)) ? yes : no;
  }
  // compareVersions(want, text) on the parsed forms: 0 only when both parse.
  return name.wantLower === tested.lower || (name.wantParsed !== undefined && tested.parsed !== undefined && compareParsed(name.wantParsed, tested.parsed) === 0)
    ? yes
    : no;
}

/** The attributes other than vendor, product and version: ANY in the inventory where the criterion names a value is unknown. */
function testOthers(compiled: CompiledCriterion, target: Cpe | undefined): Test {
  const criterion = compiled.name.cpe as Cpe;
  for (const attribute of compiled.name.others) {
    const want = criterion[attribute];
    const have = target ? target[attribute] : ANY;
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

/**
 * The best result of the criterion being tested (testCriterion): value, reason, the component and
 * the version it was found with. Module state rather than a result object per test, so the hot loop
 * allocates nothing; it is read right after each testCriterion call.
 */
let hitValue: Tri = F;
let hitReason: string | undefined;
let hitComponent: string | undefined;
let hitVersion: string | undefined;

/** One inventory entry (a CPE, or the component's text) against the criterion: keeps it when strictly better. */
function consider(criterion: CompiledCriterion, target: Cpe | undefined, tested: TestedVersion, component: CompiledComponent): void {
  const version = testVersion(criterion, target ? target.version : ANY, tested);
  const result = criterion.name.others.length ? and(testOthers(criterion, target), version) : version; // and(yes, x) is x in value and reason
  if (result.value > hitValue) {
    hitValue = result.value;
    hitReason = result.reason;
    hitComponent = component.label;
    hitVersion = tested.text;
  }
}

/**
 * The criterion against every entry of every component, in order; the first entry with the best value
 * wins (what keeping the first strictly better result per component, then across components, gives).
 */
function testCriterion(criterion: CompiledCriterion, components: readonly CompiledComponent[]): Tri {
  hitValue = F;
  hitReason = undefined;
  hitComponent = undefined;
  hitVersion = undefined;
  const name = criterion.name;
  const cpe = name.cpe;
  if (!cpe) return F;
  for (const component of components) {
    for (const inventory of component.cpes) {
      if (name.part !== undefined && name.part !== inventory.part) continue;
      const target = inventory.cpe;
      const named = name.wild
        ? nameFits(cpe.vendor, target.vendor) && nameFits(cpe.product, target.product)
        : name.vendorName === inventory.vendorName && name.productName === inventory.productName;
      if (!named) continue;
      consider(criterion, target, inventory.tested, component);
      if (hitValue === T) return T;
    }
    if (!component.named) continue;
    const named = name.wild
      ? nameFits(cpe.vendor, component.vendor as string) && nameFits(cpe.product, component.product as string)
      : name.vendorName === component.vendorName && name.productName === component.productName;
    if (!named) continue;
    consider(criterion, undefined, component.tested, component);
    if (hitValue === T) return T;
  }
  return hitValue;
}

const negated = (value: Tri, negate: boolean): Tri => (negate ? ((T - value) as Tri) : value);

type Outcome = { status: MatchStatus; evidence: Omit<MatchEvidence, 'fingerprint'> };

/**
 * An NVD record's configurations, with which of them each `vendorName:productName` appears in, and
 * which are wild. A configuration may apply to an asset (mayApply) when it is wild or one of its names
 * is a name of the asset's components; looking the asset's few names up finds exactly those.
 */
type CompiledNvd = {
  configurations: readonly NvdConfiguration[];
  /** Compiled when first applicable: an asset meets the configurations of its own product, few of the record's. */
  compiled: (CompiledConfiguration | undefined)[];
  /** Per configuration, headOf each criterion in node order: read once here, reused when the configuration is compiled. */
  heads: (CriterionName | undefined)[][];
  byName: Map<string, number[]>;
  wild: number[];
};

function compileNvd(configurations: readonly NvdConfiguration[]): CompiledNvd {
  const byName = new Map<string, number[]>();
  const wild: number[] = [];
  const heads: (CriterionName | undefined)[][] = [];
  configurations.forEach((configuration, i) => {
    let isWild = false;
    const mine: (CriterionName | undefined)[] = [];
    heads.push(mine);
    for (const node of configuration.nodes) {
      for (const { criteria } of node.cpeMatch) {
        const head = headOf(criteria);
        mine.push(head);
        const name = nameOfName(head ?? criterionNames.get(criteria));
        if (name === WILD) isWild = true;
        else if (name) {
          const list = byName.get(name);
          if (!list) byName.set(name, [i]);
          else if (list[list.length - 1] !== i) list.push(i);
        }
      }
    }
    if (isWild) wild.push(i);
  });
  return { configurations, compiled: [], heads, byName, wild };
}

/**
 * The name a criterion gives its configuration for mayApply: CriterionName's `name`, or WILD for a
 * parsed wild criterion, '' for one that does not parse. It depends only on the fields a head name
 * (criterionHeads) holds, so a SIMPLE criterion's head gives it without compiling the criterion.
 */
const nameOfName = (name: CriterionName): string => (!name.cpe ? '' : name.wild ? WILD : name.name);
const WILD = '*';

/** The indices of the configurations that may apply to the components, in configuration order (reused scratch). */
const applicable: number[] = [];
const marked: number[] = [];

function collectApplicable(nvd: CompiledNvd, names: readonly string[]): number {
  applicable.length = 0;
  let lists = 0;
  for (const i of nvd.wild) applicable.push(i);
  if (nvd.wild.length) lists++;
  for (let n = 0; n < names.length; n++) {
    const list = nvd.byName.get(names[n] as string);
    if (!list) continue;
    for (const i of list) applicable.push(i);
    lists++;
  }
  if (lists < 2) return applicable.length; // one list is in order and without repeats
  // Several lists: their union in configuration order, through marks (records have few configurations).
  for (const i of applicable) marked[i] = 1;
  applicable.length = 0;
  for (let i = 0; i < nvd.configurations.length; i++) {
    if (marked[i] === 1) {
      marked[i] = 0;
      applicable.push(i);
    }
  }
  return applicable.length;
}

/** The results of a configuration's criteria outside negations ("seen"), in order: reused scratch arrays. */
const seenCriteria: CompiledCriterion[] = [];
const seenValues: Tri[] = [];
const seenReasons: (string | undefined)[] = [];
const seenComponents: (string | undefined)[] = [];
const seenVersions: (string | undefined)[] = [];

function evaluateNvd(nvd: CompiledNvd, { components, names }: CompiledAsset): Outcome | undefined {
  let unknown: Outcome | undefined;
  const count = collectApplicable(nvd, names);
  // Nothing below collects again, so `applicable` stays as it is for the loop.
  for (let k = 0; k < count; k++) {
    const index = applicable[k] as number;
    const configuration = (nvd.compiled[index] ??= compileConfiguration(nvd.configurations[index] as NvdConfiguration, nvd.heads[index] as (CriterionName | undefined)[]));
    // AND is min, OR is max, each starting from its neutral value (what combine over all values gave).
    let seen = 0;
    let value: Tri = configuration.operator === 'AND' ? T : F;
    for (const node of configuration.nodes) {
      // Criteria under a negation are what must be absent: they are never evidence.
      const keep = !node.negate && !configuration.negate;
      const isAnd = node.operator === 'AND';
      let nodeValue: Tri = isAnd ? T : F;
      for (const criterion of node.criteria) {
        const v = testCriterion(criterion, components);
        if (keep) {
          seenCriteria[seen] = criterion;
          seenValues[seen] = v;
          seenReasons[seen] = hitReason;
          seenComponents[seen] = hitComponent;
          seenVersions[seen] = hitVersion;
          seen++;
        }
        if (isAnd ? v < nodeValue : v > nodeValue) nodeValue = v;
      }
      nodeValue = negated(nodeValue, node.negate);
      if (configuration.operator === 'AND' ? nodeValue < value : nodeValue > value) value = nodeValue;
    }
    value = negated(value, configuration.negate);
    if (value === F) continue;
    const outcome = nvdOutcome(value, seen);
    if (!outcome) continue;
    if (outcome.status === 'affected') return outcome;
    unknown ??= outcome;
  }
  return unknown;
}

/** The evidence of a configuration that is not false, from the seen criteria (only built for those). */
function nvdOutcome(value: Tri, seen: number): Outcome | undefined {
  // The vulnerable criteria that are not false; when the configuration is true, those that are true if any.
  const vulnerable: number[] = [];
  for (let i = 0; i < seen; i++) if ((seenCriteria[i] as CompiledCriterion).match.vulnerable && seenValues[i] !== F) vulnerable.push(i);
  const named = value === T ? vulnerable.filter((i) => seenValues[i] === T) : vulnerable;
  const evidence = named.length ? named : vulnerable;
  const first = evidence[0];
  if (first === undefined) return undefined;
  const status: MatchStatus = value === T && named.length ? 'affected' : 'unknown';
  let reason: string | undefined;
  if (status === 'unknown') {
    const u = seenValues.indexOf(U);
    reason = (u !== -1 && u < seen ? seenReasons[u] : undefined) ?? 'the configuration cannot be decided';
  }
  const platform: string[] = [];
  for (let i = 0; i < seen; i++) if (!(seenCriteria[i] as CompiledCriterion).match.vulnerable && seenValues[i] !== F) platform.push(describeCriterion(seenCriteria[i] as CompiledCriterion));
  const component = seenComponents[first];
  const assetVersion = seenVersions[first];
  return {
    status,
    evidence: {
      kind: 'nvd-configuration',
      ...(component ? { component } : {}),
      criteria: evidence.map((i) => describeCriterion(seenCriteria[i] as CompiledCriterion)),
      platform,
      ...(assetVersion !== undefined ? { assetVersion } : {}),
      ...(reason ? { reason } : {}),
    },
  };
}

/** A criterion as evidence: the CPE and its bounds (`cpe:2.3:o:cisco:rv340_firmware:*:... <=1.0.03.24`). */
const describeCriterion = (c: CompiledCriterion) => (c.description ??= c.bounds.length ? `${c.match.criteria} ${rangeText(c.bounds)}` : c.match.criteria); // a function of the criterion: kept, so the matches of its assets share one string

/** An NVD configuration compiled: criteria named and bounded, and the names mayApply checks. */
function compileConfiguration(c: NvdConfiguration, heads: readonly (CriterionName | undefined)[]): CompiledConfiguration {
  const names: string[] = [];
  let wild = false;
  let at = 0;
  const nodes = c.nodes.map((n): CompiledNode => {
    const criteria = n.cpeMatch.map((m) => compileCriterion(m, heads[at++]));
    for (const { name } of criteria) {
      if (name.name && !names.includes(name.name)) names.push(name.name);
      if (name.cpe && name.wild) wild = true;
    }
    return { operator: n.operator, negate: n.negate ?? false, criteria };
  });
  return { operator: c.operator ?? 'OR', negate: c.negate ?? false, nodes, names, wild };
}
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
  | { kind: 'nvd'; nvd: CompiledNvd }
  | { kind: 'cve5'; entries: CompiledCve5[] }
  | { kind: 'csaf'; entries: CompiledCsafEntry[] }
);

/** The keys of a record without compiling it (what the index stores), each once, in first-seen order. */
function recordKeys(record: VulnerabilityRecord): string[] {
  const a = record.applicability;
  if (a.kind === 'nvd') {
    // A record names few products, many times over: an array beats a Set here.
    const keys: string[] = [];
    for (const configuration of a.configurations) {
      for (const node of configuration.nodes) {
        for (const m of node.cpeMatch) {
          const key = criterionKey(m.criteria);
          if (key !== undefined && !keys.includes(key)) keys.push(key);
        }
      }
    }
    return keys;
  }
  const keys = new Set<string>();
  if (a.kind === 'cve5') {
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

/** The record compiled, from the cache (filling it). */
function compileRecord(record: VulnerabilityRecord): CompiledRecord {
  let result = compiled.get(record);
  if (!result) compiled.set(record, (result = compileUncached(record)));
  return result;
}

function compileUncached(record: VulnerabilityRecord): CompiledRecord {
  const a = record.applicability;
  if (a.kind === 'nvd') return { record, kind: 'nvd', nvd: compileNvd(a.configurations) };
  if (a.kind === 'cve5') return { record, kind: 'cve5', entries: a.affected.map(compileCve5) };
  return {
    record,
    kind: 'csaf',
    entries: a.products.map(({ product, status }) => ({
      ...compileCsafProduct(product),
      status,
      ...(product.relativeTo ? { relativeTo: compileCsafProduct(product.relativeTo) } : {}),
    })),
  };
}

function evaluateRecord(record: CompiledRecord, asset: CompiledAsset): Outcome | undefined {
  switch (record.kind) {
    case 'nvd':
      return evaluateNvd(record.nvd, asset);
    case 'cve5':
      return evaluateCve5(record.entries, asset.components);
    case 'csaf':
      return evaluateCsaf(record.entries, asset.components);
  }
}

// ---------------------------------------------------------------------------------------------
// Matches

const SOURCE_RANK: Record<RecordSource, number> = { nvd: 0, csaf: 1, cve5: 2 };

/** Evidence objects are always built with their keys in the same order, so the same evidence hashes the same. */
function fingerprint(evidence: Omit<MatchEvidence, 'fingerprint'>): string {
  return hash('sha256', JSON.stringify(evidence), 'hex').slice(0, 16); // the one-shot form of createHash(...).update(...).digest('hex')
}

type Candidate = { outcome: Outcome; record: VulnerabilityRecord };

/** The merge rule; record keys are unique, so the order of records never matters. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.outcome.status !== b.outcome.status) return a.outcome.status === 'affected';
  if (a.record.source !== b.record.source) return SOURCE_RANK[a.record.source] < SOURCE_RANK[b.record.source];
  return a.record.key < b.record.key;
}

/** Keeps the better of the candidate and the one already kept for its vulnerability. */
function keep(best: Map<string, Candidate>, outcome: Outcome, record: VulnerabilityRecord): void {
  const candidate = { outcome, record };
  const current = best.get(record.vulnerabilityId);
  if (!current || better(candidate, current)) best.set(record.vulnerabilityId, candidate);
}

/**
 * The kept candidates as matches, sorted. Hashing only the winners: most candidates of a busy asset lose the merge.
 * Every outcome's evidence is a fresh object made for that one pair, so the fingerprint is added to it in
 * place (last, as the copy `{ ...evidence, fingerprint }` had it) rather than copying it per match.
 */
function matchesOf(assetId: string, best: Map<string, Candidate>, kev: ReadonlySet<string>): Match[] {
  const matches = [...best.values()].map(({ outcome, record }): Match => {
    const evidence = outcome.evidence as MatchEvidence;
    evidence.fingerprint = fingerprint(outcome.evidence);
    return { asset: assetId, vulnerability: record.vulnerabilityId, status: outcome.status, source: record.source, kev: kev.has(record.vulnerabilityId), evidence };
  });
  return matches.sort(byAssetThenVulnerability);
}

function matchCompiled(assetId: string, asset: CompiledAsset, records: Iterable<CompiledRecord>, kev: ReadonlySet<string>): Match[] {
  const best = new Map<string, Candidate>();
  for (const compiledRecord of records) {
    const outcome = evaluateRecord(compiledRecord, asset);
    if (outcome) keep(best, outcome, compiledRecord.record);
  }
  return matchesOf(assetId, best, kev);
}

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Output order: by asset, then vulnerability (code-unit order, stable across machines). */
export const byAssetThenVulnerability = (a: Match, b: Match) => order(a.asset, b.asset) || order(a.vulnerability, b.vulnerability);

/** Every record checked against one asset: one match per vulnerability, affected or unknown only. */
export function matchAssetAgainst(asset: MatchAsset, records: readonly VulnerabilityRecord[], kev: ReadonlySet<string>): Match[] {
  return matchCompiled(asset.id, compileAsset(asset), records.map(compileRecord), kev);
}

type IndexEntry = { record: VulnerabilityRecord; keys: string[] };

/**
 * Records by product key, for finding the few records that could apply to an asset. Records are
 * compiled when matched (see matchAll), not when indexed.
 */
export class ExposureIndex {
  readonly #records = new Map<string, IndexEntry>();
  /** Records by key, built on first use: matchAll walks the records and does not need it. */
  #byKey: Map<string, Set<VulnerabilityRecord>> | undefined;

  constructor(records?: Iterable<VulnerabilityRecord>) {
    if (records) for (const record of records) this.upsert(record);
  }

  get size(): number {
    return this.#records.size;
  }

  /** Adds the record, or replaces the one with the same key. */
  upsert(record: VulnerabilityRecord): void {
    this.remove(record.key);
    const entry = { record, keys: recordKeys(record) };
    this.#records.set(record.key, entry);
    if (this.#byKey) ExposureIndex.#file(this.#byKey, entry);
  }

  /** Removes the record with this key; false when there was none. */
  remove(key: string): boolean {
    const entry = this.#records.get(key);
    if (!entry) return false;
    this.#records.delete(key);
    if (this.#byKey) {
      for (const productKey of entry.keys) {
        const bucket = this.#byKey.get(productKey);
        bucket?.delete(entry.record);
        if (bucket?.size === 0) this.#byKey.delete(productKey);
      }
    }
    return true;
  }

  static #file(byKey: Map<string, Set<VulnerabilityRecord>>, { record, keys }: IndexEntry): void {
    for (const key of keys) {
      let bucket = byKey.get(key);
      if (!bucket) byKey.set(key, (bucket = new Set()));
      bucket.add(record);
    }
  }

  #buckets(): Map<string, Set<VulnerabilityRecord>> {
    if (!this.#byKey) {
      this.#byKey = new Map();
      for (const entry of this.#records.values()) ExposureIndex.#file(this.#byKey, entry);
    }
    return this.#byKey;
  }

  /** The records sharing a product key with the asset (plus those whose criteria wildcard the name). */
  candidates(asset: MatchAsset): VulnerabilityRecord[] {
    return [...this.candidatesFor(compileAsset(asset).keys)];
  }

  /** @internal the candidate set for already computed asset keys. */
  candidatesFor(keys: ReadonlySet<string>): Set<VulnerabilityRecord> {
    const byKey = this.#buckets();
    const found = new Set<VulnerabilityRecord>(byKey.get('*') ?? []);
    for (const key of keys) for (const record of byKey.get(key) ?? []) found.add(record);
    return found;
  }

  /** @internal every record with its product keys. */
  entries(): Iterable<IndexEntry> {
    return this.#records.values();
  }
}

/**
 * Every asset against the index's candidates: the matches, sorted by asset then vulnerability.
 *
 * Record by record rather than asset by asset: each record meets the assets sharing one of its keys
 * (every asset for a `*` record), which are exactly the pairs the per-asset candidate sets make. So
 * a record is compiled once, used for all its assets, and dropped: the compiled corpus is never held
 * all at once. The merge per asset and vulnerability does not depend on the order records come in.
 */
export function matchAll(assets: readonly MatchAsset[], index: ExposureIndex, kev: ReadonlySet<string>): Match[] {
  // Not cached (matchAll holds them only while it runs), but taken from the cache when there.
  const compiledAssets = assets.map((asset) => compiledAssetCache.get(asset) ?? compileAssetUncached(asset));
  const assetsByKey = new Map<string, number[]>();
  compiledAssets.forEach((compiledAsset, i) => {
    for (const key of compiledAsset.keys) {
      const list = assetsByKey.get(key);
      if (list) list.push(i);
      else assetsByKey.set(key, [i]);
    }
  });
  const every = compiledAssets.map((_, i) => i);
  const best: (Map<string, Candidate> | undefined)[] = new Array<Map<string, Candidate> | undefined>(assets.length).fill(undefined);
  // Which record last took each asset, so an asset sharing several keys with a record meets it once.
  const takenBy = new Int32Array(assets.length).fill(-1);
  const targets: number[] = [];
  let recordNumber = 0;
  for (const { record, keys } of index.entries()) {
    recordNumber++;
    targets.length = 0;
    if (keys.includes('*')) for (const i of every) targets.push(i);
    else {
      for (const key of keys) {
        for (const i of assetsByKey.get(key) ?? []) {
          if (takenBy[i] === recordNumber) continue;
          takenBy[i] = recordNumber;
          targets.push(i);
        }
      }
    }
    if (targets.length === 0) continue;
    const compiledRecord = compiled.get(record) ?? compileUncached(record);
    for (const i of targets) {
      const outcome = evaluateRecord(compiledRecord, compiledAssets[i] as CompiledAsset);
      if (outcome) keep((best[i] ??= new Map()), outcome, record);
    }
  }
  const out: Match[] = [];
  assets.forEach((asset, i) => {
    const kept = best[i];
    if (kept) for (const match of matchesOf(asset.id, kept, kev)) out.push(match);
  });
  return out.sort(byAssetThenVulnerability);
}

/** Every asset against every record, without the index: the reference matchAll must equal. */
export function naiveMatchAll(assets: readonly MatchAsset[], records: readonly VulnerabilityRecord[], kev: ReadonlySet<string>): Match[] {
  const all = records.map(compileRecord);
  const out: Match[] = [];
  for (const asset of assets) out.push(...matchCompiled(asset.id, compileAsset(asset), all, kev));
  return out.sort(byAssetThenVulnerability);
}
