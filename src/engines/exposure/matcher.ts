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
 * never re-parses per pair: matchAll compiles each configuration once for all its assets and drops
 * it; the per-asset entry points cache compiled records per record object. matchAll gives an NVD
 * configuration only the assets having a product one of its evidence criteria names (CompiledNvd),
 * and CVE 5 and CSAF records the assets sharing a product key (ExposureIndex); either way no other
 * asset can get a match from it, so matchAll equals naiveMatchAll.
 *
 * Hot paths avoid allocation and memory traffic (the engine meets millions of pairs): each criterion's
 * head and tail names are shared (Head, tails), numbers for plain versions, results kept in module
 * scratch state, matchAll's configurations compiled into one reused object, an AND configuration left
 * at its first false node, evidence built only for configurations that are not false, fingerprints
 * hashed on a second thread (digests.ts). fast.ts holds the parse shortcuts; each gives exactly what the general
 * code gives.
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
  NvdNode,
  RecordSource,
  VulnerabilityRecord,
} from './model.js';
import { Fingerprints } from './digests.js';
import { cpeOf, Memo, plainText, SliceMemo } from './fast.js';
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
/** A version an NVD criterion is tested with, with its lower-cased, parsed and numeric (Version) forms (none when undefined). */
type TestedVersion = { text: string | undefined; lower: string | undefined; parsed: ParsedVersion | undefined; num: number };
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
  /**
   * Every key of the component, each once: text and CPE names, loose variants, vendorless forms.
   * Made when first asked for (componentKeys): matching NVD records goes by names and never needs them.
   */
  keys: string[] | undefined;
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

/**
 * A parsed version and, when it is one run of at most four numbers each below 8192 (`1.2.3`,
 * `10.0.1.5`: most versions), a number that orders like compareParsed does (missing numbers are 0, so
 * `1.2` = `1.2.0`); NOT_NUMERIC otherwise. Comparing two such numbers skips compareParsed in the
 * bounds tests, the commonest work of a match.
 */
type Version = { parsed: ParsedVersion | undefined; num: number };
const NOT_NUMERIC = -1;
const NUMERIC_BASE = 8192;

function numericKey(parsed: ParsedVersion | undefined): number {
  const [first, ...rest] = parsed?.segments ?? [];
  if (!first || first.kind !== 'num' || rest.length > 0 || first.values.length > 4) return NOT_NUMERIC;
  let key = 0;
  for (let i = 0; i < 4; i++) {
    const text = first.values[i] ?? '0';
    if (text.length > 4) return NOT_NUMERIC;
    const n = Number(text);
    if (n >= NUMERIC_BASE) return NOT_NUMERIC;
    key = key * NUMERIC_BASE + n;
  }
  return key; // below 2^52: exact
}

/** Inventories and bounds repeat the same few thousand versions. */
const versionOf = new Memo((text: string): Version => {
  const parsed = parseVersion(text);
  return { parsed, num: numericKey(parsed) };
}, 50_000);

const NO_VERSION: TestedVersion = { text: undefined, lower: undefined, parsed: undefined, num: NOT_NUMERIC };
function testedVersion(text: string | undefined): TestedVersion {
  if (text === undefined) return NO_VERSION;
  const { parsed, num } = versionOf.get(text);
  return { text, lower: text.toLowerCase(), parsed, num };
}

function compileComponent(component: MatchComponent, index: number): CompiledComponent {
  const cpes: CompiledCpe[] = [];
  const { vendor, product } = component;
  const version = component.version !== undefined && component.version.trim() !== '' ? component.version.trim() : undefined;
  const tested = testedVersion(version);
  for (const text of component.cpes) {
    const cpe = cpeOf(text);
    if (!cpe) continue; // the inventory parser reports bad CPEs; a caller that skipped it gets no match from them
    const cpeVendor = cpe.vendor.kind === 'string' ? plainText(cpe.vendor) : undefined;
    const cpeProduct = cpe.product.kind === 'string' ? plainText(cpe.product) : undefined;
    const cpeVersion = cpe.version.kind === 'string' ? plainText(cpe.version) : undefined;
    // Every field present, undefined or not: one object shape, so the matching loops see one shape.
    cpes.push({
      text,
      cpe,
      part: partOf(cpe.part),
      vendorName: cpeVendor !== undefined ? squeezed(cpeVendor) : undefined,
      productName: cpeProduct !== undefined ? squeezed(cpeProduct) : undefined,
      version: cpeVersion,
      tested: cpeVersion !== undefined ? testedVersion(cpeVersion) : cpe.version.kind === 'ANY' ? tested : NO_VERSION,
    });
  }
  return {
    label: componentLabel(component, index),
    cpes,
    vendor,
    product,
    vendorName: vendor !== undefined ? squeezed(vendor) : undefined,
    productName: product !== undefined ? squeezed(product) : undefined,
    version,
    named: Boolean(vendor && product && !isBlankName(vendor)),
    tested,
    keys: undefined,
  };
}

/** The component's keys (see CompiledComponent), made once. */
function componentKeys(component: CompiledComponent): string[] {
  if (component.keys) return component.keys;
  const keys: string[] = [];
  const add = (key: string) => {
    if (!keys.includes(key)) keys.push(key);
  };
  for (const { cpe } of component.cpes) {
    const cpeProduct = cpe.product.kind === 'string' ? plainText(cpe.product) : undefined;
    if (cpeProduct) for (const key of nameKeys(cpe.vendor.kind === 'string' ? plainText(cpe.vendor) : undefined, cpeProduct)) add(key);
  }
  const { vendor, product } = component;
  if (product && !isBlankName(product)) for (const key of nameKeys(vendor, product)) add(key);
  return (component.keys = keys);
}

/** `vendorName:productName` of the component's CPEs and text, each once: what a non-wild NVD criterion must equal to apply. */
function componentNames(component: CompiledComponent, names: string[]): void {
  const add = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  for (const c of component.cpes) if (c.vendorName !== undefined && c.productName !== undefined) add(`${c.vendorName}:${c.productName}`);
  if (component.named) add(`${component.vendorName}:${component.productName}`);
}

/**
 * An asset compiled: its components, their product keys, and their `vendorName:productName` names
 * deduplicated across components (collectApplicable looks each up once per record; a name two
 * components share picks the same configurations either way).
 */
type CompiledAsset = { components: CompiledComponent[]; entries: Entry[]; keys: Set<string> | undefined; names: string[] };

