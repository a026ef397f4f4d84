import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { outboundEmails } from '../../db/schema/index.js';

export async function insertEmail(
  tx: Db,
  email: { toAddress: string; subject: string; bodyText: string; containsSecret: boolean },
): Promise<string> {
  const [row] = await tx.insert(outboundEmails).values(email).returning({ id: outboundEmails.id });
  return row!.id;
}

export async function findEmail(db: Db, id: string) {
  const [row] = await db.select().from(outboundEmails).where(eq(outboundEmails.id, id));
  return row;
}

export async function updateEmail(db: Db, id: string, patch: Partial<typeof outboundEmails.$inferInsert>) {
  await db.update(outboundEmails).set(patch).where(eq(outboundEmails.id, id));
}

export async function queuedEmailIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: outboundEmails.id }).from(outboundEmails).where(eq(outboundEmails.status, 'queued'));
  return rows.map((r) => r.id);
}

export async function listEmails(db: Db, filter: { to?: string; before?: { createdAt: Date; id: string }; limit: number }) {
  const conditions: SQL[] = [];
  if (filter.to) conditions.push(eq(outboundEmails.toAddress, filter.to.toLowerCase()));
  if (filter.before) {
    conditions.push(
      or(
        lt(outboundEmails.createdAt, filter.before.createdAt),
        and(eq(outboundEmails.createdAt, filter.before.createdAt), lt(outboundEmails.id, filter.before.id)),
      )!,
    );
  }
  return db
    .select()
    .from(outboundEmails)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(outboundEmails.createdAt), desc(outboundEmails.id))
    .limit(filter.limit + 1);
}
