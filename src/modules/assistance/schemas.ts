import { z } from 'zod';
import { assistanceKinds, assistanceStatuses } from '../../db/schema/projects.js';

export const assistanceRequestIdParamsSchema = z.strictObject({ requestId: z.string().uuid() });

/** An estimated budget as people write it: a decimal amount in the major unit and its ISO 4217 code. */
export const assistanceBudgetBodySchema = z.strictObject({
  /** "250000.00"; at most as many decimals as the currency has (2 for USD, 0 for VND). A JSON number is refused. */
  amount: z.string().trim().min(1, 'give an amount').max(40),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD'),
});

export const assistanceBudgetSchema = z.object({
  amount: z.string(),
  currency: z.string(),
  /** The stored integer in minor units, as a string (it may exceed JavaScript's safe integers). */
  amountMinor: z.string(),
});

export const createAssistanceRequestBodySchema = z.strictObject({
  kind: z.enum(assistanceKinds),
  title: z.string().trim().min(3, 'give the request a title of at least 3 characters').max(300),
  problem: z.string().trim().max(20_000).default(''),
  objectives: z.string().trim().max(20_000).default(''),
  scope: z.string().trim().max(20_000).default(''),
  /** One of the city's own pipeline projects, or null. */
  projectId: z.string().uuid().nullable().default(null),
  budget: assistanceBudgetBodySchema.nullable().default(null),
  timeline: z.string().trim().max(5000).default(''),
  /** The U.S. agency (an organisation of kind us_agency) the request goes to. */
  agencyOrganisationId: z.string().uuid(),
});

export const updateAssistanceRequestBodySchema = z.strictObject({
  kind: z.enum(assistanceKinds).optional(),
  title: createAssistanceRequestBodySchema.shape.title.optional(),
  problem: z.string().trim().max(20_000).optional(),
  objectives: z.string().trim().max(20_000).optional(),
  scope: z.string().trim().max(20_000).optional(),
  projectId: z.string().uuid().nullable().optional(),
  budget: assistanceBudgetBodySchema.nullable().optional(),
  timeline: z.string().trim().max(5000).optional(),
  agencyOrganisationId: z.string().uuid().optional(),
});

export const assistanceTransitionBodySchema = z.strictObject({
  to: z.enum(assistanceStatuses),
  /** Required when declining; kept with the decision. Optional note otherwise. */
  reason: z.string().trim().max(10_000).default(''),
});

export const assistanceCommentKinds = ['comment', 'info_request', 'info_response'] as const;
export const assistanceCommentBodySchema = z.strictObject({
  /** comment: either side; info_request: a reviewer asks the city for information; info_response: the city answers it. */
  kind: z.enum(assistanceCommentKinds).default('comment'),
  body: z.string().trim().min(1, 'write something').max(20_000),
});

export const assistanceSummaryBodySchema = z.strictObject({
  /** The public summary of an approved request; null withdraws it from the portal. */
  publicSummary: z.string().trim().min(20, 'write a summary of at least 20 characters').max(5000).nullable(),
});

export const listAssistanceRequestsQuerySchema = z.strictObject({
  status: z.enum(assistanceStatuses).optional(),
  /** oldest_submission: longest since submission first; longest_unchanged: longest in the same status first; recent: last changed first. */
  sort: z.enum(['oldest_submission', 'longest_unchanged', 'recent']).default('recent'),
});

export const assistanceEventSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(['transition', 'comment', 'info_request', 'info_response']),
  fromStatus: z.enum(assistanceStatuses).nullable(),
  toStatus: z.enum(assistanceStatuses).nullable(),
  body: z.string(),
  actorName: z.string().nullable(),
  actorOrganisationName: z.string().nullable(),
  at: z.string(),
});

export const assistanceSummarySchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(assistanceKinds),
  title: z.string(),
  status: z.enum(assistanceStatuses),
  cityId: z.string(),
  cityName: z.string(),
  countryCode: z.string(),
  agencyOrganisationId: z.string().uuid(),
  agencyName: z.string(),
  infoRequested: z.boolean(),
  endorsed: z.boolean(),
  submittedAt: z.string().nullable(),
  statusChangedAt: z.string(),
  updatedAt: z.string(),
  /** Whole days since submission (null for drafts) and since the last change of status. */
  daysSinceSubmission: z.number().int().nullable(),
  daysSinceChange: z.number().int(),
});
export const assistanceListSchema = z.object({ items: z.array(assistanceSummarySchema), canCreate: z.boolean() });

export const assistanceDetailSchema = assistanceSummarySchema.extend({
  problem: z.string(),
  objectives: z.string(),
  scope: z.string(),
  projectId: z.string().uuid().nullable(),
  projectTitle: z.string().nullable(),
  /** The viewer may open the linked project (its page exists for them). */
  projectLinked: z.boolean(),
  budget: assistanceBudgetSchema.nullable(),
  timeline: z.string(),
  endorsedByName: z.string().nullable(),
  endorsedAt: z.string().nullable(),
  infoRequestedText: z.string().nullable(),
  decisionReason: z.string(),
  publicSummary: z.string().nullable(),
  createdAt: z.string(),
  events: z.array(assistanceEventSchema),
  /** What the viewer may do now. */
  can: z.object({
    edit: z.boolean(),
    endorse: z.boolean(),
    comment: z.boolean(),
    requestInformation: z.boolean(),
    respond: z.boolean(),
    publish: z.boolean(),
    uploadDeliverables: z.boolean(),
    /** Record a deal the request led to (the deal form, prefilled). */
    recordDeal: z.boolean(),
    transitions: z.array(z.enum(assistanceStatuses)),
  }),
  /** What still stops submission (for the city), in words; empty when it can be submitted. */
  missingForSubmission: z.array(z.string()),
});

export const assistanceOptionsSchema = z.object({
  agencies: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
  projects: z.array(z.object({ id: z.string().uuid(), title: z.string() })),
});

export const publishedAssistanceSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(assistanceKinds),
  title: z.string(),
  cityName: z.string(),
  countryCode: z.string(),
  agencyName: z.string(),
  publicSummary: z.string(),
});
export const publishedAssistanceListSchema = z.object({ items: z.array(publishedAssistanceSchema) });
