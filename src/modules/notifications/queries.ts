import { and, desc, eq, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { notifications, users } from '../../db/schema/index.js';

export async function insertNotification(tx: Db, row: typeof notifications.$inferInsert) {
  await tx.insert(notifications).values(row);
}

export async function findRecipients(tx: Db, userIds: string[]) {
  if (!userIds.length) return [];
  return tx
    .select({ id: users.id, email: users.email, status: users.status, emailNotifications: users.emailNotifications })
    .from(users)
    .where(inArray(users.id, userIds));
}

export async function listNotifications(
  db: Db,
  filter: { userId: string; unreadOnly: boolean; before?: { createdAt: Date; id: string }; limit: number },
) {
  const conditions: SQL[] = [eq(notifications.userId, filter.userId)];
  if (filter.unreadOnly) conditions.push(isNull(notifications.readAt));
  if (filter.before) {
    conditions.push(
      or(
        lt(notifications.createdAt, filter.before.createdAt),
        and(eq(notifications.createdAt, filter.before.createdAt), lt(notifications.id, filter.before.id)),
      )!,
    );
  }
  return db
    .select()
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(filter.limit + 1);
}

export async function markRead(db: Db, userId: string, ids: string[] | 'all', now: Date): Promise<number> {
  const conditions: SQL[] = [eq(notifications.userId, userId), isNull(notifications.readAt)];
  if (ids !== 'all') conditions.push(inArray(notifications.id, ids));
  const rows = await db.update(notifications).set({ readAt: now }).where(and(...conditions)).returning({ id: notifications.id });
  return rows.length;
}
