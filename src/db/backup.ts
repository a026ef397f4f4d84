import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Db } from './client.js';
import type { DocumentStorage } from '../modules/documents/storage.js';

/**
 * Backups are database-neutral: gzip'd JSON lines, one per row, written with row_to_json and read
 * back with json_populate_recordset. A PGlite backup restores into PostgreSQL and the other way round.
 */
export const backupTables = [
  'countries',
  'strategic_outcomes',
  'focus_areas',
  'cities',
  'organisations',
  'users',
  'sessions',
  'one_time_tokens',
  'scap_projects',
  'audit_entries',
  'notifications',
  'outbound_emails',
  'documents',
  'settings',
] as const;

const FORMAT = 'mitra-backup';
type Line = { format: string; version: number; createdAt: string } | { table: string; row: Record<string, unknown> } | { documentKey: string; base64: string };

async function rowsOf(db: Db, query: ReturnType<typeof sql>) {
  const result = (await db.execute(query)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows;
}

export async function writeBackup(db: Db, storage: DocumentStorage, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const storageKeys: string[] = [];
  async function* lines(): AsyncGenerator<string> {
    yield JSON.stringify({ format: FORMAT, version: 1, createdAt: new Date().toISOString() } satisfies Line) + '\n';
    for (const table of backupTables) {
      const rows = await rowsOf(db, sql.raw(`SELECT row_to_json(t)::text AS json FROM "${table}" t`));
      counts[table] = rows.length;
      for (const { json } of rows) {
        const row = JSON.parse(String(json));
        if (table === 'documents') storageKeys.push(row.storage_key);
        yield `{"table":${JSON.stringify(table)},"row":${json}}\n`;
      }
    }
    for (const key of storageKeys) {
      const bytes = await storage.get(key).catch(() => undefined);
      if (bytes) yield JSON.stringify({ documentKey: key, base64: bytes.toString('base64') }) + '\n';
    }
  }
  await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(file));
  return counts;
}

/** Rows that only an earlier use of Mitra could have written (reference data does not count). */
export async function hasPartnershipData(db: Db): Promise<boolean> {
  const [row] = await rowsOf(
    db,
    sql`SELECT (SELECT count(*) FROM organisations) + (SELECT count(*) FROM scap_projects) + (SELECT count(*) FROM audit_entries) AS n`,
  );
  return Number(row?.n ?? 0) > 0;
}

export class RestoreRefusedError extends Error {}

export async function restoreBackup(db: Db, storage: DocumentStorage, file: string, options: { force: boolean }) {
  if (!options.force && (await hasPartnershipData(db))) {
    throw new RestoreRefusedError(
      'The database already holds partnership data; restoring would replace all of it. Run restore again with --force to replace it.',
    );
  }
  const input = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const batches = new Map<string, unknown[]>();
  const documentsToWrite: { key: string; bytes: Buffer }[] = [];
  let first = true;
  for await (const text of input) {
    if (!text.trim()) continue;
    const line = JSON.parse(text) as Line;
    if (first) {
      if (!('format' in line) || line.format !== FORMAT) throw new Error(`${file} is not a Mitra backup.`);
      first = false;
      continue;
    }
    if ('table' in line) {
      if (!(backupTables as readonly string[]).includes(line.table)) throw new Error(`The backup names an unknown table "${line.table}".`);
      if (!batches.has(line.table)) batches.set(line.table, []);
      batches.get(line.table)!.push(line.row);
    } else if ('documentKey' in line) {
      documentsToWrite.push({ key: line.documentKey, bytes: Buffer.from(line.base64, 'base64') });
    }
  }
  if (first) throw new Error(`${file} is empty.`);
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`TRUNCATE ${backupTables.map((t) => `"${t}"`).join(', ')} CASCADE`));
    for (const table of backupTables) {
      const rows = batches.get(table) ?? [];
      counts[table] = rows.length;
      if (!rows.length) continue;
      const columns = (await rowsOf(
        tx as unknown as Db,
        sql`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table} AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      )).map((r) => `"${String(r.column_name)}"`);
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = JSON.stringify(rows.slice(i, i + 500));
        await tx.execute(
          sql`${sql.raw(`INSERT INTO "${table}" (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM json_populate_recordset(null::"${table}", `)}${chunk}::json)`,
        );
      }
    }
    await tx.execute(sql.raw(`SELECT setval(pg_get_serial_sequence('audit_entries', 'id'), coalesce((SELECT max(id) FROM audit_entries), 0) + 1, false)`));
  });
  for (const document of documentsToWrite) {
    await storage.remove(document.key);
    await storage.put(document.key, document.bytes);
  }
  return counts;
}
