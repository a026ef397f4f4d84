import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Db } from './client.js';
import type { DocumentStorage } from '../modules/documents/storage.js';

/**
 * Backups are database-neutral: gzip'd JSON lines, written with row_to_json and read back with
 * json_populate_recordset, so a PGlite backup restores into PostgreSQL and the other way round.
 *
 *   {"format":"mitra-backup","version":2,"createdAt":…}     first line
 *   {"table":"cities","row":{…}}                             one per row, parents before children
 *   {"documentKey":"…","base64":"…"}                        document bytes, in pieces of 1 MB;
 *                                                            consecutive pieces of a key are joined
 *
 * Every table of the schema is backed up except the derived ones below, so a table a module adds is
 * in the backup without anyone having to remember it. Rows travel as the database's own JSON text
 * and are never parsed into JavaScript numbers, so bigint and numeric values stay exact.
 */
const FORMAT = 'mitra-backup';
const VERSION = 2;
const DOCUMENT_PIECE_BYTES = 1024 * 1024;
const INSERT_BATCH_ROWS = 500;

/** Tables that triggers rebuild from other tables' rows: restoring those rows restores them. */
export const derivedTables = new Set(['scap_project_counts']);

/** A file that `restore` cannot use: not a backup, damaged, or from a newer Mitra. */
export class InvalidBackupError extends Error {}
export class RestoreRefusedError extends Error {}

