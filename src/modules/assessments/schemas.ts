import { z } from 'zod';
import { assessmentScopes, assessmentStatuses, assessmentSystems, maxImplementationLevel } from '../../db/schema/assessments.js';
import { cohortModes, cohortStatuses, courseTopics } from '../../db/schema/training.js';
import { documentSchema } from '../documents/schemas.js';
import { csfCategory, csfSubcategory, levelNames } from './framework.js';

/* ---- The CSF 2.0 core and the scales every assessment states ---- */

export const csfSubcategorySchema = z.object({ id: z.string(), text: z.string() });
export const csfCategorySchema = z.object({ id: z.string(), name: z.string(), description: z.string(), subcategories: z.array(csfSubcategorySchema) });
export const csfFunctionSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), categories: z.array(csfCategorySchema) });
export const csfCoreSchema = z.object({
  version: z.literal('2.0'),
  functions: z.array(csfFunctionSchema),
  levels: z.array(z.object({ level: z.number().int(), name: z.string() })),
  tiers: z.array(z.object({ tier: z.number().int(), name: z.string() })),
  source: z.string(),
});

/* ---- Requests ---- */

const scaleText = Object.entries(levelNames)
  .map(([level, name]) => `${level} ${name.toLowerCase()}`)
  .join(', ');
const outOfScale = `must be a whole number on the implementation scale 0–${maxImplementationLevel} (${scaleText})`;

/** A level on the implementation scale (0–4); `null` while not yet judged. */
export const levelSchema = z.number({ error: outOfScale }).int(outOfScale).min(0, outOfScale).max(maxImplementationLevel, outOfScale);
const tierText = 'must be a CSF tier from 1 to 4 (1 Partial, 2 Risk Informed, 3 Repeatable, 4 Adaptive)';
export const tierSchema = z.number({ error: tierText }).int(tierText).min(1, tierText).max(4, tierText);

export const subcategoryIdSchema = z
  .string()
  .trim()
  .max(20)
  .refine((id) => csfSubcategory(id) !== undefined, { message: 'is not a CSF 2.0 subcategory (they look like GV.OC-01)' });
export const categoryIdSchema = z
  .string()
  .trim()
  .max(10)
  .refine((id) => csfCategory(id) !== undefined, { message: 'is not a CSF 2.0 category (they look like GV.RM)' });

const text = (max: number) => z.string().trim().max(max);
const titleSchema = z.string().trim().min(1, 'give the assessment a title').max(200);

export const assessmentIdParamsSchema = z.strictObject({ id: z.string().uuid() });
export const answerParamsSchema = z.strictObject({ id: z.string().uuid(), subcategoryId: subcategoryIdSchema });

export const createAssessmentBodySchema = z.strictObject({
  title: titleSchema,
  scope: z.enum(assessmentScopes).default('city_administration'),
  /** The system assessed, when the scope is one system. */
  scopeSystem: z.enum(assessmentSystems).nullable().default(null),
  scopeNotes: text(5000).default(''),
  priorityCategoryIds: z.array(categoryIdSchema).max(22).default([]),
});

export const updateAssessmentBodySchema = z.strictObject({
  title: titleSchema.optional(),
  scope: z.enum(assessmentScopes).optional(),
  scopeSystem: z.enum(assessmentSystems).nullable().optional(),
  scopeNotes: text(5000).optional(),
  priorityCategoryIds: z.array(categoryIdSchema).max(22).optional(),
  governanceTier: tierSchema.nullable().optional(),
  governanceTierRationale: text(5000).optional(),
  riskManagementTier: tierSchema.nullable().optional(),
  riskManagementTierRationale: text(5000).optional(),
});

/**
 * One answer: both levels (either may stay null while the city is still judging), or not applicable
 * with the reason. A PUT replaces the whole answer.
 */
