/**
 * CSAF 2.0 advisories (CISA's ICS advisories among them): one record per `vulnerabilities[]` entry,
 * its products resolved from the product tree (branches vendor → product_name/product_family →
 * product_version/product_version_range, `full_product_names`, `relationships`).
 */
import type { CsafProduct, CsafProductStatus, FeedProblem, ParsedFeed, VulnerabilityRecord } from '../model.js';
import { CVE_ID, cvssFrom, eachRecord, isObject, RecordProblem, text, type Json } from './common.js';

export const isCsaf = (json: Json) => isObject(json.document) && typeof json.document.csaf_version === 'string';

/** product_status lists, reduced to the four statuses matching uses (`recommended` says nothing about exposure). */
const STATUS_OF: Record<string, CsafProductStatus> = {
  known_affected: 'known_affected',
  first_affected: 'known_affected',
  last_affected: 'known_affected',
  fixed: 'fixed',
  first_fixed: 'fixed',
  known_not_affected: 'known_not_affected',
  under_investigation: 'under_investigation',
};

type Path = { vendor?: string; product?: string; family?: string; version?: string; versionRange?: string };

function fullProduct(value: unknown, path: Path): CsafProduct | undefined {
  if (!isObject(value)) return undefined;
  const productId = text(value.product_id);
  if (!productId) return undefined;
  const helper = isObject(value.product_identification_helper) ? value.product_identification_helper : {};
  const cpe = text(helper.cpe);
  const product = path.product ?? path.family;
  return {
    productId,
    name: text(value.name)?.trim() ?? productId,
    ...(path.vendor ? { vendor: path.vendor } : {}),
    ...(product ? { product } : {}),
    ...(path.version ? { version: path.version } : {}),
    ...(path.versionRange ? { versionRange: path.versionRange } : {}),
    ...(cpe ? { cpe } : {}),
  };
}

function walk(branches: unknown, path: Path, out: Map<string, CsafProduct>, problems: FeedProblem[], where: string) {
  if (!Array.isArray(branches)) return;
  branches.forEach((branch, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(branch)) return problems.push({ location: at, message: 'is not an object' });
    const name = text(branch.name)?.trim();
    const next: Path = { ...path };
    if (name) {
      if (branch.category === 'vendor') next.vendor = name;
      else if (branch.category === 'product_name') next.product = name;
      else if (branch.category === 'product_family') next.family ??= name;
      else if (branch.category === 'product_version') next.version = name;
      else if (branch.category === 'product_version_range') next.versionRange = name;
    }
    if (branch.product !== undefined) {
      const product = fullProduct(branch.product, next);
      if (product) out.set(product.productId, product);
      else problems.push({ location: `${at}.product`, message: 'has no product_id' });
    }
    walk(branch.branches, next, out, problems, `${at}.branches`);
  });
}

function productTree(tree: unknown, problems: FeedProblem[]): Map<string, CsafProduct> {
  const products = new Map<string, CsafProduct>();
  if (!isObject(tree)) return products;
  walk(tree.branches, {}, products, problems, 'product_tree.branches');
  if (Array.isArray(tree.full_product_names)) {
    tree.full_product_names.forEach((p, i) => {
      const name = isObject(p) ? text(p.name)?.trim() : undefined;
      const product = fullProduct(p, name ? { product: name } : {});
      if (product) products.set(product.productId, product);
      else problems.push({ location: `product_tree.full_product_names[${i}]`, message: 'has no product_id' });
    });
  }
  if (Array.isArray(tree.relationships)) {
    tree.relationships.forEach((r, i) => {
      const location = `product_tree.relationships[${i}]`;
      if (!isObject(r)) return problems.push({ location, message: 'is not an object' });
      const base = products.get(text(r.product_reference) ?? '');
      const relative = products.get(text(r.relates_to_product_reference) ?? '');
      const own = fullProduct(r.full_product_name, {});
      if (!base || !relative || !own) return problems.push({ location, message: 'refers to a product the tree does not define, or has no full_product_name' });
      const { relationship: _a, relativeTo: _b, ...relativeProduct } = relative;
      products.set(own.productId, {
        ...base,
        productId: own.productId,
        name: own.name,
        relationship: { category: text(r.category) ?? 'unknown', productId: base.productId, relativeToProductId: relative.productId },
        relativeTo: relativeProduct,
      });
    });
  }
  return products;
}

function summary(notes: unknown): string | undefined {
  if (!Array.isArray(notes)) return undefined;
  const note = notes.filter(isObject).find((n) => n.category === 'summary' || n.category === 'description');
  return note ? text(note.text) : undefined;
}

function cvss(scores: unknown) {
  if (!Array.isArray(scores)) return undefined;
  for (const key of ['cvss_v3', 'cvss_v2']) for (const s of scores) if (isObject(s) && cvssFrom(s[key])) return cvssFrom(s[key]);
  return undefined;
}

export function parseCsaf(json: Json): ParsedFeed {
  const problems: FeedProblem[] = [];
  const document = json.document as Json;
  const tracking = isObject(document.tracking) ? document.tracking : {};
  const advisoryId = text(tracking.id);
  if (!advisoryId) return { format: 'csaf', records: [], problems: [{ location: 'document.tracking.id', message: 'is missing: the advisory cannot be identified' }] };
  const products = productTree(json.product_tree, problems);
  const items = Array.isArray(json.vulnerabilities) ? json.vulnerabilities : [];
  const publishedAt = text(tracking.current_release_date);
  const records = eachRecord<unknown, VulnerabilityRecord>(
    items,
    (item, i) => `vulnerabilities[${i}]${isObject(item) && text(item.cve) ? ` (${text(item.cve)})` : ''}`,
    problems,
    (item, i) => {
      if (!isObject(item)) throw new RecordProblem('is not an object');
      const cve = item.cve === undefined ? undefined : text(item.cve)?.trim();
      if (item.cve !== undefined && (!cve || !CVE_ID.test(cve))) throw new RecordProblem(`cve ${JSON.stringify(item.cve)} is not a CVE id`);
      if (item.product_status !== undefined && !isObject(item.product_status)) throw new RecordProblem('product_status is not an object');
      const statuses = (item.product_status ?? {}) as Json;
      const listed: { product: CsafProduct; status: CsafProductStatus }[] = [];
      for (const [list, ids] of Object.entries(statuses)) {
        const status = STATUS_OF[list];
        if (!status) continue;
        if (!Array.isArray(ids)) throw new RecordProblem(`product_status.${list} is not a list`);
        for (const id of ids) {
          const product = typeof id === 'string' ? products.get(id) : undefined;
          // An unknown id loses only that product: the others still say who is affected.
          if (!product) problems.push({ location: `vulnerabilities[${i}].product_status.${list}`, message: `${JSON.stringify(id)} is not a product of the product tree` });
          else listed.push({ product, status });
        }
      }
      const title = text(item.title) ?? text(document.title);
      const description = summary(item.notes);
      const published = text(item.release_date) ?? text(tracking.initial_release_date);
      const score = cvss(item.scores);
      return {
        key: `csaf:${advisoryId}:${cve ?? i}`,
        source: 'csaf',
        vulnerabilityId: cve ?? advisoryId,
        advisoryId,
        ...(title ? { title } : {}),
        ...(description ? { description } : {}),
        ...(published ? { published } : {}),
        ...(publishedAt ? { modified: publishedAt } : {}),
        ...(score ? { cvss: score } : {}),
        applicability: { kind: 'csaf', advisoryId, products: listed },
      };
    },
  );
  return { format: 'csaf', records, problems, ...(publishedAt ? { publishedAt } : {}) };
}
