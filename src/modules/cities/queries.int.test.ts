import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cities, countries, scapProjects } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { findProject, listCitySummaries, listProjects, projectVisibilityCondition, type ProjectSort } from './queries.js';

/**
 * The two busy public lists are written for speed (see queries.ts): the city list counts projects
 * from scap_project_counts, which triggers keep (migration 0002), and the project list is one SQL
 * template decoded column by column. These tests hold both to what the plain queries give: the
 * counts through every kind of change, and the project rows value for value.
 */
let t: TestApp;

const scopes = [
  ['the public', false, null],
  ['anyone signed in', true, null],
  ['a city officer', true, { cityId: 'da-nang' }],
  ['a national representative', true, { countryCode: 'TH' }],
  ['the secretariat', true, { all: true as const }],
] as const;

async function rows(query: ReturnType<typeof sql>) {
  return ((await t.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
}

async function expectCountsExact() {
  const kept = await rows(sql`SELECT city_id, focus_area_id, visibility, n FROM scap_project_counts WHERE n <> 0 ORDER BY 1, 2, 3`);
  const counted = await rows(
    sql`SELECT city_id, focus_area_id, visibility, count(*)::int AS n FROM scap_projects GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  );
  expect(kept).toEqual(counted);
}

/** What each city's summary is when counted straight from the projects (the query the counts replaced). */
async function countedSummaries(signedIn: boolean, scope: (typeof scopes)[number][2]) {
  const visibility = projectVisibilityCondition(signedIn, scope);
  const counted = await t.db
    .select({
      id: cities.id,
      name: cities.name,
      countryCode: cities.countryCode,
      countryName: countries.name,
      lat: cities.lat,
      lon: cities.lon,
      yearJoined: cities.yearJoined,
      membership: cities.membership,
      population: cities.population,
      projectCount: sql<number>`count(${scapProjects.id})::int`,
      focusAreaIds: sql<string[]>`coalesce(array_agg(distinct ${scapProjects.focusAreaId}) filter (where ${scapProjects.id} is not null), '{}')`,
    })
    .from(cities)
    .innerJoin(countries, eq(countries.code, cities.countryCode))
    .leftJoin(scapProjects, and(eq(scapProjects.cityId, cities.id), visibility))
    .groupBy(cities.id, countries.name)
    .orderBy(sql`lower(${cities.name})`);
  return counted;
}

async function expectSummariesMatch() {
  for (const [label, signedIn, scope] of scopes) {
    const listed = await listCitySummaries(t.db, projectVisibilityCondition(signedIn, scope), {});
    expect({ label, listed }).toEqual({ label, listed: await countedSummaries(signedIn, scope) });
  }
}

beforeAll(async () => {
  t = await createTestApp();
  // Values of every column type the list carries: a bigint population, no coordinates.
  await t.db.execute(sql`UPDATE cities SET population = 8400000000 WHERE id = 'ha-noi'`);
  await t.db.execute(sql`UPDATE cities SET lat = NULL, lon = NULL WHERE id = 'phuket'`);
});
afterAll(() => t.close());

/** Inserts `count` projects titled `<prefix> <i>` in one statement, spread over cities, focus areas and visibilities. */
async function insertProjects(prefix: string, count: number) {
  await t.db.execute(sql`
    INSERT INTO scap_projects (city_id, title, focus_area_id, status, visibility)
    SELECT c.id, ${prefix} || ' ' || i, f.id, 'planning', (ARRAY['public', 'partnership', 'restricted'])[1 + (i % 3)]
    FROM generate_series(1, ${count}::int) AS g(i)
    JOIN LATERAL (SELECT id FROM cities ORDER BY id OFFSET (i * 7) % 31 LIMIT 1) c ON true
    JOIN LATERAL (SELECT id FROM focus_areas ORDER BY id OFFSET (i * 5) % 6 LIMIT 1) f ON true`);
}

const total = async () => Number((await rows(sql`SELECT coalesce(sum(n), 0)::int AS n FROM scap_project_counts`))[0]!.n);

describe('SCAP project counts kept by triggers', () => {
  it('follow a bulk insert, and give every viewer the same city list as counting', async () => {
    const [haNoi] = (await listCitySummaries(t.db, projectVisibilityCondition(false, null), { country: 'VN' })).filter((c) => c.id === 'ha-noi');
    expect(haNoi).toMatchObject({ population: 8_400_000_000, countryName: 'Viet Nam', projectCount: 0, focusAreaIds: [] });
    const named = async (q: string) => (await listCitySummaries(t.db, projectVisibilityCondition(false, null), { q })).map((c) => c.id);
    expect(await named('nang')).toEqual(['da-nang']);
    expect(await named('%')).toEqual([]);
    const before = await total();
    await insertProjects('Bulk', 400);
    expect((await total()) - before).toBe(400);
    await expectCountsExact();
    await expectSummariesMatch();
  });

  it('follow changes of visibility, city and focus area, and changes that touch none of them', async () => {
    await insertProjects('Changed', 120);
    await t.db.execute(sql`UPDATE scap_projects SET visibility = 'public' WHERE title LIKE 'Changed 1%'`);
    await t.db.execute(sql`UPDATE scap_projects SET city_id = 'da-nang', focus_area_id = 'civic-social' WHERE title LIKE 'Changed 2%'`);
    await t.db.execute(sql`UPDATE scap_projects SET description = 'only the text changed', updated_at = now() WHERE title LIKE 'Changed%'`);
    await expectCountsExact();
    await expectSummariesMatch();
  });

  it('follow deletions, down to a city with no projects left', async () => {
    await insertProjects('Deleted', 120);
    await t.db.execute(sql`DELETE FROM scap_projects WHERE city_id = 'bangkok'`);
    await t.db.execute(sql`DELETE FROM scap_projects WHERE visibility = 'restricted' AND title LIKE 'Deleted%'`);
    await expectCountsExact();
    await expectSummariesMatch();
    const bangkok = (await listCitySummaries(t.db, projectVisibilityCondition(true, { all: true }), {})).find((c) => c.id === 'bangkok');
    expect(bangkok).toMatchObject({ projectCount: 0, focusAreaIds: [] });
  });

  it('follow a transaction that rolls back, and a truncate', async () => {
    await insertProjects('Kept', 60);
    const before = await total();
    await t.db
      .transaction(async (tx) => {
        await tx.execute(sql`DELETE FROM scap_projects WHERE title LIKE 'Kept%'`);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await total()).toBe(before);
    await expectCountsExact();
    await t.db.execute(sql`TRUNCATE scap_projects CASCADE`);
    expect(await rows(sql`SELECT * FROM scap_project_counts WHERE n <> 0`)).toEqual([]);
    await expectSummariesMatch();
  });
});

describe('the project list', () => {
  it('gives rows equal, value for value, to reading each project on its own, in every sort', async () => {
    const inserted = (await rows(sql`
      INSERT INTO scap_projects (city_id, title, focus_area_id, description, status, start_year, end_year, budget_minor, budget_currency, partners, visibility, is_demo)
      VALUES
        ('cebu-city', 'Listed bus lanes', 'built-infrastructure', 'Lanes, "quoted", and a line
break', 'ongoing', 2024, 2027, 9007199254740993, 'USD', ARRAY['Transport', 'Đà Nẵng'], 'public', false),
        ('cebu-city', 'Listed sensors', 'quality-environment', '', 'planning', NULL, NULL, NULL, NULL, '{}', 'public', true),
        ('davao-city', 'Listed permits', 'civic-social', 'Permits online', 'completed', 2019, 2021, 0, 'PHP', ARRAY['City hall'], 'partnership', false)
      RETURNING id`)).map((r) => String(r.id));
    const visibility = projectVisibilityCondition(true, { all: true });
    for (const sort of ['title', '-updatedAt', 'startYear'] as ProjectSort[]) {
      const listed = await listProjects(t.db, visibility, { q: 'listed', sort, limit: 10 });
      expect(listed.map((p) => p.id).sort()).toEqual([...inserted].sort());
      for (const project of listed) expect(project).toEqual(await findProject(t.db, project.id));
    }
    const [busLanes] = await listProjects(t.db, visibility, { q: 'bus lanes', sort: 'title', limit: 10 });
    expect(busLanes).toMatchObject({ budgetMinor: 9007199254740993n, partners: ['Transport', 'Đà Nẵng'], startYear: 2024, isDemo: false, cityName: 'Cebu City', countryCode: 'PH' });
    expect(busLanes!.createdAt).toBeInstanceOf(Date);
  });
});
