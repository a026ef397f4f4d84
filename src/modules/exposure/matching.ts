/**
 * Turns the exposure engine's matches into `exposures` rows and keeps them current when an asset or a
 * feed changes. Runs inside the caller's transaction; it does not check access (the callers — the
 * inventory service and the feed import — have already done so) and writes no audit entries of its
 * own (the caller's change is what is audited).
 *
 * Reconcile rules (one exposure per asset and vulnerability; several sources may describe the same
 * vulnerability, and the engine picks the best match among them):
 * - a new match inserts an exposure: status `open`, first seen now, an `exposure_events` row;
 * - an existing one is refreshed (evidence, match status, scores, last seen, active again);
 * - `false_positive`: kept while the evidence fingerprint is the one the city judged; different
 *   evidence reopens it (`open`, event "new evidence") — the city judged other evidence;
 * - `remediated`: kept with the same evidence (the city fixed it; the inventory may simply be stale);
 *   different evidence (the feed widened its range, the inventory changed and still matches) reopens it;
 * - `mitigating` and `accepted_risk` are the city's ongoing decisions and are kept;
 * - a match that disappeared turns `active` false: kept for history, never deleted.
 *
 * Deleting an asset deletes its exposures (cascade); call `updateSnapshots` for its city afterwards.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  assetComponents,
  assets,
  epssScores,
  exposureEvents,
  exposureSnapshots,
  exposures,
  kevEntries,
  organisations,
  users,
  vulnerabilityProducts,
  vulnerabilityRecords,
  type AssetCriticality,
  type ExposureStatus,
} from '../../db/schema/index.js';
import { matchAssetAgainst, productKeysOfAsset } from '../../engines/exposure/matcher.js';
import type { Match, MatchAsset, RecordSource, VulnerabilityRecord } from '../../engines/exposure/model.js';
import type { AppContext } from '../../server/context.js';
import type { AfterCommit } from '../../server/transaction.js';
import { notify } from '../notifications/service.js';

export type RematchSummary = { assets: number; opened: number; updated: number; closed: number; reopened: number };

const emptySummary = (): RematchSummary => ({ assets: 0, opened: 0, updated: 0, closed: 0, reopened: 0 });

/** Statuses in which the city still has work to do; the others are resolved. */
export const unresolvedStatuses: readonly ExposureStatus[] = ['open', 'mitigating'];
export const resolvedStatuses: readonly ExposureStatus[] = ['remediated', 'accepted_risk', 'false_positive'];

/* ---- Priority: the one place it is defined ---- */

export type PriorityLabel = 'critical' | 'high' | 'medium' | 'low';
const criticalityRank: Record<AssetCriticality, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export type PriorityInput = {
  kev: boolean;
  epss: number | null;
  cvssScore: number | null;
  internetExposed: boolean;
  criticality: AssetCriticality;
};

/**
 * `priorityScore` packs the ordering KEV, then EPSS, then CVSS, then internet exposure, then asset
 * criticality into one number, each in its own decimal digits so no lower key can outweigh a higher one:
 *   kev (0/1) × 1e9 + EPSS in thousandths (0–1000) × 1e5 + CVSS in tenths (0–100) × 1e2
 *   + internet-exposed (0/1) × 10 + criticality (low 0 … critical 3).
 * Ordering by it descending is exactly that lexicographic order (EPSS to 3 decimals, CVSS to 1).
 * A missing EPSS or CVSS counts as 0 in the score (nothing is invented).
 *
 * The label: critical = on the KEV list, or CVSS ≥ 9 on an internet-exposed asset; high = EPSS ≥ 0.1
 * or CVSS ≥ 7; medium = CVSS ≥ 4, or no CVSS known (unknown is not low); low otherwise.
 */
