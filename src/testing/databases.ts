import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { migrateDatabase, openPglite, openPostgres, type Database } from '../db/client.js';
import { seedReferenceData } from '../db/seed/reference.js';

/**
 * Test databases: a migrated, seeded template is made once per run, and every test file gets its
 * own copy (a PGlite data-dir dump, or a PostgreSQL database created from a template database).
 */
export const testTmpDir = path.resolve('.test-tmp');
const templateDump = path.join(testTmpDir, 'pglite-template.tar');
const TEMPLATE_DB = 'mitra_test_template';

export type TestDatabaseKind = 'pglite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.MITRA_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

function serverUrl(database?: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  if (database) url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function prepareTemplate(kind: TestDatabaseKind): Promise<void> {
  fs.mkdirSync(testTmpDir, { recursive: true });
  if (kind === 'pglite') {
    const database = await openPglite(undefined);
    await migrateDatabase(database);
    await seedReferenceData(database.db);
    const dump = await database.pglite!.dumpDataDir('none');
    fs.writeFileSync(templateDump, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    return;
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${TEMPLATE_DB}`);
  const database = await openPostgres(serverUrl(TEMPLATE_DB), 2);
  await migrateDatabase(database);
  await seedReferenceData(database.db);
  await database.close();
}

/** A fresh database for one test file, already migrated and holding the reference data. */
export async function openTestDatabase(): Promise<Database> {
  if (testDatabaseKind() === 'pglite') {
    const blob = new Blob([fs.readFileSync(templateDump)]);
    return openPglite(undefined, blob);
  }
  const name = `mitra_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  const database = await openPostgres(serverUrl(name), 5);
  return {
    ...database,
    close: async () => {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
