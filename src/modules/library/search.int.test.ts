import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeActor, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let author: TestPerson;
let secretariat: TestPerson;
let outsider: TestPerson;
let daNangOfficer: TestPerson;

type Hit = { type: string; id: string; title: string; titleHtml: string; snippetHtml: string; rank: number; countryCode: string | null };
type Facet = { value: string; count: number };
type SearchResult = { items: Hit[]; total: number; nextCursor: string | null; facets: { type: Facet[]; focusArea: Facet[]; country: Facet[] } };

async function practice(fields: Record<string, unknown>, publish = true) {
  const created = await t.request(author, {
    method: 'POST',
    url: '/api/v1/practices',
    payload: { kind: 'guide', focusAreaId: 'built-infrastructure', summary: '', body: '', ...fields },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  if (publish) {
    await t.request(author, { method: 'POST', url: `/api/v1/practices/${id}/submit` });
    expect((await t.request(secretariat, { method: 'POST', url: `/api/v1/practices/${id}/publish` })).statusCode).toBe(200);
  }
  return id;
}

async function project(fields: Record<string, unknown>) {
  const response = await t.request(daNangOfficer, {
    method: 'POST',
    url: '/api/v1/cities/da-nang/projects',
    payload: { focusAreaId: 'quality-environment', description: '', status: 'planning', ...fields },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function search(who: TestPerson | null, query: string): Promise<SearchResult> {
  const response = await t.request(who, { method: 'GET', url: `/api/v1/search?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

beforeAll(async () => {
  t = await createTestApp();
  author = await makeActor(t, 'us_city', { role: 'member' });
  secretariat = await makeActor(t, 'secretariat');
  outsider = await makeActor(t, 'company');
  daNangOfficer = await makeActor(t, 'city_government', { cityId: 'da-nang' });
});
afterAll(() => t.close());

describe('search: matching and ranking', () => {
  let trafficId: string;
  let vietnameseId: string;
  let titleMatchId: string;
  let bodyMatchId: string;
  beforeAll(async () => {
    trafficId = await practice({ title: 'Traffic management centre playbook', summary: 'Running a city operations room.' });
    vietnameseId = await practice({ title: 'Hệ thống cảnh báo ngập lụt', summary: 'Cảnh báo sớm cho người dân', language: 'vi', cityId: 'ho-chi-minh-city' });
    titleMatchId = await practice({ title: 'Mangrove restoration toolkit', body: 'Planting along the coast.' });
    bodyMatchId = await practice({ title: 'Coastal resilience guide', body: 'Among many measures, the mangrove belt absorbs storm surges.' });
  });

  it('finds a practice by a misspelt title word', async () => {
    const result = await search(null, 'q=traffik');
    expect(result.items.map((h) => h.id)).toContain(trafficId);
  });

  it('finds a Vietnamese-title practice by a Vietnamese word', async () => {
    const result = await search(null, `q=${encodeURIComponent('ngập')}`);
    expect(result.items.map((h) => h.id)).toEqual([vietnameseId]);
    expect(result.items[0]!.titleHtml).toContain('<mark>ngập</mark>');
    expect(result.facets.country).toEqual([{ value: 'VN', count: 1 }]);
  });

  it('ranks a title match above a body-only match', async () => {
    const ids = (await search(null, 'q=mangrove')).items.map((h) => h.id);
    expect(ids).toContain(bodyMatchId);
    expect(ids.indexOf(titleMatchId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(titleMatchId)).toBeLessThan(ids.indexOf(bodyMatchId));
  });

  it('highlights the matched term in the title and the snippet', async () => {
    const hits = (await search(null, 'q=mangrove')).items;
    expect(hits.find((h) => h.id === titleMatchId)!.titleHtml).toBe('<mark>Mangrove</mark> restoration toolkit');
    expect(hits.find((h) => h.id === bodyMatchId)!.snippetHtml).toContain('<mark>mangrove</mark> belt');
  });

  it('escapes the HTML of the text in snippets, keeping only the marks', async () => {
    const id = await practice({ title: 'Escaping check', body: 'The <script>alert(1)</script> wombat <img src=x onerror=alert(2)> here.' });
    const hit = (await search(null, 'q=wombat')).items.find((h) => h.id === id)!;
    expect(hit.snippetHtml).toContain('<mark>wombat</mark>');
    expect(hit.snippetHtml).not.toMatch(/<script|<img/);
    expect(hit.snippetHtml).toContain('&lt;img src=x');
  });

  it('rejects bad input with 400, never 500', async () => {
    for (const query of ['', 'q=', 'q=x&limit=abc', 'q=x&type=city', 'q=x&colour=red', 'q=x&cursor=%%%', 'q=x&cursor=WyJ4Il0']) {
      const response = await t.request(null, { method: 'GET', url: `/api/v1/search?${query}` });
      expect(response.statusCode, query).toBe(400);
    }
    // Query syntax that would break a naive to_tsquery is just text here.
    expect((await t.request(null, { method: 'GET', url: `/api/v1/search?q=${encodeURIComponent("a & | ! ( ' :* <->")}` })).statusCode).toBe(200);
  });
});

describe('search: what each viewer may see', () => {
  beforeAll(async () => {
    await practice({ title: 'Quokka public practice', focusAreaId: 'health-well-being', cityId: 'da-nang' });
    await practice({ title: 'Quokka partnership practice', visibility: 'partnership', summary: 'secret quokka partnership words' });
    await practice({ title: 'Quokka draft practice', body: 'draft quokka words' }, false);
    const inReview = await practice({ title: 'Quokka review practice' }, false);
    await t.request(author, { method: 'POST', url: `/api/v1/practices/${inReview}/submit` });
    await project({ title: 'Quokka public project', visibility: 'public' });
    await project({ title: 'Quokka partnership project', visibility: 'partnership' });
    await project({ title: 'Quokka restricted project', visibility: 'restricted', description: 'restricted quokka words' });
  });

  const titles = (result: SearchResult) => result.items.map((h) => h.title).sort();

  it('shows the public only public published items, in hits, snippets and facets', async () => {
    const result = await search(null, 'q=quokka');
    expect(titles(result)).toEqual(['Quokka public practice', 'Quokka public project']);
    expect(result.total).toBe(2);
    expect(result.facets.type).toEqual([
      { value: 'practice', count: 1 },
      { value: 'project', count: 1 },
    ]);
    expect(result.facets.focusArea).toEqual([
      { value: 'health-well-being', count: 1 },
      { value: 'quality-environment', count: 1 },
    ]);
    expect(result.facets.country).toEqual([{ value: 'VN', count: 2 }]);
    expect(JSON.stringify(result)).not.toMatch(/secret|draft|restricted|partnership/i);
    // A word only in hidden items finds nothing at all.
    const hidden = await search(null, 'q=secret');
    expect(hidden.items).toEqual([]);
    expect(hidden.facets.type).toEqual([]);
  });

  it('shows anyone signed in the partnership items too, never drafts or items in review', async () => {
    const result = await search(outsider, 'q=quokka');
    expect(titles(result)).toEqual(['Quokka partnership practice', 'Quokka partnership project', 'Quokka public practice', 'Quokka public project']);
    expect(result.facets.type).toEqual([
      { value: 'practice', count: 2 },
      { value: 'project', count: 2 },
    ]);
  });

  it('shows the owners no unpublished practice in search either, and the city its restricted project', async () => {
    expect(titles(await search(author, 'q=quokka'))).not.toContain('Quokka draft practice');
    expect(titles(await search(daNangOfficer, 'q=quokka'))).toContain('Quokka restricted project');
    const all = await search(secretariat, 'q=quokka');
    expect(all.total).toBe(5);
    expect(titles(all)).not.toContain('Quokka review practice');
  });

  it('filters by type, focus area and country, with facets over the whole visible set, and pages', async () => {
    const projects = await search(outsider, 'q=quokka&type=project');
    expect(titles(projects)).toEqual(['Quokka partnership project', 'Quokka public project']);
    expect(projects.total).toBe(2);
    expect(projects.facets.type).toEqual([
      { value: 'practice', count: 2 },
      { value: 'project', count: 2 },
    ]);
    expect(titles(await search(outsider, 'q=quokka&focusArea=health-well-being'))).toEqual(['Quokka public practice']);
    expect(titles(await search(outsider, 'q=quokka&country=vn'))).toEqual(['Quokka public practice', 'Quokka partnership project', 'Quokka public project'].sort());
    const first = await search(outsider, 'q=quokka&limit=3');
    expect(first.items).toHaveLength(3);
    const second = await search(outsider, `q=quokka&limit=3&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((h) => h.id)).size).toBe(4);
  });
});
