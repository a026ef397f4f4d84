import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let author: TestPerson; // a U.S. city official
let colleague: TestPerson; // same organisation as the author
let outsider: TestPerson; // another signed-in organisation
let secretariat: TestPerson;
let daNangOfficer: TestPerson;

const practiceBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'case_study',
  title: 'Adaptive traffic signal control',
  summary: 'How a corridor cut travel times with adaptive signals.',
  body: '## What we did\n\nSensors at each junction feed a controller.',
  focusAreaId: 'built-infrastructure',
  sectors: ['transport'],
  cityId: 'da-nang',
  technologies: ['computer vision'],
  standards: ['NTCIP 1202'],
  costRange: '100k_1m',
  outcomeIndicators: [{ name: 'Peak travel time', value: -18, unit: '%' }],
  language: 'en',
  visibility: 'public',
  ...overrides,
});

async function create(by: TestPerson, overrides: Record<string, unknown> = {}) {
  const response = await t.request(by, { method: 'POST', url: '/api/v1/practices', payload: practiceBody(overrides) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}
const post = (by: TestPerson | null, url: string, payload?: unknown) => t.request(by, { method: 'POST', url, ...(payload ? { payload } : {}) });
/** Creates, submits and publishes a practice; returns its id. */
async function published(overrides: Record<string, unknown> = {}) {
  const id = await create(author, overrides);
  expect((await post(author, `/api/v1/practices/${id}/submit`)).statusCode).toBe(200);
  expect((await post(secretariat, `/api/v1/practices/${id}/publish`)).statusCode).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  const usCity = await makeOrganisation(t, { kind: 'us_city' });
  author = await makePerson(t, usCity, { role: 'member' });
  colleague = await makePerson(t, usCity, { role: 'member' });
  outsider = await makeActor(t, 'company');
  secretariat = await makeActor(t, 'secretariat', { role: 'member' });
  daNangOfficer = await makeActor(t, 'city_government', { cityId: 'da-nang', role: 'member' });
});
afterAll(() => t.close());

describe('creating and editing a practice', () => {
  it('creates a draft owned by the author organisation, audited', async () => {
    const id = await create(author);
    const practice = (await t.request(author, { method: 'GET', url: `/api/v1/practices/${id}` })).json();
    expect(practice).toMatchObject({ status: 'draft', organisationId: author.organisationId, cityName: 'Da Nang', countryCode: 'VN', canEdit: true, canReview: false });
    expect(practice.outcomeIndicators).toEqual([{ name: 'Peak travel time', value: -18, unit: '%' }]);
    expect(practice.bodyHtml).toContain('<h2>What we did</h2>');
    const audit = (await t.request(secretariat, { method: 'GET', url: `/api/v1/audit?entityType=practice&entityId=${id}` })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['practice.created']);
    expect(audit.items[0].after).toMatchObject({ title: 'Adaptive traffic signal control', status: 'draft' });
  });

  it('refuses the public with 401', async () => {
    const response = await t.request(null, { method: 'POST', url: '/api/v1/practices', payload: practiceBody() });
    expect(response.statusCode).toBe(401);
  });

  it.each([
    ['an unknown field', { colour: 'red' }, 'colour'],
    ['a wrong kind', { kind: 'poem' }, 'kind'],
    ['a bad language tag', { language: 'english language' }, 'language'],
    ['a bad cost range', { costRange: 'cheap' }, 'costRange'],
    ['an indicator without a number', { outcomeIndicators: [{ name: 'x', value: 'lots', unit: '' }] }, 'outcomeIndicators'],
    ['an unknown focus area', { focusAreaId: 'space' }, 'focusAreaId'],
    ['an unknown city', { cityId: 'atlantis' }, 'cityId'],
  ])('rejects %s with a 400 naming the field', async (_label, overrides, field) => {
    const response = await t.request(author, { method: 'POST', url: '/api/v1/practices', payload: practiceBody(overrides) });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(JSON.stringify(response.json().error)).toContain(field);
  });

  it('lets a colleague of the author edit the draft, and nobody else', async () => {
    const id = await create(author);
    const edited = await t.request(colleague, { method: 'PATCH', url: `/api/v1/practices/${id}`, payload: { title: 'Adaptive signals, revised' } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().title).toBe('Adaptive signals, revised');
    expect((await t.request(outsider, { method: 'PATCH', url: `/api/v1/practices/${id}`, payload: { title: 'Hijacked' } })).statusCode).toBe(404);
    expect((await t.request(secretariat, { method: 'PATCH', url: `/api/v1/practices/${id}`, payload: { title: 'Hijacked' } })).statusCode).toBe(403);
    expect((await t.request(null, { method: 'PATCH', url: `/api/v1/practices/${id}`, payload: { title: 'Hijacked' } })).statusCode).toBe(401);
    const after = (await t.request(author, { method: 'GET', url: `/api/v1/practices/${id}` })).json();
    expect(after.title).toBe('Adaptive signals, revised');
    const audit = (await t.request(secretariat, { method: 'GET', url: `/api/v1/audit?entityId=${id}` })).json();
    expect(audit.items[0]).toMatchObject({ action: 'practice.updated', before: { title: 'Adaptive traffic signal control' }, after: { title: 'Adaptive signals, revised' } });
  });
});

describe('the publishing workflow', () => {
  it('goes draft → in review → returned → in review → published, each step by the right people', async () => {
    const id = await create(author);
    // Only the owners submit.
    expect((await post(outsider, `/api/v1/practices/${id}/submit`)).statusCode).toBe(404);
    expect((await post(author, `/api/v1/practices/${id}/publish`)).statusCode).toBe(403);
    expect((await post(null, `/api/v1/practices/${id}/submit`)).statusCode).toBe(401);
    expect((await post(secretariat, `/api/v1/practices/${id}/submit`)).statusCode).toBe(403);
    expect((await post(author, `/api/v1/practices/${id}/submit`)).json().status).toBe('in_review');
    // In review: no more edits, no second submit.
    expect((await t.request(author, { method: 'PATCH', url: `/api/v1/practices/${id}`, payload: { title: 'Changed in review' } })).statusCode).toBe(409);
    expect((await post(author, `/api/v1/practices/${id}/submit`)).statusCode).toBe(409);
    // The secretariat returns it with a comment; the author is told.
    expect((await post(secretariat, `/api/v1/practices/${id}/return`, {})).statusCode).toBe(400);
    expect((await post(author, `/api/v1/practices/${id}/return`, { comment: 'x' })).statusCode).toBe(403);
    const returned = await post(secretariat, `/api/v1/practices/${id}/return`, { comment: 'Add the cost figures.' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'draft', reviewComment: 'Add the cost figures.' });
    const seen = (await t.request(author, { method: 'GET', url: `/api/v1/practices/${id}` })).json();
    expect(seen).toMatchObject({ reviewComment: 'Add the cost figures.', canEdit: true });
    const notes = (await t.request(author, { method: 'GET', url: '/api/v1/notifications' })).json().items as { title: string; body: string }[];
    expect(notes.some((n) => n.title.startsWith('To revise') && n.body.includes('Add the cost figures.'))).toBe(true);
    // Publishing a draft is refused; resubmitted, it is published and the author told.
    expect((await post(secretariat, `/api/v1/practices/${id}/publish`)).statusCode).toBe(409);
    await post(author, `/api/v1/practices/${id}/submit`);
    const done = await post(secretariat, `/api/v1/practices/${id}/publish`);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'published', reviewComment: null });
    expect(done.json().publishedAt).not.toBeNull();
    const notesAfter = (await t.request(author, { method: 'GET', url: '/api/v1/notifications' })).json().items as { title: string }[];
    expect(notesAfter[0]!.title).toBe('Published: Adaptive traffic signal control');
    // Published: no edits; the secretariat may return it to draft to revise.
    expect((await t.request(author, { method: 'PATCH', url: `/api/v1/practices/${id}`, payload: { title: 'Changed' } })).statusCode).toBe(409);
    expect((await post(null, `/api/v1/practices/${id}/return`, { comment: 'x' })).statusCode).toBe(401);
    expect((await post(outsider, `/api/v1/practices/${id}/return`, { comment: 'x' })).statusCode).toBe(403);
    expect((await t.request(null, { method: 'GET', url: `/api/v1/practices/${id}` })).statusCode).toBe(200);
    const revise = await post(secretariat, `/api/v1/practices/${id}/return`, { comment: 'Update the 2026 figures.' });
    expect(revise.json().status).toBe('draft');
    expect((await t.request(null, { method: 'GET', url: `/api/v1/practices/${id}` })).statusCode).toBe(404);
    const audit = (await t.request(secretariat, { method: 'GET', url: `/api/v1/audit?entityId=${id}` })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
      'practice.returned',
      'practice.published',
      'practice.submitted',
      'practice.returned',
      'practice.submitted',
      'practice.created',
    ]);
  });
});

