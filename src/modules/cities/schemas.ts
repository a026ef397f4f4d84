import { z } from 'zod';
import { membershipKinds, projectStatuses, projectVisibilities } from '../../db/schema/cities.js';
import { cursorSchema, limitSchema, pageSchema } from '../../server/pagination.js';
import { webAddressSchema } from '../../server/schemas.js';

/** City ids are the reference data's slugs. */
const cityIdSchema = z.string().regex(/^[a-z0-9-]{1,100}$/, 'must be a city id such as da-nang');
export const cityIdParamsSchema = z.strictObject({ cityId: cityIdSchema });
export const projectIdParamsSchema = z.strictObject({ projectId: z.string().uuid() });

export const countrySchema = z.object({ code: z.string(), name: z.string(), isAseanMember: z.boolean() });
export const focusAreaSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), description: z.string() });
export const strategicOutcomeSchema = z.object({ id: z.string(), name: z.string(), description: z.string() });
export const frameworkSchema = z.object({
  strategicOutcomes: z.array(strategicOutcomeSchema),
  focusAreas: z.array(focusAreaSchema),
});

export const citySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  countryCode: z.string(),
  countryName: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  yearJoined: z.number().int(),
  membership: z.enum(membershipKinds),
  population: z.number().int().nullable(),
  /** SCAP projects the viewer may see. */
  projectCount: z.number().int(),
  focusAreaIds: z.array(z.string()),
});

export const cityDetailSchema = citySummarySchema.extend({
  summary: z.string().nullable(),
  priorities: z.array(z.string()),
  cscoName: z.string().nullable(),
  cscoTitle: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  website: z.string().nullable(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});

export const listCitiesQuerySchema = z.strictObject({
  country: z.string().length(2).toUpperCase().optional(),
  focusArea: z.string().max(50).optional(),
  q: z.string().trim().max(100).optional(),
});
export const cityListSchema = z.object({ items: z.array(citySummarySchema) });

const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();
export const updateCityBodySchema = z.strictObject({
  population: z.number().int().min(0).max(200_000_000).nullable().optional(),
  summary: nullableText(5000),
  priorities: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
  cscoName: nullableText(200),
  cscoTitle: nullableText(200),
  contactEmail: z.string().trim().email().max(254).nullable().optional(),
  contactPhone: nullableText(50),
  website: webAddressSchema.nullable().optional(),
});

export const budgetSchema = z.object({
  /** Decimal string in the currency's major unit, e.g. "1250000.00". */
  amount: z.string().max(30),
  currency: z.string().length(3).toUpperCase(),
});
export const budgetResponseSchema = budgetSchema.extend({ amountMinor: z.string() });

const year = z.number().int().min(2000).max(2100);

export const projectSchema = z.object({
  id: z.string().uuid(),
  cityId: z.string(),
  cityName: z.string(),
  countryCode: z.string(),
  title: z.string(),
  focusAreaId: z.string(),
  description: z.string(),
  status: z.enum(projectStatuses),
  startYear: z.number().int().nullable(),
  endYear: z.number().int().nullable(),
  budget: budgetResponseSchema.nullable(),
  partners: z.array(z.string()),
  visibility: z.enum(projectVisibilities),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});

/** The fields of a project, without defaults: a PATCH must never reset what it does not name. */
const projectFieldsSchema = z.strictObject({
  title: z.string().trim().min(3).max(300),
  focusAreaId: z.string().max(50),
  description: z.string().trim().max(10_000),
  status: z.enum(projectStatuses),
  startYear: year.nullable().optional(),
  endYear: year.nullable().optional(),
  budget: budgetSchema.nullable().optional(),
  partners: z.array(z.string().trim().min(1).max(200)).max(30),
  visibility: z.enum(projectVisibilities),
});
export const projectBodySchema = projectFieldsSchema.extend({
  description: projectFieldsSchema.shape.description.default(''),
  partners: projectFieldsSchema.shape.partners.default([]),
  visibility: projectFieldsSchema.shape.visibility.default('restricted'),
});
export const updateProjectBodySchema = projectFieldsSchema.partial();

export const projectSorts = ['title', '-updatedAt', 'startYear'] as const;
export const listProjectsQuerySchema = z.strictObject({
  city: cityIdSchema.optional(),
  country: z.string().length(2).toUpperCase().optional(),
  focusArea: z.string().max(50).optional(),
  status: z.enum(projectStatuses).optional(),
  visibility: z.enum(projectVisibilities).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(projectSorts).default('title'),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const projectPageSchema = pageSchema(projectSchema);

export const monitoringQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  country: z.string().length(2).toUpperCase().optional(),
});
const tallySchema = z.object({
  total: z.number().int(),
  byStatus: z.record(z.enum(projectStatuses), z.number().int()),
  byFocusArea: z.record(z.string(), z.number().int()),
});
export const monitoringSchema = z.object({
  year: z.number().int(),
  network: tallySchema,
  countries: z.array(tallySchema.extend({ code: z.string(), name: z.string() })),
  cities: z.array(tallySchema.extend({ id: z.string(), name: z.string(), countryCode: z.string() })),
});
