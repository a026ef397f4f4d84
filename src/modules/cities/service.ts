import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { projectStatuses } from '../../db/schema/cities.js';
import {
  assertCanEditCity,
  canEditCity,
  canViewProject,
  requireSignedIn,
  restrictedScope,
  type Viewer,
} from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { decodeCursor, pageOf } from '../../server/pagination.js';
import { inTransaction } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { fromMinorUnits, toMinorUnits } from './money.js';
import {
  deleteProject as deleteProjectRow,
  findCity,
  findFocusArea,
  findProject,
  insertProject,
  listAllCities,
  listCitySummaries,
  listCountries,
  listFocusAreas,
  listProjects as listProjectRows,
  listStrategicOutcomes,
  monitoringRows,
  projectSortKey,
  projectVisibilityCondition,
  updateCity as updateCityRow,
  updateProject as updateProjectRow,
  type ProjectRow,
} from './queries.js';
import type {
  listCitiesQuerySchema,
  listProjectsQuerySchema,
  monitoringQuerySchema,
  projectBodySchema,
  updateCityBodySchema,
  updateProjectBodySchema,
} from './schemas.js';

const visibleTo = (viewer: Viewer) => projectVisibilityCondition(viewer !== null, restrictedScope(viewer));

export const getCountries = (db: Db) => listCountries(db);

export async function getFramework(db: Db) {
  const [strategicOutcomes, focusAreas] = await Promise.all([listStrategicOutcomes(db), listFocusAreas(db)]);
  return { strategicOutcomes, focusAreas };
}

export async function listCities(db: Db, viewer: Viewer, query: z.infer<typeof listCitiesQuerySchema>) {
  return { items: await listCitySummaries(db, visibleTo(viewer), query) };
}

async function loadCity(db: Db, cityId: string) {
  const city = await findCity(db, cityId);
  if (!city) throw notFound(`The city "${cityId}"`);
  return city;
}

export async function getCity(db: Db, viewer: Viewer, cityId: string) {
  const city = await loadCity(db, cityId);
  const [summary] = await listCitySummaries(db, visibleTo(viewer), { q: undefined, country: city.countryCode }).then((rows) =>
    rows.filter((row) => row.id === cityId),
  );
  return {
    ...city,
    projectCount: summary?.projectCount ?? 0,
    focusAreaIds: summary?.focusAreaIds ?? [],
    updatedAt: city.updatedAt.toISOString(),
    canEdit: canEditCity(viewer, city),
  };
}

export async function updateCity(ctx: AppContext, viewer: Viewer, cityId: string, body: z.infer<typeof updateCityBodySchema>) {
  const city = await loadCity(ctx.db, cityId);
  const actor = assertCanEditCity(viewer, city);
  await inTransaction(ctx, async (tx) => {
    const after = await updateCityRow(tx, cityId, body);
    const { countryName: _countryName, ...before } = city;
    await writeAudit(tx, actor, { action: 'city.profile_updated', entityType: 'city', entityId: cityId, before, after });
  });
  return getCity(ctx.db, viewer, cityId);
}

function presentProject(viewer: Viewer, row: ProjectRow) {
  return {
    ...row,
    budget:
      row.budgetMinor !== null && row.budgetCurrency
        ? { amount: fromMinorUnits(row.budgetMinor, row.budgetCurrency), currency: row.budgetCurrency, amountMinor: row.budgetMinor.toString() }
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    canEdit: canEditCity(viewer, { id: row.cityId, countryCode: row.countryCode }),
  };
}

/** The cursor's key must have the types of the sort it came from: a cursor of another sort is refused. */
const cursorKeySchemas = {
  title: z.tuple([z.string(), z.string().uuid()]),
  '-updatedAt': z.tuple([z.string().datetime({ offset: true }), z.string().uuid()]),
  startYear: z.tuple([z.number().int(), z.string().uuid()]),
} as const;
function projectCursor(cursor: string | undefined, sort: keyof typeof cursorKeySchemas): unknown[] | undefined {
  const key = decodeCursor(cursor, 2);
  if (key && !cursorKeySchemas[sort].safeParse(key).success) {
    throw new AppError('validation_failed', 'The cursor belongs to another sort order: start again from the first page.', [
      { field: 'query.cursor', message: 'cursor does not match the sort' },
    ]);
  }
  return key;
}

export async function listProjects(db: Db, viewer: Viewer, query: z.infer<typeof listProjectsQuerySchema>, cityId?: string) {
  if (cityId) await loadCity(db, cityId);
  const rows = await listProjectRows(db, visibleTo(viewer), {
    cityId: cityId ?? query.city,
    country: query.country,
    focusArea: query.focusArea,
    status: query.status,
    visibility: query.visibility,
    q: query.q,
    sort: query.sort,
    after: projectCursor(query.cursor, query.sort),
    limit: query.limit,
  });
  const page = pageOf(rows, query.limit, (row) => projectSortKey(row, query.sort));
  return { items: page.items.map((row) => presentProject(viewer, row)), nextCursor: page.nextCursor };
}

/** A project the viewer may not see answers as not found, so its existence does not leak. */
async function loadVisibleProject(db: Db, viewer: Viewer, projectId: string) {
  const project = await findProject(db, projectId);
  if (!project || !canViewProject(viewer, project, { id: project.cityId, countryCode: project.countryCode })) {
    throw notFound('The project');
  }
  return project;
}

export async function getProject(db: Db, viewer: Viewer, projectId: string) {
  return presentProject(viewer, await loadVisibleProject(db, viewer, projectId));
}

