/** CVE JSON 5 records (`dataType: "CVE_RECORD"`): the CNA's and every ADP's `affected` entries. */
import type { Cve5AffectedProduct, FeedProblem, ParsedFeed, VulnerabilityRecord } from '../model.js';
import { CVE_ID, cvssFrom, eachRecord, englishText, isObject, need, RecordProblem, text, type Json } from './common.js';

export const isCve5Record = (value: unknown): value is Json => isObject(value) && (value.dataType === 'CVE_RECORD' || (isObject(value.cveMetadata) && isObject(value.containers)));

const STATUSES = new Set(['affected', 'unaffected', 'unknown']);
type Status = 'affected' | 'unaffected' | 'unknown';

function status(value: unknown, where: string): Status {
  if (typeof value === 'string' && STATUSES.has(value)) return value as Status;
  throw new RecordProblem(`${where}: status must be affected, unaffected or unknown, found ${JSON.stringify(value)}`);
}

function affectedEntry(value: unknown, where: string): Cve5AffectedProduct {
  if (!isObject(value)) throw new RecordProblem(`${where} is not an object`);
  const entry: Cve5AffectedProduct = {};
  const vendor = text(value.vendor);
  const product = text(value.product);
  if (vendor !== undefined) entry.vendor = vendor;
  if (product !== undefined) entry.product = product;
  if (value.cpes !== undefined) {
    if (!Array.isArray(value.cpes) || !value.cpes.every((c) => typeof c === 'string')) throw new RecordProblem(`${where}.cpes must be a list of strings`);
    entry.cpes = value.cpes;
  }
  if (value.defaultStatus !== undefined) entry.defaultStatus = status(value.defaultStatus, `${where}.defaultStatus`);
  if (value.versions !== undefined) {
    if (!Array.isArray(value.versions)) throw new RecordProblem(`${where}.versions is not a list`);
    entry.versions = value.versions.map((v, i) => {
      const at = `${where}.versions[${i}]`;
      if (!isObject(v)) throw new RecordProblem(`${at} is not an object`);
      const version = need(text(v.version), `${at}: version is missing`);
      const item: NonNullable<Cve5AffectedProduct['versions']>[number] = { version, status: status(v.status, at) };
      for (const key of ['versionType', 'lessThan', 'lessThanOrEqual'] as const) {
        if (v[key] === undefined) continue;
        const s = text(v[key]);
        if (s === undefined) throw new RecordProblem(`${at}.${key} must be a string`);
        item[key] = s;
      }
      if (v.changes !== undefined) {
        if (!Array.isArray(v.changes)) throw new RecordProblem(`${at}.changes is not a list`);
        item.changes = v.changes.map((c, j) => {
          if (!isObject(c)) throw new RecordProblem(`${at}.changes[${j}] is not an object`);
          return { at: need(text(c.at), `${at}.changes[${j}]: at is missing`), status: status(c.status, `${at}.changes[${j}]`) };
        });
      }
      return item;
    });
  }
  if (!entry.product && !entry.cpes?.length) throw new RecordProblem(`${where} names neither a product nor CPEs`);
  return entry;
}

function cvss(metrics: unknown) {
  if (!Array.isArray(metrics)) return undefined;
  for (const key of ['cvssV4_0', 'cvssV3_1', 'cvssV3_0', 'cvssV2_0']) {
    for (const m of metrics) {
      const result = isObject(m) ? cvssFrom(m[key]) : undefined;
      if (result) return result;
    }
  }
  return undefined;
}

function record(json: Json): VulnerabilityRecord | undefined {
  if (!isObject(json.cveMetadata)) throw new RecordProblem('cveMetadata is missing');
  const id = need(text(json.cveMetadata.cveId), 'cveMetadata.cveId is missing');
  if (!CVE_ID.test(id)) throw new RecordProblem(`cveMetadata.cveId '${id}' is not a CVE id`);
  if (json.cveMetadata.state === 'REJECTED') return undefined; // a rejected CVE applies to nothing
  if (!isObject(json.containers) || !isObject(json.containers.cna)) throw new RecordProblem('containers.cna is missing');
  const cna = json.containers.cna;
  const containers = [{ name: 'containers.cna', container: cna }];
  if (json.containers.adp !== undefined) {
    if (!Array.isArray(json.containers.adp)) throw new RecordProblem('containers.adp is not a list');
    json.containers.adp.forEach((adp, i) => {
      if (!isObject(adp)) throw new RecordProblem(`containers.adp[${i}] is not an object`);
      containers.push({ name: `containers.adp[${i}]`, container: adp });
    });
  }
  const affected: Cve5AffectedProduct[] = [];
  for (const { name, container } of containers) {
    if (container.affected === undefined) continue;
    if (!Array.isArray(container.affected)) throw new RecordProblem(`${name}.affected is not a list`);
    container.affected.forEach((a, i) => affected.push(affectedEntry(a, `${name}.affected[${i}]`)));
  }
  const title = text(cna.title);
  const description = englishText(cna.descriptions);
  const published = text(json.cveMetadata.datePublished);
  const modified = text(json.cveMetadata.dateUpdated);
  const score = cvss(cna.metrics) ?? containers.slice(1).map((c) => cvss(c.container.metrics)).find(Boolean);
  return {
    key: `cve5:${id}`,
    source: 'cve5',
    vulnerabilityId: id,
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    ...(published ? { published } : {}),
    ...(modified ? { modified } : {}),
    ...(score ? { cvss: score } : {}),
    applicability: { kind: 'cve5', affected },
  };
}

/** One record, or a list of them (a bundle). */
export function parseCve5(json: Json | unknown[]): ParsedFeed {
  const problems: FeedProblem[] = [];
  const items = Array.isArray(json) ? json : [json];
  const records = eachRecord(
    items,
    (item, i) => {
      const id = isObject(item) && isObject(item.cveMetadata) ? text(item.cveMetadata.cveId) : undefined;
      return `${Array.isArray(json) ? `[${i}]` : 'record'}${id ? ` (${id})` : ''}`;
    },
    problems,
    (item) => {
      if (!isCve5Record(item)) throw new RecordProblem('is not a CVE record');
      return record(item);
    },
  );
  const first = items[0];
  const meta = isObject(first) && isObject(first.cveMetadata) ? first.cveMetadata : undefined;
  const publishedAt = Array.isArray(json) ? undefined : (text(meta?.dateUpdated) ?? text(meta?.datePublished));
  return { format: 'cve5', records, problems, ...(publishedAt ? { publishedAt } : {}) };
}
