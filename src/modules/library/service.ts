import { z } from 'zod';
import type { Db } from '../../db/client.js';
import {
  assertCanEditPractice,
  assertSecretariat,
  canRecordReplication,
  canViewPractice,
  isPracticeOwner,
  isSecretariat,
  practiceScope,
  requireSignedIn,
  restrictedScope,
  type Viewer,
} from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, invalidInput, notFound, type FieldProblem } from '../../server/errors.js';
import { decodeCursor, encodeCursor, pageOf } from '../../server/pagination.js';
import { inTransaction } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { findCity, findFocusArea, projectVisibilityCondition } from '../cities/queries.js';
import { listDocuments } from '../documents/service.js';
import { notify } from '../notifications/service.js';
import { headlineToHtml, renderMarkdown } from './markdown.js';
import {
  deleteReplication,
  findPractice,
  findReplication,
  findReplicationOfCity,
  insertPractice,
  insertReplication,
  listLanguageVersions,
  listPractices as listPracticeRows,
  listReplications,
  practiceVisibilityCondition,
  searchFacets,
  searchPage,
  updatePractice as updatePracticeRow,
  type PracticeRow,
} from './queries.js';
import type {
  listPracticesQuerySchema,
  practiceBodySchema,
  replicationBodySchema,
  searchQuerySchema,
  translationBodySchema,
  updatePracticeBodySchema,
} from './schemas.js';


