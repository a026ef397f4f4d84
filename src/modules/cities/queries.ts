import { and, asc, desc, eq, getTableColumns, gt, ilike, inArray, or, sql, type Column, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { cities, countries, focusAreas, scapProjects, strategicOutcomes, type ProjectVisibility } from '../../db/schema/index.js';
import type { membershipKinds } from '../../db/schema/cities.js';
import type { restrictedScope } from '../../policy/policy.js';

type MembershipKind = (typeof membershipKinds)[number];

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

export type CitySummaryRow = {
  id: string;
  name: string;
  countryCode: string;
  countryName: string;
  lat: number | null;
  lon: number | null;
  yearJoined: number;
  membership: MembershipKind;
  population: number | null;
  projectCount: number;
  focusAreaIds: string[];
};

/**
 * The city list with the projects the viewer may see, counted. This is the portal's busiest read,
 * so it avoids two costs that grow or repeat on every request:
 * - counting: the trigger-kept counts per (city, focus area, visibility) are at most a few hundred
 *   rows, where counting the projects themselves took 76 ms at 100,000 projects on PostgreSQL;
 * - the query builder: this fixed-shape query written as one SQL template costs half the CPU
 *   (0.33 ms instead of 0.65 ms per request, measured with bench/).
 * The counts subquery is named scap_projects and has the columns the visibility condition names
 * (visibility, city_id; cities.country_code), so the very condition that filters projects filters them.
 */
export async function listCitySummaries(db: Db, visibility: SQL, filter: { country?: string; focusArea?: string; q?: string }): Promise<CitySummaryRow[]> {
  const conditions: SQL[] = [];
  if (filter.country) conditions.push(eq(cities.countryCode, filter.country));
  if (filter.q) conditions.push(ilike(cities.name, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const result = (await db.execute(sql`
    select cities.id, cities.name, cities.country_code as "countryCode", countries.name as "countryName",
      cities.lat, cities.lon, cities.year_joined as "yearJoined", cities.membership, cities.population,
      coalesce(sum(scap_projects.n), 0)::int as "projectCount",
      coalesce(array_agg(distinct scap_projects.focus_area_id) filter (where scap_projects.focus_area_id is not null), '{}') as "focusAreaIds"
    from cities
    join countries on countries.code = cities.country_code
    left join (select city_id, focus_area_id, visibility, n from scap_project_counts where n > 0) as scap_projects
      on scap_projects.city_id = cities.id and ${visibility}
    ${conditions.length ? sql`where ${and(...conditions)}` : sql``}
    group by cities.id, countries.name
    order by lower(cities.name)`)) as unknown as { rows: Record<keyof CitySummaryRow, unknown>[] };
  // The drivers differ in how they hand over bigint (string or number); the API wants numbers.
  const rows = result.rows.map(
    (r): CitySummaryRow => ({
      id: String(r.id),
      name: String(r.name),
      countryCode: String(r.countryCode),
      countryName: String(r.countryName),
      lat: r.lat === null ? null : Number(r.lat),
      lon: r.lon === null ? null : Number(r.lon),
      yearJoined: Number(r.yearJoined),
      membership: r.membership as MembershipKind,
      population: r.population === null ? null : Number(r.population),
      projectCount: Number(r.projectCount),
      focusAreaIds: r.focusAreaIds as string[],
    }),
  );
  return filter.focusArea ? rows.filter((row) => row.focusAreaIds.includes(filter.focusArea!)) : rows;
}

// The search vector is for the database's index only: never read back (it is bigger than the row).
const { searchVector: _searchVector, ...projectTableColumns } = getTableColumns(scapProjects);
const projectColumns = {
  ...projectTableColumns,
  cityName: cities.name,
  countryCode: cities.countryCode,
};

/**
 * The project list is the other busy public read. Built by the query builder it cost 0.5 ms more
 * CPU per request than the same SQL as a template (measured with bench/), so its column list is
 * rendered once, here, from the same columns findProject selects, and each value is decoded by
 * its column, as the builder would: a column added to the schema appears in both.
 */
const projectColumnEntries = Object.entries(projectColumns) as [keyof typeof projectColumns, Column][];
const projectSelectList = sql.raw(
  new PgDialect().sqlToQuery(sql.join(projectColumnEntries.map(([key, column]) => sql`${column} as ${sql.identifier(key)}`), sql`, `)).sql,
);
function decodeProject(raw: Record<string, unknown>): ProjectRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of projectColumnEntries) {
    const value = raw[key];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as ProjectRow;
}

export async function findProject(db: Db, id: string) {
  const [row] = await db
    .select(projectColumns)
    .from(scapProjects)
    .innerJoin(cities, eq(cities.id, scapProjects.cityId))
    .where(eq(scapProjects.id, id));
  return row;
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
  const result = (await db.execute(sql`
    select ${projectSelectList}
    from ${scapProjects} inner join ${cities} on ${cities.id} = ${scapProjects.cityId}
    where ${and(...conditions)}
    order by ${sql.join(order, sql`, `)}
    limit ${filter.limit + 1}`)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows.map(decodeProject);
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
    .orderBy(sql`lower(${cities.name})`);
}

