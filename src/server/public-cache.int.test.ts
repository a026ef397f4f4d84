import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeActor, type TestApp, type TestPerson } from '../testing/harness.js';

let t: TestApp;
let officer: TestPerson;
beforeAll(async () => {
  t = await createTestApp();
  officer = await makeActor(t, 'city_government', { cityId: 'kota-kinabalu' });
});
afterAll(() => t.close());

describe('the public micro-cache', () => {
  it("answers visitors' repeated reads from memory, and never someone signed in", async () => {
    const first = await t.request(null, { method: 'GET', url: '/api/v1/cities/kota-kinabalu' });
    const second = await t.request(null, { method: 'GET', url: '/api/v1/cities/kota-kinabalu' });
    expect(first.headers['x-mitra-cache']).toBeUndefined();
    expect(second.headers['x-mitra-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toContain('application/json');
    const signedIn = await t.request(officer, { method: 'GET', url: '/api/v1/cities/kota-kinabalu' });
    expect(signedIn.headers['x-mitra-cache']).toBeUndefined();
    expect(signedIn.json().canEdit).toBe(true);
  });

  it('forgets everything when this process changes something, so visitors see the change at once', async () => {
    await t.request(null, { method: 'GET', url: '/api/v1/cities/kota-kinabalu' });
    const patch = await t.request(officer, { method: 'PATCH', url: '/api/v1/cities/kota-kinabalu', payload: { summary: 'Gateway to Mount Kinabalu' } });
    expect(patch.statusCode).toBe(200);
    const after = await t.request(null, { method: 'GET', url: '/api/v1/cities/kota-kinabalu' });
    expect(after.headers['x-mitra-cache']).toBeUndefined();
    expect(after.json().summary).toBe('Gateway to Mount Kinabalu');
  });

  it('does not cache errors or routes that are not declared cacheable', async () => {
    await t.request(null, { method: 'GET', url: '/api/v1/cities/atlantis' });
    expect((await t.request(null, { method: 'GET', url: '/api/v1/cities/atlantis' })).headers['x-mitra-cache']).toBeUndefined();
    await t.request(null, { method: 'GET', url: '/api/v1/setup' });
    expect((await t.request(null, { method: 'GET', url: '/api/v1/setup' })).headers['x-mitra-cache']).toBeUndefined();
  });
});
