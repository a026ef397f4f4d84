import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { assistanceRequests, investmentProjects } from '../../db/schema/projects.js';
import { cities } from '../../db/schema/cities.js';
import { deals } from '../../db/schema/events.js';
import type { UsdFactor } from './conversion.js';

/*
 * Business reports: every figure is aggregated by the database over the rows a visibility condition
 * lets through (the same conditions the pipeline, assistance and deals lists use). The conditions
 * name the real tables (investment_projects, cities, assistance_requests, deals), so these queries
 * use the tables under their own names, never aliases.
 */

type Rows = { rows: Record<string, unknown>[] };
const run = async (db: Db, query: SQL) => ((await db.execute(query)) as unknown as Rows).rows;

const int = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
const float = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** The latest usable rate per currency as a table usd(currency, multiplier, divisor) to join on. */
function factorTable(factors: UsdFactor[]): SQL {
  if (factors.length === 0) return sql`(select null::text as currency, null::numeric as multiplier, null::numeric as divisor where false) as usd`;
  const rows = factors.map((f) => sql`(${f.currency}::text, ${f.multiplier.toString()}::numeric, ${f.divisor.toString()}::numeric)`);
  return sql`(values ${sql.join(rows, sql`, `)}) as usd(currency, multiplier, divisor)`;
}

/** U.S. cents of an amount in minor units, rounded half up away from zero, exactly (numeric arithmetic); null without a rate. */
const cents = (minor: SQL) => sql`(sign((${minor})::numeric) * div(2 * abs((${minor})::numeric) * usd.multiplier + usd.divisor, 2 * usd.divisor))`;

/* ---- Pipeline ---- */

export type PipelineReportFilter = { country?: string; sector?: string; focusArea?: string };

function pipelineConditions(visibility: SQL, filter: PipelineReportFilter): SQL {
  const conditions: SQL[] = [sql`(${visibility})`];
  if (filter.country) conditions.push(sql`cities.country_code = ${filter.country}`);
  if (filter.sector) conditions.push(sql`investment_projects.sector = ${filter.sector}`);
  if (filter.focusArea) conditions.push(sql`investment_projects.focus_area_id = ${filter.focusArea}`);
  return sql.join(conditions, sql` and `);
}

/** The currencies of the projects the report covers (to look their rates up). */
export async function pipelineCurrencies(db: Db, visibility: SQL, filter: PipelineReportFilter): Promise<string[]> {
  const rows = await run(
    db,
    sql`select distinct ${investmentProjects}.currency from ${investmentProjects} join ${cities} on cities.id = investment_projects.city_id where ${pipelineConditions(visibility, filter)}`,
  );
  return rows.map((r) => String(r.currency));
}

export type PipelineGroupRow = {
  dimension: 'stage' | 'country' | 'focusArea' | 'sector' | 'total';
  key: string | null;
  name: string | null;
  projects: number;
  withoutCapitalCost: number;
  notConverted: number;
  capitalCostUsdCents: bigint;
  fundingGapUsdCents: bigint;
};

const pipelineDimensions: Record<number, PipelineGroupRow['dimension']> = { 7: 'stage', 11: 'country', 13: 'focusArea', 14: 'sector', 15: 'total' };

/**
 * Projects by stage, by country, by focus area and by sector, and all of them: counts, and the USD sums
 * of capital cost and funding gap (cost − secured, when both are known) of the projects with a usable
 * rate. A project with a capital cost but no rate is counted in `notConverted`, never dropped silently.
 */
