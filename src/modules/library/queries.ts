import { and, asc, desc, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cities, organisations, practiceReplications, practices, scapProjects } from '../../db/schema/index.js';
import type { practiceScope } from '../../policy/policy.js';
import { MARK_END, MARK_START } from './markdown.js';

// The search vector is for the database's index only: never read back.
const { searchVector: _searchVector, ...practiceTableColumns } = getTableColumns(practices);
const practiceColumns = {
  ...practiceTableColumns,
  cityName: cities.name,
  countryCode: cities.countryCode,
  organisationName: organisations.name,
};

/** The SQL condition for "practices this viewer may see" (see policy.canViewPractice). */
export function practiceVisibilityCondition(scope: ReturnType<typeof practiceScope>): SQL {
  if ('all' in scope) return sql`true`;
  const published = and(
    eq(practices.status, 'published'),
    scope.signedIn ? inArray(practices.visibility, ['public', 'partnership']) : eq(practices.visibility, 'public'),
  )!;
  return scope.organisationId ? or(published, eq(practices.organisationId, scope.organisationId))! : published;
}

export async function findPractice(db: Db, id: string) {
  const [row] = await db
    .select(practiceColumns)
    .from(practices)
    .innerJoin(organisations, eq(organisations.id, practices.organisationId))
    .leftJoin(cities, eq(cities.id, practices.cityId))
    .where(eq(practices.id, id));
  return row;
}
export type PracticeRow = NonNullable<Awaited<ReturnType<typeof findPractice>>>;

export async function listPractices(
  db: Db,
  visibility: SQL,
  filter: { kind?: string; focusArea?: string; city?: string; country?: string; language?: string; status?: string; after?: [string, string]; limit: number },
) {
  const conditions: SQL[] = [visibility];
  if (filter.kind) conditions.push(eq(practices.kind, filter.kind as 'guide'));
  if (filter.focusArea) conditions.push(eq(practices.focusAreaId, filter.focusArea));
  if (filter.city) conditions.push(eq(practices.cityId, filter.city));
  if (filter.country) conditions.push(eq(cities.countryCode, filter.country));
  if (filter.language) conditions.push(sql`lower(${practices.language}) = lower(${filter.language})`);
  if (filter.status) conditions.push(eq(practices.status, filter.status as 'draft'));
  if (filter.after) {
    conditions.push(sql`(${practices.updatedAt}, ${practices.id}) < (${filter.after[0]}::timestamptz, ${filter.after[1]}::uuid)`);
  }
  return db
    .select(practiceColumns)
    .from(practices)
    .innerJoin(organisations, eq(organisations.id, practices.organisationId))
    .leftJoin(cities, eq(cities.id, practices.cityId))
    .where(and(...conditions))
    .orderBy(desc(practices.updatedAt), desc(practices.id))
    .limit(filter.limit + 1);
}

export async function insertPractice(db: Db, row: typeof practices.$inferInsert) {
  const [created] = await db.insert(practices).values(row).returning({ id: practices.id });
  return created!.id;
}

export async function updatePractice(db: Db, id: string, patch: Partial<typeof practices.$inferInsert>) {
  await db
    .update(practices)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(practices.id, id));
}

/** Every language version of a practice: the original and its translations. */
export async function listLanguageVersions(db: Db, originalId: string) {
  return db
    .select({ id: practices.id, language: practices.language, title: practices.title, status: practices.status, visibility: practices.visibility, organisationId: practices.organisationId })
    .from(practices)
    .where(or(eq(practices.id, originalId), eq(practices.translationOf, originalId)))
    .orderBy(asc(practices.language));
}

export async function listReplications(db: Db, practiceId: string) {
  return db
    .select({
      id: practiceReplications.id,
      cityId: practiceReplications.cityId,
      cityName: cities.name,
      countryCode: cities.countryCode,
      year: practiceReplications.year,
      note: practiceReplications.note,
    })
    .from(practiceReplications)
    .innerJoin(cities, eq(cities.id, practiceReplications.cityId))
    .where(eq(practiceReplications.practiceId, practiceId))
    .orderBy(asc(practiceReplications.year), asc(cities.name));
}

export async function findReplication(db: Db, practiceId: string, replicationId: string) {
  const [row] = await db
    .select()
    .from(practiceReplications)
    .where(and(eq(practiceReplications.id, replicationId), eq(practiceReplications.practiceId, practiceId)));
  return row;
}

export async function findReplicationOfCity(db: Db, practiceId: string, cityId: string) {
  const [row] = await db
    .select()
    .from(practiceReplications)
    .where(and(eq(practiceReplications.practiceId, practiceId), eq(practiceReplications.cityId, cityId)));
  return row;
}

export async function insertReplication(db: Db, row: typeof practiceReplications.$inferInsert) {
  const [created] = await db.insert(practiceReplications).values(row).returning();
  return created!;
}

export async function deleteReplication(db: Db, id: string) {
  await db.delete(practiceReplications).where(eq(practiceReplications.id, id));
}

/* ---- Search ---- */

export type SearchFilter = { type?: 'practice' | 'project'; focusArea?: string; country?: string };
export type SearchHit = {
  type: 'practice' | 'project';
  id: string;
  title: string;
  kind: string;
  focusAreaId: string;
  cityId: string | null;
  countryCode: string | null;
  language: string | null;
  rank: number;
  titleHeadline: string;
  snippetHeadline: string;
};

