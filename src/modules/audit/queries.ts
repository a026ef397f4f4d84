import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEntries } from '../../db/schema/index.js';
import type { Actor } from '../../policy/policy.js';

export type AuditInput = {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/** JSON-safe copy: bigint amounts become strings, dates ISO strings. */
function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** Writes one audit entry. Call it with the transaction that makes the change. */
export async function writeAudit(tx: Db, actor: Actor | { system: string }, entry: AuditInput): Promise<void> {
  const isSystem = 'system' in actor;
  await tx.insert(auditEntries).values({
    actorUserId: isSystem ? null : actor.userId,
    actorLabel: isSystem ? actor.system : `${actor.name} <${actor.email}>`,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: toJson(entry.before),
    after: toJson(entry.after),
  });
}

export async function listAuditEntries(
  db: Db,
  filter: { entityType?: string; entityId?: string; actorUserId?: string; beforeId?: number; limit: number },
) {
  const conditions: SQL[] = [];
  if (filter.entityType) conditions.push(eq(auditEntries.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditEntries.entityId, filter.entityId));
  if (filter.actorUserId) conditions.push(eq(auditEntries.actorUserId, filter.actorUserId));
  if (filter.beforeId) conditions.push(lt(auditEntries.id, filter.beforeId));
  return db
    .select()
    .from(auditEntries)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEntries.id))
    .limit(filter.limit + 1);
}
