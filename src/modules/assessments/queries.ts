import { and, asc, desc, eq, gte, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  cities,
  cohorts,
  countries,
  courses,
  cyberAssessmentAnswers,
  cyberAssessments,
  organisations,
  users,
} from '../../db/schema/index.js';

/* ---- Assessments ---- */

/** The name of the user in one of the assessment's user columns (written out: Drizzle would leave the outer column unqualified). */
const nameOf = (column: 'created_by' | 'updated_by' | 'submitted_by') =>
  sql<string | null>`(select u.name from ${users} u where u.id = "cyber_assessments".${sql.raw(`"${column}"`)})`;

const assessmentColumns = {
  id: cyberAssessments.id,
  cityId: cyberAssessments.cityId,
  cityName: cities.name,
  countryCode: cities.countryCode,
  title: cyberAssessments.title,
  scope: cyberAssessments.scope,
  scopeSystem: cyberAssessments.scopeSystem,
  scopeNotes: cyberAssessments.scopeNotes,
  status: cyberAssessments.status,
  priorityCategoryIds: cyberAssessments.priorityCategoryIds,
  governanceTier: cyberAssessments.governanceTier,
  governanceTierRationale: cyberAssessments.governanceTierRationale,
  riskManagementTier: cyberAssessments.riskManagementTier,
  riskManagementTierRationale: cyberAssessments.riskManagementTierRationale,
  sharedWithNational: cyberAssessments.sharedWithNational,
  revision: cyberAssessments.revision,
  createdAt: cyberAssessments.createdAt,
  createdByName: nameOf('created_by'),
  updatedAt: cyberAssessments.updatedAt,
  updatedByName: nameOf('updated_by'),
  submittedAt: cyberAssessments.submittedAt,
  submittedByName: nameOf('submitted_by'),
  /** Subcategories answered with both levels, and those marked not applicable (always with a reason). */
  answered: sql<number>`(select count(*)::int from ${cyberAssessmentAnswers} a where a.assessment_id = "cyber_assessments"."id"
    and (a.not_applicable or (a.current_level is not null and a.target_level is not null)))`,
  notApplicable: sql<number>`(select count(*)::int from ${cyberAssessmentAnswers} a where a.assessment_id = "cyber_assessments"."id" and a.not_applicable)`,
};

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export async function findAssessment(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select(assessmentColumns).from(cyberAssessments).innerJoin(cities, eq(cities.id, cyberAssessments.cityId)).where(eq(cyberAssessments.id, id));
  return row;
}
export type AssessmentRow = NonNullable<Awaited<ReturnType<typeof findAssessment>>>;

/** Locks the assessment's row for the rest of the transaction, so that a submission and a save never cross. */
export async function lockAssessment(tx: Db, id: string) {
  const [row] = await tx
    .select({ id: cyberAssessments.id, status: cyberAssessments.status, submittedAt: cyberAssessments.submittedAt, revision: cyberAssessments.revision })
    .from(cyberAssessments)
    .where(eq(cyberAssessments.id, id))
    .for('update');
  return row;
}

export async function listAssessments(db: Db, filter: { cityId?: string; sharedInCountry?: string }) {
  const conditions: SQL[] = [];
  if (filter.cityId) conditions.push(eq(cyberAssessments.cityId, filter.cityId));
  if (filter.sharedInCountry) conditions.push(eq(cities.countryCode, filter.sharedInCountry), eq(cyberAssessments.sharedWithNational, true));
  if (!conditions.length) return [];
  return db
    .select(assessmentColumns)
    .from(cyberAssessments)
    .innerJoin(cities, eq(cities.id, cyberAssessments.cityId))
    .where(and(...conditions))
    .orderBy(asc(cities.name), desc(cyberAssessments.updatedAt), asc(cyberAssessments.id));
}