describe('visibility', () => {
  let draftId: string;
  let publicId: string;
  let partnershipId: string;
  beforeAll(async () => {
    draftId = await create(author, { title: 'Zebrafish draft practice', kind: 'toolkit' });
    publicId = await published({ title: 'Zebrafish public practice', kind: 'toolkit' });
    partnershipId = await published({ title: 'Zebrafish partnership practice', kind: 'toolkit', visibility: 'partnership' });
  });

  const titlesFor = async (who: TestPerson | null, query = '') =>
    ((await t.request(who, { method: 'GET', url: `/api/v1/practices?kind=toolkit${query}` })).json().items as { title: string }[])
      .map((p) => p.title)
      .filter((title) => title.startsWith('Zebrafish'))
      .sort();

  it.each([
    ['the public', () => null, ['Zebrafish public practice']],
    ['another organisation', () => outsider, ['Zebrafish partnership practice', 'Zebrafish public practice']],
    ['the owners', () => colleague, ['Zebrafish draft practice', 'Zebrafish partnership practice', 'Zebrafish public practice']],
    ['the secretariat', () => secretariat, ['Zebrafish draft practice', 'Zebrafish partnership practice', 'Zebrafish public practice']],
  ])('lists to %s only what they may see', async (_label, who, expected) => {
    expect(await titlesFor(who())).toEqual(expected);
  });

  it('answers 404 for what the viewer may not see', async () => {
    expect((await t.request(null, { method: 'GET', url: `/api/v1/practices/${partnershipId}` })).statusCode).toBe(404);
    expect((await t.request(null, { method: 'GET', url: `/api/v1/practices/${draftId}` })).statusCode).toBe(404);
    expect((await t.request(outsider, { method: 'GET', url: `/api/v1/practices/${draftId}` })).statusCode).toBe(404);
    expect((await t.request(outsider, { method: 'GET', url: `/api/v1/practices/${partnershipId}` })).statusCode).toBe(200);
    expect((await t.request(null, { method: 'GET', url: `/api/v1/practices/${publicId}` })).statusCode).toBe(200);
    expect((await t.request(secretariat, { method: 'GET', url: `/api/v1/practices/${draftId}` })).statusCode).toBe(200);
  });

  it('filters by status only within what the viewer may see', async () => {
    expect(await titlesFor(null, '&status=draft')).toEqual([]);
    expect(await titlesFor(outsider, '&status=draft')).toEqual([]);
    expect(await titlesFor(secretariat, '&status=draft')).toEqual(['Zebrafish draft practice']);
  });

  it('pages with a cursor and rejects a forged one', async () => {
    const first = (await t.request(secretariat, { method: 'GET', url: '/api/v1/practices?kind=toolkit&limit=2' })).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = (await t.request(secretariat, { method: 'GET', url: `/api/v1/practices?kind=toolkit&limit=2&cursor=${first.nextCursor}` })).json();
    const ids = [...first.items, ...second.items].map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([draftId, publicId, partnershipId]));
    expect((await t.request(null, { method: 'GET', url: '/api/v1/practices?cursor=bm90LWpzb24' })).statusCode).toBe(400);
    expect((await t.request(null, { method: 'GET', url: '/api/v1/practices?colour=red' })).statusCode).toBe(400);
  });
});