export function computePriority(input: PriorityInput): { priorityScore: number; priority: PriorityLabel } {
  const epssMilli = input.epss === null ? 0 : Math.min(1000, Math.max(0, Math.round(input.epss * 1000)));
  const cvssTenths = input.cvssScore === null ? 0 : Math.min(100, Math.max(0, Math.round(input.cvssScore * 10)));
  const priorityScore =
    (input.kev ? 1 : 0) * 1e9 + epssMilli * 1e5 + cvssTenths * 1e2 + (input.internetExposed ? 1 : 0) * 10 + criticalityRank[input.criticality];
  let priority: PriorityLabel;
  if (input.kev || (input.cvssScore !== null && input.cvssScore >= 9 && input.internetExposed)) priority = 'critical';
  else if ((input.epss !== null && input.epss >= 0.1) || (input.cvssScore !== null && input.cvssScore >= 7)) priority = 'high';
  else if (input.cvssScore === null || input.cvssScore >= 4) priority = 'medium';
  else priority = 'low';
  return { priorityScore, priority };
}

/* ---- Loading ---- */

/** Keeps every `IN (…)` list well under PostgreSQL's parameter limit. */
const listChunk = 5_000;
function chunked<T>(items: readonly T[], size = listChunk): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type AssetInfo = { id: string; cityId: string; name: string; criticality: AssetCriticality; internetExposed: boolean; match: MatchAsset };

async function loadAssets(tx: Db, assetIds: string[] | 'all'): Promise<AssetInfo[]> {
  const out: AssetInfo[] = [];
  const groups = assetIds === 'all' ? [undefined] : chunked(assetIds);
  for (const ids of groups) {
    const rows = await tx
      .select({ id: assets.id, cityId: assets.cityId, name: assets.name, criticality: assets.criticality, internetExposed: assets.internetExposed })
      .from(assets)
      .where(ids ? inArray(assets.id, ids) : undefined);
    if (!rows.length) continue;
    const components = await tx
      .select()
      .from(assetComponents)
      .where(ids ? inArray(assetComponents.assetId, ids) : undefined)
      .orderBy(assetComponents.assetId, assetComponents.position);
    const byAsset = new Map<string, MatchAsset['components']>();
    for (const c of components) {
      const list = byAsset.get(c.assetId) ?? [];
      list.push({ id: c.id, vendor: c.vendor || undefined, product: c.product || undefined, version: c.version || undefined, cpes: c.cpes });
      byAsset.set(c.assetId, list);
    }
    for (const row of rows) out.push({ ...row, match: { id: row.id, components: byAsset.get(row.id) ?? [] } });
  }
  return out;
}

type RecordRow = typeof vulnerabilityRecords.$inferSelect;

/** A stored record as the engine's `VulnerabilityRecord`. */
export function recordOfRow(row: RecordRow): VulnerabilityRecord {
  return {
    key: row.key,
    source: row.source,
    vulnerabilityId: row.vulnerabilityId,
    advisoryId: row.advisoryId ?? undefined,
    title: row.title || undefined,
    description: row.description || undefined,
    published: row.publishedAt?.toISOString(),
    modified: row.modifiedAt?.toISOString(),
    cvss:
      row.cvssScore === null
        ? undefined
        : { version: row.cvssVersion ?? '', baseScore: row.cvssScore, severity: row.cvssSeverity ?? undefined, vector: row.cvssVector ?? undefined },
    applicability: row.applicability,
  };
}

async function recordsOfVulnerabilities(tx: Db, vulnerabilityIds: string[]): Promise<RecordRow[]> {
  const out: RecordRow[] = [];
  for (const ids of chunked(vulnerabilityIds)) {
    out.push(...(await tx.select().from(vulnerabilityRecords).where(inArray(vulnerabilityRecords.vulnerabilityId, ids))));
  }
  return out;
}

type Enrichment = { kev: Map<string, string>; epss: Map<string, number> };

/** KEV due dates and EPSS scores of these CVEs. */
async function loadEnrichment(tx: Db, cveIds: string[]): Promise<Enrichment> {
  const kev = new Map<string, string>();
  const epss = new Map<string, number>();
  for (const ids of chunked([...new Set(cveIds)])) {
    for (const row of await tx.select({ cveId: kevEntries.cveId, dueDate: kevEntries.dueDate }).from(kevEntries).where(inArray(kevEntries.cveId, ids))) {
      kev.set(row.cveId, row.dueDate);
    }
    for (const row of await tx.select({ cveId: epssScores.cveId, epss: epssScores.epss }).from(epssScores).where(inArray(epssScores.cveId, ids))) {
      epss.set(row.cveId, row.epss);
    }
  }
  return { kev, epss };
}

