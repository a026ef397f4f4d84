import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { AssistanceStatus } from '../../db/schema/projects.js';
import {
  canEditAssistanceRequest,
  canEndorseAssistanceRequest,
  canViewAssistanceRequest,
  isAssistanceReviewer,
  isSecretariat,
  requireSignedIn,
  type Actor,
  type Viewer,
} from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, invalidInput, notFound, type FieldProblem } from '../../server/errors.js';
import { inTransaction, type AfterCommit } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { fromMinorUnits, toMinorUnits } from '../cities/money.js';
import { notify } from '../notifications/service.js';
import { mayViewPipelineProject } from '../pipeline/service.js';
import {
  cityStaffIds,
  findAssistanceRequest,
  findOrganisationKind,
  findPipelineProjectCity,
  insertAssistanceEvent,
  insertAssistanceRequest,
  listAgencies,
  listAssistanceEvents,
  listAssistanceRequests as listRows,
  listCityPipelineProjects,
  listPublishedSummaries,
  lockAssistanceRequest,
  organisationMemberIds,
  updateAssistanceRequest as updateRow,
  type AssistanceRequestRow,
  type AssistanceScope,
  type NewAssistanceRequest,
} from './queries.js';
import type {
  assistanceCommentBodySchema,
  assistanceSummaryBodySchema,
  assistanceTransitionBodySchema,
  createAssistanceRequestBodySchema,
  listAssistanceRequestsQuerySchema,
  updateAssistanceRequestBodySchema,
} from './schemas.js';

/* ---- The workflow ---- */

/** draft → submitted → screening → approved | declined → in_progress → delivered → closed. */
export const assistanceFlow: Record<AssistanceStatus, readonly AssistanceStatus[]> = {
  draft: ['submitted'],
  submitted: ['screening'],
  screening: ['approved', 'declined'],
  approved: ['in_progress'],
  declined: [],
  in_progress: ['delivered'],
  delivered: ['closed'],
  closed: [],
};

const statusWords: Record<AssistanceStatus, string> = {
  draft: 'draft',
  submitted: 'submitted',
  screening: 'screening',
  approved: 'approved',
  declined: 'declined',
  in_progress: 'in progress',
  delivered: 'delivered',
  closed: 'closed',
};

/** Statuses after approval: deliverables and a public summary belong to these. */
const approvedStatuses: readonly AssistanceStatus[] = ['approved', 'in_progress', 'delivered', 'closed'];
/** A reviewer asks for information while triaging. */
const infoRequestStatuses: readonly AssistanceStatus[] = ['submitted', 'screening'];

const DAY_MS = 86_400_000;
const wordsList = (items: readonly string[]) => items.map((s) => `"${s}"`).join(', ');

/* ---- Access ---- */

type RequestRef = Pick<AssistanceRequestRow, 'cityId' | 'countryCode' | 'agencyOrganisationId' | 'status'>;

const isCityStaff = (viewer: Viewer, row: RequestRef) => canEditAssistanceRequest(viewer, row);
const isNationalRep = (viewer: Viewer, row: RequestRef) => viewer?.organisationKind === 'national_agency' && viewer.countryCode === row.countryCode;
/** Reviewers of the routed agency (and the secretariat) act on requests once submitted. */
const isReviewer = (viewer: Viewer, row: RequestRef) => isAssistanceReviewer(viewer, row);

/** Drafts stay with the city, its national representatives (who endorse) and the secretariat until submitted. */
export function mayViewAssistanceRequest(viewer: Viewer, row: RequestRef): boolean {
  if (!canViewAssistanceRequest(viewer, row)) return false;
  if (row.status !== 'draft') return true;
  return isCityStaff(viewer, row) || isNationalRep(viewer, row) || isSecretariat(viewer);
}

export function scopeOf(actor: Actor): AssistanceScope {
  if (isSecretariat(actor)) return { all: true };
  return {
    cityId: actor.organisationKind === 'city_government' ? actor.cityId : null,
    countryCode: actor.organisationKind === 'national_agency' ? actor.countryCode : null,
    agencyOrganisationId: actor.organisationId,
  };
}

async function loadVisible(db: Db, viewer: Viewer, requestId: string) {
  const row = await findAssistanceRequest(db, requestId);
  if (!row || !mayViewAssistanceRequest(viewer, row)) throw notFound('The assistance request');
  return row;
}

/** The transitions this viewer may make now: the city submits; the agency's reviewers move the rest. */
export function allowedTransitions(viewer: Viewer, row: RequestRef): AssistanceStatus[] {
  return assistanceFlow[row.status].filter((to) => (to === 'submitted' ? isCityStaff(viewer, row) : isReviewer(viewer, row)));
}

