/**
 * Cyber self-assessments against the NIST CSF 2.0 core (activity 3b). An assessment is its city's own:
 * the city's city-government staff write and read it (the city always comes from the session, never
 * from the request), its country's national representatives read it when the city shares it, and
 * nobody else learns that it exists (not_found), the secretariat included. Benchmarks are the network's
 * view: distributions over each city's latest submitted assessment, from three cities up.
 */
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { analyseGaps, compareAnalyses, subcategoryIds, unansweredSubcategories, type GapAnalysis, type ProfileAnswer } from '../../engines/csf/gaps.js';
import { benchmark, minimumContributors, type Contribution } from '../../engines/csf/benchmark.js';
import { recommendCourses } from '../../engines/csf/recommend.js';
import { assertAssessmentCity, canEditAssessment, canViewAssessment, canViewBenchmarks, isSecretariat, requireSignedIn, type Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, invalidInput, notFound, type FieldProblem } from '../../server/errors.js';
import { inTransaction } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { deleteDocument as deleteDocumentRow, listDocuments as listDocumentRows } from '../documents/queries.js';
import { documentStorage } from '../documents/storage.js';
import { notify } from '../notifications/service.js';
import { csfCategory, csfCore, csfSubcategory, levelNames, tierNames } from './framework.js';
import {
  countriesWithCities,
  deleteAssessment as deleteAssessmentRow,
  findAssessment,
  findCountry,
  insertAssessment,
  latestSubmittedPerCity,
  listAnswers,
  listAssessments as listAssessmentRows,
  listSubmittedAssessments,
  lockAssessment,
  nationalRepresentatives,
  publishedCoursesFor,
  updateAssessment as updateAssessmentRow,
  upcomingCohorts,
  upsertAnswer,
  type AnswerFields,
  type AnswerRow,
  type AssessmentRow,
} from './queries.js';
import type { answerBodySchema, answersBodySchema, benchmarksQuerySchema, createAssessmentBodySchema, updateAssessmentBodySchema } from './schemas.js';

/** The CSF 2.0 core with the implementation scale and the tiers: public reference data (NIST, public domain). */
export function getCsfCore() {
  return {
    version: '2.0' as const,
    functions: csfCore().functions,
    levels: scale(),
    tiers: Object.entries(tierNames).map(([tier, name]) => ({ tier: Number(tier), name })),
    source: 'NIST Cybersecurity Framework (CSF) 2.0 core, from NIST’s OSCAL catalog (public domain). Not endorsed by NIST.',
  };
}

const scale = () => Object.entries(levelNames).map(([level, name]) => ({ level: Number(level), name }));
const subcategoryCount = () => subcategoryIds(csfCore()).length;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

/* ---- Presenting ---- */

function presentAssessment(row: AssessmentRow, viewer: Viewer) {
  const editor = canEditAssessment(viewer, row);
  return {
    id: row.id,
    cityId: row.cityId,
    cityName: row.cityName,
    countryCode: row.countryCode,
    title: row.title,
    scope: row.scope,
    scopeSystem: row.scopeSystem,
    scopeNotes: row.scopeNotes,
    status: row.status,
    priorityCategoryIds: row.priorityCategoryIds,
    governanceTier: row.governanceTier,
    governanceTierRationale: row.governanceTierRationale,
    riskManagementTier: row.riskManagementTier,
    riskManagementTierRationale: row.riskManagementTierRationale,
    sharedWithNational: row.sharedWithNational,
    revision: row.revision,
    progress: { answered: row.answered, notApplicable: row.notApplicable, total: subcategoryCount() },
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdByName,
    updatedAt: row.updatedAt.toISOString(),
    updatedByName: row.updatedByName,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    submittedByName: row.submittedByName,
    canEdit: editor && row.status === 'draft',
    canShare: editor,
  };
}

const presentAnswer = (row: AnswerRow) => ({
  subcategoryId: row.subcategoryId,
  currentLevel: row.currentLevel,
  targetLevel: row.targetLevel,
  notApplicable: row.notApplicable,
  notApplicableReason: row.notApplicableReason,
  evidence: row.evidence,
  updatedAt: row.updatedAt.toISOString(),
  updatedByName: row.updatedByName,
});

const toProfileAnswer = (row: AnswerRow): ProfileAnswer => ({
  subcategoryId: row.subcategoryId,
  currentLevel: row.currentLevel,
  targetLevel: row.targetLevel,
  notApplicable: row.notApplicable,
});