function presentSummary(row: PracticeRow) {
  const { body: _body, reviewComment: _reviewComment, createdBy: _createdBy, ...rest } = row;
  return {
    ...rest,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A practice the viewer may not see answers as not found, so its existence does not leak. */
async function loadVisiblePractice(db: Db, viewer: Viewer, practiceId: string) {
  const practice = await findPractice(db, practiceId);
  if (!practice || !canViewPractice(viewer, practice)) throw notFound('The practice');
  return practice;
}

export async function getPractice(db: Db, viewer: Viewer, practiceId: string) {
  const practice = await loadVisiblePractice(db, viewer, practiceId);
  const originalId = practice.translationOf ?? practice.id;
  const [versions, replications, attachments] = await Promise.all([
    listLanguageVersions(db, originalId),
    listReplications(db, practiceId),
    listDocuments(db, viewer, 'practice', practiceId),
  ]);
  const insider = isSecretariat(viewer) || isPracticeOwner(viewer, practice);
  return {
    ...presentSummary(practice),
    body: practice.body,
    bodyHtml: renderMarkdown(practice.body),
    reviewComment: insider ? practice.reviewComment : null,
    translations: versions
      .filter((v) => v.id !== practice.id && canViewPractice(viewer, v))
      .map(({ id, language, title, status }) => ({ id, language, title, status })),
    replications,
    attachments: attachments.items,
    canEdit: practice.status === 'draft' && isPracticeOwner(viewer, practice),
    canReview: isSecretariat(viewer) && practice.status !== 'draft',
  };
}

const listCursorSchema = z.tuple([z.string().datetime({ offset: true }), z.string().uuid()]);

export async function listPractices(db: Db, viewer: Viewer, query: z.infer<typeof listPracticesQuerySchema>) {
  const key = decodeCursor(query.cursor, 2);
  if (key && !listCursorSchema.safeParse(key).success) {
    throw invalidInput('The cursor', [{ field: 'query.cursor', message: 'invalid cursor' }]);
  }
  const rows = await listPracticeRows(db, practiceVisibilityCondition(practiceScope(viewer)), {
    ...query,
    after: key as [string, string] | undefined,
  });
  const page = pageOf(rows, query.limit, (row) => [row.updatedAt.toISOString(), row.id]);
  return { items: page.items.map(presentSummary), nextCursor: page.nextCursor };
}

/** Checks what Zod cannot: the focus area and the city exist. */
async function checkReferences(db: Db, body: { focusAreaId?: string; cityId?: string | null }) {
  const problems: FieldProblem[] = [];
  if (body.focusAreaId !== undefined && !(await findFocusArea(db, body.focusAreaId))) {
    problems.push({ field: 'body.focusAreaId', message: `"${body.focusAreaId}" is not one of the six ASEAN focus areas` });
  }
  if (body.cityId && !(await findCity(db, body.cityId))) {
    problems.push({ field: 'body.cityId', message: `"${body.cityId}" is not a city Mitra knows` });
  }
  if (problems.length) throw invalidInput('The practice', problems);
}

export async function createPractice(ctx: AppContext, viewer: Viewer, body: z.infer<typeof practiceBodySchema>) {
  const actor = requireSignedIn(viewer);
  await checkReferences(ctx.db, body);
  const id = await inTransaction(ctx, async (tx) => {
    const practiceId = await insertPractice(tx, { ...body, organisationId: actor.organisationId, createdBy: actor.userId, status: 'draft' });
    await writeAudit(tx, actor, { action: 'practice.created', entityType: 'practice', entityId: practiceId, after: await findPractice(tx, practiceId) });
    return practiceId;
  });
  return getPractice(ctx.db, viewer, id);
}

export async function updatePractice(ctx: AppContext, viewer: Viewer, practiceId: string, body: z.infer<typeof updatePracticeBodySchema>) {
  const before = await loadVisiblePractice(ctx.db, viewer, practiceId);
  const actor = assertCanEditPractice(viewer, before);
  await checkReferences(ctx.db, body);
  await inTransaction(ctx, async (tx) => {
    await updatePracticeRow(tx, practiceId, body);
    await writeAudit(tx, actor, { action: 'practice.updated', entityType: 'practice', entityId: practiceId, before, after: await findPractice(tx, practiceId) });
  });
  return getPractice(ctx.db, viewer, practiceId);
}

/** A status change, audited, with the authors told when the secretariat decides. */
async function changeStatus(
  ctx: AppContext,
  viewer: Viewer,
  before: PracticeRow,
  change: { action: string; status: 'draft' | 'in_review' | 'published'; reviewComment?: string | null; tell?: { title: string; body: string } },
) {
  const actor = requireSignedIn(viewer);
  await inTransaction(ctx, async (tx, after) => {
    await updatePracticeRow(tx, before.id, {
      status: change.status,
      ...(change.reviewComment !== undefined ? { reviewComment: change.reviewComment } : {}),
      ...(change.status === 'published' ? { publishedAt: new Date() } : {}),
    });
    await writeAudit(tx, actor, { action: change.action, entityType: 'practice', entityId: before.id, before, after: await findPractice(tx, before.id) });
    if (change.tell && before.createdBy) {
      await notify(ctx, tx, after, [before.createdBy], { kind: change.action, ...change.tell, link: `/app/library/${before.id}` });
    }
  });
  return getPractice(ctx.db, viewer, before.id);
}

export async function submitPractice(ctx: AppContext, viewer: Viewer, practiceId: string) {
  const before = await loadVisiblePractice(ctx.db, viewer, practiceId);
  assertCanEditPractice(viewer, before);
  return changeStatus(ctx, viewer, before, { action: 'practice.submitted', status: 'in_review' });
}

export async function publishPractice(ctx: AppContext, viewer: Viewer, practiceId: string) {
  assertSecretariat(viewer);
  const before = await loadVisiblePractice(ctx.db, viewer, practiceId);
  if (before.status !== 'in_review') {
    throw new AppError('conflict', `Only a practice in review can be published; this one is ${before.status === 'draft' ? 'a draft' : 'already published'}.`);
  }
  return changeStatus(ctx, viewer, before, {
    action: 'practice.published',
    status: 'published',
    reviewComment: null,
    tell: { title: `Published: ${before.title}`, body: `The secretariat published "${before.title}" in the best-practice library.` },
  });
}

export async function returnPractice(ctx: AppContext, viewer: Viewer, practiceId: string, comment: string) {
  assertSecretariat(viewer);
  const before = await loadVisiblePractice(ctx.db, viewer, practiceId);
  if (before.status === 'draft') throw new AppError('conflict', 'The practice is already a draft.');
  return changeStatus(ctx, viewer, before, {
    action: 'practice.returned',
    status: 'draft',
    reviewComment: comment,
    tell: { title: `To revise: ${before.title}`, body: `The secretariat returned "${before.title}" to draft:\n\n${comment}` },
  });
}

export async function addTranslation(ctx: AppContext, viewer: Viewer, practiceId: string, body: z.infer<typeof translationBodySchema>) {
  const source = await loadVisiblePractice(ctx.db, viewer, practiceId);
  const actor = requireSignedIn(viewer);
  if (!isPracticeOwner(actor, source)) throw forbidden("Only members of the practice's own organisation can add a translation.");
  const originalId = source.translationOf ?? source.id;
  const original = originalId === source.id ? source : (await findPractice(ctx.db, originalId))!;
  const versions = await listLanguageVersions(ctx.db, originalId);
  if (versions.some((v) => v.language.toLowerCase() === body.language.toLowerCase())) {
    throw new AppError('conflict', `The practice already has a version in "${body.language}".`, [{ field: 'body.language', message: 'already exists' }]);
  }
  const id = await inTransaction(ctx, async (tx) => {
    const translationId = await insertPractice(tx, {
      kind: original.kind,
      focusAreaId: original.focusAreaId,
      sectors: original.sectors,
      cityId: original.cityId,
      technologies: original.technologies,
      standards: original.standards,
      costRange: original.costRange,
      outcomeIndicators: original.outcomeIndicators,
      visibility: original.visibility,
      organisationId: original.organisationId,
      ...body,
      translationOf: originalId,
      createdBy: actor.userId,
      status: 'draft',
    });
    await writeAudit(tx, actor, { action: 'practice.translation_added', entityType: 'practice', entityId: translationId, after: await findPractice(tx, translationId) });
    return translationId;
  });
  return getPractice(ctx.db, viewer, id);
}

export async function addReplication(ctx: AppContext, viewer: Viewer, practiceId: string, body: z.infer<typeof replicationBodySchema>) {
  const practice = await loadVisiblePractice(ctx.db, viewer, practiceId);
  const actor = requireSignedIn(viewer);
  const city = await findCity(ctx.db, body.cityId);
  if (!city) throw invalidInput('The replication', [{ field: 'body.cityId', message: `"${body.cityId}" is not a city Mitra knows` }]);
  if (!canRecordReplication(actor, practice, city)) {
    throw forbidden("A replication is recorded by the practice's organisation, the replicating city's staff or the secretariat.");
  }
  if (await findReplicationOfCity(ctx.db, practiceId, body.cityId)) {
    throw new AppError('conflict', `${city.name} is already recorded as replicating this practice.`, [{ field: 'body.cityId', message: 'already recorded' }]);
  }
  await inTransaction(ctx, async (tx) => {
    const row = await insertReplication(tx, { practiceId, ...body, createdBy: actor.userId });
    await writeAudit(tx, actor, { action: 'practice.replication_added', entityType: 'practice', entityId: practiceId, after: row });
  });
  return getPractice(ctx.db, viewer, practiceId);
}

export async function removeReplication(ctx: AppContext, viewer: Viewer, practiceId: string, replicationId: string) {
  const practice = await loadVisiblePractice(ctx.db, viewer, practiceId);
  const actor = requireSignedIn(viewer);
  const replication = await findReplication(ctx.db, practiceId, replicationId);
  if (!replication) throw notFound('The replication');
  const city = (await findCity(ctx.db, replication.cityId))!;
  if (!canRecordReplication(actor, practice, city)) {
    throw forbidden("A replication is removed by the practice's organisation, the replicating city's staff or the secretariat.");
  }
  await inTransaction(ctx, async (tx) => {
    await deleteReplication(tx, replicationId);
    await writeAudit(tx, actor, { action: 'practice.replication_removed', entityType: 'practice', entityId: practiceId, before: replication });
  });
}

/** For documents: who may see and change a practice's attachments (its owners while it is a draft). */
export async function practiceAccess(db: Db, viewer: Viewer, practiceId: string) {
  const practice = await loadVisiblePractice(db, viewer, practiceId);
  return { practice, canEdit: practice.status === 'draft' && isPracticeOwner(viewer, practice) };
}

const searchCursorSchema = z.tuple([z.number().int().min(0).max(10_000)]);

export async function search(db: Db, viewer: Viewer, query: z.infer<typeof searchQuerySchema>) {
  const key = decodeCursor(query.cursor, 1);
  if (key && !searchCursorSchema.safeParse(key).success) throw invalidInput('The cursor', [{ field: 'query.cursor', message: 'invalid cursor' }]);
  const offset = key ? (key[0] as number) : 0;
  const visibility = {
    practices: practiceVisibilityCondition(practiceScope(viewer)),
    projects: projectVisibilityCondition(viewer !== null, restrictedScope(viewer)),
  };
  const filter = { type: query.type, focusArea: query.focusArea, country: query.country };
  const [rows, { facets, total }] = await Promise.all([
    searchPage(db, query.q, visibility, filter, { offset, limit: query.limit }),
    searchFacets(db, query.q, visibility, filter),
  ]);
  const items = rows.slice(0, query.limit).map(({ titleHeadline, snippetHeadline, ...hit }) => ({
    ...hit,
    titleHtml: headlineToHtml(titleHeadline),
    snippetHtml: headlineToHtml(snippetHeadline),
  }));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor([offset + query.limit]) : null, total, facets };
}
