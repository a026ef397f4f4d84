/**
 * Business reports (issue 3, item 7): the investment pipeline by stage, country, focus area and sector;
 * technical-assistance requests by agency and status with turnaround times; deals by stage and source.
 * Anyone signed in may ask; each report counts exactly the records the viewer may see, by the same
 * rules as the module's own lists (pipeline visibility and sharing; the assistance circle of city,
 * national representatives, routed agency and secretariat; the deal circle). USD values use the latest
 * rate per currency dated on or before today; records that have an amount but no usable rate are
 * counted apart ("value not converted"), never dropped silently.
 */
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { dealSources, dealStages, type DealSource, type DealStage } from '../../db/schema/events.js';
import { assistanceStatuses, pipelineStages, projectSectors, type AssistanceStatus } from '../../db/schema/projects.js';
import { requireSignedIn, restrictedScope, type Viewer } from '../../policy/policy.js';
import { guardCell } from '../../server/csv.js';
import { invalidInput, type FieldProblem } from '../../server/errors.js';
import { scopeFilter } from '../assistance/queries.js';
import { scopeOf as assistanceScopeOf } from '../assistance/service.js';
import { findCountry, findFocusArea } from '../cities/queries.js';
import { scopeCondition as dealScopeCondition } from '../deals/queries.js';
import { dealScope } from '../deals/service.js';
import { latestRates, pipelineVisibilityCondition, type RateRow } from '../pipeline/queries.js';
import { stageNames } from '../pipeline/service.js';
import { centsToDecimal, parseRate, todayUtc } from '../pipeline/usd.js';
import { roundDays, usdFactor, type UsdFactor } from './conversion.js';
import {
  assistanceStatusCounts,
  assistanceTurnaround,
  dealCurrencies,
  dealGroups,
  pipelineCurrencies,
  pipelineGroups,
  type DealGroupRow,
  type PipelineGroupRow,
  type TurnaroundRow,
} from './queries.js';
import type { assistanceReportAgencySchema, assistanceReportSchema, dealReportSchema, pipelineReportGroupSchema, pipelineReportQuerySchema, pipelineReportSchema } from './schemas.js';

type PipelineReport = z.infer<typeof pipelineReportSchema>;
type PipelineGroup = z.infer<typeof pipelineReportGroupSchema>;
type AssistanceReport = z.infer<typeof assistanceReportSchema>;
type AgencyLine = z.infer<typeof assistanceReportAgencySchema>;
type DealReport = z.infer<typeof dealReportSchema>;

/** "public_safety" → "Public safety". */
const humanise = (key: string) => key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, ' ');
const byCountThenName = <T extends { name: string; projects: number }>(a: T, b: T) => b.projects - a.projects || a.name.localeCompare(b.name);

/** The usable rates for these currencies today, as SQL factors, with what was used and what was missing. */
async function conversion(db: Db, currencies: string[], on: string) {
  const rates = await latestRates(
    db,
    currencies.filter((c) => c !== 'USD'),
    on,
  );
  const factors: UsdFactor[] = [];
  const used: RateRow[] = [];
  const missing: string[] = [];
  for (const currency of [...new Set(currencies)].sort()) {
    const rate = rates.get(currency) ?? null;
    const factor = usdFactor(currency, rate?.unitsPerUsd ?? null);
    if (!factor) missing.push(currency);
    else {
      factors.push(factor);
      if (rate) used.push(rate);
    }
  }
  return {
    factors,
    rates: used.map((rate) => ({ currency: rate.currency, rateDate: rate.rateDate, unitsPerUsd: parseRate(rate.unitsPerUsd)?.normalised ?? rate.unitsPerUsd })),
    currenciesWithoutRate: missing,
  };
}

/* ---- Pipeline ---- */

async function checkPipelineFilter(db: Db, query: z.infer<typeof pipelineReportQuerySchema>) {
  const problems: FieldProblem[] = [];
  if (query.country && !(await findCountry(db, query.country))) problems.push({ field: 'query.country', message: `"${query.country}" is not a country Mitra knows` });
  if (query.focusArea && !(await findFocusArea(db, query.focusArea))) {
    problems.push({ field: 'query.focusArea', message: `"${query.focusArea}" is not one of the six ASEAN focus areas` });
  }
  if (problems.length) throw invalidInput('The report filter', problems);
}

function pipelineGroup(row: PipelineGroupRow | undefined, key: string, name: string): PipelineGroup {
  return {
    key,
    name,
    projects: row?.projects ?? 0,
    capitalCostUsd: centsToDecimal(row?.capitalCostUsdCents ?? 0n),
    fundingGapUsd: centsToDecimal(row?.fundingGapUsdCents ?? 0n),
    notConverted: row?.notConverted ?? 0,
    withoutCapitalCost: row?.withoutCapitalCost ?? 0,
  };
}