function compileAssetUncached(asset: MatchAsset): CompiledAsset {
  const components = asset.components.map(compileComponent);
  const names: string[] = [];
  for (const c of components) componentNames(c, names);
  return { components, entries: entriesOf(components), keys: undefined, names };
}

/**
 * What an NVD criterion is tested against, in order: each CPE of each component, then the
 * component's vendor and product text when they name a product (`target` undefined). One flat list
 * of one shape per asset keeps the commonest loop of a match short (testCriterion).
 * `name`: the head name (Head) of the entry's CPE text when that head is plain and reads as the CPE
 * does, so that a criterion with the same head is known to name the entry without comparing names.
 * The version it is tested with is held in the entry itself (a TestedVersion): one object less to
 * reach per test.
 */
type Entry = TestedVersion & {
  name: CriterionName | undefined;
  part: string | undefined;
  vendorName: string | undefined;
  productName: string | undefined;
  target: Cpe | undefined;
  vendor: string | undefined;
  product: string | undefined;
  label: string;
};

function entriesOf(components: readonly CompiledComponent[]): Entry[] {
  const entries: Entry[] = [];
  for (const c of components) {
    for (const { text, cpe, part, vendorName, productName, tested } of c.cpes) {
      const head = headOf(text).name;
      const same = head !== undefined && !head.wild && head.part === part && head.vendorName === vendorName && head.productName === productName;
      entries.push(entry(tested, same ? head : undefined, part, vendorName, productName, cpe, undefined, undefined, c.label));
    }
    if (c.named) entries.push(entry(c.tested, undefined, undefined, c.vendorName, c.productName, undefined, c.vendor, c.product, c.label));
  }
  return entries;
}

/** An Entry, every field written out: one object shape. */
function entry(
  tested: TestedVersion,
  name: CriterionName | undefined,
  part: string | undefined,
  vendorName: string | undefined,
  productName: string | undefined,
  target: Cpe | undefined,
  vendor: string | undefined,
  product: string | undefined,
  label: string,
): Entry {
  const { text, lower, parsed, num } = tested;
  return { text, lower, parsed, num, name, part, vendorName, productName, target, vendor, product, label };
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


/** The asset's product keys: its components', made when first asked for (NVD matching does not need them). */
function assetKeys(asset: CompiledAsset): Set<string> {
  if (asset.keys) return asset.keys;
  const keys = new Set<string>();
  for (const c of asset.components) for (const key of componentKeys(c)) keys.add(key);
  return (asset.keys = keys);
}

/** The product keys an asset could be matched by (from every component's CPEs and vendor/product text). */
export function productKeysOfAsset(asset: MatchAsset): string[] {
  return [...assetKeys(compileAsset(asset))];
}

/** The version a component states: its `version`, else the version of a CPE that names one. */
function statedVersion(component: CompiledComponent, cpe?: Cpe): string | undefined {
  if (cpe?.version.kind === 'string') return valueText(cpe.version);
  if (component.version) return component.version;
  return component.cpes.find((c) => c.version !== undefined)?.version;
}
// ---------------------------------------------------------------------------------------------
// NVD

/** A version bound; `parsed` is left undefined for plain numbers until needed (boundOf). */
type Bound = { op: '<' | '<=' | '>' | '>='; text: string; parsed: ParsedVersion | undefined; num: number };
/** What a criterion string alone determines; NVD repeats the same criteria across many CVEs, so it is shared. */
type CriterionName = {
  cpe: Cpe | undefined;
  part: string | undefined;
  /** Vendor or product is ANY or wildcarded: it can meet names no key predicts. */
  wild: boolean;
  /** Squeezed vendor and product (when not wild): equal squeezed names are the same product. */
  vendorName: string;
  productName: string;
  /** `vendorName:productName` of a parsed, non-wild criterion (what chooses assets: CompiledNvd), else ''. */
  name: string;
  /** The attributes besides part, vendor, product and version that the criterion restricts. */
  others: CpeAttribute[];
  /** The version attribute (ANY when the criterion does not parse), whether it has wildcards, and for a plain string its text lower-cased, parsed and numeric (Version). */
  version: CpeValue;
  versionWild: boolean;
  wantLower: string;
  wantParsed: ParsedVersion | undefined;
  wantNum: number;
};
/**
 * A criterion ready to test. `head` gives what part, vendor and product decide (part, names, wild),
 * `tail` what the other attributes decide (version and the others): for a SIMPLE criterion the shared
 * names of its head and its tail text (Head, tails), for any other the name of the whole text, twice.
 * cpeOf reads each field of a SIMPLE string on its own, so the two halves give what the whole would.
 */
type CompiledCriterion = {
  head: CriterionName;
  tail: CriterionName;
  match: NvdCpeMatch;
  /** The first `boundCount` are the criterion's (a reused criterion keeps the Bound objects it had: compileConfiguration). */
  bounds: Bound[];
  boundCount: number;
  /** Texts made when first needed and kept for the other assets: the bounds (rangeOf), the evidence text (describeCriterion), quoted (quotedCriterion). */
  range: string | undefined;
  description: string | undefined;
  quoted: string | undefined;
};
/** `size`: how many of `criteria` / `nodes` are in use (a reused one keeps the objects it had: compileConfiguration). */
type CompiledNode = { operator: 'AND' | 'OR'; negate: boolean; criteria: CompiledCriterion[]; size: number };
type CompiledConfiguration = { operator: 'AND' | 'OR'; negate: boolean; nodes: CompiledNode[]; size: number };

const OTHER_ATTRIBUTES: CpeAttribute[] = ['update', 'edition', 'language', 'sw_edition', 'target_sw', 'target_hw', 'other'];
const NO_OTHERS: CpeAttribute[] = [];
const hasWildcard = (v: CpeValue) => v.kind === 'ANY' || (v.kind === 'string' && /(^|[^\\])[*?]/.test(v.value));

/**
 * What a criterion's head, its text up to the colon after the product (`cpe:2.3:o:cisco:rv340_firmware:`),
 * determines. NVD names a product in criterion after criterion, and across records, so one Head is
 * shared by all of them (matchAll reads each criterion's once, for choosing assets and compiling):
 * - `key`: the product key: `vendor:product` of the squeezed names, `*` when either is wildcarded,
 *   undefined when the text has no product slot (what splitting on colons and keysOf(strictForms(...)) gave);
 * - `name`: for a plain head (HEAD_SIMPLE), its CriterionName read with ANY for the rest; it gives the
 *   part, vendor and product of every SIMPLE criterion with that head;
 * - `config`: the name the criterion chooses its configuration by (nameOfName), for a plain head;
 *   undefined when only the whole text can tell (configName). A plain head with a tail that is not
 *   SIMPLE gives the name of its product where the whole text may not parse at all: that only makes a
 *   configuration meet an asset it cannot apply to, which evaluates to nothing;
 * - `size`: the length of the head, where the tail starts;
 * - `run`, `assets`: matchAll's scratch: the assets having `config` in its run number `run`, so that
 *   a run looks each head's name up once rather than once per criterion (a Map lookup in a table of
 *   tens of thousands of names misses the processor caches: it costs more than the rest of the choice).
 *   A head dropped from the memo and made again only costs its lookup again.
 */
type Head = {
  key: string | undefined;
  name: CriterionName | undefined;
  config: string | undefined;
  size: number;
  run: number;
  assets: readonly number[] | undefined;
};

/** The head and tail halves of fast.ts's SIMPLE form: a criterion is SIMPLE when both are. */
const HEAD_SIMPLE = /^cpe:2\.3:[aoh*-]:(?:\*|[\w.-]+):(?:\*|[\w.-]+):$/;
const TAIL_SIMPLE = /^(?:\*|[\w.-]+):(?:\*|[\w.-]+):(?:\*|[\w.-]+):[*-](?::(?:\*|[\w.-]+)){4}$/;
const newHead = (key: string | undefined, name?: CriterionName): Head => ({ key, name, config: name && nameOfName(name), size: 0, run: 0, assets: undefined });
const NO_HEAD: Head = newHead(undefined);

function headOfPrefix(prefix: string): Head {
  const head = newHead(keyOfPrefix(prefix), HEAD_SIMPLE.test(prefix) ? nameOfCriterion(`${prefix}*:*:*:*:*:*:*:*`) : undefined);
  head.size = prefix.length;
  return head;
}
/**
 * Building the index looks up a head per criterion, and NVD criteria name a few thousand products
 * far more often than the rest: those stay in SliceMemo's table of recent parts.
 */
const heads = new SliceMemo(headOfPrefix, 50_000, 1 << 16);

/** The Head of a criterion; escaped colons (a backslash anywhere) take parseCpe, and such heads are not shared. */
function headOf(criteria: string): Head {
  if (criteria.includes('\\')) {
    const parsed = parseCpe(criteria);
    if (!parsed.ok) return NO_HEAD;
    const key = hasWildcard(parsed.cpe.vendor) || hasWildcard(parsed.cpe.product) ? '*' : keyOfNames(valueText(parsed.cpe.vendor), valueText(parsed.cpe.product));
    return newHead(key);
  }
  const c1 = criteria.indexOf(':');
  const c2 = c1 === -1 ? -1 : criteria.indexOf(':', c1 + 1);
  const c3 = c2 === -1 ? -1 : criteria.indexOf(':', c2 + 1);
  const c4 = c3 === -1 ? -1 : criteria.indexOf(':', c3 + 1);
  if (c4 === -1) return NO_HEAD;
  const c5 = criteria.indexOf(':', c4 + 1);
  if (c5 === -1) return newHead(keyOfPrefix(criteria));
  return heads.get(criteria, 0, c5 + 1);
}

/** The heads of every criterion of the configurations, in order (configuration, node, criterion). */
function headsOf(configurations: readonly NvdConfiguration[]): Head[] {
  const out: Head[] = [];
  for (const configuration of configurations) for (const node of configuration.nodes) for (const { criteria } of node.cpeMatch) out.push(headOf(criteria));
  return out;
}

/** The record's product keys from its heads, each once, in first-seen order (a record names few products, many times over: an array beats a Set). */
function keysOfHeads(list: readonly Head[]): string[] {
  const keys: string[] = [];
  let last: Head | undefined;
  for (const head of list) {
    if (head === last) continue;
    last = head;
    if (head.key !== undefined && !keys.includes(head.key)) keys.push(head.key);
  }
  return keys;
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
  const wanted = want === undefined ? undefined : versionOf.get(want);
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
    wantParsed: wanted?.parsed,
    wantNum: wanted ? wanted.num : NOT_NUMERIC,
  };
}
/** NVD repeats criteria strings (every CVE of a product with ranges names `product:*`). */
const criterionNames = new Memo(nameOfCriterion, 100_000);
/**
 * The name of a SIMPLE criterion's tail (`version:update:…:other`, after its head), read with a fixed
 * head; undefined when the tail is not TAIL_SIMPLE. Tails repeat a lot (`*:*:*:*:*:*:*:*`).
 */
