/**
 * The inventory CSV: reading an upload into assets (for the import preview) and writing the inventory
 * and the exposures out. Pure: text in, values out.
 *
 * Format: one row per component, header first (names case-insensitive, in any order):
 *   name, system, kind, vendor, product, version, cpe, quantity, location, owner_department,
 *   criticality, internet_exposed, notes
 * `name`, `system`, `kind`, `vendor` and `product` are required; the others may be left out.
 * Rows that share a `name` (compared without case) make one asset with several components, in the
 * order of the rows (at most ten). The asset's own fields (system, quantity, location,
 * owner_department, criticality, internet_exposed, notes) come from its first row; a later row may
 * leave them empty or repeat them, but a different value rejects that row. When one row of an asset
 * is rejected, the whole asset is (its other rows say why), so no asset is imported half-complete.
 * `cpe` holds CPE 2.3 names separated by spaces or ";"; when empty, Mitra suggests one from vendor,
 * product and version (the preview shows it). The export writes the same columns, so an exported
 * inventory can be imported again.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { assetCriticalities, assetSystems, componentKinds, type AssetFields, type ComponentKind } from '../../db/schema/exposure.js';
import { parseCpe, suggestCpe } from '../../engines/cpe/cpe.js';
import { guardCell } from '../../server/csv.js';

export const csvColumns = [
  'name',
  'system',
  'kind',
  'vendor',
  'product',
  'version',
  'cpe',
  'quantity',
  'location',
  'owner_department',
  'criticality',
  'internet_exposed',
  'notes',
] as const;
type Column = (typeof csvColumns)[number];
export const requiredColumns: readonly Column[] = ['name', 'system', 'kind', 'vendor', 'product'];
export const maxImportRows = 5_000;
export const maxComponents = 10;
export const maxCpesPerComponent = 10;

export type ImportProblem = { row: number; field: string; message: string };
export type PreviewComponent = { row: number; kind: ComponentKind; vendor: string; product: string; version: string; cpes: string[]; cpeSuggested: boolean };
export type PreviewAsset = AssetFields & { rows: number[]; components: PreviewComponent[] };
export type InventoryPreview = { accepted: PreviewAsset[]; rejected: ImportProblem[] };
export type CsvReadResult = ({ ok: true } & InventoryPreview) | { ok: false; message: string; problems: ImportProblem[] };

/** CPE part from a component's kind: hardware "h", firmware (and operating systems) "o", applications "a". */
export const partOfKind = (kind: ComponentKind): 'h' | 'o' | 'a' => (kind === 'hardware' ? 'h' : kind === 'firmware' ? 'o' : 'a');

