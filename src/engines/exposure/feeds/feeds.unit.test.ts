import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedFeed, VulnerabilityRecord } from '../model.js';
import { detectFormat, parseFeed } from './index.js';

const root = path.resolve('data/reference/vulnerability-feeds');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const files = (dir: string) => fs.readdirSync(path.join(root, dir)).map((f) => path.join(dir, f));

function parse(file: string, text = read(file)): ParsedFeed {
  const result = parseFeed(path.basename(file), text);
  if (!result.ok) throw new Error(result.error);
  return result.feed;
}
const records = (feed: ParsedFeed): VulnerabilityRecord[] => ('records' in feed ? feed.records : []);

describe('sample feeds', () => {
  it('detects every file by content and refuses the schemas, the index and the notes', () => {
    for (const file of files('nvd')) expect(detectFormat(file, read(file)), file).toBe('nvd');
    expect(detectFormat('CVEv5_basic-example.json', read('cve5/CVEv5_basic-example.json'))).toBe('cve5');
    expect(detectFormat('CVEv5_advanced-example.json', read('cve5/CVEv5_advanced-example.json'))).toBe('cve5');
    expect(detectFormat('kev.json', read('kev/known_exploited_vulnerabilities.json'))).toBe('kev');
    for (const file of files('csaf').filter((f) => f.endsWith('.json'))) expect(detectFormat(file, read(file)), file).toBe('csaf');
    for (const file of ['cve5/CVE_JSON_bundled_5.1.1.schema.json', 'kev/known_exploited_vulnerabilities_schema.json', 'csaf/INDEX.tsv', 'SOURCES.md']) {
      expect(detectFormat(file, read(file)), file).toBeUndefined();
      expect(parseFeed(file, read(file)).ok, file).toBe(false);
    }
  });

  it('reads NVD pages and single responses', () => {
    const page = parse('nvd/search_full_page.json');
    expect(page).toMatchObject({ format: 'nvd', problems: [], publishedAt: '2023-03-14T17:08:31.140' });
    expect(records(page)).toHaveLength(47);
    const exchange = records(parse('nvd/CVE-2021-26855.json'));
    expect(exchange).toHaveLength(1);
    expect(exchange[0]).toMatchObject({ key: 'nvd:CVE-2021-26855', vulnerabilityId: 'CVE-2021-26855', source: 'nvd', cvss: { version: '3.1', baseScore: 9.8 } });
    expect(exchange[0]?.description).toContain('Exchange');
    // The upstream quirk: this file holds CVE-2021-45357.
    expect(records(parse('nvd/CVE-2022-24646.json')).map((r) => r.vulnerabilityId)).toEqual(['CVE-2021-45357']);
    const firmware = records(page).find((r) => r.vulnerabilityId === 'CVE-2022-20699');
    const configuration = firmware?.applicability.kind === 'nvd' ? firmware.applicability.configurations[0] : undefined;
    expect(configuration).toMatchObject({ operator: 'AND', nodes: [{ operator: 'OR', negate: false }, { operator: 'OR', negate: false }] });
  });

  it('reads CVE 5 records', () => {
    const basic = records(parse('cve5/CVEv5_basic-example.json'));
    expect(basic).toEqual([expect.objectContaining({ key: 'cve5:CVE-1337-1234', source: 'cve5' })]);
    const advanced = records(parse('cve5/CVEv5_advanced-example.json'))[0];
    expect(advanced?.applicability.kind === 'cve5' && advanced.applicability.affected[0]?.versions).toHaveLength(3);
    expect(advanced?.title).toBeTruthy();
  });

  it('reads the KEV catalogue', () => {
    const kev = parse('kev/known_exploited_vulnerabilities.json');
    expect(kev).toMatchObject({ format: 'kev', catalogVersion: '2025.08.25', publishedAt: '2025-08-25T17:04:19.9796Z', problems: [] });
    expect(kev.format === 'kev' && kev.entries).toHaveLength(1404);
    expect(kev.format === 'kev' && kev.entries.some((e) => e.cveId === 'CVE-2021-26855')).toBe(true);
  });

  it('reads every CSAF advisory: one record per vulnerability, products resolved from the tree', () => {
    for (const file of files('csaf').filter((f) => f.endsWith('.json'))) {
      const json = JSON.parse(read(file));
      const feed = parse(file);
      expect(feed.problems, file).toEqual([]);
      expect(records(feed), file).toHaveLength(json.vulnerabilities.length);
      expect((feed as { publishedAt?: string }).publishedAt, file).toBe(json.document.tracking.current_release_date);
      for (const record of records(feed)) {
        expect(record.key, file).toBe(`csaf:${json.document.tracking.id}:${record.vulnerabilityId}`);
        expect(record.applicability.kind === 'csaf' && record.applicability.products.length, file).toBeGreaterThan(0);
      }
    }
    const xcm = records(parse('csaf/icsa-23-103-09.json'));
    expect(xcm[0]?.applicability).toMatchObject({
      kind: 'csaf',
      advisoryId: 'ICSA-23-103-09',
      products: [{ status: 'known_affected', product: { productId: 'CSAFPID-0001', vendor: 'Siemens', product: 'SCALANCE XCM332 (6GK5332-0GA01-2AC2)', versionRange: 'vers:all/<V2.2' } }],
    });
    const adminer = records(parse('csaf/va-24-201-01.json'))[0];
    const statuses = adminer?.applicability.kind === 'csaf' ? adminer.applicability.products.map((p) => `${p.product.productId}:${p.status}`) : [];
    expect(statuses.sort()).toEqual(['CSAFPID-0006:known_affected', 'CSAFPID-0007:known_affected', 'CSAFPID-0009:fixed', 'CSAFPID-0077:known_affected']);
  });
});