/**
 * The hits across published practices and SCAP projects that the viewer may see: a full-text match
 * in English (stemmed) or 'simple' (words as written, for languages without a stemmer), or a title
 * within typing distance of the words searched for (pg_trgm word_similarity). Ranked by ts_rank_cd
 * over the weighted vector (title A, summary/description B, body C), plus a little title similarity
 * so that a misspelt title still ranks.
 *
 * Both stored vectors hold English and 'simple' lexemes, so every condition here can use an index:
 * the GIN indexes on the vectors, and the trigram indexes on titles for `<%` (word similarity above
 * pg_trgm.word_similarity_threshold, 0.6 by default). A function call such as word_similarity() in the
 * WHERE clause would force a scan of every row.
 */
function hitsSql(q: string, practiceVisibility: SQL, projectVisibility: SQL, filter: SearchFilter) {
  const query = sql`(websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('simple', ${q}))`;
  const projectVector = scapProjects.searchVector;
  const filters: SQL[] = [];
  if (filter.type) filters.push(sql`type = ${filter.type}`);
  if (filter.focusArea) filters.push(sql`focus_area_id = ${filter.focusArea}`);
  if (filter.country) filters.push(sql`country_code = ${filter.country}`);
  const facetFilter = filters.length ? and(...filters)! : sql`true`;
  const all = sql`
    select 'practice' as type, ${practices.id} as id, ${practices.title} as title, ${practices.kind}::text as kind,
      ${practices.focusAreaId} as focus_area_id, ${practices.cityId} as city_id, ${cities.countryCode} as country_code,
      ${practices.language} as language,
      ts_rank_cd(${practices.searchVector}, ${query}) + 0.1 * word_similarity(${q}, ${practices.title}) as rank,
      ${practices.summary} || E'\n' || ${practices.body} as text
    from ${practices} left join ${cities} on ${cities.id} = ${practices.cityId}
    where ${practices.status} = 'published' and ${practiceVisibility}
      and (${practices.searchVector} @@ ${query} or ${q} <% ${practices.title})
    union all
    select 'project', ${scapProjects.id}, ${scapProjects.title}, ${scapProjects.status}::text,
      ${scapProjects.focusAreaId}, ${scapProjects.cityId}, ${cities.countryCode}, null,
      ts_rank_cd(${projectVector}, ${query}) + 0.1 * word_similarity(${q}, ${scapProjects.title}),
      ${scapProjects.description}
    from ${scapProjects} inner join ${cities} on ${cities.id} = ${scapProjects.cityId}
    where ${projectVisibility}
      and (${projectVector} @@ ${query} or ${q} <% ${scapProjects.title})`;
  return { query, all, facetFilter, filtered: sql`select * from (${all}) as hits where ${facetFilter}` };
}

/** One page of hits, best first, with highlighted title and excerpt. */
export async function searchPage(db: Db, q: string, visibility: { practices: SQL; projects: SQL }, filter: SearchFilter, page: { offset: number; limit: number }) {
  const { query, filtered } = hitsSql(q, visibility.practices, visibility.projects, filter);
  // Our highlight marks are private-use characters, removed from the text first: only real matches carry them.
  const clean = (column: string) => sql`translate(${sql.identifier(column)}, ${MARK_START + MARK_END}, '')`;
  const marks = `StartSel=${MARK_START}, StopSel=${MARK_END}`;
  const result = (await db.execute(sql`
    select type, id, title, kind, focus_area_id as "focusAreaId", city_id as "cityId", country_code as "countryCode", language,
      rank::float8 as rank,
      ts_headline('english', ${clean('title')}, ${query}, ${`${marks}, HighlightAll=true`}) as "titleHeadline",
      ts_headline('english', ${clean('text')}, ${query}, ${`${marks}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`}) as "snippetHeadline"
    from (${filtered}) as page
    order by rank desc, type, id
    limit ${page.limit + 1} offset ${page.offset}`)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows.map(
    (r): SearchHit => ({
      type: r.type as SearchHit['type'],
      id: String(r.id),
      title: String(r.title),
      kind: String(r.kind),
      focusAreaId: String(r.focusAreaId),
      cityId: r.cityId === null ? null : String(r.cityId),
      countryCode: r.countryCode === null ? null : String(r.countryCode),
      language: r.language === null ? null : String(r.language),
      rank: Number(r.rank),
      titleHeadline: String(r.titleHeadline),
      snippetHeadline: String(r.snippetHeadline),
    }),
  );
}

/** Counts by type, focus area and country over every visible hit for the text (before the facet filters). */
export async function searchFacets(db: Db, q: string, visibility: { practices: SQL; projects: SQL }, filter: SearchFilter) {
  const { all, facetFilter } = hitsSql(q, visibility.practices, visibility.projects, filter);
  // One pass over the hits (materialised once), for the facets and for the filtered total.
  const result = (await db.execute(sql`
    with hits as materialized (select type, focus_area_id, country_code from (${all}) as a)
    select 'type' as facet, type as value, count(*)::int as n from hits group by type
    union all select 'focusArea', focus_area_id, count(*)::int from hits group by focus_area_id
    union all select 'country', country_code, count(*)::int from hits where country_code is not null group by country_code
    union all select 'total', '', count(*)::int from hits where ${facetFilter}`)) as unknown as { rows: { facet: string; value: string; n: unknown }[] };
  const facets = { type: [] as { value: string; count: number }[], focusArea: [] as { value: string; count: number }[], country: [] as { value: string; count: number }[] };
  let total = 0;
  for (const row of result.rows) {
    if (row.facet === 'total') total = Number(row.n);
    else facets[row.facet as keyof typeof facets].push({ value: row.value, count: Number(row.n) });
  }
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { facets, total };
}
