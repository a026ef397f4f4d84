import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { OrganisationKind } from '../../db/schema/accounts.js';
import type { PairingStatus } from '../../db/schema/exchanges.js';
import { suggestCitiesForOffer, suggestPartnersForCity, type CityNeeds, type Match, type Offer } from '../../engines/pairing/pairing.js';
import {
  assertCanEditPairing,
  canEditExchangeOffer,
  canEditPairing,
  canSeeCitySuggestions,
  canSeeOrganisationSuggestions,
  canViewPairing,
  canViewPairingDetail,
  canViewProject,
  isPairingCitySide,
  isPairingUsSide,
  isSecretariat,
  pairingScope,
  requireSignedIn,
  type Viewer,
} from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { decodeCursor, pageOf } from '../../server/pagination.js';
import { inTransaction, type AfterCommit } from '../../server/transaction.js';
import { findOrganisation } from '../accounts/queries.js';
import { writeAudit } from '../audit/queries.js';
import { findCity, listFocusAreas } from '../cities/queries.js';
import { listDocuments as listDocumentRows } from '../documents/queries.js';
import { listDocuments } from '../documents/service.js';
import { notify } from '../notifications/service.js';
import {
  findActivity,
  findOffer,
  findPairing,
  findUserOrganisation,
  insertActivity,
  insertPairing,
  insertTransition,
  insertUpdate,
  listActivities,
  listCityNames,
  listNeeds,
  listOffers as listOfferRows,
  listPairings as listPairingRows,
  listTransitions,
  listUpdates,
  pairingAudienceIds,
  pairingVisibilityCondition,
  setPairingFocusAreas,
  updateActivity as updateActivityRow,
  updatePairing as updatePairingRow,
  upsertOffer,
  type OfferRow,
  type PairingRow,
} from './queries.js';
import type {
  activityBodySchema,
  listOffersQuerySchema,
  listPairingsQuerySchema,
  offerBodySchema,
  progressUpdateBodySchema,
  proposeBodySchema,
  suggestionsQuerySchema,
  transitionBodySchema,
  updateActivityBodySchema,
  updatePairingBodySchema,
} from './schemas.js';

type Problem = { field: string; message: string };
const invalid = (what: string, problems: Problem[]) =>
  new AppError('validation_failed', `${what} is not valid: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}.`, problems);

/** The organisations that may offer expertise and be the U.S. side of a pairing. */
export const usPartnerKinds: OrganisationKind[] = ['us_city', 'us_agency', 'company', 'ngo', 'academia'];
const closedStatuses: PairingStatus[] = ['completed', 'declined', 'withdrawn'];

const cursorKeySchema = z.tuple([z.string().datetime({ offset: true }), z.string().uuid()]);
function listCursor(cursor: string | undefined) {
  const key = decodeCursor(cursor, 2);
  if (key && !cursorKeySchema.safeParse(key).success) throw invalid('The cursor', [{ field: 'query.cursor', message: 'invalid cursor' }]);
  return key as [string, string] | undefined;
}

