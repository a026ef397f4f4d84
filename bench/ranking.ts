/**
 * Matching benchmark (`npm run bench:ranking`): 10,000 pipeline projects and 5,000 solution providers,
 * generated from a seed; p50/p95 of the top-10 providers for a project and the top-10 projects for a
 * provider, with the engine's index and with brute-force scoring of every pair in the same run, which
 * must give the same top-10. Goal: index p95 under 50 ms.
 * Settings: BENCH_RANKING_PROJECTS (10000), BENCH_RANKING_PROVIDERS (5000), BENCH_RANKING_QUERIES (200), BENCH_RANKING_SEED (42).
 */
import { performance } from 'node:perf_hooks';
import { seeded } from '../src/engines/random.js';
import {
  bruteForceProjectsForProvider,
  bruteForceProvidersForProject,
  buildRankingIndex,
  topProjectsForProvider,
  topProvidersForProject,
  type RankProject,
  type RankProvider,
  type Recommendation,
} from '../src/engines/ranking/ranking.js';

const projectCount = Number(process.env.BENCH_RANKING_PROJECTS ?? 10_000);
const providerCount = Number(process.env.BENCH_RANKING_PROVIDERS ?? 5_000);
const queries = Number(process.env.BENCH_RANKING_QUERIES ?? 200);
const random = seeded(Number(process.env.BENCH_RANKING_SEED ?? 42));

const sectors = ['transport', 'water', 'energy', 'waste', 'digital', 'buildings', 'health', 'public_safety', 'environment', 'other'];
const focusAreas = ['civic-social', 'health-well-being', 'safety-security', 'quality-environment', 'built-infrastructure', 'industry-innovation'];
const countries = ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN'];
// A vocabulary with a skewed (Zipf-like) use, as real text has: a few words everywhere, most rare.
const vocabulary = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);
vocabulary.splice(0, 12, 'water', 'flood', 'sensor', 'traffic', 'solar', 'waste', 'metering', 'drainage', 'transit', 'lighting', 'digital', 'grid');
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const zipfWord = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(vocabulary.length * random() ** 3))]!;
const words = (n: number) => Array.from({ length: n }, zipfWord).join(' ');
const some = <T>(list: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(list)))];

const projects: RankProject[] = Array.from({ length: projectCount }, (_, i) => ({
  id: `project-${i.toString().padStart(6, '0')}`,
  text: words(20 + Math.floor(random() * 60)),
  sector: pick(sectors),
  focusAreaId: pick(focusAreas),
  countryCode: pick(countries),
}));
const providers: RankProvider[] = Array.from({ length: providerCount }, (_, i) => ({
  id: `provider-${i.toString().padStart(6, '0')}`,
  // a company with one to four solutions, their text together
  text: Array.from({ length: 1 + Math.floor(random() * 4) }, () => words(30 + Math.floor(random() * 90))).join(' '),
  sectors: some(sectors, 3),
  focusAreaIds: some(focusAreas, 2),
  countries: some(countries, 4),
}));

const buildStart = performance.now();
const index = buildRankingIndex(projects, providers);
const buildMs = performance.now() - buildStart;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const key = (list: Recommendation[]) => list.map((r) => `${r.projectId}|${r.providerId}|${r.score}`).join(',');

function measure(ids: string[], run: (id: string) => Recommendation[]) {
  for (const id of ids.slice(0, 10)) run(id); // warm-up
  const times: number[] = [];
  const results = new Map<string, string>();
  for (const id of ids) {
    const start = performance.now();
    const top = run(id);
    times.push(performance.now() - start);
    results.set(id, key(top));
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1]!, results };
}

const projectIds = Array.from({ length: queries }, () => pick(projects).id);
const providerIds = Array.from({ length: queries }, () => pick(providers).id);
const rows = [
  { name: 'providers for a project', index: measure(projectIds, (id) => topProvidersForProject(index, id, 10)), brute: measure(projectIds, (id) => bruteForceProvidersForProject(index, id, 10)) },
  { name: 'projects for a provider', index: measure(providerIds, (id) => topProjectsForProvider(index, id, 10)), brute: measure(providerIds, (id) => bruteForceProjectsForProvider(index, id, 10)) },
];

const ms = (n: number) => n.toFixed(2).padStart(8);
console.log(`Ranking: ${projectCount} projects, ${providerCount} providers, ${queries} top-10 queries each; index built in ${buildMs.toFixed(0)} ms`);
console.log(`${'query'.padEnd(26)}${'engine'.padEnd(13)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'max ms'.padStart(8)}  p95 ratio  same top-10  p95 < 50 ms`);
let failed = false;
for (const row of rows) {
  const same = [...row.index.results].every(([id, top]) => row.brute.results.get(id) === top);
  const goal = row.index.p95 < 50;
  failed ||= !same || !goal;
  console.log(`${row.name.padEnd(26)}${'index'.padEnd(13)}${ms(row.index.p50)}${ms(row.index.p95)}${ms(row.index.max)}  ${'1.00'.padStart(9)}  ${(same ? 'yes' : 'NO').padStart(11)}  ${goal ? 'yes' : 'NO'}`);
  console.log(`${''.padEnd(26)}${'brute force'.padEnd(13)}${ms(row.brute.p50)}${ms(row.brute.p95)}${ms(row.brute.max)}  ${(row.brute.p95 / row.index.p95).toFixed(2).padStart(9)}`);
}
if (failed) {
  console.error('The ranking benchmark missed its goal or the index and brute force disagreed.');
  process.exitCode = 1;
}
