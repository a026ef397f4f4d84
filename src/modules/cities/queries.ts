import { and, asc, desc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cities, countries, focusAreas, scapProjects, strategicOutcomes, type ProjectVisibility } from '../../db/schema/index.js';
import type { restrictedScope } from '../../policy/policy.js';

export async function findCountry(db: Db, code: string) {
  const [row] = await db.select().from(countries).where(eq(countries.code, code));
  return row;
}

export const listCountries = (db: Db) => db.select().from(countries).orderBy(asc(countries.name));
export const listFocusAreas = (db: Db) => db.select().from(focusAreas).orderBy(asc(focusAreas.code));
export const listStrategicOutcomes = (db: Db) => db.select().from(strategicOutcomes);

export async function findFocusArea(db: Db, id: string) {
  const [row] = await db.select().from(focusAreas).where(eq(focusAreas.id, id));
  return row;
}

export async function findCity(db: Db, id: string) {
  const [row] = await db
    .select({ city: cities, countryName: countries.name })
    .from(cities)
    .innerJoin(countries, eq(countries.code, cities.countryCode))
    .where(eq(cities.id, id));
  return row ? { ...row.city, countryName: row.countryName } : undefined;
}

export async function updateCity(db: Db, id: string, patch: Partial<typeof cities.$inferInsert>) {
  const [row] = await db
    .update(cities)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(cities.id, id))
    .returning();
  return row!;
}

/**
 * The SQL condition for "projects this viewer may see": public ones for everyone, partnership ones
 * for anyone signed in, restricted ones for the city's insiders (see policy.restrictedScope).
 */
export function projectVisibilityCondition(signedIn: boolean, scope: ReturnType<typeof restrictedScope>): SQL {
  const visible: ProjectVisibility[] = signedIn ? ['public', 'partnership'] : ['public'];
  const parts: SQL[] = [inArray(scapProjects.visibility, visible)];
  if (scope && 'all' in scope) parts.push(eq(scapProjects.visibility, 'restricted'));
  else if (scope?.cityId) parts.push(and(eq(scapProjects.visibility, 'restricted'), eq(scapProjects.cityId, scope.cityId))!);
  else if (scope?.countryCode) parts.push(and(eq(scapProjects.visibility, 'restricted'), eq(cities.countryCode, scope.countryCode))!);
  return parts.length === 1 ? parts[0]! : or(...parts)!;
}