/** For the documents module: deliverables are seen by whoever sees the request and uploaded by its reviewers once approved. */
export async function assistanceDeliverableAccess(db: Db, viewer: Viewer, requestId: string) {
  const row = await loadVisible(db, viewer, requestId);
  const reviewer = isReviewer(viewer, row);
  const canEdit = reviewer && approvedStatuses.includes(row.status);
  const refusal = reviewer && !canEdit ? new AppError('conflict', `Deliverables can be uploaded once the request is approved; it is ${statusWords[row.status]}.`) : undefined;
  return { row, canEdit, refusal };
}

/* ---- Presenting ---- */

type SummaryRow = Awaited<ReturnType<typeof listRows>>[number];

function presentSummary(row: SummaryRow, now = Date.now()) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    status: row.status,
    cityId: row.cityId,
    cityName: row.cityName,
    countryCode: row.countryCode,
    agencyOrganisationId: row.agencyOrganisationId,
    agencyName: row.agencyName,
    infoRequested: row.infoRequested !== null,
    endorsed: row.endorsedAt !== null,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    statusChangedAt: row.statusChangedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    daysSinceSubmission: row.submittedAt ? Math.max(0, Math.floor((now - row.submittedAt.getTime()) / DAY_MS)) : null,
    daysSinceChange: Math.max(0, Math.floor((now - row.statusChangedAt.getTime()) / DAY_MS)),
  };
}

/** What is still missing before the city may submit, in words. */
function missingForSubmission(row: Pick<AssistanceRequestRow, 'endorsedAt' | 'problem' | 'objectives' | 'scope'>): string[] {
  const missing: string[] = [];
  if (!row.problem.trim()) missing.push('the problem to solve');
  if (!row.objectives.trim()) missing.push('the objectives');
  if (!row.scope.trim()) missing.push('the scope');
  if (!row.endorsedAt) missing.push("endorsement by the city's Chief Smart City Officer or the national representative");
  return missing;
}

export async function getAssistanceRequest(db: Db, viewer: Viewer, requestId: string) {
  const row = await loadVisible(db, viewer, requestId);
  const events = await listAssistanceEvents(db, requestId);
  const city = isCityStaff(viewer, row);
  const reviewer = isReviewer(viewer, row);
  // Everyone who sees the request reads the linked project's title; only those who may open the project get a link.
  const projectLinked =
    row.projectId !== null &&
    row.projectVisibility !== null &&
    (await mayViewPipelineProject(db, viewer, { id: row.projectId, visibility: row.projectVisibility, cityId: row.projectCityId ?? row.cityId, countryCode: row.countryCode }));
  return {
    ...presentSummary(row),
    problem: row.problem,
    objectives: row.objectives,
    scope: row.scope,
    projectId: row.projectId,
    projectTitle: row.projectTitle ?? null,
    projectLinked,
    budget:
      row.budgetMinor !== null && row.budgetCurrency
        ? { amount: fromMinorUnits(row.budgetMinor, row.budgetCurrency), currency: row.budgetCurrency, amountMinor: row.budgetMinor.toString() }
        : null,
    timeline: row.timeline,
    endorsedByName: row.endorsedByName ?? null,
    endorsedAt: row.endorsedAt?.toISOString() ?? null,
    infoRequestedText: row.infoRequested,
    decisionReason: row.decisionReason,
    publicSummary: row.publicSummary,
    createdAt: row.createdAt.toISOString(),
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    can: {
      edit: city && row.status === 'draft',
      endorse: row.status === 'draft' && row.endorsedAt === null && canEndorseAssistanceRequest(viewer, row),
      comment: row.status !== 'draft' && (city || reviewer),
      requestInformation: reviewer && infoRequestStatuses.includes(row.status),
      respond: city && row.infoRequested !== null,
      publish: reviewer && approvedStatuses.includes(row.status),
      uploadDeliverables: reviewer && approvedStatuses.includes(row.status),
      // A deal it led to: recorded by the city's staff and the reviewers once the request is approved.
      recordDeal: (city || reviewer) && approvedStatuses.includes(row.status),
      transitions: allowedTransitions(viewer, row),
    },
    missingForSubmission: city && row.status === 'draft' ? missingForSubmission(row) : [],
  };
}

export async function listAssistanceRequests(db: Db, viewer: Viewer, query: z.infer<typeof listAssistanceRequestsQuerySchema>) {
  const actor = requireSignedIn(viewer);
  const canCreate = actor.organisationKind === 'city_government' && actor.cityId !== null;
  const rows = await listRows(db, scopeOf(actor), { status: query.status, sort: query.sort, limit: 500 });
  const now = Date.now();
  return { items: rows.filter((row) => mayViewAssistanceRequest(actor, row)).map((row) => presentSummary(row, now)), canCreate };
}

