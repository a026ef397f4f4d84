import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetComponents, assets, epssScores, exposureEvents, exposures, exposureSnapshots, kevEntries, notifications, vulnerabilityProducts, vulnerabilityRecords } from '../../db/schema/index.js';
import { productKeysOfRecord } from '../../engines/exposure/matcher.js';
import type { NvdCpeMatch, VulnerabilityRecord } from '../../engines/exposure/model.js';
import { inTransaction } from '../../server/transaction.js';
import { createTestApp, makeActor, type TestApp, type TestPerson } from '../../testing/harness.js';
import { computePriority, refreshEnrichment, rematchAssets, rematchRecords, updateSnapshots, type PriorityInput } from './matching.js';

let t: TestApp;
let staff: TestPerson;
let otherCityStaff: TestPerson;

const exchangeCpe = (update: string) => `cpe:2.3:a:microsoft:exchange_server:2016:${update}:*:*:*:*:*:*`;

function nvdRecord(id: string, criteria: string[], cvss = 9.8): VulnerabilityRecord {
  const cpeMatch: NvdCpeMatch[] = criteria.map((c) => ({ vulnerable: true, criteria: c }));
  return {
    key: `nvd:${id}`,
    source: 'nvd',
    vulnerabilityId: id,
    title: id,
    description: 'A test vulnerability.',
    cvss: { version: '3.1', baseScore: cvss, severity: 'CRITICAL' },
    applicability: { kind: 'nvd', configurations: [{ nodes: [{ operator: 'OR', cpeMatch }] }] },
  };
}

/** Stores a record and its product keys as the feed import would. */
async function putRecord(record: VulnerabilityRecord) {
  const row = {
    key: record.key,
    source: record.source,
    vulnerabilityId: record.vulnerabilityId,
    title: record.title ?? '',
    description: record.description ?? '',
    cvssScore: record.cvss?.baseScore ?? null,
    cvssVersion: record.cvss?.version ?? null,
    applicability: record.applicability,
    contentHash: JSON.stringify(record.applicability),
    sourceFile: 'test.json',
  };
  await t.db.insert(vulnerabilityRecords).values(row).onConflictDoUpdate({ target: vulnerabilityRecords.key, set: row });
  await t.db.delete(vulnerabilityProducts).where(eq(vulnerabilityProducts.recordKey, record.key));
  for (const productKey of new Set(productKeysOfRecord(record))) await t.db.insert(vulnerabilityProducts).values({ recordKey: record.key, productKey });
}

async function makeAsset(cityId: string, cpe: string, fields: { internetExposed?: boolean; criticality?: 'low' | 'medium' | 'high' | 'critical' } = {}) {
  const [asset] = await t.db
    .insert(assets)
    .values({ cityId, name: `Mail server ${cpe.split(':')[6]}`, system: 'city_services', ...fields })
    .returning();
  // Only the CPE: vendor/product text would also match other updates (as `unknown`, by the engine's rules).
  await t.db.insert(assetComponents).values({ assetId: asset!.id, kind: 'application', cpes: [cpe] });
  return asset!;
}

const exposureOf = async (assetId: string, vulnerabilityId: string) =>
  (await t.db.select().from(exposures).where(and(eq(exposures.assetId, assetId), eq(exposures.vulnerabilityId, vulnerabilityId))))[0];

const run = <T>(change: Parameters<typeof inTransaction<T>>[1]) => inTransaction(t.ctx, change);

const kevNotifications = async (userId: string) =>
  (await t.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, 'exposure.kev')))).length;

beforeAll(async () => {
  t = await createTestApp();
  staff = await makeActor(t, 'city_government', { cityId: 'makassar', role: 'member' });
  otherCityStaff = await makeActor(t, 'city_government', { cityId: 'da-nang' });
});
afterAll(() => t.close());

describe('priority', () => {
  it('orders by KEV, then EPSS, then CVSS, then internet exposure, then criticality', () => {
    const criticalities = ['low', 'medium', 'high', 'critical'] as const;
    const inputs: PriorityInput[] = [];
    for (let i = 0; i < 400; i++) {
      inputs.push({
        kev: Math.random() < 0.3,
        epss: Math.random() < 0.2 ? null : Math.round(Math.random() * 1000) / 1000,
        cvssScore: Math.random() < 0.2 ? null : Math.round(Math.random() * 100) / 10,
        internetExposed: Math.random() < 0.5,
        criticality: criticalities[Math.floor(Math.random() * 4)]!,
      });
    }
    const tuple = (p: PriorityInput) => [p.kev ? 1 : 0, p.epss ?? 0, p.cvssScore ?? 0, p.internetExposed ? 1 : 0, criticalities.indexOf(p.criticality)];
    const lexicographic = (a: PriorityInput, b: PriorityInput) => {
      const [x, y] = [tuple(a), tuple(b)];
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i]! - x[i]!;
      return 0;
    };
    const byScore = [...inputs].sort((a, b) => computePriority(b).priorityScore - computePriority(a).priorityScore).map(tuple);
    expect(byScore).toEqual([...inputs].sort(lexicographic).map(tuple));
  });

  it('labels: KEV or CVSS ≥ 9 on the internet is critical; EPSS ≥ 0.1 or CVSS ≥ 7 high; CVSS ≥ 4 or unknown medium', () => {
    const base: PriorityInput = { kev: false, epss: null, cvssScore: 3, internetExposed: false, criticality: 'medium' };
    expect(computePriority({ ...base, kev: true }).priority).toBe('critical');
    expect(computePriority({ ...base, cvssScore: 9.1, internetExposed: true }).priority).toBe('critical');
    expect(computePriority({ ...base, cvssScore: 9.1 }).priority).toBe('high');
    expect(computePriority({ ...base, epss: 0.2 }).priority).toBe('high');
    expect(computePriority({ ...base, cvssScore: 5 }).priority).toBe('medium');
    expect(computePriority({ ...base, cvssScore: null }).priority).toBe('medium');
    expect(computePriority(base).priority).toBe('low');
  });
});

