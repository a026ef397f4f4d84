import type { Config } from '../config.js';
import type { Database, Db } from '../db/client.js';
import type { JobQueue } from '../jobs/queue.js';

/** What route registrations and jobs need from the running process. Passed as an argument, never global. */
export type AppContext = {
  database: Database;
  db: Db;
  config: Config;
  jobs: JobQueue;
};