/** Checks what Zod cannot: the focus area exists, the years are in order, the budget is a valid amount. */
async function projectFields(db: Db, body: Partial<z.infer<typeof projectBodySchema>>, existing?: ProjectRow) {
  const problems: { field: string; message: string }[] = [];
  if (body.focusAreaId !== undefined && !(await findFocusArea(db, body.focusAreaId))) {
    problems.push({ field: 'body.focusAreaId', message: `"${body.focusAreaId}" is not one of the six ASEAN focus areas` });
  }
  const startYear = body.startYear !== undefined ? body.startYear : existing?.startYear;
  const endYear = body.endYear !== undefined ? body.endYear : existing?.endYear;
  if (startYear && endYear && endYear < startYear) {
    problems.push({ field: 'body.endYear', message: `the end year ${endYear} is before the start year ${startYear}` });
  }
  if (problems.length) throw new AppError('validation_failed', `The project is not valid: ${problems.map((p) => p.message).join('; ')}.`, problems);
  const { budget, ...rest } = body;
  const fields: Record<string, unknown> = { ...rest };
  if (budget === null) Object.assign(fields, { budgetMinor: null, budgetCurrency: null });
  else if (budget) Object.assign(fields, { budgetMinor: toMinorUnits(budget.amount, budget.currency), budgetCurrency: budget.currency });
  return fields;
}

export async function createProject(ctx: AppContext, viewer: Viewer, cityId: string, body: z.infer<typeof projectBodySchema>) {
  const city = await loadCity(ctx.db, cityId);
  const actor = assertCanEditCity(viewer, city);
  const fields = await projectFields(ctx.db, body);
  const projectId = await inTransaction(ctx, async (tx) => {
    const id = await insertProject(tx, { ...(fields as typeof body & { title: string }), cityId });
    const created = await findProject(tx, id);
    await writeAudit(tx, actor, { action: 'scap_project.created', entityType: 'scap_project', entityId: id, after: created });
    return id;
  });
  return getProject(ctx.db, viewer, projectId);
}

export async function updateProject(ctx: AppContext, viewer: Viewer, projectId: string, body: z.infer<typeof updateProjectBodySchema>) {
  const before = await loadVisibleProject(ctx.db, viewer, projectId);
  const actor = assertCanEditCity(viewer, { id: before.cityId, countryCode: before.countryCode, name: before.cityName });
  const fields = await projectFields(ctx.db, body, before);
  await inTransaction(ctx, async (tx) => {
    await updateProjectRow(tx, projectId, fields);
    const after = await findProject(tx, projectId);
    await writeAudit(tx, actor, { action: 'scap_project.updated', entityType: 'scap_project', entityId: projectId, before, after });
  });
  return getProject(ctx.db, viewer, projectId);
}

export async function deleteProject(ctx: AppContext, viewer: Viewer, projectId: string) {
  const before = await loadVisibleProject(ctx.db, viewer, projectId);
  const actor = assertCanEditCity(viewer, { id: before.cityId, countryCode: before.countryCode, name: before.cityName });
  await inTransaction(ctx, async (tx) => {
    await deleteProjectRow(tx, projectId);
    await writeAudit(tx, actor, { action: 'scap_project.deleted', entityType: 'scap_project', entityId: projectId, before });
  });
}

/** For documents and other modules: may the viewer see / change this project's attachments? */
export async function projectAccess(db: Db, viewer: Viewer, projectId: string) {
  const project = await loadVisibleProject(db, viewer, projectId);
  return { project, canEdit: canEditCity(viewer, { id: project.cityId, countryCode: project.countryCode }) };
}

type Tally = { total: number; byStatus: Record<string, number>; byFocusArea: Record<string, number> };
const emptyTally = (): Tally => ({ total: 0, byStatus: Object.fromEntries(projectStatuses.map((s) => [s, 0])), byFocusArea: {} });
function add(tally: Tally, status: string, focusAreaId: string, n: number) {
  tally.total += n;
  tally.byStatus[status] = (tally.byStatus[status] ?? 0) + n;
  tally.byFocusArea[focusAreaId] = (tally.byFocusArea[focusAreaId] ?? 0) + n;
}

/** The yearly monitoring view of the ASCN reports: projects by status and focus area, per city, country and network. */
export async function getMonitoring(db: Db, viewer: Viewer, query: z.infer<typeof monitoringQuerySchema>) {
  requireSignedIn(viewer);
  const [rows, allCities] = await Promise.all([monitoringRows(db, visibleTo(viewer), query.year, query.country), listAllCities(db)]);
  const network = emptyTally();
  const countries = new Map<string, Tally & { code: string; name: string }>();
  const cityTallies = new Map<string, Tally & { id: string; name: string; countryCode: string }>();
  for (const city of allCities) {
    if (query.country && city.countryCode !== query.country) continue;
    cityTallies.set(city.id, { id: city.id, name: city.name, countryCode: city.countryCode, ...emptyTally() });
    if (!countries.has(city.countryCode)) countries.set(city.countryCode, { code: city.countryCode, name: city.countryName, ...emptyTally() });
  }
  for (const row of rows) {
    add(network, row.status, row.focusAreaId, row.n);
    add(countries.get(row.countryCode)!, row.status, row.focusAreaId, row.n);
    add(cityTallies.get(row.cityId)!, row.status, row.focusAreaId, row.n);
  }
  return {
    year: query.year,
    network,
    countries: [...countries.values()].sort((a, b) => a.name.localeCompare(b.name)),
    cities: [...cityTallies.values()],
  };
}