type ResultRows = { rows: Record<string, unknown>[] };
async function rowsOf(db: Db, query: ReturnType<typeof sql>) {
  return ((await db.execute(query)) as unknown as ResultRows).rows;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables to back up, parents before children (foreign keys), then by name. */
export async function backupTableOrder(db: Db): Promise<string[]> {
  const tables = (
    await rowsOf(db, sql`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
  )
    .map((r) => String(r.table_name))
    .filter((t) => !derivedTables.has(t))
    .sort();
  const references = await rowsOf(
    db,
    sql`SELECT child.relname AS child, parent.relname AS parent
        FROM pg_constraint k
        JOIN pg_class child ON child.oid = k.conrelid
        JOIN pg_class parent ON parent.oid = k.confrelid
        JOIN pg_namespace n ON n.oid = child.relnamespace
        WHERE k.contype = 'f' AND n.nspname = current_schema()`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const r of references) {
    const child = String(r.child);
    const parent = String(r.parent);
    if (child !== parent && parents.has(child) && parents.has(parent)) parents.get(child)!.add(parent);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.find((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    if (!next) throw new Error(`The tables ${tables.filter((t) => !placed.has(t)).join(', ')} reference each other in a cycle; the backup cannot order them.`);
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}

export type BackupSummary = { rows: Record<string, number>; documents: number; missingDocuments: string[] };

/**
 * Writes the whole database and its documents' bytes to `file`. The rows are read in one
 * repeatable-read transaction: a consistent snapshot even while Mitra serves on PostgreSQL.
 */
export async function writeBackup(db: Db, storage: DocumentStorage, file: string): Promise<BackupSummary> {
  const summary: BackupSummary = { rows: {}, documents: 0, missingDocuments: [] };
  await db.transaction(
    async (tx) => {
      const snapshot = tx as unknown as Db;
      const tables = await backupTableOrder(snapshot);
      async function* lines(): AsyncGenerator<string> {
        yield JSON.stringify({ format: FORMAT, version: VERSION, createdAt: new Date().toISOString() }) + '\n';
        const storageKeys: string[] = [];
        for (const table of tables) {
          const rows = await rowsOf(snapshot, sql.raw(`SELECT row_to_json(t)::text AS json FROM ${quote(table)} t`));
          summary.rows[table] = rows.length;
          for (const { json } of rows) yield `{"table":${JSON.stringify(table)},"row":${String(json)}}\n`;
          if (table === 'documents') {
            for (const row of await rowsOf(snapshot, sql`SELECT storage_key FROM documents ORDER BY storage_key`)) storageKeys.push(String(row.storage_key));
          }
        }
        for (const key of storageKeys) {
          const bytes = await storage.get(key).catch(() => undefined);
          if (!bytes) {
            summary.missingDocuments.push(key);
            continue;
          }
          summary.documents++;
          for (let at = 0; at === 0 || at < bytes.length; at += DOCUMENT_PIECE_BYTES) {
            yield JSON.stringify({ documentKey: key, base64: bytes.subarray(at, at + DOCUMENT_PIECE_BYTES).toString('base64') }) + '\n';
          }
        }
      }
      // Written beside the target and renamed at the end: a backup cut short never has the real name.
      const partial = `${file}.partial-${process.pid}`;
      try {
        await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(partial));
        await fs.promises.rename(partial, file);
      } catch (error) {
        await fs.promises.rm(partial, { force: true });
        throw error;
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return summary;
}

/** Rows that only an earlier use of Mitra could have written (reference data does not count). */
export async function hasPartnershipData(db: Db): Promise<boolean> {
  const [row] = await rowsOf(
    db,
    sql`SELECT (SELECT count(*) FROM organisations) + (SELECT count(*) FROM scap_projects) + (SELECT count(*) FROM audit_entries) AS n`,
  );
  return Number(row?.n ?? 0) > 0;
}

const ROW_LINE = /^\{"table":"([A-Za-z0-9_]+)","row":(\{.*\})\}$/;

type ParsedBackup = { rows: Map<string, string[]>; documentKeys: Set<string> };

/**
 * Reads the backup: keeps each table's rows as JSON text, and hands each document's bytes to
 * `onDocument` as soon as its last piece is read (documents can be large; rows are small).
 */
async function readBackup(file: string, onDocument: (key: string, bytes: Buffer) => Promise<void>): Promise<ParsedBackup> {
  const notABackup = (why: string) => new InvalidBackupError(`${file} is not a Mitra backup (${why}). Give a file written by \`mitra backup\`.`);
  const handle = await fs.promises.open(file, 'r');
  const magic = Buffer.alloc(2);
  const { bytesRead } = await handle.read(magic, 0, 2, 0);
  await handle.close();
  if (bytesRead < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) throw notABackup('it is not gzip-compressed');

  const parsed: ParsedBackup = { rows: new Map(), documentKeys: new Set() };
  let header = false;
  let lineNumber = 0;
  let pending: { key: string; pieces: Buffer[] } | undefined;
  const flush = async () => {
    if (pending) await onDocument(pending.key, Buffer.concat(pending.pieces));
    pending = undefined;
  };
  const readLine = async (text: string) => {
    lineNumber++;
    if (!text.trim()) return;
    if (!header) {
      let first: { format?: unknown; version?: unknown };
      try {
        first = JSON.parse(text);
      } catch {
        throw notABackup('its first line is not JSON');
      }
      if (first?.format !== FORMAT) throw notABackup('its first line does not name the format');
      if (typeof first.version !== 'number' || first.version > VERSION) {
        throw new InvalidBackupError(`${file} is a version ${String(first.version)} backup, written by a newer Mitra: upgrade Mitra, then restore it.`);
      }
      header = true;
      return;
    }
    const row = ROW_LINE.exec(text);
    if (row) {
      const [, table, json] = row as unknown as [string, string, string];
      if (!parsed.rows.has(table)) parsed.rows.set(table, []);
      parsed.rows.get(table)!.push(json);
      return;
    }
    let line: { documentKey?: unknown; base64?: unknown };
    try {
      line = JSON.parse(text);
    } catch {
      throw new InvalidBackupError(`${file} is damaged: line ${lineNumber} is not JSON.`);
    }
    if (typeof line.documentKey !== 'string' || typeof line.base64 !== 'string') {
      throw new InvalidBackupError(`${file} is damaged: line ${lineNumber} is neither a row nor a document.`);
    }
    if (pending?.key !== line.documentKey) await flush();
    pending ??= { key: line.documentKey, pieces: [] };
    pending.pieces.push(Buffer.from(line.base64, 'base64'));
    parsed.documentKeys.add(line.documentKey);
  };
  // pipeline() reports an error of any stage (a short read, a gzip stream cut short) as a rejection;
  // when reading stops on a problem of the content, it reports the streams' abort instead, so that
  // problem is kept aside and thrown.
  let contentProblem: unknown;
  try {
    await pipeline(fs.createReadStream(file), zlib.createGunzip(), async (chunks: AsyncIterable<Buffer>) => {
      // A header is short: a long first line means some other gzip file, not worth reading on.
      const longest = () => (header ? Number.MAX_SAFE_INTEGER : 64 * 1024);
      try {
        for await (const text of linesOf(chunks, longest, () => notABackup('its first line is not a header'))) await readLine(text);
      } catch (error) {
        contentProblem = error;
        throw error;
      }
    });
  } catch (pipelineError) {
    const error = contentProblem ?? pipelineError;
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new InvalidBackupError(`${file} is damaged: ${(error as Error).message}${code === 'Z_BUF_ERROR' ? ' (the file is cut short)' : ''}.`);
    }
    throw error;
  }
  if (!header) throw notABackup('it is empty');
  await flush();
  return parsed;
}

/** Splits decoded text into lines; a UTF-8 character cut between two chunks is put back together. */
async function* linesOf(chunks: AsyncIterable<Buffer>, longest: () => number, tooLong: () => Error): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of chunks) {
    rest += decoder.write(chunk);
    let start = 0;
    for (let end = rest.indexOf('\n'); end >= 0; end = rest.indexOf('\n', start)) {
      yield rest.slice(start, end);
      start = end + 1;
    }
    rest = rest.slice(start);
    if (rest.length > longest()) throw tooLong();
  }
  rest += decoder.end();
  if (rest) yield rest;
}

