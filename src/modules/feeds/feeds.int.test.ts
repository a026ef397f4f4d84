import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetComponents, assets, exposures, notifications, vulnerabilityProducts, vulnerabilityRecords } from '../../db/schema/index.js';
import { createTestApp, makeActor, type TestApp, type TestPerson } from '../../testing/harness.js';
import { importFeedFile } from './service.js';

const feeds = path.resolve('data/reference/vulnerability-feeds');
const sample = (name: string) => fs.readFileSync(path.join(feeds, name));

let t: TestApp;
let secretariat: TestPerson;
let cityStaff: TestPerson;
let exchangeAssetId: string;

function upload(fileName: string, bytes: Buffer | string) {
  const boundary = '----mitra-feed';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { method: 'POST' as const, url: '/api/v1/feeds/imports', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const importAs = (who: TestPerson | null, fileName: string, bytes: Buffer | string) => t.request(who, upload(fileName, bytes));
const get = (who: TestPerson | null, url: string) => t.request(who, { method: 'GET', url });

const kevNotifications = async (userId: string) =>
  (await t.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, 'exposure.kev')))).length;

beforeAll(async () => {
  t = await createTestApp();
  secretariat = await makeActor(t, 'secretariat', { role: 'member' });
  cityStaff = await makeActor(t, 'city_government', { cityId: 'makassar', role: 'member' });
  // Makassar runs Exchange 2016 CU 12, which CVE-2021-26855 (ProxyLogon, KEV-listed) names.
  const [asset] = await t.db.insert(assets).values({ cityId: 'makassar', name: 'City hall mail', system: 'city_services', internetExposed: true }).returning();
  exchangeAssetId = asset!.id;
  await t.db.insert(assetComponents).values({
    assetId: asset!.id,
    kind: 'application',
    cpes: ['cpe:2.3:a:microsoft:exchange_server:2016:cumulative_update_12:*:*:*:*:*:*'],
  });
});
afterAll(() => t.close());