export async function insertAssessment(tx: Db, values: typeof cyberAssessments.$inferInsert) {
  const [row] = await tx.insert(cyberAssessments).values(values).returning({ id: cyberAssessments.id });
  return row!.id;
}

/** Changes the assessment's own fields and bumps its revision; returns the new revision. */
export async function updateAssessment(tx: Db, id: string, userId: string, fields: Partial<typeof cyberAssessments.$inferInsert>) {
  const [row] = await tx
    .update(cyberAssessments)
    .set({ ...fields, revision: sql`${cyberAssessments.revision} + 1`, updatedBy: userId, updatedAt: new Date() })
    .where(eq(cyberAssessments.id, id))
    .returning({ revision: cyberAssessments.revision });
  return row!.revision;
}

export async function deleteAssessment(tx: Db, id: string) {
  await tx.delete(cyberAssessments).where(eq(cyberAssessments.id, id));
}

/** The city's submitted assessments other than `exceptId`, newest first (those the viewer may see: `sharedOnly` for national representatives). */
export async function listSubmittedAssessments(db: Db, cityId: string, options: { exceptId: string; sharedOnly: boolean }) {
  const conditions: SQL[] = [eq(cyberAssessments.cityId, cityId), eq(cyberAssessments.status, 'submitted'), ne(cyberAssessments.id, options.exceptId)];
  if (options.sharedOnly) conditions.push(eq(cyberAssessments.sharedWithNational, true));
  const rows = await db
    .select({ id: cyberAssessments.id, title: cyberAssessments.title, scope: cyberAssessments.scope, scopeSystem: cyberAssessments.scopeSystem, submittedAt: cyberAssessments.submittedAt })
    .from(cyberAssessments)
    .where(and(...conditions))
    .orderBy(desc(cyberAssessments.submittedAt), asc(cyberAssessments.id));
  return rows.map((row) => ({ ...row, submittedAt: row.submittedAt! }));
}

/**
 * Each city's latest submitted assessment (one per city), optionally in one country: what benchmarks
 * are computed from.
 */
export async function latestSubmittedPerCity(db: Db, countryCode?: string) {
  const countryFilter = countryCode ? sql`and c.country_code = ${countryCode}` : sql``;
  const result = (await db.execute(sql`
    select distinct on (a.city_id) a.id, a.city_id, c.country_code, a.title, a.submitted_at
    from ${cyberAssessments} a join ${cities} c on c.id = a.city_id
    where a.status = 'submitted' ${countryFilter}
    order by a.city_id, a.submitted_at desc, a.id`)) as unknown as { rows: { id: string; city_id: string; country_code: string; title: string; submitted_at: string | Date }[] };
  // The drivers differ in how they hand over timestamps (string or Date).
  return result.rows.map((row) => ({
    id: row.id,
    cityId: row.city_id,
    countryCode: row.country_code,
    title: row.title,
    submittedAt: new Date(row.submitted_at),
  }));
}

export async function findCountry(db: Db, code: string) {
  const [row] = await db.select({ code: countries.code, name: countries.name }).from(countries).where(eq(countries.code, code));
  return row;
}

/** Countries with at least one ASCN city: those a benchmark can be asked for. */
export async function countriesWithCities(db: Db) {
  return db
    .selectDistinct({ code: countries.code, name: countries.name })
    .from(countries)
    .innerJoin(cities, eq(cities.countryCode, countries.code))
    .orderBy(asc(countries.name));
}

/* ---- Answers ---- */

const answerColumns = {
  assessmentId: cyberAssessmentAnswers.assessmentId,
  subcategoryId: cyberAssessmentAnswers.subcategoryId,
  currentLevel: cyberAssessmentAnswers.currentLevel,
  targetLevel: cyberAssessmentAnswers.targetLevel,
  notApplicable: cyberAssessmentAnswers.notApplicable,
  notApplicableReason: cyberAssessmentAnswers.notApplicableReason,
  evidence: cyberAssessmentAnswers.evidence,
  updatedAt: cyberAssessmentAnswers.updatedAt,
  updatedByName: users.name,
};

