import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { OrganisationKind } from '../../db/schema/accounts.js';
import type { DealSource, DealStage } from '../../db/schema/events.js';
import type { AssistanceStatus } from '../../db/schema/projects.js';
import {
  canEditDeal,
  canViewAssistanceRequest,
  canViewDeal,
  canViewEvent,
  canViewMeeting,
  canViewPipelineProject,
  isEventOrganiser,
  isSecretariat,
  requireSignedIn,
  type Actor,
  type Viewer,
} from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { guardCell } from '../../server/csv.js';
import { AppError, forbidden, invalidInput, notFound, type FieldProblem } from '../../server/errors.js';
import { decodeCursor, pageOf } from '../../server/pagination.js';
import { inTransaction, type AfterCommit } from '../../server/transaction.js';
import { findOrganisation } from '../accounts/queries.js';
import { writeAudit } from '../audit/queries.js';
import { findCity } from '../cities/queries.js';
import { fromMinorUnits, toMinorUnits } from '../cities/money.js';
import { notify } from '../notifications/service.js';
import { linkablePipelineProjects, mayViewPipelineProject } from '../pipeline/service.js';
import { projectsSharedWith } from '../pipeline/queries.js';
import {
  dealSideAdminIds,
  deleteDeal as deleteDealRow,
  findAssistanceRef,
  findDeal,
  findEventRef,
  findMeetingRef,
  findProjectRef,
  hasExpressedInterest,
  insertDeal,
  interestedOrganisations,
  listAssistanceOptions,
  listDealAudit,
  listDeals as listDealRows,
  listEventOptions,
  listMeetingOptions,
  updateDeal as updateDealRow,
  type DealRow,
  type DealScope,
} from './queries.js';
import type { createDealBodySchema, dealFormOptionsQuerySchema, dealHistoryEntrySchema, exportDealsQuerySchema, listDealsQuerySchema, updateDealBodySchema } from './schemas.js';

/** The organisations that can be the partner side of a deal with a city: companies above all. */
export const dealPartnerKinds: readonly OrganisationKind[] = ['company', 'us_city', 'us_agency', 'ngo', 'academia', 'cyber_centre'];

const stageLabels: Record<DealStage, string> = { lead: 'lead', letter_of_intent: 'letter of intent', mou: 'MoU', contract: 'contract' };
/** The assistance requests a deal may come from: decided in the city's favour, and later. */
export const dealAssistanceStatuses: readonly AssistanceStatus[] = ['approved', 'in_progress', 'delivered', 'closed'];
/** Sources whose deals the organisers of the event may record (between any city and partner). */
const organiserSources: readonly DealSource[] = ['mission', 'event'];

/* ---- Access ---- */

const dealRef = (row: { cityId: string; countryCode: string; partnerOrganisationId: string; eventOrganiserOrganisationId?: string | null }) => ({
  cityId: row.cityId,
  countryCode: row.countryCode,
  partnerOrganisationId: row.partnerOrganisationId,
  eventOrganiserOrganisationId: row.eventOrganiserOrganisationId ?? null,
});

export const mayViewDeal = (viewer: Viewer, row: DealRow) => canViewDeal(viewer, dealRef(row));
export const mayEditDeal = (viewer: Viewer, row: DealRow) => canEditDeal(viewer, dealRef(row));

/** The same circle as mayViewDeal, as a filter for SQL lists. */
export function dealScope(viewer: Actor): DealScope {
  if (isSecretariat(viewer)) return { all: true };
  return {
    organisationId: viewer.organisationId,
    cityId: viewer.organisationKind === 'city_government' ? viewer.cityId : null,
    countryCode: viewer.organisationKind === 'national_agency' ? viewer.countryCode : null,
  };
}

async function loadVisibleDeal(db: Db, viewer: Viewer, dealId: string) {
  const row = await findDeal(db, dealId);
  if (!row || !mayViewDeal(viewer, row)) throw notFound('The deal');
  return row;
}

/* ---- Presenting ---- */

