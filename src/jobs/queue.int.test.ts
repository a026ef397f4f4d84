import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { recordEmail } from '../modules/mail/service.js';
import { findEmail } from '../modules/mail/queries.js';
import type { AppContext } from '../server/context.js';
import { openTestDatabase, testDatabaseKind } from '../testing/databases.js';
import { jobHandlers } from './handlers.js';
import { createInProcessQueue, createPgBossQueue, type JobQueue } from './queue.js';

/** The same job code runs through pg-boss on PostgreSQL and in-process on PGlite. */
describe(`background jobs on ${testDatabaseKind()}`, () => {
  let database: Database;
  let jobs: JobQueue;
  let ctx: AppContext;

  beforeAll(async () => {
    database = await openTestDatabase();
    jobs = database.kind === 'postgres' ? await createPgBossQueue(database.url!) : createInProcessQueue();
    ctx = { database, db: database.db, config: loadConfig({ LOG_LEVEL: 'silent' }), jobs };
    await jobs.work(ctx, jobHandlers);
  });
  afterAll(async () => {
    await jobs.stop();
    await database.close();
  });

  it('delivers a queued email to the outbox when no SMTP server is configured', async () => {
    const emailId = await recordEmail(database.db, { to: 'someone@city.example', subject: 'Hello', text: 'Body' });
    expect((await findEmail(database.db, emailId))?.status).toBe('queued');
    await jobs.send('email.deliver', { emailId });
    await jobs.drain();
    await expect.poll(async () => (await findEmail(database.db, emailId))?.status, { timeout: 20_000, interval: 250 }).toBe('outbox');
  });
});
