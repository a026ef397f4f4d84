import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskStorage } from '../modules/documents/storage.js';
import { openTestDatabase } from '../testing/databases.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp } from '../testing/harness.js';
import { backupTableOrder, InvalidBackupError, restoreBackup, RestoreRefusedError, writeBackup } from './backup.js';
import type { Database, Db } from './client.js';

let source: TestApp;
let workDir: string;
/** Written once from the source database; each test restores it into a database of its own. */
let backupFile: string;
let documentKey: string;
const targets: Database[] = [];

/** A fresh database (reference data only) and a document store for one test. */
async function freshTarget(name: string) {
  const database = await openTestDatabase();
  targets.push(database);
  return { db: database.db, storage: diskStorage(path.join(workDir, name)) };
}

/** 2^53 + 1 cents: a JavaScript number cannot hold it, so it shows whether the value went through one. */
const hugeBudget = '90071992547409.93';
const pdf = Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${'x'.repeat(3000)}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);

function multipart(fileName: string, bytes: Buffer) {
  const boundary = '----mitra-backup-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function rows(db: Db, query: ReturnType<typeof sql>) {
  return ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
}

/** Every row of a table as the database's JSON text, in a stable order. */
async function tableContents(db: Db, table: string): Promise<string[]> {
  return (await rows(db, sql.raw(`SELECT row_to_json(t)::text AS json FROM "${table}" t ORDER BY 1`))).map((r) => String(r.json));
}

const count = async (db: Db, table: string) => Number((await rows(db, sql.raw(`SELECT count(*) AS n FROM "${table}"`)))[0]!.n);

