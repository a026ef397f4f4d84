import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subcategoryIds } from '../../engines/csf/gaps.js';
import { createTestApp, makeActor, type TestApp, type TestPerson } from '../../testing/harness.js';
import { csfCore } from './framework.js';

/*
 * Benchmarks over each city's latest submitted assessment, withheld below three contributing cities.
 * The tests build up the network step by step in one database: two cities, then three, then a country
 * with three.
 */

let t: TestApp;
let makassar: TestPerson;
let banyuwangi: TestPerson;
let hanoi: TestPerson;
let sumedang: TestPerson;
let indonesiaRep: TestPerson;
let vietnamRep: TestPerson;
let secretariat: TestPerson;
let company: TestPerson;

type Row = { id: string; distribution: null | Record<string, number>; moreCitiesNeeded: number; ownScore: number | null; standing: string | null };
type Benchmarks = { contributors: number; moreCitiesNeeded: number; functions: Row[]; categories: Row[]; view: string; ownAssessment: null | { id: string }; countryOptions: { code: string }[] };

/** A submitted assessment with every subcategory at `current` (target 4); `notApplicable` lists categories left not applicable. */
async function submit(as: TestPerson, current: number, notApplicable: string[] = []) {
  const created = await t.request(as, { method: 'POST', url: '/api/v1/assessments', payload: { title: `Level ${current}` } });
  const id = created.json().id as string;
  const answers = subcategoryIds(csfCore()).map((subcategoryId) =>
    notApplicable.some((category) => subcategoryId.startsWith(`${category}-`))
      ? { subcategoryId, notApplicable: true, notApplicableReason: 'Not in this city' }
      : { subcategoryId, currentLevel: current, targetLevel: 4 },
  );
  expect((await t.request(as, { method: 'PUT', url: `/api/v1/assessments/${id}/answers`, payload: { answers } })).statusCode).toBe(200);
  const tiers = { governanceTier: 2, governanceTierRationale: 'Judged', riskManagementTier: 2, riskManagementTierRationale: 'Judged' };
  expect((await t.request(as, { method: 'PATCH', url: `/api/v1/assessments/${id}`, payload: tiers })).statusCode).toBe(200);
  expect((await t.request(as, { method: 'POST', url: `/api/v1/assessments/${id}/submit` })).statusCode).toBe(200);
  return id;
}

async function benchmarks(as: TestPerson | null, query = ''): Promise<Benchmarks> {
  const response = await t.request(as, { method: 'GET', url: `/api/v1/csf/benchmarks${query}` });
  expect(response.statusCode).toBe(200);
  return response.json();
}

const row = (rows: Row[], id: string) => rows.find((r) => r.id === id)!;
const noFigures = (b: Benchmarks) => [...b.functions, ...b.categories].every((r) => r.distribution === null && r.standing === null);

beforeAll(async () => {
  t = await createTestApp();
  makassar = await makeActor(t, 'city_government', { cityId: 'makassar' });
  banyuwangi = await makeActor(t, 'city_government', { cityId: 'banyuwangi' });
  hanoi = await makeActor(t, 'city_government', { cityId: 'ha-noi' });
  sumedang = await makeActor(t, 'city_government', { cityId: 'sumedang' });
  indonesiaRep = await makeActor(t, 'national_agency', { countryCode: 'ID' });
  vietnamRep = await makeActor(t, 'national_agency', { countryCode: 'VN' });
  secretariat = await makeActor(t, 'secretariat');
  company = await makeActor(t, 'company');
});
afterAll(() => t.close());

