import { and, count, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { notifications, oneTimeTokens, organisations, sessions, users, type TokenPurpose } from '../../db/schema/index.js';

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function findUserById(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function updateUser(db: Db, id: string, patch: Partial<typeof users.$inferInsert>) {
  const [row] = await db
    .update(users)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row!;
}

/** One query per signed-in request: the session, its person and their organisation. */
export async function findSessionActor(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      cityId: organisations.cityId,
      countryCode: organisations.countryCode,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return row;
}

/** Starts a session, and forgets the person's expired ones so the table does not grow forever. */
export async function insertSession(db: Db, session: typeof sessions.$inferInsert) {
  await db.delete(sessions).where(and(eq(sessions.userId, session.userId), lt(sessions.expiresAt, new Date())));
  await db.insert(sessions).values(session);
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfUser(db: Db, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function insertToken(db: Db, token: typeof oneTimeTokens.$inferInsert) {
  await db.insert(oneTimeTokens).values(token);
}

/** An unused, unexpired token of that purpose. */
const usableToken = (tokenHash: string, purpose: TokenPurpose, now: Date) =>
  and(eq(oneTimeTokens.tokenHash, tokenHash), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, now));

/** Takes a usable token, marking it used; undefined when there is none. */
export async function consumeToken(db: Db, tokenHash: string, purpose: TokenPurpose, now: Date) {
  const [row] = await db.update(oneTimeTokens).set({ usedAt: now }).where(usableToken(tokenHash, purpose, now)).returning();
  return row;
}

export async function findUsableToken(db: Db, tokenHash: string, purpose: TokenPurpose, now: Date) {
  const [row] = await db.select().from(oneTimeTokens).where(usableToken(tokenHash, purpose, now));
  return row;
}

export async function invalidateTokens(db: Db, userId: string, purpose: TokenPurpose, now: Date) {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)));
}

export async function invalidateFirstAdminCodes(db: Db, now: Date) {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.purpose, 'first_admin'), isNull(oneTimeTokens.usedAt)));
}

export async function countActiveSecretariatAdmins(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(organisations.kind, 'secretariat'), eq(users.role, 'admin'), eq(users.status, 'active'), eq(users.isDemo, false)));
  return row?.n ?? 0;
}

export async function findSecretariatOrganisation(db: Db) {
  const [row] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.kind, 'secretariat'), eq(organisations.isDemo, false)))
    .limit(1);
  return row;
}

export async function insertOrganisation(db: Db, organisation: typeof organisations.$inferInsert) {
  const [row] = await db.insert(organisations).values(organisation).returning();
  return row!;
}

export async function insertUser(db: Db, user: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(user).returning();
  return row!;
}

export async function countUnreadNotifications(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}
