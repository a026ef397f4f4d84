/**
 * A city's technology inventory and the exposures matching finds in it (activity 3b). Only the city's
 * own city-government staff see or change its inventory and exposures (policy.assertInventoryCity);
 * the city is always the actor's own, never taken from the request, so no other city can be reached.
 * The secretariat sees network-wide aggregates only: counts of cities, never an asset or a city's name.
 */
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { assetSystems, exposureStatuses, type ExposureStatus } from '../../db/schema/exposure.js';
import { suggestCpe } from '../../engines/cpe/cpe.js';
import { assertInventoryCity, isSecretariat, requireSignedIn, type Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, invalidInput, notFound, type FieldProblem } from '../../server/errors.js';
import { decodeCursor, pageOf } from '../../server/pagination.js';
import { inTransaction } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { cpeProblem, exposuresToCsv, inventoryToCsv, partOfKind, readInventoryCsv, rejectAssets, templateCsv, type InventoryPreview } from './inventory-csv.js';
import { rematchAssets, updateSnapshots } from './matching.js';
import {
  deleteAsset as deleteAssetRow,
  deleteExpiredPreviews,
  deletePreview,
  existingAssetNames,
  exposureCounts,
  findAsset,
  findExposure,
  findPreview,
  insertAsset,
  insertExposureEvent,
  insertPreview,
  listAssets as listAssetRows,
  listExposureEvents,
  listExposures as listExposureRows,
  listSnapshots,
  networkAggregates,
  reopenExpiredAcceptances,
  setExposureStatus,
  updateAsset as updateAssetRow,
  type AssetRow,
  type ExposureRow,
} from './queries.js';
import type {
  assetBodySchema,
  cpeSuggestionBodySchema,
  exportExposuresQuerySchema,
  listAssetsQuerySchema,
  listExposuresQuerySchema,
  statusBodySchema,
} from './schemas.js';
import { priorities } from './schemas.js';


/** Import previews wait this long for confirmation. */
export const previewLifetimeMs = 24 * 3600_000;
const todayUtc = () => new Date().toISOString().slice(0, 10);

/* ---- Inventory ---- */

type AssetBody = z.infer<typeof assetBodySchema>;

/** Each CPE must parse; a wrong one is named with its component. */
function checkCpes(body: AssetBody) {
  const problems: FieldProblem[] = [];
  body.components.forEach((component, i) => {
    const label = `component ${i + 1} (${[component.vendor, component.product].filter(Boolean).join(' ') || component.kind})`;
    component.cpes.forEach((cpe, j) => {
      const error = cpeProblem(cpe);
      if (error) problems.push({ field: `body.components.${i}.cpes.${j}`, message: `${label}: '${cpe}' is not a valid CPE 2.3 name: ${error}` });
    });
  });
  if (problems.length) throw invalidInput('The asset', problems);
}