export async function listCitySummaries(db: Db, visibility: SQL, filter: { country?: string; focusArea?: string; q?: string }) {
  const conditions: SQL[] = [];
  if (filter.country) conditions.push(eq(cities.countryCode, filter.country));
  if (filter.q) conditions.push(ilike(cities.name, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const rows = await db
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
    .where(conditions.length ? and(...conditions) : undefined)
    .groupBy(cities.id, countries.name)
    .orderBy(asc(cities.name));
  return filter.focusArea ? rows.filter((row) => row.focusAreaIds.includes(filter.focusArea!)) : rows;
}

const projectColumns = {
  project: scapProjects,
  cityName: cities.name,
  countryCode: cities.countryCode,
};

export async function findProject(db: Db, id: string) {
  const [row] = await db
    .select(projectColumns)
    .from(scapProjects)
    .innerJoin(cities, eq(cities.id, scapProjects.cityId))
    .where(eq(scapProjects.id, id));
  return row ? { ...row.project, cityName: row.cityName, countryCode: row.countryCode } : undefined;
}

export type ProjectRow = NonNullable<Awaited<ReturnType<typeof findProject>>>;
export type ProjectSort = 'title' | '-updatedAt' | 'startYear';

export async function listProjects(
  db: Db,
  visibility: SQL,
  filter: {
    cityId?: string;
    country?: string;
    focusArea?: string;
    status?: string;
    visibility?: ProjectVisibility;
    q?: string;
    sort: ProjectSort;
    after?: unknown[];
    limit: number;
  },
): Promise<ProjectRow[]> {
  const conditions: SQL[] = [visibility];
  if (filter.cityId) conditions.push(eq(scapProjects.cityId, filter.cityId));
  if (filter.country) conditions.push(eq(cities.countryCode, filter.country));
  if (filter.focusArea) conditions.push(eq(scapProjects.focusAreaId, filter.focusArea));
  if (filter.status) conditions.push(eq(scapProjects.status, filter.status as 'planning'));
  if (filter.visibility) conditions.push(eq(scapProjects.visibility, filter.visibility));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(${scapProjects.searchVector} @@ websearch_to_tsquery('english', ${filter.q}) or ${scapProjects.title} ilike ${like})`);
  }
  // Keyset pagination: each sort has a key that is unique with the id, and the cursor holds it.
  let order: SQL[];
  const after = filter.after;
  if (filter.sort === '-updatedAt') {
    order = [desc(scapProjects.updatedAt), desc(scapProjects.id)];
    if (after) conditions.push(sql`(${scapProjects.updatedAt}, ${scapProjects.id}) < (${new Date(String(after[0])).toISOString()}::timestamptz, ${String(after[1])}::uuid)`);
  } else if (filter.sort === 'startYear') {
    order = [asc(sql`coalesce(${scapProjects.startYear}, 9999)`), asc(scapProjects.id)];
    if (after) conditions.push(sql`(coalesce(${scapProjects.startYear}, 9999), ${scapProjects.id}) > (${Number(after[0])}::int, ${String(after[1])}::uuid)`);
  } else {
    order = [asc(scapProjects.title), asc(scapProjects.id)];
    if (after) conditions.push(or(gt(scapProjects.title, String(after[0])), and(eq(scapProjects.title, String(after[0])), gt(scapProjects.id, String(after[1]))))!);
  }
  const rows = await db
    .select(projectColumns)
    .from(scapProjects)
    .innerJoin(cities, eq(cities.id, scapProjects.cityId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(filter.limit + 1);
  return rows.map((row) => ({ ...row.project, cityName: row.cityName, countryCode: row.countryCode }));
}

export function projectSortKey(row: ProjectRow, sort: ProjectSort): unknown[] {
  if (sort === '-updatedAt') return [row.updatedAt.toISOString(), row.id];
  if (sort === 'startYear') return [row.startYear ?? 9999, row.id];
  return [row.title, row.id];
}

export async function insertProject(db: Db, project: typeof scapProjects.$inferInsert) {
  const [row] = await db.insert(scapProjects).values(project).returning({ id: scapProjects.id });
  return row!.id;
}

export async function updateProject(db: Db, id: string, patch: Partial<typeof scapProjects.$inferInsert>) {
  await db
    .update(scapProjects)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(scapProjects.id, id));
}

export async function deleteProject(db: Db, id: string) {
  await db.delete(scapProjects).where(eq(scapProjects.id, id));
}

/** Projects counted in year Y, with the status they had then (derived from the plan's years). */
export async function monitoringRows(db: Db, visibility: SQL, year: number, country?: string) {
  // The year is inlined (it is a validated integer) so that SELECT and GROUP BY hold the same expression.
  const y = sql.raw(String(Math.trunc(year)));
  const statusInYear = sql<'planning' | 'ongoing' | 'completed'>`case
    when ${scapProjects.status} = 'completed' and coalesce(${scapProjects.endYear}, ${y}) <= ${y} then 'completed'
    when ${scapProjects.status} in ('ongoing', 'completed') and coalesce(${scapProjects.startYear}, ${y}) <= ${y} then 'ongoing'
    else 'planning' end`;
  const conditions: SQL[] = [visibility];
  if (country) conditions.push(eq(cities.countryCode, country));
  return db
    .select({
      cityId: cities.id,
      cityName: cities.name,
      countryCode: cities.countryCode,
      countryName: countries.name,
      status: statusInYear,
      focusAreaId: scapProjects.focusAreaId,
      n: sql<number>`count(*)::int`,
    })
    .from(scapProjects)
    .innerJoin(cities, eq(cities.id, scapProjects.cityId))
    .innerJoin(countries, eq(countries.code, cities.countryCode))
    .where(and(...conditions))
    .groupBy(cities.id, countries.name, statusInYear, scapProjects.focusAreaId);
}

export async function listAllCities(db: Db) {
  return db
    .select({ id: cities.id, name: cities.name, countryCode: cities.countryCode, countryName: countries.name })
    .from(cities)
    .innerJoin(countries, eq(countries.code, cities.countryCode))
    .orderBy(asc(cities.name));
}

