import { z } from 'zod';
import { cursorSchema, limitSchema } from '../../server/pagination.js';

export const listOutboxQuerySchema = z.strictObject({
  to: z.string().max(254).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const outboundEmailSchema = z.object({
  id: z.string().uuid(),
  toAddress: z.string(),
  subject: z.string(),
  bodyText: z.string(),
  status: z.enum(['queued', 'sent', 'outbox', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const outboxPageSchema = z.object({ items: z.array(outboundEmailSchema), nextCursor: z.string().nullable() });
