import { z } from 'zod';
import { cursorSchema, limitSchema } from '../../server/pagination.js';

export const listNotificationsQuerySchema = z.strictObject({
  unreadOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  cursor: cursorSchema,
  limit: limitSchema,
});

export const notificationSchema = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});
export const markReadBodySchema = z.strictObject({
  ids: z.union([z.array(z.string().uuid()).min(1).max(200), z.literal('all')]),
});
export const markReadResponseSchema = z.object({ updated: z.number().int(), unreadCount: z.number().int() });