const answerFields = {
  currentLevel: levelSchema.nullable().default(null),
  targetLevel: levelSchema.nullable().default(null),
  notApplicable: z.boolean().default(false),
  notApplicableReason: text(2000).default(''),
  evidence: text(10_000).default(''),
};
const reasonRequired = (answer: { notApplicable: boolean; notApplicableReason: string }, ctx: z.RefinementCtx) => {
  if (answer.notApplicable && answer.notApplicableReason === '') {
    ctx.addIssue({ code: 'custom', path: ['notApplicableReason'], message: 'say why the subcategory does not apply (required when it is marked not applicable)' });
  }
};
export const answerBodySchema = z.strictObject(answerFields).superRefine(reasonRequired);
export const batchAnswerSchema = z.strictObject({ subcategoryId: subcategoryIdSchema, ...answerFields }).superRefine(reasonRequired);
export const answersBodySchema = z.strictObject({
  answers: z
    .array(batchAnswerSchema)
    .min(1, 'send at least one answer')
    .max(106)
    .superRefine((answers, ctx) => {
      const seen = new Set<string>();
      answers.forEach((answer, i) => {
        if (seen.has(answer.subcategoryId)) ctx.addIssue({ code: 'custom', path: [i, 'subcategoryId'], message: `${answer.subcategoryId} is answered twice in the request` });
        seen.add(answer.subcategoryId);
      });
    }),
});

export const sharingBodySchema = z.strictObject({ shared: z.boolean() });

export const gapsQuerySchema = z.strictObject({
  /** An earlier submitted assessment of the same city to compare with (default: the latest earlier one of the same scope). */
  compareWith: z.string().uuid().optional(),
});

export const benchmarksQuerySchema = z.strictObject({
  /** A country's view (ISO 3166-1 alpha-2): its national representatives and the secretariat. */
  countryCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code such as ID')
    .transform((code) => code.toUpperCase())
    .optional(),
});

/* ---- Answers ---- */

export const progressSchema = z.object({
  /** Subcategories answered with both levels, or marked not applicable. */
  answered: z.number().int(),
  notApplicable: z.number().int(),
  total: z.number().int(),
});

export const answerSchema = z.object({
  subcategoryId: z.string(),
  currentLevel: z.number().int().nullable(),
  targetLevel: z.number().int().nullable(),
  notApplicable: z.boolean(),
  notApplicableReason: z.string(),
  evidence: z.string(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
});

export const assessmentSummarySchema = z.object({
  id: z.string().uuid(),
  cityId: z.string(),
  cityName: z.string(),
  countryCode: z.string(),
  title: z.string(),
  scope: z.enum(assessmentScopes),
  scopeSystem: z.enum(assessmentSystems).nullable(),
  scopeNotes: z.string(),
  status: z.enum(assessmentStatuses),
  priorityCategoryIds: z.array(z.string()),
  governanceTier: z.number().int().nullable(),
  governanceTierRationale: z.string(),
  riskManagementTier: z.number().int().nullable(),
  riskManagementTierRationale: z.string(),
  sharedWithNational: z.boolean(),
  /** Goes up with every saved change: a page that sees it jump knows someone else saved. */
  revision: z.number().int(),
  progress: progressSchema,
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  /** The viewer may change answers, tiers and scope (the city's staff, while a draft). */
  canEdit: z.boolean(),
  /** The viewer may share or stop sharing it with the national representative (the city's staff). */
  canShare: z.boolean(),
});

export const assessmentDetailSchema = assessmentSummarySchema.extend({
  answers: z.array(answerSchema),
  attachments: z.array(documentSchema),
});

export const assessmentListSchema = z.object({
  items: z.array(assessmentSummarySchema),
  /** The viewer is a city's staff and may start an assessment for the city. */
  canCreate: z.boolean(),
});

/** `previousRevision` is the revision just before this save: when it is not the one the page knew, someone else saved meanwhile. */
const savedFields = { revision: z.number().int(), previousRevision: z.number().int(), progress: progressSchema };
export const answerSavedSchema = z.object({ answer: answerSchema, ...savedFields });
export const answersSavedSchema = z.object({ answers: z.array(answerSchema), ...savedFields });
export const assessmentSavedSchema = assessmentSummarySchema.extend({ previousRevision: z.number().int() });

/* ---- Gap analysis ---- */

const scoreFields = {
  id: z.string(),
  name: z.string(),
  answered: z.number().int(),
  notApplicable: z.number().int(),
  unanswered: z.number().int(),
  current: z.number().nullable(),
  target: z.number().nullable(),
  gap: z.number().nullable(),
};
export const profileScoreSchema = z.object(scoreFields);
export const categoryScoreSchema = z.object({ ...scoreFields, functionId: z.string(), priority: z.boolean() });
export const categoryGapSchema = z.object({ ...scoreFields, functionId: z.string(), priority: z.boolean(), rankScore: z.number() });
export const subcategoryGapSchema = z.object({
  id: z.string(),
  text: z.string(),
  categoryId: z.string(),
  current: z.number().int(),
  target: z.number().int(),
  gap: z.number().int(),
  priority: z.boolean(),
});
export const subcategoryLevelsSchema = z.object({
  id: z.string(),
  categoryId: z.string(),
  functionId: z.string(),
  currentLevel: z.number().int().nullable(),
  targetLevel: z.number().int().nullable(),
  notApplicable: z.boolean(),
});
const assessmentRefSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  scope: z.enum(assessmentScopes),
  scopeSystem: z.enum(assessmentSystems).nullable(),
  submittedAt: z.string(),
});
export const profileChangeSchema = z.object({
  id: z.string(),
  name: z.string(),
  functionId: z.string(),
  currentBefore: z.number().nullable(),
  currentNow: z.number().nullable(),
  gapBefore: z.number().nullable(),
  gapNow: z.number().nullable(),
  gapClosed: z.boolean(),
  gapNarrowed: z.boolean(),
});
export const scaleSchema = z.array(z.object({ level: z.number().int(), name: z.string() }));