const presentAsset = (row: AssetRow) => {
  const { cityId: _c, ...rest } = row;
  return { ...rest, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
};

const splitBody = (body: AssetBody) => {
  const { components, ...fields } = body;
  return { fields, components: components.map((c) => ({ ...c, cpes: [...new Set(c.cpes)] })) };
};

/** The asset, if it is one of the actor's city's; any other answers as not found. */
async function loadAsset(db: Db, cityId: string, id: string) {
  const asset = await findAsset(db, cityId, id);
  if (!asset) throw notFound('The asset');
  return asset;
}

const assetCursorSchema = z.tuple([z.string(), z.string().uuid()]);

export async function listAssets(db: Db, viewer: Viewer, query: z.infer<typeof listAssetsQuerySchema>) {
  const actor = assertInventoryCity(viewer);
  const key = decodeCursor(query.cursor, 2);
  if (key && !assetCursorSchema.safeParse(key).success) throw invalidInput('The cursor', [{ field: 'query.cursor', message: 'invalid cursor' }]);
  const rows = await listAssetRows(db, actor.cityId, { ...query, after: key as [string, string] | undefined });
  const page = pageOf(rows, query.limit, (row) => [row.name, row.id]);
  return { items: page.items.map(presentAsset), nextCursor: page.nextCursor };
}

export async function getAsset(db: Db, viewer: Viewer, id: string) {
  const actor = assertInventoryCity(viewer);
  return presentAsset(await loadAsset(db, actor.cityId, id));
}

export async function createAsset(ctx: AppContext, viewer: Viewer, body: AssetBody) {
  const actor = assertInventoryCity(viewer);
  checkCpes(body);
  const { fields, components } = splitBody(body);
  const id = await inTransaction(ctx, async (tx, after) => {
    const assetId = await insertAsset(tx, actor.cityId, actor.userId, fields, components);
    await writeAudit(tx, actor, { action: 'asset.created', entityType: 'asset', entityId: assetId, after: await findAsset(tx, actor.cityId, assetId) });
    await rematchAssets(ctx, tx, [assetId], after);
    return assetId;
  });
  return getAsset(ctx.db, viewer, id);
}

export async function updateAsset(ctx: AppContext, viewer: Viewer, id: string, body: AssetBody) {
  const actor = assertInventoryCity(viewer);
  const before = await loadAsset(ctx.db, actor.cityId, id);
  checkCpes(body);
  const { fields, components } = splitBody(body);
  await inTransaction(ctx, async (tx, after) => {
    await updateAssetRow(tx, id, actor.userId, fields, components);
    await writeAudit(tx, actor, { action: 'asset.updated', entityType: 'asset', entityId: id, before, after: await findAsset(tx, actor.cityId, id) });
    await rematchAssets(ctx, tx, [id], after);
  });
  return getAsset(ctx.db, viewer, id);
}

/** Removes the asset; its exposures (and their history) go with it, and the city's snapshot is brought up to date. */
export async function deleteAsset(ctx: AppContext, viewer: Viewer, id: string) {
  const actor = assertInventoryCity(viewer);
  const before = await loadAsset(ctx.db, actor.cityId, id);
  await inTransaction(ctx, async (tx) => {
    await deleteAssetRow(tx, id);
    await writeAudit(tx, actor, { action: 'asset.deleted', entityType: 'asset', entityId: id, before });
    await updateSnapshots(tx, [actor.cityId]);
  });
}

export function suggestComponentCpe(viewer: Viewer, body: z.infer<typeof cpeSuggestionBodySchema>) {
  assertInventoryCity(viewer);
  const part = partOfKind(body.kind);
  const suggestion = suggestCpe({ part, vendor: body.vendor, product: body.product, version: body.version });
  if (!suggestion.ok) {
    const field = (['vendor', 'product', 'version'] as const).find((f) => suggestion.error.startsWith(f)) ?? 'vendor';
    throw invalidInput('The component', [{ field: `body.${field}`, message: suggestion.error }]);
  }
  return { cpe: suggestion.formatted, part };
}

/** Every asset of the city, for the CSV export. */
export async function exportInventory(db: Db, viewer: Viewer) {
  const actor = assertInventoryCity(viewer);
  return inventoryToCsv(await listAssetRows(db, actor.cityId, {}));
}

export function inventoryTemplate(viewer: Viewer) {
  assertInventoryCity(viewer);
  return templateCsv();
}

/* ---- CSV import: preview, then confirm ---- */

type StoredPreview = InventoryPreview;

function presentPreview(row: { id: string; fileName: string; createdAt: Date }, preview: StoredPreview) {
  return {
    previewId: row.id,
    fileName: row.fileName,
    expiresAt: new Date(row.createdAt.getTime() + previewLifetimeMs).toISOString(),
    accepted: preview.accepted,
    rejected: preview.rejected,
    assetCount: preview.accepted.length,
    componentCount: preview.accepted.reduce((n, a) => n + a.components.length, 0),
  };
}

/**
 * Checks an uploaded inventory CSV and keeps the result for confirmation; writes nothing to the
 * inventory. Assets named like one already in the inventory are rejected (edit those instead), so
 * importing the same file twice does not duplicate it.
 */
export async function previewImport(ctx: AppContext, viewer: Viewer, file: { fileName: string; bytes: Buffer }) {
  const actor = assertInventoryCity(viewer);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    throw invalidInput('The file', [{ field: 'file', message: 'is not UTF-8 text: save the spreadsheet as "CSV UTF-8"' }]);
  }
  const read = readInventoryCsv(text);
  if (!read.ok) throw new AppError('validation_failed', read.message, read.problems.map((p) => ({ field: p.field, message: `line ${p.row}: ${p.message}` })));
  const existing = await existingAssetNames(ctx.db, actor.cityId, read.accepted.map((a) => a.name));
  const preview = rejectAssets(read, (asset) =>
    existing.has(asset.name.toLowerCase()) ? `an asset named '${asset.name}' is already in the inventory: change it there, or rename the row` : null,
  );
  const row = await inTransaction(ctx, async (tx) => {
    await deleteExpiredPreviews(tx, new Date(Date.now() - previewLifetimeMs));
    return insertPreview(tx, { cityId: actor.cityId, createdBy: actor.userId, fileName: file.fileName.slice(0, 300), rows: preview });
  });
  return presentPreview(row, preview);
}

