/**
 * EPSS scores (CSV): an optional first line `#model_version:v2023.03.01,score_date:2023-03-15T00:00:00+0000`,
 * the header `cve,epss,percentile`, then one row per CVE.
 */
import type { EpssScore, FeedProblem, ParsedFeed } from '../model.js';
import { CVE_ID } from './common.js';

const HEADER = /^cve,epss,percentile\s*$/i;

export function isEpss(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/, 2);
  return (lines[0]?.startsWith('#model_version') ?? false) || HEADER.test(lines[0] ?? '');
}

export function parseEpss(text: string): ParsedFeed {
  const problems: FeedProblem[] = [];
  const scores: EpssScore[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let modelVersion: string | undefined;
  let scoreDate: string | undefined;
  let start = 0;
  if (lines[0]?.startsWith('#')) {
    for (const part of lines[0].slice(1).split(',')) {
      const at = part.indexOf(':');
      const key = part.slice(0, at).trim();
      const value = part.slice(at + 1).trim();
      if (key === 'model_version') modelVersion = value;
      if (key === 'score_date') scoreDate = value;
    }
    start = 1;
  }
  if (HEADER.test(lines[start] ?? '')) start++;
  for (let i = start; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!line) continue;
    const [cveId = '', epss, percentile, extra] = line.split(',').map((c) => c.trim());
    const e = Number(epss);
    const p = Number(percentile);
    const problem = !CVE_ID.test(cveId)
      ? `'${cveId}' is not a CVE id`
      : extra !== undefined || epss === undefined || percentile === undefined
        ? 'expected three columns: cve,epss,percentile'
        : !(epss !== '' && e >= 0 && e <= 1) || !(percentile !== '' && p >= 0 && p <= 1)
          ? 'epss and percentile must be numbers between 0 and 1'
          : undefined;
    if (problem) problems.push({ location: `line ${i + 1}`, message: problem });
    else scores.push({ cveId, epss: e, percentile: p });
  }
  return { format: 'epss', scores, problems, ...(modelVersion ? { modelVersion } : {}), ...(scoreDate ? { scoreDate } : {}) };
}