const valueOf = (row: { valueMinor: bigint | null; currency: string | null }) =>
  row.valueMinor !== null && row.currency ? { amount: fromMinorUnits(row.valueMinor, row.currency), currency: row.currency, amountMinor: row.valueMinor.toString() } : null;

/**
 * A deal as the viewer may read it. The linked request's and project's titles are shown only to those
 * who may see them (`sharedProjects`: the linked projects shared with the viewer's organisation).
 */
export function presentDeal(viewer: Viewer, row: DealRow, sharedProjects: ReadonlySet<string> = new Set()) {
  const {
    valueMinor: _v,
    currency: _c,
    eventOrganiserOrganisationId: _o,
    createdBy: _b,
    assistanceAgencyOrganisationId,
    investmentProjectVisibility,
    assistanceRequestTitle,
    investmentProjectTitle,
    ...rest
  } = row;
  const city = { id: row.cityId, countryCode: row.countryCode };
  const seesRequest = assistanceAgencyOrganisationId !== null && canViewAssistanceRequest(viewer, { ...city, cityId: row.cityId, agencyOrganisationId: assistanceAgencyOrganisationId });
  const seesProject =
    row.investmentProjectId !== null &&
    investmentProjectVisibility !== null &&
    canViewPipelineProject(viewer, { visibility: investmentProjectVisibility }, city, sharedProjects.has(row.investmentProjectId) && viewer ? [viewer.organisationId] : []);
  return {
    ...rest,
    assistanceRequestTitle: seesRequest ? assistanceRequestTitle : null,
    investmentProjectTitle: seesProject ? investmentProjectTitle : null,
    value: valueOf(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    canEdit: mayEditDeal(viewer, row),
  };
}

/** Of the deals' linked projects, those shared with the viewer's organisation (for presentDeal). */
async function sharedLinkedProjects(db: Db, viewer: Viewer, rows: DealRow[]) {
  const ids = [...new Set(rows.filter((row) => row.investmentProjectVisibility === 'restricted').map((row) => row.investmentProjectId!))];
  return viewer ? projectsSharedWith(db, ids, viewer.organisationId) : new Set<string>();
}

type AuditedDeal = { title?: string; stage?: DealStage; valueMinor?: string | null; currency?: string | null; notes?: string } | null;
type HistoryEntry = z.infer<typeof dealHistoryEntrySchema>;

function valueText(deal: AuditedDeal): string | null {
  if (!deal || deal.valueMinor === null || deal.valueMinor === undefined || !deal.currency) return null;
  return `${fromMinorUnits(BigInt(deal.valueMinor), deal.currency)} ${deal.currency}`;
}

/** What each audited change did, field by field, from the entry's before and after. */
function historyOf(entries: Awaited<ReturnType<typeof listDealAudit>>): HistoryEntry[] {
  return entries.map((entry) => {
    const before = entry.before as AuditedDeal;
    const after = entry.after as AuditedDeal;
    const action = entry.action === 'deal.stage_changed' ? 'stage_changed' : entry.action === 'deal.created' ? 'created' : 'updated';
    const changes: HistoryEntry['changes'] = [];
    if (action !== 'created' && before && after) {
      if (before.stage !== after.stage) changes.push({ field: 'stage', from: before.stage ?? null, to: after.stage ?? null });
      if (before.title !== after.title) changes.push({ field: 'title', from: before.title ?? null, to: after.title ?? null });
      if (valueText(before) !== valueText(after)) changes.push({ field: 'value', from: valueText(before), to: valueText(after) });
      if (before.notes !== after.notes) changes.push({ field: 'notes', from: before.notes ?? null, to: after.notes ?? null });
    }
    // The audit label is "Name <email>": show the name only.
    return { at: entry.at.toISOString(), actorName: entry.actorName ?? entry.actorLabel.replace(/\s*<[^>]*>$/, ''), action, changes };
  });
}

/* ---- Reading ---- */

const cursorKeySchema = z.tuple([z.string().datetime({ offset: true }), z.string().uuid()]);
function listCursor(cursor: string | undefined) {
  const key = decodeCursor(cursor, 2);
  if (key && !cursorKeySchema.safeParse(key).success) throw invalidInput('The cursor', [{ field: 'query.cursor', message: 'invalid cursor' }]);
  return key as [string, string] | undefined;
}

export async function listDeals(db: Db, viewer: Viewer, query: z.infer<typeof listDealsQuerySchema>) {
  const actor = requireSignedIn(viewer);
  const rows = await listDealRows(db, dealScope(actor), { stage: query.stage, city: query.city, event: query.event, after: listCursor(query.cursor), limit: query.limit });
  const page = pageOf(rows, query.limit, (row) => [row.updatedAt.toISOString(), row.id]);
  const visible = page.items.filter((row) => mayViewDeal(actor, row));
  const shared = await sharedLinkedProjects(db, actor, visible);
  return { items: visible.map((row) => presentDeal(actor, row, shared)), nextCursor: page.nextCursor };
}

export async function getDeal(db: Db, viewer: Viewer, dealId: string) {
  const row = await loadVisibleDeal(db, viewer, dealId);
  return { ...presentDeal(viewer, row, await sharedLinkedProjects(db, viewer, [row])), history: historyOf(await listDealAudit(db, dealId)), canDelete: isSecretariat(viewer) };
}

/** The deals that came from these meetings and that the viewer may see (for the agenda). */
export async function visibleDealsOfMeetings(db: Db, viewer: Actor, meetingRequestIds: string[]) {
  if (meetingRequestIds.length === 0) return [];
  const rows = await listDealRows(db, dealScope(viewer), { meetingRequestIds });
  return rows.filter((row) => mayViewDeal(viewer, row));
}

export const dealCsvColumns = [
  'id',
  'title',
  'stage',
  'city',
  'country',
  'partner',
  'partner_kind',
  'value',
  'currency',
  'value_minor_units',
  'source',
  'event',
  'meeting_request_id',
  'assistance_request_id',
  'investment_project_id',
  'notes',
  'recorded_by',
  'created_at',
  'updated_at',
] as const;

/** Every deal as CSV, for the secretariat's reporting (same filters as the list). */
export async function exportDealsCsv(db: Db, viewer: Viewer, query: z.infer<typeof exportDealsQuerySchema>) {
  const actor = requireSignedIn(viewer);
  if (!isSecretariat(actor)) throw forbidden('Only the partnership secretariat exports deals.');
  const rows = await listDealRows(db, dealScope(actor), { stage: query.stage, city: query.city, event: query.event, limit: 100_000 });
  const lines = rows.slice(0, 100_000).map((row) => {
    const value = valueOf(row);
    return [
      row.id,
      row.title,
      row.stage,
      row.cityName,
      row.countryCode,
      row.partnerOrganisationName,
      row.partnerOrganisationKind,
      value?.amount ?? '',
      value?.currency ?? '',
      value?.amountMinor ?? '',
      row.source,
      row.eventTitle ?? '',
      row.meetingRequestId ?? '',
      row.assistanceRequestId ?? '',
      row.investmentProjectId ?? '',
      row.notes,
      row.createdByName ?? '',
      row.createdAt.toISOString(),
      row.updatedAt.toISOString(),
    ].map(guardCell);
  });
  return stringify([[...dealCsvColumns], ...lines]);
}

/**
 * What the deal form offers: the events and meetings the viewer may name, and for the city chosen (or
 * the viewer's own), its assistance requests (approved and later) and pipeline projects the viewer may
 * see, each project with the organisations that expressed interest in it.
 */
export async function dealFormOptions(db: Db, viewer: Viewer, query: z.infer<typeof dealFormOptionsQuerySchema> = {}) {
  const actor = requireSignedIn(viewer);
  const cityId = query.city ?? (actor.organisationKind === 'city_government' ? actor.cityId : null);
  const [eventRows, meetings, requestRows, projects] = await Promise.all([
    listEventOptions(db, { organisationId: actor.organisationId, userId: actor.userId, all: isSecretariat(actor), limit: 200 }),
    listMeetingOptions(db, actor.userId, 200),
    cityId ? listAssistanceOptions(db, cityId, dealAssistanceStatuses, 200) : [],
    cityId ? linkablePipelineProjects(db, actor, cityId) : [],
  ]);
  const interested = await interestedOrganisations(db, projects.map((p) => p.id));
  return {
    cityId,
    assistanceRequests: requestRows.filter((r) => canViewAssistanceRequest(actor, r)).map((r) => ({ id: r.id, title: r.title, status: r.status })),
    projects: projects.map((p) => ({ ...p, interestedOrganisationIds: interested.get(p.id) ?? [] })),
    events: eventRows
      .filter((e) => canViewEvent(actor, e))
      .map((e) => ({ id: e.id, title: e.title, kind: e.kind, startsAt: e.startsAt.toISOString(), organiser: isEventOrganiser(actor, e) })),
    meetings: meetings.map((m) => ({ id: m.id, eventId: m.eventId, eventTitle: m.eventTitle, startsAt: m.startsAt.toISOString(), with: m.with })),
  };
}

/* ---- Writing ---- */

export type NewDeal = {
  title: string;
  cityId: string;
  partnerOrganisationId: string;
  stage: DealStage;
  valueMinor: bigint | null;
  currency: string | null;
  source: DealSource;
  eventId: string | null;
  meetingRequestId: string | null;
  assistanceRequestId?: string | null;
  investmentProjectId?: string | null;
  notes: string;
};

/**
 * Writes a deal whose access and references the caller has checked, with its audit entry, and tells
 * the administrators of both sides and `alsoTell` (but not the actor). Used for deals recorded directly
 * and for leads recorded with a meeting's outcome.
 */
export async function recordDeal(ctx: AppContext, tx: Db, after: AfterCommit, actor: Actor, deal: NewDeal, alsoTell: readonly string[] = []): Promise<DealRow> {
  const id = await insertDeal(tx, { ...deal, createdBy: actor.userId });
  const row = (await findDeal(tx, id))!;
  await writeAudit(tx, actor, { action: 'deal.created', entityType: 'deal', entityId: id, after: row });
  const audience = [...new Set([...(await dealSideAdminIds(tx, row)), ...alsoTell])].filter((userId) => userId !== actor.userId);
  await notify(ctx, tx, after, audience, {
    kind: 'deal.created',
    title: `New ${stageLabels[row.stage]}: ${row.title}`,
    body: `${actor.name} recorded a ${stageLabels[row.stage]} between ${row.partnerOrganisationName} and ${row.cityName} in Mitra: "${row.title}".`,
    link: `/app/deals/${id}`,
  });
  return row;
}

const valueFields = (value: { amount: string; currency: string } | null, field: string) =>
  value ? { valueMinor: toMinorUnits(value.amount, value.currency, field), currency: value.currency } : { valueMinor: null, currency: null };

/**
 * The activity a deal names: a deal from an assistance request names the request (one the actor may
 * see, of the deal's city, approved or later); a deal from a company's interest names the project it
 * expressed interest in; any deal may name a pipeline project of its city that the actor may see.
 */
async function linkProblems(
  db: Db,
  actor: Actor,
  body: z.infer<typeof createDealBodySchema>,
  city: { id: string; name: string } | undefined,
  partner: { id: string; name: string } | undefined,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (body.source === 'assistance_request') {
    const request = body.assistanceRequestId ? await findAssistanceRef(db, body.assistanceRequestId) : undefined;
    if (!body.assistanceRequestId) problems.push({ field: 'body.assistanceRequestId', message: 'choose the assistance request the deal came from' });
    else if (!request || !canViewAssistanceRequest(actor, request)) problems.push({ field: 'body.assistanceRequestId', message: 'is not an assistance request you can see' });
    else if (city && request.cityId !== city.id) problems.push({ field: 'body.assistanceRequestId', message: `"${request.title}" is another city's request, not ${city.name}'s` });
    else if (!dealAssistanceStatuses.includes(request.status)) {
      problems.push({ field: 'body.assistanceRequestId', message: `"${request.title}" is ${request.status.replace(/_/g, ' ')}: only approved (or later) requests produce deals` });
    }
  } else if (body.assistanceRequestId) {
    problems.push({ field: 'body.assistanceRequestId', message: 'only a deal from an assistance request names one; choose the source "assistance request"' });
  }
  if (body.source === 'project_interest' && !body.investmentProjectId) {
    problems.push({ field: 'body.investmentProjectId', message: 'choose the pipeline project the company expressed interest in' });
  }
  if (body.investmentProjectId) {
    const project = await findProjectRef(db, body.investmentProjectId);
    if (!project || !(await mayViewPipelineProject(db, actor, project))) problems.push({ field: 'body.investmentProjectId', message: 'is not a pipeline project you can see' });
    else if (city && project.cityId !== city.id) problems.push({ field: 'body.investmentProjectId', message: `"${project.title}" is another city's project, not ${city.name}'s` });
    else if (body.source === 'project_interest' && partner && !(await hasExpressedInterest(db, project.id, partner.id))) {
      problems.push({ field: 'body.investmentProjectId', message: `${partner.name} has not expressed interest in "${project.title}"` });
    }
  }
  return problems;
}

export async function createDeal(ctx: AppContext, viewer: Viewer, body: z.infer<typeof createDealBodySchema>) {
  const actor = requireSignedIn(viewer);
  const problems: FieldProblem[] = [];
  const [city, partner] = await Promise.all([findCity(ctx.db, body.cityId), findOrganisation(ctx.db, body.partnerOrganisationId)]);
  if (!city) problems.push({ field: 'body.cityId', message: `"${body.cityId}" is not a city Mitra knows` });
  if (!partner) problems.push({ field: 'body.partnerOrganisationId', message: 'is not an organisation Mitra knows' });
  else if (!dealPartnerKinds.includes(partner.kind)) {
    problems.push({ field: 'body.partnerOrganisationId', message: `${partner.name} cannot be the partner of a deal: choose a company, U.S. city, U.S. agency, NGO, university or cyber centre` });
  }

  let eventId = body.eventId;
  if (body.source === 'meeting') {
    if (!body.meetingRequestId) problems.push({ field: 'body.meetingRequestId', message: 'choose the meeting the deal came from' });
    else {
      const meeting = await findMeetingRef(ctx.db, body.meetingRequestId);
      if (!meeting || !canViewMeeting(actor, meeting.participantUserIds, meeting)) {
        problems.push({ field: 'body.meetingRequestId', message: 'is not a meeting you can see' });
      } else if (eventId && eventId !== meeting.eventId) {
        problems.push({ field: 'body.eventId', message: 'must be the event of the meeting (or left empty)' });
      } else {
        eventId = meeting.eventId;
      }
    }
  } else if (body.meetingRequestId) {
    problems.push({ field: 'body.meetingRequestId', message: 'only a deal from a meeting names a meeting; choose the source "meeting"' });
  }
  if (organiserSources.includes(body.source) && !eventId) {
    problems.push({ field: 'body.eventId', message: `choose the ${body.source === 'mission' ? 'reverse trade mission' : 'event'} the deal came from` });
  }
  const event = eventId ? await findEventRef(ctx.db, eventId) : undefined;
  if (eventId && (!event || !canViewEvent(actor, event))) problems.push({ field: 'body.eventId', message: 'is not an event you can see' });
  else if (event && body.source === 'mission' && event.kind !== 'trade_mission') {
    problems.push({ field: 'body.eventId', message: `"${event.title}" is not a reverse trade mission; choose the source "event"` });
  }
  problems.push(...(await linkProblems(ctx.db, actor, body, city ?? undefined, partner ?? undefined)));
  const value = (() => {
    try {
      return valueFields(body.value, 'body.value');
    } catch (error) {
      // The money check's own message says what is wrong with the amount or the currency.
      if (error instanceof AppError && Array.isArray(error.details)) problems.push(...(error.details as FieldProblem[]).map((d) => ({ field: d.field, message: error.message.replace(/\.$/, '') })));
      else throw error;
      return null;
    }
  })();
  if (problems.length) throw invalidInput('The deal', problems);

  const ref = { cityId: city!.id, countryCode: city!.countryCode, partnerOrganisationId: partner!.id };
  const organiserMayRecord = event !== undefined && organiserSources.includes(body.source) && isEventOrganiser(actor, event);
  if (!canEditDeal(actor, ref) && !organiserMayRecord) {
    throw forbidden(
      "You can record deals for your own city (as its staff) or your own organisation (as the partner), and the organisers of a mission or event record the deals it produced; the secretariat records any.",
    );
  }
  const row = await inTransaction(ctx, (tx, after) =>
    recordDeal(ctx, tx, after, actor, {
      title: body.title,
      cityId: ref.cityId,
      partnerOrganisationId: ref.partnerOrganisationId,
      stage: body.stage,
      ...value!,
      source: body.source,
      eventId: eventId ?? null,
      meetingRequestId: body.source === 'meeting' ? body.meetingRequestId : null,
      assistanceRequestId: body.source === 'assistance_request' ? body.assistanceRequestId : null,
      investmentProjectId: body.investmentProjectId,
      notes: body.notes,
    }),
  );
  return getDeal(ctx.db, actor, row.id);
}

export async function updateDeal(ctx: AppContext, viewer: Viewer, dealId: string, body: z.infer<typeof updateDealBodySchema>) {
  const before = await loadVisibleDeal(ctx.db, viewer, dealId);
  const actor = requireSignedIn(viewer);
  if (!mayEditDeal(actor, before)) throw forbidden("Only the deal's two sides (the city's staff and the partner's members), the organisers of its event and the secretariat change it.");
  const patch: Parameters<typeof updateDealRow>[2] = {};
  if (body.title !== undefined && body.title !== before.title) patch.title = body.title;
  if (body.stage !== undefined && body.stage !== before.stage) patch.stage = body.stage;
  if (body.notes !== undefined && body.notes !== before.notes) patch.notes = body.notes;
  if (body.value !== undefined) {
    const value = valueFields(body.value, 'body.value');
    if (value.valueMinor !== before.valueMinor || value.currency !== before.currency) Object.assign(patch, value);
  }
  if (Object.keys(patch).length === 0) return getDeal(ctx.db, actor, dealId);
  await inTransaction(ctx, async (tx, after) => {
    await updateDealRow(tx, dealId, patch);
    const changed = (await findDeal(tx, dealId))!;
    const stageChanged = patch.stage !== undefined;
    await writeAudit(tx, actor, { action: stageChanged ? 'deal.stage_changed' : 'deal.updated', entityType: 'deal', entityId: dealId, before, after: changed });
    if (stageChanged) {
      const audience = (await dealSideAdminIds(tx, changed)).filter((userId) => userId !== actor.userId);
      await notify(ctx, tx, after, audience, {
        kind: 'deal.stage_changed',
        title: `Deal now at ${stageLabels[changed.stage]}: ${changed.title}`,
        body: `${actor.name} moved the deal between ${changed.partnerOrganisationName} and ${changed.cityName} from "${stageLabels[before.stage]}" to "${stageLabels[changed.stage]}".`,
        link: `/app/deals/${dealId}`,
      });
    }
  });
  return getDeal(ctx.db, actor, dealId);
}

/** Removing a deal (one recorded by mistake) is the secretariat's; the audit keeps what it was. */
export async function deleteDeal(ctx: AppContext, viewer: Viewer, dealId: string) {
  const before = await loadVisibleDeal(ctx.db, viewer, dealId);
  const actor = requireSignedIn(viewer);
  if (!isSecretariat(actor)) throw forbidden('Only the partnership secretariat removes a deal; move it to another stage or correct it instead.');
  await inTransaction(ctx, async (tx) => {
    await deleteDealRow(tx, dealId);
    await writeAudit(tx, actor, { action: 'deal.deleted', entityType: 'deal', entityId: dealId, before });
  });
}

/** Every deal that came from a meeting, whoever may see it: for checks before recording another lead from it. */
export async function dealsOfMeeting(db: Db, meetingRequestId: string) {
  return listDealRows(db, { all: true }, { meetingRequestIds: [meetingRequestId] });
}
