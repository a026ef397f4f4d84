import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { sharedWith } from '../pipeline/queries.js';
import { cities, countries, investmentProjects, organisations, projectInterests, solutions, users } from '../../db/schema/index.js';

const solutionColumns = {
  id: solutions.id,
  organisationId: solutions.organisationId,
  organisationName: organisations.name,
  name: solutions.name,
  description: solutions.description,
  sectors: solutions.sectors,
  focusAreaIds: solutions.focusAreaIds,
  technologies: solutions.technologies,
  countriesServed: solutions.countriesServed,
  referenceDeployments: solutions.referenceDeployments,
  visibility: solutions.visibility,
  updatedAt: solutions.updatedAt,
};

export async function findSolution(db: Db, id: string) {
  const [row] = await db.select(solutionColumns).from(solutions).innerJoin(organisations, eq(organisations.id, solutions.organisationId)).where(eq(solutions.id, id));
  return row;
}
export type SolutionRow = NonNullable<Awaited<ReturnType<typeof findSolution>>>;

export async function listOrganisationSolutions(db: Db, organisationId: string, visibilities: ('public' | 'partnership')[]) {
  return db
    .select(solutionColumns)
    .from(solutions)
    .innerJoin(organisations, eq(organisations.id, solutions.organisationId))
    .where(and(eq(solutions.organisationId, organisationId), inArray(solutions.visibility, visibilities)))
    .orderBy(asc(solutions.name), asc(solutions.id));
}

/** Solutions of companies the viewer may see, filtered; the text search looks in names, descriptions, technologies and the company's name. */
export async function listDirectory(
  db: Db,
  filter: { visibilities: ('public' | 'partnership')[]; q?: string; sector?: string; focusArea?: string; country?: string; limit: number },
) {
  const conditions: SQL[] = [inArray(solutions.visibility, filter.visibilities), eq(organisations.kind, 'company')];
  if (filter.sector) conditions.push(sql`${filter.sector} = any(${solutions.sectors})`);
  if (filter.focusArea) conditions.push(sql`${filter.focusArea} = any(${solutions.focusAreaIds})`);
  if (filter.country) conditions.push(sql`${filter.country} = any(${solutions.countriesServed})`);
  if (filter.q) {
    for (const word of filter.q.split(/\s+/).filter(Boolean).slice(0, 8)) {
      const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        or(
          ilike(solutions.name, like),
          ilike(solutions.description, like),
          ilike(organisations.name, like),
          sql`array_to_string(${solutions.technologies}, ' ') ilike ${like}`,
        )!,
      );
    }
  }
  const where = and(...conditions);
  const [items, [count]] = await Promise.all([
    db
      .select(solutionColumns)
      .from(solutions)
      .innerJoin(organisations, eq(organisations.id, solutions.organisationId))
      .where(where)
      .orderBy(desc(solutions.updatedAt), asc(solutions.id))
      .limit(filter.limit),
    db.select({ total: sql<number>`count(*)::int` }).from(solutions).innerJoin(organisations, eq(organisations.id, solutions.organisationId)).where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}

/** Every solution of a company visible at the given levels, for the matching corpus. */
export async function listMatchableSolutions(db: Db, visibilities: ('public' | 'partnership')[]) {
  return db
    .select({
      organisationId: solutions.organisationId,
      organisationName: organisations.name,
      name: solutions.name,
      description: solutions.description,
      sectors: solutions.sectors,
      focusAreaIds: solutions.focusAreaIds,
      technologies: solutions.technologies,
      countriesServed: solutions.countriesServed,
      referenceDeployments: solutions.referenceDeployments,
    })
    .from(solutions)
    .innerJoin(organisations, eq(organisations.id, solutions.organisationId))
    .where(and(inArray(solutions.visibility, visibilities), eq(organisations.kind, 'company')))
    .orderBy(asc(solutions.organisationId), asc(solutions.name));
}

export async function insertSolution(db: Db, row: typeof solutions.$inferInsert) {
  const [inserted] = await db.insert(solutions).values(row).returning({ id: solutions.id });
  return inserted!.id;
}

export async function updateSolution(db: Db, id: string, patch: Partial<typeof solutions.$inferInsert>) {
  await db
    .update(solutions)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(solutions.id, id));
}