export async function pipelineGroups(db: Db, visibility: SQL, filter: PipelineReportFilter, factors: UsdFactor[]): Promise<PipelineGroupRow[]> {
  const rows = await run(
    db,
    sql`
    select grouping(investment_projects.stage, cities.country_code, investment_projects.focus_area_id, investment_projects.sector) as grouping_id,
      coalesce(investment_projects.stage, cities.country_code, investment_projects.focus_area_id, investment_projects.sector) as key,
      coalesce(countries.name, focus_areas.name) as name,
      count(*) as projects,
      count(*) filter (where investment_projects.capital_cost_minor is null) as without_cost,
      count(*) filter (where investment_projects.capital_cost_minor is not null and usd.currency is null) as not_converted,
      coalesce(sum(${cents(sql`investment_projects.capital_cost_minor`)}), 0)::text as cost_cents,
      coalesce(sum(${cents(sql`investment_projects.capital_cost_minor - investment_projects.funding_secured_minor`)}), 0)::text as gap_cents
    from ${investmentProjects}
    join ${cities} on cities.id = investment_projects.city_id
    join countries on countries.code = cities.country_code
    join focus_areas on focus_areas.id = investment_projects.focus_area_id
    left join ${factorTable(factors)} on usd.currency = investment_projects.currency
    where ${pipelineConditions(visibility, filter)}
    group by grouping sets ((investment_projects.stage), (cities.country_code, countries.name), (investment_projects.focus_area_id, focus_areas.name), (investment_projects.sector), ())`,
  );
  return rows.map((r) => ({
    dimension: pipelineDimensions[int(r.grouping_id)]!,
    key: text(r.key),
    name: text(r.name),
    projects: int(r.projects),
    withoutCapitalCost: int(r.without_cost),
    notConverted: int(r.not_converted),
    capitalCostUsdCents: BigInt(String(r.cost_cents)),
    fundingGapUsdCents: BigInt(String(r.gap_cents)),
  }));
}

/* ---- Assistance requests ---- */

/**
 * The requests the scope lets through that reached submission, with the moments of their timeline:
 * first submission (the transition event, else the submitted_at column), first decision (approved or
 * declined), approval and delivery.
 */
function timeline(scope: SQL | undefined): SQL {
  return sql`
    select assistance_requests.agency_organisation_id as agency_id, assistance_requests.status,
      coalesce(ev.submitted, assistance_requests.submitted_at) as submitted, ev.decided, ev.approved, ev.delivered
    from ${assistanceRequests}
    join ${cities} on cities.id = assistance_requests.city_id
    left join lateral (
      select min(e.at) filter (where e.to_status = 'submitted') as submitted,
        min(e.at) filter (where e.to_status in ('approved', 'declined')) as decided,
        min(e.at) filter (where e.to_status = 'approved') as approved,
        min(e.at) filter (where e.to_status = 'delivered') as delivered
      from assistance_events e
      where e.request_id = assistance_requests.id and e.kind = 'transition'
    ) ev on true
    where assistance_requests.status <> 'draft'${scope ? sql` and (${scope})` : sql``}`;
}

/** Statuses of a request still waiting for a decision or a delivery. */
export const openAssistanceStatuses = ['submitted', 'screening', 'approved', 'in_progress'] as const;

export type AssistanceStatusRow = { agencyId: string | null; agencyName: string | null; status: string; requests: number };

/** Requests by agency and status, and by status over every agency (agencyId null). */
export async function assistanceStatusCounts(db: Db, scope: SQL | undefined): Promise<AssistanceStatusRow[]> {
  const rows = await run(
    db,
    sql`
    with visible as (${timeline(scope)})
    select visible.agency_id, organisations.name as agency_name, visible.status, count(*) as requests
    from visible join organisations on organisations.id = visible.agency_id
    group by grouping sets ((visible.agency_id, organisations.name, visible.status), (visible.status))`,
  );
  return rows.map((r) => ({ agencyId: text(r.agency_id), agencyName: text(r.agency_name), status: String(r.status), requests: int(r.requests) }));
}

export type TurnaroundRow = {
  agencyId: string | null;
  agencyName: string | null;
  requests: number;
  decided: number;
  decisionMedianDays: number | null;
  decisionMeanDays: number | null;
  delivered: number;
  deliveryMedianDays: number | null;
  deliveryMeanDays: number | null;
  open: number;
  openOldestDays: number | null;
  openMedianDays: number | null;
};

const days = (later: SQL, earlier: SQL) => sql`(extract(epoch from (${later} - ${earlier})) / 86400)::float8`;

/**
 * Per agency (and over all of them, agencyId null): days from submission to decision and from approval
 * to delivery (median and mean), and the age of the requests still open (oldest, median) at `now`.
 */
