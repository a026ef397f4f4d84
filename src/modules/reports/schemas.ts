import { z } from 'zod';
import { assistanceStatuses, pipelineStages, projectSectors } from '../../db/schema/projects.js';
import { dealSources, dealStages } from '../../db/schema/events.js';

/** USD amounts travel as exact decimal strings ("1234567.89"), never as floats. */
const usdSchema = z.string().describe('Exact decimal string in U.S. dollars, e.g. "1234567.89"');

export const pipelineReportQuerySchema = z.strictObject({
  country: z.string().length(2, 'must be a two-letter country code such as VN').toUpperCase().optional(),
  sector: z.enum(projectSectors).optional(),
  focusArea: z.string().max(50).optional(),
});

export const reportRateSchema = z.object({ currency: z.string(), rateDate: z.string(), unitsPerUsd: z.string() });

export const pipelineReportGroupSchema = z.object({
  /** Stage, country code, focus area id or sector; "all" for the total. */
  key: z.string(),
  name: z.string(),
  projects: z.number().int(),
  /** Sum over the projects with a capital cost and a usable rate. */
  capitalCostUsd: usdSchema,
  /** Sum of (capital cost − funding secured) over the projects with both amounts and a usable rate. */
  fundingGapUsd: usdSchema,
  /** Projects with a capital cost but no usable rate for their currency: not in the sums. */
  notConverted: z.number().int(),
  /** Projects without a capital cost. */
  withoutCapitalCost: z.number().int(),
});

export const pipelineReportSchema = z.object({
  /** The day whose rates apply (the latest rate dated on or before it, per currency). */
  ratesOn: z.string(),
  rates: z.array(reportRateSchema),
  /** Currencies of projects in the report that have no usable rate. */
  currenciesWithoutRate: z.array(z.string()),
  total: pipelineReportGroupSchema,
  byStage: z.array(pipelineReportGroupSchema.extend({ key: z.enum(pipelineStages) })),
  byCountry: z.array(pipelineReportGroupSchema),
  byFocusArea: z.array(pipelineReportGroupSchema),
  bySector: z.array(pipelineReportGroupSchema.extend({ key: z.enum(projectSectors) })),
});

const statusCountsSchema = z.object(Object.fromEntries(assistanceStatuses.filter((s) => s !== 'draft').map((s) => [s, z.number().int()])) as Record<
  Exclude<(typeof assistanceStatuses)[number], 'draft'>,
  z.ZodNumber
>);

const daysSchema = z.number().nullable().describe('Days, to one decimal place; null when there is nothing to measure');

export const assistanceReportAgencySchema = z.object({
  /** The agency's organisation id; "all" for the total over every agency. */
  agencyId: z.string(),
  agencyName: z.string(),
  requests: z.number().int(),
  byStatus: statusCountsSchema,
  turnaround: z.object({
    /** Requests decided (approved or declined) and the days from submission to decision. */
    decided: z.number().int(),
    decisionMedianDays: daysSchema,
    decisionMeanDays: daysSchema,
    /** Requests delivered and the days from approval to delivery. */
    delivered: z.number().int(),
    deliveryMedianDays: daysSchema,
    deliveryMeanDays: daysSchema,
  }),
  /** Requests waiting for a decision or a delivery (submitted, screening, approved, in progress) and their age since submission. */
  open: z.object({ requests: z.number().int(), oldestDays: daysSchema, medianDays: daysSchema }),
});

export const assistanceReportSchema = z.object({
  /** When the ages of open requests were measured. */
  measuredAt: z.string(),
  total: assistanceReportAgencySchema,
  byAgency: z.array(assistanceReportAgencySchema),
});

export const dealReportGroupSchema = z.object({
  deals: z.number().int(),
  valueUsd: usdSchema,
  /** Deals with a value but no usable rate for its currency: not in the sum. */
  notConverted: z.number().int(),
  withoutValue: z.number().int(),
});

export const dealReportSchema = z.object({
  ratesOn: z.string(),
  rates: z.array(reportRateSchema),
  currenciesWithoutRate: z.array(z.string()),
  total: dealReportGroupSchema,
  /** Deals produced by an activity of the partnership (a meeting, mission, event, assistance request or interest in a pipeline project). */
  facilitated: dealReportGroupSchema,
  byStage: z.array(dealReportGroupSchema.extend({ stage: z.enum(dealStages) })),
  bySource: z.array(dealReportGroupSchema.extend({ source: z.enum(dealSources), facilitated: z.boolean() })),
  byStageAndSource: z.array(dealReportGroupSchema.extend({ stage: z.enum(dealStages), source: z.enum(dealSources) })),
});
