import { z } from 'zod';
import { projectSectors } from '../../db/schema/projects.js';

const list = <T extends z.ZodType>(max: number, item: T) => z.array(item).max(max);
const tag = z.string().trim().min(1).max(100);
const countryCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO 3166-1 country code such as VN')
  .transform((s) => s.toUpperCase());

export const organisationIdParamsSchema = z.strictObject({ organisationId: z.string().uuid() });
export const solutionIdParamsSchema = z.strictObject({ solutionId: z.string().uuid() });
/** `id`, as the pipeline's own routes name it (one parameter name per path position). */
export const projectIdParamsSchema = z.strictObject({ id: z.string().uuid() });
export const interestParamsSchema = z.strictObject({ id: z.string().uuid(), organisationId: z.string().uuid() });

const solutionFields = {
  name: z.string().trim().min(1, 'give the solution a name').max(200),
  description: z.string().trim().max(10_000),
  sectors: list(10, z.enum(projectSectors)).min(1, 'choose at least one sector'),
  focusAreaIds: list(6, z.string().trim().min(1).max(50)),
  technologies: list(30, tag),
  countriesServed: list(30, countryCodeSchema),
  referenceDeployments: z.string().trim().max(10_000),
  visibility: z.enum(['public', 'partnership']),
};
export const solutionBodySchema = z.strictObject({
  ...solutionFields,
  description: solutionFields.description.default(''),
  focusAreaIds: solutionFields.focusAreaIds.default([]),
  technologies: solutionFields.technologies.default([]),
  countriesServed: solutionFields.countriesServed.default([]),
  referenceDeployments: solutionFields.referenceDeployments.default(''),
  visibility: solutionFields.visibility.default('public'),
});
/** Only the fields given change (no defaults here: a missing field keeps its value). */
export const solutionPatchSchema = z.strictObject(solutionFields).partial();

export const solutionSchema = z.object({
  id: z.string().uuid(),
  organisationId: z.string().uuid(),
  organisationName: z.string(),
  name: z.string(),
  description: z.string(),
  sectors: z.array(z.string()),
  focusAreaIds: z.array(z.string()),
  technologies: z.array(z.string()),
  countriesServed: z.array(z.string()),
  referenceDeployments: z.string(),
  visibility: z.enum(['public', 'partnership']),
  updatedAt: z.string(),
});

export const companyProfileSchema = z.object({
  organisation: z.object({ id: z.string().uuid(), name: z.string(), kind: z.string(), website: z.string().nullable(), description: z.string().nullable() }),
  /** Whether the viewer may add and change this company's solutions. */
  canEdit: z.boolean(),
  solutions: z.array(solutionSchema),
});

export const directoryQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  sector: z.enum(projectSectors).optional(),
  focusArea: z.string().trim().max(50).optional(),
  country: countryCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const directorySchema = z.object({ items: z.array(solutionSchema), total: z.number().int() });

const reasonsSchema = z.object({
  score: z.number(),
  parts: z.object({ text: z.number(), sector: z.number(), focusArea: z.number(), country: z.number() }),
  sharedTerms: z.array(z.string()),
  sector: z.boolean(),
  focusArea: z.boolean(),
  country: z.boolean(),
});

export const interestSchema = z.object({
  projectId: z.string().uuid(),
  organisationId: z.string().uuid(),
  organisationName: z.string(),
  message: z.string(),
  shortlisted: z.boolean(),
  createdAt: z.string(),
  shortlistedAt: z.string().nullable(),
});

export const projectProvidersSchema = z.object({
  project: z.object({ id: z.string().uuid(), title: z.string(), cityId: z.string(), cityName: z.string(), sector: z.string(), focusAreaId: z.string(), visibility: z.string() }),
  /** The city's staff see interests and shortlist. */
  canShortlist: z.boolean(),
  recommendations: z.array(
    reasonsSchema.extend({ organisationId: z.string().uuid(), organisationName: z.string(), solutionNames: z.array(z.string()) }),
  ),
  /** Companies' interests: all of them for the city's staff, the viewer's own company's otherwise. */
  interests: z.array(interestSchema),
});

export const opportunitiesQuerySchema = z.strictObject({ organisationId: z.string().uuid().optional(), limit: z.coerce.number().int().min(1).max(50).default(10) });
export const opportunitiesSchema = z.object({
  organisationId: z.string().uuid(),
  organisationName: z.string(),
  /** False when the company has no solutions yet: nothing to match on. */
  hasSolutions: z.boolean(),
  items: z.array(
    reasonsSchema.extend({
      projectId: z.string().uuid(),
      title: z.string(),
      cityId: z.string(),
      cityName: z.string(),
      countryCode: z.string(),
      /** The project's sector (`sector` is the reason: whether it is one of the company's). */
      projectSector: z.string(),
      focusAreaId: z.string(),
      stage: z.string(),
      interested: z.boolean(),
    }),
  ),
});

export const interestBodySchema = z.strictObject({ message: z.string().trim().min(1, 'say why the company is interested').max(5000) });
export const shortlistBodySchema = z.strictObject({ shortlisted: z.boolean() });
