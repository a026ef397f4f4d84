import type { Config } from '../config.js';
import { migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { demoLoaded, DEMO_PASSWORD, demoPeople, demoPresent, loadDemoData } from '../db/seed/demo.js';
import { loadDemoCyber } from '../db/seed/demo-cyber.js';
import { loadDemoEvents } from '../db/seed/demo-events.js';
import { loadDemoPipeline } from '../db/seed/demo-pipeline.js';
import { loadDemoExposure } from '../db/seed/demo-exposure.js';
import { seedReferenceData } from '../db/seed/reference.js';
import { jobHandlers } from '../jobs/handlers.js';
import { createInProcessQueue, createPgBossQueue, type JobQueue } from '../jobs/queue.js';
import { issueFirstAdminCode, needsFirstAdmin } from '../modules/auth/service.js';
import { dispatchQueuedEmails } from '../modules/mail/service.js';
import { buildApp } from './app.js';
import type { AppContext } from './context.js';
import { loggerOptions } from './logging.js';

/** Opens the database and brings it up to date: migrations, then reference data. */
export async function prepareDatabase(config: Config): Promise<Database> {
  const database = await openDatabase(config);
  try {
    await migrateDatabase(database);
    await seedReferenceData(database.db);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

export async function createJobQueue(database: Database): Promise<JobQueue> {
  if (database.kind === 'postgres' && database.url) return createPgBossQueue(database.url);
  return createInProcessQueue((message, error) => console.error(message, error instanceof Error ? error.message : ''));
}

/** `mitra serve`: everything a newcomer needs on first start, then the HTTP server. */
export async function serve(config: Config, options: { workJobs: boolean }) {
  const database = await prepareDatabase(config);
  const jobs = await createJobQueue(database);
  const ctx: AppContext = { database, db: database.db, config, jobs };
  const lines: string[] = [];
  const wantsDemo = config.demo ?? database.kind === 'pglite';
  if (wantsDemo && !(await demoLoaded(database.db)) && (await loadDemoData(database.db))) {
    await loadDemoExposure(ctx);
    await loadDemoCyber(ctx);
    await loadDemoEvents(ctx);
    await loadDemoPipeline(ctx);
  }
  if (await demoPresent(database.db)) {
    lines.push(
      '',
      'The demo dataset is loaded (organisations and SCAP projects marked "demo"). Sign in as any of:',
      ...demoPeople.map((p) => `  ${p.email.padEnd(34)} ${p.name} — ${p.title}`),
      `  password for all demo accounts: ${DEMO_PASSWORD}`,
      '  jakarta@ has a demo technology inventory matched against the sample vulnerability feeds.',
      '  Remove it with: npx mitra seed --remove-demo',
    );
  }
  if (await needsFirstAdmin(database.db)) {
    const code = await issueFirstAdminCode(database.db);
    lines.push('', 'Create the first secretariat administrator (the code works once, for 7 days):', `  ${config.publicUrl}/setup?code=${code}`);
  }
  const app = await buildApp(ctx, { logger: loggerOptions(config.logLevel) });
  if (options.workJobs) {
    await jobs.work(ctx, jobHandlers);
    await dispatchQueuedEmails(ctx);
  }
  await app.listen({ port: config.port, host: config.host });
  console.log(
    [
      '',
      `Mitra is running at ${config.publicUrl}`,
      `  database: ${database.kind === 'pglite' ? `embedded (PGlite) in ${config.dataDir}` : 'PostgreSQL'}`,
      `  API docs: ${config.publicUrl}/api/docs`,
      ...lines,
      '',
    ].join('\n'),
  );
  const shutdown = async () => {
    await app.close();
    await jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return { app, ctx };
}

/** `mitra worker`: works background jobs from PostgreSQL's queue. */
export async function work(config: Config) {
  if (!config.databaseUrl) {
    throw new Error('mitra worker needs DATABASE_URL: with the embedded database, `mitra serve` runs the jobs itself.');
  }
  const database = await prepareDatabase(config);
  const jobs = await createJobQueue(database);
  const ctx: AppContext = { database, db: database.db, config, jobs };
  await jobs.work(ctx, jobHandlers);
  await dispatchQueuedEmails(ctx);
  console.log('Mitra worker is working background jobs. Stop it with Ctrl-C.');
  const shutdown = async () => {
    await jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