describe('malformed records are reported and skipped', () => {
  it('NVD: a bad CPE and a missing id', () => {
    const json = JSON.parse(read('nvd/search_full_page.json'));
    json.vulnerabilities[2].cve.configurations[0].nodes[0].cpeMatch[0].criteria = 'cpe:2.3:a:vendor';
    delete json.vulnerabilities[5].cve.id;
    const feed = parse('page.json', JSON.stringify(json));
    expect(records(feed)).toHaveLength(45);
    expect(feed.problems).toHaveLength(2);
    expect(feed.problems[0]?.location).toMatch(/^vulnerabilities\[2\] \(CVE-/);
    expect(feed.problems[0]?.message).toContain('configurations[0].nodes[0].cpeMatch[0]: criteria');
    expect(feed.problems[1]).toEqual({ location: 'vulnerabilities[5]', message: 'cve.id is missing' });
  });

  it('CSAF: a vulnerability with a bad status list, an unknown product id', () => {
    const json = JSON.parse(read('csaf/icsa-23-103-09.json'));
    json.vulnerabilities[1].product_status = { known_affected: 'CSAFPID-0001' };
    json.vulnerabilities[2].product_status.known_affected.push('CSAFPID-9999');
    const feed = parse('advisory.json', JSON.stringify(json));
    expect(records(feed)).toHaveLength(9);
    expect(feed.problems).toEqual([
      { location: 'vulnerabilities[1] (CVE-2022-1652)', message: 'product_status.known_affected is not a list' },
      { location: 'vulnerabilities[2].product_status.known_affected', message: '"CSAFPID-9999" is not a product of the product tree' },
    ]);
  });

  it('CVE 5: a bad version status; KEV: an entry without an id', () => {
    const json = JSON.parse(read('cve5/CVEv5_advanced-example.json'));
    json.containers.cna.affected[0].versions[1].status = 'maybe';
    const cve5 = parse('cve.json', JSON.stringify(json));
    expect(records(cve5)).toEqual([]);
    expect(cve5.problems[0]).toMatchObject({ location: 'record (CVE-1337-1234)', message: expect.stringContaining('containers.cna.affected[0].versions[1]: status') });
    const kevJson = JSON.parse(read('kev/known_exploited_vulnerabilities.json'));
    delete kevJson.vulnerabilities[10].cveID;
    const kev = parse('kev.json', JSON.stringify(kevJson));
    expect(kev.format === 'kev' && kev.entries).toHaveLength(1403);
    expect(kev.problems).toEqual([{ location: 'vulnerabilities[10]', message: 'cveID is missing' }]);
  });

  it('a file that is not JSON at all is refused', () => {
    expect(parseFeed('broken.json', '{"vulnerabilities": [')).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
  });
});

describe('EPSS', () => {
  const csv = [
    '#model_version:v2023.03.01,score_date:2023-03-15T00:00:00+0000',
    'cve,epss,percentile',
    'CVE-2021-26855,0.97538,0.99998',
    'CVE-2023-0451,0.00100,0.40500',
    'not-a-cve,0.5,0.5',
    'CVE-2023-0452,1.7,0.2',
    '',
  ].join('\n');

  it('reads the model line, the scores, and reports bad rows', () => {
    expect(detectFormat('epss.csv', csv)).toBe('epss');
    const feed = parse('epss.csv', csv);
    expect(feed).toMatchObject({ format: 'epss', modelVersion: 'v2023.03.01', scoreDate: '2023-03-15T00:00:00+0000' });
    expect(feed.format === 'epss' && feed.scores).toEqual([
      { cveId: 'CVE-2021-26855', epss: 0.97538, percentile: 0.99998 },
      { cveId: 'CVE-2023-0451', epss: 0.001, percentile: 0.405 },
    ]);
    expect(feed.problems).toEqual([
      { location: 'line 5', message: "'not-a-cve' is not a CVE id" },
      { location: 'line 6', message: 'epss and percentile must be numbers between 0 and 1' },
    ]);
  });

  it('accepts a file without the model line', () => {
    const feed = parse('scores.csv', 'cve,epss,percentile\nCVE-2021-26855,0.9,0.99\n');
    expect(feed.format === 'epss' && feed.scores).toHaveLength(1);
  });
});
