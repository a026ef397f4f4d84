import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from './feeds/index.js';
import { ExposureIndex, matchAll, matchAssetAgainst, naiveMatchAll, normaliseName, productKeysOfAsset, productKeysOfRecord } from './matcher.js';
import type { MatchAsset, MatchComponent, NvdConfiguration, NvdCpeMatch, VulnerabilityRecord } from './model.js';

const root = path.resolve('data/reference/vulnerability-feeds');
function sample(file: string): VulnerabilityRecord[] {
  const result = parseFeed(file, fs.readFileSync(path.join(root, file), 'utf8'));
  if (!result.ok || !('records' in result.feed)) throw new Error(`cannot read ${file}`);
  return result.feed.records;
}
const asset = (id: string, ...components: Partial<MatchComponent>[]): MatchAsset => ({ id, components: components.map((c) => ({ cpes: [], ...c })) });
const nvd = (id: string, ...configurations: NvdConfiguration[]): VulnerabilityRecord => ({
  key: `nvd:${id}`,
  source: 'nvd',
  vulnerabilityId: id,
  applicability: { kind: 'nvd', configurations },
});
const or = (...cpeMatch: NvdCpeMatch[]) => ({ operator: 'OR' as const, negate: false, cpeMatch });
const vulnerable = (criteria: string, bounds: Partial<NvdCpeMatch> = {}): NvdCpeMatch => ({ vulnerable: true, criteria, ...bounds });
const platform = (criteria: string): NvdCpeMatch => ({ vulnerable: false, criteria });
const match = (a: MatchAsset, records: VulnerabilityRecord[], kev: string[] = []) => matchAssetAgainst(a, records, new Set(kev));

const FIRMWARE = 'cpe:2.3:o:cisco:rv340_firmware:*:*:*:*:*:*:*:*';
const HARDWARE = 'cpe:2.3:h:cisco:rv340:-:*:*:*:*:*:*:*';
const firmwareCve = nvd('CVE-2022-20699', { operator: 'AND', nodes: [or(vulnerable(FIRMWARE, { versionEndIncluding: '1.0.03.24' })), or(platform(HARDWARE))] });

describe('names', () => {
  it('CPE values and free text meet', () => {
    expect(normaliseName('Schneider Electric ')).toBe('schneider_electric');
    expect(normaliseName('schneider-electric')).toBe('schneider_electric');
    expect(normaliseName('  Ünïcode--Name!! ')).toBe('unicode_name');
    const record = nvd('CVE-2000-0001', { nodes: [or(vulnerable('cpe:2.3:a:schneider-electric:ecostruxure_it_gateway:*:*:*:*:*:*:*:*'))] });
    expect(productKeysOfRecord(record)).toContain('schneiderelectric:ecostruxureitgateway');
    expect(productKeysOfAsset(asset('a', { vendor: 'Schneider Electric', product: 'EcoStruxure IT Gateway' }))).toContain('schneiderelectric:ecostruxureitgateway');
    expect(match(asset('a', { vendor: 'Schneider Electric', product: 'EcoStruxure IT Gateway', version: '1.0' }), [record])).toMatchObject([{ status: 'affected' }]);
  });
});