/* ---- Access ---- */

/** The assessment, if the viewer may see it; anything else answers as not found, so ids reveal nothing. */
async function loadVisible(db: Db, viewer: Viewer, id: string) {
  const row = await findAssessment(db, id);
  if (!row || !canViewAssessment(viewer, row)) throw notFound('The assessment');
  return row;
}

const frozen = (row: { title: string; submittedAt: Date | null }) =>
  new AppError(
    'conflict',
    `The assessment "${row.title}" was submitted${row.submittedAt ? ` on ${dayOf(row.submittedAt)}` : ''} and is frozen: it can no longer be changed. Start a new assessment to record what has changed since.`,
  );

/** The assessment, if the viewer is its city's staff and it is still a draft. */
async function loadEditable(db: Db, viewer: Viewer, id: string) {
  const row = await loadVisible(db, viewer, id);
  if (!canEditAssessment(viewer, row)) throw forbidden(`Only ${row.cityName}'s own staff change its assessment; you may read it.`);
  if (row.status !== 'draft') throw frozen(row);
  return row;
}

/** Inside the transaction: the row is locked and still a draft (a colleague may have just submitted it). */
async function lockDraft(tx: Db, row: AssessmentRow) {
  const locked = await lockAssessment(tx, row.id);
  if (!locked) throw notFound('The assessment');
  if (locked.status !== 'draft') throw frozen({ title: row.title, submittedAt: locked.submittedAt });
  return locked;
}

/** For documents: attachments are seen by whoever sees the assessment, and added or removed by the city's staff while it is a draft. */
export async function assessmentAccess(db: Db, viewer: Viewer, assessmentId: string) {
  const row = await loadVisible(db, viewer, assessmentId);
  return { assessment: row, canEdit: canEditAssessment(viewer, row) && row.status === 'draft' };
}

/** Before an upload: a submitted assessment refuses new attachments with the same conflict as any other edit. */
export async function assertAttachable(db: Db, viewer: Viewer, assessmentId: string) {
  await loadEditable(db, viewer, assessmentId);
}

/* ---- Assessments ---- */

/** City staff: their city's assessments. National representatives: those their country's cities share. Others: none. */
export async function listAssessments(db: Db, viewer: Viewer) {
  const actor = requireSignedIn(viewer);
  let rows: AssessmentRow[] = [];
  if (actor.organisationKind === 'city_government' && actor.cityId) rows = await listAssessmentRows(db, { cityId: actor.cityId });
  else if (actor.organisationKind === 'national_agency' && actor.countryCode) rows = await listAssessmentRows(db, { sharedInCountry: actor.countryCode });
  return {
    items: rows.filter((row) => canViewAssessment(viewer, row)).map((row) => presentAssessment(row, viewer)),
    canCreate: actor.organisationKind === 'city_government' && actor.cityId !== null,
  };
}

export async function getAssessment(db: Db, viewer: Viewer, id: string) {
  const row = await loadVisible(db, viewer, id);
  const [answers, attachments] = await Promise.all([listAnswers(db, [id]), listDocumentRows(db, 'assessment', id)]);
  return {
    ...presentAssessment(row, viewer),
    answers: answers.map(presentAnswer),
    attachments: attachments.map((doc) => ({ ...doc, createdAt: doc.createdAt.toISOString() })),
  };
}

async function getSummary(db: Db, viewer: Viewer, id: string) {
  return presentAssessment(await loadVisible(db, viewer, id), viewer);
}

/**
 * The system assessed is named exactly when the scope is one system. `given` is the system the
 * request names (undefined: not mentioned, keep `stored`).
 */
function resolveScope(scope: AssessmentRow['scope'], given: AssessmentRow['scopeSystem'] | undefined, stored: AssessmentRow['scopeSystem']) {
  if (scope === 'city_administration') {
    const problems: FieldProblem[] = given ? [{ field: 'body.scopeSystem', message: 'is given only when the scope is one system; the whole city administration has none' }] : [];
    return { scopeSystem: null, problems };
  }
  const scopeSystem = given !== undefined ? given : stored;
  const problems: FieldProblem[] = scopeSystem
    ? []
    : [{ field: 'body.scopeSystem', message: 'choose the system assessed (traffic, cctv, water, energy, buildings, network or city_services)' }];
  return { scopeSystem, problems };
}

