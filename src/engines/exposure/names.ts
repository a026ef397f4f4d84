/**
 * Product keys: how vendor and product names from CPEs, CVE 5 records, CSAF product trees and inventory
 * text are reduced so that the same product meets itself across sources. Pure.
 *
 * A key is `vendor:product` of normalised names with their separators squeezed out
 * (`schneiderelectric:powerlogicion7400`, so `d_link` meets `dlink`). Free text is
 * messier than CPE values ("General Electric (GE)", "EDS-510E Series firmware", "D-Link" vs `dlink`), so
 * text also yields looser variants: without parenthesised parts, without trailing generic words
 * ("series", "firmware"), without corporate suffixes. A record
 * and a component meet when they share any key; `_:<product>` stands for "no vendor named".
 */

const NORMAL = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;

export function normaliseName(text: string): string {
  if (NORMAL.test(text)) return text; // the common case (CPE values): nothing to do, and NFKD is costly
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The vendor slot of a key when the source names no vendor (CVE 5 writes "n/a"). */
export const NO_VENDOR = '_';

const BLANK = new Set(['', 'n_a', 'na', 'none', 'unknown', 'not_applicable']);
/** True when the text names nothing (CVE 5's "n/a" vendor, an empty string). */
export const isBlankName = (text: string | undefined): boolean => text === undefined || BLANK.has(normaliseName(text));

/** A normalised name without its separators: `d_link` and `dlink` meet. */
export const squeeze = (name: string) => (name.includes('_') ? name.replace(/_/g, '') : name);
const PRODUCT_SUFFIXES = new Set(['series', 'firmware', 'software', 'family', 'devices', 'device']);
const VENDOR_SUFFIXES = new Set(['inc', 'corp', 'corporation', 'co', 'ltd', 'llc', 'gmbh', 'ag', 'sa', 'plc', 'limited', 'company']);

/**
 * Keys hold squeezed names only: two names that are equal are equal squeezed, and `d_link` meets
 * `dlink`, so one form per name finds the same candidates as both would, with half the keys.
 */
function add(out: Set<string>, name: string) {
  const squeezed = squeeze(name);
  if (squeezed) out.add(squeezed);
}

/** The squeezed normalised name: the form a CPE value is compared and keyed by. */
export function strictForms(text: string): string[] {
  const out = new Set<string>();
  add(out, normaliseName(text));
  return [...out];
}

/** All variants of a name (see the module comment). */
export function looseForms(text: string, kind: 'vendor' | 'product'): string[] {
  if (NORMAL.test(text) && text !== 'and') return normalForms(text, kind === 'vendor' ? VENDOR_SUFFIXES : PRODUCT_SUFFIXES);
  const texts = [text, text.replace(/\([^)]*\)/g, ' ')];
  if (kind === 'vendor') {
    texts.push(...text.split(/[,;/]|\band\b/));
    for (const m of text.matchAll(/\(([^)]*)\)/g)) texts.push(m[1] ?? '');
  }
  const suffixes = kind === 'vendor' ? VENDOR_SUFFIXES : PRODUCT_SUFFIXES;
  const out = new Set<string>();
  for (const t of texts) {
    const tokens = normaliseName(t).split('_').filter(Boolean);
    add(out, tokens.join('_'));
    while (tokens.length > 1 && suffixes.has(tokens[tokens.length - 1] as string)) tokens.pop();
    add(out, tokens.join('_'));
  }
  return [...out];
}

/**
 * looseForms of a text that is already a normalised name (every CPE value): it has no parentheses and
 * no separators to split on (`\band\b` needs a non-word neighbour, and `_` is a word character; only
 * the text `and` itself would split), so every variant text is the text itself, and the forms are the
 * name and the name without its generic suffixes, squeezed.
 */
function normalForms(text: string, suffixes: ReadonlySet<string>): string[] {
  const name = squeeze(text);
  let end = text.length;
  for (let cut = text.lastIndexOf('_', end - 1); cut > 0 && suffixes.has(text.slice(cut + 1, end)); cut = text.lastIndexOf('_', end - 1)) end = cut;
  if (end === text.length) return [name];
  const stripped = squeeze(text.slice(0, end));
  return stripped === name ? [name] : [name, stripped];
}

/** Keys for a vendor and product (vendor may be blank). */
export function keysOf(vendors: readonly string[], products: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of products) {
    if (vendors.length === 0) out.push(`${NO_VENDOR}:${p}`);
    for (const v of vendors) out.push(`${v}:${p}`);
  }
  return out;
}