describe('feed imports', () => {
  it('are the secretariat’s: the public and city staff are refused', async () => {
    const file = sample('nvd/CVE-2021-26855.json');
    expect((await importAs(null, 'CVE-2021-26855.json', file)).statusCode).toBe(401);
    expect((await importAs(cityStaff, 'CVE-2021-26855.json', file)).statusCode).toBe(403);
    expect((await get(null, '/api/v1/feeds/imports')).statusCode).toBe(401);
    expect((await get(cityStaff, '/api/v1/feeds/imports')).statusCode).toBe(403);
    expect((await get(null, '/api/v1/feeds/summary')).statusCode).toBe(401);
    expect((await get(null, '/api/v1/vulnerabilities/CVE-2021-26855')).statusCode).toBe(401);
    expect(await t.db.select().from(vulnerabilityRecords)).toHaveLength(0);
  });

  it('imports an NVD file, matches it against the inventory, and changes nothing on a second import', async () => {
    const response = await importAs(secretariat, 'CVE-2021-26855.json', sample('nvd/CVE-2021-26855.json'));
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ format: 'nvd', fileName: 'CVE-2021-26855.json', inserted: 1, updated: 0, unchanged: 0, rejected: 0, problems: [] });
    expect(report.sourceDate).toBe('2023-03-14T17:00:52.340Z');
    expect(report.rematched).toMatchObject({ assets: 1, exposuresOpened: 1, exposuresClosed: 0 });

    const [record] = await t.db.select().from(vulnerabilityRecords).where(eq(vulnerabilityRecords.key, 'nvd:CVE-2021-26855'));
    expect(record).toMatchObject({ source: 'nvd', sourceFile: 'CVE-2021-26855.json', importId: report.importId });
    expect(record!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const products = await t.db.select().from(vulnerabilityProducts).where(eq(vulnerabilityProducts.recordKey, 'nvd:CVE-2021-26855'));
    expect(products.map((p) => p.productKey)).toContain('microsoft:exchangeserver');

    const [exposure] = await t.db.select().from(exposures).where(eq(exposures.assetId, exchangeAssetId));
    expect(exposure).toMatchObject({ vulnerabilityId: 'CVE-2021-26855', status: 'open', active: true, matchStatus: 'affected', kev: false });
    expect(exposure!.evidence.criteria).toContain('cpe:2.3:a:microsoft:exchange_server:2016:cumulative_update_12:*:*:*:*:*:*');

    const again = (await importAs(secretariat, 'CVE-2021-26855.json', sample('nvd/CVE-2021-26855.json'))).json();
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, rematched: { assets: 0, exposuresOpened: 0, exposuresClosed: 0 } });
    const [unchanged] = await t.db.select().from(vulnerabilityRecords).where(eq(vulnerabilityRecords.key, 'nvd:CVE-2021-26855'));
    expect(unchanged!.importId).toBe(report.importId); // not rewritten
    expect(await t.db.select().from(exposures).where(eq(exposures.assetId, exchangeAssetId))).toHaveLength(1);

    const audit = (await get(secretariat, `/api/v1/audit?entityType=feed_import&entityId=${report.importId}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['feed.imported']);
  });

  it('raises KEV on the exposure and tells the city staff once; a re-import is all unchanged', async () => {
    const before = await kevNotifications(cityStaff.id);
    // Over the test app's 1 MB document limit: feeds have their own.
    expect(sample('kev/known_exploited_vulnerabilities.json').length).toBeGreaterThan(1024 * 1024);
    const response = await importAs(secretariat, 'known_exploited_vulnerabilities.json', sample('kev/known_exploited_vulnerabilities.json'));
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ format: 'kev', inserted: 1404, updated: 0, unchanged: 0, rejected: 0 });
    const [exposure] = await t.db.select().from(exposures).where(eq(exposures.assetId, exchangeAssetId));
    expect(exposure).toMatchObject({ kev: true, kevDueDate: '2021-04-16', priority: 'critical' });
    expect(await kevNotifications(cityStaff.id)).toBe(before + 1);
    const [notice] = await t.db.select().from(notifications).where(and(eq(notifications.userId, cityStaff.id), eq(notifications.kind, 'exposure.kev')));
    expect(notice).toMatchObject({ link: '/app/exposure' });
    expect(notice!.body).toContain('CVE-2021-26855');

    const again = (await importAs(secretariat, 'known_exploited_vulnerabilities.json', sample('kev/known_exploited_vulnerabilities.json'))).json();
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1404 });
    expect(await kevNotifications(cityStaff.id)).toBe(before + 1);
  });

  it('imports EPSS scores (gzipped too) and shows a vulnerability with its records, KEV entry and EPSS score', async () => {
    const csv = '#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000\ncve,epss,percentile\nCVE-2021-26855,0.94358,0.99957\nCVE-2099-1,2,0.1\n';
    const response = await importAs(secretariat, 'epss_scores-2025-08-25.csv.gz', zlib.gzipSync(csv));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ format: 'epss', fileName: 'epss_scores-2025-08-25.csv', inserted: 1, rejected: 1 });
    expect(response.json().problems[0].location).toBe('line 4');
    const [exposure] = await t.db.select().from(exposures).where(eq(exposures.assetId, exchangeAssetId));
    expect(exposure!.epss).toBe(0.94358);

    const detail = await get(cityStaff, '/api/v1/vulnerabilities/cve-2021-26855');
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.json();
    expect(body.vulnerabilityIds).toEqual(['CVE-2021-26855']);
    expect(body.records).toHaveLength(1);
    expect(body.records[0]).toMatchObject({ source: 'nvd', sourceFile: 'CVE-2021-26855.json', sourceDate: '2023-03-14T17:00:52.340Z' });
    expect(body.records[0].cvss.score).toBeGreaterThan(9);
    expect(body.kev[0]).toMatchObject({ dueDate: '2021-04-16', requiredAction: 'Apply updates per vendor instructions.', catalogVersion: '2025.08.25' });
    expect(body.epss[0]).toMatchObject({ epss: 0.94358, percentile: 0.99957, modelVersion: 'v2025.03.14', scoreDate: '2025-08-25' });
    expect((await get(cityStaff, '/api/v1/vulnerabilities/CVE-1999-0000')).statusCode).toBe(404);
    expect((await get(cityStaff, '/api/v1/vulnerabilities/%3Cscript%3E')).statusCode).toBe(400);
  });

  it('imports a CSAF advisory and finds it by its advisory id', async () => {
    const response = await importAs(secretariat, 'icsa-23-355-02.json', sample('csaf/icsa-23-355-02.json'));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ format: 'csaf', inserted: 1 });
    const body = (await get(secretariat, '/api/v1/vulnerabilities/ICSA-23-355-02')).json();
    expect(body.vulnerabilityIds).toEqual(['CVE-2023-47565']);
    expect(body.records[0]).toMatchObject({ source: 'csaf', advisoryId: 'ICSA-23-355-02' });
    expect(body.kev).toHaveLength(1);
  });

  it('reports a malformed record and imports the rest', async () => {
    const page = JSON.parse(sample('nvd/search_full_page.json').toString('utf8'));
    const total = page.vulnerabilities.length;
    delete page.vulnerabilities[3].cve.id;
    const response = await importAs(secretariat, 'search_full_page.json', JSON.stringify(page));
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.rejected).toBe(1);
    expect(report.problems[0].location).toContain('vulnerabilities[3]');
    expect(report.inserted + report.updated + report.unchanged).toBe(total - 1);
  });

  it('refuses a file that is no feed, naming it', async () => {
    const notes = await importAs(secretariat, 'notes.txt', 'just some notes\n');
    expect(notes.statusCode).toBe(400);
    expect(notes.json().error.message).toContain('notes.txt');
    const schema = await importAs(secretariat, 'known_exploited_vulnerabilities_schema.json', sample('kev/known_exploited_vulnerabilities_schema.json'));
    expect(schema.statusCode).toBe(400);
    expect(schema.json().error.message).toContain('known_exploited_vulnerabilities_schema.json');
    expect((await importAs(secretariat, 'broken.json', '{"vulnerabilities": [')).statusCode).toBe(400);
    expect((await importAs(secretariat, 'empty.json', '')).statusCode).toBe(400);
  });

  it('lists past imports newest first, page by page, and sums them up', async () => {
    const first = (await get(secretariat, '/api/v1/feeds/imports?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0].fileName).toBe('search_full_page.json');
    expect(first.items[0].problems).toHaveLength(1);
    expect(first.items[0].importedByName).toBeTruthy();
    const second = (await get(secretariat, `/api/v1/feeds/imports?limit=50&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((i: { format: string }) => i.format)).toEqual(['epss', 'kev', 'kev', 'nvd', 'nvd']);
    expect((await get(secretariat, '/api/v1/feeds/imports?cursor=bm9wZQ')).statusCode).toBe(400);
    const kevOnly = (await get(secretariat, '/api/v1/feeds/imports?format=kev')).json();
    expect(kevOnly.items).toHaveLength(2);

    const summary = (await get(cityStaff, '/api/v1/feeds/summary')).json();
    expect(summary.sources.find((s: { source: string }) => s.source === 'nvd').records).toBeGreaterThan(40);
    expect(summary.sources.find((s: { source: string }) => s.source === 'cve5')).toMatchObject({ records: 0, lastImportedAt: null });
    expect(summary.kev).toMatchObject({ entries: 1404, catalogVersion: '2025.08.25' });
    expect(summary.epss).toMatchObject({ scores: 1, modelVersion: 'v2025.03.14', scoreDate: '2025-08-25' });
    expect(summary.lastImportedAt).toBe(first.items[0].importedAt);
  });

  it('imports through the service as a system actor, reporting progress', async () => {
    const seen: [number, number][] = [];
    const report = await importFeedFile(
      t.ctx,
      { system: 'test' },
      { fileName: 'CVEv5_advanced-example.json', text: sample('cve5/CVEv5_advanced-example.json').toString('utf8') },
      (done, total) => seen.push([done, total]),
    );
    expect(report).toMatchObject({ format: 'cve5', inserted: 1 });
    expect(seen.at(-1)).toEqual([1, 1]);
    await expect(importFeedFile(t.ctx, cityStaff as never, { fileName: 'x.json', text: '{}' })).rejects.toThrow();
  });
});