/** Why a CPE cannot be used, or null. */
export function cpeProblem(cpe: string): string | null {
  const parsed = parseCpe(cpe);
  return parsed.ok ? null : parsed.error;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const list = (values: readonly string[]) => values.join(', ');

/**
 * The inverse of guardCell (src/server/csv.ts), so an exported inventory imports as it was: drops
 * the apostrophe the export put before = + - @. Not before a tab or carriage return: cells are
 * trimmed on the way in, so the export never writes one at the start of a cell.
 */
const unguardCell = (value: string) => (/^'[=+\-@]/.test(value) ? value.slice(1) : value);

type RowValues = Partial<Record<Column, string>>;
type CheckedRow = {
  row: number;
  key: string;
  asset: Omit<PreviewAsset, 'rows' | 'components'>;
  /** Which asset fields the row actually gave (non-empty cells). */
  given: Set<Column>;
  values: RowValues;
  component: PreviewComponent | null;
  problems: ImportProblem[];
};

const assetFieldOfColumn: Partial<Record<Column, keyof CheckedRow['asset']>> = {
  system: 'system',
  quantity: 'quantity',
  location: 'location',
  owner_department: 'ownerDepartment',
  criticality: 'criticality',
  internet_exposed: 'internetExposed',
  notes: 'notes',
};

function checkRow(row: number, values: RowValues): CheckedRow {
  const problems: ImportProblem[] = [];
  const problem = (field: Column, message: string) => problems.push({ row, field, message });
  const cell = (column: Column) => values[column] ?? '';
  const given = new Set(csvColumns.filter((c) => cell(c) !== ''));
  const tooLong = (column: Column, max: number) => {
    if (cell(column).length > max) problem(column, `is ${cell(column).length} characters long; at most ${max}`);
  };

  const name = cell('name');
  if (!name) problem('name', 'is empty: every row names the asset it belongs to');
  tooLong('name', 200);

  const systemText = cell('system').toLowerCase().replace(/[\s-]+/g, '_');
  const system = assetSystems.find((s) => s === systemText);
  // An empty system is allowed on an asset's later rows; the first row's is checked when grouping.
  if (!system && cell('system')) problem('system', `'${cell('system')}' is not a system; use one of ${list(assetSystems)}`);

  const kindText = cell('kind').toLowerCase();
  const kind = componentKinds.find((k) => k === kindText);
  if (!kind) problem('kind', cell('kind') ? `'${cell('kind')}' is not a component kind; use one of ${list(componentKinds)}` : `is empty; use one of ${list(componentKinds)}`);

  for (const column of ['vendor', 'product'] as const) {
    if (!cell(column)) problem(column, `is empty: a component names its ${column}, so it can be matched against vulnerability feeds`);
    tooLong(column, 200);
  }
  tooLong('version', 100);
  tooLong('location', 300);
  tooLong('owner_department', 200);
  tooLong('notes', 5000);

  let quantity = 1;
  if (cell('quantity')) {
    quantity = Number(cell('quantity'));
    if (!/^\d+$/.test(cell('quantity')) || quantity < 1 || quantity > 1_000_000) problem('quantity', `'${cell('quantity')}' is not a whole number from 1 to 1000000`);
  }

  const criticalityText = cell('criticality').toLowerCase();
  const criticality = criticalityText ? assetCriticalities.find((c) => c === criticalityText) : 'medium';
  if (!criticality) problem('criticality', `'${cell('criticality')}' is not a criticality; use one of ${list(assetCriticalities)}`);

  const exposedText = cell('internet_exposed').toLowerCase();
  let internetExposed = false;
  if (['yes', 'true', 'y', '1'].includes(exposedText)) internetExposed = true;
  else if (!['', 'no', 'false', 'n', '0'].includes(exposedText)) problem('internet_exposed', `'${cell('internet_exposed')}' is not yes, no, true or false`);

  let component: PreviewComponent | null = null;
  const cpes = cell('cpe').split(/[\s;]+/).filter(Boolean);
  if (cpes.length > maxCpesPerComponent) problem('cpe', `holds ${cpes.length} CPE names; at most ${maxCpesPerComponent} per component`);
  for (const cpe of cpes) {
    const error = cpeProblem(cpe);
    if (error) problem('cpe', `'${cpe}' is not a valid CPE 2.3 name: ${error}`);
  }
  let cpeSuggested = false;
  if (kind && !cpes.length && cell('vendor') && cell('product')) {
    const suggestion = suggestCpe({ part: partOfKind(kind), vendor: cell('vendor'), product: cell('product'), version: cell('version') });
    if (suggestion.ok) {
      cpes.push(suggestion.formatted);
      cpeSuggested = true;
    } else problem('cpe', `is empty, and no CPE can be suggested from vendor, product and version: ${suggestion.error}; write the CPE in the cpe column`);
  }
  if (kind) component = { row, kind, vendor: cell('vendor'), product: cell('product'), version: cell('version'), cpes, cpeSuggested };

  return {
    row,
    key: name.toLowerCase(),
    asset: {
      name,
      system: system ?? 'city_services',
      quantity,
      location: cell('location'),
      ownerDepartment: cell('owner_department'),
      criticality: criticality ?? 'medium',
      internetExposed,
      notes: cell('notes'),
    },
    given,
    values,
    component,
    problems,
  };
}

/** Reads an inventory CSV into the assets it would create and the rows it rejects (with their line numbers). */
export function readInventoryCsv(text: string): CsvReadResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The file is not a readable CSV: ${message}.`, problems: [{ row: 0, field: 'file', message }] };
  }
  /** The line a record starts on (a quoted cell may span lines). */
  const startLine = (r: (typeof records)[number]) => r.info.lines - r.record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
  const [header, ...body] = records;
  if (!header) return { ok: false, message: `The file is empty: the first row names the columns (${list(csvColumns)}).`, problems: [{ row: 1, field: 'header', message: 'missing' }] };

  const names = header.record.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const unknown = names.filter((n) => !(csvColumns as readonly string[]).includes(n));
  const missing = requiredColumns.filter((c) => !names.includes(c));
  const duplicated = names.filter((n, i) => n && names.indexOf(n) !== i);
  if (unknown.length || missing.length || duplicated.length) {
    const parts = [
      missing.length ? `missing ${plural(missing.length, 'column')}: ${list(missing)}` : '',
      unknown.length ? `unknown ${plural(unknown.length, 'column')}: ${list(unknown.map((u) => u || '(empty)'))}` : '',
      duplicated.length ? `repeated: ${list(duplicated)}` : '',
    ].filter(Boolean);
    return {
      ok: false,
      message: `The header row is not an inventory header (${parts.join('; ')}). The columns are ${list(csvColumns)}; ${list(requiredColumns)} are required.`,
      problems: [
        ...missing.map((c) => ({ row: 1, field: c, message: 'missing column' })),
        ...unknown.map((c) => ({ row: 1, field: c || '(empty)', message: 'unknown column' })),
        ...duplicated.map((c) => ({ row: 1, field: c, message: 'repeated column' })),
      ],
    };
  }
  if (body.length > maxImportRows) {
    return { ok: false, message: `The file has ${body.length} rows; import at most ${maxImportRows} at a time.`, problems: [{ row: 0, field: 'file', message: 'too many rows' }] };
  }
  if (!body.length) return { ok: false, message: 'The file has a header but no rows.', problems: [{ row: 2, field: 'file', message: 'no rows' }] };

  const rows = body.map((r) => {
    const values: RowValues = {};
    names.forEach((n, i) => (values[n as Column] = unguardCell(r.record[i] ?? '')));
    const checked = checkRow(startLine(r), values);
    if (r.record.length > names.length && r.record.slice(names.length).some((v) => v !== '')) {
      checked.problems.push({ row: checked.row, field: 'row', message: `has ${r.record.length} cells but the header names ${names.length} columns` });
    }
    return checked;
  });

  // Group rows into assets by name; the first row gives the asset's fields.
  const groups = new Map<string, CheckedRow[]>();
  for (const row of rows) {
    if (!row.key) continue;
    groups.set(row.key, [...(groups.get(row.key) ?? []), row]);
  }
  for (const group of groups.values()) {
    const [first, ...rest] = group as [CheckedRow, ...CheckedRow[]];
    if (!first.given.has('system')) {
      first.problems.push({ row: first.row, field: 'system', message: `is empty; the first row of an asset gives its system, one of ${list(assetSystems)}` });
    }
    for (const row of rest) {
      for (const [column, field] of Object.entries(assetFieldOfColumn) as [Column, keyof CheckedRow['asset']][]) {
        if (!row.given.has(column)) continue;
        if (String(row.asset[field]) !== String(first.asset[field])) {
          row.problems.push({
            row: row.row,
            field: column,
            message: `'${row.values[column]}' differs from '${first.values[column] ?? ''}' on line ${first.row}, the first row of asset '${first.asset.name}': leave it empty or repeat it`,
          });
        }
      }
    }
    if (group.length > maxComponents) {
      for (const row of group.slice(maxComponents)) {
        row.problems.push({ row: row.row, field: 'name', message: `asset '${first.asset.name}' has ${group.length} rows; an asset has at most ${maxComponents} components` });
      }
    }
  }

  const accepted: PreviewAsset[] = [];
  const rejected: ImportProblem[] = rows.filter((r) => !r.key).flatMap((r) => r.problems);
  for (const group of groups.values()) {
    const bad = group.filter((r) => r.problems.length);
    if (bad.length) {
      for (const row of group) {
        if (row.problems.length) rejected.push(...row.problems);
        else rejected.push({ row: row.row, field: 'name', message: `not imported: asset '${row.asset.name}' also has rejected rows (line ${bad.map((b) => b.row).join(', ')})` });
      }
      continue;
    }
    const [first] = group as [CheckedRow];
    accepted.push({ rows: group.map((r) => r.row), ...first.asset, components: group.map((r) => r.component!) });
  }
  rejected.sort((a, b) => a.row - b.row);
  return { ok: true, accepted, rejected };
}

/** Moves assets out of a preview into its rejected rows, with a message naming why. */
export function rejectAssets(preview: InventoryPreview, reject: (asset: PreviewAsset) => string | null): InventoryPreview {
  const accepted: PreviewAsset[] = [];
  const rejected = [...preview.rejected];
  for (const asset of preview.accepted) {
    const message = reject(asset);
    if (message === null) accepted.push(asset);
    else for (const row of asset.rows) rejected.push({ row, field: 'name', message });
  }
  rejected.sort((a, b) => a.row - b.row);
  return { accepted, rejected };
}

/* ---- Writing ---- */

type ExportAsset = {
  name: string;
  system: string;
  quantity: number;
  location: string;
  ownerDepartment: string;
  criticality: string;
  internetExposed: boolean;
  notes: string;
  components: { kind: string; vendor: string; product: string; version: string; cpes: string[] }[];
};

const toCsv = (header: readonly string[], rows: (string | number)[][]) => stringify([[...header], ...rows.map((r) => r.map((v) => (typeof v === 'string' ? guardCell(v) : v)))]);

/** The inventory in the import format: one row per component; the asset's fields on its first row only. */
export function inventoryToCsv(assets: ExportAsset[]): string {
  const rows: (string | number)[][] = [];
  for (const asset of assets) {
    asset.components.forEach((c, i) => {
      const first = i === 0;
      rows.push([
        asset.name,
        first ? asset.system : '',
        c.kind,
        c.vendor,
        c.product,
        c.version,
        c.cpes.join(' '),
        first ? asset.quantity : '',
        first ? asset.location : '',
        first ? asset.ownerDepartment : '',
        first ? asset.criticality : '',
        first ? (asset.internetExposed ? 'yes' : 'no') : '',
        first ? asset.notes : '',
      ]);
    });
  }
  return toCsv(csvColumns, rows);
}

/** A template: the header and an example asset with two components (the second row leaves the asset's fields empty). */
export function templateCsv(): string {
  return inventoryToCsv([
    {
      name: 'Junction controllers, city centre',
      system: 'traffic',
      quantity: 24,
      location: 'City centre junctions',
      ownerDepartment: 'Department of Transport',
      criticality: 'high',
      internetExposed: false,
      notes: 'Example row: replace it with your own assets',
      components: [
        { kind: 'hardware', vendor: 'Siemens', product: 'SCALANCE X200', version: '', cpes: ['cpe:2.3:h:siemens:scalance_x200:-:*:*:*:*:*:*:*'] },
        { kind: 'firmware', vendor: 'Siemens', product: 'SCALANCE X200 firmware', version: '5.2.5', cpes: [] },
      ],
    },
  ]);
}

type ExportExposure = {
  vulnerabilityId: string;
  title: string;
  priority: string;
  kev: boolean;
  kevDueDate: string | null;
  epss: number | null;
  cvssScore: number | null;
  status: string;
  statusReason: string;
  acceptedUntil: string | null;
  matchStatus: string;
  source: string;
  assetName: string;
  assetSystem: string;
  assetCriticality: string;
  internetExposed: boolean;
  evidence: { kind: string; criteria?: string[]; vendor?: string; product?: string; range?: string; assetVersion?: string; reason?: string };
  firstSeenAt: Date;
  lastSeenAt: Date;
};

export const exposureCsvColumns = [
  'vulnerability_id',
  'title',
  'priority',
  'kev',
  'kev_due_date',
  'epss',
  'cvss',
  'status',
  'status_reason',
  'accepted_until',
  'match_status',
  'source',
  'asset',
  'system',
  'criticality',
  'internet_exposed',
  'evidence',
  'first_seen',
  'last_seen',
] as const;

/** A line of evidence for a spreadsheet: the rule, what matched and the version test. */
export function evidenceText(e: ExportExposure['evidence']): string {
  const parts = [e.kind];
  if (e.criteria?.length) parts.push(e.criteria.join(' '));
  if (e.vendor || e.product) parts.push([e.vendor, e.product].filter(Boolean).join(' '));
  if (e.range) parts.push(`range ${e.range}`);
  if (e.assetVersion) parts.push(`version ${e.assetVersion}`);
  if (e.reason) parts.push(e.reason);
  return parts.join('; ');
}

export function exposuresToCsv(rows: ExportExposure[]): string {
  return toCsv(
    exposureCsvColumns,
    rows.map((r) => [
      r.vulnerabilityId,
      r.title,
      r.priority,
      r.kev ? 'yes' : 'no',
      r.kevDueDate ?? '',
      r.epss === null ? '' : r.epss,
      r.cvssScore === null ? '' : r.cvssScore,
      r.status,
      r.statusReason,
      r.acceptedUntil ?? '',
      r.matchStatus,
      r.source,
      r.assetName,
      r.assetSystem,
      r.assetCriticality,
      r.internetExposed ? 'yes' : 'no',
      evidenceText(r.evidence),
      r.firstSeenAt.toISOString(),
      r.lastSeenAt.toISOString(),
    ]),
  );
}