export async function deleteSolution(db: Db, id: string) {
  await db.delete(solutions).where(eq(solutions.id, id));
}

export async function knownCountryCodes(db: Db): Promise<Set<string>> {
  return new Set((await db.select({ code: countries.code }).from(countries)).map((r) => r.code));
}

const projectColumns = {
  id: investmentProjects.id,
  title: investmentProjects.title,
  description: investmentProjects.description,
  location: investmentProjects.location,
  sector: investmentProjects.sector,
  focusAreaId: investmentProjects.focusAreaId,
  stage: investmentProjects.stage,
  visibility: investmentProjects.visibility,
  cityId: investmentProjects.cityId,
  cityName: cities.name,
  countryCode: cities.countryCode,
};

export async function findPipelineProject(db: Db, id: string) {
  const [row] = await db.select(projectColumns).from(investmentProjects).innerJoin(cities, eq(cities.id, investmentProjects.cityId)).where(eq(investmentProjects.id, id));
  return row;
}
export type PipelineProjectRow = NonNullable<Awaited<ReturnType<typeof findPipelineProject>>>;

/**
 * Pipeline projects at the given visibilities (never pass 'restricted' for a company's opportunities),
 * and those shared with `sharedWithOrganisationId`, whatever their visibility.
 */
export async function listPipelineProjects(db: Db, visibilities: ('public' | 'partnership')[], sharedWithOrganisationId?: string) {
  const visible = inArray(investmentProjects.visibility, visibilities);
  return db
    .select(projectColumns)
    .from(investmentProjects)
    .innerJoin(cities, eq(cities.id, investmentProjects.cityId))
    .where(and(sharedWithOrganisationId ? or(visible, sharedWith(sharedWithOrganisationId)) : visible, sql`${investmentProjects.stage} <> 'operational'`));
}

const interestColumns = {
  projectId: projectInterests.projectId,
  organisationId: projectInterests.organisationId,
  organisationName: organisations.name,
  message: projectInterests.message,
  shortlisted: projectInterests.shortlisted,
  createdAt: projectInterests.createdAt,
  shortlistedAt: projectInterests.shortlistedAt,
};

export async function listInterests(db: Db, projectId: string, organisationId?: string) {
  return db
    .select(interestColumns)
    .from(projectInterests)
    .innerJoin(organisations, eq(organisations.id, projectInterests.organisationId))
    .where(and(eq(projectInterests.projectId, projectId), organisationId ? eq(projectInterests.organisationId, organisationId) : undefined))
    .orderBy(desc(projectInterests.shortlisted), asc(projectInterests.createdAt));
}

export async function findInterest(db: Db, projectId: string, organisationId: string) {
  const [row] = await listInterests(db, projectId, organisationId);
  return row;
}

export async function interestedProjectIds(db: Db, organisationId: string): Promise<Set<string>> {
  const rows = await db.select({ id: projectInterests.projectId }).from(projectInterests).where(eq(projectInterests.organisationId, organisationId));
  return new Set(rows.map((r) => r.id));
}

export async function insertInterest(db: Db, row: typeof projectInterests.$inferInsert) {
  const inserted = await db.insert(projectInterests).values(row).onConflictDoNothing().returning({ projectId: projectInterests.projectId });
  return inserted.length > 0;
}

export async function setShortlisted(db: Db, projectId: string, organisationId: string, shortlisted: boolean) {
  await db
    .update(projectInterests)
    .set({ shortlisted, shortlistedAt: shortlisted ? new Date() : null })
    .where(and(eq(projectInterests.projectId, projectId), eq(projectInterests.organisationId, organisationId)));
}

/** Active members of an organisation. */
export async function organisationMemberIds(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

/** The city's own staff: members of its city-government organisations. */
export async function cityStaffIds(db: Db, cityId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(organisations.kind, 'city_government'), eq(organisations.cityId, cityId), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}
