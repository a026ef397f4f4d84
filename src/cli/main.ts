import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { InvalidBackupError, restoreBackup, RestoreRefusedError, writeBackup, type BackupSummary } from '../db/backup.js';
import { DataDirInUseError } from '../db/client.js';
import { schedule as scheduleMeetings } from '../engines/scheduler/scheduler.js';
import { parseInstance } from '../engines/scheduler/validate.js';
import { DEMO_PASSWORD, demoPeople, loadDemoData, removeDemoData } from '../db/seed/demo.js';
import { seedReferenceData } from '../db/seed/reference.js';
import { issueFirstAdminCode } from '../modules/auth/service.js';
import { documentStorage } from '../modules/documents/storage.js';
import { buildApp } from '../server/app.js';
import { createInProcessQueue } from '../jobs/queue.js';
import { createJobQueue, prepareDatabase, serve, work } from '../server/runtime.js';
import { loadDemoCyber } from '../db/seed/demo-cyber.js';
import { loadDemoEvents } from '../db/seed/demo-events.js';
import { loadDemoPipeline } from '../db/seed/demo-pipeline.js';
import { loadDemoExposure } from '../db/seed/demo-exposure.js';
import { registerImportCommand } from './import.js';
import { registerExposureCommands } from './exposure.js';
import fs from 'node:fs';
import path from 'node:path';

/** Runs a command with an opened, migrated database, and closes it afterwards. */
async function withDatabase<T>(run: (database: Awaited<ReturnType<typeof prepareDatabase>>) => Promise<T>): Promise<T> {
  const database = await prepareDatabase(loadConfig());
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}

const program = new Command()
  .name('mitra')
  .description('Mitra, the U.S.-ASEAN Smart Cities Partnership platform. Settings come from the environment (see README).');

program
  .command('serve')
  .description('Run the web app and API (migrates and seeds on start)')
  .option('--no-jobs', 'do not work background jobs in this process (leave them to `mitra worker`)')
  .action(async (options: { jobs: boolean }) => {
    await serve(loadConfig(), { workJobs: options.jobs });
  });

program
  .command('worker')
  .description('Work background jobs (PostgreSQL deployments)')
  .action(async () => {
    await work(loadConfig());
  });

program
  .command('migrate')
  .description('Apply database migrations and load reference data')
  .action(async () => {
    await withDatabase(async (database) => console.log(`Database is up to date (${database.kind}).`));
  });

program
  .command('seed')
  .description('Load reference data; --demo adds the demo dataset, --remove-demo takes it out')
  .option('--demo', 'load the demo dataset')
  .option('--remove-demo', 'remove the demo dataset')
  .action(async (options: { demo?: boolean; removeDemo?: boolean }) => {
    await withDatabase(async (database) => {
      const { db } = database;
      const counts = await seedReferenceData(db);
      console.log(`Reference data: ${counts.countries} countries, ${counts.cities} ASCN cities, ${counts.focusAreas} focus areas.`);
      if (options.demo) {
        const loaded = await loadDemoData(db);
        if (loaded) {
          const jobs = await createJobQueue(database);
          const demoCtx = { database, db, config: loadConfig(), jobs };
          const exposure = await loadDemoExposure(demoCtx);
          const cyber = await loadDemoCyber(demoCtx);
          const demoEvents = await loadDemoEvents(demoCtx);
          const pipeline = await loadDemoPipeline(demoCtx);
          await jobs.stop();
          console.log(`Sample vulnerability feeds imported (${exposure.feeds} files); a demo technology inventory of ${exposure.assets} assets for Jakarta.`);
          console.log(`${cyber.assessments} submitted CSF 2.0 self-assessments (Jakarta, Ha Noi, Cebu) and ${cyber.courses} published courses with upcoming cohorts; ${demoEvents.events} events (a convening with matchmaking, a reverse trade mission).`);
          console.log(`${pipeline.projects} pipeline projects with exchange rates, a bankability check, ${pipeline.solutions} company solutions, an interest and its deal, and ${pipeline.assistanceRequests} assistance requests.`);
        }
        console.log(loaded ? 'Demo dataset loaded. Demo sign-ins:' : 'The demo dataset is already loaded. Demo sign-ins:');
        for (const p of demoPeople) console.log(`  ${p.email.padEnd(34)} ${p.name} — ${p.title}`);
        console.log(`  password: ${DEMO_PASSWORD}`);
      }
      if (options.removeDemo) {
        const removed = await removeDemoData(db);
        const storage = documentStorage(loadConfig());
        for (const key of removed.documentKeys) await storage.remove(key);
        console.log(`Demo dataset removed: ${removed.organisations} organisations, ${removed.users} people, ${removed.projects} SCAP projects.`);
      }
    });
  });

program
  .command('create-admin')
  .description('Print a one-time link that creates a secretariat administrator')
  .action(async () => {
    const config = loadConfig();
    await withDatabase(async ({ db }) => {
      const code = await issueFirstAdminCode(db);
      console.log(`Open this link to create a secretariat administrator (works once, for 7 days):\n  ${config.publicUrl}/setup?code=${code}`);
    });
  });

