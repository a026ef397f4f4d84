import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assets, inventoryImportPreviews } from '../../db/schema/index.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let officer: TestPerson;
let colleague: TestPerson;
let otherCity: TestPerson;
let nationalRep: TestPerson;
let company: TestPerson;
let secretariat: TestPerson;

const req = (by: TestPerson | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.request(by, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });

function csvUpload(csv: string, fileName = 'inventory.csv') {
  const boundary = '----mitra-csv';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(csv),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const preview = (by: TestPerson | null, csv: string) => t.request(by, { method: 'POST', url: '/api/v1/inventory/imports/preview', ...csvUpload(csv) });

const camera = {
  name: 'Hikvision cameras, Losari beach',
  system: 'cctv',
  quantity: 40,
  location: 'Losari beach promenade',
  ownerDepartment: 'Dinas Kominfo',
  criticality: 'high',
  internetExposed: true,
  notes: 'Installed 2021',
  components: [
    { kind: 'hardware', vendor: 'Hikvision', product: 'DS-2CD2142FWD-I', version: '', cpes: ['cpe:2.3:h:hikvision:ds-2cd2142fwd-i:-:*:*:*:*:*:*:*'] },
    { kind: 'firmware', vendor: 'Hikvision', product: 'DS-2CD2142FWD-I firmware', version: '5.4.5', cpes: ['cpe:2.3:o:hikvision:ds-2cd2142fwd-i_firmware:5.4.5:*:*:*:*:*:*:*'] },
  ],
};

async function cityNames() {
  return (await t.db.select({ name: assets.name, cityId: assets.cityId }).from(assets)).map((a) => `${a.cityId}:${a.name}`).sort();
}

beforeAll(async () => {
  t = await createTestApp();
  const cityOrg = await makeOrganisation(t, { kind: 'city_government', cityId: 'makassar' });
  officer = await makePerson(t, cityOrg, { role: 'member' });
  colleague = await makePerson(t, cityOrg, { role: 'admin' });
  otherCity = await makeActor(t, 'city_government', { cityId: 'da-nang' });
  nationalRep = await makeActor(t, 'national_agency', { countryCode: 'ID' });
  company = await makeActor(t, 'company');
  secretariat = await makeActor(t, 'secretariat');
});
afterAll(() => t.close());

describe('inventory assets', () => {
  let assetId: string;

  it('are created with components, validated, and audited', async () => {
    const created = await req(officer, 'POST', '/api/v1/inventory/assets', camera);
    expect(created.statusCode, created.body).toBe(201);
    const asset = created.json();
    assetId = asset.id;
    expect(asset).toMatchObject({ name: camera.name, system: 'cctv', quantity: 40, internetExposed: true, activeExposures: 0, kevExposures: 0 });
    expect(asset.components.map((c: { kind: string }) => c.kind)).toEqual(['hardware', 'firmware']);
    expect(JSON.stringify(asset)).not.toContain('makassar');

    const audit = (await req(secretariat, 'GET', `/api/v1/audit?entityType=asset&entityId=${assetId}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['asset.created']);
  });

  it.each([
    ['a missing name', { name: '' }, 'body.name'],
    ['an unknown system', { system: 'sewers' }, 'body.system'],
    ['a quantity below one', { quantity: 0 }, 'body.quantity'],
    ['no components', { components: [] }, 'body.components'],
    ['eleven components', { components: Array.from({ length: 11 }, () => camera.components[0]) }, 'body.components'],
    ['an unknown component kind', { components: [{ ...camera.components[0], kind: 'cloud' }] }, 'body.components.0.kind'],
  ])('refuse %s, naming the field', async (_what, change, field) => {
    const response = await req(officer, 'POST', '/api/v1/inventory/assets', { ...camera, ...change });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuse an unknown field', async () => {
    const response = await req(officer, 'POST', '/api/v1/inventory/assets', { ...camera, colour: 'red' });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.message).toContain('colour');
  });

  it('refuse a malformed CPE, naming the component and the CPE', async () => {
    const bad = { ...camera, components: [camera.components[0], { ...camera.components[1], cpes: ['cpe:2.3:o:hikvision'] }] };
    const response = await req(officer, 'POST', '/api/v1/inventory/assets', bad);
    expect(response.statusCode, response.body).toBe(400);
    const { message, details } = response.json().error;
    expect(message).toContain("component 2 (Hikvision DS-2CD2142FWD-I firmware): 'cpe:2.3:o:hikvision' is not a valid CPE 2.3 name");
    expect(details[0].field).toBe('body.components.1.cpes.0');
  });

  it('are read, replaced and listed with filters and a cursor', async () => {
    const got = await req(colleague, 'GET', `/api/v1/inventory/assets/${assetId}`);
    expect(got.statusCode, got.body).toBe(200);
    const firstComponentId = got.json().components[0].id;

    const replaced = await req(colleague, 'PUT', `/api/v1/inventory/assets/${assetId}`, {
      ...camera,
      quantity: 42,
      components: [camera.components[0], camera.components[1], { kind: 'application', vendor: 'Hikvision', product: 'iVMS-4200', version: '3.1', cpes: [] }],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().quantity).toBe(42);
    expect(replaced.json().components).toHaveLength(3);
    expect(replaced.json().components[0].id).toBe(firstComponentId);

    const second = await req(officer, 'POST', '/api/v1/inventory/assets', {
      name: 'Adaptive traffic signals',
      system: 'traffic',
      criticality: 'critical',
      components: [{ kind: 'application', vendor: 'Siemens', product: 'SiTraffic Scala', version: '2.4' }],
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ quantity: 1, criticality: 'critical', internetExposed: false, location: '' });

    const page1 = (await req(officer, 'GET', '/api/v1/inventory/assets?limit=1')).json();
    expect(page1.items.map((a: { name: string }) => a.name)).toEqual(['Adaptive traffic signals']);
    const page2 = (await req(officer, 'GET', `/api/v1/inventory/assets?limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((a: { name: string }) => a.name)).toEqual([camera.name]);
    expect(page2.nextCursor).toBeNull();

    const names = async (query: string) => (await req(officer, 'GET', `/api/v1/inventory/assets?${query}`)).json().items.map((a: { name: string }) => a.name);
    expect(await names('system=traffic')).toEqual(['Adaptive traffic signals']);
    expect(await names('criticality=high')).toEqual([camera.name]);
    expect(await names('internetExposed=true')).toEqual([camera.name]);
    expect(await names('q=sitraffic')).toEqual(['Adaptive traffic signals']);
    expect(await names('q=losari')).toEqual([camera.name]);
    expect(await names('q=promenade')).toEqual([]);
    expect(await names('q=hikvision 4200')).toEqual([camera.name]);
    expect((await req(officer, 'GET', '/api/v1/inventory/assets?system=sewers')).statusCode).toBe(400);
    expect((await req(officer, 'GET', '/api/v1/inventory/assets?cursor=bm90LWpzb24')).statusCode).toBe(400);

    const audit = (await req(secretariat, 'GET', `/api/v1/audit?entityType=asset&entityId=${assetId}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(['asset.created', 'asset.updated']);
  });

  it('are deleted, audited', async () => {
    const created = (await req(officer, 'POST', '/api/v1/inventory/assets', { ...camera, name: 'Temporary kiosk' })).json();
    const deleted = await req(officer, 'DELETE', `/api/v1/inventory/assets/${created.id}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await req(officer, 'GET', `/api/v1/inventory/assets/${created.id}`)).statusCode).toBe(404);
    expect((await req(officer, 'DELETE', `/api/v1/inventory/assets/${created.id}`)).statusCode).toBe(404);
    const audit = (await req(secretariat, 'GET', `/api/v1/audit?entityType=asset&entityId=${created.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(['asset.created', 'asset.deleted']);
  });

  it('are only ever the city staff’s own: others get 404, 403 or 401 and never see a row', async () => {
    const daNang = await req(otherCity, 'POST', '/api/v1/inventory/assets', { ...camera, name: 'Da Nang bridge cameras', location: 'Dragon bridge', notes: '' });
    expect(daNang.statusCode, daNang.body).toBe(201);
    const daNangId = daNang.json().id;

    // The other city cannot reach Makassar's asset by id, for reading or writing.
    expect((await req(otherCity, 'GET', `/api/v1/inventory/assets/${assetId}`)).statusCode).toBe(404);
    expect((await req(otherCity, 'PUT', `/api/v1/inventory/assets/${assetId}`, camera)).statusCode).toBe(404);
    expect((await req(otherCity, 'DELETE', `/api/v1/inventory/assets/${assetId}`)).statusCode).toBe(404);
    expect((await req(officer, 'GET', `/api/v1/inventory/assets/${daNangId}`)).statusCode).toBe(404);
    // Each list holds only the city's own assets.
    const makassarList = JSON.stringify((await req(officer, 'GET', '/api/v1/inventory/assets')).json());
    expect(makassarList).not.toContain('Da Nang bridge cameras');
    const daNangList = (await req(otherCity, 'GET', '/api/v1/inventory/assets')).json();
    expect(daNangList.items.map((a: { name: string }) => a.name)).toEqual(['Da Nang bridge cameras']);
    expect((await req(otherCity, 'GET', '/api/v1/inventory/assets.csv')).body).not.toContain('Losari');

    for (const [who, status] of [
      [nationalRep, 403],
      [company, 403],
      [secretariat, 403],
      [null, 401],
    ] as const) {
      for (const [method, url] of [
        ['GET', '/api/v1/inventory/assets'],
        ['GET', `/api/v1/inventory/assets/${assetId}`],
        ['PUT', `/api/v1/inventory/assets/${assetId}`],
        ['DELETE', `/api/v1/inventory/assets/${assetId}`],
        ['POST', '/api/v1/inventory/assets'],
        ['GET', '/api/v1/inventory/assets.csv'],
        ['GET', '/api/v1/inventory/imports/template'],
        ['POST', '/api/v1/inventory/cpe-suggestion'],
      ] as const) {
        const payload = url.endsWith('cpe-suggestion') ? { kind: 'hardware', vendor: 'A', product: 'B' } : method === 'PUT' || method === 'POST' ? camera : undefined;
        const response = await req(who, method, url, payload);
        expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
        expect(response.body).not.toContain('Losari');
      }
      expect((await preview(who, 'name,system,kind,vendor,product\nX,cctv,hardware,A,B\n')).statusCode).toBe(status);
    }
    expect(await cityNames()).toEqual(['da-nang:Da Nang bridge cameras', 'makassar:Adaptive traffic signals', `makassar:${camera.name}`]);
  });

  it('never appear in the search', async () => {
    for (const who of [officer, secretariat, null]) {
      const response = await req(who, 'GET', `/api/v1/search?q=${encodeURIComponent('Hikvision Losari')}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).not.toContain('Losari');
      expect(response.body).not.toContain(assetId);
    }
  });
});

describe('CPE suggestion', () => {
  it('gives a CPE 2.3 name with the part from the kind', async () => {
    const hardware = await req(officer, 'POST', '/api/v1/inventory/cpe-suggestion', { kind: 'hardware', vendor: 'Siemens', product: 'SCALANCE X200' });
    expect(hardware.statusCode, hardware.body).toBe(200);
    expect(hardware.json()).toEqual({ cpe: 'cpe:2.3:h:siemens:scalance_x200:*:*:*:*:*:*:*:*', part: 'h' });
    const firmware = (await req(officer, 'POST', '/api/v1/inventory/cpe-suggestion', { kind: 'firmware', vendor: 'Hikvision', product: 'DS-2CD2142FWD-I firmware', version: '5.4.5' })).json();
    expect(firmware.cpe).toBe('cpe:2.3:o:hikvision:ds-2cd2142fwd-i_firmware:5.4.5:*:*:*:*:*:*:*');
    const app = (await req(officer, 'POST', '/api/v1/inventory/cpe-suggestion', { kind: 'application', vendor: 'Microsoft', product: 'Exchange Server', version: '2019' })).json();
    expect(app.cpe).toBe('cpe:2.3:a:microsoft:exchange_server:2019:*:*:*:*:*:*:*');
  });

  it('names the field it cannot use', async () => {
    const response = await req(officer, 'POST', '/api/v1/inventory/cpe-suggestion', { kind: 'hardware', vendor: 'Sïemens™ ✓', product: 'X' });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details[0].field).toBe('body.vendor');
    expect((await req(officer, 'POST', '/api/v1/inventory/cpe-suggestion', { kind: 'hardware', vendor: 'Siemens' })).statusCode).toBe(400);
  });
});

describe('CSV import', () => {
  const header = 'name,system,kind,vendor,product,version,cpe,quantity,location,owner_department,criticality,internet_exposed,notes';

  it('previews without writing, reports bad rows with their line and reason, and writes on confirm', async () => {
    const before = await cityNames();
    const csv = [
      header,
      'Water pumping station SCADA,water,hardware,Schneider Electric,Modicon M340,,cpe:2.3:h:schneider-electric:modicon_m340:-:*:*:*:*:*:*:*,3,Panaikang,PDAM,critical,no,',
      'Water pumping station SCADA,,firmware,Schneider Electric,Modicon M340 firmware,3.20,,,,,,,',
      'Street lighting gateway,energy,hardware,Telensa,PLANet gateway,2.1,,12,"City-wide, 12 sites",Dinas PU,medium,yes,"multi-line',
      'note"',
      'Flood sensors,sewers,hardware,Libelium,Waspmote,,,5,,,,,',
      'Parking meters,traffic,hardware,Parkeon,Strada,,cpe:2.3:h:parkeon;cpe:2.3:h:parkeon:strada:-:*:*:*:*:*:*:*,,,,,,',
      ',traffic,hardware,Acme,Box,,,,,,,,',
      'Library kiosks,city_services,application,Acme,Kiosk,1.0,,1,,,,maybe,',
      'Library kiosks,city_services,hardware,Acme,Kiosk PC,,,,,,,,',
      'Water pumping station SCADA,water,application,AVEVA,InTouch HMI,2020,,,,,high,,',
    ].join('\n');
    const response = await preview(officer, csv);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.previewId).toMatch(/^[0-9a-f-]{36}$/);

    expect(body.rejected).toEqual(
      expect.arrayContaining([
        { row: 2, field: 'name', message: expect.stringContaining("not imported: asset 'Water pumping station SCADA' also has rejected rows (line 11)") },
        { row: 3, field: 'name', message: expect.stringContaining("not imported: asset 'Water pumping station SCADA'") },
        { row: 6, field: 'system', message: "'sewers' is not a system; use one of traffic, cctv, water, energy, buildings, network, city_services" },
        { row: 7, field: 'cpe', message: expect.stringContaining("'cpe:2.3:h:parkeon' is not a valid CPE 2.3 name") },
        { row: 8, field: 'name', message: 'is empty: every row names the asset it belongs to' },
        { row: 9, field: 'internet_exposed', message: "'maybe' is not yes, no, true or false" },
        { row: 10, field: 'name', message: expect.stringContaining("not imported: asset 'Library kiosks' also has rejected rows (line 9)") },
        { row: 11, field: 'criticality', message: expect.stringContaining("'high' differs from 'critical' on line 2") },
      ]),
    );
    // The street lighting gateway (a multi-line cell) is the one asset accepted; its CPE is suggested.
    expect(body.accepted).toHaveLength(1);
    expect(body.accepted[0]).toMatchObject({
      rows: [4],
      name: 'Street lighting gateway',
      system: 'energy',
      quantity: 12,
      location: 'City-wide, 12 sites',
      internetExposed: true,
      notes: 'multi-line\nnote',
      components: [{ row: 4, kind: 'hardware', cpes: ['cpe:2.3:h:telensa:planet_gateway:2.1:*:*:*:*:*:*:*'], cpeSuggested: true }],
    });
    expect(body.assetCount).toBe(1);

    // Nothing is written before confirmation.
    expect(await cityNames()).toEqual(before);

    // Another person (even of the same city) cannot confirm someone else's preview.
    expect((await req(colleague, 'POST', '/api/v1/inventory/imports/confirm', { previewId: body.previewId })).statusCode).toBe(404);
    expect((await req(otherCity, 'POST', '/api/v1/inventory/imports/confirm', { previewId: body.previewId })).statusCode).toBe(404);

    const confirmed = await req(officer, 'POST', '/api/v1/inventory/imports/confirm', { previewId: body.previewId });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ assetsCreated: 1, componentsCreated: 1, exposures: { opened: 0 } });
    expect(await cityNames()).toEqual([...before, 'makassar:Street lighting gateway'].sort());
    // A preview is confirmed once.
    expect((await req(officer, 'POST', '/api/v1/inventory/imports/confirm', { previewId: body.previewId })).statusCode).toBe(404);
    expect(await t.db.select().from(inventoryImportPreviews).where(eq(inventoryImportPreviews.id, body.previewId))).toEqual([]);

    const [imported] = await t.db.select({ id: assets.id }).from(assets).where(eq(assets.name, 'Street lighting gateway'));
    const audit = (await req(secretariat, 'GET', `/api/v1/audit?entityType=asset&entityId=${imported!.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['asset.imported']);
  });

  it('groups rows sharing a name into one asset with several components', async () => {
    const csv = [
      'Name,System,Kind,Vendor,Product,Version,CPE,Criticality',
      'Traffic control centre,traffic,hardware,Cisco,ASA 5506-X,,,high',
      'traffic control centre,,firmware,Cisco,Adaptive Security Appliance Software,9.8.1,,',
      'Traffic control centre,traffic,application,Microsoft,Exchange Server,2019,cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_1:*:*:*:*:*:*; ,HIGH',
    ].join('\r\n');
    const body = (await preview(officer, csv)).json();
    expect(body.rejected).toEqual([]);
    expect(body.accepted).toHaveLength(1);
    expect(body.accepted[0].rows).toEqual([2, 3, 4]);
    expect(body.accepted[0].components.map((c: { kind: string; cpeSuggested: boolean }) => [c.kind, c.cpeSuggested])).toEqual([
      ['hardware', true],
      ['firmware', true],
      ['application', false],
    ]);
    expect((await req(officer, 'POST', '/api/v1/inventory/imports/confirm', { previewId: body.previewId })).json()).toMatchObject({ assetsCreated: 1, componentsCreated: 3 });

    // The same file again: the asset is already in the inventory, so the row is rejected.
    const again = (await preview(officer, csv)).json();
    expect(again.accepted).toEqual([]);
    expect(again.rejected[0].message).toContain("an asset named 'Traffic control centre' is already in the inventory");
    expect((await req(officer, 'POST', '/api/v1/inventory/imports/confirm', { previewId: again.previewId })).statusCode).toBe(409);
  });

  it('names missing and unknown columns of a wrong header', async () => {
    const response = await preview(officer, 'name,kind,vendor,product,colour\nX,hardware,A,B,red\n');
    expect(response.statusCode, response.body).toBe(400);
    const { message } = response.json().error;
    expect(message).toContain('missing 1 column: system');
    expect(message).toContain('unknown 1 column: colour');
    expect((await preview(officer, '')).json().error.message).toContain('The file is empty');
    expect((await preview(officer, `${header}\n`)).json().error.message).toContain('no rows');
    expect((await preview(officer, 'name,system,kind,vendor,product\n"unclosed,cctv\n')).statusCode).toBe(400);
    const notUtf8 = await t.request(officer, { method: 'POST', url: '/api/v1/inventory/imports/preview', ...csvUpload(Buffer.from([0xff, 0xfe, 0x41]).toString('latin1')) });
    expect(notUtf8.statusCode).toBe(400);
    expect((await req(officer, 'POST', '/api/v1/inventory/imports/preview', { csv: 'x' })).statusCode).toBe(415);
  });

  it('exports the inventory and a template in the import format, and the export imports again', async () => {
    const template = await req(officer, 'GET', '/api/v1/inventory/imports/template');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('text/csv');
    expect(template.body.split('\n')[0]).toBe(header);
    const templatePreview = (await preview(officer, template.body)).json();
    expect(templatePreview.rejected).toEqual([]);
    expect(templatePreview.accepted[0].components).toHaveLength(2);

    const exported = await req(officer, 'GET', '/api/v1/inventory/assets.csv');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/attachment; filename="inventory-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(exported.body.split('\n')[0]).toBe(header);
    expect(exported.body).toContain('Hikvision cameras, Losari beach');

    // Into another city's empty inventory, Makassar's export imports cleanly.
    const elsewhere = await makeActor(t, 'city_government', { cityId: 'phuket' });
    const roundTrip = (await preview(elsewhere, exported.body)).json();
    expect(roundTrip.rejected).toEqual([]);
    const mine = (await req(officer, 'GET', '/api/v1/inventory/assets?limit=200')).json();
    expect(roundTrip.accepted.map((a: { name: string }) => a.name).sort()).toEqual(mine.items.map((a: { name: string }) => a.name).sort());
    const camerasBack = roundTrip.accepted.find((a: { name: string }) => a.name === camera.name);
    expect(camerasBack).toMatchObject({ quantity: 42, criticality: 'high', internetExposed: true, notes: 'Installed 2021' });
  });

  it('guards exported cells against spreadsheet formulas and reads them back', async () => {
    const created = await req(officer, 'POST', '/api/v1/inventory/assets', {
      name: '=HYPERLINK("http://evil.example")',
      system: 'buildings',
      components: [{ kind: 'application', vendor: 'Acme', product: 'BMS', version: '-1' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const exported = (await req(officer, 'GET', '/api/v1/inventory/assets.csv')).body;
    expect(exported).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    const back = (await preview(await makeActor(t, 'city_government', { cityId: 'bangkok' }), exported)).json();
    expect(back.accepted.map((a: { name: string }) => a.name)).toContain('=HYPERLINK("http://evil.example")');
  });
});