describe('NVD configurations', () => {
  it('OR: any vulnerable criterion; exact versions from the CPE (Exchange ProxyLogon)', () => {
    const records = sample('nvd/CVE-2021-26855.json');
    const exchange = asset('mail', { cpes: ['cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_8:*:*:*:*:*:*'] });
    expect(match(exchange, records, ['CVE-2021-26855'])).toEqual([
      expect.objectContaining({ asset: 'mail', vulnerability: 'CVE-2021-26855', status: 'affected', source: 'nvd', kev: true }),
    ]);
    const [found] = match(exchange, records);
    expect(found?.evidence).toMatchObject({ kind: 'nvd-configuration', criteria: ['cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_8:*:*:*:*:*:*'] });
    expect(found?.evidence.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(match(asset('x', { cpes: ['cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_99:*:*:*:*:*:*'] }), records)).toEqual([]);
    // An unspecified update meets the criterion for the base release (`2019:-`)...
    expect(match(asset('x', { cpes: ['cpe:2.3:a:microsoft:exchange_server:2019:*:*:*:*:*:*:*'] }), records)).toMatchObject([{ status: 'affected' }]);
    // ...but where only named updates are affected, not saying which one stays visible as unknown.
    const onlyUpdates = nvd('CVE-2000-0005', { nodes: [or(vulnerable('cpe:2.3:a:microsoft:exchange_server:2016:cumulative_update_8:*:*:*:*:*:*'))] });
    const vague = match(asset('x', { cpes: ['cpe:2.3:a:microsoft:exchange_server:2016:*:*:*:*:*:*:*'] }), [onlyUpdates]);
    expect(vague).toMatchObject([{ status: 'unknown', evidence: { reason: expect.stringContaining('update') } }]);
    expect(match(asset('x', { cpes: ['cpe:2.3:a:microsoft:exchange_server:*:*:*:*:*:*:*:*'] }), records)).toMatchObject([{ status: 'unknown' }]);
  });

  it('AND with platform context: the firmware CVE needs the hardware present', () => {
    const firmwareOnly = asset('fw', { cpes: ['cpe:2.3:o:cisco:rv340_firmware:1.0.03.20:*:*:*:*:*:*:*'] });
    expect(match(firmwareOnly, [firmwareCve])).toEqual([]);
    const hardwareOnly = asset('hw', { cpes: [HARDWARE] });
    expect(match(hardwareOnly, [firmwareCve])).toEqual([]);
    const router = asset('router', { id: 'firmware', cpes: ['cpe:2.3:o:cisco:rv340_firmware:1.0.03.20:*:*:*:*:*:*:*'] }, { id: 'chassis', cpes: [HARDWARE] });
    expect(match(router, [firmwareCve])).toMatchObject([
      { status: 'affected', evidence: { component: 'firmware', criteria: [`${FIRMWARE} <=1.0.03.24`], platform: [HARDWARE], assetVersion: '1.0.03.20' } },
    ]);
    const patched = asset('router', { cpes: ['cpe:2.3:o:cisco:rv340_firmware:1.0.03.26:*:*:*:*:*:*:*'] }, { cpes: [HARDWARE] });
    expect(match(patched, [firmwareCve])).toEqual([]);
    // The same from text alone: vendor/product/version meet the criteria.
    const typed = asset('typed', { vendor: 'Cisco', product: 'RV340 firmware', version: '1.0.03.20' }, { vendor: 'Cisco', product: 'RV340' });
    expect(match(typed, [firmwareCve])).toMatchObject([{ status: 'affected' }]);
  });

  it('the sample page: a D-Link router with and without its hardware', () => {
    const page = sample('nvd/search_full_page.json');
    const firmware = { cpes: ['cpe:2.3:o:dlink:dir-x1860_firmware:1.02:*:*:*:*:*:*:*'] };
    expect(match(asset('r', firmware), page)).toEqual([]);
    expect(match(asset('r', firmware, { cpes: ['cpe:2.3:h:dlink:dir-x1860:-:*:*:*:*:*:*:*'] }), page).map((m) => m.vulnerability)).toEqual(['CVE-2021-41445']);
  });

  it('negate on a node: the asset is affected unless the negated product is present', () => {
    const record = nvd('CVE-2000-0002', {
      operator: 'AND',
      nodes: [or(vulnerable('cpe:2.3:a:acme:portal:*:*:*:*:*:*:*:*')), { operator: 'OR', negate: true, cpeMatch: [platform('cpe:2.3:o:acme:hardened_os:*:*:*:*:*:*:*:*')] }],
    });
    const portal = { cpes: ['cpe:2.3:a:acme:portal:2.0:*:*:*:*:*:*:*'] };
    expect(match(asset('a', portal), [record])).toMatchObject([{ status: 'affected', evidence: { platform: [] } }]);
    expect(match(asset('a', portal, { cpes: ['cpe:2.3:o:acme:hardened_os:1:*:*:*:*:*:*:*'] }), [record])).toEqual([]);
  });

  it('version bounds: including and excluding ends', () => {
    const record = nvd('CVE-2000-0003', {
      nodes: [or(vulnerable('cpe:2.3:a:acme:portal:*:*:*:*:*:*:*:*', { versionStartIncluding: '2.0', versionEndExcluding: '2.4' }), vulnerable('cpe:2.3:a:acme:portal:*:*:*:*:*:*:*:*', { versionStartExcluding: '3.0', versionEndIncluding: '3.2' }))],
    });
    const at = (version: string) => match(asset('a', { cpes: [`cpe:2.3:a:acme:portal:${version}:*:*:*:*:*:*:*`] }), [record]).map((m) => m.status);
    expect(at('1.9')).toEqual([]);
    expect(at('2.0')).toEqual(['affected']);
    expect(at('2.3.9')).toEqual(['affected']);
    expect(at('2.4')).toEqual([]);
    expect(at('3.0')).toEqual([]);
    expect(at('3.2')).toEqual(['affected']);
    expect(at('3.2.1')).toEqual([]);
  });

  it('no version, version ANY or "-", or versions that do not compare: unknown with a reason', () => {
    const record = nvd('CVE-2000-0004', { nodes: [or(vulnerable('cpe:2.3:a:acme:portal:*:*:*:*:*:*:*:*', { versionEndExcluding: '2.4' }))] });
    for (const a of [
      asset('any', { cpes: ['cpe:2.3:a:acme:portal:*:*:*:*:*:*:*:*'] }),
      asset('na', { cpes: ['cpe:2.3:a:acme:portal:-:*:*:*:*:*:*:*'] }),
      asset('text', { vendor: 'Acme', product: 'Portal' }),
      asset('odd', { cpes: ['cpe:2.3:a:acme:portal:release_candidate:*:*:*:*:*:*:*'] }),
      asset('scheme', { vendor: 'acme', product: 'portal', version: 'R2023a' }),
    ]) {
      expect(match(a, [record]), a.id).toMatchObject([{ status: 'unknown', evidence: { reason: expect.any(String) } }]);
    }
    // A version given beside a CPE without one is used.
    expect(match(asset('both', { cpes: ['cpe:2.3:a:acme:portal:*:*:*:*:*:*:*:*'], version: '2.1' }), [record])).toMatchObject([{ status: 'affected' }]);
  });
});

describe('CVE 5', () => {
  const records = sample('cve5/CVEv5_advanced-example.json');
  const example = (version?: string) => asset('ex', { vendor: 'Example.org', product: 'Example Enterprise', ...(version ? { version } : {}) });

  it('matches vendor and product, then the versions and their changes', () => {
    expect(match(example('1.0.3'), records)).toMatchObject([{ vulnerability: 'CVE-1337-1234', status: 'affected', source: 'cve5', evidence: { kind: 'cve5-affected', vendor: 'Example.org', product: 'Example Enterprise', assetVersion: '1.0.3' } }]);
    expect(match(example('1.0.6'), records)).toEqual([]);
    expect(match(example('2.1.7'), records)).toMatchObject([{ status: 'affected' }]);
    expect(match(example('2.1.9'), records)).toEqual([]);
    expect(match(example(), records)).toMatchObject([{ status: 'unknown', evidence: { reason: 'the asset gives no version' } }]);
    expect(match(asset('other', { vendor: 'Example.org', product: 'Other Product', version: '1.0.3' }), records)).toEqual([]);
  });
});

describe('CSAF', () => {
  it('Econolite EOS: the ad-hoc range "< 3.2.23"', () => {
    const records = sample('csaf/icsa-23-026-02.json');
    const eos = (version: string) => match(asset('signal', { vendor: 'Econolite', product: 'EOS', version }), records);
    expect(eos('3.2.22').map((m) => [m.vulnerability, m.status, m.source])).toEqual([
      ['CVE-2023-0451', 'affected', 'csaf'],
      ['CVE-2023-0452', 'affected', 'csaf'],
    ]);
    expect(eos('3.2.22')[0]?.evidence).toMatchObject({ kind: 'csaf-product', vendor: 'Econolite', product: 'EOS', range: '< 3.2.23', productId: 'CSAFPID-0001' });
    expect(eos('3.2.23')).toEqual([]);
  });

  it('Siemens SCALANCE XCM332: the vers: range, with the order number in the name', () => {
    const records = sample('csaf/icsa-23-103-09.json');
    const xcm = (version: string) => match(asset('switch', { vendor: 'Siemens', product: 'SCALANCE XCM332', version }), records);
    expect(xcm('V2.1')).toHaveLength(10);
    expect(xcm('V2.1').every((m) => m.status === 'affected')).toBe(true);
    expect(xcm('V2.2')).toEqual([]);
    expect(match(asset('switch', { vendor: 'Siemens', product: 'SCALANCE XCM332 (6GK5332-0GA01-2AC2)', version: '2.0' }), records)).toHaveLength(10);
  });

  it('Hikvision cameras: build numbers inside the range', () => {
    const records = sample('csaf/icsa-17-124-01.json');
    const camera = (version: string) => match(asset('cam', { vendor: 'Hikvision', product: 'DS-2CD2xx2F-I Series', version }), records);
    expect(camera('V5.3.0 build 150000').map((m) => m.status)).toEqual(['affected', 'affected']);
    expect(camera('V5.4.0 build 160530').map((m) => m.status)).toEqual(['affected', 'affected']);
    expect(camera('V5.4.1 build 170109')).toEqual([]);
    expect(match(asset('cam', { vendor: 'Hikvision', product: 'DS-2CD2xx2F-I', version: '5.3.0 build 150000' }), records)).toHaveLength(2);
  });

  it('an unreadable range is unknown with a reason, never "not affected" (QNAP "<4.x")', () => {
    const records = sample('csaf/icsa-23-355-02.json');
    const found = match(asset('nvr', { vendor: 'QNAP', product: 'VioStor NVR QVR firmware', version: '4.1.0' }), records, ['CVE-2023-47565']);
    expect(found).toMatchObject([{ vulnerability: 'CVE-2023-47565', status: 'unknown', kev: true, evidence: { range: '<4.x', reason: expect.stringContaining('needs review') } }]);
  });

  it('a product version that is not a version stays visible; an exact version followed by models is read', () => {
    const exacq = match(asset('vms', { vendor: 'Exacq Technologies', product: 'exacqVision', version: '21.03' }), sample('csaf/icsa-21-119-03.json'));
    expect(exacq).toMatchObject([{ vulnerability: 'CVE-2021-3156', status: 'unknown', evidence: { reason: expect.stringContaining('not a version') } }]);
    const niagara = sample('csaf/icsa-19-262-01.json');
    expect(match(asset('bms', { vendor: 'Tridium', product: 'Niagara', version: '4.7u1' }), niagara).map((m) => m.status)).toEqual(['affected', 'affected']);
    expect(match(asset('bms', { vendor: 'Tridium', product: 'Niagara', version: '4.9' }), niagara)).toEqual([]);
  });

  it('a bound only in the product name is read from it', () => {
    const [record] = sample('csaf/icsa-23-026-02.json');
    const product = { productId: 'P1', name: 'Hikvision DS-2CD2xx2F-I Series V5.2.0 build 140721 to V5.4.0 Build 160414', vendor: 'Hikvision', product: 'DS-2CD2xx2F-I Series', versionRange: 'vers:all/*' };
    const named: VulnerabilityRecord = { ...(record as VulnerabilityRecord), applicability: { kind: 'csaf', advisoryId: 'X', products: [{ product, status: 'known_affected' }] } };
    const camera = (version: string) => match(asset('cam', { vendor: 'Hikvision', product: 'DS-2CD2xx2F-I Series', version }), [named]);
    expect(camera('V5.3.0 build 150000')).toMatchObject([{ status: 'affected', evidence: { range: 'V5.2.0 build 140721 to V5.4.0 Build 160414' } }]);
    expect(camera('V5.5.0 build 170000')).toEqual([]);
  });

  it('fixed products settle their component; under investigation is unknown', () => {
    const records = sample('csaf/va-24-201-01.json');
    const evo = (version: string) => match(asset('db', { vendor: 'AdminerEvo', product: 'AdminerEvo', version }), records).map((m) => `${m.vulnerability}:${m.status}`);
    expect(evo('4.8.3')).toEqual(['CVE-2023-45195:affected', 'CVE-2023-45196:affected']);
    expect(evo('4.8.4')).toEqual([]);
    expect(match(asset('db', { vendor: 'Adminer', product: 'Adminer', version: '4.8.1' }), records)).toHaveLength(3);
    const [first] = records;
    const investigating: VulnerabilityRecord = {
      ...(first as VulnerabilityRecord),
      applicability: { kind: 'csaf', advisoryId: 'VA-24-201-01', products: [{ product: { productId: 'P', name: 'AdminerEvo', vendor: 'AdminerEvo', product: 'AdminerEvo' }, status: 'under_investigation' }] },
    };
    expect(match(asset('db', { vendor: 'AdminerEvo', product: 'AdminerEvo', version: '4.8.4' }), [investigating])).toMatchObject([{ status: 'unknown', evidence: { reason: expect.stringContaining('investigation') } }]);
  });
});

describe('merging sources', () => {
  it('one match per asset and vulnerability: affected beats unknown, then nvd, csaf, cve5', () => {
    const cpe = 'cpe:2.3:a:econolite:eos:*:*:*:*:*:*:*:*';
    const fromNvd = nvd('CVE-2023-0451', { nodes: [or(vulnerable(cpe, { versionEndExcluding: '3.2.23' }))] });
    const [fromCsaf] = sample('csaf/icsa-23-026-02.json');
    const fromCve5: VulnerabilityRecord = { key: 'cve5:CVE-2023-0451', source: 'cve5', vulnerabilityId: 'CVE-2023-0451', applicability: { kind: 'cve5', affected: [{ vendor: 'Econolite', product: 'EOS', defaultStatus: 'affected' }] } };
    const eos = asset('signal', { vendor: 'Econolite', product: 'EOS', version: '3.2.20' });
    const all = [fromCve5, fromCsaf as VulnerabilityRecord, fromNvd];
    expect(match(eos, all).map((m) => m.source)).toEqual(['nvd']);
    expect(match(eos, [fromCve5, fromCsaf as VulnerabilityRecord]).map((m) => m.source)).toEqual(['csaf']);
    // NVD cannot decide the version scheme here, the CVE 5 record can: affected wins.
    const odd = asset('signal', { vendor: 'Econolite', product: 'EOS', version: 'R2023a' });
    expect(match(odd, all)).toMatchObject([{ status: 'affected', source: 'cve5' }]);
  });
});

describe('the index', () => {
  const corpus = [...sample('nvd/search_full_page.json'), ...sample('nvd/CVE-2021-26855.json'), ...sample('csaf/icsa-23-103-09.json'), ...sample('csaf/icsa-17-124-01.json'), ...sample('csaf/va-24-201-01.json'), ...sample('cve5/CVEv5_advanced-example.json')];

  it('finds candidates by product key, and follows upserts and removals', () => {
    const index = new ExposureIndex(corpus);
    expect(index.size).toBe(corpus.length);
    const xcm = asset('switch', { vendor: 'Siemens', product: 'SCALANCE XCM332', version: 'V2.1' });
    expect(index.candidates(xcm).map((r) => r.key).sort()).toEqual(sample('csaf/icsa-23-103-09.json').map((r) => r.key).sort());
    const first = sample('csaf/icsa-23-103-09.json')[0] as VulnerabilityRecord;
    expect(index.remove(first.key)).toBe(true);
    expect(index.remove(first.key)).toBe(false);
    expect(index.candidates(xcm)).toHaveLength(9);
    index.upsert({ ...first, applicability: { kind: 'csaf', advisoryId: 'X', products: [] } });
    expect(index.candidates(xcm)).toHaveLength(9);
    expect(index.size).toBe(corpus.length);
  });

  const VENDORS = ['siemens', 'cisco', 'acme'];
  const PRODUCTS = ['scalance_xcm332', 'rv340_firmware', 'rv340', 'portal'];
  const VERSIONS = ['1.0', '1.5', '2.0', '2.1', '2.2', 'R2023a', '-', '*'];
  const pick = <T>(list: readonly T[]) => fc.constantFrom(...list);
  const cpeOf = (part: string, vendor: string, product: string, version: string) => `cpe:2.3:${part}:${vendor}:${product}:${version}:*:*:*:*:*:*:*`;
  const criterion = fc.record({
    vulnerable: fc.boolean(),
    part: pick(['a', 'o', 'h']),
    vendor: pick(VENDORS),
    product: pick(PRODUCTS),
    version: pick(['*', '2.0', '-']),
    end: fc.option(pick(['1.5', '2.1', 'R2023b']), { nil: undefined }),
  });
  const nvdRecord = fc.record({ id: fc.integer({ min: 1, max: 30 }), nodes: fc.array(fc.record({ negate: fc.boolean(), and: fc.boolean(), criteria: fc.array(criterion, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 2 }), and: fc.boolean() }).map(
    ({ id, nodes, and }): VulnerabilityRecord =>
      nvd(`CVE-2001-${String(id).padStart(4, '0')}`, {
        operator: and ? 'AND' : 'OR',
        nodes: nodes.map((n) => ({
          operator: n.and ? 'AND' : 'OR',
          negate: n.negate,
          cpeMatch: n.criteria.map((c) => ({ vulnerable: c.vulnerable, criteria: cpeOf(c.part, c.vendor, c.product, c.end ? '*' : c.version), ...(c.end ? { versionEndExcluding: c.end } : {}) })),
        })),
      }),
  );
  const cve5Record = fc.record({ id: fc.integer({ min: 1, max: 30 }), vendor: pick(['Siemens', 'n/a', 'ACME']), product: pick(['SCALANCE XCM332', 'Portal']), below: pick(['2.0', '2.2']) }).map(
    ({ id, vendor, product, below }): VulnerabilityRecord => ({
      key: `cve5:CVE-2001-${String(id).padStart(4, '0')}`,
      source: 'cve5',
      vulnerabilityId: `CVE-2001-${String(id).padStart(4, '0')}`,
      applicability: { kind: 'cve5', affected: [{ vendor, product, versions: [{ version: '0', lessThan: below, status: 'affected' }], defaultStatus: 'unaffected' }] },
    }),
  );
  const component = fc.oneof(
    fc.record({ cpes: fc.array(fc.tuple(pick(['a', 'o', 'h']), pick(VENDORS), pick(PRODUCTS), pick(VERSIONS)).map(([p, v, pr, ver]) => cpeOf(p, v, pr, ver)), { maxLength: 2 }) }),
    fc.record({ vendor: pick(['Siemens', 'ACME', 'Cisco']), product: pick(['SCALANCE XCM332', 'Portal', 'RV340']), version: pick(['1.0', '2.1', 'V2.1', 'R2023a']), cpes: fc.constant([] as string[]) }),
  );
  const assets = fc.array(fc.array(component, { minLength: 1, maxLength: 3 }), { maxLength: 8 }).map((list) => list.map((components, i): MatchAsset => ({ id: `asset-${i}`, components })));

  it('matchAll equals naiveMatchAll on random corpora', () => {
    let found = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(nvdRecord, cve5Record), { maxLength: 25 }), assets, fc.array(pick(['CVE-2001-0001', 'CVE-2001-0002'])), (records, list, kev) => {
        const unique = [...new Map(records.map((r) => [r.key, r])).values()];
        const kevSet = new Set(kev);
        const expected = naiveMatchAll(list, unique, kevSet);
        found += expected.length;
        expect(matchAll(list, new ExposureIndex(unique), kevSet)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    expect(found).toBeGreaterThan(100); // the corpora do produce matches
  });

  it('matchAll fingerprints evidence whose text JSON escapes as naiveMatchAll does', () => {
    const records = [firmwareCve, nvd('CVE-2000-0006', { nodes: [or(vulnerable('cpe:2.3:a:acme:portal:*:*:*:*:*:*:*:*', { versionEndExcluding: '2.4' }))] })];
    const list = [
      asset('quote', { id: 'fw "main" \\ slot\t1', cpes: ['cpe:2.3:o:cisco:rv340_firmware:1.0.03.20:*:*:*:*:*:*:*'] }, { id: 'chassis ü €', cpes: [HARDWARE] }),
      asset('odd', { id: 'portal \u2028 \ud800', vendor: 'Acme', product: 'Portal', version: '2.0 "beta"' }),
      asset('none', { id: 'portal\n', vendor: 'Acme', product: 'Portal' }),
    ];
    const expected = naiveMatchAll(list, records, new Set());
    expect(expected).toHaveLength(3);
    expect(matchAll(list, new ExposureIndex(records), new Set())).toEqual(expected);
  });

  it('matchAll equals naiveMatchAll on the sample corpus with realistic assets', () => {
    const list = [
      asset('router', { cpes: ['cpe:2.3:o:cisco:rv340_firmware:1.0.03.20:*:*:*:*:*:*:*'] }, { cpes: [HARDWARE] }),
      asset('mail', { cpes: ['cpe:2.3:a:microsoft:exchange_server:2016:cumulative_update_8:*:*:*:*:*:*'] }),
      asset('switch', { vendor: 'Siemens', product: 'SCALANCE XCM332', version: 'V2.0' }),
      asset('db', { vendor: 'AdminerEvo', product: 'AdminerEvo', version: '4.8.2' }),
    ];
    const expected = naiveMatchAll(list, corpus, new Set());
    expect(expected.length).toBeGreaterThan(20);
    expect(matchAll(list, new ExposureIndex(corpus), new Set())).toEqual(expected);
  });
});