/** Writes the accepted assets of a preview in one transaction, matches them, and forgets the preview. */
export async function confirmImport(ctx: AppContext, viewer: Viewer, previewId: string) {
  const actor = assertInventoryCity(viewer);
  const stored = await findPreview(ctx.db, previewId, actor.cityId, actor.userId);
  if (!stored) throw notFound('The import preview');
  if (stored.createdAt.getTime() + previewLifetimeMs < Date.now()) throw new AppError('conflict', 'The import preview has expired: upload the file again.');
  const preview = stored.rows as StoredPreview;
  if (!preview.accepted.length) throw new AppError('conflict', 'The preview has no accepted rows: nothing to import. Correct the file and upload it again.');
  return inTransaction(ctx, async (tx, after) => {
    const clashes = await existingAssetNames(tx, actor.cityId, preview.accepted.map((a) => a.name));
    if (clashes.size) {
      const names = preview.accepted.filter((a) => clashes.has(a.name.toLowerCase())).map((a) => `'${a.name}'`);
      throw new AppError('conflict', `Since the preview, ${names.join(', ')} ${names.length === 1 ? 'was' : 'were'} added to the inventory: upload the file again.`);
    }
    const assetIds: string[] = [];
    let componentsCreated = 0;
    for (const asset of preview.accepted) {
      const { rows: _rows, components, ...fields } = asset;
      const id = await insertAsset(
        tx,
        actor.cityId,
        actor.userId,
        fields,
        components.map(({ kind, vendor, product, version, cpes }) => ({ kind, vendor, product, version, cpes })),
      );
      assetIds.push(id);
      componentsCreated += components.length;
      await writeAudit(tx, actor, { action: 'asset.imported', entityType: 'asset', entityId: id, after: await findAsset(tx, actor.cityId, id) });
    }
    await writeAudit(tx, actor, {
      action: 'inventory.imported',
      entityType: 'inventory_import',
      entityId: previewId,
      after: { fileName: stored.fileName, assetsCreated: assetIds.length, componentsCreated, rejectedRows: preview.rejected.length },
    });
    await deletePreview(tx, previewId);
    const { opened, updated, closed, reopened } = await rematchAssets(ctx, tx, assetIds, after);
    return { assetsCreated: assetIds.length, componentsCreated, assetIds, exposures: { opened, updated, closed, reopened } };
  });
}

/* ---- Exposures ---- */

const presentExposure = (row: ExposureRow) => {
  const { cityId: _c, ...rest } = row;
  return {
    ...rest,
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
  };
};

