import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { pipelineStages, type PipelineStage } from '../../db/schema/projects.js';
import {
  assertCanEditCity,
  assertSecretariat,
  canEditCity,
  canSharePipelineProject,
  canViewPipelineProject,
  canViewPipelineShares,
  canViewProject,
  pipelineShareKinds,
  requireSignedIn,
  restrictedScope,
  type Actor,
  type Viewer,
} from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, invalidInput, notFound, type FieldProblem } from '../../server/errors.js';
import { decodeCursor, pageOf } from '../../server/pagination.js';
import { inTransaction } from '../../server/transaction.js';
import { findOrganisation } from '../accounts/queries.js';
import { writeAudit } from '../audit/queries.js';
import { findCity, findFocusArea, findProject as findScapProject } from '../cities/queries.js';
import { fromMinorUnits, toMinorUnits } from '../cities/money.js';
import { listDocuments as listDocumentRows } from '../documents/queries.js';
import { notify } from '../notifications/service.js';
import {
  activeMemberIds,
  deleteRate,
  deleteShare,
  findPipelineProject,
  followingOrganisations,
  insertShare,
  listShares,
  sharedOrganisationIds,
  findPromotionOf,
  findRate,
  insertPipelineProject,
  insertStageChange,
  latestRates,
  listPipelineProjects,
  listRates,
  listStageChanges,
  pipelineVisibilityCondition,
  updatePipelineProject as updatePipelineProjectRow,
  upsertRate,
  type PipelineProjectRow,
  type RateRow,
} from './queries.js';
import type {
  createPipelineProjectBodySchema,
  listPipelineQuerySchema,
  pipelineMoneyBodySchema,
  rateBodySchema,
  stageTransitionBodySchema,
  updatePipelineProjectBodySchema,
} from './schemas.js';
import { centsToDecimal, parseRate, toUsdCents, todayUtc } from './usd.js';

/** Stage names as people read them, for messages. */
export const stageNames: Record<PipelineStage, string> = {
  prospective: 'Prospective',
  detailed_planning: 'Detailed planning',
  announced: 'Announced',
  under_procurement: 'Under procurement',
  awarded: 'Awarded',
  under_delivery: 'Under delivery',
  operational: 'Operational',
};

/**
 * The stage rule: a project moves one step forward along the G20/GI Hub stages, or one step back to
 * correct a mistake or record a setback (a cancelled tender, say); a step back needs a note saying why.
 * Skipping stages is refused, so the history shows each stage the project went through.
 */
export function allowedStages(from: PipelineStage): PipelineStage[] {
  const index = pipelineStages.indexOf(from);
  return [pipelineStages[index + 1], pipelineStages[index - 1]].filter((stage): stage is PipelineStage => stage !== undefined);
}
export const isStepBack = (from: PipelineStage, to: PipelineStage) => pipelineStages.indexOf(to) === pipelineStages.indexOf(from) - 1;

const visibleTo = (viewer: Viewer) => pipelineVisibilityCondition(viewer !== null, restrictedScope(viewer), viewer?.organisationId ?? null);
const cityRef = (row: { cityId: string; countryCode: string }) => ({ id: row.cityId, countryCode: row.countryCode });

// Money

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** Exact amounts from the body, with the field of each problem named. */
function parseMoney(money: z.infer<typeof pipelineMoneyBodySchema>) {
  if (!knownCurrencies.has(money.currency)) {
    throw invalidInput('The amount', [{ field: 'body.money.currency', message: `"${money.currency}" is not an ISO 4217 currency code` }]);
  }
  const problems: FieldProblem[] = [];
  const parse = (amount: string | null, field: string): bigint | null => {
    if (amount === null || amount.trim() === '') return null;
    try {
      return toMinorUnits(amount, money.currency, field);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push({ field, message: error.message.replace(/\.$/, '') });
      return null;
    }
  };
  const capitalCostMinor = parse(money.capitalCost, 'body.money.capitalCost');
  const fundingSecuredMinor = parse(money.fundingSecured, 'body.money.fundingSecured');
  if (problems.length) throw invalidInput('The amount', problems);
  return { currency: money.currency, capitalCostMinor, fundingSecuredMinor };
}