export async function pipelineReport(db: Db, viewer: Viewer, query: z.infer<typeof pipelineReportQuerySchema>, now = new Date()): Promise<PipelineReport> {
  const actor = requireSignedIn(viewer);
  await checkPipelineFilter(db, query);
  // The pipeline's own rule: public and partnership projects, restricted ones of the viewer's city or
  // country (all for the secretariat), and those shared with the viewer's organisation.
  const visibility = pipelineVisibilityCondition(true, restrictedScope(actor), actor.organisationId);
  const ratesOn = todayUtc(now);
  const { factors, rates, currenciesWithoutRate } = await conversion(db, await pipelineCurrencies(db, visibility, query), ratesOn);
  const rows = await pipelineGroups(db, visibility, query, factors);
  const of = (dimension: PipelineGroupRow['dimension']) => rows.filter((row) => row.dimension === dimension);
  const stageRows = new Map(of('stage').map((row) => [row.key, row]));
  return {
    ratesOn,
    rates,
    currenciesWithoutRate,
    total: pipelineGroup(of('total')[0], 'all', 'All projects'),
    // Every stage, in pipeline order, empty ones included: the stages read as a funnel.
    byStage: pipelineStages.map((stage) => ({ ...pipelineGroup(stageRows.get(stage), stage, stageNames[stage]), key: stage })),
    byCountry: of('country')
      .map((row) => pipelineGroup(row, row.key!, row.name ?? row.key!))
      .sort(byCountThenName),
    byFocusArea: of('focusArea')
      .map((row) => pipelineGroup(row, row.key!, row.name ?? row.key!))
      .sort(byCountThenName),
    bySector: of('sector')
      .map((row) => ({ ...pipelineGroup(row, row.key!, humanise(row.key!)), key: row.key as (typeof projectSectors)[number] }))
      .sort(byCountThenName),
  };
}

export async function pipelineReportCsv(db: Db, viewer: Viewer, query: z.infer<typeof pipelineReportQuerySchema>) {
  const report = await pipelineReport(db, viewer, query);
  const header = ['grouping', 'key', 'name', 'projects', 'capital_cost_usd', 'funding_gap_usd', 'value_not_converted', 'without_capital_cost'];
  const line = (grouping: string, group: PipelineGroup) => [
    grouping,
    guardCell(group.key),
    guardCell(group.name),
    group.projects,
    group.capitalCostUsd,
    group.fundingGapUsd,
    group.notConverted,
    group.withoutCapitalCost,
  ];
  return stringify([
    header,
    line('total', report.total),
    ...report.byStage.map((g) => line('stage', g)),
    ...report.byCountry.map((g) => line('country', g)),
    ...report.byFocusArea.map((g) => line('focus_area', g)),
    ...report.bySector.map((g) => line('sector', g)),
  ]);
}

/* ---- Assistance requests ---- */

type ReportedStatus = Exclude<AssistanceStatus, 'draft'>;
const reportedStatuses = assistanceStatuses.filter((s): s is ReportedStatus => s !== 'draft');

function agencyLine(agencyId: string, agencyName: string, turnaround: TurnaroundRow | undefined, counts: Map<string, number>): AgencyLine {
  return {
    agencyId,
    agencyName,
    requests: turnaround?.requests ?? 0,
    byStatus: Object.fromEntries(reportedStatuses.map((s) => [s, counts.get(s) ?? 0])) as AgencyLine['byStatus'],
    turnaround: {
      decided: turnaround?.decided ?? 0,
      decisionMedianDays: roundDays(turnaround?.decisionMedianDays ?? null),
      decisionMeanDays: roundDays(turnaround?.decisionMeanDays ?? null),
      delivered: turnaround?.delivered ?? 0,
      deliveryMedianDays: roundDays(turnaround?.deliveryMedianDays ?? null),
      deliveryMeanDays: roundDays(turnaround?.deliveryMeanDays ?? null),
    },
    open: { requests: turnaround?.open ?? 0, oldestDays: roundDays(turnaround?.openOldestDays ?? null), medianDays: roundDays(turnaround?.openMedianDays ?? null) },
  };
}