const sourceRank: Record<RecordSource, number> = { nvd: 0, cve5: 1, csaf: 2 };
/** The product key the engine gives records that wildcard the vendor or product. */
const wildcardKey = '*';

/** CVSS from the best record that has one: NVD first, then CVE 5, then CSAF (highest score within a source). */
function bestCvss(records: RecordRow[]): number | null {
  const scored = records.filter((r) => r.cvssScore !== null);
  scored.sort((a, b) => sourceRank[a.source] - sourceRank[b.source] || (b.cvssScore ?? 0) - (a.cvssScore ?? 0));
  return scored[0]?.cvssScore ?? null;
}

/** One match per vulnerability; the engine already returns one (its order decides), this only guards. */
function bestMatches(matches: Match[]): Map<string, Match> {
  const best = new Map<string, Match>();
  for (const m of matches) if (!best.has(m.vulnerability)) best.set(m.vulnerability, m);
  return best;
}

/* ---- Reconciling ---- */

type NewlyKev = { cityId: string; assetName: string; vulnerabilityId: string; dueDate: string | null };

type RunState = { summary: RematchSummary; cities: Set<string>; newlyKev: NewlyKev[]; now: Date };

/**
 * Reconciles one asset's exposures with its matches. `scope` limits which existing exposures may be
 * closed: all of the asset's (a rematch of the asset) or those of the re-evaluated vulnerabilities.
 */
async function reconcileAsset(
  tx: Db,
  state: RunState,
  asset: AssetInfo,
  matches: Match[],
  records: Map<string, RecordRow[]>,
  enrichment: Enrichment,
  scope: 'all' | Set<string>,
) {
  const best = bestMatches(matches);
  // An asset has few exposures: filter by scope here rather than send thousands of ids per asset.
  const existing = (await tx.select().from(exposures).where(eq(exposures.assetId, asset.id))).filter(
    (e) => scope === 'all' || scope.has(e.vulnerabilityId),
  );
  const existingByVulnerability = new Map(existing.map((e) => [e.vulnerabilityId, e]));
  state.summary.assets += 1;
  state.cities.add(asset.cityId);

  for (const [vulnerabilityId, match] of best) {
    const kevDueDate = enrichment.kev.get(vulnerabilityId) ?? null;
    const kev = kevDueDate !== null || match.kev;
    const epss = enrichment.epss.get(vulnerabilityId) ?? null;
    const cvssScore = bestCvss(records.get(vulnerabilityId) ?? []);
    const { priorityScore, priority } = computePriority({ kev, epss, cvssScore, internetExposed: asset.internetExposed, criticality: asset.criticality });
    const values = {
      source: match.source,
      matchStatus: match.status,
      evidence: match.evidence,
      evidenceFingerprint: match.evidence.fingerprint,
      kev,
      kevDueDate,
      epss,
      cvssScore,
      priorityScore,
      priority,
      active: true,
      lastSeenAt: state.now,
    };
    const current = existingByVulnerability.get(vulnerabilityId);
    if (!current) {
      const [row] = await tx
        .insert(exposures)
        .values({ cityId: asset.cityId, assetId: asset.id, vulnerabilityId, ...values, status: 'open', firstSeenAt: state.now })
        .returning({ id: exposures.id });
      await tx.insert(exposureEvents).values({ exposureId: row!.id, fromStatus: null, toStatus: 'open', reason: 'matched', at: state.now });
      state.summary.opened += 1;
      if (kev) state.newlyKev.push({ cityId: asset.cityId, assetName: asset.name, vulnerabilityId, dueDate: kevDueDate });
      continue;
    }
    let status: ExposureStatus = current.status;
    const evidenceChanged = current.evidenceFingerprint !== match.evidence.fingerprint;
    if ((status === 'false_positive' || status === 'remediated') && evidenceChanged) {
      await tx.insert(exposureEvents).values({ exposureId: current.id, fromStatus: status, toStatus: 'open', reason: 'new evidence', at: state.now });
      status = 'open';
      state.summary.reopened += 1;
    }
    const statusChange = status !== current.status ? { status, statusReason: 'new evidence', statusChangedBy: null, statusChangedAt: state.now } : {};
    await tx
      .update(exposures)
      .set({ ...values, ...statusChange })
      .where(eq(exposures.id, current.id));
    if (current.active) state.summary.updated += 1;
    else state.summary.opened += 1;
    const wasKevBefore = current.active && current.kev;
    if (kev && !wasKevBefore && status !== 'remediated' && status !== 'false_positive') {
      state.newlyKev.push({ cityId: asset.cityId, assetName: asset.name, vulnerabilityId, dueDate: kevDueDate });
    }
  }

  const gone = existing.filter((e) => e.active && !best.has(e.vulnerabilityId)).map((e) => e.id);
  if (gone.length) {
    await tx.update(exposures).set({ active: false }).where(inArray(exposures.id, gone));
    state.summary.closed += gone.length;
  }
}