export async function assistanceFormOptions(db: Db, viewer: Viewer) {
  const actor = requireSignedIn(viewer);
  const agencies = await listAgencies(db);
  const projects = actor.organisationKind === 'city_government' && actor.cityId ? await listCityPipelineProjects(db, actor.cityId) : [];
  return { agencies, projects };
}

export async function listPublishedAssistance(db: Db) {
  return { items: await listPublishedSummaries(db, 200) };
}

/* ---- Writing ---- */

type CreateBody = z.infer<typeof createAssistanceRequestBodySchema>;
type UpdateBody = z.infer<typeof updateAssistanceRequestBodySchema>;

/** Checks the references of a draft: the agency must be a U.S. agency, the project the city's own. */
async function checkReferences(db: Db, cityId: string, body: Pick<UpdateBody, 'agencyOrganisationId' | 'projectId'>) {
  const problems: FieldProblem[] = [];
  if (body.agencyOrganisationId !== undefined) {
    const organisation = await findOrganisationKind(db, body.agencyOrganisationId);
    if (!organisation || organisation.kind !== 'us_agency') problems.push({ field: 'body.agencyOrganisationId', message: 'must be a U.S. agency' });
  }
  if (body.projectId) {
    const project = await findPipelineProjectCity(db, body.projectId);
    if (!project || project.cityId !== cityId) problems.push({ field: 'body.projectId', message: "must be one of your city's pipeline projects" });
  }
  if (problems.length) throw invalidInput('The request', problems);
}

function budgetColumns(budget: CreateBody['budget']): Pick<NewAssistanceRequest, 'budgetMinor' | 'budgetCurrency'> {
  if (!budget) return { budgetMinor: null, budgetCurrency: null };
  return { budgetMinor: toMinorUnits(budget.amount, budget.currency, 'body.budget'), budgetCurrency: budget.currency };
}

const link = (id: string) => `/app/assistance/${id}`;
const others = (ids: string[], actor: Actor) => ids.filter((id) => id !== actor.userId);

async function notifyCity(ctx: AppContext, tx: Db, after: AfterCommit, actor: Actor, row: { id: string; cityId: string; title: string }, title: string, body: string) {
  await notify(ctx, tx, after, others(await cityStaffIds(tx, row.cityId), actor), { kind: 'assistance', title, body, link: link(row.id) });
}

async function notifyReviewers(ctx: AppContext, tx: Db, after: AfterCommit, actor: Actor, row: { id: string; agencyOrganisationId: string }, title: string, body: string) {
  await notify(ctx, tx, after, others(await organisationMemberIds(tx, [row.agencyOrganisationId]), actor), { kind: 'assistance', title, body, link: link(row.id) });
}

export async function createAssistanceRequest(ctx: AppContext, viewer: Viewer, body: CreateBody) {
  const actor = requireSignedIn(viewer);
  const cityId = actor.organisationKind === 'city_government' ? actor.cityId : null;
  if (!cityId || !canEditAssistanceRequest(actor, { cityId })) throw forbidden("Only a city government's staff request technical assistance or feasibility studies for their city.");
  await checkReferences(ctx.db, cityId, body);
  const budget = budgetColumns(body.budget);
  const created = await inTransaction(ctx, async (tx) => {
    const row = await insertAssistanceRequest(tx, {
      cityId,
      kind: body.kind,
      title: body.title,
      problem: body.problem,
      objectives: body.objectives,
      scope: body.scope,
      projectId: body.projectId,
      ...budget,
      timeline: body.timeline,
      agencyOrganisationId: body.agencyOrganisationId,
      createdBy: actor.userId,
    });
    await writeAudit(tx, actor, { action: 'assistance_request.created', entityType: 'assistance_request', entityId: row.id, after: row });
    return row;
  });
  return getAssistanceRequest(ctx.db, actor, created.id);
}