export const gapAnalysisSchema = z.object({
  assessment: assessmentSummarySchema,
  scale: scaleSchema,
  tiers: z.array(z.object({ tier: z.number().int(), name: z.string() })),
  overall: profileScoreSchema,
  functions: z.array(profileScoreSchema),
  categories: z.array(categoryScoreSchema),
  subcategories: z.array(subcategoryLevelsSchema),
  /** Categories with a gap, largest first; the city's priority categories weigh 1.5×. */
  rankedCategoryGaps: z.array(categoryGapSchema),
  rankedSubcategoryGaps: z.array(subcategoryGapSchema),
  /** Earlier submitted assessments of the city the viewer may see, newest first. */
  comparisonOptions: z.array(assessmentRefSchema),
  comparison: z
    .object({
      earlier: assessmentRefSchema,
      changes: z.array(profileChangeSchema),
      closed: z.number().int(),
      narrowed: z.number().int(),
    })
    .nullable(),
});

/* ---- Recommended courses ---- */

export const recommendedCourseSchema = z.object({
  course: z.object({ id: z.string().uuid(), title: z.string(), topic: z.enum(courseTopics), summary: z.string(), organisationName: z.string(), csfCategoryIds: z.array(z.string()) }),
  score: z.number(),
  addresses: z.array(z.object({ categoryId: z.string(), name: z.string(), gap: z.number(), priority: z.boolean() })),
  nextCohorts: z.array(
    z.object({
      id: z.string().uuid(),
      title: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      mode: z.enum(cohortModes),
      location: z.string(),
      status: z.enum(cohortStatuses),
      deliveringOrganisationName: z.string(),
    }),
  ),
});
export const recommendedCoursesSchema = z.object({
  items: z.array(recommendedCourseSchema),
  /** How many categories have a gap: none means nothing to recommend yet. */
  gapCategories: z.number().int(),
});

/* ---- Benchmarks ---- */

export const distributionSchema = z.object({
  contributors: z.number().int(),
  min: z.number(),
  q1: z.number(),
  median: z.number(),
  q3: z.number(),
  max: z.number(),
});
export const standings = ['below_q1', 'q1_to_median', 'median_to_q3', 'above_q3'] as const;
export const benchmarkRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  functionId: z.string(),
  /** `null` when fewer than the minimum number of cities contribute: no figure is given at all. */
  distribution: distributionSchema.nullable(),
  /** When withheld: how many more contributing cities would let it show. */
  moreCitiesNeeded: z.number().int(),
  /** The viewing city's own current level (from its latest submitted assessment); its own data, always shown to it. */
  ownScore: z.number().nullable(),
  /** Where the viewing city stands, only when the distribution is shown. */
  standing: z.enum(standings).nullable(),
});
export const benchmarksSchema = z.object({
  minimumContributors: z.number().int(),
  view: z.enum(['network', 'country']),
  countryCode: z.string().nullable(),
  countryName: z.string().nullable(),
  /** Cities whose latest submitted assessment counts in this view (each city once). */
  contributors: z.number().int(),
  moreCitiesNeeded: z.number().int(),
  /** The viewing city's latest submitted assessment, which its standing is read from. */
  ownAssessment: z.object({ id: z.string().uuid(), title: z.string(), submittedAt: z.string() }).nullable(),
  /** Countries whose view the viewer may ask for. */
  countryOptions: z.array(z.object({ code: z.string(), name: z.string() })),
  functions: z.array(benchmarkRowSchema),
  categories: z.array(benchmarkRowSchema),
});

export const reportFileSchema = z.string().describe('The file');