const exposureCursorSchema = z.tuple([z.boolean(), z.number(), z.string().uuid()]);

/** Reopens the city's expired risk acceptances (audited as the system) before its exposures are read. */
async function settleExpiredAcceptances(db: Db, cityId: string) {
  await db.transaction(async (tx) => {
    const reopened = await reopenExpiredAcceptances(tx as unknown as Db, cityId, todayUtc());
    for (const { id, acceptedUntil } of reopened) {
      await writeAudit(tx as unknown as Db, { system: 'risk acceptance expiry' }, { action: 'exposure.open', entityType: 'exposure', entityId: id, before: { status: 'accepted_risk', acceptedUntil }, after: { status: 'open' } });
    }
    if (reopened.length) await updateSnapshots(tx as unknown as Db, [cityId]);
  });
}

export async function listExposures(db: Db, viewer: Viewer, query: z.infer<typeof listExposuresQuerySchema>) {
  const actor = assertInventoryCity(viewer);
  await settleExpiredAcceptances(db, actor.cityId);
  const key = decodeCursor(query.cursor, 3);
  if (key && !exposureCursorSchema.safeParse(key).success) throw invalidInput('The cursor', [{ field: 'query.cursor', message: 'invalid cursor' }]);
  const rows = await listExposureRows(db, actor.cityId, { ...query, after: key as [boolean, number, string] | undefined });
  const page = pageOf(rows, query.limit, (row) => [row.kev, row.priorityScore, row.id]);
  return { items: page.items.map(presentExposure), nextCursor: page.nextCursor };
}

export async function exportExposures(db: Db, viewer: Viewer, query: z.infer<typeof exportExposuresQuerySchema>) {
  const actor = assertInventoryCity(viewer);
  return exposuresToCsv(await listExposureRows(db, actor.cityId, query));
}

export async function exposuresByVulnerability(db: Db, viewer: Viewer, vulnerabilityId: string) {
  const actor = assertInventoryCity(viewer);
  const rows = await listExposureRows(db, actor.cityId, { vulnerabilityId });
  return { vulnerabilityId: rows[0]?.vulnerabilityId ?? vulnerabilityId, title: rows[0]?.title ?? '', items: rows.map(presentExposure) };
}

/**
 * The status workflow: open → mitigating → remediated; open or mitigating → accepted_risk (with a
 * reason and a future date); any → false_positive (with a reason); remediated, accepted_risk and
 * false_positive → open (reopen).
 */
export const statusTransitions: Record<ExposureStatus, ExposureStatus[]> = {
  open: ['mitigating', 'accepted_risk', 'false_positive'],
  mitigating: ['remediated', 'accepted_risk', 'false_positive'],
  remediated: ['open', 'false_positive'],
  accepted_risk: ['open', 'false_positive'],
  false_positive: ['open'],
};

async function loadExposure(db: Db, cityId: string, id: string) {
  const row = await findExposure(db, cityId, id);
  if (!row) throw notFound('The exposure');
  return row;
}

export async function getExposure(db: Db, viewer: Viewer, id: string) {
  const actor = assertInventoryCity(viewer);
  const row = await loadExposure(db, actor.cityId, id);
  const events = await listExposureEvents(db, id);
  return {
    ...presentExposure(row),
    events: events.map((e) => ({ ...e, fromStatus: e.fromStatus as ExposureStatus | null, toStatus: e.toStatus as ExposureStatus, at: e.at.toISOString() })),
    allowedTransitions: row.active ? statusTransitions[row.status] : [],
  };
}

const label = (s: string) => s.replaceAll('_', ' ');

