/**
 * The bankability check of an investment project (issue 3, item 2): schemas, the small queries it
 * needs, and the rules. The questionnaire, flags and readiness profile come from the pure engine in
 * src/engines/bankability; answers and justifications are stored in bankability_checks.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { cities } from '../../db/schema/cities.js';
import { bankabilityChecks, deliveryModels, investmentProjects, pipelineStages } from '../../db/schema/projects.js';
import {
  dimensions,
  evaluate,
  flagDefinitions,
  mergeAnswers,
  questionById,
  questions,
  readinessLevels,
  validateAnswers,
  type Answer,
  type Answers,
  type FlagId,
  type ProjectFacts,
} from '../../engines/bankability/index.js';
import { canEditCity, requireSignedIn, type Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { inTransaction } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { fromMinorUnits, minorDigits } from '../cities/money.js';
import { mayViewPipelineProject } from './service.js';

/* ---- Schemas ---- */

const flagIds = flagDefinitions.map((f) => f.id) as [FlagId, ...FlagId[]];

export const bankabilityParamsSchema = z.strictObject({ projectId: z.string().uuid() });
export const bankabilityFlagParamsSchema = z.strictObject({ projectId: z.string().uuid(), flagId: z.enum(flagIds) });

const answerValueSchema = z.union([z.string().max(5000), z.number(), z.null()]);

export const bankabilityAnswersBodySchema = z.strictObject({
  /** Question id → answer; only the questions given change, `null` clears an answer. */
  answers: z.record(z.string().max(100), answerValueSchema).refine((a) => Object.keys(a).length <= 100, 'give at most 100 answers at once'),
});

export const bankabilityJustificationBodySchema = z.strictObject({
  text: z.string().trim().min(1, 'write why the flag is justified').max(2000),
});

const questionSchema = z.object({
  id: z.string(),
  dimension: z.enum(dimensions),
  kind: z.enum(['yes_no_partly', 'choice', 'amount', 'count', 'text']),
  label: z.string(),
  help: z.string(),
  options: z.array(z.object({ value: z.string(), label: z.string() })),
  min: z.number().nullable(),
  max: z.number().nullable(),
  maxLength: z.number().nullable(),
});

export const bankabilityCheckSchema = z.object({
  project: z.object({
    id: z.string(),
    title: z.string(),
    cityId: z.string(),
    cityName: z.string(),
    deliveryModel: z.enum(deliveryModels),
    stage: z.enum(pipelineStages),
    currency: z.string(),
    capitalCost: z.string().nullable(),
    fundingSecured: z.string().nullable(),
  }),
  canEdit: z.boolean(),
  questions: z.array(questionSchema),
  answers: z.record(z.string(), z.union([z.string(), z.number()])),
  flags: z.array(
    z.object({
      id: z.enum(flagIds),
      dimension: z.enum(dimensions),
      title: z.string(),
      message: z.string(),
      fix: z.string(),
      status: z.enum(['open', 'justified']),
      justification: z.string().nullable(),
    }),
  ),
  profile: z.array(
    z.object({
      dimension: z.enum(dimensions),
      title: z.string(),
      score: z.number(),
      level: z.enum(readinessLevels),
      answered: z.number(),
      questions: z.number(),
      missing: z.array(z.string()),
      openFlags: z.number(),
    }),
  ),
  nextSteps: z.array(z.object({ dimension: z.enum(dimensions), questionId: z.string().nullable(), flagId: z.enum(flagIds).nullable(), text: z.string() })),
  overallScore: z.number(),
  updatedAt: z.string().nullable(),
});

export type BankabilityCheck = z.infer<typeof bankabilityCheckSchema>;

/* ---- Queries ---- */

