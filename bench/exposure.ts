/**
 * `npm run bench:exposure`: the exposure matcher (src/engines/exposure) on a generated corpus shaped
 * like the NVD (bench/exposure-corpus.ts): BENCH_EXPOSURE_CVES (250000) CVEs against
 * BENCH_EXPOSURE_ASSETS (50000) assets. Every generated record and asset is round-tripped through JSON
 * (JSON.parse(JSON.stringify(...)), in the corpus module, before anything is timed): real records come
 * from feed files or the database, with flat strings, not the rope strings template literals build.
 *
 * Measures, in one run:
 * - the full match: building the index and matching every asset (goal: under 10 s), and the process's
 *   peak resident memory (goal: under 1.5 GB);
 * - an incremental update of 1,000 changed CVEs: upsert them into the index and re-match only the
 *   assets that share a product with them, against only those CVEs (goal: under 200 ms);
 * - the same answers as the naive matcher (every asset against every record, no index) on a subset,
 *   whose time is the baseline the indexed matcher is reported against.
 *
 * Settings: BENCH_EXPOSURE_CVES, BENCH_EXPOSURE_ASSETS, BENCH_EXPOSURE_PRODUCTS (20000),
 * BENCH_EXPOSURE_SUBSET_ASSETS (1000), BENCH_EXPOSURE_SUBSET_CVES (20000), BENCH_EXPOSURE_SEED (1).
 */
import { performance } from 'node:perf_hooks';
import { ExposureIndex, matchAll, matchAssetAgainst, naiveMatchAll, productKeysOfAsset, productKeysOfRecord } from '../src/engines/exposure/matcher.js';
import type { Match, MatchAsset, VulnerabilityRecord } from '../src/engines/exposure/model.js';
import { seeded as random } from '../src/engines/random.js';
import { changedRecord, generateAssets, generateRecords, type CorpusOptions } from './exposure-corpus.js';

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const options: CorpusOptions = {
  cves: setting('BENCH_EXPOSURE_CVES', 250_000),
  assets: setting('BENCH_EXPOSURE_ASSETS', 50_000),
  products: setting('BENCH_EXPOSURE_PRODUCTS', 20_000),
  seed: setting('BENCH_EXPOSURE_SEED', 1),
};
const subsetAssets = setting('BENCH_EXPOSURE_SUBSET_ASSETS', 1_000);
const subsetCves = setting('BENCH_EXPOSURE_SUBSET_CVES', 20_000);
const changes = 1_000;

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const log = (text: string) => console.error(`[bench] ${text}`);
const canonical = (matches: Match[]) =>
  matches
    .map((m) => `${m.asset} ${m.vulnerability} ${m.status} ${m.source} ${m.kev} ${m.evidence.fingerprint}`)
    .sort()
    .join('\n');

let started = performance.now();
const records = generateRecords(options);
const assets = generateAssets(options);
const kev = new Set(records.filter((_, i) => i % 180 === 0).map((r) => r.vulnerabilityId));
log(`generated ${records.length} CVEs and ${assets.length} assets in ${seconds(performance.now() - started)} s`);
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;

// The full match.
started = performance.now();
const index = new ExposureIndex(records);
const indexMs = performance.now() - started;
started = performance.now();
const matches = matchAll(assets, index, kev);
const matchMs = performance.now() - started;
const fullMs = indexMs + matchMs;
const affected = matches.filter((m) => m.status === 'affected').length;
log(`index ${seconds(indexMs)} s, match ${seconds(matchMs)} s: ${matches.length} matches (${affected} affected)`);
globalThis.gc?.();
const heapIndex = process.memoryUsage().heapUsed - heapBefore;

// The incremental update: what the exposure service does when a feed import changed 1,000 CVEs.
const rand = random(options.seed + 7);
const changed: VulnerabilityRecord[] = [];
for (let i = 0; i < changes; i++) changed.push(changedRecord(records[Math.floor(rand() * records.length)]!, rand));
const assetsByProduct = new Map<string, MatchAsset[]>();
for (const asset of assets) {
  for (const key of productKeysOfAsset(asset)) {
    const list = assetsByProduct.get(key);
    if (list) list.push(asset);
    else assetsByProduct.set(key, [asset]);
  }
}
started = performance.now();
for (const record of changed) index.upsert(record);
const touched = new Map<string, { asset: MatchAsset; records: VulnerabilityRecord[] }>();
for (const record of changed) {
  for (const key of productKeysOfRecord(record)) {
    for (const asset of assetsByProduct.get(key) ?? []) {
      const entry = touched.get(asset.id) ?? { asset, records: [] };
      if (!entry.records.includes(record)) entry.records.push(record);
      touched.set(asset.id, entry);
    }
  }
}
let incrementalMatches = 0;
for (const { asset, records: mine } of touched.values()) incrementalMatches += matchAssetAgainst(asset, mine, kev).length;
const incrementalMs = performance.now() - started;
log(`incremental: ${changes} changed CVEs, ${touched.size} assets re-matched, ${incrementalMatches} matches in ${incrementalMs.toFixed(1)} ms`);

// The naive matcher on a subset: the reference answers, and the baseline time.
const someAssets = assets.slice(0, subsetAssets);
const someRecords = records.slice(0, subsetCves);
started = performance.now();
const naive = naiveMatchAll(someAssets, someRecords, kev);
const naiveMs = performance.now() - started;
started = performance.now();
const indexed = matchAll(someAssets, new ExposureIndex(someRecords), kev);
const indexedMs = performance.now() - started;
const same = canonical(naive) === canonical(indexed);
log(`subset ${someAssets.length} × ${someRecords.length}: naive ${seconds(naiveMs)} s, indexed ${seconds(indexedMs)} s, same answers: ${same}`);

const peakRss = process.resourceUsage().maxRSS * 1024;
const rows = [
  '| measure | value | goal | met |',
  '|---|---:|---:|:---:|',
  `| full match: index + match of ${assets.length.toLocaleString('en')} assets × ${records.length.toLocaleString('en')} CVEs | ${seconds(fullMs)} s (index ${seconds(indexMs)}, match ${seconds(matchMs)}) | < 10 s | ${fullMs < 10_000 ? 'yes' : 'no'} |`,
  `| matches (affected / unknown) | ${affected} / ${matches.length - affected} | | |`,
  `| peak resident memory of the whole run | ${mb(peakRss)} MB | < 1,536 MB | ${peakRss < 1.5 * 1024 ** 3 ? 'yes' : 'no'} |`,
  `| heap held by the index (after GC) | ${mb(heapIndex)} MB | | |`,
  `| incremental update of ${changes} changed CVEs (${touched.size} assets re-matched) | ${incrementalMs.toFixed(1)} ms | < 200 ms | ${incrementalMs < 200 ? 'yes' : 'no'} |`,
  `| naive matcher (baseline), ${someAssets.length} × ${someRecords.length} | ${seconds(naiveMs)} s | | |`,
  `| indexed matcher, same subset | ${seconds(indexedMs)} s (${(naiveMs / Math.max(indexedMs, 0.001)).toFixed(0)} × faster than the baseline) | | |`,
  `| same answers as the naive matcher | ${same ? 'yes' : 'NO'} (${naive.length} matches) | identical | ${same ? 'yes' : 'no'} |`,
];
console.log(rows.join('\n'));
if (!same) process.exitCode = 1;
