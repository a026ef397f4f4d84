import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exposures, exposureSnapshots, kevEntries, vulnerabilityProducts, vulnerabilityRecords, type ExposureStatus } from '../../db/schema/index.js';
import { productKeysOfRecord } from '../../engines/exposure/matcher.js';
import type { Applicability } from '../../engines/exposure/model.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';
import { recordOfRow } from './matching.js';

let t: TestApp;
let officer: TestPerson;
let otherCity: TestPerson;
let nationalRep: TestPerson;
let company: TestPerson;
let secretariat: TestPerson;

const req = (by: TestPerson | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.request(by, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });

const ids = {} as Record<'camera' | 'signals' | 'daNangCamera' | 'kev' | 'high' | 'unknown' | 'inactive' | 'daNangKev', string>;
const today = () => new Date().toISOString().slice(0, 10);
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const emptyNvd: Applicability = { kind: 'nvd', configurations: [] };

async function record(values: { key: string; source: 'nvd' | 'cve5' | 'csaf'; vulnerabilityId: string; title?: string; description?: string; cvssScore?: number; applicability?: Applicability }) {
  await t.db.insert(vulnerabilityRecords).values({ applicability: emptyNvd, contentHash: values.key, sourceFile: 'test.json', ...values });
}

async function exposure(values: {
  cityId: string;
  assetId: string;
  vulnerabilityId: string;
  kev?: boolean;
  kevDueDate?: string;
  priority: 'critical' | 'high' | 'medium' | 'low';
  priorityScore: number;
  matchStatus?: 'affected' | 'unknown';
  active?: boolean;
  status?: ExposureStatus;
}) {
  const [row] = await t.db
    .insert(exposures)
    .values({
      source: 'nvd',
      matchStatus: 'affected',
      evidence: { kind: 'nvd-configuration', criteria: ['cpe:2.3:o:hikvision:ds-2cd2142fwd-i_firmware:*:*:*:*:*:*:*:*'], assetVersion: '5.4.5', fingerprint: `fp-${values.vulnerabilityId}` },
      evidenceFingerprint: `fp-${values.vulnerabilityId}`,
      cvssScore: 9.8,
      epss: 0.94,
      ...values,
    })
    .returning({ id: exposures.id });
  return row!.id;
}

