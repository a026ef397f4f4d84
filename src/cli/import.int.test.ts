import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../db/client.js';

/**
 * `mitra import` as people run it: its own process, on the embedded database in a temporary data
 * directory (like cli.int.test.ts, so PGlite only).
 */
const bin = path.resolve('bin/mitra.js');
const feeds = path.resolve('data/reference/vulnerability-feeds');
const slow = { timeout: 300_000 };

type Run = { code: number | null; stdout: string; stderr: string };

function mitra(dataDir: string, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, MITRA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  for (const name of ['DATABASE_URL', 'PUBLIC_URL', 'MITRA_DEMO', 'PORT', 'SMTP_URL']) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function query(dataDir: string, text: string): Promise<Record<string, unknown>[]> {
  const database = await openPglite(dataDir);
  try {
    return ((await database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;
  } finally {
    await database.close();
  }
}

let workDir: string;
let dataDir: string;

describe.skipIf(process.env.MITRA_TEST_DB === 'postgres')('mitra import', () => {
  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-import-test-'));
    dataDir = path.join(workDir, 'data');
    expect((await mitra(dataDir, 'migrate')).code).toBe(0);
  }, slow.timeout);

  afterAll(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('imports a directory of feeds file by file, skipping what is no feed', async () => {
    const run = await mitra(dataDir, 'import', feeds);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // Not a TTY: plain per-file lines on stderr, no progress bar.
    expect(run.stderr).toContain(`Importing ${path.relative(process.cwd(), path.join(feeds, 'kev/known_exploited_vulnerabilities.json'))}`);
    expect(run.stdout).toMatch(/known_exploited_vulnerabilities\.json: kev, 1404 new, 0 updated, 0 unchanged, 0 rejected/);
    expect(run.stdout).toMatch(/CVE-2021-26855\.json: nvd, 1 new/);
    expect(run.stdout).toMatch(/icsa-23-355-02\.json: csaf, \d+ new/);
    for (const skipped of ['SOURCES.md', 'INDEX.tsv', 'known_exploited_vulnerabilities_schema.json', 'CVE_JSON_bundled_5.1.1.schema.json']) {
      expect(run.stdout).toContain(`${skipped}: skipped, not a vulnerability feed.`);
    }
    expect(run.stdout).toMatch(/Imported \d+ files: \d+ new, \d+ updated, \d+ unchanged, \d+ rejected; 4 files skipped \(not feeds\)\./);

    const [counts] = await query(
      dataDir,
      `SELECT (SELECT count(*) FROM feed_imports)::int AS imports, (SELECT count(*) FROM kev_entries)::int AS kev,
              (SELECT count(DISTINCT source) FROM vulnerability_records)::int AS sources,
              (SELECT count(*) FROM audit_entries WHERE action = 'feed.imported' AND actor_label = 'mitra import')::int AS audited`,
    );
    const csafFiles = fs.readdirSync(path.join(feeds, 'csaf')).filter((f) => f.endsWith('.json')).length;
    expect(counts).toMatchObject({ kev: 1404, sources: 3 });
    expect(counts!.imports).toBe(csafFiles + 1 + 2 + 5);
    expect(counts!.audited).toBe(counts!.imports);
  }, slow.timeout);

  it('changes nothing when the same file is imported again', async () => {
    const run = await mitra(dataDir, 'import', path.join(feeds, 'nvd/CVE-2021-26855.json'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/CVE-2021-26855\.json: nvd, 0 new, 0 updated, 1 unchanged, 0 rejected/);
  }, slow.timeout);

  it('reports rejected records without failing, and fails on a path that does not exist or a named file that is no feed', async () => {
    const broken = path.join(workDir, 'broken-page.json');
    const page = JSON.parse(fs.readFileSync(path.join(feeds, 'nvd/search_full_page.json'), 'utf8'));
    page.vulnerabilities[0].cve.id = 'not-a-cve';
    fs.writeFileSync(broken, JSON.stringify(page));
    const partial = await mitra(dataDir, 'import', broken);
    expect(partial.code, partial.stderr).toBe(0);
    expect(partial.stdout).toMatch(/broken-page\.json: nvd, .*1 rejected/);
    expect(partial.stdout).toContain('problem at vulnerabilities[0]');

    const missing = path.join(workDir, 'nowhere.json');
    const refused = await mitra(dataDir, 'import', missing);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`No file or directory at ${missing}`);
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    const notes = path.join(workDir, 'notes.txt');
    fs.writeFileSync(notes, 'not a feed\n');
    const notAFeed = await mitra(dataDir, 'import', notes);
    expect(notAFeed.code).not.toBe(0);
    expect(notAFeed.stdout).toContain('notes.txt: skipped, not a vulnerability feed.');
  }, slow.timeout);
});