async function checkFocusAreas(db: Db, ids: string[], field: string) {
  const known = new Set((await listFocusAreas(db)).map((f) => f.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw invalid('The request', [{ field, message: `"${unknown.join('", "')}" is not one of the six ASEAN focus areas` }]);
}

/* ---- Offers ---- */

const presentOffer = (row: OfferRow) => ({ ...row, updatedAt: row.updatedAt.toISOString() });

export async function getOffer(db: Db, viewer: Viewer, organisationId: string) {
  requireSignedIn(viewer);
  const row = await findOffer(db, organisationId);
  if (!row) throw notFound('The exchange offer');
  return presentOffer(row);
}

export async function listOffers(db: Db, viewer: Viewer, query: z.infer<typeof listOffersQuerySchema>) {
  requireSignedIn(viewer);
  const rows = await listOfferRows(db, { focusArea: query.focusArea, after: listCursor(query.cursor), limit: query.limit });
  const page = pageOf(rows, query.limit, (row) => [row.updatedAt.toISOString(), row.organisationId]);
  return { items: page.items.map(presentOffer), nextCursor: page.nextCursor };
}

export async function saveOffer(ctx: AppContext, viewer: Viewer, organisationId: string, body: z.infer<typeof offerBodySchema>) {
  const actor = requireSignedIn(viewer);
  const organisation = await findOrganisation(ctx.db, organisationId);
  if (!organisation) throw notFound('The organisation');
  if (!canEditExchangeOffer(actor, organisationId)) throw forbidden("Only the organisation's own members and the secretariat can describe what it offers.");
  if (!usPartnerKinds.includes(organisation.kind)) {
    throw new AppError('conflict', 'Exchange offers are made by U.S. cities, U.S. agencies, companies, NGOs and universities.');
  }
  const focusAreaIds = [...new Set(body.focusAreaIds)];
  await checkFocusAreas(ctx.db, focusAreaIds, 'body.focusAreaIds');
  await inTransaction(ctx, async (tx) => {
    const before = await findOffer(tx, organisationId);
    await upsertOffer(tx, organisationId, { ...body, focusAreaIds, updatedBy: actor.userId });
    await writeAudit(tx, actor, { action: 'exchange_offer.saved', entityType: 'exchange_offer', entityId: organisationId, before, after: await findOffer(tx, organisationId) });
  });
  return presentOffer((await findOffer(ctx.db, organisationId))!);
}

/* ---- Suggestions ---- */

/**
 * Ranks by every project in planning or under way, whatever its visibility, but words the reasons
 * from the projects the viewer may see only: a restricted project's title never reaches someone
 * who may not see it, nor do the terms only it matched.
 */
export async function suggestions(db: Db, viewer: Viewer, query: z.infer<typeof suggestionsQuerySchema>) {
  requireSignedIn(viewer);
  const cityNames = new Map((await listCityNames(db)).map((c) => [c.id, c]));
  let offerRows: OfferRow[];
  let matches: Match[];
  if (query.cityId) {
    const city = await findCity(db, query.cityId);
    if (!city) throw notFound('The city');
    if (!canSeeCitySuggestions(viewer, city)) throw forbidden("Only the city's own staff, its national representatives and the secretariat see its suggested partners.");
    offerRows = await listOfferRows(db, {});
    const needs = await listNeeds(db, city.id);
    matches = suggestPartnersForCity({ id: city.id, projects: needs }, offerRows.filter((o) => o.organisationKind !== 'city_government').map(toOffer));
  } else {
    const organisation = await findOrganisation(db, query.organisationId!);
    if (!organisation) throw notFound('The organisation');
    if (!canSeeOrganisationSuggestions(viewer, organisation.id)) throw forbidden("Only the organisation's own members and the secretariat see its suggested cities.");
    const offer = await findOffer(db, organisation.id);
    if (!offer) throw new AppError('conflict', 'Describe what the organisation offers first (its exchange offer): suggestions are drawn from it.');
    offerRows = [offer];
    const byCity = new Map<string, CityNeeds>();
    for (const need of await listNeeds(db)) {
      const city = byCity.get(need.cityId) ?? { id: need.cityId, projects: [] };
      city.projects.push(need);
      byCity.set(need.cityId, city);
    }
    matches = suggestCitiesForOffer(toOffer(offer), [...byCity.values()]);
  }
  const offersById = new Map(offerRows.map((o) => [o.organisationId, o]));
  const needs = await listNeeds(db, query.cityId);
  const projects = new Map(needs.map((n) => [n.id, n]));
  const focusNames = new Map((await listFocusAreas(db)).map((f) => [f.id, f.name]));
  const items = matches.slice(0, query.limit).map((match) => {
    const city = cityNames.get(match.cityId)!;
    const visible = (ids: string[]) => ids.map((id) => projects.get(id)!).filter((p) => canViewProject(viewer, p, city));
    const reasons: string[] = [];
    for (const reason of match.reasons) {
      if (reason.kind !== 'focus_area') continue;
      const shown = visible(reason.projectIds);
      const titles = shown.length ? ` (${shown.length} project${shown.length === 1 ? '' : 's'}: ${shown.map((p) => p.title).sort().join('; ')})` : '';
      reasons.push(`shared focus area: ${focusNames.get(reason.focusAreaId) ?? reason.focusAreaId}${titles}`);
    }
    const shownTerms = match.reasons.filter((r) => r.kind === 'term' && visible(r.projectIds).length > 0).map((r) => (r.kind === 'term' ? r.term : ''));
    if (shownTerms.length) reasons.push(`terms: ${shownTerms.join(', ')}`);
    const offer = offersById.get(match.offerId)!;
    return { organisationId: offer.organisationId, organisationName: offer.organisationName, cityId: city.id, cityName: city.name, countryCode: city.countryCode, score: match.score, reasons };
  });
  return { items };
}

const toOffer = (row: OfferRow): Offer => ({ id: row.organisationId, focusAreaIds: row.focusAreaIds, keywords: row.keywords, summary: row.expertiseSummary });

/* ---- Pairings ---- */

function presentSummary(row: PairingRow) {
  const { usAcceptedBy: _a, cityAcceptedBy: _b, createdBy: _c, usAcceptedAt, cityAcceptedAt, ...rest } = row;
  return { ...rest, usAccepted: usAcceptedAt !== null, cityAccepted: cityAcceptedAt !== null, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** A pairing the viewer may not see answers as not found. */
async function loadVisiblePairing(db: Db, viewer: Viewer, pairingId: string) {
  const pairing = await findPairing(db, pairingId);
  if (!pairing || !canViewPairing(viewer, pairing)) throw notFound('The pairing');
  return pairing;
}

async function loadEditablePairing(db: Db, viewer: Viewer, pairingId: string) {
  const pairing = await loadVisiblePairing(db, viewer, pairingId);
  return { pairing, actor: assertCanEditPairing(viewer, pairing) };
}

export async function getPairing(db: Db, viewer: Viewer, pairingId: string) {
  const pairing = await loadVisiblePairing(db, viewer, pairingId);
  const detail = canViewPairingDetail(viewer, pairing);
  const [activities, updates, transitions, attachments] = detail
    ? await Promise.all([listActivities(db, pairingId), listUpdates(db, pairingId), listTransitions(db, pairingId), listDocuments(db, viewer, 'pairing', pairingId)])
    : [null, null, null, null];
  const canAcceptAs =
    pairing.status !== 'proposed' ? null : isPairingUsSide(viewer, pairing) && !pairing.usAcceptedAt ? 'us' : isPairingCitySide(viewer, pairing) && !pairing.cityAcceptedAt ? 'city' : null;
  return {
    ...presentSummary(pairing),
    activities: activities?.map(({ pairingId: _p, createdAt: _c, updatedAt: _u, ...a }) => a) ?? null,
    updates: updates?.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })) ?? null,
    transitions: transitions?.map((tr) => ({ ...tr, at: tr.at.toISOString() })) ?? null,
    attachments: attachments?.items ?? null,
    canEdit: canEditPairing(viewer, pairing),
    canAcceptAs: canAcceptAs as 'us' | 'city' | null,
  };
}

export async function listPairings(db: Db, viewer: Viewer, query: z.infer<typeof listPairingsQuerySchema>) {
  const rows = await listPairingRows(db, pairingVisibilityCondition(pairingScope(viewer)), { ...query, after: listCursor(query.cursor) });
  const page = pageOf(rows, query.limit, (row) => [row.updatedAt.toISOString(), row.id]);
  return { items: page.items.map(presentSummary), nextCursor: page.nextCursor };
}

async function tell(ctx: AppContext, tx: Db, after: AfterCommit, pairing: PairingRow, kind: string, title: string, body: string) {
  await notify(ctx, tx, after, await pairingAudienceIds(tx, pairing), { kind, title, body, link: `/app/exchanges/${pairing.id}` });
}

export async function proposePairing(ctx: AppContext, viewer: Viewer, body: z.infer<typeof proposeBodySchema>) {
  const actor = requireSignedIn(viewer);
  if (!isSecretariat(actor)) throw forbidden('Only the partnership secretariat proposes pairings.');
  const problems: Problem[] = [];
  const organisation = await findOrganisation(ctx.db, body.usOrganisationId);
  if (!organisation || !usPartnerKinds.includes(organisation.kind)) {
    problems.push({ field: 'body.usOrganisationId', message: 'must be a U.S. city, U.S. agency, company, NGO or university known to Mitra' });
  }
  const city = await findCity(ctx.db, body.cityId);
  if (!city) problems.push({ field: 'body.cityId', message: `"${body.cityId}" is not a city Mitra knows` });
  if (problems.length) throw invalid('The pairing', problems);
  const focusAreaIds = [...new Set(body.focusAreaIds)];
  await checkFocusAreas(ctx.db, focusAreaIds, 'body.focusAreaIds');
  const open = await listPairingRows(ctx.db, pairingVisibilityCondition({ all: true }), { city: body.cityId, organisation: body.usOrganisationId, limit: 100 });
  if (open.some((p) => !closedStatuses.includes(p.status))) {
    throw new AppError('conflict', `${organisation!.name} and ${city!.name} already have an open pairing.`);
  }
  const id = await inTransaction(ctx, async (tx, after) => {
    const pairingId = await insertPairing(tx, { usOrganisationId: body.usOrganisationId, cityId: body.cityId, objectives: body.objectives, public: body.public, createdBy: actor.userId }, focusAreaIds);
    await insertTransition(tx, { pairingId, fromStatus: null, toStatus: 'proposed', actorUserId: actor.userId });
    const created = (await findPairing(tx, pairingId))!;
    await writeAudit(tx, actor, { action: 'pairing.proposed', entityType: 'pairing', entityId: pairingId, after: created });
    await tell(ctx, tx, after, created, 'pairing.proposed', `Exchange proposed: ${created.usOrganisationName} and ${created.cityName}`, `The secretariat proposed a city-to-city exchange between ${created.usOrganisationName} and ${created.cityName}. Both sides are asked to accept it.`);
    return pairingId;
  });
  return getPairing(ctx.db, viewer, id);
}

export async function updatePairing(ctx: AppContext, viewer: Viewer, pairingId: string, body: z.infer<typeof updatePairingBodySchema>) {
  const { pairing: before, actor } = await loadEditablePairing(ctx.db, viewer, pairingId);
  if (body.public !== undefined && !isSecretariat(actor)) throw forbidden('Only the secretariat decides whether a pairing is shown to the public.');
  const { focusAreaIds, ...fields } = body;
  if (focusAreaIds) await checkFocusAreas(ctx.db, focusAreaIds, 'body.focusAreaIds');
  await inTransaction(ctx, async (tx) => {
    await updatePairingRow(tx, pairingId, fields);
    if (focusAreaIds) await setPairingFocusAreas(tx, pairingId, [...new Set(focusAreaIds)]);
    await writeAudit(tx, actor, { action: 'pairing.updated', entityType: 'pairing', entityId: pairingId, before, after: await findPairing(tx, pairingId) });
  });
  return getPairing(ctx.db, viewer, pairingId);
}

/** One side accepts; when both have, the pairing is accepted. The secretariat cannot accept for a side. */
export async function acceptPairing(ctx: AppContext, viewer: Viewer, pairingId: string) {
  const { pairing: before, actor } = await loadEditablePairing(ctx.db, viewer, pairingId);
  const side = isPairingUsSide(actor, before) ? 'us' : isPairingCitySide(actor, before) ? 'city' : null;
  if (!side) throw forbidden('Each side of the exchange accepts for itself.');
  if (before.status !== 'proposed') throw new AppError('conflict', `The pairing is ${before.status.replaceAll('_', ' ')}: only a proposed pairing can be accepted.`);
  if ((side === 'us' ? before.usAcceptedAt : before.cityAcceptedAt) !== null) throw new AppError('conflict', 'Your side has already accepted this pairing.');
  const now = new Date();
  await inTransaction(ctx, async (tx, after) => {
    const bothAccepted = side === 'us' ? before.cityAcceptedAt !== null : before.usAcceptedAt !== null;
    await updatePairingRow(tx, pairingId, {
      ...(side === 'us' ? { usAcceptedBy: actor.userId, usAcceptedAt: now } : { cityAcceptedBy: actor.userId, cityAcceptedAt: now }),
      ...(bothAccepted ? { status: 'accepted' as const } : {}),
    });
    if (bothAccepted) await insertTransition(tx, { pairingId, fromStatus: 'proposed', toStatus: 'accepted', actorUserId: actor.userId, at: now });
    const changed = (await findPairing(tx, pairingId))!;
    await writeAudit(tx, actor, { action: `pairing.accepted_by_${side}`, entityType: 'pairing', entityId: pairingId, before, after: changed });
    const who = side === 'us' ? before.usOrganisationName : before.cityName;
    await tell(
      ctx,
      tx,
      after,
      changed,
      bothAccepted ? 'pairing.accepted' : `pairing.accepted_by_${side}`,
      bothAccepted ? `Exchange accepted: ${before.usOrganisationName} and ${before.cityName}` : `${who} accepted the exchange`,
      bothAccepted ? 'Both sides accepted the exchange: the next step is a letter of intent.' : `${who} accepted the proposed exchange; the other side has yet to.`,
    );
  });
  return getPairing(ctx.db, viewer, pairingId);
}

/** Which status each transition comes from. */
const transitionsFrom: Record<z.infer<typeof transitionBodySchema>['to'], PairingStatus[]> = {
  letter_of_intent: ['accepted'],
  memorandum_signed: ['letter_of_intent'],
  active: ['memorandum_signed'],
  completed: ['active'],
  declined: ['proposed'],
  withdrawn: ['proposed', 'accepted', 'letter_of_intent', 'memorandum_signed', 'active'],
};

export async function transitionPairing(ctx: AppContext, viewer: Viewer, pairingId: string, body: z.infer<typeof transitionBodySchema>) {
  const { pairing: before, actor } = await loadEditablePairing(ctx.db, viewer, pairingId);
  if (body.to === 'declined' && !(isPairingUsSide(actor, before) || isPairingCitySide(actor, before))) {
    throw forbidden('A pairing is declined by one of its sides; the secretariat withdraws it instead.');
  }
  if (!transitionsFrom[body.to].includes(before.status)) {
    throw new AppError('conflict', `A pairing that is ${before.status.replaceAll('_', ' ')} cannot become ${body.to.replaceAll('_', ' ')}.`);
  }
  const reason = body.reason ?? '';
  if ((body.to === 'declined' || body.to === 'withdrawn') && !reason) throw invalid('The transition', [{ field: 'body.reason', message: 'say why' }]);
  const outcomes = body.outcomes ?? before.outcomes;
  const lessonsLearned = body.lessonsLearned ?? before.lessonsLearned;
  if (body.to === 'completed') {
    const problems: Problem[] = [];
    if (!outcomes) problems.push({ field: 'body.outcomes', message: 'record the outcomes to complete the exchange' });
    if (!lessonsLearned) problems.push({ field: 'body.lessonsLearned', message: 'record the lessons learned to complete the exchange' });
    if (problems.length) throw invalid('The transition', problems);
  }
  if (body.to === 'memorandum_signed' && (await listDocumentRows(ctx.db, 'pairing', pairingId)).length === 0) {
    throw new AppError('conflict', 'Attach the signed memorandum of understanding to the pairing first.', [{ field: 'documents', message: 'no document attached' }]);
  }
  await inTransaction(ctx, async (tx, after) => {
    await updatePairingRow(tx, pairingId, { status: body.to, ...(body.to === 'completed' ? { outcomes, lessonsLearned } : {}) });
    await insertTransition(tx, { pairingId, fromStatus: before.status, toStatus: body.to, reason, actorUserId: actor.userId });
    const changed = (await findPairing(tx, pairingId))!;
    await writeAudit(tx, actor, { action: `pairing.${body.to}`, entityType: 'pairing', entityId: pairingId, before, after: changed });
    const label = body.to.replaceAll('_', ' ');
    await tell(ctx, tx, after, changed, `pairing.${body.to}`, `Exchange ${label}: ${before.usOrganisationName} and ${before.cityName}`, `${actor.name} moved the exchange to "${label}".${reason ? `\n\nReason: ${reason}` : ''}`);
  });
  return getPairing(ctx.db, viewer, pairingId);
}

function assertOpen(pairing: PairingRow) {
  if (closedStatuses.includes(pairing.status)) throw new AppError('conflict', `The pairing is ${pairing.status}: its work plan and updates are closed.`);
}

/** An activity's owner, when named, is someone of that side. */
async function checkActivityOwner(db: Db, pairing: PairingRow, ownerSide: 'us' | 'city', ownerUserId: string | null | undefined) {
  if (!ownerUserId) return;
  const person = await findUserOrganisation(db, ownerUserId);
  const onSide = person && (ownerSide === 'us' ? person.organisationId === pairing.usOrganisationId : person.kind === 'city_government' && person.cityId === pairing.cityId);
  if (!onSide) throw invalid('The activity', [{ field: 'body.ownerUserId', message: `must be someone of the ${ownerSide === 'us' ? 'U.S.' : 'city'} side` }]);
}

function checkDates(startDate: string | null | undefined, endDate: string | null | undefined) {
  if (startDate && endDate && endDate < startDate) throw invalid('The activity', [{ field: 'body.endDate', message: 'must not be before the start date' }]);
}

export async function addActivity(ctx: AppContext, viewer: Viewer, pairingId: string, body: z.infer<typeof activityBodySchema>) {
  const { pairing, actor } = await loadEditablePairing(ctx.db, viewer, pairingId);
  assertOpen(pairing);
  checkDates(body.startDate, body.endDate);
  await checkActivityOwner(ctx.db, pairing, body.ownerSide, body.ownerUserId);
  await inTransaction(ctx, async (tx) => {
    await updatePairingRow(tx, pairingId, {});
    const row = await insertActivity(tx, { pairingId, ...body });
    await writeAudit(tx, actor, { action: 'pairing.activity_added', entityType: 'pairing', entityId: pairingId, after: row });
  });
  return getPairing(ctx.db, viewer, pairingId);
}

export async function updateActivity(ctx: AppContext, viewer: Viewer, pairingId: string, activityId: string, body: z.infer<typeof updateActivityBodySchema>) {
  const { pairing, actor } = await loadEditablePairing(ctx.db, viewer, pairingId);
  assertOpen(pairing);
  const before = await findActivity(ctx.db, pairingId, activityId);
  if (!before) throw notFound('The activity');
  checkDates(body.startDate === undefined ? before.startDate : body.startDate, body.endDate === undefined ? before.endDate : body.endDate);
  await checkActivityOwner(ctx.db, pairing, body.ownerSide ?? before.ownerSide, body.ownerUserId === undefined ? before.ownerUserId : body.ownerUserId);
  await inTransaction(ctx, async (tx) => {
    await updatePairingRow(tx, pairingId, {});
    const row = await updateActivityRow(tx, activityId, body);
    await writeAudit(tx, actor, { action: 'pairing.activity_updated', entityType: 'pairing', entityId: pairingId, before, after: row });
  });
  return getPairing(ctx.db, viewer, pairingId);
}

export async function addProgressUpdate(ctx: AppContext, viewer: Viewer, pairingId: string, body: z.infer<typeof progressUpdateBodySchema>) {
  const { pairing, actor } = await loadEditablePairing(ctx.db, viewer, pairingId);
  assertOpen(pairing);
  await inTransaction(ctx, async (tx) => {
    await updatePairingRow(tx, pairingId, {});
    const row = await insertUpdate(tx, { pairingId, ...body, authorUserId: actor.userId });
    await writeAudit(tx, actor, { action: 'pairing.update_added', entityType: 'pairing', entityId: pairingId, after: row });
  });
  return getPairing(ctx.db, viewer, pairingId);
}

/** For documents: attachments are seen by those who see the full pairing, and added by its sides and the secretariat while it is open. */
export async function pairingAccess(db: Db, viewer: Viewer, pairingId: string) {
  const pairing = await findPairing(db, pairingId);
  if (!pairing || !canViewPairingDetail(viewer, pairing)) throw notFound('The pairing');
  return { pairing, canEdit: canEditPairing(viewer, pairing) && !['declined', 'withdrawn'].includes(pairing.status) };
}