export async function assistanceReport(db: Db, viewer: Viewer, now = new Date()): Promise<AssistanceReport> {
  const actor = requireSignedIn(viewer);
  // The list's own circle: the city's requests, its country's (national representatives), those routed
  // to the viewer's agency, everything for the secretariat. Drafts never count.
  const scope = scopeFilter(assistanceScopeOf(actor));
  const [statusRows, turnaroundRows] = await Promise.all([assistanceStatusCounts(db, scope), assistanceTurnaround(db, scope, now)]);
  const countsOf = (agencyId: string | null) => new Map(statusRows.filter((row) => row.agencyId === agencyId).map((row) => [row.status, row.requests]));
  const byAgency = turnaroundRows
    .filter((row) => row.agencyId !== null)
    .map((row) => agencyLine(row.agencyId!, row.agencyName ?? '', row, countsOf(row.agencyId)))
    .sort((a, b) => b.requests - a.requests || a.agencyName.localeCompare(b.agencyName));
  return {
    measuredAt: now.toISOString(),
    total: agencyLine(
      'all',
      'All agencies',
      turnaroundRows.find((row) => row.agencyId === null),
      countsOf(null),
    ),
    byAgency,
  };
}

export async function assistanceReportCsv(db: Db, viewer: Viewer) {
  const report = await assistanceReport(db, viewer);
  const header = [
    'grouping',
    'agency_id',
    'agency',
    'requests',
    ...reportedStatuses.map((s) => `status_${s}`),
    'decided',
    'decision_median_days',
    'decision_mean_days',
    'delivered',
    'delivery_median_days',
    'delivery_mean_days',
    'open',
    'open_oldest_days',
    'open_median_days',
  ];
  const cell = (days: number | null) => (days === null ? '' : days);
  const line = (grouping: string, a: AgencyLine) => [
    grouping,
    guardCell(a.agencyId),
    guardCell(a.agencyName),
    a.requests,
    ...reportedStatuses.map((s) => a.byStatus[s]),
    a.turnaround.decided,
    cell(a.turnaround.decisionMedianDays),
    cell(a.turnaround.decisionMeanDays),
    a.turnaround.delivered,
    cell(a.turnaround.deliveryMedianDays),
    cell(a.turnaround.deliveryMeanDays),
    a.open.requests,
    cell(a.open.oldestDays),
    cell(a.open.medianDays),
  ];
  return stringify([header, line('total', report.total), ...report.byAgency.map((a) => line('agency', a))]);
}

/* ---- Deals ---- */

const dealGroup = (row: DealGroupRow | undefined) => ({
  deals: row?.deals ?? 0,
  valueUsd: centsToDecimal(row?.valueUsdCents ?? 0n),
  notConverted: row?.notConverted ?? 0,
  withoutValue: row?.withoutValue ?? 0,
});

export async function dealReport(db: Db, viewer: Viewer, now = new Date()): Promise<DealReport> {
  const actor = requireSignedIn(viewer);
  // The deal list's circle: the two sides, the organisers of the producing event, the city's national
  // representatives; everything for the secretariat.
  const scope = dealScopeCondition(dealScope(actor));
  const ratesOn = todayUtc(now);
  const { factors, rates, currenciesWithoutRate } = await conversion(db, await dealCurrencies(db, scope), ratesOn);
  const rows = await dealGroups(db, scope, factors);
  const find = (test: (row: DealGroupRow) => boolean) => rows.find(test);
  return {
    ratesOn,
    rates,
    currenciesWithoutRate,
    total: dealGroup(find((row) => row.dimension === 'total')),
    facilitated: dealGroup(find((row) => row.dimension === 'facilitated' && row.facilitated === true)),
    byStage: dealStages.map((stage) => ({ stage, ...dealGroup(find((row) => row.dimension === 'stage' && row.stage === stage)) })),
    bySource: dealSources.map((source) => ({ source, facilitated: source !== 'other', ...dealGroup(find((row) => row.dimension === 'source' && row.source === source)) })),
    byStageAndSource: rows
      .filter((row) => row.dimension === 'stageSource')
      .map((row) => ({ stage: row.stage as DealStage, source: row.source as DealSource, ...dealGroup(row) }))
      .sort((a, b) => dealStages.indexOf(a.stage) - dealStages.indexOf(b.stage) || dealSources.indexOf(a.source) - dealSources.indexOf(b.source)),
  };
}

export async function dealReportCsv(db: Db, viewer: Viewer) {
  const report = await dealReport(db, viewer);
  const header = ['grouping', 'stage', 'source', 'deals', 'value_usd', 'value_not_converted', 'without_value'];
  const line = (grouping: string, stage: string, source: string, g: ReturnType<typeof dealGroup>) => [grouping, stage, source, g.deals, g.valueUsd, g.notConverted, g.withoutValue];
  return stringify([
    header,
    line('total', '', '', report.total),
    line('facilitated', '', '', report.facilitated),
    ...report.byStage.map((g) => line('stage', g.stage, '', g)),
    ...report.bySource.map((g) => line('source', '', g.source, g)),
    ...report.byStageAndSource.map((g) => line('stage_source', g.stage, g.source, g)),
  ]);
}