async function asset(by: TestPerson, fields: { name: string; system: string; internetExposed?: boolean; criticality?: string; components: object[] }) {
  const response = await req(by, 'POST', '/api/v1/inventory/assets', fields);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

const cameraComponents = [
  { kind: 'hardware', vendor: 'Hikvision', product: 'DS-2CD2142FWD-I', cpes: ['cpe:2.3:h:hikvision:ds-2cd2142fwd-i:-:*:*:*:*:*:*:*'] },
  { kind: 'firmware', vendor: 'Hikvision', product: 'DS-2CD2142FWD-I firmware', version: '5.4.5', cpes: ['cpe:2.3:o:hikvision:ds-2cd2142fwd-i_firmware:5.4.5:*:*:*:*:*:*:*'] },
];

beforeAll(async () => {
  t = await createTestApp();
  officer = await makePerson(t, await makeOrganisation(t, { kind: 'city_government', cityId: 'makassar' }), { role: 'member' });
  otherCity = await makeActor(t, 'city_government', { cityId: 'da-nang' });
  nationalRep = await makeActor(t, 'national_agency', { countryCode: 'ID' });
  company = await makeActor(t, 'company');
  secretariat = await makeActor(t, 'secretariat');

  ids.camera = await asset(officer, { name: 'Losari beach cameras', system: 'cctv', internetExposed: true, criticality: 'high', components: cameraComponents });
  ids.signals = await asset(officer, { name: 'Pettarani traffic signals', system: 'traffic', components: [{ kind: 'application', vendor: 'Acme', product: 'SignalOS', version: '2' }] });
  ids.daNangCamera = await asset(otherCity, { name: 'Dragon bridge cameras', system: 'cctv', components: cameraComponents });

  await record({ key: 'nvd:CVE-2021-36260', source: 'nvd', vulnerabilityId: 'CVE-2021-36260', description: 'A command injection vulnerability in the web server of some Hikvision products.' });
  await record({ key: 'cve5:CVE-2021-36260', source: 'cve5', vulnerabilityId: 'CVE-2021-36260', title: 'Hikvision web server command injection' });
  await record({ key: 'csaf:X:CVE-2023-0001', source: 'csaf', vulnerabilityId: 'CVE-2023-0001', title: 'CSAF title' });
  await record({ key: 'nvd:CVE-2023-0001', source: 'nvd', vulnerabilityId: 'CVE-2023-0001', title: 'NVD title' });
  await t.db.insert(kevEntries).values({
    cveId: 'CVE-2021-36260',
    vendor: 'Hikvision',
    product: 'Various products',
    name: 'Hikvision Improper Input Validation',
    dateAdded: '2022-01-10',
    dueDate: '2022-01-24',
    requiredAction: 'Apply updates per vendor instructions.',
    knownRansomwareCampaignUse: 'Unknown',
  });

  ids.kev = await exposure({ cityId: 'makassar', assetId: ids.camera, vulnerabilityId: 'CVE-2021-36260', kev: true, kevDueDate: '2022-01-24', priority: 'critical', priorityScore: 1_094_009_813 });
  ids.high = await exposure({ cityId: 'makassar', assetId: ids.signals, vulnerabilityId: 'CVE-2023-0001', priority: 'high', priorityScore: 50_000_000 });
  ids.unknown = await exposure({ cityId: 'makassar', assetId: ids.signals, vulnerabilityId: 'CVE-2023-0002', priority: 'medium', priorityScore: 500, matchStatus: 'unknown' });
  ids.inactive = await exposure({ cityId: 'makassar', assetId: ids.camera, vulnerabilityId: 'CVE-2019-0001', priority: 'high', priorityScore: 600, active: false });
  ids.daNangKev = await exposure({ cityId: 'da-nang', assetId: ids.daNangCamera, vulnerabilityId: 'CVE-2021-36260', kev: true, kevDueDate: '2022-01-24', priority: 'critical', priorityScore: 1_094_009_800 });
});
afterAll(() => t.close());

describe('the exposure list', () => {
  it("holds the city's active exposures, KEV first, with the asset, scores and title", async () => {
    const response = await req(officer, 'GET', '/api/v1/exposures');
    expect(response.statusCode, response.body).toBe(200);
    const { items, nextCursor } = response.json();
    expect(items.map((i: { vulnerabilityId: string }) => i.vulnerabilityId)).toEqual(['CVE-2021-36260', 'CVE-2023-0001', 'CVE-2023-0002']);
    expect(nextCursor).toBeNull();
    expect(items[0]).toMatchObject({
      id: ids.kev,
      assetId: ids.camera,
      assetName: 'Losari beach cameras',
      assetSystem: 'cctv',
      assetCriticality: 'high',
      internetExposed: true,
      // The NVD record has no title: the CVE 5 one is used.
      title: 'Hikvision web server command injection',
      source: 'nvd',
      kev: true,
      kevDueDate: '2022-01-24',
      epss: 0.94,
      cvssScore: 9.8,
      priority: 'critical',
      status: 'open',
      acceptedUntil: null,
      matchStatus: 'affected',
      evidence: { kind: 'nvd-configuration', assetVersion: '5.4.5' },
    });
    expect(items[1].title).toBe('NVD title');
    expect(items[2].title).toBe('');
    expect(response.body).not.toContain('Dragon bridge');
  });

  it('filters and pages', async () => {
    const vulns = async (query: string) => {
      const response = await req(officer, 'GET', `/api/v1/exposures?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items.map((i: { vulnerabilityId: string }) => i.vulnerabilityId);
    };
    expect(await vulns('priority=high')).toEqual(['CVE-2023-0001']);
    expect(await vulns('kev=true')).toEqual(['CVE-2021-36260']);
    expect(await vulns('kev=false')).toEqual(['CVE-2023-0001', 'CVE-2023-0002']);
    expect(await vulns('system=traffic')).toEqual(['CVE-2023-0001', 'CVE-2023-0002']);
    expect(await vulns(`assetId=${ids.camera}`)).toEqual(['CVE-2021-36260']);
    expect(await vulns('vulnerabilityId=cve-2023-0002')).toEqual(['CVE-2023-0002']);
    expect(await vulns('matchStatus=unknown')).toEqual(['CVE-2023-0002']);
    expect(await vulns('status=mitigating')).toEqual([]);
    // Another city's asset id filters to nothing.
    expect(await vulns(`assetId=${ids.daNangCamera}`)).toEqual([]);

    const page1 = (await req(officer, 'GET', '/api/v1/exposures?limit=2')).json();
    const page2 = (await req(officer, 'GET', `/api/v1/exposures?limit=2&cursor=${page1.nextCursor}`)).json();
    expect([...page1.items, ...page2.items].map((i: { vulnerabilityId: string }) => i.vulnerabilityId)).toEqual(['CVE-2021-36260', 'CVE-2023-0001', 'CVE-2023-0002']);
    expect(page2.nextCursor).toBeNull();
    expect((await req(officer, 'GET', '/api/v1/exposures?priority=urgent')).statusCode).toBe(400);
    expect((await req(officer, 'GET', '/api/v1/exposures?cursor=WzFd')).statusCode).toBe(400);
  });

  it('shows the asset its exposure counts', async () => {
    const camera = (await req(officer, 'GET', `/api/v1/inventory/assets/${ids.camera}`)).json();
    expect(camera).toMatchObject({ activeExposures: 1, kevExposures: 1 });
  });

  it('exports as CSV with the same filters', async () => {
    const response = await req(officer, 'GET', '/api/v1/exposures.csv?system=cctv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe('vulnerability_id,title,priority,kev,kev_due_date,epss,cvss,status,status_reason,accepted_until,match_status,source,asset,system,criticality,internet_exposed,evidence,first_seen,last_seen');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('CVE-2021-36260,Hikvision web server command injection,critical,yes,2022-01-24,0.94,9.8,open');
    expect(response.body).not.toContain('Dragon bridge');
  });

  it('lists the assets exposed to one vulnerability', async () => {
    const response = await req(officer, 'GET', '/api/v1/exposures/by-vulnerability/CVE-2021-36260');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.title).toBe('Hikvision web server command injection');
    expect(body.items.map((i: { assetName: string }) => i.assetName)).toEqual(['Losari beach cameras']);
    const theirs = (await req(otherCity, 'GET', '/api/v1/exposures/by-vulnerability/CVE-2021-36260')).json();
    expect(theirs.items.map((i: { assetName: string }) => i.assetName)).toEqual(['Dragon bridge cameras']);
  });
});

describe('access', () => {
  const urls = () => [
    ['GET', '/api/v1/exposures'],
    ['GET', '/api/v1/exposures.csv'],
    ['GET', '/api/v1/exposures/summary'],
    ['GET', `/api/v1/exposures/${ids.kev}`],
    ['POST', `/api/v1/exposures/${ids.kev}/status`],
    ['GET', '/api/v1/exposures/by-vulnerability/CVE-2021-36260'],
  ];

  it('a national representative, a company, the secretariat and the public get 403/401 and no data', async () => {
    for (const [who, status] of [
      [nationalRep, 403],
      [company, 403],
      [secretariat, 403],
      [null, 401],
    ] as const) {
      for (const [method, url] of urls()) {
        const response = await req(who, method as 'GET' | 'POST', url!, method === 'POST' ? { status: 'mitigating' } : undefined);
        expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
        expect(response.body).not.toContain('Losari');
        expect(response.body).not.toContain('CVE-2021-36260,');
      }
    }
  });

  it("another city's officer gets 404 on Makassar's exposure and sees only its own", async () => {
    expect((await req(otherCity, 'GET', `/api/v1/exposures/${ids.kev}`)).statusCode).toBe(404);
    expect((await req(otherCity, 'POST', `/api/v1/exposures/${ids.kev}/status`, { status: 'mitigating' })).statusCode).toBe(404);
    expect((await req(officer, 'GET', `/api/v1/exposures/${ids.daNangKev}`)).statusCode).toBe(404);
    const theirs = await req(otherCity, 'GET', '/api/v1/exposures');
    expect(theirs.json().items.map((i: { id: string }) => i.id)).toEqual([ids.daNangKev]);
    expect(theirs.body).not.toContain('Losari');
    const summary = (await req(otherCity, 'GET', '/api/v1/exposures/summary')).json();
    expect(summary.kev).toBe(1);
    expect(summary.byPriority).toEqual({ critical: 1, high: 0, medium: 0, low: 0 });
    const [stored] = await t.db.select({ status: exposures.status }).from(exposures).where(eq(exposures.id, ids.kev));
    expect(stored!.status).toBe('open');
  });
});

describe('the dashboard summary', () => {
  it('counts by priority, system and status, KEV, overdue KEV and unknown', async () => {
    const response = await req(officer, 'GET', '/api/v1/exposures/summary');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      byPriority: { critical: 1, high: 1, medium: 1, low: 0 },
      bySystem: { cctv: 1, traffic: 2, water: 0 },
      byStatus: { open: 3, mitigating: 0, remediated: 0, accepted_risk: 0, false_positive: 0 },
      kev: 1,
      kevOverdue: 1,
      unknown: 1,
    });
  });
});

describe('the status workflow', () => {
  const move = (status: string, extra: object = {}) => req(officer, 'POST', `/api/v1/exposures/${ids.high}/status`, { status, ...extra });

  it('follows open → mitigating → remediated, refuses shortcuts, and reopens', async () => {
    const shortcut = await move('remediated');
    expect(shortcut.statusCode).toBe(409);
    expect(shortcut.json().error.message).toBe('An exposure that is open cannot become remediated; from open it can become mitigating, accepted risk, false positive.');
    expect((await move('open')).json().error.message).toBe('The exposure is already open.');

    const mitigating = await move('mitigating', { reason: 'Vendor patch scheduled' });
    expect(mitigating.statusCode, mitigating.body).toBe(200);
    expect(mitigating.json()).toMatchObject({ status: 'mitigating', statusReason: 'Vendor patch scheduled', allowedTransitions: ['remediated', 'accepted_risk', 'false_positive'] });
    const remediated = await move('remediated');
    expect(remediated.statusCode, remediated.body).toBe(200);
    expect((await move('mitigating')).json().error.message).toContain('remediated cannot become mitigating');
    const reopened = await move('open', { reason: 'Patch rolled back' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const detail = reopened.json();
    expect(detail.events.map((e: { fromStatus: string | null; toStatus: string }) => `${e.fromStatus}→${e.toStatus}`)).toEqual(['open→mitigating', 'mitigating→remediated', 'remediated→open']);
    expect(detail.events[0]).toMatchObject({ reason: 'Vendor patch scheduled', actorName: officer.name });
  });

  it('accepts a risk only with a reason and a future date, and refuses to move it on except to reopen', async () => {
    const noReason = await move('accepted_risk', { acceptedUntil: daysFromNow(30) });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.reason']);
    const noDate = await move('accepted_risk', { reason: 'Isolated network' });
    expect(noDate.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.acceptedUntil']);
    const past = await move('accepted_risk', { reason: 'Isolated network', acceptedUntil: today() });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toContain('must be after today');
    expect((await move('accepted_risk', { reason: 'x', acceptedUntil: 'next week' })).statusCode).toBe(400);
    expect((await move('mitigating', { acceptedUntil: daysFromNow(3) })).json().error.details[0].field).toBe('body.acceptedUntil');

    const accepted = await move('accepted_risk', { reason: 'Isolated network', acceptedUntil: daysFromNow(30) });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted_risk', acceptedUntil: daysFromNow(30), statusReason: 'Isolated network' });
    expect((await move('mitigating')).json().error.message).toContain('accepted risk cannot become mitigating');
    const reopened = (await move('open')).json();
    expect(reopened).toMatchObject({ status: 'open', acceptedUntil: null });
  });

  it('marks a false positive only with a reason, from any status, and reopens it', async () => {
    expect((await move('false_positive')).statusCode).toBe(400);
    const dismissed = await move('false_positive', { reason: 'SignalOS 2 on this site is the patched build' });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json().allowedTransitions).toEqual(['open']);
    expect((await move('remediated')).statusCode).toBe(409);
    expect((await move('open')).statusCode).toBe(200);
  });

  it('audits every change, keeps the snapshot current, and refuses to change an exposure that no longer matches', async () => {
    const audit = (await req(secretariat, 'GET', `/api/v1/audit?entityType=exposure&entityId=${ids.high}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action).reverse()).toEqual([
      'exposure.mitigating',
      'exposure.remediated',
      'exposure.open',
      'exposure.accepted_risk',
      'exposure.open',
      'exposure.false_positive',
      'exposure.open',
    ]);
    const [snapshot] = await t.db.select().from(exposureSnapshots).where(and(eq(exposureSnapshots.cityId, 'makassar'), eq(exposureSnapshots.day, today())));
    expect(snapshot).toMatchObject({ open: 3, kev: 1, critical: 1, high: 1, medium: 1 });
    const trend = (await req(officer, 'GET', '/api/v1/exposures/summary')).json().trend;
    expect(trend.at(-1)).toMatchObject({ day: today(), open: 3 });

    expect((await req(officer, 'GET', `/api/v1/exposures/${ids.inactive}`)).json()).toMatchObject({ active: false, allowedTransitions: [] });
    expect((await req(officer, 'POST', `/api/v1/exposures/${ids.inactive}/status`, { status: 'mitigating' })).statusCode).toBe(409);
  });
});

describe('an accepted risk past its date', () => {
  it('is open again when the city next reads its exposures, with an event and an audit entry naming the date', async () => {
    const yesterday = daysFromNow(-1);
    await t.db.update(exposures).set({ status: 'accepted_risk', statusReason: 'Isolated network', acceptedUntil: yesterday }).where(eq(exposures.id, ids.unknown));
    const summary = await req(officer, 'GET', '/api/v1/exposures/summary');
    expect(summary.json().byStatus.accepted_risk).toBe(0);
    const detail = (await req(officer, 'GET', `/api/v1/exposures/${ids.unknown}`)).json();
    expect(detail).toMatchObject({ status: 'open', acceptedUntil: null, statusReason: `The risk was accepted until ${yesterday}; that date has passed.` });
    expect(detail.events.at(-1)).toMatchObject({ fromStatus: 'accepted_risk', toStatus: 'open', actorName: null });
    const audit = (await req(secretariat, 'GET', `/api/v1/audit?entityType=exposure&entityId=${ids.unknown}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'exposure.open', actorLabel: 'risk acceptance expiry' });
    // A second read changes nothing more.
    await req(officer, 'GET', '/api/v1/exposures');
    expect((await req(officer, 'GET', `/api/v1/exposures/${ids.unknown}`)).json().events).toHaveLength(detail.events.length);
  });
});

describe("the secretariat's network view", () => {
  it('counts cities per KEV vulnerability, country and system, and names no asset or city', async () => {
    const response = await req(secretariat, 'GET', '/api/v1/exposure-network');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.citiesWithInventory).toBe(2);
    expect(body.citiesWithKevExposure).toBe(2);
    expect(body.kev).toEqual([
      { vulnerabilityId: 'CVE-2021-36260', name: 'Hikvision Improper Input Validation', vendor: 'Hikvision', product: 'Various products', dueDate: '2022-01-24', citiesExposed: 2, citiesUnresolved: 2 },
    ]);
    expect(body.byCountry).toEqual([
      { countryCode: 'ID', countryName: 'Indonesia', citiesWithKevExposure: 1 },
      { countryCode: 'VN', countryName: 'Viet Nam', citiesWithKevExposure: 1 },
    ]);
    expect(body.bySystem).toEqual([{ system: 'cctv', citiesWithKevExposure: 2, kevExposures: 2 }]);
    for (const secret of ['Losari', 'Dragon bridge', 'Makassar', 'makassar', 'Da Nang', 'da-nang', ids.camera, ids.daNangCamera, ids.kev, 'Hikvision web server']) {
      expect(response.body).not.toContain(secret);
    }
    for (const who of [officer, nationalRep, company]) expect((await req(who, 'GET', '/api/v1/exposure-network')).statusCode).toBe(403);
    expect((await req(null, 'GET', '/api/v1/exposure-network')).statusCode).toBe(401);
  });

  it('leaves out false positives', async () => {
    const dismissed = await req(otherCity, 'POST', `/api/v1/exposures/${ids.daNangKev}/status`, { status: 'false_positive', reason: 'Not this model' });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    const body = (await req(secretariat, 'GET', '/api/v1/exposure-network')).json();
    expect(body.kev[0].citiesExposed).toBe(1);
    expect(body.byCountry.map((c: { countryCode: string }) => c.countryCode)).toEqual(['ID']);
  });
});

describe('matching on inventory changes', () => {
  it('opens an exposure when an asset matching an imported record is added, and closes it when the asset changes', async () => {
    const applicability: Applicability = {
      kind: 'nvd',
      configurations: [
        { nodes: [{ operator: 'OR', cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:a:acme:gatekeeper:*:*:*:*:*:*:*:*', versionEndExcluding: '4.0' }] }] },
      ],
    };
    await record({ key: 'nvd:CVE-2024-11111', source: 'nvd', vulnerabilityId: 'CVE-2024-11111', description: 'Gatekeeper lets anyone in.', cvssScore: 8.1, applicability });
    const [row] = await t.db.select().from(vulnerabilityRecords).where(eq(vulnerabilityRecords.key, 'nvd:CVE-2024-11111'));
    const keys = productKeysOfRecord(recordOfRow(row!));
    await t.db.insert(vulnerabilityProducts).values(keys.map((productKey) => ({ recordKey: 'nvd:CVE-2024-11111', productKey })));

    const gate = {
      name: 'City hall access control',
      system: 'buildings',
      criticality: 'critical',
      components: [{ kind: 'application', vendor: 'Acme', product: 'Gatekeeper', version: '3.2', cpes: ['cpe:2.3:a:acme:gatekeeper:3.2:*:*:*:*:*:*:*'] }],
    };
    const gateId = await asset(officer, gate);
    const listed = (await req(officer, 'GET', `/api/v1/exposures?assetId=${gateId}`)).json().items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ vulnerabilityId: 'CVE-2024-11111', matchStatus: 'affected', cvssScore: 8.1, priority: 'high', status: 'open', title: 'Gatekeeper lets anyone in.' });
    expect((await req(officer, 'GET', `/api/v1/exposures/${listed[0].id}`)).json().events).toMatchObject([{ fromStatus: null, toStatus: 'open' }]);

    const upgraded = await req(officer, 'PUT', `/api/v1/inventory/assets/${gateId}`, {
      ...gate,
      components: [{ ...gate.components[0], version: '4.1', cpes: ['cpe:2.3:a:acme:gatekeeper:4.1:*:*:*:*:*:*:*'] }],
    });
    expect(upgraded.statusCode, upgraded.body).toBe(200);
    expect(upgraded.json().activeExposures).toBe(0);
    expect((await req(officer, 'GET', `/api/v1/exposures?assetId=${gateId}`)).json().items).toEqual([]);
  });
});