const tails = new SliceMemo((tail: string) => (TAIL_SIMPLE.test(tail) ? nameOfCriterion(`cpe:2.3:a:v:p:${tail}`) : undefined), 50_000, 1 << 12);
/** The commonest tail (every criterion with a version range has it), told without a lookup. */
const ANY_TAIL_TEXT = '*:*:*:*:*:*:*:*';
const ANY_TAIL = nameOfCriterion(`cpe:2.3:a:v:p:${ANY_TAIL_TEXT}`);
const tailOf = (criteria: string, start: number): CriterionName | undefined =>
  criteria.length - start === ANY_TAIL_TEXT.length && criteria.endsWith(ANY_TAIL_TEXT) ? ANY_TAIL : tails.get(criteria, start, criteria.length);

/**
 * Sets the criterion's next bound, in place when it has a Bound object there. Most bounds are plain
 * dotted numbers (plainNumeric), whose numeric key is read straight from the text: parsing `1.2.3`
 * costs less than finding it in a memo of thousands of versions. The others repeat (`2.0 beta`), so
 * they come from versionOf.
 */
function addBound(criterion: CompiledCriterion, op: Bound['op'], text: string): void {
  let num = plainNumeric(text);
  let parsed: ParsedVersion | undefined;
  if (num === NOT_NUMERIC) ({ parsed, num } = versionOf.get(text));
  const bound = criterion.bounds[criterion.boundCount++];
  if (!bound) {
    if (criterion.bounds === NO_BOUNDS) criterion.bounds = [{ op, text, parsed, num }];
    else criterion.bounds.push({ op, text, parsed, num });
  } else {
    bound.op = op;
    bound.text = text;
    bound.parsed = parsed;
    bound.num = num;
  }
}

