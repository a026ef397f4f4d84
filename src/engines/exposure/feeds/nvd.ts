/** NVD CVE API 2.0 responses (one CVE or a page): one record per `vulnerabilities[].cve`. */
import { parseCpe } from '../../cpe/cpe.js';
import type { FeedProblem, NvdConfiguration, NvdCpeMatch, NvdNode, ParsedFeed, VulnerabilityRecord } from '../model.js';
import { CVE_ID, cvssFrom, eachRecord, englishText, isObject, need, RecordProblem, text, type Json } from './common.js';

export const isNvd = (json: Json) => json.format === 'NVD_CVE' || (Array.isArray(json.vulnerabilities) && isObject(json.vulnerabilities[0]) && isObject(json.vulnerabilities[0].cve));

const BOUNDS = ['versionStartIncluding', 'versionStartExcluding', 'versionEndIncluding', 'versionEndExcluding'] as const;

function operator(value: unknown, where: string, optional: boolean): 'AND' | 'OR' | undefined {
  if (value === 'AND' || value === 'OR') return value;
  if (value === undefined && optional) return undefined;
  throw new RecordProblem(`${where}: operator must be AND or OR, found ${JSON.stringify(value)}`);
}

function cpeMatch(value: unknown, where: string): NvdCpeMatch {
  if (!isObject(value)) throw new RecordProblem(`${where} is not an object`);
  const criteria = need(text(value.criteria), `${where}: criteria is missing`);
  const parsed = parseCpe(criteria);
  if (!parsed.ok) throw new RecordProblem(`${where}: criteria '${criteria}': ${parsed.error}`);
  if (typeof value.vulnerable !== 'boolean') throw new RecordProblem(`${where}: vulnerable must be true or false`);
  const match: NvdCpeMatch = { vulnerable: value.vulnerable, criteria };
  const id = text(value.matchCriteriaId);
  if (id) match.matchCriteriaId = id;
  for (const bound of BOUNDS) {
    const v = value[bound];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !v.trim()) throw new RecordProblem(`${where}: ${bound} must be a version string`);
    match[bound] = v;
  }
  return match;
}

function configurations(value: unknown): NvdConfiguration[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new RecordProblem('configurations is not a list');
  return value.map((c, i) => {
    const where = `configurations[${i}]`;
    if (!isObject(c) || !Array.isArray(c.nodes)) throw new RecordProblem(`${where} has no list of nodes`);
    const nodes = c.nodes.map((n, j): NvdNode => {
      const at = `${where}.nodes[${j}]`;
      if (!isObject(n) || !Array.isArray(n.cpeMatch)) throw new RecordProblem(`${at} has no cpeMatch list`);
      if (n.negate !== undefined && typeof n.negate !== 'boolean') throw new RecordProblem(`${at}: negate must be true or false`);
      return {
        operator: operator(n.operator, at, false) as 'AND' | 'OR',
        ...(n.negate !== undefined ? { negate: n.negate } : {}),
        cpeMatch: n.cpeMatch.map((m, k) => cpeMatch(m, `${at}.cpeMatch[${k}]`)),
      };
    });
    const op = operator(c.operator, where, true);
    if (c.negate !== undefined && typeof c.negate !== 'boolean') throw new RecordProblem(`${where}: negate must be true or false`);
    return { ...(op ? { operator: op } : {}), ...(typeof c.negate === 'boolean' ? { negate: c.negate } : {}), nodes };
  });
}

function cvss(metrics: unknown) {
  if (!isObject(metrics)) return undefined;
  for (const [key, version] of [['cvssMetricV40', '4.0'], ['cvssMetricV31', '3.1'], ['cvssMetricV30', '3.0'], ['cvssMetricV2', '2.0']] as const) {
    const list = metrics[key];
    if (!Array.isArray(list)) continue;
    const chosen = list.filter(isObject).find((m) => m.type === 'Primary') ?? list.find(isObject);
    const data = isObject(chosen) ? chosen.cvssData : undefined;
    const result = cvssFrom(isObject(data) ? { baseSeverity: chosen?.baseSeverity, ...data } : undefined, version);
    if (result) return result;
  }
  return undefined;
}

export function parseNvd(json: Json): ParsedFeed {
  const problems: FeedProblem[] = [];
  const items = Array.isArray(json.vulnerabilities) ? json.vulnerabilities : [];
  if (!Array.isArray(json.vulnerabilities)) problems.push({ location: 'vulnerabilities', message: 'is not a list' });
  const records = eachRecord<unknown, VulnerabilityRecord>(
    items,
    (item, i) => {
      const id = isObject(item) && isObject(item.cve) ? text(item.cve.id) : undefined;
      return `vulnerabilities[${i}]${id ? ` (${id})` : ''}`;
    },
    problems,
    (item) => {
      if (!isObject(item) || !isObject(item.cve)) throw new RecordProblem('has no cve object');
      const cve = item.cve;
      const id = need(text(cve.id), 'cve.id is missing');
      if (!CVE_ID.test(id)) throw new RecordProblem(`cve.id '${id}' is not a CVE id`);
      const description = englishText(cve.descriptions);
      const published = text(cve.published);
      const modified = text(cve.lastModified);
      const score = cvss(cve.metrics);
      return {
        key: `nvd:${id}`,
        source: 'nvd',
        vulnerabilityId: id,
        ...(description ? { description } : {}),
        ...(published ? { published } : {}),
        ...(modified ? { modified } : {}),
        ...(score ? { cvss: score } : {}),
        applicability: { kind: 'nvd', configurations: configurations(cve.configurations) },
      };
    },
  );
  const publishedAt = text(json.timestamp);
  return { format: 'nvd', records, problems, ...(publishedAt ? { publishedAt } : {}) };
}
