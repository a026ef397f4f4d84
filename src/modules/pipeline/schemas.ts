import { z } from 'zod';
import { organisationKinds } from '../../db/schema/accounts.js';
import { deliveryModels, pipelineStages, pipelineVisibilities, projectSectors } from '../../db/schema/projects.js';
import { cursorSchema, limitSchema, pageSchema } from '../../server/pagination.js';
import { documentSchema } from '../documents/schemas.js';

export const pipelineProjectIdParamsSchema = z.strictObject({ id: z.string().uuid() });

/** Amounts travel as decimal strings in the currency's major unit, so no precision is lost on the way. */
const amountSchema = z.string({ error: 'send the amount as a decimal string such as "1250000.50", not a number, so no precision is lost' }).max(30);

/** One currency for every amount of the project. */
export const pipelineMoneyBodySchema = z.strictObject({
  currency: z.string().length(3, 'must be a three-letter ISO 4217 code such as USD or VND').toUpperCase(),
  capitalCost: amountSchema.nullable(),
  fundingSecured: amountSchema.nullable(),
});

const cityIdSchema = z.string().regex(/^[a-z0-9-]{1,100}$/, 'must be a city id such as da-nang');

const pipelineFieldsSchema = z.strictObject({
  title: z.string().trim().min(3, 'write at least 3 characters').max(300),
  sector: z.enum(projectSectors),
  focusAreaId: z.string().max(50),
  description: z.string().trim().max(10_000),
  location: z.string().trim().max(300),
  deliveryModel: z.enum(deliveryModels),
  money: pipelineMoneyBodySchema,
  visibility: z.enum(pipelineVisibilities),
});

export const createPipelineProjectBodySchema = pipelineFieldsSchema.extend({
  cityId: cityIdSchema,
  /** The action-plan project this one is promoted from. */
  scapProjectId: z.string().uuid().nullable().optional(),
  description: pipelineFieldsSchema.shape.description.default(''),
  location: pipelineFieldsSchema.shape.location.default(''),
  visibility: pipelineFieldsSchema.shape.visibility.default('restricted'),
});
/** A PATCH changes only what it names; the stage changes through its own endpoint. */
export const updatePipelineProjectBodySchema = pipelineFieldsSchema.partial();

export const stageTransitionBodySchema = z.strictObject({
  to: z.enum(pipelineStages),
  note: z.string().trim().max(2000).default(''),
});

export const listPipelineQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  country: z.string().length(2).toUpperCase().optional(),
  city: cityIdSchema.optional(),
  sector: z.enum(projectSectors).optional(),
  focusArea: z.string().max(50).optional(),
  stage: z.enum(pipelineStages).optional(),
  visibility: z.enum(pipelineVisibilities).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const opportunitiesQuerySchema = listPipelineQuerySchema.omit({ visibility: true });

export const rateUsedSchema = z.object({
  currency: z.string(),
  rateDate: z.string(),
  unitsPerUsd: z.string(),
  source: z.string(),
});
export const amountSchemaOut = z.object({
  /** Decimal string in the major unit, e.g. "1250000.00". */
  amount: z.string(),
  amountMinor: z.string(),
  /** Decimal string in U.S. dollars, or null when there is no rate. */
  usd: z.string().nullable(),
});
export const pipelineMoneySchema = z.object({
  currency: z.string(),
  capitalCost: amountSchemaOut.nullable(),
  fundingSecured: amountSchemaOut.nullable(),
  /** Capital cost minus funding secured: computed, never stored; null unless both are known. */
  fundingGap: amountSchemaOut.nullable(),
  /** The rate the USD equivalents used (null for USD itself, or when no rate is on record). */
  rate: rateUsedSchema.nullable(),
  /** Whether USD equivalents could be computed. */
  hasUsd: z.boolean(),
});

export const pipelineProjectSchema = z.object({
  id: z.string().uuid(),
  cityId: z.string(),
  cityName: z.string(),
  countryCode: z.string(),
  scapProjectId: z.string().uuid().nullable(),
  scapProjectTitle: z.string().nullable(),
  title: z.string(),
  sector: z.enum(projectSectors),
  focusAreaId: z.string(),
  description: z.string(),
  location: z.string(),
  deliveryModel: z.enum(deliveryModels),
  money: pipelineMoneySchema,
  stage: z.enum(pipelineStages),
  visibility: z.enum(pipelineVisibilities),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});
export const pipelinePageSchema = pageSchema(pipelineProjectSchema);

export const stageChangeSchema = z.object({
  id: z.string().uuid(),
  fromStage: z.enum(pipelineStages).nullable(),
  toStage: z.enum(pipelineStages),
  note: z.string(),
  changedAt: z.string(),
  changedByName: z.string().nullable(),
});
export const pipelineProjectDetailSchema = pipelineProjectSchema.extend({
  /** The stages this project may move to now (one forward, one back with a note). */
  allowedStages: z.array(z.enum(pipelineStages)),
  history: z.array(stageChangeSchema),
  documents: z.array(documentSchema),
});

/** What a promotion from the action plan starts from. */
export const promotionDraftSchema = z.object({
  cityId: z.string(),
  scapProjectId: z.string().uuid(),
  title: z.string(),
  focusAreaId: z.string(),
  description: z.string(),
  visibility: z.enum(pipelineVisibilities),
  money: z.object({ currency: z.string(), capitalCost: z.string().nullable(), fundingSecured: z.string().nullable() }).nullable(),
  /** The pipeline project already promoted from it, if any. */
  alreadyPromoted: z.object({ id: z.string().uuid(), title: z.string() }).nullable(),
});

// Shares

export const shareBodySchema = z.strictObject({ organisationId: z.string().uuid('must be the id of an organisation') });
export const shareParamsSchema = z.strictObject({ id: z.string().uuid(), organisationId: z.string().uuid() });
export const pipelineShareSchema = z.object({
  organisationId: z.string().uuid(),
  organisationName: z.string(),
  organisationKind: z.enum(organisationKinds),
  sharedAt: z.string(),
  sharedByName: z.string().nullable(),
});
export const pipelineShareListSchema = z.object({
  items: z.array(pipelineShareSchema),
  /** The viewer may share and unshare (the city's own staff, the secretariat). */
  canEdit: z.boolean(),
  /** Sharing matters for restricted and partnership projects; a public one is seen by everyone anyway. */
  visibility: z.enum(pipelineVisibilities),
});

// Exchange rates

const currencyParam = z.string().regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 code').toUpperCase();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
export const rateParamsSchema = z.strictObject({ currency: currencyParam, date: isoDate });
export const rateBodySchema = z.strictObject({
  unitsPerUsd: z.string({ error: 'send the rate as a decimal string such as "25400.5", not a number' }).trim().max(30),
  source: z.string().trim().min(2, 'say where the rate comes from').max(300),
});
export const listRatesQuerySchema = z.strictObject({ currency: currencyParam.optional() });
export const exchangeRateSchema = z.object({
  currency: z.string(),
  rateDate: z.string(),
  unitsPerUsd: z.string(),
  source: z.string(),
  recordedAt: z.string(),
});
export const exchangeRateListSchema = z.object({ items: z.array(exchangeRateSchema) });