/** numericKey(parseVersion(text)) for a text of one to four dot-separated numbers below 8192, else NOT_NUMERIC. */
function plainNumeric(text: string): number {
  let key = 0;
  let fields = 0;
  let n = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46; // a '.' closes the last number
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      if (++digits > 5 || n >= NUMERIC_BASE) return NOT_NUMERIC;
    } else if (c === 46 && digits > 0 && fields < 4) {
      key = key * NUMERIC_BASE + n;
      fields++;
      n = 0;
      digits = 0;
    } else return NOT_NUMERIC;
  }
  for (let i = fields; i < 4; i++) key *= NUMERIC_BASE;
  return key;
}

/** The parsed form of a bound, for compareParsed: a plain-number bound (parsed undefined, num set) is parsed when first needed. */
const parsedBound = (b: Bound): ParsedVersion | undefined => b.parsed ?? (b.num !== NOT_NUMERIC ? (b.parsed = versionOf.get(b.text).parsed) : undefined);

/** Shared by the criteria that have had no bound yet (addBound gives a criterion its own list). */
const NO_BOUNDS: Bound[] = [];

/** The criterion compiled, into `into` when given (see compileConfiguration). */
function compileCriterion(match: NvdCpeMatch, head: Head, into?: CompiledCriterion): CompiledCriterion {
  const { criteria, versionStartIncluding: si, versionStartExcluding: se, versionEndIncluding: ei, versionEndExcluding: ee } = match;
  const tail = head.name ? tailOf(criteria, head.size) : undefined;
  const whole = head.name && tail ? undefined : criterionNames.get(criteria);
  const headName = whole ?? (head.name as CriterionName);
  const tailName = whole ?? (tail as CriterionName);
  let criterion = into;
  if (!criterion) criterion = { head: headName, tail: tailName, match, bounds: NO_BOUNDS, boundCount: 0, range: undefined, description: undefined, quoted: undefined };
  else {
    criterion.head = headName;
    criterion.tail = tailName;
    criterion.match = match;
    criterion.boundCount = 0;
    criterion.range = criterion.description = criterion.quoted = undefined;
  }
  if (si !== undefined) addBound(criterion, '>=', si);
  if (se !== undefined) addBound(criterion, '>', se);
  if (ei !== undefined) addBound(criterion, '<=', ei);
  if (ee !== undefined) addBound(criterion, '<', ee);
  return criterion;
}

function rangeText(c: CompiledCriterion): string {
  let text = '';
  for (let i = 0; i < c.boundCount; i++) {
    const b = c.bounds[i] as Bound;
    text += i ? ` ${b.op}${b.text}` : `${b.op}${b.text}`;
  }
  return text;
}
const rangeOf = (c: CompiledCriterion): string => (c.range ??= rangeText(c));

/** The NVD bounds for a version (same answers as evaluateRange(nvdRange(...)), on pre-parsed bounds and version). */
function testBounds(criterion: CompiledCriterion, version: string, tested: TestedVersion): Test {
  const { bounds, boundCount } = criterion;
  const v = tested.parsed;
  if (!v) return maybe(`version '${version}' cannot be compared with ${rangeOf(criterion)}`);
  const num = tested.num;
  let review = false;
  let unknown = false;
  for (let i = 0; i < boundCount; i++) {
    const b = bounds[i] as Bound;
    if (num !== NOT_NUMERIC && b.num !== NOT_NUMERIC) {
      if (!(b.op === '<' ? num < b.num : b.op === '<=' ? num <= b.num : b.op === '>' ? num > b.num : num >= b.num)) return no;
      continue;
    }
    const parsed = parsedBound(b);
    if (!parsed) {
      review = true;
      continue;
    }
    const c = compareParsed(v, parsed);
    if (c === 'unknown') unknown = true;
    else if (!(b.op === '<' ? c < 0 : b.op === '<=' ? c <= 0 : b.op === '>' ? c > 0 : c >= 0)) return no;
  }
  if (review) return maybe(`the range ${rangeOf(criterion)} needs review`);
  if (unknown) return maybe(`version '${version}' is not comparable with ${rangeOf(criterion)}`);
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
  const { tail, boundCount } = criterion;
  const wanted = tail.version;
  const text = tested.text;
  if (boundCount) {
    if (text === undefined) return maybe(`the asset gives no version; ${rangeOf(criterion)} is needed`);
    return testBounds(criterion, text, tested);
  }
  if (wanted.kind === 'ANY') return yes;
  const platform = !criterion.match.vulnerable;
  if (wanted.kind === 'NA') {
    if (text === undefined) return stated.kind === 'ANY' && !platform ? maybe("the asset gives no version; the criterion names version '-'") : yes;
    return platform ? yes : no;
  }
  if (text === undefined) return maybe(`the asset gives no version; the criterion names version ${valueText(wanted)}`);
  if (tail.versionWild) {
    const suggested = stated.kind === 'string' ? undefined : suggestValue(text);
    const value = suggested ? (suggested.ok ? suggested.value : undefined) : stated;
    return value && fits(compareAttributes(wanted, value)) ? yes : no;
  }
  // compareVersions(want, text) on the parsed forms: 0 only when both parse.
  if (tail.wantLower === tested.lower) return yes;
  if (tail.wantNum !== NOT_NUMERIC && tested.num !== NOT_NUMERIC) return tail.wantNum === tested.num ? yes : no;
  return tail.wantParsed !== undefined && tested.parsed !== undefined && compareParsed(tail.wantParsed, tested.parsed) === 0 ? yes : no;
}