/** A mistake in how the command was called: the message says what to do, no stack trace needed. */
class UsageError extends Error {}

function summarise(summary: BackupSummary): string {
  const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
  return `${rows} rows in ${Object.keys(summary.rows).length} tables, ${summary.documents} documents`;
}

function warnAboutMissingDocuments(summary: BackupSummary, when: string) {
  if (!summary.missingDocuments.length) return;
  console.warn(`Warning: ${summary.missingDocuments.length} documents have no bytes ${when}: ${summary.missingDocuments.join(', ')}`);
}

program
  .command('backup')
  .argument('<file>', 'where to write the backup (.jsonl.gz)')
  .description('Write a backup of the whole database and its documents')
  .action(async (file: string) => {
    if (!fs.existsSync(path.dirname(path.resolve(file)))) throw new UsageError(`No directory ${path.dirname(path.resolve(file))} to write ${file} into.`);
    const config = loadConfig();
    await withDatabase(async ({ db }) => {
      const summary = await writeBackup(db, documentStorage(config), file);
      console.log(`Backup written to ${file}: ${summarise(summary)}.`);
      warnAboutMissingDocuments(summary, 'in the document store, so the backup lacks them');
    });
  });

program
  .command('restore')
  .argument('<file>', 'a backup written by `mitra backup`')
  .option('--force', 'replace the partnership data the database already holds')
  .description('Restore a backup (refuses to overwrite existing data unless --force)')
  .action(async (file: string, options: { force?: boolean }) => {
    if (!fs.existsSync(file)) throw new UsageError(`No file at ${file}: give the path of a backup written by \`mitra backup\`.`);
    const config = loadConfig();
    await withDatabase(async ({ db }) => {
      const summary = await restoreBackup(db, documentStorage(config), file, { force: Boolean(options.force) });
      console.log(`Restored ${summarise(summary)} from ${file}.`);
      warnAboutMissingDocuments(summary, 'in the backup');
    });
  });

program
  .command('openapi')
  .description('Write the OpenAPI document (for the typed web client)')
  .option('--output <file>', 'where to write it', 'openapi.json')
  .action(async (options: { output: string }) => {
    const config = loadConfig({ ...process.env, MITRA_DATA_DIR: process.env.MITRA_DATA_DIR ?? '.mitra' });
    const { openPglite } = await import('../db/client.js');
    const database = await openPglite(undefined);
    const app = await buildApp({ database, db: database.db, config, jobs: createInProcessQueue() }, { serveWeb: false });
    await app.ready();
    fs.writeFileSync(options.output, JSON.stringify(app.swagger(), null, 2) + '\n');
    await app.close();
    await database.close();
    console.log(`OpenAPI document written to ${options.output}.`);
  });

program
  .command('schedule')
  .description('Schedule B2B meetings: read an instance (JSON), write the schedule (no database needed)')
  .requiredOption('--input <file>', 'the instance: slots, tables, participants, meetings')
  .option('--output <file>', 'where to write the schedule (default: standard output)')
  .option('--time-limit <seconds>', 'search budget in seconds', '3')
  .option('--seed <n>', 'seed of the randomised restarts', '1')
  .action(async (options: { input: string; output?: string; timeLimit: string; seed: string }) => {
    if (!fs.existsSync(options.input)) throw new UsageError(`No file at ${options.input}: give the path of a scheduling instance (JSON).`);
    const timeLimitSeconds = Number(options.timeLimit);
    const seed = Number(options.seed);
    if (!(timeLimitSeconds > 0) || !Number.isInteger(seed)) throw new UsageError('--time-limit must be a positive number of seconds and --seed an integer.');
    const parsed = parseInstance(fs.readFileSync(options.input, 'utf8'));
    if (!parsed.ok) throw new UsageError(`Invalid instance ${options.input} (${parsed.problems.length} problems):\n  ${parsed.problems.join('\n  ')}`);
    const result = scheduleMeetings(parsed.instance, { timeLimitSeconds, seed });
    const text = JSON.stringify(result, null, 2) + '\n';
    if (options.output) fs.writeFileSync(options.output, text);
    else process.stdout.write(text);
    const gap = result.upperBound > 0 ? (100 * (result.upperBound - result.scheduledWeight)) / result.upperBound : 0;
    console.error(`Scheduled ${result.assignments.length} of ${parsed.instance.meetings.length} meetings, weight ${result.scheduledWeight} of at most ${result.upperBound} (gap ${gap.toFixed(2)} %), in ${result.seconds.toFixed(2)} s.`);
  });

registerImportCommand(program);
registerExposureCommands(program);

program.parseAsync().catch((error: unknown) => {
  const known = [ConfigError, DataDirInUseError, RestoreRefusedError, InvalidBackupError, UsageError].some((kind) => error instanceof kind);
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
