/**
 * CVE JSON 5 `affected[]` entries: the status of a version under `versions` and `defaultStatus`,
 * following the algorithm in the CVE 5 schema (first matching entry wins; within a range, the last
 * `changes` entry at or below the version sets the status). Pure.
 *
 * Comparison uses compareVersions whatever the versionType (except `git`, whose commits cannot be
 * ordered: only exact single versions match). `lessThan: "*"` has no upper end; `lessThan: "2.1.*"`
 * is above every 2.1.x; `version: "0"` is the conventional "earliest version" and is below anything.
 * When an entry cannot be decided (a comparison is 'unknown'), the answer is 'unknown' rather than a
 * guess; so is a version no entry covers when defaultStatus is absent or 'unknown'.
 */
import { compareParsed, parseVersion, type Comparison, type ParsedVersion } from './compare.js';

export type Cve5Status = 'affected' | 'unaffected' | 'unknown';
export type Cve5Version = {
  version: string;
  status: Cve5Status;
  versionType?: string;
  lessThan?: string;
  lessThanOrEqual?: string;
  changes?: { at: string; status: Cve5Status }[];
};
export type Cve5Affected = { versions?: Cve5Version[]; defaultStatus?: Cve5Status };

/** v compared with a bound that may end in a wildcard (`*`, `2.1.*`, `2.1.x`), which is above all it covers. */
function compareToBound(v: ParsedVersion, bound: string): Comparison {
  const text = bound.trim();
  if (text === '*') return -1;
  const wildcard = /^(.*?)[.]?[*x]$/i.exec(text);
  if (wildcard?.[1] !== undefined && /[.*]/.test(text.slice(-2))) {
    const prefix = parseVersion(wildcard[1]);
    const first = v.segments[0];
    if (!prefix || prefix.segments.length !== 1 || prefix.segments[0]?.kind !== 'num' || first?.kind !== 'num') return 'unknown';
    const length = prefix.segments[0].values.length;
    const head: ParsedVersion = { text: v.text, segments: [{ kind: 'num', values: first.values.slice(0, length) }] };
    const c = compareParsed(head, prefix);
    return c === 0 ? -1 : c;
  }
  const b = parseVersion(text);
  return b ? compareParsed(v, b) : 'unknown';
}

function compareToStart(v: ParsedVersion, start: string): Comparison {
  if (start.trim() === '0') return 1;
  return compareToBound(v, start);
}

/** The CVE 5 status of a version for one `affected[]` entry. */
export function evaluateCve5Affected(entry: Cve5Affected, version: string): Cve5Status {
  const fallback = entry.defaultStatus ?? 'unknown';
  const v = parseVersion(version);
  for (const item of entry.versions ?? []) {
    const isGit = item.versionType?.toLowerCase() === 'git';
    if (item.lessThan === undefined && item.lessThanOrEqual === undefined) {
      if (item.version.trim() === version.trim()) return item.status;
      if (isGit) continue;
      if (!v) return 'unknown';
      const c = compareToStart(v, item.version);
      if (c === 'unknown') return 'unknown';
      if (c === 0 && item.version.trim() !== '0') return item.status;
      continue;
    }
    if (!v || isGit) return 'unknown';
    const low = compareToStart(v, item.version);
    const high = item.lessThan !== undefined ? compareToBound(v, item.lessThan) : compareToBound(v, item.lessThanOrEqual as string);
    if (low === 'unknown' || high === 'unknown') return 'unknown';
    const inside = low >= 0 && (item.lessThan !== undefined ? high < 0 : high <= 0);
    if (!inside) continue;
    let status = item.status;
    const changes: { at: ParsedVersion; status: Cve5Status }[] = [];
    for (const change of item.changes ?? []) {
      const at = parseVersion(change.at);
      if (!at) return 'unknown';
      changes.push({ at, status: change.status });
    }
    let unsortable = false;
    changes.sort((x, y) => {
      const c = compareParsed(x.at, y.at);
      if (c === 'unknown') unsortable = true;
      return c === 'unknown' ? 0 : c;
    });
    if (unsortable) return 'unknown';
    for (const change of changes) {
      const c = compareParsed(change.at, v);
      if (c === 'unknown') return 'unknown';
      if (c <= 0) status = change.status;
    }
    return status;
  }
  return fallback;
}