export async function assistanceTurnaround(db: Db, scope: SQL | undefined, now: Date): Promise<TurnaroundRow[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const decision = days(sql`visible.decided`, sql`visible.submitted`);
  const delivery = days(sql`visible.delivered`, sql`visible.approved`);
  const age = days(at, sql`visible.submitted`);
  const open = sql`visible.status in (${sql.join(
    openAssistanceStatuses.map((s) => sql`${s}`),
    sql`, `,
  )})`;
  const rows = await run(
    db,
    sql`
    with visible as (${timeline(scope)})
    select visible.agency_id, organisations.name as agency_name,
      count(*) as requests,
      count(*) filter (where visible.decided is not null and visible.submitted is not null) as decided,
      percentile_cont(0.5) within group (order by ${decision}) as decision_median,
      avg(${decision}) as decision_mean,
      count(*) filter (where visible.delivered is not null and visible.approved is not null) as delivered,
      percentile_cont(0.5) within group (order by ${delivery}) as delivery_median,
      avg(${delivery}) as delivery_mean,
      count(*) filter (where ${open}) as open,
      max(${age}) filter (where ${open}) as open_oldest,
      percentile_cont(0.5) within group (order by ${age}) filter (where ${open}) as open_median
    from visible join organisations on organisations.id = visible.agency_id
    group by grouping sets ((visible.agency_id, organisations.name), ())`,
  );
  return rows.map((r) => ({
    agencyId: text(r.agency_id),
    agencyName: text(r.agency_name),
    requests: int(r.requests),
    decided: int(r.decided),
    decisionMedianDays: float(r.decision_median),
    decisionMeanDays: float(r.decision_mean),
    delivered: int(r.delivered),
    deliveryMedianDays: float(r.delivery_median),
    deliveryMeanDays: float(r.delivery_mean),
    open: int(r.open),
    openOldestDays: float(r.open_oldest),
    openMedianDays: float(r.open_median),
  }));
}

/* ---- Deals ---- */

/** The currencies of the deals the scope lets through. */
export async function dealCurrencies(db: Db, scope: SQL | undefined): Promise<string[]> {
  const rows = await run(
    db,
    sql`select distinct deals.currency from ${deals} join ${cities} on cities.id = deals.city_id where deals.currency is not null${scope ? sql` and (${scope})` : sql``}`,
  );
  return rows.map((r) => String(r.currency));
}

export type DealGroupRow = {
  dimension: 'stageSource' | 'stage' | 'source' | 'facilitated' | 'total';
  stage: string | null;
  source: string | null;
  facilitated: boolean | null;
  deals: number;
  withoutValue: number;
  notConverted: number;
  valueUsdCents: bigint;
};

const dealDimensions: Record<number, DealGroupRow['dimension']> = { 1: 'stageSource', 3: 'stage', 5: 'source', 6: 'facilitated', 7: 'total' };

/** Deals by stage and source, by stage, by source, facilitated by an activity or not, and all: counts and USD sums. */
export async function dealGroups(db: Db, scope: SQL | undefined, factors: UsdFactor[]): Promise<DealGroupRow[]> {
  const rows = await run(
    db,
    sql`
    with visible as (
      select deals.stage, deals.source, deals.source <> 'other' as facilitated, deals.value_minor, usd.currency as rate_currency,
        ${cents(sql`deals.value_minor`)} as value_cents
      from ${deals}
      join ${cities} on cities.id = deals.city_id
      left join ${factorTable(factors)} on usd.currency = deals.currency
      ${scope ? sql`where ${scope}` : sql``}
    )
    select grouping(visible.stage, visible.source, visible.facilitated) as grouping_id, visible.stage, visible.source, visible.facilitated,
      count(*) as deals,
      count(*) filter (where visible.value_minor is null) as without_value,
      count(*) filter (where visible.value_minor is not null and visible.rate_currency is null) as not_converted,
      coalesce(sum(visible.value_cents), 0)::text as value_cents
    from visible
    group by grouping sets ((visible.stage, visible.source), (visible.stage), (visible.source), (visible.facilitated), ())`,
  );
  return rows.map((r) => ({
    dimension: dealDimensions[int(r.grouping_id)]!,
    stage: text(r.stage),
    source: text(r.source),
    facilitated: r.facilitated === null || r.facilitated === undefined ? null : r.facilitated === true || r.facilitated === 't',
    deals: int(r.deals),
    withoutValue: int(r.without_value),
    notConverted: int(r.not_converted),
    valueUsdCents: BigInt(String(r.value_cents)),
  }));
}