function amountOut(minor: bigint | null, currency: string, rate: RateRow | null) {
  if (minor === null) return null;
  const usd = currency === 'USD' ? centsToDecimal(minor) : rate ? centsToDecimal(toUsdCents(minor, currency, rate.unitsPerUsd)) : null;
  return { amount: fromMinorUnits(minor, currency), amountMinor: minor.toString(), usd };
}

function presentMoney(row: PipelineProjectRow, rates: Map<string, RateRow>) {
  const rate = row.currency === 'USD' ? null : (rates.get(row.currency) ?? null);
  const gap = row.capitalCostMinor !== null && row.fundingSecuredMinor !== null ? row.capitalCostMinor - row.fundingSecuredMinor : null;
  return {
    currency: row.currency,
    capitalCost: amountOut(row.capitalCostMinor, row.currency, rate),
    fundingSecured: amountOut(row.fundingSecuredMinor, row.currency, rate),
    fundingGap: amountOut(gap, row.currency, rate),
    rate: rate ? { currency: rate.currency, rateDate: rate.rateDate, unitsPerUsd: parseRate(rate.unitsPerUsd)!.normalised, source: rate.source } : null,
    hasUsd: row.currency === 'USD' || rate !== null,
  };
}

function present(viewer: Viewer, row: PipelineProjectRow, rates: Map<string, RateRow>) {
  const { capitalCostMinor: _c, fundingSecuredMinor: _f, currency: _cur, ...rest } = row;
  return {
    ...rest,
    money: presentMoney(row, rates),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    canEdit: canEditCity(viewer, cityRef(row)),
  };
}

// Projects

/** A project the viewer may not see answers as not found; on the portal only public ones exist. */
async function loadVisible(db: Db, viewer: Viewer, id: string, publicOnly = false) {
  const row = await findPipelineProject(db, id);
  if (!row || (publicOnly ? row.visibility !== 'public' : !(await mayViewPipelineProject(db, viewer, row)))) throw notFound('The pipeline project');
  return row;
}

/**
 * Whether the viewer may see a pipeline project, shares included: for other modules that load pipeline
 * projects themselves (providers, bankability, deals). Answers false for a project that does not exist.
 */
export async function mayViewPipelineProject(db: Db, viewer: Viewer, project: { id: string; visibility: PipelineProjectRow['visibility']; cityId: string; countryCode: string }) {
  // The shares matter only to someone the visibility alone does not let in.
  if (canViewProject(viewer, project, cityRef(project))) return true;
  return viewer !== null && canViewPipelineProject(viewer, project, cityRef(project), await sharedOrganisationIds(db, project.id));
}

/** Who may see and change a pipeline project's documents (for the documents module). */
export async function pipelineProjectAccess(db: Db, viewer: Viewer, id: string) {
  const row = await loadVisible(db, viewer, id);
  return { project: row, canEdit: canEditCity(viewer, cityRef(row)) };
}

/** The city's pipeline projects the viewer may see (shares included), newest change first: what a deal may name. */
export async function linkablePipelineProjects(db: Db, viewer: Viewer, cityId: string, limit = 200) {
  const rows = await listPipelineProjects(db, visibleTo(viewer), { city: cityId, limit });
  return rows.slice(0, limit).map((row) => ({ id: row.id, title: row.title, stage: row.stage }));
}

const cursorKey = (row: PipelineProjectRow) => [row.updatedAt.toISOString(), row.id];

