import PgBoss from 'pg-boss';
import type { AppContext } from '../server/context.js';

/** The background jobs Mitra knows, and the data each takes. */
export type JobPayloads = {
  'email.deliver': { emailId: string };
};
export type JobName = keyof JobPayloads;
export type JobHandlers = { [N in JobName]: (ctx: AppContext, data: JobPayloads[N]) => Promise<void> };

export interface JobQueue {
  send<N extends JobName>(name: N, data: JobPayloads[N]): Promise<void>;
  /** Starts working jobs in this process. */
  work(ctx: AppContext, handlers: JobHandlers): Promise<void>;
  /** Waits for in-process jobs to finish (tests, shutdown). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The embedded queue: jobs run in this process right after they are sent, with a few retries.
 * Work that must survive a crash is also kept in the database and swept at start-up (see mail).
 */
export function createInProcessQueue(log: (message: string, error?: unknown) => void = () => {}): JobQueue {
  let context: AppContext | undefined;
  let jobHandlers: JobHandlers | undefined;
  const running = new Set<Promise<void>>();
  let stopped = false;

  async function run<N extends JobName>(name: N, data: JobPayloads[N]): Promise<void> {
    for (let attempt = 1; attempt <= 3 && !stopped; attempt++) {
      try {
        await jobHandlers![name](context!, data);
        return;
      } catch (error) {
        log(`job ${name} failed (attempt ${attempt} of 3)`, error);
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  return {
    async send(name, data) {
      if (!context || !jobHandlers || stopped) return;
      const job = run(name, data).finally(() => running.delete(job));
      running.add(job);
    },
    async work(ctx, handlers) {
      context = ctx;
      jobHandlers = handlers;
    },
    async drain() {
      while (running.size) await Promise.all([...running]);
    },
    async stop() {
      stopped = true;
      await Promise.all([...running]);
    },
  };
}

/** The PostgreSQL queue: pg-boss, so that jobs survive restarts and spread over `mitra worker` processes. */
export async function createPgBossQueue(databaseUrl: string): Promise<JobQueue> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 4 });
  boss.on('error', (error) => console.error('job queue error:', error.message));
  await boss.start();
  const names: JobName[] = ['email.deliver'];
  for (const name of names) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, retryLimit: 5, retryDelay: 30, retryBackoff: true });
  }
  return {
    async send(name, data) {
      // One job per email however many processes sweep the outbox at start-up.
      await boss.send(name, data as object, { singletonKey: `${name}:${JSON.stringify(data)}` });
    },
    async work(ctx, handlers) {
      for (const name of names) {
        await boss.work(name, async (jobs) => {
          for (const job of jobs) await handlers[name](ctx, job.data as never);
        });
      }
    },
    async drain() {},
    async stop() {
      await boss.stop({ graceful: true, wait: true });
    },
  };
}