/** The attributes other than vendor, product and version: ANY in the inventory where the criterion names a value is unknown. */
function testOthers(compiled: CompiledCriterion, target: Cpe | undefined): Test {
  const criterion = compiled.tail.cpe as Cpe;
  for (const attribute of compiled.tail.others) {
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
function consider(criterion: CompiledCriterion, target: Cpe | undefined, tested: TestedVersion, label: string): void {
  const version = testVersion(criterion, target ? target.version : ANY, tested);
  const result = criterion.tail.others.length ? and(testOthers(criterion, target), version) : version; // and(yes, x) is x in value and reason
  if (result.value > hitValue) {
    hitValue = result.value;
    hitReason = result.reason;
    hitComponent = label;
    hitVersion = tested.text;
  }
}

/**
 * The criterion against every entry of the asset, in order; the first entry with the best value
 * wins (what keeping the first strictly better result per component, then across components, gives).
 */
function testCriterion(criterion: CompiledCriterion, entries: readonly Entry[]): Tri {
  hitValue = F;
  hitReason = undefined;
  hitComponent = undefined;
  hitVersion = undefined;
  const head = criterion.head;
  const cpe = head.cpe;
  if (!cpe) return F;
  for (let k = 0; k < entries.length; k++) {
    const entry = entries[k] as Entry;
    const target = entry.target;
    // The same head: the same part and names (see Entry), whatever the rest says.
    if (entry.name !== head) {
      if (target) {
        if (head.part !== undefined && head.part !== entry.part) continue;
        const named = head.wild
          ? nameFits(cpe.vendor, target.vendor) && nameFits(cpe.product, target.product)
          : head.vendorName === entry.vendorName && head.productName === entry.productName;
        if (!named) continue;
      } else {
        const named = head.wild
          ? nameFits(cpe.vendor, entry.vendor as string) && nameFits(cpe.product, entry.product as string)
          : head.vendorName === entry.vendorName && head.productName === entry.productName;
        if (!named) continue;
      }
    }
    consider(criterion, target, entry, entry.label);
    if (hitValue === T) return T;
  }
  return hitValue;
}

const negated = (value: Tri, negate: boolean): Tri => (negate ? ((T - value) as Tri) : value);

/** `json`: the evidence as JSON.stringify writes it, when the outcome was built with it (NVD: nvdOutcome). */
type Outcome = { status: MatchStatus; evidence: Omit<MatchEvidence, 'fingerprint'>; json?: string };

/**
 * The name a criterion chooses its configuration's assets by (CompiledNvd): CriterionName's `name`, or WILD for a
 * parsed wild criterion, '' for one that does not parse. It depends only on the fields a head name
 * holds, so a plain head gives it without reading the criterion (see Head).
 */
const nameOfName = (name: CriterionName): string => (!name.cpe ? '' : name.wild ? WILD : name.name);
const WILD = '*';
const configName = (head: Head, criteria: string): string => head.config ?? nameOfName(criterionNames.get(criteria));

/**
 * An NVD record's configurations, with which of them each `vendorName:productName` appears in, and
 * which are wild, counting only the criteria that can be evidence (`vulnerable`, not under a
 * negation: see nvdOutcome). A configuration may apply to an asset when one of those is
 * wild or names a product of the asset's components. Any other configuration gives the asset
 * nothing: its evidence criteria are all false for it (a non-wild criterion is only ever tested
 * against components of its own name), and nvdOutcome needs one that is not. So it is skipped
 * without being evaluated: records list a configuration per device model, an asset has one of them,
 * and a platform criterion (`running on` some hardware) alone does not make one apply.
 */
type CompiledNvd = {
  configurations: readonly NvdConfiguration[];
  /** Compiled when first applicable: an asset meets the configurations of its own product, few of the record's. */
  compiled: (CompiledConfiguration | undefined)[];
  /** The heads of every criterion in order (headsOf), and where each configuration's begin. */
  heads: readonly Head[];
  starts: number[];
  byName: Map<string, number[]>;
  wild: number[];
};

function compileNvd(configurations: readonly NvdConfiguration[], list: readonly Head[]): CompiledNvd {
  const byName = new Map<string, number[]>();
  const wild: number[] = [];
  const starts: number[] = [];
  let at = 0;
  configurations.forEach((configuration, i) => {
    starts.push(at);
    let isWild = false;
    for (const node of configuration.nodes) {
      if (configuration.negate || node.negate) {
        at += node.cpeMatch.length;
        continue;
      }
      for (const { criteria, vulnerable } of node.cpeMatch) {
        const head = list[at++] as Head;
        if (!vulnerable) continue;
        const name = configName(head, criteria);
        if (name === WILD) isWild = true;
        else if (name) {
          const names = byName.get(name);
          if (!names) byName.set(name, [i]);
          else if (names[names.length - 1] !== i) names.push(i);
        }
      }
    }
    if (isWild) wild.push(i);
  });
  return { configurations, compiled: [], heads: list, starts, byName, wild };
}

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

/** The applicable configurations in order: the first affected one, else the first unknown one. */
function evaluateNvd(nvd: CompiledNvd, { entries, names }: CompiledAsset): Outcome | undefined {
  let unknown: Outcome | undefined;
  const count = collectApplicable(nvd, names);
  // Nothing below collects again, so `applicable` stays as it is for the loop.
  for (let k = 0; k < count; k++) {
    const index = applicable[k] as number;
    const configuration = (nvd.compiled[index] ??= compileConfiguration(nvd.configurations[index] as NvdConfiguration, nvd.heads, nvd.starts[index] as number));
    const outcome = evaluateConfiguration(configuration, entries);
    if (!outcome) continue;
    if (outcome.status === 'affected') return outcome;
    unknown ??= outcome;
  }
  return unknown;
}

/** The results of a configuration's criteria outside negations ("seen"), in order: reused scratch arrays. */
const seenCriteria: CompiledCriterion[] = [];
const seenValues: Tri[] = [];
const seenReasons: (string | undefined)[] = [];
const seenComponents: (string | undefined)[] = [];
const seenVersions: (string | undefined)[] = [];
/** The texts of the evidence criteria being collected (nvdOutcome). */
const picked: string[] = [];

/** One configuration against an asset's entries: its outcome, or undefined when it is false or names nothing vulnerable. */
function evaluateConfiguration(configuration: CompiledConfiguration, entries: readonly Entry[]): Outcome | undefined {
  // AND is min, OR is max, each starting from its neutral value (what combine over all values gave).
  let seen = 0;
  let value: Tri = configuration.operator === 'AND' ? T : F;
  for (let n = 0; n < configuration.size; n++) {
    const node = configuration.nodes[n] as CompiledNode;
    // Criteria under a negation are what must be absent: they are never evidence.
    const keep = !node.negate && !configuration.negate;
    const isAnd = node.operator === 'AND';
    let nodeValue: Tri = isAnd ? T : F;
    for (let k = 0; k < node.size; k++) {
      const criterion = node.criteria[k] as CompiledCriterion;
      const v = testCriterion(criterion, entries);
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
    // A false node decides an AND configuration: the rest need not be tested, as its evidence is never built.
    if (value === F && configuration.operator === 'AND' && !configuration.negate) return undefined;
  }
  value = negated(value, configuration.negate);
  return value === F ? undefined : nvdOutcome(value, seen);
}

/** The evidence of a configuration that is not false, from the seen criteria (only built for those). */
function nvdOutcome(value: Tri, seen: number): Outcome | undefined {
  // The evidence: the vulnerable criteria that are not false; when the configuration is true, those that are true if any.
  let first = -1;
  let firstTrue = -1;
  for (let i = 0; i < seen; i++) {
    if (!(seenCriteria[i] as CompiledCriterion).match.vulnerable || seenValues[i] === F) continue;
    if (first === -1) first = i;
    if (firstTrue === -1 && seenValues[i] === T) firstTrue = i;
  }
  if (first === -1) return undefined;
  const affected = value === T && firstTrue !== -1;
  const wanted: Tri = affected ? T : U; // an evidence criterion's value is at least this
  if (affected) first = firstTrue;
  let reason: string | undefined;
  if (!affected) {
    const u = seenValues.indexOf(U);
    reason = (u !== -1 && u < seen ? seenReasons[u] : undefined) ?? 'the configuration cannot be decided';
  }
  // The evidence's JSON for its fingerprint, key by key as JSON.stringify writes the evidence object
  // below, from criteria quoted once per compiled criterion: a third of the cost of JSON.stringify.
  const component = seenComponents[first];
  const assetVersion = seenVersions[first];
  let json = component ? `{"kind":"nvd-configuration","component":${quote(component)},"criteria":[` : '{"kind":"nvd-configuration","criteria":[';
  let count = 0;
  for (let i = first; i < seen; i++) {
    const c = seenCriteria[i] as CompiledCriterion;
    if (!c.match.vulnerable || (seenValues[i] as Tri) < wanted) continue;
    json += count ? `,${quotedCriterion(c)}` : quotedCriterion(c);
    picked[count++] = describeCriterion(c);
  }
  // Copied out of the scratch list: an array of its exact size (one grown by push holds 17).
  const criteria = picked.slice(0, count);
  json += '],"platform":[';
  count = 0;
  for (let i = 0; i < seen; i++) {
    const c = seenCriteria[i] as CompiledCriterion;
    if (c.match.vulnerable || seenValues[i] === F) continue;
    json += count ? `,${quotedCriterion(c)}` : quotedCriterion(c);
    picked[count++] = describeCriterion(c);
  }
  const platform = picked.slice(0, count);
  json += ']';
  if (assetVersion !== undefined) json += `,"assetVersion":${quote(assetVersion)}`;
  if (reason) json += `,"reason":${quote(reason)}`;
  json += '}';
  // Keys added in JSON order, without the spread of a temporary object per optional key.
  const evidence: Outcome['evidence'] = { kind: 'nvd-configuration' };
  if (component) evidence.component = component;
  evidence.criteria = criteria;
  evidence.platform = platform;
  if (assetVersion !== undefined) evidence.assetVersion = assetVersion;
  if (reason) evidence.reason = reason;
  return { status: affected ? 'affected' : 'unknown', evidence, json };
}

/** Printable ASCII but `"` and `\`: what JSON.stringify writes as it stands. */
const PLAIN_JSON = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
/** JSON.stringify(text). */
const quote = (text: string): string => (PLAIN_JSON.test(text) ? `"${text}"` : JSON.stringify(text));
/**
 * quote(describeCriterion(c)), without reading the text again when it is known to need no escaping:
 * a criterion compiled from a head and a tail (their names differ: compileCriterion) is SIMPLE, its
 * characters all plain, and so are those of its bounds when they test plain.
 */
const quotedCriterion = (c: CompiledCriterion): string => (c.quoted ??= c.head !== c.tail && plainBounds(c) ? `"${describeCriterion(c)}"` : quote(describeCriterion(c)));
function plainBounds(c: CompiledCriterion): boolean {
  for (let i = 0; i < c.boundCount; i++) if (!PLAIN_JSON.test((c.bounds[i] as Bound).text)) return false;
  return true;
}

/** A criterion as evidence: the CPE and its bounds (`cpe:2.3:o:cisco:rv340_firmware:*:... <=1.0.03.24`). */
const describeCriterion = (c: CompiledCriterion) => (c.description ??= c.boundCount ? `${c.match.criteria} ${rangeOf(c)}` : c.match.criteria); // a function of the criterion: kept, so the matches of its assets share one string

/**
 * An NVD configuration compiled, its criteria named and bounded; `start` is where its criteria's heads
 * begin in `list`. Compiled `into` a configuration, it reuses that one's nodes, criteria and bounds:
 * matchAll compiles configuration after configuration, each dropped once evaluated, and making them
 * anew was a third of a full match's allocation (and so of its scavenges).
 */
function compileConfiguration(c: NvdConfiguration, list: readonly Head[], start: number, into?: CompiledConfiguration): CompiledConfiguration {
  const out = into ?? { operator: 'OR', negate: false, nodes: [], size: 0 };
  out.operator = c.operator ?? 'OR';
  out.negate = c.negate ?? false;
  let at = start;
  const { nodes } = c;
  for (let n = 0; n < nodes.length; n++) {
    const { operator, negate, cpeMatch } = nodes[n] as NvdNode;
    let node = out.nodes[n];
    if (!node) out.nodes.push((node = { operator, negate: false, criteria: [], size: 0 }));
    node.operator = operator;
    node.negate = negate ?? false;
    for (let k = 0; k < cpeMatch.length; k++) {
      const criterion = compileCriterion(cpeMatch[k] as NvdCpeMatch, list[at++] as Head, node.criteria[k]);
      if (k === node.criteria.length) node.criteria.push(criterion);
    }
    node.size = cpeMatch.length;
  }
  out.size = nodes.length;
  return out;
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
  for (const key of componentKeys(component)) if (keys.has(key)) return true;
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

/** The keys of a record without compiling it (what the index stores), each once, in first-seen order; for NVD, from its heads. */
function recordKeys(record: VulnerabilityRecord): string[] {
  const a = record.applicability;
  if (a.kind === 'nvd') return keysOfHeads(headsOf(a.configurations));
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
  if (a.kind === 'nvd') return { record, kind: 'nvd', nvd: compileNvd(a.configurations, headsOf(a.configurations)) };
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

/**
 * Evidence objects are always built with their keys in the same order, so the same evidence hashes the
 * same. matchAll gets the same digests from Fingerprints.
 */
function fingerprint(evidence: Omit<MatchEvidence, 'fingerprint'>): string {
  return hash('sha256', JSON.stringify(evidence), 'hex').slice(0, 16); // the one-shot form of createHash(...).update(...).digest('hex')
}

/** An outcome kept for an asset. `ticket`: where matchAll's Fingerprints hold the evidence's fingerprint; -1 when it is made when needed. */
type Candidate = { vulnerability: string; status: MatchStatus; evidence: Outcome['evidence']; record: VulnerabilityRecord; ticket: number };
const candidate = (record: VulnerabilityRecord, { status, evidence }: Outcome, ticket: number): Candidate => ({ vulnerability: record.vulnerabilityId, status, evidence, record, ticket });

/** The merge rule; record keys are unique, so the order of records never matters. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.status !== b.status) return a.status === 'affected';
  if (a.record.source !== b.record.source) return SOURCE_RANK[a.record.source] < SOURCE_RANK[b.record.source];
  return a.record.key < b.record.key;
}

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Candidates by vulnerability, the better first (stable: the first of equal ones stays first). */
const byVulnerabilityThenBetter = (a: Candidate, b: Candidate) => order(a.vulnerability, b.vulnerability) || (better(a, b) ? -1 : better(b, a) ? 1 : 0);

/**
 * One asset's candidates as matches: the best per vulnerability (the first of its run once sorted), in
 * vulnerability order. Hashing only the winners: most candidates of a busy asset lose the merge.
 * Every outcome's evidence is a fresh object made for that one pair, so the fingerprint is added to it
 * in place (last, as the copy `{ ...evidence, fingerprint }` had it) rather than copying it per match.
 */
function matchesOf(assetId: string, candidates: Candidate[], kev: ReadonlySet<string>, fingerprints?: Fingerprints): Match[] {
  if (candidates.length > 1) candidates.sort(byVulnerabilityThenBetter);
  const matches: Match[] = [];
  let previous: string | undefined;
  for (const { vulnerability, status, evidence: kept, record, ticket } of candidates) {
    if (vulnerability === previous) continue;
    previous = vulnerability;
    const evidence = kept as MatchEvidence;
    evidence.fingerprint = fingerprints && ticket >= 0 ? fingerprints.digest(ticket) : fingerprint(kept);
    matches.push({ asset: assetId, vulnerability, status, source: record.source, kev: kev.has(vulnerability), evidence });
  }
  return matches;
}

function matchCompiled(assetId: string, asset: CompiledAsset, records: Iterable<CompiledRecord>, kev: ReadonlySet<string>): Match[] {
  const candidates: Candidate[] = [];
  for (const compiledRecord of records) {
    const outcome = evaluateRecord(compiledRecord, asset);
    if (outcome) candidates.push(candidate(compiledRecord.record, outcome, -1));
  }
  return matchesOf(assetId, candidates, kev);
}

/** Output order: by asset, then vulnerability (code-unit order, stable across machines). */
export const byAssetThenVulnerability = (a: Match, b: Match) => order(a.asset, b.asset) || order(a.vulnerability, b.vulnerability);

/** Every record checked against one asset: one match per vulnerability, affected or unknown only. */
export function matchAssetAgainst(asset: MatchAsset, records: readonly VulnerabilityRecord[], kev: ReadonlySet<string>): Match[] {
  return matchCompiled(asset.id, compileAsset(asset), records.map(compileRecord), kev);
}

/**
 * A record in the index and its product keys. An NVD record's keys are made when first asked for
 * (entryKeys): matchAll chooses NVD records' assets by name, reading each criterion's head as it goes.
 */
type IndexEntry = { record: VulnerabilityRecord; keys: string[] | undefined };

const entryOf = (record: VulnerabilityRecord): IndexEntry => ({ record, keys: record.applicability.kind === 'nvd' ? undefined : recordKeys(record) });
const entryKeys = (entry: IndexEntry): string[] => (entry.keys ??= recordKeys(entry.record));

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
    const entry = entryOf(record);
    if (this.#byKey) {
      this.remove(record.key);
      this.#records.set(record.key, entry);
      ExposureIndex.#file(this.#byKey, entry);
      return;
    }
    // Without buckets nothing else refers to a replaced entry: one lookup (building the index does this 250,000 times).
    const size = this.#records.size;
    this.#records.set(record.key, entry);
    if (this.#records.size === size) {
      // Replaced: moved to the end, where remove-then-set puts it.
      this.#records.delete(record.key);
      this.#records.set(record.key, entry);
    }
  }

  /** Removes the record with this key; false when there was none. */
  remove(key: string): boolean {
    const entry = this.#records.get(key);
    if (!entry) return false;
    this.#records.delete(key);
    if (this.#byKey) {
      for (const productKey of entryKeys(entry)) {
        const bucket = this.#byKey.get(productKey);
        bucket?.delete(entry.record);
        if (bucket?.size === 0) this.#byKey.delete(productKey);
      }
    }
    return true;
  }

  static #file(byKey: Map<string, Set<VulnerabilityRecord>>, entry: IndexEntry): void {
    const { record } = entry;
    for (const key of entryKeys(entry)) {
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
    return [...this.candidatesFor(assetKeys(compileAsset(asset)))];
  }

  /** @internal the candidate set for already computed asset keys. */
  candidatesFor(keys: ReadonlySet<string>): Set<VulnerabilityRecord> {
    const byKey = this.#buckets();
    const found = new Set<VulnerabilityRecord>(byKey.get('*') ?? []);
    for (const key of keys) for (const record of byKey.get(key) ?? []) found.add(record);
    return found;
  }

  /** @internal every record, with its product keys once asked for. */
  entries(): Iterable<IndexEntry> {
    return this.#records.values();
  }
}

/** matchAll calls so far: the run number of the Head scratch fields. */
let runs = 0;

/** Asset indices by each of the strings `of` gives an asset (its names, or its keys). */
function assetsBy(assets: readonly CompiledAsset[], of: (asset: CompiledAsset) => Iterable<string>): Map<string, number[]> {
  const map = new Map<string, number[]>();
  assets.forEach((asset, i) => {
    for (const text of of(asset)) {
      const list = map.get(text);
      if (list) list.push(i);
      else map.set(text, [i]);
    }
  });
  return map;
}

/**
 * Every asset against the index's candidates: the matches, sorted by asset then vulnerability.
 *
 * Record by record rather than asset by asset, so a record is read and compiled once for all its
 * assets, and dropped: the compiled corpus is never held all at once. An NVD record goes
 * configuration by configuration: each meets the assets having a product its evidence criteria name
 * (every asset when one of them is wild), which are exactly the assets evaluateNvd finds it applicable
 * to (see CompiledNvd), and is compiled only when it meets one; per asset the first affected
 * configuration wins, else the first unknown, as evaluateNvd has it. So this is what naiveMatchAll
 * computes pair by pair. CVE 5 and CSAF records meet the assets sharing one of their keys (every asset
 * for `*`). Per asset, the candidates are merged at the end, which does not depend on the order
 * records come in.
 */
export function matchAll(assets: readonly MatchAsset[], index: ExposureIndex, kev: ReadonlySet<string>): Match[] {
  // Not cached (matchAll holds them only while it runs), but taken from the cache when there.
  const compiledAssets = assets.map((asset) => compiledAssetCache.get(asset) ?? compileAssetUncached(asset));
  const entries = compiledAssets.map((asset) => asset.entries); // one hop less in the commonest loop
  const byName = assetsBy(compiledAssets, (asset) => asset.names);
  const run = ++runs;
  let byKey: Map<string, number[]> | undefined; // for CVE 5 and CSAF records, built when the first comes
  const every = compiledAssets.map((_, i) => i);
  const found = new Array<Candidate[] | undefined>(assets.length).fill(undefined);
  // Per asset, during one record: its outcome so far; which configuration or record last took it.
  const outcomes = new Array<Outcome | undefined>(assets.length).fill(undefined);
  const takenBy = new Int32Array(assets.length).fill(-1);
  let stamp = 0;
  // Hashed on another thread while matching goes on (digests.ts); a few losers of the merge are hashed too.
  const fingerprints = new Fingerprints();
  // The assets a record touched and those a configuration or record meets, each at most once: so
  // arrays of the assets' size, filled up to a count (setting an array's length to 0 drops its storage).
  const touched = new Int32Array(assets.length);
  const targets = new Int32Array(assets.length);
  let touchedCount = 0;
  let targetCount = 0;
  const list: Head[] = []; // the heads of one configuration's criteria, in order
  const scratch: CompiledConfiguration = { operator: 'OR', negate: false, nodes: [], size: 0 }; // each configuration is compiled into it
  for (const entry of index.entries()) {
    const { record } = entry;
    const a = record.applicability;
    if (a.kind === 'nvd') {
      touchedCount = 0;
      for (const configuration of a.configurations) {
        stamp++;
        targetCount = 0;
        let all = false;
        let last: Head | undefined;
        let at = 0;
        for (const node of configuration.nodes) {
          const kept = !configuration.negate && !node.negate;
          for (const { criteria, vulnerable } of node.cpeMatch) {
            const head = headOf(criteria);
            list[at++] = head;
            // Only the criteria that can be evidence choose the assets (see CompiledNvd).
            if (!kept || !vulnerable || head === last) continue;
            last = head;
            let named: readonly number[] | undefined;
            if (head.config === undefined) {
              // Not a plain head: the whole criterion tells (rare; looked up each time).
              const name = configName(head, criteria);
              if (name === WILD) all = true;
              else if (name !== '') named = byName.get(name);
            } else if (head.config === WILD) all = true;
            else {
              if (head.run !== run) {
                head.run = run;
                head.assets = byName.get(head.config);
              }
              named = head.assets;
            }
            if (named) {
              for (const i of named) {
                if (takenBy[i] === stamp) continue;
                takenBy[i] = stamp;
                targets[targetCount++] = i;
              }
            }
          }
        }
        const count = all ? every.length : targetCount;
        if (count === 0) continue;
        const compiledConfiguration = compileConfiguration(configuration, list, 0, scratch);
        for (let k = 0; k < count; k++) {
          const i = all ? (every[k] as number) : (targets[k] as number);
          const current = outcomes[i];
          if (current?.status === 'affected') continue; // an earlier configuration decided it
          const outcome = evaluateConfiguration(compiledConfiguration, entries[i] as Entry[]);
          if (!outcome) continue;
          if (!current) {
            outcomes[i] = outcome;
            touched[touchedCount++] = i;
          } else if (outcome.status === 'affected') outcomes[i] = outcome;
        }
      }
      for (let k = 0; k < touchedCount; k++) {
        const i = touched[k] as number;
        const outcome = outcomes[i] as Outcome;
        (found[i] ??= []).push(candidate(record, outcome, fingerprints.add(outcome.json ?? JSON.stringify(outcome.evidence))));
        outcomes[i] = undefined;
      }
      continue;
    }
    byKey ??= assetsBy(compiledAssets, assetKeys);
    stamp++;
    targetCount = 0;
    const keys = entryKeys(entry);
    if (keys.includes('*')) for (const i of every) targets[targetCount++] = i;
    else {
      for (const key of keys) {
        for (const i of byKey.get(key) ?? []) {
          if (takenBy[i] === stamp) continue;
          takenBy[i] = stamp;
          targets[targetCount++] = i;
        }
      }
    }
    if (targetCount === 0) continue;
    const compiledRecord = compiled.get(record) ?? compileUncached(record);
    for (let k = 0; k < targetCount; k++) {
      const i = targets[k] as number;
      const outcome = evaluateRecord(compiledRecord, compiledAssets[i] as CompiledAsset);
      if (outcome) (found[i] ??= []).push(candidate(record, outcome, fingerprints.add(outcome.json ?? JSON.stringify(outcome.evidence))));
    }
  }
  // Assets in id order, each with its matches in vulnerability order, is the output order; only
  // assets sharing an id (an inventory error) need the full sort to interleave their matches.
  fingerprints.finish();
  const ids = assets.map((asset) => asset.id);
  const byId = every.sort((x, y) => order(ids[x] as string, ids[y] as string));
  const out: Match[] = [];
  let shared = false;
  let previous: string | undefined;
  for (const i of byId) {
    const id = ids[i] as string;
    if (id === previous) shared = true;
    previous = id;
    const candidates = found[i];
    if (candidates) for (const match of matchesOf(id, candidates, kev, fingerprints)) out.push(match);
  }
  return shared ? out.sort(byAssetThenVulnerability) : out;
}

/** Every asset against every record, without the index: the reference matchAll must equal. */
export function naiveMatchAll(assets: readonly MatchAsset[], records: readonly VulnerabilityRecord[], kev: ReadonlySet<string>): Match[] {
  const all = records.map(compileRecord);
  const out: Match[] = [];
  for (const asset of assets) out.push(...matchCompiled(asset.id, compileAsset(asset), all, kev));
  return out.sort(byAssetThenVulnerability);
}
