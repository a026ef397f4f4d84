/**
 * `npm run bench`: HTTP throughput and latency of Mitra's public read paths, each as a ratio to a
 * bare Fastify JSON route measured in the same run (absolute numbers drift on shared machines).
 *
 * Settings (environment): BENCH_SECONDS (default 5) per target, BENCH_WARMUP_SECONDS (1),
 * BENCH_CONNECTIONS (50), BENCH_PROJECTS (100000), BENCH_DATABASES (pglite,postgres), BENCH_ONLY
 * (a part of the target names to keep), and BENCH_DATABASE_URL or TEST_DATABASE_URL for the
 * PostgreSQL server to run on (a throwaway database is created on it and dropped afterwards).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openPglite, type Database } from '../src/db/client.js';
import { seedReferenceData } from '../src/db/seed/reference.js';
import { createInProcessQueue } from '../src/jobs/queue.js';
import { insertOrganisation, insertSession, insertUser } from '../src/modules/auth/queries.js';
import { hashSecret, newSecret } from '../src/modules/auth/tokens.js';
import { buildApp } from '../src/server/app.js';
import { SESSION_COOKIE } from '../src/server/http.js';
import { generateProjects } from './projects.js';
import { throwawayPostgres } from './databases.js';

const numberFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${process.env[name]}".`);
  return value;
};
const seconds = numberFrom('BENCH_SECONDS', 5);
const warmupSeconds = numberFrom('BENCH_WARMUP_SECONDS', 1);
const connections = numberFrom('BENCH_CONNECTIONS', 50);
const projectCount = numberFrom('BENCH_PROJECTS', 100_000);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const databases = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((d) => d.trim());
/** The goal for PostgreSQL: p99 under this many milliseconds at 50 connections. */
const P99_TARGET_MS = 50;

/**
 * Visitors, whose repeated reads the public micro-cache answers (at most one database read per URL
 * every 2 s), and signed-in people (a company officer), whose every request looks up the session and
 * reads the database: the "signed in" targets show the uncached cost.
 */
type Target = { name: string; path: string; expectItems: number; signedIn?: boolean };
const allTargets: Target[] = [
  { name: 'city list', path: '/api/v1/cities', expectItems: 31 },
  { name: 'projects: focus area + status', path: '/api/v1/projects?focusArea=built-infrastructure&status=ongoing&limit=50', expectItems: 50 },
  { name: 'projects: country', path: '/api/v1/projects?country=VN&limit=50', expectItems: 50 },
  { name: 'projects: text search', path: '/api/v1/projects?q=flood&limit=50', expectItems: 50 },
  // What the portal's city page actually asks for: one city's action plan, 20 at a time.
  { name: 'city page: action plan (20)', path: '/api/v1/cities/da-nang/projects?sort=title&limit=20', expectItems: 20 },
  { name: 'projects: signed in, newest', path: '/api/v1/projects?sort=-updatedAt&limit=50', expectItems: 50, signedIn: true },
  { name: 'projects: signed in, focus + status', path: '/api/v1/projects?focusArea=built-infrastructure&status=ongoing&limit=50', expectItems: 50, signedIn: true },
  { name: 'city page: signed in, action plan (20)', path: '/api/v1/cities/da-nang/projects?sort=title&limit=20', expectItems: 20, signedIn: true },
];
/** BENCH_ONLY=<text> keeps the targets whose name contains it (e.g. BENCH_ONLY=projects). */
const targets = allTargets.filter((t) => !process.env.BENCH_ONLY || t.name.includes(process.env.BENCH_ONLY));

type Measurement = { database: string; target: string; rps: number; p50: number; p99: number; failures: number };
const measurements: Measurement[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error) => console.error('clean-up failed:', error));
}
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

const log = (message: string) => console.error(`[bench] ${message}`);