export async function listPipeline(db: Db, viewer: Viewer, query: z.infer<typeof listPipelineQuerySchema>, options: { publicOnly?: boolean } = {}) {
  const key = decodeCursor(query.cursor, 2);
  if (key && (typeof key[0] !== 'string' || Number.isNaN(Date.parse(key[0])) || typeof key[1] !== 'string' || !/^[0-9a-f-]{36}$/i.test(key[1]))) {
    throw invalidInput('The cursor', [{ field: 'query.cursor', message: 'pass the nextCursor of a previous page unchanged' }]);
  }
  const rows = await listPipelineProjects(db, options.publicOnly ? visibleTo(null) : visibleTo(viewer), {
    ...query,
    visibility: options.publicOnly ? undefined : query.visibility,
    after: key as [string, string] | undefined,
  });
  const page = pageOf(rows, query.limit, cursorKey);
  const rates = await latestRates(db, page.items.map((row) => row.currency), todayUtc());
  return { items: page.items.map((row) => present(viewer, row, rates)), nextCursor: page.nextCursor };
}

export async function getPipelineProject(db: Db, viewer: Viewer, id: string, options: { publicOnly?: boolean } = {}) {
  const row = await loadVisible(db, viewer, id, options.publicOnly);
  const [rates, history, documents] = await Promise.all([latestRates(db, [row.currency], todayUtc()), listStageChanges(db, id), listDocumentRows(db, 'investment_project', id)]);
  return {
    ...present(viewer, row, rates),
    allowedStages: allowedStages(row.stage),
    // The portal shows when a project moved, not which official moved it or their internal notes.
    history: history.map((change) => ({
      ...change,
      changedAt: change.changedAt.toISOString(),
      ...(options.publicOnly ? { changedByName: null, note: '' } : {}),
    })),
    documents: documents.map((document) => ({ ...document, createdAt: document.createdAt.toISOString() })),
  };
}

/** What Zod cannot check: the focus area exists. */
async function checkFocusArea(db: Db, focusAreaId: string | undefined) {
  if (focusAreaId !== undefined && !(await findFocusArea(db, focusAreaId))) {
    throw invalidInput('The project', [{ field: 'body.focusAreaId', message: `"${focusAreaId}" is not one of the six ASEAN focus areas` }]);
  }
}

/** The action-plan project a promotion starts from: visible, and editable by the viewer. */
async function loadPromotable(db: Db, viewer: Viewer, scapProjectId: string) {
  const scap = await findScapProject(db, scapProjectId);
  if (!scap || !canViewProject(viewer, scap, cityRef(scap))) throw notFound('The action-plan project');
  assertCanEditCity(viewer, { id: scap.cityId, countryCode: scap.countryCode, name: scap.cityName });
  return scap;
}

export async function promotionDraft(db: Db, viewer: Viewer, scapProjectId: string) {
  const scap = await loadPromotable(db, viewer, scapProjectId);
  const promoted = await findPromotionOf(db, scapProjectId);
  return {
    cityId: scap.cityId,
    scapProjectId: scap.id,
    title: scap.title,
    focusAreaId: scap.focusAreaId,
    description: scap.description,
    visibility: scap.visibility,
    money:
      scap.budgetMinor !== null && scap.budgetCurrency
        ? { currency: scap.budgetCurrency, capitalCost: fromMinorUnits(scap.budgetMinor, scap.budgetCurrency), fundingSecured: null }
        : null,
    alreadyPromoted: promoted ?? null,
  };
}