/** Edits a draft. A change of substance after endorsement withdraws the endorsement: the endorser endorsed what they read. */
export async function updateAssistanceRequest(ctx: AppContext, viewer: Viewer, requestId: string, body: UpdateBody) {
  const actor = requireSignedIn(viewer);
  const current = await loadVisible(ctx.db, actor, requestId);
  if (!canEditAssistanceRequest(actor, current)) throw forbidden("Only the requesting city's staff change the request.");
  if (current.status !== 'draft') throw new AppError('conflict', `The request is ${statusWords[current.status]}, so it can no longer change. Answer the reviewers in the comments instead.`);
  await checkReferences(ctx.db, current.cityId, body);
  const patch: Partial<NewAssistanceRequest> = {};
  for (const key of ['kind', 'title', 'problem', 'objectives', 'scope', 'projectId', 'timeline', 'agencyOrganisationId'] as const) {
    if (body[key] !== undefined) Object.assign(patch, { [key]: body[key] });
  }
  if (body.budget !== undefined) Object.assign(patch, budgetColumns(body.budget));
  await inTransaction(ctx, async (tx) => {
    const before = await lockAssistanceRequest(tx, requestId);
    if (!before || before.status !== 'draft') throw new AppError('conflict', 'The request was submitted meanwhile, so it can no longer change.');
    const changed = Object.entries(patch).some(([key, value]) => String(before[key as keyof typeof before] ?? '') !== String(value ?? ''));
    if (changed && before.endorsedAt) Object.assign(patch, { endorsedAt: null, endorsedBy: null });
    const row = await updateRow(tx, requestId, patch);
    await writeAudit(tx, actor, { action: 'assistance_request.updated', entityType: 'assistance_request', entityId: requestId, before, after: row });
  });
  return getAssistanceRequest(ctx.db, actor, requestId);
}

export async function endorseAssistanceRequest(ctx: AppContext, viewer: Viewer, requestId: string) {
  const actor = requireSignedIn(viewer);
  const current = await loadVisible(ctx.db, actor, requestId);
  if (!canEndorseAssistanceRequest(actor, current)) {
    throw forbidden("Only the city's Chief Smart City Officer (an administrator of the city government) or the country's national representative endorse a request.");
  }
  await inTransaction(ctx, async (tx, after) => {
    const before = await lockAssistanceRequest(tx, requestId);
    if (!before || before.status !== 'draft') throw new AppError('conflict', 'Only a draft is endorsed; this request is already submitted.');
    if (before.endorsedAt) throw new AppError('conflict', 'The request is already endorsed.');
    const row = await updateRow(tx, requestId, { endorsedBy: actor.userId, endorsedAt: new Date() });
    await insertAssistanceEvent(tx, { requestId, kind: 'comment', body: `Endorsed by ${actor.name}.`, actorId: actor.userId });
    await writeAudit(tx, actor, { action: 'assistance_request.endorsed', entityType: 'assistance_request', entityId: requestId, before, after: row });
    await notifyCity(ctx, tx, after, actor, row, `Assistance request endorsed: ${row.title}`, `${actor.name} endorsed the request "${row.title}". It can now be submitted.`);
  });
  return getAssistanceRequest(ctx.db, actor, requestId);
}

export async function transitionAssistanceRequest(ctx: AppContext, viewer: Viewer, requestId: string, body: z.infer<typeof assistanceTransitionBodySchema>) {
  const actor = requireSignedIn(viewer);
  const current = await loadVisible(ctx.db, actor, requestId);
  await inTransaction(ctx, async (tx, after) => {
    const before = await lockAssistanceRequest(tx, requestId);
    if (!before) throw notFound('The assistance request');
    const ref = { ...current, status: before.status };
    const next = assistanceFlow[before.status];
    if (!next.includes(body.to)) {
      const allowed = next.length ? `It can move to: ${wordsList(next.map((s) => statusWords[s]))}.` : 'It cannot move any further.';
      throw new AppError('conflict', `A request that is ${statusWords[before.status]} cannot become ${statusWords[body.to]}. ${allowed}`, { allowed: next });
    }
    const mine = allowedTransitions(actor, ref);
    if (!mine.includes(body.to)) {
      const who = body.to === 'submitted' ? "the requesting city's staff" : `the reviewers of ${current.agencyName}`;
      throw forbidden(`Only ${who} can make the request ${statusWords[body.to]}.${mine.length ? ` You can move it to: ${wordsList(mine.map((s) => statusWords[s]))}.` : ''}`);
    }
    if (body.to === 'declined' && !body.reason) throw invalidInput('The decision', [{ field: 'body.reason', message: 'give the reason for declining' }]);
    if (body.to === 'submitted') {
      const missing = missingForSubmission(before);
      if (missing.length) throw new AppError('conflict', `The request cannot be submitted yet. Missing: ${missing.join('; ')}.`, { missing });
    }
    const patch: Partial<NewAssistanceRequest> = { status: body.to, infoRequested: null };
    if (body.to === 'submitted') patch.submittedAt = new Date();
    if (body.to === 'approved' || body.to === 'declined') patch.decisionReason = body.reason;
    const row = await updateRow(tx, requestId, patch);
    await insertAssistanceEvent(tx, { requestId, kind: 'transition', fromStatus: before.status, toStatus: body.to, body: body.reason, actorId: actor.userId });
    await writeAudit(tx, actor, { action: 'assistance_request.status_changed', entityType: 'assistance_request', entityId: requestId, before, after: row });
    const title = `Assistance request ${statusWords[body.to]}: ${row.title}`;
    const text = `${actor.name} moved "${row.title}" from ${statusWords[before.status]} to ${statusWords[body.to]}.${body.reason ? `\n\n${body.reason}` : ''}`;
    await notifyCity(ctx, tx, after, actor, row, title, text);
    await notifyReviewers(ctx, tx, after, actor, row, title, text);
  });
  return getAssistanceRequest(ctx.db, actor, requestId);
}

