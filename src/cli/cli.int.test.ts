import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../db/client.js';
import { DEMO_PASSWORD, demoPeople } from '../db/seed/demo.js';

/**
 * The `mitra` command as people run it: `node bin/mitra.js …` in its own process, on the embedded
 * database in a temporary data directory. It is about PGlite and the data directory, so it runs
 * in the pglite project only.
 */
const bin = path.resolve('bin/mitra.js');
// Several real processes, each opening PGlite: minutes under load, never a hang.
const slow = { timeout: 300_000 };

type Run = { code: number | null; stdout: string; stderr: string };

function environment(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MITRA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...extra };
  for (const name of ['DATABASE_URL', 'PUBLIC_URL', 'MITRA_DEMO', 'PORT', 'SMTP_URL']) if (!(name in extra)) delete env[name];
  return env;
}

function mitra(dataDir: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: environment(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Nothing went wrong on stderr (runtimes may print unrelated warnings there, so not "empty"). */
function expectQuiet(run: Run) {
  expect(run.stderr).not.toMatch(/error|\n\s+at /i);
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type Serving = { child: ChildProcess; url: string; output: () => string; stop: () => Promise<number | null> };

/** Starts `mitra serve` and waits until it says it is running (or fails with what it printed). */
async function serve(dataDir: string): Promise<Serving> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'serve'], { env: environment(dataDir, { PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Mitra is running at')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`mitra serve exited (${code}) before it was running:\n${output}`)));
  });
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function openDataDir<T>(dataDir: string, read: (query: (text: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const database = await openPglite(dataDir);
  try {
    return await read(async (text) => ((await database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows);
  } finally {
    await database.close();
  }
}

const demoCounts = (dataDir: string) =>
  openDataDir(dataDir, async (query) => {
    const [row] = await query(
      `SELECT (SELECT count(*) FROM organisations WHERE is_demo)::int AS organisations,
              (SELECT count(*) FROM users WHERE is_demo)::int AS users,
              (SELECT count(*) FROM scap_projects WHERE is_demo)::int AS projects`,
    );
    return row as { organisations: number; users: number; projects: number };
  });

let workDir: string;
let template: string;
let firstMigrate: Run;

/** A data directory of its own for a test: a copy of the one `migrate` prepared. */
function dataDirFor(name: string): string {
  const dir = path.join(workDir, name);
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}

describe.skipIf(process.env.MITRA_TEST_DB === 'postgres')('the mitra command', () => {
  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-cli-test-'));
    template = path.join(workDir, 'template');
    firstMigrate = await mitra(template, 'migrate');
  }, slow.timeout);

  afterAll(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('migrate prepares a fresh data directory, and says so', async () => {
    expectQuiet(firstMigrate);
    expect(firstMigrate.stdout).toContain('Database is up to date (pglite).');
    expect(firstMigrate.code).toBe(0);
    const cities = await openDataDir(dataDirFor('migrated'), (query) => query('SELECT count(*)::int AS n FROM cities'));
    expect(cities[0]!.n).toBe(31);
  }, slow.timeout);

  it('seed --demo prints the demo sign-ins; --remove-demo takes the demo rows out, and serve does not bring them back', async () => {
    const dataDir = dataDirFor('demo');
    const seeded = await mitra(dataDir, 'seed', '--demo');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('Demo dataset loaded. Demo sign-ins:');
    for (const person of demoPeople) expect(seeded.stdout).toContain(person.email);
    expect(seeded.stdout).toContain(`password: ${DEMO_PASSWORD}`);
    const loaded = await demoCounts(dataDir);
    expect(loaded.users).toBe(demoPeople.length);
    expect(loaded.organisations).toBeGreaterThan(0);
    expect(loaded.projects).toBeGreaterThan(0);

    const removed = await mitra(dataDir, 'seed', '--remove-demo');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(
      `Demo dataset removed: ${loaded.organisations} organisations, ${loaded.users} people, ${loaded.projects} SCAP projects.`,
    );
    expect(await demoCounts(dataDir)).toEqual({ organisations: 0, users: 0, projects: 0 });

    // On the embedded database serve loads the demo on a first start; it must not on this later one.
    const server = await serve(dataDir);
    try {
      expect(server.output()).not.toContain('The demo dataset is loaded');
      const projects = await (await fetch(`${server.url}/api/v1/projects?limit=200`)).json();
      expect(projects.items).toEqual([]);
      const cities = await (await fetch(`${server.url}/api/v1/cities`)).json();
      expect(cities.items).toHaveLength(31);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(await demoCounts(dataDir)).toEqual({ organisations: 0, users: 0, projects: 0 });
  }, slow.timeout);

  it('stops a second process on a data directory in use with a clear message, and lets it in once the first has stopped', async () => {
    const dataDir = dataDirFor('in-use');
    const server = await serve(dataDir);
    let second: Run;
    try {
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      second = await mitra(dataDir, 'migrate');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`The data directory ${dataDir} is in use by another Mitra process.`);
    expect(second.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(second.stdout).not.toContain('up to date');

    const after = await mitra(dataDir, 'migrate');
    expectQuiet(after);
    expect(after.code).toBe(0);
  }, slow.timeout);

  it('backup then restore: refused without --force on a database with data, done with --force', async () => {
    const dataDir = dataDirFor('backup');
    const backupFile = path.join(workDir, 'demo-backup.jsonl.gz');
    expect((await mitra(dataDir, 'seed', '--demo')).code).toBe(0);

    const backup = await mitra(dataDir, 'backup', backupFile);
    expectQuiet(backup);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(new RegExp(`Backup written to ${backupFile.replace(/[.]/g, '\\.')}: \\d+ rows in \\d+ tables, 0 documents\\.`));
    const backedUpOrganisations = zlib
      .gunzipSync(fs.readFileSync(backupFile))
      .toString('utf8')
      .split('\n')
      .filter((line) => line.startsWith('{"table":"organisations"'))
      .map((line) => (JSON.parse(line) as { row: { id: string } }).row.id)
      .sort();
    expect(backedUpOrganisations.length).toBeGreaterThan(0);

    // A change after the backup, which the forced restore is to undo.
    await openDataDir(dataDir, (query) => query(`INSERT INTO organisations (name, kind) VALUES ('Added after the backup', 'company')`));
    const organisationIds = () =>
      openDataDir(dataDir, async (query) => (await query('SELECT id FROM organisations ORDER BY id')).map((r) => String(r.id)));

    const refused = await mitra(dataDir, 'restore', backupFile);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('already holds partnership data');
    expect(refused.stderr).toContain('--force');
    expect((await organisationIds()).length).toBe(backedUpOrganisations.length + 1);

    const notABackup = path.join(workDir, 'notes.txt');
    fs.writeFileSync(notABackup, 'not a backup\n');
    const rejected = await mitra(dataDir, 'restore', notABackup, '--force');
    expect(rejected.code).not.toBe(0);
    expect(rejected.stderr).toContain(`${notABackup} is not a Mitra backup`);
    expect(rejected.stderr).not.toMatch(/\n\s+at /);

    const restored = await mitra(dataDir, 'restore', backupFile, '--force');
    expectQuiet(restored);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/Restored \d+ rows in \d+ tables, 0 documents from /);
    expect(await organisationIds()).toEqual(backedUpOrganisations);
  }, slow.timeout);
});