async function findProject(db: Db, projectId: string) {
  const [row] = await db
    .select({
      id: investmentProjects.id,
      title: investmentProjects.title,
      cityId: investmentProjects.cityId,
      cityName: cities.name,
      countryCode: cities.countryCode,
      visibility: investmentProjects.visibility,
      deliveryModel: investmentProjects.deliveryModel,
      stage: investmentProjects.stage,
      currency: investmentProjects.currency,
      capitalCostMinor: investmentProjects.capitalCostMinor,
      fundingSecuredMinor: investmentProjects.fundingSecuredMinor,
    })
    .from(investmentProjects)
    .innerJoin(cities, eq(cities.id, investmentProjects.cityId))
    .where(eq(investmentProjects.id, projectId));
  return row ?? null;
}
type ProjectRow = NonNullable<Awaited<ReturnType<typeof findProject>>>;

async function findCheck(db: Db, projectId: string, lock = false) {
  const query = db.select().from(bankabilityChecks).where(eq(bankabilityChecks.projectId, projectId));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** The check's row, locked for this transaction (created empty first if the project has none yet). */
async function lockCheck(tx: Db, projectId: string) {
  await tx.insert(bankabilityChecks).values({ projectId }).onConflictDoNothing();
  return (await findCheck(tx, projectId, true))!;
}

/* ---- Rules ---- */

/** A project the viewer may not see answers as not found, so its existence does not leak. */
async function loadVisibleProject(db: Db, viewer: Viewer, projectId: string): Promise<ProjectRow> {
  const project = await findProject(db, projectId);
  // Shares included: an organisation the city shared the project with reads its bankability check too.
  if (!project || !(await mayViewPipelineProject(db, viewer, project))) throw notFound('The project');
  return project;
}

async function loadEditableProject(db: Db, viewer: Viewer, projectId: string) {
  const actor = requireSignedIn(viewer);
  const project = await loadVisibleProject(db, actor, projectId);
  if (!canEditCity(actor, { id: project.cityId, countryCode: project.countryCode })) {
    throw forbidden(`Only ${project.cityName}'s own city staff and the secretariat can change this project's bankability check.`);
  }
  return { actor, project };
}

function factsOf(project: ProjectRow): ProjectFacts {
  return {
    deliveryModel: project.deliveryModel,
    stage: project.stage,
    minorDigits: minorDigits(project.currency),
    capitalCostMinor: project.capitalCostMinor,
    fundingSecuredMinor: project.fundingSecuredMinor,
  };
}

/** Stored answers that no longer fit a question (e.g. the questionnaire changed) are left out, not shown wrongly. */
function validStored(answers: Record<string, unknown>, digits: number): Answers {
  const kept: Record<string, Answer> = {};
  for (const [id, value] of Object.entries(answers)) {
    if ((typeof value === 'string' || typeof value === 'number') && validateAnswers({ [id]: value }, digits).length === 0) kept[id] = value;
  }
  return kept;
}

function present(viewer: Viewer, project: ProjectRow, check: Awaited<ReturnType<typeof findCheck>>): BankabilityCheck {
  const facts = factsOf(project);
  const answers = validStored(check?.answers ?? {}, facts.minorDigits);
  const result = evaluate(answers, check?.justifications ?? {}, facts);
  return {
    project: {
      id: project.id,
      title: project.title,
      cityId: project.cityId,
      cityName: project.cityName,
      deliveryModel: project.deliveryModel,
      stage: project.stage,
      currency: project.currency,
      capitalCost: project.capitalCostMinor === null ? null : fromMinorUnits(project.capitalCostMinor, project.currency),
      fundingSecured: project.fundingSecuredMinor === null ? null : fromMinorUnits(project.fundingSecuredMinor, project.currency),
    },
    canEdit: canEditCity(viewer, { id: project.cityId, countryCode: project.countryCode }),
    questions: questions.map((q) => ({
      id: q.id,
      dimension: q.dimension,
      kind: q.kind,
      label: q.label,
      help: q.help,
      options: q.kind === 'choice' ? q.options.map((o) => ({ value: o.value, label: o.label })) : [],
      min: q.kind === 'count' ? q.min : null,
      max: q.kind === 'count' ? q.max : null,
      maxLength: q.kind === 'text' ? q.maxLength : null,
    })),
    answers,
    flags: result.flags.map((f) => ({ id: f.id, dimension: f.dimension, title: f.title, message: f.message, fix: f.fix, status: f.status, justification: f.justification })),
    profile: result.profile,
    nextSteps: result.nextSteps,
    overallScore: result.overallScore,
    updatedAt: check?.updatedAt.toISOString() ?? null,
  };
}

export async function getBankabilityCheck(db: Db, viewer: Viewer, projectId: string): Promise<BankabilityCheck> {
  const project = await loadVisibleProject(db, viewer, projectId);
  return present(viewer, project, await findCheck(db, projectId));
}

/** A partial save: the answers given replace the stored ones, `null` clears; every value is checked against its question. */
export async function saveBankabilityAnswers(
  ctx: AppContext,
  viewer: Viewer,
  projectId: string,
  body: z.infer<typeof bankabilityAnswersBodySchema>,
): Promise<BankabilityCheck> {
  const { actor, project } = await loadEditableProject(ctx.db, viewer, projectId);
  const digits = minorDigits(project.currency);
  const problems = validateAnswers(body.answers, digits);
  if (problems.length) {
    const unknown = problems.filter((p) => !questionById.has(p.questionId));
    const summary = unknown.length
      ? `The check has no question ${unknown.map((p) => `"${p.questionId}"`).join(', ')}: nothing was saved.`
      : `The answers are not valid, nothing was saved: ${problems.map((p) => `${questionById.get(p.questionId)!.label}: ${p.message}`).join('; ')}.`;
    throw new AppError(
      'validation_failed',
      summary,
      (unknown.length ? unknown : problems).map((p) => ({ field: `body.answers.${p.questionId}`, message: p.message })),
    );
  }
  await inTransaction(ctx, async (tx) => {
    const before = await lockCheck(tx, projectId);
    const answers = mergeAnswers(validStored(before.answers, digits), body.answers as Record<string, Answer | null>);
    await tx.update(bankabilityChecks).set({ answers, updatedBy: actor.userId, updatedAt: new Date() }).where(eq(bankabilityChecks.projectId, projectId));
    await writeAudit(tx, actor, {
      action: 'bankability.answers_saved',
      entityType: 'investment_project',
      entityId: projectId,
      before: { answers: before.answers },
      after: { answers },
    });
  });
  return getBankabilityCheck(ctx.db, actor, projectId);
}

/** Justifies a flag raised now; the text is kept with the check (also if the flag later goes and comes back). */
export async function justifyBankabilityFlag(
  ctx: AppContext,
  viewer: Viewer,
  projectId: string,
  flagId: FlagId,
  body: z.infer<typeof bankabilityJustificationBodySchema>,
): Promise<BankabilityCheck> {
  const { actor, project } = await loadEditableProject(ctx.db, viewer, projectId);
  await inTransaction(ctx, async (tx) => {
    const before = await lockCheck(tx, projectId);
    const current = present(actor, project, before);
    const flag = current.flags.find((f) => f.id === flagId);
    if (!flag) {
      const title = flagDefinitions.find((f) => f.id === flagId)!.title;
      throw new AppError('conflict', `The flag "${title}" is not raised for this project now, so there is nothing to justify.`);
    }
    const justifications = { ...before.justifications, [flagId]: body.text };
    await tx.update(bankabilityChecks).set({ justifications, updatedBy: actor.userId, updatedAt: new Date() }).where(eq(bankabilityChecks.projectId, projectId));
    await writeAudit(tx, actor, {
      action: 'bankability.flag_justified',
      entityType: 'investment_project',
      entityId: projectId,
      before: { flagId, justification: before.justifications[flagId] ?? null },
      after: { flagId, justification: body.text },
    });
  });
  return getBankabilityCheck(ctx.db, actor, projectId);
}