/** One notification per city and run, to the city's own staff, naming the newly KEV-listed exposures. */
async function notifyNewlyKev(ctx: AppContext, tx: Db, after: AfterCommit, newlyKev: NewlyKev[]) {
  const byCity = new Map<string, NewlyKev[]>();
  for (const item of newlyKev) byCity.set(item.cityId, [...(byCity.get(item.cityId) ?? []), item]);
  for (const [cityId, items] of byCity) {
    const staff = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(and(eq(organisations.kind, 'city_government'), eq(organisations.cityId, cityId)));
    if (!staff.length) continue;
    const shown = items.slice(0, 10).map((i) => `- ${i.vulnerabilityId} on ${i.assetName}${i.dueDate ? ` (CISA due date ${i.dueDate})` : ''}`);
    const more = items.length > shown.length ? `\n…and ${items.length - shown.length} more.` : '';
    await notify(
      ctx,
      tx,
      after,
      staff.map((s) => s.id),
      {
        kind: 'exposure.kev',
        title: items.length === 1 ? 'A vulnerability in your inventory is being exploited' : `${items.length} vulnerabilities in your inventory are being exploited`,
        body: `CISA lists these as known exploited vulnerabilities; fix them first.\n${shown.join('\n')}${more}`,
        link: '/app/exposure',
      },
    );
  }
}

async function finish(ctx: AppContext, tx: Db, after: AfterCommit | undefined, state: RunState) {
  // Without the caller's AfterCommit the emails stay queued; the start-up sweep sends them.
  if (state.newlyKev.length) await notifyNewlyKev(ctx, tx, after ?? { emailIds: [] }, state.newlyKev);
  await updateSnapshots(tx, [...state.cities]);
  return state.summary;
}

/**
 * After assets were created or changed: matches each against the records that name one of its
 * product keys, and reconciles all of the asset's exposures. Ids of deleted assets are ignored.
 */
export async function rematchAssets(ctx: AppContext, tx: Db, assetIds: string[], after?: AfterCommit): Promise<RematchSummary> {
  const state: RunState = { summary: emptySummary(), cities: new Set(), newlyKev: [], now: new Date() };
  const loaded = await loadAssets(tx, [...new Set(assetIds)]);
  for (const asset of loaded) {
    // `*`: records whose criteria wildcard the vendor or product may apply to any asset.
    const keys = [...productKeysOfAsset(asset.match), wildcardKey];
    const recordKeys = new Set<string>();
    for (const ids of chunked(keys)) {
      for (const row of await tx
        .selectDistinct({ recordKey: vulnerabilityProducts.recordKey })
        .from(vulnerabilityProducts)
        .where(inArray(vulnerabilityProducts.productKey, ids))) {
        recordKeys.add(row.recordKey);
      }
    }
    const vulnerabilityIds = await vulnerabilityIdsOf(tx, [...recordKeys]);
    const rows = await recordsOfVulnerabilities(tx, vulnerabilityIds);
    const records = groupByVulnerability(rows);
    const enrichment = await loadEnrichment(tx, vulnerabilityIds);
    const matches = matchAssetAgainst(asset.match, rows.map(recordOfRow), new Set(enrichment.kev.keys()));
    await reconcileAsset(tx, state, asset, matches, records, enrichment, 'all');
  }
  return finish(ctx, tx, after, state);
}