export async function listAnswers(db: Db, assessmentIds: string[], subcategoryIds?: string[]) {
  if (!assessmentIds.length) return [];
  const conditions: SQL[] = [inArray(cyberAssessmentAnswers.assessmentId, assessmentIds)];
  if (subcategoryIds) conditions.push(inArray(cyberAssessmentAnswers.subcategoryId, subcategoryIds.length ? subcategoryIds : ['']));
  return db
    .select(answerColumns)
    .from(cyberAssessmentAnswers)
    .leftJoin(users, eq(users.id, cyberAssessmentAnswers.updatedBy))
    .where(and(...conditions))
    .orderBy(asc(cyberAssessmentAnswers.assessmentId), asc(cyberAssessmentAnswers.subcategoryId));
}
export type AnswerRow = Awaited<ReturnType<typeof listAnswers>>[number];

export type AnswerFields = {
  currentLevel: number | null;
  targetLevel: number | null;
  notApplicable: boolean;
  notApplicableReason: string;
  evidence: string;
};

export async function upsertAnswer(tx: Db, assessmentId: string, subcategoryId: string, userId: string, fields: AnswerFields) {
  const values = { ...fields, updatedBy: userId, updatedAt: new Date() };
  await tx
    .insert(cyberAssessmentAnswers)
    .values({ assessmentId, subcategoryId, ...values })
    .onConflictDoUpdate({ target: [cyberAssessmentAnswers.assessmentId, cyberAssessmentAnswers.subcategoryId], set: values });
}

/* ---- Courses and cohorts (the training module's tables, read for recommendations) ---- */

/** Published courses addressing any of the categories. */
export async function publishedCoursesFor(db: Db, categoryIds: string[]) {
  if (!categoryIds.length) return [];
  return db
    .select({
      id: courses.id,
      title: courses.title,
      topic: courses.topic,
      summary: courses.summary,
      csfCategoryIds: courses.csfCategoryIds,
      organisationName: organisations.name,
    })
    .from(courses)
    .innerJoin(organisations, eq(organisations.id, courses.organisationId))
    .where(and(eq(courses.status, 'published'), sql`${courses.csfCategoryIds} && ${sql`array[${sql.join(categoryIds.map((id) => sql`${id}`), sql`, `)}]::text[]`}`))
    .orderBy(asc(courses.title), asc(courses.id));
}

/** The courses' cohorts a city can still nominate officials for: planned or open, not ended, nominations not closed; soonest first. */
export async function upcomingCohorts(db: Db, courseIds: string[], today: string) {
  if (!courseIds.length) return [];
  return db
    .select({
      id: cohorts.id,
      courseId: cohorts.courseId,
      title: cohorts.title,
      startsOn: cohorts.startsOn,
      endsOn: cohorts.endsOn,
      mode: cohorts.mode,
      location: cohorts.location,
      status: cohorts.status,
      deliveringOrganisationName: organisations.name,
    })
    .from(cohorts)
    .innerJoin(organisations, eq(organisations.id, cohorts.deliveringOrganisationId))
    .where(
      and(
        inArray(cohorts.courseId, courseIds),
        gte(cohorts.endsOn, today),
        inArray(cohorts.status, ['planned', 'open']),
        or(isNull(cohorts.nominationsCloseOn), gte(cohorts.nominationsCloseOn, today)),
      ),
    )
    .orderBy(asc(cohorts.startsOn), asc(cohorts.id));
}

/* ---- People to tell ---- */

/** Active staff of the national agencies of a country: those a shared assessment is for. */
export async function nationalRepresentatives(db: Db, countryCode: string) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(organisations.kind, 'national_agency'), eq(organisations.countryCode, countryCode), eq(users.status, 'active')));
  return rows.map((row) => row.id);
}