export async function createAssessment(ctx: AppContext, viewer: Viewer, body: z.infer<typeof createAssessmentBodySchema>) {
  const actor = assertAssessmentCity(viewer);
  const { scopeSystem, problems } = resolveScope(body.scope, body.scopeSystem, null);
  if (problems.length) throw invalidInput('The assessment', problems);
  const id = await inTransaction(ctx, async (tx) => {
    const created = await insertAssessment(tx, {
      cityId: actor.cityId,
      title: body.title,
      scope: body.scope,
      scopeSystem,
      scopeNotes: body.scopeNotes,
      priorityCategoryIds: [...new Set(body.priorityCategoryIds)],
      createdBy: actor.userId,
      updatedBy: actor.userId,
    });
    await writeAudit(tx, actor, { action: 'assessment.created', entityType: 'cyber_assessment', entityId: created, after: await findAssessment(tx, created) });
    return created;
  });
  return getAssessment(ctx.db, viewer, id);
}

type AssessmentChanges = Partial<{
  title: string;
  scope: AssessmentRow['scope'];
  scopeSystem: AssessmentRow['scopeSystem'];
  scopeNotes: string;
  priorityCategoryIds: string[];
  governanceTier: number | null;
  governanceTierRationale: string;
  riskManagementTier: number | null;
  riskManagementTierRationale: string;
}>;

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Title, scope, priorities and the two tiers; only while a draft. */
export async function updateAssessment(ctx: AppContext, viewer: Viewer, id: string, body: z.infer<typeof updateAssessmentBodySchema>) {
  const actor = requireSignedIn(viewer);
  const row = await loadEditable(ctx.db, viewer, id);
  const wanted: AssessmentChanges = { ...body };
  if (body.priorityCategoryIds) wanted.priorityCategoryIds = [...new Set(body.priorityCategoryIds)];
  if (body.scope !== undefined || body.scopeSystem !== undefined) {
    const scope = body.scope ?? row.scope;
    const { scopeSystem, problems } = resolveScope(scope, body.scopeSystem, row.scopeSystem);
    if (problems.length) throw invalidInput('The assessment', problems);
    wanted.scope = scope;
    wanted.scopeSystem = scopeSystem;
  }
  const changes = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => !sameValue(value, row[key as keyof AssessmentRow]))) as AssessmentChanges;
  if (Object.keys(changes).length === 0) return { ...presentAssessment(row, viewer), previousRevision: row.revision };
  const previousRevision = await inTransaction(ctx, async (tx) => {
    const locked = await lockDraft(tx, row);
    await updateAssessmentRow(tx, id, actor.userId, changes);
    const before = Object.fromEntries(Object.keys(changes).map((key) => [key, row[key as keyof AssessmentRow]]));
    await writeAudit(tx, actor, { action: 'assessment.updated', entityType: 'cyber_assessment', entityId: id, before, after: changes });
    return locked.revision;
  });
  return { ...(await getSummary(ctx.db, viewer, id)), previousRevision };
}

/* ---- Answers ---- */

const answerFieldsOf = (body: z.infer<typeof answerBodySchema>): AnswerFields => ({
  currentLevel: body.currentLevel,
  targetLevel: body.targetLevel,
  notApplicable: body.notApplicable,
  notApplicableReason: body.notApplicableReason,
  evidence: body.evidence,
});

const sameAnswer = (stored: AnswerRow | undefined, wanted: AnswerFields) =>
  stored !== undefined &&
  stored.currentLevel === wanted.currentLevel &&
  stored.targetLevel === wanted.targetLevel &&
  stored.notApplicable === wanted.notApplicable &&
  stored.notApplicableReason === wanted.notApplicableReason &&
  stored.evidence === wanted.evidence;

const auditableAnswer = (subcategoryId: string, answer: AnswerFields | AnswerRow | undefined) =>
  answer
    ? {
        subcategoryId,
        currentLevel: answer.currentLevel,
        targetLevel: answer.targetLevel,
        notApplicable: answer.notApplicable,
        notApplicableReason: answer.notApplicableReason,
        evidence: answer.evidence,
      }
    : null;

async function progressOf(db: Db, id: string) {
  const answers = await listAnswers(db, [id]);
  const total = subcategoryCount();
  return {
    answered: total - unansweredSubcategories(csfCore(), answers.map(toProfileAnswer)).length,
    notApplicable: answers.filter((answer) => answer.notApplicable).length,
    total,
  };
}