export async function commentOnAssistanceRequest(ctx: AppContext, viewer: Viewer, requestId: string, body: z.infer<typeof assistanceCommentBodySchema>) {
  const actor = requireSignedIn(viewer);
  const current = await loadVisible(ctx.db, actor, requestId);
  const city = isCityStaff(actor, current);
  const reviewer = isReviewer(actor, current);
  if (!city && !reviewer) throw forbidden('Only the requesting city and the reviewers write in this thread.');
  await inTransaction(ctx, async (tx, after) => {
    const before = await lockAssistanceRequest(tx, requestId);
    if (!before) throw notFound('The assistance request');
    if (before.status === 'draft') throw new AppError('conflict', 'Comments start once the request is submitted.');
    let patch: Partial<NewAssistanceRequest> | null = null;
    if (body.kind === 'info_request') {
      if (!reviewer) throw forbidden('Only the reviewers ask the city for information.');
      if (!infoRequestStatuses.includes(before.status)) {
        throw new AppError('conflict', `Information is requested while the request is submitted or screening; it is ${statusWords[before.status]}.`);
      }
      patch = { infoRequested: body.body };
    } else if (body.kind === 'info_response') {
      if (!city) throw forbidden("Only the requesting city's staff answer a request for information.");
      if (before.infoRequested === null) throw new AppError('conflict', 'No information was requested; write a comment instead.');
      patch = { infoRequested: null };
    }
    const row = patch ? await updateRow(tx, requestId, patch) : before;
    const event = await insertAssistanceEvent(tx, { requestId, kind: body.kind, body: body.body, actorId: actor.userId });
    await writeAudit(tx, actor, { action: `assistance_request.${body.kind}`, entityType: 'assistance_request', entityId: requestId, before: patch ? before : undefined, after: { event, ...(patch ? { request: row } : {}) } });
    const titles = { comment: 'New comment', info_request: 'Information requested', info_response: 'Information provided' } as const;
    const title = `${titles[body.kind]} on assistance request: ${row.title}`;
    const text = `${actor.name} wrote on "${row.title}":\n\n${body.body}`;
    if (reviewer && !city) await notifyCity(ctx, tx, after, actor, row, title, text);
    if (city) await notifyReviewers(ctx, tx, after, actor, row, title, text);
    if (isSecretariat(actor)) await notifyReviewers(ctx, tx, after, actor, row, title, text);
  });
  return getAssistanceRequest(ctx.db, actor, requestId);
}

export async function publishAssistanceSummary(ctx: AppContext, viewer: Viewer, requestId: string, body: z.infer<typeof assistanceSummaryBodySchema>) {
  const actor = requireSignedIn(viewer);
  const current = await loadVisible(ctx.db, actor, requestId);
  if (!isReviewer(actor, current)) throw forbidden(`Only the reviewers of ${current.agencyName} publish a summary.`);
  await inTransaction(ctx, async (tx, after) => {
    const before = await lockAssistanceRequest(tx, requestId);
    if (!before) throw notFound('The assistance request');
    if (!approvedStatuses.includes(before.status)) {
      throw new AppError('conflict', `Only approved requests are published; this one is ${statusWords[before.status]}.`);
    }
    const row = await updateRow(tx, requestId, { publicSummary: body.publicSummary });
    await writeAudit(tx, actor, { action: body.publicSummary ? 'assistance_request.summary_published' : 'assistance_request.summary_withdrawn', entityType: 'assistance_request', entityId: requestId, before, after: row });
    if (body.publicSummary) {
      await notifyCity(ctx, tx, after, actor, row, `Summary published: ${row.title}`, `${actor.name} published a public summary of "${row.title}" on the portal.`);
    }
  });
  return getAssistanceRequest(ctx.db, actor, requestId);
}

