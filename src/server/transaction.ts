import type { Db } from '../db/client.js';
import { dispatchEmails } from '../modules/mail/service.js';
import type { AppContext } from './context.js';

/** Side effects that must wait until the transaction commits. */
export type AfterCommit = { emailIds: string[] };

/**
 * Runs a change in one transaction (the change, its audit entries, its notifications and emails all
 * commit or none do), then hands the recorded emails to the job queue.
 */
export async function inTransaction<T>(ctx: AppContext, change: (tx: Db, after: AfterCommit) => Promise<T>): Promise<T> {
  const after: AfterCommit = { emailIds: [] };
  const result = await ctx.db.transaction((tx) => change(tx as unknown as Db, after));
  await dispatchEmails(ctx, after.emailIds);
  return result;
}