/**
 * Saves answers as the city goes: each is its own row, so colleagues answering different
 * subcategories never overwrite each other. The assessment's revision goes up once per save that
 * changes something; `previousRevision` tells the page whether anyone else saved since it last looked.
 */
async function saveAnswerSet(ctx: AppContext, viewer: Viewer, id: string, wanted: { subcategoryId: string; fields: AnswerFields }[]) {
  const actor = requireSignedIn(viewer);
  const row = await loadEditable(ctx.db, viewer, id);
  const ids = wanted.map((w) => w.subcategoryId);
  const result = await inTransaction(ctx, async (tx) => {
    const locked = await lockDraft(tx, row);
    const stored = new Map((await listAnswers(tx, [id], ids)).map((answer) => [answer.subcategoryId, answer]));
    const changed = wanted.filter((w) => !sameAnswer(stored.get(w.subcategoryId), w.fields));
    for (const { subcategoryId, fields } of changed) {
      await upsertAnswer(tx, id, subcategoryId, actor.userId, fields);
      await writeAudit(tx, actor, {
        action: 'assessment.answer_saved',
        entityType: 'cyber_assessment',
        entityId: id,
        before: auditableAnswer(subcategoryId, stored.get(subcategoryId)),
        after: auditableAnswer(subcategoryId, fields),
      });
    }
    const revision = changed.length ? await updateAssessmentRow(tx, id, actor.userId, {}) : locked.revision;
    return { revision, previousRevision: locked.revision, answers: await listAnswers(tx, [id], ids), progress: await progressOf(tx, id) };
  });
  const byId = new Map(result.answers.map((answer) => [answer.subcategoryId, answer]));
  return { ...result, answers: ids.map((subcategoryId) => presentAnswer(byId.get(subcategoryId)!)) };
}

export async function saveAnswer(ctx: AppContext, viewer: Viewer, id: string, subcategoryId: string, body: z.infer<typeof answerBodySchema>) {
  const { answers, ...rest } = await saveAnswerSet(ctx, viewer, id, [{ subcategoryId, fields: answerFieldsOf(body) }]);
  return { answer: answers[0]!, ...rest };
}

/** Several answers at once (for instance a whole category): all are saved, or none. */
export async function saveAnswers(ctx: AppContext, viewer: Viewer, id: string, body: z.infer<typeof answersBodySchema>) {
  return saveAnswerSet(
    ctx,
    viewer,
    id,
    body.answers.map((answer) => ({ subcategoryId: answer.subcategoryId, fields: answerFieldsOf(answer) })),
  );
}

/* ---- Submission, sharing, deletion ---- */

