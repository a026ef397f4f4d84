import { z } from 'zod';
import { pairingActivityKinds, pairingActivityStatuses, pairingSides, pairingStatuses } from '../../db/schema/exchanges.js';
import { cursorSchema, limitSchema, pageSchema } from '../../server/pagination.js';
import { documentSchema } from '../documents/schemas.js';

const cityIdSchema = z.string().regex(/^[a-z0-9-]{1,100}$/, 'must be a city id such as da-nang');
const focusAreaIdsSchema = z.array(z.string().trim().min(1).max(50)).max(6);
const tags = (max: number) => z.array(z.string().trim().min(1).max(100)).max(max);
const isoDate = z.iso.date();

export const organisationIdParamsSchema = z.strictObject({ organisationId: z.string().uuid() });
export const pairingIdParamsSchema = z.strictObject({ pairingId: z.string().uuid() });
export const activityParamsSchema = z.strictObject({ pairingId: z.string().uuid(), activityId: z.string().uuid() });

export const offerBodySchema = z.strictObject({
  focusAreaIds: focusAreaIdsSchema.min(1, 'offer at least one focus area'),
  sectors: tags(20).default([]),
  expertiseSummary: z.string().trim().max(5000).default(''),
  keywords: tags(40).default([]),
});

export const offerSchema = z.object({
  organisationId: z.string().uuid(),
  organisationName: z.string(),
  organisationKind: z.string(),
  focusAreaIds: z.array(z.string()),
  sectors: z.array(z.string()),
  expertiseSummary: z.string(),
  keywords: z.array(z.string()),
  updatedAt: z.string(),
});
export const listOffersQuerySchema = z.strictObject({ focusArea: z.string().max(50).optional(), cursor: cursorSchema, limit: limitSchema });
export const offerPageSchema = pageSchema(offerSchema);

export const suggestionsQuerySchema = z
  .strictObject({ cityId: cityIdSchema.optional(), organisationId: z.string().uuid().optional(), limit: z.coerce.number().int().min(1).max(50).default(10) })
  .refine((q) => (q.cityId === undefined) !== (q.organisationId === undefined), { message: 'give either cityId or organisationId', path: ['cityId'] });

export const suggestionSchema = z.object({
  organisationId: z.string().uuid(),
  organisationName: z.string(),
  cityId: z.string(),
  cityName: z.string(),
  countryCode: z.string(),
  score: z.number(),
  /** Why, in words; project titles appear only when the viewer may see the project. */
  reasons: z.array(z.string()),
});
export const suggestionListSchema = z.object({ items: z.array(suggestionSchema) });

export const proposeBodySchema = z.strictObject({
  usOrganisationId: z.string().uuid(),
  cityId: cityIdSchema,
  focusAreaIds: focusAreaIdsSchema.default([]),
  objectives: z.string().trim().max(10_000).default(''),
  public: z.boolean().default(false),
});

export const updatePairingBodySchema = z.strictObject({
  focusAreaIds: focusAreaIdsSchema.optional(),
  objectives: z.string().trim().max(10_000).optional(),
  outcomes: z.string().trim().max(20_000).optional(),
  lessonsLearned: z.string().trim().max(20_000).optional(),
  /** The secretariat only. */
  public: z.boolean().optional(),
});

export const transitionTargets = ['letter_of_intent', 'memorandum_signed', 'active', 'completed', 'declined', 'withdrawn'] as const;
export const transitionBodySchema = z.strictObject({
  to: z.enum(transitionTargets),
  /** Required to decline or withdraw. */
  reason: z.string().trim().max(5000).optional(),
  /** Required to complete, unless already recorded. */
  outcomes: z.string().trim().max(20_000).optional(),
  lessonsLearned: z.string().trim().max(20_000).optional(),
});

const activityFields = z.strictObject({
  kind: z.enum(pairingActivityKinds),
  title: z.string().trim().min(3).max(300),
  description: z.string().trim().max(10_000),
  ownerSide: z.enum(pairingSides),
  ownerUserId: z.string().uuid().nullable(),
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
  location: z.string().trim().max(300),
  status: z.enum(pairingActivityStatuses),
});
export const activityBodySchema = activityFields.extend({
  description: activityFields.shape.description.default(''),
  ownerUserId: activityFields.shape.ownerUserId.default(null),
  startDate: activityFields.shape.startDate.default(null),
  endDate: activityFields.shape.endDate.default(null),
  location: activityFields.shape.location.default(''),
  status: activityFields.shape.status.default('planned'),
});
export const updateActivityBodySchema = activityFields.partial();

export const progressUpdateBodySchema = z.strictObject({ date: isoDate, body: z.string().trim().min(1).max(20_000) });

export const activitySchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(pairingActivityKinds),
  title: z.string(),
  description: z.string(),
  ownerSide: z.enum(pairingSides),
  ownerUserId: z.string().uuid().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  location: z.string(),
  status: z.enum(pairingActivityStatuses),
});
export const progressUpdateSchema = z.object({ id: z.string().uuid(), date: z.string(), body: z.string(), authorName: z.string().nullable(), createdAt: z.string() });
export const transitionSchema = z.object({
  fromStatus: z.enum(pairingStatuses).nullable(),
  toStatus: z.enum(pairingStatuses),
  reason: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const pairingSummarySchema = z.object({
  id: z.string().uuid(),
  usOrganisationId: z.string().uuid(),
  usOrganisationName: z.string(),
  cityId: z.string(),
  cityName: z.string(),
  countryCode: z.string(),
  focusAreaIds: z.array(z.string()),
  objectives: z.string(),
  status: z.enum(pairingStatuses),
  usAccepted: z.boolean(),
  cityAccepted: z.boolean(),
  public: z.boolean(),
  outcomes: z.string(),
  lessonsLearned: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const pairingDetailSchema = pairingSummarySchema.extend({
  /** null when the viewer sees only the summary (not a side, the secretariat or the national representative). */
  activities: z.array(activitySchema).nullable(),
  updates: z.array(progressUpdateSchema).nullable(),
  transitions: z.array(transitionSchema).nullable(),
  attachments: z.array(documentSchema).nullable(),
  canEdit: z.boolean(),
  /** Which side the viewer may accept for, while the pairing is proposed. */
  canAcceptAs: z.enum(pairingSides).nullable(),
});
export const listPairingsQuerySchema = z.strictObject({
  status: z.enum(pairingStatuses).optional(),
  city: cityIdSchema.optional(),
  organisation: z.string().uuid().optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const pairingPageSchema = pageSchema(pairingSummarySchema);