async function vulnerabilityIdsOf(tx: Db, recordKeys: string[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const keys of chunked(recordKeys)) {
    for (const row of await tx
      .selectDistinct({ id: vulnerabilityRecords.vulnerabilityId })
      .from(vulnerabilityRecords)
      .where(inArray(vulnerabilityRecords.key, keys))) {
      ids.add(row.id);
    }
  }
  return [...ids];
}

function groupByVulnerability(rows: RecordRow[]): Map<string, RecordRow[]> {
  const out = new Map<string, RecordRow[]>();
  for (const row of rows) out.set(row.vulnerabilityId, [...(out.get(row.vulnerabilityId) ?? []), row]);
  return out;
}

/**
 * After a feed changed these records: re-evaluates every record of their vulnerabilities (a CVE may
 * have NVD, CVE 5 and CSAF records) for the assets that could have them — those with a product key
 * the records name, and those already exposed to the vulnerabilities (the change may clear them).
 * Asset product keys are computed in memory: inventories are thousands of assets, not millions.
 */
export async function rematchRecords(ctx: AppContext, tx: Db, recordKeys: string[], after?: AfterCommit): Promise<RematchSummary> {
  const state: RunState = { summary: emptySummary(), cities: new Set(), newlyKev: [], now: new Date() };
  if (!recordKeys.length) return state.summary;
  const vulnerabilityIds = await vulnerabilityIdsOf(tx, [...new Set(recordKeys)]);
  if (!vulnerabilityIds.length) return state.summary;
  const rows = await recordsOfVulnerabilities(tx, vulnerabilityIds);
  const records = groupByVulnerability(rows);

  // Product keys of the affected records, and which records name each key.
  const recordsByProduct = new Map<string, Set<string>>();
  for (const keys of chunked(rows.map((r) => r.key))) {
    for (const row of await tx.select().from(vulnerabilityProducts).where(inArray(vulnerabilityProducts.recordKey, keys))) {
      const set = recordsByProduct.get(row.productKey) ?? new Set<string>();
      set.add(row.recordKey);
      recordsByProduct.set(row.productKey, set);
    }
  }
  const alreadyExposed = new Set<string>();
  for (const ids of chunked(vulnerabilityIds)) {
    for (const row of await tx.selectDistinct({ assetId: exposures.assetId }).from(exposures).where(inArray(exposures.vulnerabilityId, ids))) {
      alreadyExposed.add(row.assetId);
    }
  }
  if (!recordsByProduct.size && !alreadyExposed.size) return state.summary;

  const recordByKey = new Map(rows.map((r) => [r.key, r]));
  const enrichment = await loadEnrichment(tx, vulnerabilityIds);
  const kevSet = new Set(enrichment.kev.keys());
  const allAssets = recordsByProduct.size ? await loadAssets(tx, 'all') : await loadAssets(tx, [...alreadyExposed]);
  for (const asset of allAssets) {
    const candidateKeys = new Set<string>(recordsByProduct.get(wildcardKey) ?? []);
    for (const key of productKeysOfAsset(asset.match)) for (const rk of recordsByProduct.get(key) ?? []) candidateKeys.add(rk);
    if (!candidateKeys.size && !alreadyExposed.has(asset.id)) continue;
    // Every record of a candidate vulnerability, so the best source still wins.
    const candidateVulnerabilities = new Set([...candidateKeys].map((k) => recordByKey.get(k)!.vulnerabilityId));
    const candidates = [...candidateVulnerabilities].flatMap((v) => records.get(v) ?? []);
    const matches = matchAssetAgainst(asset.match, candidates.map(recordOfRow), kevSet);
    await reconcileAsset(tx, state, asset, matches, records, enrichment, new Set(vulnerabilityIds));
  }
  return finish(ctx, tx, after, state);
}

/**
 * KEV or EPSS changed for these CVEs: refreshes kev, due date, EPSS and priority of their active
 * exposures. A newly KEV-listed exposure the city has not resolved notifies the city.
 */