describe('matching records to city inventories', () => {
  it('opens an exposure with evidence when a record names an asset, and only for that city', async () => {
    const asset = await makeAsset('makassar', exchangeCpe('cumulative_update_12'), { internetExposed: true });
    await makeAsset('da-nang', exchangeCpe('cumulative_update_99'));
    await putRecord(nvdRecord('CVE-2099-0001', [exchangeCpe('cumulative_update_12')]));
    const summary = await run((tx, after) => rematchRecords(t.ctx, tx, ['nvd:CVE-2099-0001'], after));
    expect(summary).toMatchObject({ opened: 1, closed: 0, reopened: 0 });
    const exposure = await exposureOf(asset.id, 'CVE-2099-0001');
    expect(exposure).toMatchObject({ cityId: 'makassar', status: 'open', active: true, matchStatus: 'affected', source: 'nvd', cvssScore: 9.8, priority: 'critical' });
    expect(exposure!.evidence.kind).toBe('nvd-configuration');
    expect(exposure!.evidence.criteria).toContain(exchangeCpe('cumulative_update_12'));
    expect(exposure!.evidenceFingerprint).toBe(exposure!.evidence.fingerprint);
    expect(await t.db.select().from(exposures).where(eq(exposures.cityId, 'da-nang'))).toHaveLength(0);
    const [snapshot] = await t.db.select().from(exposureSnapshots).where(eq(exposureSnapshots.cityId, 'makassar'));
    expect(snapshot).toMatchObject({ open: 1, critical: 1, kev: 0, resolved: 0 });

    // The same again changes nothing but the last-seen time.
    const again = await run((tx, after) => rematchAssets(t.ctx, tx, [asset.id], after));
    expect(again).toMatchObject({ assets: 1, opened: 0, updated: 1, closed: 0, reopened: 0 });
    expect(await t.db.select().from(exposureEvents).where(eq(exposureEvents.exposureId, exposure!.id))).toHaveLength(1);
  });

  it('re-applies a false positive to the same evidence, and reopens it on different evidence', async () => {
    const asset = await makeAsset('makassar', exchangeCpe('cumulative_update_13'));
    await putRecord(nvdRecord('CVE-2099-0002', [exchangeCpe('cumulative_update_13'), exchangeCpe('cumulative_update_14')]));
    await run((tx, after) => rematchRecords(t.ctx, tx, ['nvd:CVE-2099-0002'], after));
    const first = (await exposureOf(asset.id, 'CVE-2099-0002'))!;
    await t.db.update(exposures).set({ status: 'false_positive', statusReason: 'not internet facing' }).where(eq(exposures.id, first.id));

    const same = await run((tx, after) => rematchAssets(t.ctx, tx, [asset.id], after));
    expect(same.reopened).toBe(0);
    expect((await exposureOf(asset.id, 'CVE-2099-0002'))!.status).toBe('false_positive');

    // The city upgrades to CU 14, which the record also names: other evidence, so the decision no longer holds.
    await t.db.update(assetComponents).set({ cpes: [exchangeCpe('cumulative_update_14')] }).where(eq(assetComponents.assetId, asset.id));
    const changed = await run((tx, after) => rematchAssets(t.ctx, tx, [asset.id], after));
    expect(changed.reopened).toBe(1);
    const reopened = (await exposureOf(asset.id, 'CVE-2099-0002'))!;
    expect(reopened.status).toBe('open');
    expect(reopened.evidenceFingerprint).not.toBe(first.evidenceFingerprint);
    const events = await t.db.select().from(exposureEvents).where(eq(exposureEvents.exposureId, first.id)).orderBy(exposureEvents.at);
    expect(events.at(-1)).toMatchObject({ fromStatus: 'false_positive', toStatus: 'open', reason: 'new evidence' });
  });

  it('keeps a remediated exposure remediated on the same evidence, and closes a match that disappeared', async () => {
    const asset = await makeAsset('makassar', exchangeCpe('cumulative_update_15'));
    await putRecord(nvdRecord('CVE-2099-0003', [exchangeCpe('cumulative_update_15')], 5));
    await run((tx, after) => rematchRecords(t.ctx, tx, ['nvd:CVE-2099-0003'], after));
    const exposure = (await exposureOf(asset.id, 'CVE-2099-0003'))!;
    expect(exposure.priority).toBe('medium');
    await t.db.update(exposures).set({ status: 'remediated' }).where(eq(exposures.id, exposure.id));
    await run((tx, after) => rematchAssets(t.ctx, tx, [asset.id], after));
    expect((await exposureOf(asset.id, 'CVE-2099-0003'))!.status).toBe('remediated');

    // The feed corrects its record: CU 15 is not affected after all.
    await putRecord(nvdRecord('CVE-2099-0003', [exchangeCpe('cumulative_update_16')], 5));
    const summary = await run((tx, after) => rematchRecords(t.ctx, tx, ['nvd:CVE-2099-0003'], after));
    expect(summary.closed).toBe(1);
    expect((await exposureOf(asset.id, 'CVE-2099-0003'))!.active).toBe(false);
  });

  it('raises KEV and EPSS on existing exposures and tells the city staff once per run', async () => {
    const asset = await makeAsset('makassar', exchangeCpe('cumulative_update_20'), { internetExposed: false, criticality: 'low' });
    await putRecord(nvdRecord('CVE-2099-0004', [exchangeCpe('cumulative_update_20')], 6));
    await putRecord(nvdRecord('CVE-2099-0005', [exchangeCpe('cumulative_update_20')], 6));
    await run((tx, after) => rematchRecords(t.ctx, tx, ['nvd:CVE-2099-0004', 'nvd:CVE-2099-0005'], after));
    expect((await exposureOf(asset.id, 'CVE-2099-0004'))!.priority).toBe('medium');
    const before = await kevNotifications(staff.id);

    for (const cveId of ['CVE-2099-0004', 'CVE-2099-0005']) {
      await t.db.insert(kevEntries).values({
        cveId,
        vendor: 'Microsoft',
        product: 'Exchange Server',
        name: 'test',
        dateAdded: '2099-01-01',
        dueDate: '2099-01-22',
        requiredAction: 'Apply updates per vendor instructions.',
        knownRansomwareCampaignUse: 'Unknown',
      });
    }
    await t.db.insert(epssScores).values({ cveId: 'CVE-2099-0005', epss: 0.42, percentile: 0.97, modelVersion: 'v2025.03.14', scoreDate: '2099-01-01' });
    const summary = await run((tx, after) => refreshEnrichment(t.ctx, tx, ['CVE-2099-0004', 'CVE-2099-0005', 'CVE-2000-0000'], after));
    expect(summary.updated).toBe(2);
    expect(await exposureOf(asset.id, 'CVE-2099-0004')).toMatchObject({ kev: true, kevDueDate: '2099-01-22', priority: 'critical' });
    const withEpss = (await exposureOf(asset.id, 'CVE-2099-0005'))!;
    expect(withEpss).toMatchObject({ kev: true, epss: 0.42 });
    expect(withEpss.priorityScore).toBeGreaterThan((await exposureOf(asset.id, 'CVE-2099-0004'))!.priorityScore);
    expect(await kevNotifications(staff.id)).toBe(before + 1);
    expect(await kevNotifications(otherCityStaff.id)).toBe(0);

    // Nothing changed: no second notification.
    await run((tx, after) => refreshEnrichment(t.ctx, tx, ['CVE-2099-0004', 'CVE-2099-0005'], after));
    await run((tx, after) => rematchAssets(t.ctx, tx, [asset.id], after));
    expect(await kevNotifications(staff.id)).toBe(before + 1);
  });

  it('writes one snapshot per city and day, counting resolved exposures apart', async () => {
    await run((tx) => updateSnapshots(tx, ['makassar', 'makassar']));
    const rows = await t.db.select().from(exposureSnapshots).where(eq(exposureSnapshots.cityId, 'makassar'));
    expect(rows).toHaveLength(1);
    const all = await t.db.select().from(exposures).where(eq(exposures.cityId, 'makassar'));
    const unresolved = all.filter((e) => e.active && (e.status === 'open' || e.status === 'mitigating'));
    expect(rows[0]).toMatchObject({
      open: unresolved.length,
      kev: unresolved.filter((e) => e.kev).length,
      resolved: all.length - unresolved.length,
      critical: unresolved.filter((e) => e.priority === 'critical').length,
    });
  });

  it('ignores deleted assets and empty key lists', async () => {
    await expect(run((tx) => rematchAssets(t.ctx, tx, ['00000000-0000-4000-8000-000000000000']))).resolves.toMatchObject({ assets: 0 });
    await expect(run((tx) => rematchRecords(t.ctx, tx, []))).resolves.toMatchObject({ assets: 0 });
  });
});