beforeAll(async () => {
  source = await createTestApp();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-backup-test-'));
  backupFile = path.join(workDir, 'mitra.jsonl.gz');

  const officer = await makeActor(source, 'city_government', { cityId: 'da-nang', password: 'a long enough password' });
  const company = await makeOrganisation(source, { kind: 'company', name: 'Lumen “Mobility” Ltd — Đà Nẵng' });
  await makePerson(source, company, { name: 'Nguyễn Thị Lan' });
  const create = async (payload: Record<string, unknown>) => {
    const response = await source.request(officer, { method: 'POST', url: '/api/v1/cities/da-nang/projects', payload });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  const projectId = await create({
    title: 'Flood sensors on the Han River',
    focusAreaId: 'quality-environment',
    description: 'Line one\nline two, with "quotes" and a tab\there.',
    status: 'ongoing',
    startYear: 2025,
    budget: { amount: hugeBudget, currency: 'USD' },
    partners: ['Department of Transport', 'Hội An'],
    visibility: 'public',
  });
  await create({ title: 'Cyber baseline', focusAreaId: 'safety-security', status: 'planning', visibility: 'restricted' });
  const upload = await source.request(officer, { method: 'POST', url: `/api/v1/projects/${projectId}/documents`, ...multipart('plan.pdf', pdf) });
  expect(upload.statusCode).toBe(201);
  const documentId = upload.json().id as string;
  documentKey = String((await rows(source.db, sql`SELECT storage_key FROM documents WHERE id = ${documentId}`))[0]!.storage_key);
  await writeBackup(source.db, diskStorage(source.ctx.config.dataDir), backupFile);
});

afterAll(async () => {
  await source?.close();
  for (const target of targets) await target.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('writes every table and the document bytes', async () => {
    const file = path.join(workDir, 'written.jsonl.gz');
    const summary = await writeBackup(source.db, diskStorage(source.ctx.config.dataDir), file);
    expect(summary.rows.organisations).toBe(2);
    expect(summary.rows.users).toBe(2);
    expect(summary.rows.scap_projects).toBe(2);
    expect(summary.rows.documents).toBe(1);
    expect(summary.rows.cities).toBe(31);
    expect(summary.rows.audit_entries).toBeGreaterThanOrEqual(3);
    expect(summary.documents).toBe(1);
    expect(summary.missingDocuments).toEqual([]);
    // Derived tables are rebuilt by the restore, not carried.
    expect(summary.rows).not.toHaveProperty('scap_project_counts');
    expect(fs.readdirSync(workDir).filter((name) => name.includes('.partial-'))).toEqual([]);
  });

  it('restores into a fresh database: the same rows, the same document bytes, sequences after them', async () => {
    const target = await freshTarget('fresh');
    const summary = await restoreBackup(target.db, target.storage, backupFile, { force: false });
    expect(summary.rows.scap_projects).toBe(2);
    expect(summary.missingDocuments).toEqual([]);

    const tables = await backupTableOrder(source.db);
    expect(tables).toEqual(expect.arrayContaining(['organisations', 'users', 'sessions', 'scap_projects', 'documents', 'audit_entries', 'settings']));
    // Parents come before the tables that reference them.
    expect(tables.indexOf('organisations')).toBeLessThan(tables.indexOf('users'));
    expect(tables.indexOf('cities')).toBeLessThan(tables.indexOf('scap_projects'));
    for (const table of [...tables, 'scap_project_counts']) {
      expect({ table, rows: await tableContents(target.db, table) }).toEqual({ table, rows: await tableContents(source.db, table) });
    }
    expect(await count(target.db, 'scap_project_counts')).toBeGreaterThan(0);

    const [project] = await rows(target.db, sql`SELECT budget_minor::text AS budget FROM scap_projects WHERE budget_minor IS NOT NULL`);
    expect(project!.budget).toBe('9007199254740993');
    expect((await target.storage.get(documentKey)).equals(pdf)).toBe(true);

    const [max] = await rows(target.db, sql`SELECT max(id)::int AS id FROM audit_entries`);
    const [inserted] = await rows(
      target.db,
      sql`INSERT INTO audit_entries (actor_label, action, entity_type, entity_id) VALUES ('test', 'test.sequence', 'test', 'x') RETURNING id::int AS id`,
    );
    expect(Number(inserted!.id)).toBe(Number(max!.id) + 1);
  });

  it('refuses to replace partnership data without force, leaving it as it was, and replaces it with force', async () => {
    const target = await freshTarget('refuse');
    await restoreBackup(target.db, target.storage, backupFile, { force: false });
    await target.db.execute(sql`DELETE FROM scap_projects WHERE visibility = 'restricted'`);
    const changed = await tableContents(target.db, 'scap_projects');
    expect(changed).toHaveLength(1);

    const refused = restoreBackup(target.db, target.storage, backupFile, { force: false });
    await expect(refused).rejects.toBeInstanceOf(RestoreRefusedError);
    await expect(refused).rejects.toThrow(/--force/);
    expect(await tableContents(target.db, 'scap_projects')).toEqual(changed);

    await restoreBackup(target.db, target.storage, backupFile, { force: true });
    for (const table of ['scap_projects', 'audit_entries', 'scap_project_counts']) {
      expect({ table, rows: await tableContents(target.db, table) }).toEqual({ table, rows: await tableContents(source.db, table) });
    }
  });

  it('rejects a file that is not a backup with a clear message, even with force, and changes nothing', async () => {
    const target = await freshTarget('not-a-backup');
    const before = await tableContents(target.db, 'cities');
    const plain = path.join(workDir, 'notes.txt');
    fs.writeFileSync(plain, 'These are not the rows you are looking for.\n');
    const gzippedJson = path.join(workDir, 'other.json.gz');
    fs.writeFileSync(gzippedJson, zlib.gzipSync('{"hello":"world"}\n'));
    const cut = path.join(workDir, 'cut.jsonl.gz');
    const whole = fs.readFileSync(backupFile);
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));

    for (const [file, message] of [
      [plain, /notes\.txt is not a Mitra backup \(it is not gzip-compressed\)/],
      [gzippedJson, /other\.json\.gz is not a Mitra backup \(its first line does not name the format\)/],
      [cut, /cut\.jsonl\.gz is damaged: .*\(the file is cut short\)/],
    ] as const) {
      const attempt = restoreBackup(target.db, target.storage, file, { force: true });
      await expect(attempt).rejects.toBeInstanceOf(InvalidBackupError);
      await expect(attempt).rejects.toThrow(message);
    }
    expect(await tableContents(target.db, 'cities')).toEqual(before);
    expect(before).toHaveLength(31);
  });

  it('refuses a backup written by a newer Mitra', async () => {
    const target = await freshTarget('newer');
    const newer = path.join(workDir, 'newer.jsonl.gz');
    fs.writeFileSync(
      newer,
      zlib.gzipSync(
        '{"format":"mitra-backup","version":2,"createdAt":"2030-01-01T00:00:00Z"}\n' +
          '{"table":"countries","row":{"code":"XX","name":"Nowhere","is_asean_member":false,"anthem":"la"}}\n',
      ),
    );
    await expect(restoreBackup(target.db, target.storage, newer, { force: true })).rejects.toThrow(/"countries\.anthem".*newer Mitra/);
    const future = path.join(workDir, 'future.jsonl.gz');
    fs.writeFileSync(future, zlib.gzipSync('{"format":"mitra-backup","version":99,"createdAt":"2030-01-01T00:00:00Z"}\n'));
    await expect(restoreBackup(target.db, target.storage, future, { force: true })).rejects.toThrow(/version 99 backup, written by a newer Mitra/);
    expect(await count(target.db, 'countries')).toBe(12);
  });
});
