import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeActor, type TestApp, type TestPerson } from '../testing/harness.js';

let t: TestApp;
let officer: TestPerson;
beforeAll(async () => {
  t = await createTestApp();
  officer = await makeActor(t, 'city_government', { cityId: 'vientiane' });
});
afterAll(() => t.close());

/** Client mistakes of every kind get a 4xx with the error body, never a 500. */
describe('bad input', () => {
  const cases: { label: string; method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: unknown; headers?: Record<string, string> }[] = [
    { label: 'repeated query parameter', method: 'GET', url: '/api/v1/projects?country=VN&country=TH' },
    { label: 'limit that is not a number', method: 'GET', url: '/api/v1/projects?limit=lots' },
    { label: 'limit too large', method: 'GET', url: '/api/v1/projects?limit=100000' },
    { label: 'unknown query parameter', method: 'GET', url: '/api/v1/cities?colour=blue' },
    { label: 'unknown sort', method: 'GET', url: '/api/v1/projects?sort=price' },
    { label: 'cursor of the wrong sort', method: 'GET', url: `/api/v1/projects?sort=startYear&cursor=${Buffer.from('["x","not-a-uuid"]').toString('base64url')}` },
    { label: 'NUL in a path', method: 'GET', url: '/api/v1/cities/%00' },
    { label: 'very long search', method: 'GET', url: `/api/v1/projects?q=${'a'.repeat(5000)}` },
    { label: 'NUL inside a text field', method: 'PATCH', url: '/api/v1/cities/vientiane', payload: { summary: 'before\u0000after' } },
    { label: 'array body', method: 'PATCH', url: '/api/v1/cities/vientiane', payload: [1, 2] },
    { label: 'string body', method: 'POST', url: '/api/v1/cities/vientiane/projects', payload: '"hello"', headers: { 'content-type': 'application/json' } },
    { label: 'text/plain body', method: 'POST', url: '/api/v1/cities/vientiane/projects', payload: 'title=x', headers: { 'content-type': 'text/plain' } },
    { label: 'null for a required field', method: 'POST', url: '/api/v1/cities/vientiane/projects', payload: { title: null, focusAreaId: 'civic-social', status: 'planning' } },
    { label: 'year out of range', method: 'POST', url: '/api/v1/cities/vientiane/projects', payload: { title: 'Old', focusAreaId: 'civic-social', status: 'planning', startYear: 1066 } },
    { label: 'budget as a number', method: 'POST', url: '/api/v1/cities/vientiane/projects', payload: { title: 'Bridge', focusAreaId: 'civic-social', status: 'planning', budget: { amount: 5, currency: 'USD' } } },
    { label: 'prototype pollution attempt', method: 'PATCH', url: '/api/v1/cities/vientiane', payload: JSON.parse('{"__proto__": {"admin": true}, "summary": "x"}') },
    { label: 'unknown project', method: 'PATCH', url: '/api/v1/projects/00000000-0000-4000-8000-000000000000', payload: { title: 'Nope' } },
    { label: 'delete an unknown document', method: 'DELETE', url: '/api/v1/documents/00000000-0000-4000-8000-000000000000' },
    { label: 'upload without multipart', method: 'POST', url: '/api/v1/projects/00000000-0000-4000-8000-000000000000/documents', payload: { file: 'x' } },
  ];

  for (const c of cases) {
    it(c.label, async () => {
      const response = await t.request(officer, { method: c.method, url: c.url, payload: c.payload as never, headers: c.headers });
      expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, response.body).toBeLessThan(500);
      const body = response.json();
      expect(typeof body.error.code).toBe('string');
      expect(body.error.message.length).toBeGreaterThan(5);
      expect(response.body).not.toMatch(/at \S+\.(ts|js):\d+/); // no stack traces
    });
  }

  it('leaves nothing half-written after a refused write', async () => {
    const before = (await t.request(officer, { method: 'GET', url: '/api/v1/cities/vientiane/projects' })).json().items.length;
    await t.request(officer, { method: 'POST', url: '/api/v1/cities/vientiane/projects', payload: { title: 'Half', focusAreaId: 'nowhere', status: 'planning' } });
    const after = (await t.request(officer, { method: 'GET', url: '/api/v1/cities/vientiane/projects' })).json().items.length;
    expect(after).toBe(before);
  });
});