describe('benchmarks', () => {
  it('are for cities, national representatives and the secretariat only', async () => {
    expect((await t.request(company, { method: 'GET', url: '/api/v1/csf/benchmarks' })).statusCode).toBe(403);
    expect((await t.request(null, { method: 'GET', url: '/api/v1/csf/benchmarks' })).statusCode).toBe(401);
    const empty = await benchmarks(secretariat);
    expect(empty).toMatchObject({ contributors: 0, moreCitiesNeeded: 3, view: 'network' });
    expect(empty.functions).toHaveLength(6);
    expect(empty.categories).toHaveLength(22);
    expect(noFigures(empty)).toBe(true);
  });

  it('show no figures with two contributing cities, to anyone, not even where each city stands', async () => {
    await submit(makassar, 1);
    await submit(banyuwangi, 2);
    // A draft does not count.
    await t.request(sumedang, { method: 'POST', url: '/api/v1/assessments', payload: { title: 'Draft only' } });
    for (const viewer of [makassar, banyuwangi, indonesiaRep, secretariat]) {
      const b = await benchmarks(viewer);
      expect(b).toMatchObject({ contributors: 2, moreCitiesNeeded: 1 });
      expect(noFigures(b)).toBe(true);
      expect(row(b.functions, 'GV').moreCitiesNeeded).toBe(1);
    }
    // A city still sees its own scores: they are its own data.
    const own = await benchmarks(makassar);
    expect(row(own.functions, 'GV')).toMatchObject({ ownScore: 1, distribution: null, standing: null });
    expect(own.ownAssessment).not.toBeNull();
    expect(row((await benchmarks(secretariat)).functions, 'GV').ownScore).toBeNull();
  });

  it('show the distribution and each city’s standing from three cities', async () => {
    await submit(hanoi, 3, ['RC.CO']);
    const network = await benchmarks(secretariat);
    expect(network).toMatchObject({ contributors: 3, moreCitiesNeeded: 0 });
    expect(row(network.functions, 'GV').distribution).toEqual({ contributors: 3, min: 1, q1: 1.5, median: 2, q3: 2.5, max: 3 });
    // Ha Noi has no applicable answer in RC.CO: only two cities contribute there, so that row stays withheld.
    expect(row(network.categories, 'RC.CO')).toMatchObject({ distribution: null, moreCitiesNeeded: 1 });
    expect(row(network.categories, 'RC.RP').distribution).toMatchObject({ contributors: 3 });

    const own = await benchmarks(makassar);
    expect(row(own.functions, 'GV')).toMatchObject({ ownScore: 1, standing: 'below_q1' });
    expect(row((await benchmarks(hanoi)).functions, 'GV')).toMatchObject({ ownScore: 3, standing: 'above_q3' });
    expect(row((await benchmarks(banyuwangi)).functions, 'GV')).toMatchObject({ ownScore: 2, standing: 'median_to_q3' });
    expect(row(own.categories, 'RC.CO')).toMatchObject({ ownScore: 1, standing: null, distribution: null });
  });

  it('count each city once, by its latest submitted assessment', async () => {
    await submit(makassar, 4);
    const network = await benchmarks(indonesiaRep);
    expect(network.contributors).toBe(3);
    expect(row(network.functions, 'PR').distribution).toEqual({ contributors: 3, min: 2, q1: 2.5, median: 3, q3: 3.5, max: 4 });
    expect(row((await benchmarks(makassar)).functions, 'PR')).toMatchObject({ ownScore: 4, standing: 'above_q3' });
  });

  it('give a country view to its national representatives and the secretariat, only from three cities of that country', async () => {
    // Indonesia has two contributing cities (Makassar, Banyuwangi): nothing shows.
    const twoCities = await benchmarks(indonesiaRep, '?countryCode=ID');
    expect(twoCities).toMatchObject({ view: 'country', countryCode: 'ID', contributors: 2, moreCitiesNeeded: 1 });
    expect(noFigures(twoCities)).toBe(true);
    expect(twoCities.countryOptions.map((c) => c.code)).toEqual(['ID']);
    // Representatives see their own country only; cities see the network view only.
    expect((await t.request(vietnamRep, { method: 'GET', url: '/api/v1/csf/benchmarks?countryCode=ID' })).statusCode).toBe(403);
    expect((await t.request(makassar, { method: 'GET', url: '/api/v1/csf/benchmarks?countryCode=ID' })).statusCode).toBe(403);
    const unknown = await t.request(secretariat, { method: 'GET', url: '/api/v1/csf/benchmarks?countryCode=ZZ' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('query.countryCode');

    await submit(sumedang, 0);
    const threeCities = await benchmarks(indonesiaRep, '?countryCode=id');
    expect(threeCities).toMatchObject({ contributors: 3, moreCitiesNeeded: 0, countryCode: 'ID' });
    expect(row(threeCities.functions, 'GV').distribution).toEqual({ contributors: 3, min: 0, q1: 1, median: 2, q3: 3, max: 4 });
    expect(row(threeCities.categories, 'RC.CO').distribution).toMatchObject({ contributors: 3 });
    expect((await benchmarks(secretariat, '?countryCode=ID')).contributors).toBe(3);
    expect((await benchmarks(secretariat)).countryOptions.length).toBeGreaterThan(5);
    // Viet Nam has one contributing city: its representative sees no figures for it.
    const vietnam = await benchmarks(vietnamRep, '?countryCode=VN');
    expect(vietnam).toMatchObject({ contributors: 1, moreCitiesNeeded: 2 });
    expect(noFigures(vietnam)).toBe(true);
  });
});
