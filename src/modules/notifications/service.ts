import type { Db } from '../../db/client.js';
import { requireSignedIn, type Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { decodeCursor, pageOf } from '../../server/pagination.js';
import type { AfterCommit } from '../../server/transaction.js';
import { recordEmail } from '../mail/service.js';
import { countUnreadNotifications } from '../auth/queries.js';
import { findRecipients, insertNotification, listNotifications, markRead } from './queries.js';

export type NotificationInput = { kind: string; title: string; body: string; link?: string };

/**
 * Tells people about something, in the app and, for those who chose it, by email. Runs in the
 * caller's transaction; emails go out after it commits.
 */
export async function notify(ctx: AppContext, tx: Db, after: AfterCommit, userIds: string[], input: NotificationInput) {
  const recipients = await findRecipients(tx, [...new Set(userIds)]);
  for (const recipient of recipients) {
    if (recipient.status === 'disabled') continue;
    await insertNotification(tx, { userId: recipient.id, ...input });
    if (recipient.emailNotifications && recipient.status === 'active') {
      const link = input.link ? `\n\nOpen it in Mitra: ${ctx.config.publicUrl}${input.link}` : '';
      const footer = `\n\n--\nYou receive this because email notifications are on in your Mitra profile: ${ctx.config.publicUrl}/app/profile`;
      after.emailIds.push(await recordEmail(tx, { to: recipient.email, subject: `[Mitra] ${input.title}`, text: `${input.body}${link}${footer}` }));
    }
  }
}

export async function listMyNotifications(db: Db, viewer: Viewer, query: { unreadOnly: boolean; cursor?: string; limit: number }) {
  const actor = requireSignedIn(viewer);
  const cursor = decodeCursor(query.cursor, 2) as [string, string] | undefined;
  const rows = await listNotifications(db, {
    userId: actor.userId,
    unreadOnly: query.unreadOnly,
    before: cursor ? { createdAt: new Date(cursor[0]), id: cursor[1] } : undefined,
    limit: query.limit,
  });
  const page = pageOf(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id]);
  const items = page.items.map((row) => ({ ...row, readAt: row.readAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() }));
  return { items, nextCursor: page.nextCursor, unreadCount: await countUnreadNotifications(db, actor.userId) };
}

export async function markNotificationsRead(db: Db, viewer: Viewer, ids: string[] | 'all') {
  const actor = requireSignedIn(viewer);
  const updated = await markRead(db, actor.userId, ids, new Date());
  return { updated, unreadCount: await countUnreadNotifications(db, actor.userId) };
}