describe('Markdown rendering', () => {
  it('neutralises XSS payloads in the body', async () => {
    const body = [
      '<script>alert("s")</script>',
      '<img src="https://x.example/a.png" onerror="alert(1)">',
      '[click me](javascript:alert(2))',
      '![pixel](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)',
      '<iframe src="https://evil.example"></iframe>',
      '<p style="position:fixed">covered</p>',
      '**still bold**',
    ].join('\n\n');
    const id = await published({ body, title: 'Markdown payloads' });
    const html = (await t.request(null, { method: 'GET', url: `/api/v1/practices/${id}` })).json().bodyHtml as string;
    expect(html).toContain('<strong>still bold</strong>');
    expect(html).toContain('covered');
    for (const bad of [/<script/i, /alert\("s"\)/, /onerror/i, /javascript:/i, /data:image/i, /<iframe/i, /style=/i]) expect(html).not.toMatch(bad);
  });
});

describe('translations and replications', () => {
  it('adds a translation as a linked draft, listed once visible', async () => {
    const originalId = await published({ title: 'Smart street lighting' });
    const response = await post(outsider, `/api/v1/practices/${originalId}/translations`, { language: 'vi', title: 'Chiếu sáng thông minh' });
    expect(response.statusCode).toBe(403);
    const created = await post(author, `/api/v1/practices/${originalId}/translations`, { language: 'vi', title: 'Chiếu sáng đường phố thông minh', body: 'Đèn đường' });
    expect(created.statusCode).toBe(201);
    const translation = created.json();
    expect(translation).toMatchObject({ language: 'vi', translationOf: originalId, status: 'draft', focusAreaId: 'built-infrastructure', cityId: 'da-nang' });
    expect(translation.translations).toEqual([expect.objectContaining({ id: originalId, language: 'en' })]);
    expect((await post(author, `/api/v1/practices/${translation.id}/translations`, { language: 'VI', title: 'Another one' })).statusCode).toBe(409);
    // The public sees no translation until it is published.
    expect((await t.request(null, { method: 'GET', url: `/api/v1/practices/${originalId}` })).json().translations).toEqual([]);
    await post(author, `/api/v1/practices/${translation.id}/submit`);
    await post(secretariat, `/api/v1/practices/${translation.id}/publish`);
    expect((await t.request(null, { method: 'GET', url: `/api/v1/practices/${originalId}` })).json().translations).toEqual([
      { id: translation.id, language: 'vi', title: 'Chiếu sáng đường phố thông minh', status: 'published' },
    ]);
  });

  it('records and removes a replication: owners and the replicating city, not others', async () => {
    const id = await published({ title: 'Flood early warning' });
    expect((await post(outsider, `/api/v1/practices/${id}/replications`, { cityId: 'da-nang', year: 2025 })).statusCode).toBe(403);
    const added = await post(daNangOfficer, `/api/v1/practices/${id}/replications`, { cityId: 'da-nang', year: 2025, note: 'Piloted on two rivers' });
    expect(added.statusCode).toBe(201);
    expect(added.json().replications).toEqual([expect.objectContaining({ cityId: 'da-nang', cityName: 'Da Nang', year: 2025, note: 'Piloted on two rivers' })]);
    expect((await post(author, `/api/v1/practices/${id}/replications`, { cityId: 'da-nang', year: 2026 })).statusCode).toBe(409);
    expect((await post(author, `/api/v1/practices/${id}/replications`, { cityId: 'atlantis', year: 2026 })).statusCode).toBe(400);
    const replicationId = added.json().replications[0].id;
    expect((await t.request(outsider, { method: 'DELETE', url: `/api/v1/practices/${id}/replications/${replicationId}` })).statusCode).toBe(403);
    expect((await t.request(author, { method: 'DELETE', url: `/api/v1/practices/${id}/replications/${replicationId}` })).statusCode).toBe(204);
    expect((await t.request(null, { method: 'GET', url: `/api/v1/practices/${id}` })).json().replications).toEqual([]);
    const audit = (await t.request(secretariat, { method: 'GET', url: `/api/v1/audit?entityId=${id}` })).json();
    expect(audit.items.slice(0, 2).map((e: { action: string }) => e.action)).toEqual(['practice.replication_removed', 'practice.replication_added']);
  });

  it('attaches documents through the documents module while a draft', async () => {
    const id = await create(author, { title: 'With attachment' });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const boundary = '----mitra';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    expect((await t.request(outsider, { method: 'POST', url: `/api/v1/practices/${id}/documents`, payload, headers })).statusCode).toBe(404);
    const uploaded = await t.request(colleague, { method: 'POST', url: `/api/v1/practices/${id}/documents`, payload, headers });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const practice = (await t.request(author, { method: 'GET', url: `/api/v1/practices/${id}` })).json();
    expect(practice.attachments.map((d: { fileName: string }) => d.fileName)).toEqual(['plan.pdf']);
    expect((await t.request(outsider, { method: 'GET', url: `/api/v1/documents/${uploaded.json().id}` })).statusCode).toBe(404);
  });
});