/** What still stands between the assessment and its submission, each named; empty when it may be submitted. */
function submissionProblems(row: AssessmentRow, answers: AnswerRow[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const missing = unansweredSubcategories(csfCore(), answers.map(toProfileAnswer));
  const withoutReason = answers.filter((answer) => answer.notApplicable && answer.notApplicableReason.trim() === '').map((answer) => answer.subcategoryId);
  const unanswered = [...new Set([...missing, ...withoutReason])];
  if (unanswered.length) {
    const shown = unanswered.slice(0, 25).join(', ');
    const more = unanswered.length > 25 ? ` and ${unanswered.length - 25} more` : '';
    problems.push({
      field: 'answers',
      message: `${plural(unanswered.length, 'subcategory is', 'subcategories are')} not answered: ${shown}${more} (give both levels, or mark it not applicable with a reason)`,
    });
  }
  if (row.governanceTier === null) problems.push({ field: 'governanceTier', message: 'the CSF tier for risk governance is not judged yet (1 Partial … 4 Adaptive)' });
  else if (row.governanceTierRationale.trim() === '') problems.push({ field: 'governanceTierRationale', message: 'say why the city judges its risk governance at this tier' });
  if (row.riskManagementTier === null) problems.push({ field: 'riskManagementTier', message: 'the CSF tier for risk management is not judged yet (1 Partial … 4 Adaptive)' });
  else if (row.riskManagementTierRationale.trim() === '') problems.push({ field: 'riskManagementTierRationale', message: 'say why the city judges its risk management at this tier' });
  return problems;
}

async function tellNationalRepresentatives(ctx: AppContext, tx: Db, after: Parameters<typeof notify>[2], row: AssessmentRow, title: string) {
  const recipients = await nationalRepresentatives(tx, row.countryCode);
  if (!recipients.length) return;
  await notify(ctx, tx, after, recipients, {
    kind: 'assessment_shared',
    title,
    body: `${row.cityName} shares its cyber self-assessment "${row.title}" (NIST CSF 2.0) with its national representatives.`,
    link: `/app/assessments/${row.id}`,
  });
}

/** Every subcategory answered and both tiers judged with a rationale, else a 409 naming what is missing. Then frozen. */
export async function submitAssessment(ctx: AppContext, viewer: Viewer, id: string) {
  const actor = requireSignedIn(viewer);
  const row = await loadEditable(ctx.db, viewer, id);
  await inTransaction(ctx, async (tx, after) => {
    await lockDraft(tx, row);
    const current = (await findAssessment(tx, id))!;
    const problems = submissionProblems(current, await listAnswers(tx, [id]));
    if (problems.length) {
      throw new AppError('conflict', `The assessment cannot be submitted yet: ${problems.map((p) => p.message).join('; ')}.`, problems);
    }
    const submittedAt = new Date();
    await updateAssessmentRow(tx, id, actor.userId, { status: 'submitted', submittedAt, submittedBy: actor.userId });
    await writeAudit(tx, actor, { action: 'assessment.submitted', entityType: 'cyber_assessment', entityId: id, before: { status: 'draft' }, after: { status: 'submitted', submittedAt } });
    if (current.sharedWithNational) await tellNationalRepresentatives(ctx, tx, after, current, `${current.cityName} submitted a shared cyber self-assessment`);
  });
  return getSummary(ctx.db, viewer, id);
}

/** The city's choice, before or after submission. */
export async function setSharing(ctx: AppContext, viewer: Viewer, id: string, shared: boolean) {
  const actor = requireSignedIn(viewer);
  const row = await loadVisible(ctx.db, viewer, id);
  if (!canEditAssessment(viewer, row)) throw forbidden(`Only ${row.cityName}'s own staff decide whom its assessment is shared with.`);
  if (row.sharedWithNational === shared) return getSummary(ctx.db, viewer, id);
  await inTransaction(ctx, async (tx, after) => {
    const locked = await lockAssessment(tx, id);
    if (!locked) throw notFound('The assessment');
    await updateAssessmentRow(tx, id, actor.userId, { sharedWithNational: shared });
    await writeAudit(tx, actor, {
      action: shared ? 'assessment.shared' : 'assessment.unshared',
      entityType: 'cyber_assessment',
      entityId: id,
      before: { sharedWithNational: !shared },
      after: { sharedWithNational: shared },
    });
    if (shared) await tellNationalRepresentatives(ctx, tx, after, row, `${row.cityName} shared a cyber self-assessment with you`);
  });
  return getSummary(ctx.db, viewer, id);
}

/** A draft only: a submitted assessment is the city's record. Its attachments go with it. */
export async function deleteAssessment(ctx: AppContext, viewer: Viewer, id: string) {
  const actor = requireSignedIn(viewer);
  const row = await loadVisible(ctx.db, viewer, id);
  if (!canEditAssessment(viewer, row)) throw forbidden(`Only ${row.cityName}'s own staff may delete its assessment.`);
  if (row.status !== 'draft') throw new AppError('conflict', `The assessment "${row.title}" was submitted and is kept as the city's record: it cannot be deleted.`);
  const removedDocuments = await inTransaction(ctx, async (tx) => {
    await lockDraft(tx, row);
    const answers = await listAnswers(tx, [id]);
    const documents = await listDocumentRows(tx, 'assessment', id);
    for (const document of documents) {
      await deleteDocumentRow(tx, document.id);
      await writeAudit(tx, actor, { action: 'document.deleted', entityType: 'document', entityId: document.id, before: document });
    }
    await deleteAssessmentRow(tx, id);
    await writeAudit(tx, actor, {
      action: 'assessment.deleted',
      entityType: 'cyber_assessment',
      entityId: id,
      before: { ...row, answers: answers.map((answer) => auditableAnswer(answer.subcategoryId, answer)) },
    });
    return documents;
  });
  const storage = documentStorage(ctx.config);
  for (const document of removedDocuments) await storage.remove(document.storageKey);
}

/* ---- Gap analysis ---- */

const assessmentRef = (row: { id: string; title: string; scope: AssessmentRow['scope']; scopeSystem: AssessmentRow['scopeSystem']; submittedAt: Date }) => ({
  id: row.id,
  title: row.title,
  scope: row.scope,
  scopeSystem: row.scopeSystem,
  submittedAt: row.submittedAt.toISOString(),
});

async function analysisOf(db: Db, row: AssessmentRow) {
  const answers = await listAnswers(db, [row.id]);
  return { answers, analysis: analyseGaps(csfCore(), answers.map(toProfileAnswer), row.priorityCategoryIds) };
}

/**
 * Current against target per function and category, the gaps ranked, and the comparison with an
 * earlier submitted assessment of the city: the one asked for, else the latest earlier one of the
 * same scope. A national representative compares only with assessments shared with them too.
 */
export async function getGapAnalysis(db: Db, viewer: Viewer, id: string, compareWith?: string) {
  const row = await loadVisible(db, viewer, id);
  const { answers, analysis } = await analysisOf(db, row);
  const submitted = await listSubmittedAssessments(db, row.cityId, { exceptId: id, sharedOnly: !canEditAssessment(viewer, row) });
  const earlierOptions = row.submittedAt ? submitted.filter((other) => other.submittedAt < row.submittedAt!) : submitted;
  let earlier: (typeof earlierOptions)[number] | undefined;
  if (compareWith) {
    earlier = earlierOptions.find((other) => other.id === compareWith);
    if (!earlier) throw invalidInput('The comparison', [{ field: 'query.compareWith', message: 'is not an earlier submitted assessment of the city that you may see' }]);
  } else {
    earlier = earlierOptions.find((other) => other.scope === row.scope && other.scopeSystem === row.scopeSystem);
  }
  let comparison = null;
  if (earlier) {
    const before = analyseGaps(csfCore(), (await listAnswers(db, [earlier.id])).map(toProfileAnswer));
    const changes = compareAnalyses(analysis, before).map((change) => ({ ...change, functionId: csfCategory(change.id)!.functionId }));
    comparison = {
      earlier: assessmentRef(earlier),
      changes,
      closed: changes.filter((change) => change.gapClosed).length,
      narrowed: changes.filter((change) => change.gapNarrowed).length,
    };
  }
  const priorities = new Set(row.priorityCategoryIds);
  const byId = new Map(answers.map((answer) => [answer.subcategoryId, answer]));
  return {
    assessment: presentAssessment(row, viewer),
    scale: scale(),
    tiers: Object.entries(tierNames).map(([tier, name]) => ({ tier: Number(tier), name })),
    overall: analysis.overall,
    functions: analysis.functions,
    categories: analysis.categories.map((category) => ({ ...category, priority: priorities.has(category.id) })),
    subcategories: subcategoryIds(csfCore()).map((subId) => {
      const sub = csfSubcategory(subId)!;
      const answer = byId.get(subId);
      return {
        id: subId,
        categoryId: sub.categoryId,
        functionId: sub.functionId,
        currentLevel: answer?.currentLevel ?? null,
        targetLevel: answer?.targetLevel ?? null,
        notApplicable: answer?.notApplicable ?? false,
      };
    }),
    rankedCategoryGaps: analysis.rankedCategoryGaps,
    rankedSubcategoryGaps: analysis.rankedSubcategoryGaps,
    comparisonOptions: earlierOptions.map(assessmentRef),
    comparison,
  };
}

/* ---- Recommended courses ---- */

const todayUtc = () => new Date().toISOString().slice(0, 10);

async function recommendationsFor(db: Db, analysis: GapAnalysis) {
  const gaps = analysis.rankedCategoryGaps;
  const courses = await publishedCoursesFor(db, gaps.map((gap) => gap.id));
  const recommended = recommendCourses(gaps, courses, 5);
  const cohorts = await upcomingCohorts(
    db,
    recommended.map((r) => r.course.id),
    todayUtc(),
  );
  return recommended.map((r) => ({
    course: r.course,
    score: r.score,
    addresses: r.addresses,
    nextCohorts: cohorts
      .filter((cohort) => cohort.courseId === r.course.id)
      .slice(0, 3)
      .map(({ courseId: _courseId, ...cohort }) => cohort),
  }));
}

/** The published courses that address the assessment's largest gaps, with their next planned or open cohorts. */
export async function getRecommendedCourses(db: Db, viewer: Viewer, id: string) {
  const row = await loadVisible(db, viewer, id);
  const { analysis } = await analysisOf(db, row);
  return { items: await recommendationsFor(db, analysis), gapCategories: analysis.rankedCategoryGaps.length };
}

/* ---- Reports ---- */

/** Everything the PDF and CSV reports state, for someone who may see the assessment. */
export async function getReportData(db: Db, viewer: Viewer, id: string) {
  const row = await loadVisible(db, viewer, id);
  const { answers, analysis } = await analysisOf(db, row);
  return { assessment: row, answers, analysis, recommendations: await recommendationsFor(db, analysis) };
}
export type ReportData = Awaited<ReturnType<typeof getReportData>>;

/* ---- Benchmarks ---- */

/**
 * Per function and category, the distribution of the cities' current levels over each city's latest
 * submitted assessment, withheld below three contributing cities. A city sees where it stands; the
 * secretariat and national representatives see the network, and national representatives their
 * country (the secretariat any country), under the same three-city rule.
 */
export async function getBenchmarks(db: Db, viewer: Viewer, query: z.infer<typeof benchmarksQuerySchema>) {
  const actor = requireSignedIn(viewer);
  if (!canViewBenchmarks(viewer)) throw forbidden('Benchmarks are for city governments, national representatives and the secretariat.');
  const countryCode = query.countryCode ?? null;
  let countryName: string | null = null;
  if (countryCode) {
    if (actor.organisationKind === 'city_government') throw forbidden('A city sees the network benchmarks; country views are for national representatives and the secretariat.');
    if (actor.organisationKind === 'national_agency' && actor.countryCode !== countryCode) throw forbidden("National representatives see their own country's benchmarks.");
    const country = await findCountry(db, countryCode);
    if (!country) throw invalidInput('The benchmark view', [{ field: 'query.countryCode', message: `${countryCode} is not a country Mitra knows` }]);
    countryName = country.name;
  }
  const latest = await latestSubmittedPerCity(db, countryCode ?? undefined);
  const answers = await listAnswers(
    db,
    latest.map((assessment) => assessment.id),
  );
  const answersByAssessment = new Map<string, ProfileAnswer[]>();
  for (const answer of answers) answersByAssessment.set(answer.assessmentId, [...(answersByAssessment.get(answer.assessmentId) ?? []), toProfileAnswer(answer)]);
  const core = csfCore();
  const contributions: Contribution[] = latest.map((assessment) => {
    const analysis = analyseGaps(core, answersByAssessment.get(assessment.id) ?? []);
    const scores: Record<string, number | null> = {};
    for (const score of [...analysis.functions, ...analysis.categories]) scores[score.id] = score.current;
    return { cityId: assessment.cityId, scores };
  });
  const ownCityId = actor.organisationKind === 'city_government' ? actor.cityId : null;
  const own = ownCityId ? contributions.find((c) => c.cityId === ownCityId) : undefined;
  const ownAssessment = ownCityId ? latest.find((assessment) => assessment.cityId === ownCityId) : undefined;

  const rowsFor = (items: { id: string; name: string; functionId: string }[]) => {
    const results = benchmark(
      items.map((item) => item.id),
      contributions,
      ownCityId,
    );
    return items.map((item, i) => {
      const result = results[i]!;
      const scored = contributions.filter((c) => typeof c.scores[item.id] === 'number').length;
      return {
        ...item,
        distribution: result.distribution,
        moreCitiesNeeded: result.distribution ? 0 : Math.max(0, minimumContributors - scored),
        ownScore: own?.scores[item.id] ?? null,
        standing: result.own?.standing ?? null,
      };
    });
  };
  const countryOptions = isSecretariat(actor)
    ? await countriesWithCities(db)
    : actor.organisationKind === 'national_agency' && actor.countryCode
      ? [await findCountry(db, actor.countryCode)].filter((c): c is { code: string; name: string } => c !== undefined)
      : [];
  return {
    minimumContributors,
    view: countryCode ? ('country' as const) : ('network' as const),
    countryCode,
    countryName,
    contributors: contributions.length,
    moreCitiesNeeded: Math.max(0, minimumContributors - contributions.length),
    ownAssessment: ownAssessment ? { id: ownAssessment.id, title: ownAssessment.title, submittedAt: ownAssessment.submittedAt.toISOString() } : null,
    countryOptions,
    functions: rowsFor(core.functions.map((fn) => ({ id: fn.id, name: fn.name, functionId: fn.id }))),
    categories: rowsFor(core.functions.flatMap((fn) => fn.categories.map((category) => ({ id: category.id, name: category.name, functionId: fn.id })))),
  };
}