/** PostgreSQL's unique_violation (23505), however the driver wraps it. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

const alreadyPromoted = (promoted: { id: string; title: string } | undefined) =>
  promoted
    ? new AppError('conflict', `This action-plan project is already in the pipeline as "${promoted.title}".`, { projectId: promoted.id })
    : new AppError('conflict', 'This action-plan project is already in the pipeline.');

export async function createPipelineProject(ctx: AppContext, viewer: Viewer, body: z.infer<typeof createPipelineProjectBodySchema>) {
  const city = await findCity(ctx.db, body.cityId);
  if (!city) throw invalidInput('The project', [{ field: 'body.cityId', message: `"${body.cityId}" is not a city of the network` }]);
  const actor = assertCanEditCity(viewer, city);
  if (body.scapProjectId) {
    const scap = await loadPromotable(ctx.db, viewer, body.scapProjectId);
    if (scap.cityId !== city.id) {
      throw invalidInput('The project', [{ field: 'body.scapProjectId', message: `the action-plan project belongs to ${scap.cityName}, not ${city.name}` }]);
    }
    // Promoted already? The unique index on scap_project_id answers, also for two promotions at once (below).
  }
  await checkFocusArea(ctx.db, body.focusAreaId);
  const { money, cityId, scapProjectId, ...fields } = body;
  const amounts = parseMoney(money);
  const id = await inTransaction(ctx, async (tx) => {
    const created = await insertPipelineProject(tx, { ...fields, ...amounts, cityId, scapProjectId: scapProjectId ?? null, createdBy: actor.userId, updatedBy: actor.userId });
    await insertStageChange(tx, { projectId: created, fromStage: null, toStage: 'prospective', note: scapProjectId ? 'Promoted from the action plan' : 'Created', changedBy: actor.userId });
    await writeAudit(tx, actor, { action: 'investment_project.created', entityType: 'investment_project', entityId: created, after: await findPipelineProject(tx, created) });
    return created;
  }).catch(async (error: unknown) => {
    // The action-plan project is in the pipeline already (perhaps promoted a moment ago by a colleague).
    if (scapProjectId && isUniqueViolation(error)) throw alreadyPromoted(await findPromotionOf(ctx.db, scapProjectId));
    throw error;
  });
  return getPipelineProject(ctx.db, viewer, id);
}

async function loadEditable(db: Db, viewer: Viewer, id: string) {
  const row = await loadVisible(db, viewer, id);
  const actor = assertCanEditCity(viewer, { id: row.cityId, countryCode: row.countryCode, name: row.cityName });
  return { row, actor };
}

export async function updatePipelineProject(ctx: AppContext, viewer: Viewer, id: string, body: z.infer<typeof updatePipelineProjectBodySchema>) {
  const { row: before, actor } = await loadEditable(ctx.db, viewer, id);
  await checkFocusArea(ctx.db, body.focusAreaId);
  const { money, ...fields } = body;
  const amounts = money ? parseMoney(money) : {};
  await inTransaction(ctx, async (tx) => {
    await updatePipelineProjectRow(tx, id, { ...fields, ...amounts, updatedBy: actor.userId });
    await writeAudit(tx, actor, { action: 'investment_project.updated', entityType: 'investment_project', entityId: id, before, after: await findPipelineProject(tx, id) });
  });
  return getPipelineProject(ctx.db, viewer, id);
}

export async function transitionStage(ctx: AppContext, viewer: Viewer, id: string, body: z.infer<typeof stageTransitionBodySchema>) {
  const { row: before, actor } = await loadEditable(ctx.db, viewer, id);
  const allowed = allowedStages(before.stage);
  if (!allowed.includes(body.to)) {
    throw new AppError(
      'conflict',
      `From ${stageNames[before.stage]} the project can move to: ${allowed.map((stage) => stageNames[stage]).join(', ')}. It cannot move to ${stageNames[body.to]}${body.to === before.stage ? ' (it is already there)' : ''}.`,
      { stage: before.stage, allowed },
    );
  }
  if (isStepBack(before.stage, body.to) && body.note.length < 3) {
    throw invalidInput('The stage change', [{ field: 'body.note', message: `say why the project goes back to ${stageNames[body.to]}` }]);
  }
  await inTransaction(ctx, async (tx, after) => {
    await updatePipelineProjectRow(tx, id, { stage: body.to, updatedBy: actor.userId });
    await insertStageChange(tx, { projectId: id, fromStage: before.stage, toStage: body.to, note: body.note, changedBy: actor.userId });
    await writeAudit(tx, actor, {
      action: 'investment_project.stage_changed',
      entityType: 'investment_project',
      entityId: id,
      before: { stage: before.stage },
      after: { stage: body.to, note: body.note },
    });
    await notify(ctx, tx, after, await stageChangeAudience(tx, { ...before, stage: body.to }, actor), {
      kind: 'investment_project.stage_changed',
      title: `${before.title} is now at ${stageNames[body.to]}`,
      body: `${before.cityName} moved "${before.title}" from ${stageNames[before.stage]} to ${stageNames[body.to]}.${body.note ? `\n\n${body.note}` : ''}`,
      link: `/app/pipeline/${id}`,
    });
  });
  return getPipelineProject(ctx.db, viewer, id);
}

/**
 * Who hears of a stage change: the members of the companies that expressed interest and of the
 * organisations the project is shared with, as long as they may still see it; never the actor.
 */
