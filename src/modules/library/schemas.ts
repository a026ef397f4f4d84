import { z } from 'zod';
import { practiceCostRanges, practiceKinds, practiceStatuses, practiceVisibilities } from '../../db/schema/library.js';
import { cursorSchema, limitSchema, pageSchema } from '../../server/pagination.js';
import { documentSchema } from '../documents/schemas.js';

const cityIdSchema = z.string().regex(/^[a-z0-9-]{1,100}$/, 'must be a city id such as da-nang');
export const practiceIdParamsSchema = z.strictObject({ practiceId: z.string().uuid() });
export const replicationParamsSchema = z.strictObject({ practiceId: z.string().uuid(), replicationId: z.string().uuid() });

/** A BCP 47 language tag: a language subtag, then optional script/region/variant subtags (vi, id, th, en-US, zh-Hant). */
export const languageSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en, vi, id or th')
  .max(35);

export const outcomeIndicatorSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  value: z.number().finite(),
  unit: z.string().trim().max(50),
});

const tags = (max: number) => z.array(z.string().trim().min(1).max(100)).max(max);

/** The fields of a practice, without defaults: a PATCH must never reset what it does not name. */
const practiceFieldsSchema = z.strictObject({
  kind: z.enum(practiceKinds),
  title: z.string().trim().min(3).max(300),
  summary: z.string().trim().max(2000),
  body: z.string().max(100_000),
  focusAreaId: z.string().max(50),
  sectors: tags(20),
  cityId: cityIdSchema.nullable(),
  technologies: tags(30),
  standards: tags(30),
  costRange: z.enum(practiceCostRanges).nullable(),
  outcomeIndicators: z.array(outcomeIndicatorSchema).max(30),
  language: languageSchema,
  visibility: z.enum(practiceVisibilities),
});
export const practiceBodySchema = practiceFieldsSchema.extend({
  summary: practiceFieldsSchema.shape.summary.default(''),
  body: practiceFieldsSchema.shape.body.default(''),
  sectors: practiceFieldsSchema.shape.sectors.default([]),
  cityId: practiceFieldsSchema.shape.cityId.default(null),
  technologies: practiceFieldsSchema.shape.technologies.default([]),
  standards: practiceFieldsSchema.shape.standards.default([]),
  costRange: practiceFieldsSchema.shape.costRange.default(null),
  outcomeIndicators: practiceFieldsSchema.shape.outcomeIndicators.default([]),
  language: languageSchema.default('en'),
  visibility: practiceFieldsSchema.shape.visibility.default('public'),
});
export const updatePracticeBodySchema = practiceFieldsSchema.partial();

/** A translation carries only the texts; the metadata is the original's. */
export const translationBodySchema = z.strictObject({
  language: languageSchema,
  title: practiceFieldsSchema.shape.title,
  summary: practiceFieldsSchema.shape.summary.default(''),
  body: practiceFieldsSchema.shape.body.default(''),
});

export const returnBodySchema = z.strictObject({ comment: z.string().trim().min(1, 'say what to revise').max(5000) });

export const replicationBodySchema = z.strictObject({
  cityId: cityIdSchema,
  year: z.number().int().min(1990).max(2100),
  note: z.string().trim().max(2000).default(''),
});

export const replicationSchema = z.object({
  id: z.string().uuid(),
  cityId: z.string(),
  cityName: z.string(),
  countryCode: z.string(),
  year: z.number().int(),
  note: z.string(),
});

export const practiceSummarySchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(practiceKinds),
  title: z.string(),
  summary: z.string(),
  focusAreaId: z.string(),
  sectors: z.array(z.string()),
  cityId: z.string().nullable(),
  cityName: z.string().nullable(),
  countryCode: z.string().nullable(),
  technologies: z.array(z.string()),
  standards: z.array(z.string()),
  costRange: z.enum(practiceCostRanges).nullable(),
  outcomeIndicators: z.array(outcomeIndicatorSchema),
  language: z.string(),
  translationOf: z.string().uuid().nullable(),
  status: z.enum(practiceStatuses),
  visibility: z.enum(practiceVisibilities),
  organisationId: z.string().uuid(),
  organisationName: z.string(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const practiceDetailSchema = practiceSummarySchema.extend({
  body: z.string(),
  /** The body rendered from Markdown and sanitised: safe to insert as HTML. */
  bodyHtml: z.string(),
  /** Shown to the owners and the secretariat only. */
  reviewComment: z.string().nullable(),
  /** The other language versions the viewer may see (the original included, when this is a translation). */
  translations: z.array(z.object({ id: z.string().uuid(), language: z.string(), title: z.string(), status: z.enum(practiceStatuses) })),
  replications: z.array(replicationSchema),
  attachments: z.array(documentSchema),
  canEdit: z.boolean(),
  canReview: z.boolean(),
});

export const listPracticesQuerySchema = z.strictObject({
  kind: z.enum(practiceKinds).optional(),
  focusArea: z.string().max(50).optional(),
  city: cityIdSchema.optional(),
  country: z.string().length(2).toUpperCase().optional(),
  language: languageSchema.optional(),
  /** Drafts and practices in review are only ever listed to their owners and the secretariat. */
  status: z.enum(practiceStatuses).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const practicePageSchema = pageSchema(practiceSummarySchema);

export const searchTypes = ['practice', 'project'] as const;
export const searchQuerySchema = z.strictObject({
  q: z.string().trim().min(1, 'type something to search for').max(200),
  type: z.enum(searchTypes).optional(),
  focusArea: z.string().max(50).optional(),
  country: z.string().length(2).toUpperCase().optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});

const facetSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));
export const searchResultSchema = z.object({
  items: z.array(
    z.object({
      type: z.enum(searchTypes),
      id: z.string().uuid(),
      title: z.string(),
      /** The title and an excerpt, HTML-escaped, with the matched words in <mark>…</mark>. */
      titleHtml: z.string(),
      snippetHtml: z.string(),
      /** For practices, their kind; for projects, their status. */
      kind: z.string(),
      focusAreaId: z.string(),
      cityId: z.string().nullable(),
      countryCode: z.string().nullable(),
      language: z.string().nullable(),
      rank: z.number(),
    }),
  ),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
  /** Counts over every result the viewer may see for this text, before the type, focus area and country filters. */
  facets: z.object({ type: facetSchema, focusArea: facetSchema, country: facetSchema }),
});