export async function refreshEnrichment(ctx: AppContext, tx: Db, cveIds: string[], after?: AfterCommit): Promise<RematchSummary> {
  const state: RunState = { summary: emptySummary(), cities: new Set(), newlyKev: [], now: new Date() };
  if (!cveIds.length) return state.summary;
  // Exposed vulnerabilities are few; intersect in memory rather than send 250k EPSS ids to the database.
  const wanted = new Set(cveIds);
  const exposed = (await tx.selectDistinct({ id: exposures.vulnerabilityId }).from(exposures).where(eq(exposures.active, true)))
    .map((r) => r.id)
    .filter((id) => wanted.has(id));
  if (!exposed.length) return state.summary;
  const enrichment = await loadEnrichment(tx, exposed);
  const assetIds = new Set<string>();
  for (const ids of chunked(exposed)) {
    const rows = await tx
      .select({ exposure: exposures, name: assets.name, criticality: assets.criticality, internetExposed: assets.internetExposed })
      .from(exposures)
      .innerJoin(assets, eq(assets.id, exposures.assetId))
      .where(and(eq(exposures.active, true), inArray(exposures.vulnerabilityId, ids)));
    for (const { exposure: e, name, criticality, internetExposed } of rows) {
      const kevDueDate = enrichment.kev.get(e.vulnerabilityId) ?? null;
      const kev = kevDueDate !== null;
      const epss = enrichment.epss.get(e.vulnerabilityId) ?? null;
      const { priorityScore, priority } = computePriority({ kev, epss, cvssScore: e.cvssScore, internetExposed, criticality });
      if (kev === e.kev && kevDueDate === e.kevDueDate && epss === e.epss && priorityScore === e.priorityScore && priority === e.priority) continue;
      await tx.update(exposures).set({ kev, kevDueDate, epss, priorityScore, priority }).where(eq(exposures.id, e.id));
      state.summary.updated += 1;
      assetIds.add(e.assetId);
      state.cities.add(e.cityId);
      if (kev && !e.kev && e.status !== 'remediated' && e.status !== 'false_positive') {
        state.newlyKev.push({ cityId: e.cityId, assetName: name, vulnerabilityId: e.vulnerabilityId, dueDate: kevDueDate });
      }
    }
  }
  state.summary.assets = assetIds.size;
  return finish(ctx, tx, after, state);
}

/** Today's date in UTC, as the snapshots key it. */
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Writes today's snapshot for these cities: active exposures not resolved (`open`, `mitigating`)
 * by priority and on the KEV list, and `resolved` = those the city resolved (remediated, accepted,
 * false positive) or that no longer match.
 */
export async function updateSnapshots(tx: Db, cityIds: string[]): Promise<void> {
  const day = today();
  for (const cityId of new Set(cityIds)) {
    const unresolved = sql`${exposures.active} and ${exposures.status} in ('open', 'mitigating')`;
    const [counts] = await tx
      .select({
        open: sql<number>`count(*) filter (where ${unresolved})::int`,
        kev: sql<number>`count(*) filter (where ${unresolved} and ${exposures.kev})::int`,
        critical: sql<number>`count(*) filter (where ${unresolved} and ${exposures.priority} = 'critical')::int`,
        high: sql<number>`count(*) filter (where ${unresolved} and ${exposures.priority} = 'high')::int`,
        medium: sql<number>`count(*) filter (where ${unresolved} and ${exposures.priority} = 'medium')::int`,
        low: sql<number>`count(*) filter (where ${unresolved} and ${exposures.priority} = 'low')::int`,
        resolved: sql<number>`count(*) filter (where not (${unresolved}))::int`,
      })
      .from(exposures)
      .where(eq(exposures.cityId, cityId));
    const values = { open: 0, kev: 0, critical: 0, high: 0, medium: 0, low: 0, resolved: 0, ...counts };
    await tx
      .insert(exposureSnapshots)
      .values({ cityId, day, ...values })
      .onConflictDoUpdate({ target: [exposureSnapshots.cityId, exposureSnapshots.day], set: values });
  }
}
