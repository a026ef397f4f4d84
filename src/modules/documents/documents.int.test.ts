import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeActor, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let officer: TestPerson;
let otherCity: TestPerson;
let publicProject: string;
let restrictedProject: string;

function multipart(fileName: string, bytes: Buffer) {
  const boundary = '----mitra-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  t = await createTestApp();
  officer = await makeActor(t, 'city_government', { cityId: 'makassar' });
  otherCity = await makeActor(t, 'city_government', { cityId: 'banyuwangi' });
  const create = async (visibility: string) =>
    (
      await t.request(officer, {
        method: 'POST',
        url: '/api/v1/cities/makassar/projects',
        payload: { title: `Port logistics ${visibility}`, focusAreaId: 'industry-innovation', status: 'planning', visibility },
      })
    ).json().id as string;
  publicProject = await create('public');
  restrictedProject = await create('restricted');
});
afterAll(() => t.close());

describe('documents', () => {
  it('accepts a PDF checked by content, serves it to those who may see the project', async () => {
    const upload = await t.request(officer, { method: 'POST', url: `/api/v1/projects/${publicProject}/documents`, ...multipart('feasibility.pdf', pdf) });
    expect(upload.statusCode).toBe(201);
    expect(upload.json()).toMatchObject({ fileName: 'feasibility.pdf', mediaType: 'application/pdf', sizeBytes: pdf.length });
    const list = (await t.request(null, { method: 'GET', url: `/api/v1/projects/${publicProject}/documents` })).json();
    expect(list).toMatchObject({ canUpload: false, items: [{ fileName: 'feasibility.pdf' }] });
    const download = await t.request(null, { method: 'GET', url: `/api/v1/documents/${upload.json().id}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('keeps documents of a restricted project from the public and from other cities', async () => {
    const upload = await t.request(officer, { method: 'POST', url: `/api/v1/projects/${restrictedProject}/documents`, ...multipart('budget.pdf', pdf) });
    expect(upload.statusCode).toBe(201);
    expect((await t.request(null, { method: 'GET', url: `/api/v1/documents/${upload.json().id}` })).statusCode).toBe(404);
    expect((await t.request(otherCity, { method: 'GET', url: `/api/v1/documents/${upload.json().id}` })).statusCode).toBe(404);
    expect((await t.request(otherCity, { method: 'DELETE', url: `/api/v1/documents/${upload.json().id}` })).statusCode).toBe(404);
  });

  it('refuses a file whose content is not an accepted type, whatever its name says', async () => {
    const fake = Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this is really a program');
    const response = await t.request(officer, { method: 'POST', url: `/api/v1/projects/${publicProject}/documents`, ...multipart('report.pdf', fake) });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.message).toContain('report.pdf');
    const list = (await t.request(officer, { method: 'GET', url: `/api/v1/projects/${publicProject}/documents` })).json();
    expect(list.items.map((d: { fileName: string }) => d.fileName)).not.toContain('report.pdf');
  });

  it('refuses a file over the size limit', async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(2 * 1024 * 1024, 32)]);
    const response = await t.request(officer, { method: 'POST', url: `/api/v1/projects/${publicProject}/documents`, ...multipart('big.pdf', big) });
    expect(response.statusCode).toBe(413);
  });

  it('refuses uploads by another city, and lets the owner delete with an audit entry', async () => {
    expect((await t.request(otherCity, { method: 'POST', url: `/api/v1/projects/${publicProject}/documents`, ...multipart('x.pdf', pdf) })).statusCode).toBe(403);
    const upload = await t.request(officer, { method: 'POST', url: `/api/v1/projects/${publicProject}/documents`, ...multipart('old.pdf', pdf) });
    expect((await t.request(otherCity, { method: 'DELETE', url: `/api/v1/documents/${upload.json().id}` })).statusCode).toBe(403);
    expect((await t.request(officer, { method: 'DELETE', url: `/api/v1/documents/${upload.json().id}` })).statusCode).toBe(204);
    expect((await t.request(officer, { method: 'GET', url: `/api/v1/documents/${upload.json().id}` })).statusCode).toBe(404);
  });
});
