/**
 * Product keys: how vendor and product names from CPEs, CVE 5 records, CSAF product trees and inventory
 * text are reduced so that the same product meets itself across sources. Pure.
 *
 * A key is `vendor:product` of normalised names (`schneider_electric:powerlogic_ion7400`). Free text is
 * messier than CPE values ("General Electric (GE)", "EDS-510E Series firmware", "D-Link" vs `dlink`), so
 * text also yields looser variants: without parenthesised parts, without trailing generic words
 * ("series", "firmware"), without corporate suffixes, and with the separators squeezed out. A record
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
export const squeeze = (name: string) => name.replace(/_/g, '');
const PRODUCT_SUFFIXES = new Set(['series', 'firmware', 'software', 'family', 'devices', 'device']);
const VENDOR_SUFFIXES = new Set(['inc', 'corp', 'corporation', 'co', 'ltd', 'llc', 'gmbh', 'ag', 'sa', 'plc', 'limited', 'company']);

function add(out: Set<string>, name: string) {
  if (!name) return;
  out.add(name);
  out.add(squeeze(name));
}

/** The normalised name and its squeezed form: what a CPE value may be compared with exactly. */
export function strictForms(text: string): string[] {
  const out = new Set<string>();
  add(out, normaliseName(text));
  return [...out];
}

/** All variants of a name (see the module comment). */
export function looseForms(text: string, kind: 'vendor' | 'product'): string[] {
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

/** Keys for a vendor and product (vendor may be blank). */
export function keysOf(vendors: readonly string[], products: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of products) {
    if (vendors.length === 0) out.push(`${NO_VENDOR}:${p}`);
    for (const v of vendors) out.push(`${v}:${p}`);
  }
  return out;
}
