import { z } from 'zod';
import { organisationKinds } from '../../db/schema/accounts.js';
import { dealSources, dealStages, eventKinds } from '../../db/schema/events.js';
import { assistanceStatuses, pipelineStages } from '../../db/schema/projects.js';
import { cursorSchema, limitSchema, pageSchema } from '../../server/pagination.js';

const cityIdSchema = z.string().regex(/^[a-z0-9-]{1,100}$/, 'must be a city id such as da-nang');

export const dealIdParamsSchema = z.strictObject({ dealId: z.string().uuid() });

/** A value as people write it: a decimal amount in the currency's major unit and its ISO 4217 code. */
export const dealValueBodySchema = z.strictObject({
  /** "1250000.50"; at most as many decimals as the currency has (2 for USD, 0 for VND). */
  amount: z.string().trim().min(1, 'give an amount').max(40),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD'),
});

export const dealValueSchema = z.object({
  /** Decimal in the major unit, exactly as stored ("1250000.50"). */
  amount: z.string(),
  currency: z.string(),
  /** The stored integer in minor units (cents…), as a string: it may exceed JavaScript's safe integers. */
  amountMinor: z.string(),
});

export const createDealBodySchema = z.strictObject({
  title: z.string().trim().min(3, 'give the deal a title of at least 3 characters').max(300),
  cityId: cityIdSchema,
  partnerOrganisationId: z.string().uuid(),
  stage: z.enum(dealStages).default('lead'),
  value: dealValueBodySchema.nullable().default(null),
  source: z.enum(dealSources),
  /** Required for deals from a mission or an event; set from the meeting for deals from a meeting. */
  eventId: z.string().uuid().nullable().default(null),
  /** Required (and only allowed) for deals from a meeting. */
  meetingRequestId: z.string().uuid().nullable().default(null),
  /** Required (and only allowed) for deals from an assistance request: one approved or later, of the deal's city. */
  assistanceRequestId: z.string().uuid().nullable().default(null),
  /** The pipeline project the deal is about: required for deals from a company's interest (in that project); allowed for any. */
  investmentProjectId: z.string().uuid().nullable().default(null),
  notes: z.string().trim().max(20_000).default(''),
});

export const updateDealBodySchema = z.strictObject({
  title: createDealBodySchema.shape.title.optional(),
  /** Any stage, forwards or back; every change is audited. */
  stage: z.enum(dealStages).optional(),
  value: dealValueBodySchema.nullable().optional(),
  notes: z.string().trim().max(20_000).optional(),
});

export const dealChangeSchema = z.object({
  field: z.enum(['title', 'stage', 'value', 'notes']),
  from: z.string().nullable(),
  to: z.string().nullable(),
});

export const dealHistoryEntrySchema = z.object({
  at: z.string(),
  actorName: z.string(),
  action: z.enum(['created', 'updated', 'stage_changed']),
  changes: z.array(dealChangeSchema),
});

export const dealSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  cityId: z.string(),
  cityName: z.string(),
  countryCode: z.string(),
  partnerOrganisationId: z.string().uuid(),
  partnerOrganisationName: z.string(),
  partnerOrganisationKind: z.enum(organisationKinds),
  stage: z.enum(dealStages),
  value: dealValueSchema.nullable(),
  source: z.enum(dealSources),
  eventId: z.string().uuid().nullable(),
  eventTitle: z.string().nullable(),
  eventKind: z.enum(eventKinds).nullable(),
  meetingRequestId: z.string().uuid().nullable(),
  assistanceRequestId: z.string().uuid().nullable(),
  /** Null when the viewer may not see the request. */
  assistanceRequestTitle: z.string().nullable(),
  investmentProjectId: z.string().uuid().nullable(),
  /** Null when the viewer may not see the project. */
  investmentProjectTitle: z.string().nullable(),
  notes: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});

export const dealDetailSchema = dealSchema.extend({
  history: z.array(dealHistoryEntrySchema),
  canDelete: z.boolean(),
});

export const listDealsQuerySchema = z.strictObject({
  stage: z.enum(dealStages).optional(),
  city: cityIdSchema.optional(),
  event: z.string().uuid().optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const dealPageSchema = pageSchema(dealSchema);

export const exportDealsQuerySchema = listDealsQuerySchema.omit({ cursor: true, limit: true });

export const dealFormOptionsQuerySchema = z.strictObject({
  /** The deal's city, for its assistance requests and pipeline projects (default: the viewer's own city). */
  city: cityIdSchema.optional(),
});

/** What the "record a deal" form offers: the events, meetings, assistance requests and projects a deal may come from. */
export const dealFormOptionsSchema = z.object({
  cityId: z.string().nullable(),
  assistanceRequests: z.array(z.object({ id: z.string().uuid(), title: z.string(), status: z.enum(assistanceStatuses) })),
  projects: z.array(
    z.object({
      id: z.string().uuid(),
      title: z.string(),
      stage: z.enum(pipelineStages),
      /** The organisations that expressed interest in it (for deals from a company's interest). */
      interestedOrganisationIds: z.array(z.string().uuid()),
    }),
  ),
  events: z.array(
    z.object({
      id: z.string().uuid(),
      title: z.string(),
      kind: z.enum(eventKinds),
      startsAt: z.string(),
      /** The viewer organises it: they may record mission and event deals between any city and partner. */
      organiser: z.boolean(),
    }),
  ),
  meetings: z.array(
    z.object({
      id: z.string().uuid(),
      eventId: z.string().uuid(),
      eventTitle: z.string(),
      startsAt: z.string(),
      /** The other participants: "Name (Organisation)". */
      with: z.array(z.string()),
    }),
  ),
});
