import nodemailer from 'nodemailer';
import type { Db } from '../../db/client.js';
import { assertSecretariat, type Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { decodeCursor, pageOf } from '../../server/pagination.js';
import { findEmail, insertEmail, listEmails, queuedEmailIds, updateEmail } from './queries.js';

export type EmailMessage = { to: string; subject: string; text: string; containsSecret?: boolean };

/**
 * Records an email in the same transaction as the change that causes it. Returns its id; call
 * `dispatchEmails` after the transaction commits so that nothing is sent for a rolled-back change.
 */
export async function recordEmail(tx: Db, message: EmailMessage): Promise<string> {
  return insertEmail(tx, {
    toAddress: message.to.toLowerCase(),
    subject: message.subject,
    bodyText: message.text,
    containsSecret: message.containsSecret ?? false,
  });
}

export async function dispatchEmails(ctx: AppContext, emailIds: string[]): Promise<void> {
  for (const emailId of emailIds) await ctx.jobs.send('email.deliver', { emailId });
}

/** One pooled transport per SMTP server, reused across jobs. */
const transports = new Map<string, nodemailer.Transporter>();
function smtpTransport(smtpUrl: string): nodemailer.Transporter {
  if (!transports.has(smtpUrl)) transports.set(smtpUrl, nodemailer.createTransport(smtpUrl));
  return transports.get(smtpUrl)!;
}

/** The `email.deliver` job: SMTP when configured, otherwise the email stays in the outbox. */
export async function deliverEmail(ctx: AppContext, emailId: string): Promise<void> {
  const email = await findEmail(ctx.db, emailId);
  if (!email || email.status !== 'queued') return;
  if (!ctx.config.smtpUrl) {
    await updateEmail(ctx.db, emailId, { status: 'outbox' });
    return;
  }
  try {
    await smtpTransport(ctx.config.smtpUrl).sendMail({
      from: ctx.config.mailFrom,
      to: email.toAddress,
      subject: email.subject,
      text: email.bodyText,
    });
    await updateEmail(ctx.db, emailId, { status: 'sent', sentAt: new Date(), attempts: email.attempts + 1, lastError: null });
  } catch (error) {
    const attempts = email.attempts + 1;
    await updateEmail(ctx.db, emailId, {
      attempts,
      status: attempts >= 5 ? 'failed' : 'queued',
      lastError: (error as Error).message.slice(0, 500),
    });
    if (attempts < 5) throw error; // the queue retries
  }
}

/** Emails left queued by a process that stopped are sent at the next start. */
export async function dispatchQueuedEmails(ctx: AppContext): Promise<void> {
  await dispatchEmails(ctx, await queuedEmailIds(ctx.db));
}

export async function listOutbox(db: Db, viewer: Viewer, query: { to?: string; cursor?: string; limit: number }) {
  assertSecretariat(viewer);
  const cursor = decodeCursor(query.cursor, 2) as [string, string] | undefined;
  const rows = await listEmails(db, {
    to: query.to,
    before: cursor ? { createdAt: new Date(cursor[0]), id: cursor[1] } : undefined,
    limit: query.limit,
  });
  const page = pageOf(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id]);
  const items = page.items.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), sentAt: row.sentAt?.toISOString() ?? null }));
  return { items, nextCursor: page.nextCursor };
}