/**
 * Replaces everything in the database with the backup's rows, and writes its documents' bytes to
 * storage. Refuses when the database already holds partnership data, unless `force`.
 */
export async function restoreBackup(db: Db, storage: DocumentStorage, file: string, options: { force: boolean }): Promise<BackupSummary> {
  if (!options.force && (await hasPartnershipData(db))) {
    throw new RestoreRefusedError(
      'The database already holds partnership data; restoring would replace all of it. Run restore again with --force to replace it.',
    );
  }
  // Document ids are never reused, so writing their bytes before the rows commit is safe: if the
  // restore fails, the files are unreferenced (or hold what the same id already held).
  const backup = await readBackup(file, async (key, bytes) => {
    await storage.remove(key);
    await storage.put(key, bytes);
  });

  const tables = await backupTableOrder(db);
  const columnsOf = new Map<string, Map<string, { generated: boolean }>>();
  for (const r of await rowsOf(
    db,
    sql`SELECT table_name, column_name, is_generated FROM information_schema.columns WHERE table_schema = current_schema()`,
  )) {
    const table = String(r.table_name);
    if (!columnsOf.has(table)) columnsOf.set(table, new Map());
    columnsOf.get(table)!.set(String(r.column_name), { generated: r.is_generated !== 'NEVER' });
  }
  const newer = (what: string) =>
    new InvalidBackupError(`${file} holds ${what}, which this database does not have: it was written by a newer Mitra. Upgrade Mitra, then restore it.`);
  for (const table of backup.rows.keys()) {
    if (!tables.includes(table)) throw newer(`the table "${table}"`);
  }

  const summary: BackupSummary = { rows: {}, documents: backup.documentKeys.size, missingDocuments: [] };
  await db.transaction(async (txDb) => {
    const tx = txDb as unknown as Db;
    await tx.execute(sql.raw(`TRUNCATE ${tables.map(quote).join(', ')} CASCADE`));
    for (const table of tables) {
      const rows = backup.rows.get(table) ?? [];
      summary.rows[table] = rows.length;
      if (!rows.length) continue;
      // The backup's own columns: one added to the schema since takes its default.
      const known = columnsOf.get(table)!;
      const backupColumns = Object.keys(JSON.parse(rows[0]!) as Record<string, unknown>);
      const unknown = backupColumns.find((c) => !known.has(c));
      if (unknown) throw newer(`the column "${table}.${unknown}"`);
      const columns = backupColumns.filter((c) => !known.get(c)!.generated).map(quote).join(', ');
      for (let i = 0; i < rows.length; i += INSERT_BATCH_ROWS) {
        const chunk = `[${rows.slice(i, i + INSERT_BATCH_ROWS).join(',')}]`;
        await tx.execute(
          sql`${sql.raw(`INSERT INTO ${quote(table)} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM json_populate_recordset(null::${quote(table)}, `)}${chunk}::json)`,
        );
      }
    }
    // Serial and identity columns continue after the restored rows.
    const sequences = await rowsOf(
      tx,
      sql`SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) AS sequence
          FROM information_schema.columns
          WHERE table_schema = current_schema() AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`,
    );
    for (const s of sequences) {
      const column = quote(String(s.column_name));
      const table = quote(String(s.table_name));
      await tx.execute(sql`SELECT setval(${String(s.sequence)}, coalesce((SELECT max(${sql.raw(column)}) FROM ${sql.raw(table)}), 0) + 1, false)`);
    }
    summary.missingDocuments = (await rowsOf(tx, sql`SELECT storage_key FROM documents ORDER BY storage_key`))
      .map((r) => String(r.storage_key))
      .filter((key) => !backup.documentKeys.has(key));
  });
  return summary;
}
