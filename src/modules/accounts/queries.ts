import { and, asc, count, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { organisations, users, type OrganisationKind } from '../../db/schema/index.js';

const memberCount = sql<number>`(select count(*)::int from ${users} where ${users.organisationId} = ${organisations.id})`;

export async function findOrganisation(db: Db, id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function findOrganisationByName(db: Db, name: string) {
  const [row] = await db.select().from(organisations).where(sql`lower(${organisations.name}) = ${name.toLowerCase()}`);
  return row;
}

export async function listOrganisations(
  db: Db,
  filter: { kind?: OrganisationKind; q?: string; after?: { name: string; id: string }; limit: number },
) {
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(eq(organisations.kind, filter.kind));
  if (filter.q) conditions.push(ilike(organisations.name, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (filter.after) {
    conditions.push(
      or(gt(organisations.name, filter.after.name), and(eq(organisations.name, filter.after.name), gt(organisations.id, filter.after.id)))!,
    );
  }
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      cityId: organisations.cityId,
      countryCode: organisations.countryCode,
      website: organisations.website,
      description: organisations.description,
      isDemo: organisations.isDemo,
      memberCount,
    })
    .from(organisations)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(filter.limit + 1);
}

export async function countMembers(db: Db, organisationId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.organisationId, organisationId));
  return row?.n ?? 0;
}

export async function listMembers(db: Db, organisationId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, title: users.title, role: users.role, status: users.status })
    .from(users)
    .where(eq(users.organisationId, organisationId))
    .orderBy(asc(users.name));
}

export async function listOrganisationAdminIds(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.role, 'admin'), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

export async function updateOrganisation(db: Db, id: string, patch: Partial<typeof organisations.$inferInsert>) {
  const [row] = await db
    .update(organisations)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(organisations.id, id))
    .returning();
  return row!;
}