async function stageChangeAudience(db: Db, project: PipelineProjectRow, actor: Actor): Promise<string[]> {
  const following = await followingOrganisations(db, project.id);
  const shared = await sharedOrganisationIds(db, project.id);
  const stillSee = following.filter((org) => {
    // What any member of the organisation would be allowed (visibility depends on the organisation, not the person).
    const member: Actor = { ...actor, userId: '', organisationId: org.id, organisationKind: org.kind, role: 'member', cityId: org.cityId, countryCode: org.countryCode };
    return canViewPipelineProject(member, project, cityRef(project), shared);
  });
  return (await activeMemberIds(db, stillSee.map((org) => org.id))).filter((userId) => userId !== actor.userId);
}

// Sharing

async function sharesOf(db: Db, projectId: string) {
  return (await listShares(db, projectId)).map((row) => ({ ...row, sharedAt: row.sharedAt.toISOString() }));
}

/** The organisations a project is shared with: for the city's insiders; its editors may change them. */
export async function listPipelineShares(db: Db, viewer: Viewer, id: string) {
  const actor = requireSignedIn(viewer);
  const row = await loadVisible(db, actor, id);
  if (!canViewPipelineShares(actor, cityRef(row))) throw forbidden(`Only ${row.cityName}'s own staff and the secretariat see whom this project is shared with.`);
  return { items: await sharesOf(db, id), canEdit: canSharePipelineProject(actor, cityRef(row)), visibility: row.visibility };
}

async function loadShareable(db: Db, viewer: Viewer, id: string) {
  const actor = requireSignedIn(viewer);
  const row = await loadVisible(db, actor, id);
  if (!canSharePipelineProject(actor, cityRef(row))) throw forbidden(`Only ${row.cityName}'s own city staff and the secretariat can share its projects.`);
  return { actor, row };
}

/** Shares a project with an organisation (a company above all), which then sees it; its members are told. */
export async function sharePipelineProject(ctx: AppContext, viewer: Viewer, id: string, organisationId: string) {
  const { actor, row } = await loadShareable(ctx.db, viewer, id);
  const organisation = await findOrganisation(ctx.db, organisationId);
  if (!organisation) throw invalidInput('The share', [{ field: 'body.organisationId', message: 'is not an organisation Mitra knows' }]);
  if (!pipelineShareKinds.includes(organisation.kind)) {
    throw invalidInput('The share', [
      { field: 'body.organisationId', message: `${organisation.name} cannot be given the project this way: choose a company, U.S. city, U.S. agency, NGO, university or cyber centre` },
    ]);
  }
  await inTransaction(ctx, async (tx, after) => {
    const added = await insertShare(tx, { projectId: id, organisationId, sharedBy: actor.userId });
    if (!added) return;
    await writeAudit(tx, actor, {
      action: 'investment_project.shared',
      entityType: 'investment_project',
      entityId: id,
      after: { organisationId, organisationName: organisation.name },
    });
    await notify(ctx, tx, after, (await activeMemberIds(tx, [organisationId])).filter((userId) => userId !== actor.userId), {
      kind: 'investment_project.shared',
      title: `${row.cityName} shared the project ${row.title} with you`,
      body: `${row.cityName} shared the pipeline project "${row.title}" with ${organisation.name}. It is not public: only your organisation and the city's staff can see it in Mitra.`,
      link: `/app/pipeline/${id}`,
    });
  });
  return listPipelineShares(ctx.db, actor, id);
}