/** Loads `url` from a worker thread, so that the load generator does not share the server's event loop. */
async function load(url: string, duration: number, headers: Record<string, string>) {
  const result = await autocannon({ url, connections, duration, workers: 1, headers });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

async function measure(database: string, target: string, url: string, headers: Record<string, string> = {}) {
  await load(url, warmupSeconds, headers);
  const result = await load(url, seconds, headers);
  measurements.push({ database, target, ...result });
  log(`${database.padEnd(10)} ${target.padEnd(30)} ${Math.round(result.rps)} req/s, p99 ${result.p99} ms`);
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function benchBare() {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  const base = await listen(app);
  await measure('-', 'bare Fastify JSON route', `${base}/`);
  await app.close();
}

/** Checks that each target answers 200 with the expected page, so that the numbers measure real work. */
async function checkTargets(base: string, headersOf: (target: Target) => Record<string, string>) {
  for (const target of targets) {
    const response = await fetch(base + target.path, { headers: headersOf(target) });
    const body = (await response.json()) as { items?: unknown[] };
    if (response.status !== 200 || body.items?.length !== target.expectItems) {
      throw new Error(`${target.path} answered ${response.status} with ${body.items?.length ?? 'no'} items (expected ${target.expectItems}).`);
    }
  }
}

/** A company officer's session, as the sign-in would make it; returns the cookie's value. */
async function signIn(database: Database): Promise<string> {
  const organisation = await insertOrganisation(database.db, { name: 'Benchmark Company', kind: 'company' });
  const user = await insertUser(database.db, {
    email: 'bench@company.example',
    name: 'Bench Mark',
    organisationId: organisation.id,
    role: 'member',
    status: 'active',
  });
  const token = newSecret();
  await insertSession(database.db, { tokenHash: hashSecret(token), userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) });
  return token;
}

async function benchApp(label: string, database: Database) {
  const started = Date.now();
  await migrateDatabase(database);
  await seedReferenceData(database.db);
  await generateProjects(database, projectCount);
  log(`${label}: ${projectCount} SCAP projects generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-bench-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ MITRA_DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0' });
  const app = await buildApp({ database, db: database.db, config, jobs: createInProcessQueue() }, { serveWeb: false });
  const base = await listen(app);
  const cookie = { cookie: `${SESSION_COOKIE}=${await signIn(database)}` };
  const headersOf = (target: Target) => (target.signedIn ? cookie : {});
  try {
    await checkTargets(base, headersOf);
    for (const target of targets) await measure(label, target.name, base + target.path, headersOf(target));
  } finally {
    await app.close();
  }
}

async function benchPglite() {
  log('PGlite: opening an in-memory database');
  const database = await openPglite(undefined);
  try {
    await benchApp('PGlite', database);
  } finally {
    await database.close();
  }
}

async function benchPostgres(serverUrl: string) {
  const { url, database, drop } = await throwawayPostgres(serverUrl, `mitra_bench_${process.pid}`);
  cleanups.push(drop);
  log(`PostgreSQL: throwaway database on ${new URL(url).host}`);
  try {
    await benchApp('PostgreSQL', database);
  } finally {
    await database.close();
  }
}

function report() {
  const baseline = measurements.find((m) => m.database === '-')!;
  const rows = measurements.map((m) => [
    m.database,
    m.target,
    Math.round(m.rps).toString(),
    m.p50.toString(),
    m.p99.toString(),
    m === baseline ? '1.000' : (m.rps / baseline.rps).toFixed(3),
    m.failures.toString(),
  ]);
  const header = ['database', 'target', 'req/s', 'p50 ms', 'p99 ms', '× bare', 'failed'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  console.log(`\n${connections} connections, ${seconds} s per target (after ${warmupSeconds} s warm-up), ${projectCount} SCAP projects, Node ${process.version}, ${os.cpus().length} CPUs\n`);
  console.log(line(header));
  console.log('|' + widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const row of rows) console.log(line(row));
  const onPostgres = measurements.filter((m) => m.database === 'PostgreSQL');
  if (onPostgres.length) {
    console.log(`\nPostgreSQL target: p99 under ${P99_TARGET_MS} ms at ${connections} connections`);
    for (const m of onPostgres) console.log(`  ${m.p99 < P99_TARGET_MS ? 'met   ' : 'MISSED'} ${m.target}: p99 ${m.p99} ms`);
  } else if (databases.includes('postgres')) {
    console.log('\nPostgreSQL not measured: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server where a database may be created.');
  }
}

try {
  await benchBare();
  if (databases.includes('pglite')) await benchPglite();
  if (databases.includes('postgres') && postgresUrl) await benchPostgres(postgresUrl);
  report();
} finally {
  await cleanUp();
}
