/**
 * A generated vulnerability corpus shaped like the real NVD, and a city inventory to match it against,
 * for `npm run bench:exposure`. Deterministic for a seed.
 *
 * Configuration shapes are drawn from the NVD API 2.0 sample page in data/reference/vulnerability-feeds
 * (single OR nodes with one to seventeen criteria, with and without version ranges; AND configurations
 * of a vulnerable firmware node and a non-vulnerable hardware node, repeated per device model; several
 * configurations per CVE). Vendors and products are synthetic; how many CVEs a product has follows a
 * Zipf law (a few products with thousands, most with a handful), as in the NVD.
 *
 * Every record and asset is round-tripped through JSON as soon as it is built (`flat`): real records come
 * from JSON.parse (feed files) or the database, whose strings are flat, while the template literals
 * that build criteria here make rope strings, which are slower to hash and compare and about twice as
 * big. Round-tripping each one as it is made (rather than the whole corpus afterwards) keeps the ropes
 * short-lived, so they do not inflate the run's peak memory either.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MatchAsset, NvdConfiguration, NvdCpeMatch, VulnerabilityRecord } from '../src/engines/exposure/model.js';
import { seeded as random } from '../src/engines/random.js';

type NodeShape = { vulnerable: number; platform: number; ranged: number };
type ConfigShape = { and: boolean; nodes: NodeShape[] };
type CveShape = ConfigShape[];

/** The shapes of the sample page's CVEs: per configuration, its nodes' criteria counts. */
export function sampleShapes(): CveShape[] {
  const file = path.join(import.meta.dirname, '../data/reference/vulnerability-feeds/nvd/search_full_page.json');
  const page = JSON.parse(fs.readFileSync(file, 'utf8')) as { vulnerabilities: { cve: { configurations?: NvdConfiguration[] } }[] };
  const shapes: CveShape[] = [];
  for (const { cve } of page.vulnerabilities) {
    const configs = cve.configurations ?? [];
    if (configs.length === 0) continue;
    shapes.push(
      configs.map((c) => ({
        and: c.operator === 'AND',
        nodes: c.nodes.map((n) => ({
          vulnerable: n.cpeMatch.filter((m) => m.vulnerable).length,
          platform: n.cpeMatch.filter((m) => !m.vulnerable).length,
          ranged: n.cpeMatch.filter((m) => m.versionEndExcluding || m.versionEndIncluding || m.versionStartIncluding || m.versionStartExcluding).length,
        })),
      })),
    );
  }
  return shapes;
}

/** Draws 0..n-1 with probability ∝ 1/(i+1): a Zipf law with exponent 1. */
function zipf(n: number, rand: () => number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / (i + 1);
  return () => {
    const target = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** A copy as a JSON reader would make it (see the module comment). */
const flat = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export type CorpusOptions = { cves: number; products: number; assets: number; seed: number };

const vendorOf = (product: number) => `vendor${product % 4000}`;
const firmwareCpe = (product: number, version = '*') => `cpe:2.3:o:${vendorOf(product)}:fw${product}_firmware:${version}:*:*:*:*:*:*:*`;
const hardwareCpe = (product: number) => `cpe:2.3:h:${vendorOf(product)}:fw${product}:-:*:*:*:*:*:*:*`;
const applicationCpe = (product: number, version = '*') => `cpe:2.3:a:${vendorOf(product)}:app${product}:${version}:*:*:*:*:*:*:*`;
const version = (rand: () => number) => `${1 + Math.floor(rand() * 9)}.${Math.floor(rand() * 10)}.${Math.floor(rand() * 20)}`;

/** `options.cves` NVD records; products 0..products-1, half firmware-on-hardware devices, half applications. */
export function generateRecords(options: CorpusOptions): VulnerabilityRecord[] {
  const rand = random(options.seed);
  const shapes = sampleShapes();
  const drawProduct = zipf(options.products, rand);
  const records: VulnerabilityRecord[] = [];
  for (let i = 0; i < options.cves; i++) {
    const shape = shapes[Math.floor(rand() * shapes.length)]!;
    const configurations: NvdConfiguration[] = shape.map((config) => {
      // Each configuration concerns one product family: its vulnerable criteria are versions of it,
      // and an AND configuration's platform node names the hardware the firmware runs on.
      const product = drawProduct();
      const device = product % 2 === 0;
      return {
        ...(config.and ? { operator: 'AND' as const } : {}),
        nodes: config.nodes.map((node) => {
          const cpeMatch: NvdCpeMatch[] = [];
          for (let k = 0; k < node.vulnerable; k++) {
            const ranged = k < node.ranged;
            const criteria = device ? firmwareCpe(product, ranged ? '*' : version(rand)) : applicationCpe(product, ranged ? '*' : version(rand));
            const match: NvdCpeMatch = { vulnerable: true, criteria };
            if (ranged) {
              const end = version(rand);
              if (rand() < 0.3) match.versionStartIncluding = `1.${Math.floor(rand() * 10)}.0`;
              if (rand() < 0.7) match.versionEndExcluding = end;
              else match.versionEndIncluding = end;
            }
            cpeMatch.push(match);
          }
          for (let k = 0; k < node.platform; k++) cpeMatch.push({ vulnerable: false, criteria: hardwareCpe(device ? product : product + 1) });
          return { operator: 'OR' as const, negate: false, cpeMatch };
        }),
      };
    });
    const id = `CVE-${2000 + (i % 26)}-${String(100000 + i)}`;
    records.push(
      flat<VulnerabilityRecord>({
        key: `nvd:${id}`,
        source: 'nvd',
        vulnerabilityId: id,
        description: `Generated vulnerability ${i}`,
        cvss: { version: '3.1', baseScore: Math.round(rand() * 100) / 10 },
        applicability: { kind: 'nvd', configurations },
      }),
    );
  }
  return records;
}

/**
 * `options.assets` assets: devices (hardware + firmware) and applications, products drawn uniformly
 * (cities deploy many products, each in a few places), a tenth with no version or an odd one.
 */
export function generateAssets(options: CorpusOptions): MatchAsset[] {
  const rand = random(options.seed + 1);
  const assets: MatchAsset[] = [];
  for (let i = 0; i < options.assets; i++) {
    const product = Math.floor(rand() * options.products);
    const roll = rand();
    const v = roll < 0.05 ? '-' : roll < 0.1 ? `V${version(rand)}` : version(rand);
    const components =
      product % 2 === 0
        ? [
            { id: `${i}-hw`, cpes: [hardwareCpe(product)] },
            { id: `${i}-fw`, version: v, cpes: [firmwareCpe(product, v)] },
          ]
        : [{ id: `${i}-app`, version: v, cpes: [applicationCpe(product, v)] }];
    assets.push(flat<MatchAsset>({ id: `asset-${i}`, components }));
  }
  return assets;
}

/** A copy of `record` with its version bounds moved: what a feed update of a CVE looks like. */
export function changedRecord(record: VulnerabilityRecord, rand: () => number): VulnerabilityRecord {
  if (record.applicability.kind !== 'nvd') return record;
  const configurations = record.applicability.configurations.map((c) => ({
    ...c,
    nodes: c.nodes.map((n) => ({
      ...n,
      cpeMatch: n.cpeMatch.map((m) => (m.versionEndExcluding ? { ...m, versionEndExcluding: version(rand) } : m)),
    })),
  }));
  return flat<VulnerabilityRecord>({ ...record, modified: new Date().toISOString(), applicability: { kind: 'nvd', configurations } });
}