export async function unsharePipelineProject(ctx: AppContext, viewer: Viewer, id: string, organisationId: string) {
  const { actor } = await loadShareable(ctx.db, viewer, id);
  const before = (await listShares(ctx.db, id)).find((share) => share.organisationId === organisationId);
  if (!before) throw notFound('The share');
  await inTransaction(ctx, async (tx) => {
    await deleteShare(tx, id, organisationId);
    await writeAudit(tx, actor, {
      action: 'investment_project.unshared',
      entityType: 'investment_project',
      entityId: id,
      before: { organisationId, organisationName: before.organisationName },
    });
  });
}

// Exchange rates

const presentRate = (row: RateRow) => ({ ...row, unitsPerUsd: parseRate(row.unitsPerUsd)!.normalised, recordedAt: row.recordedAt.toISOString() });

export async function listExchangeRates(db: Db, currency?: string) {
  return { items: (await listRates(db, currency)).map(presentRate) };
}

export async function saveExchangeRate(ctx: AppContext, viewer: Viewer, key: { currency: string; date: string }, body: z.infer<typeof rateBodySchema>) {
  const actor = assertSecretariat(viewer);
  const problems: FieldProblem[] = [];
  if (!knownCurrencies.has(key.currency) || key.currency === 'USD') {
    problems.push({ field: 'params.currency', message: key.currency === 'USD' ? 'rates are per U.S. dollar, so USD needs none' : `"${key.currency}" is not an ISO 4217 currency code` });
  }
  if (Number.isNaN(Date.parse(`${key.date}T00:00:00Z`)) || new Date(`${key.date}T00:00:00Z`).toISOString().slice(0, 10) !== key.date) {
    problems.push({ field: 'params.date', message: `"${key.date}" is not a date` });
  }
  const rate = parseRate(body.unitsPerUsd);
  if (!rate) problems.push({ field: 'body.unitsPerUsd', message: 'write a number above zero with at most 12 digits before the point and 8 after, e.g. 25400.5' });
  if (problems.length) throw invalidInput('The exchange rate', problems);
  await inTransaction(ctx, async (tx) => {
    const before = await findRate(tx, key.currency, key.date);
    await upsertRate(tx, { currency: key.currency, rateDate: key.date, unitsPerUsd: rate!.normalised, source: body.source, recordedBy: actor.userId });
    await writeAudit(tx, actor, {
      action: before ? 'exchange_rate.updated' : 'exchange_rate.created',
      entityType: 'exchange_rate',
      entityId: `${key.currency}:${key.date}`,
      before,
      after: await findRate(tx, key.currency, key.date),
    });
  });
  return presentRate((await findRate(ctx.db, key.currency, key.date))!);
}

export async function removeExchangeRate(ctx: AppContext, viewer: Viewer, key: { currency: string; date: string }) {
  const actor = assertSecretariat(viewer);
  await inTransaction(ctx, async (tx) => {
    const before = await findRate(tx, key.currency, key.date);
    if (!before) throw notFound(`The ${key.currency} rate of ${key.date}`);
    await deleteRate(tx, key.currency, key.date);
    await writeAudit(tx, actor, { action: 'exchange_rate.deleted', entityType: 'exchange_rate', entityId: `${key.currency}:${key.date}`, before });
  });
}