export async function changeExposureStatus(ctx: AppContext, viewer: Viewer, id: string, body: z.infer<typeof statusBodySchema>) {
  const actor = assertInventoryCity(viewer);
  const before = await loadExposure(ctx.db, actor.cityId, id);
  if (!before.active) throw new AppError('conflict', 'The exposure no longer matches the inventory (the asset or the feed changed): its status is kept as history.');
  if (before.status === body.status) throw new AppError('conflict', `The exposure is already ${label(body.status)}.`);
  if (!statusTransitions[before.status].includes(body.status)) {
    const allowed = statusTransitions[before.status].map(label).join(', ');
    throw new AppError('conflict', `An exposure that is ${label(before.status)} cannot become ${label(body.status)}; from ${label(before.status)} it can become ${allowed}.`);
  }
  const reason = body.reason ?? '';
  const problems: FieldProblem[] = [];
  if ((body.status === 'accepted_risk' || body.status === 'false_positive') && !reason) {
    problems.push({ field: 'body.reason', message: `say why the exposure is ${body.status === 'accepted_risk' ? 'an accepted risk' : 'a false positive'}` });
  }
  if (body.status === 'accepted_risk') {
    if (!body.acceptedUntil) problems.push({ field: 'body.acceptedUntil', message: 'give the date until which the risk is accepted' });
    else if (body.acceptedUntil <= todayUtc()) problems.push({ field: 'body.acceptedUntil', message: `must be after today (${todayUtc()})` });
  } else if (body.acceptedUntil) {
    problems.push({ field: 'body.acceptedUntil', message: 'is given only when accepting the risk' });
  }
  if (problems.length) throw invalidInput('The status change', problems);
  const now = new Date();
  await inTransaction(ctx, async (tx) => {
    await setExposureStatus(tx, id, {
      status: body.status,
      statusReason: reason,
      acceptedUntil: body.status === 'accepted_risk' ? body.acceptedUntil! : null,
      statusChangedBy: actor.userId,
      statusChangedAt: now,
    });
    await insertExposureEvent(tx, { exposureId: id, fromStatus: before.status, toStatus: body.status, reason, actorId: actor.userId, at: now });
    await writeAudit(tx, actor, { action: `exposure.${body.status}`, entityType: 'exposure', entityId: id, before, after: await findExposure(tx, actor.cityId, id) });
    await updateSnapshots(tx, [actor.cityId]);
  });
  return getExposure(ctx.db, viewer, id);
}

const zeroCounts = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const fill = <K extends string>(keys: readonly K[], rows: { key: string; count: number }[]) => {
  const out = zeroCounts(keys);
  for (const row of rows) if (row.key in out) out[row.key as K] = row.count;
  return out;
};

export async function exposureSummary(db: Db, viewer: Viewer) {
  const actor = assertInventoryCity(viewer);
  await settleExpiredAcceptances(db, actor.cityId);
  const today = todayUtc();
  const since = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
  const [counts, trend] = await Promise.all([exposureCounts(db, actor.cityId, today), listSnapshots(db, actor.cityId, since)]);
  return {
    byPriority: fill(priorities, counts.byPriority),
    bySystem: fill(assetSystems, counts.bySystem),
    byStatus: fill(exposureStatuses, counts.byStatus),
    kev: counts.totals.kev,
    kevOverdue: counts.totals.kevOverdue,
    unknown: counts.totals.unknown,
    trend,
  };
}

/* ---- The secretariat's network view ---- */

/**
 * Aggregates across the network for the secretariat: how many cities are exposed to each KEV
 * vulnerability, per country and per system. Never an asset, an inventory, or which city is exposed.
 */
export async function exposureNetwork(db: Db, viewer: Viewer) {
  const actor = requireSignedIn(viewer);
  if (!isSecretariat(actor)) throw forbidden('The network-wide exposure view is the secretariat’s.');
  const data = await networkAggregates(db);
  return {
    citiesWithInventory: data.citiesWithInventory,
    citiesWithKevExposure: data.citiesWithKevExposure,
    kev: data.perVulnerability,
    byCountry: data.perCountry,
    bySystem: data.perSystem,
  };
}

