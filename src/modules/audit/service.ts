import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { assertSecretariat, type Viewer } from '../../policy/policy.js';
import { decodeCursor, pageOf } from '../../server/pagination.js';
import { listAuditEntries } from './queries.js';
import type { listAuditQuerySchema } from './schemas.js';

export async function listAudit(db: Db, viewer: Viewer, query: z.infer<typeof listAuditQuerySchema>) {
  assertSecretariat(viewer);
  const cursor = decodeCursor(query.cursor, 1) as [number] | undefined;
  const rows = await listAuditEntries(db, { ...query, beforeId: cursor ? Number(cursor[0]) : undefined });
  const page = pageOf(rows, query.limit, (row) => [row.id]);
  return { items: page.items.map((row) => ({ ...row, at: row.at.toISOString() })), nextCursor: page.nextCursor };
}
