import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { documents } from '../../db/schema/index.js';

export async function insertDocument(db: Db, row: typeof documents.$inferInsert) {
  const [created] = await db.insert(documents).values(row).returning();
  return created!;
}

export async function findDocument(db: Db, id: string) {
  const [row] = await db.select().from(documents).where(eq(documents.id, id));
  return row;
}

export async function listDocuments(db: Db, ownerType: string, ownerId: string) {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.ownerType, ownerType), eq(documents.ownerId, ownerId)))
    .orderBy(asc(documents.createdAt));
}

export async function deleteDocument(db: Db, id: string) {
  await db.delete(documents).where(eq(documents.id, id));
}
