/**
 * Rows the matchmaking tests need from the events module (events and registrations), inserted
 * directly so the tests do not depend on the registration workflow. Used by *.int.test.ts only.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { events, notifications, registrations, type ParticipantType, type RegistrationStatus } from '../../db/schema/index.js';
import type { TestApp, TestPerson } from '../../testing/harness.js';

export async function makeEvent(t: TestApp, organiserOrganisationId: string, fields: Partial<typeof events.$inferInsert> = {}) {
  const [row] = await t.db
    .insert(events)
    .values({
      kind: 'convening',
      title: 'Smart Cities Business Forum',
      startsAt: new Date('2030-03-10T01:00:00Z'),
      endsAt: new Date('2030-03-11T10:00:00Z'),
      timeZone: 'Asia/Jakarta',
      status: 'published',
      visibility: 'partnership',
      organiserOrganisationId,
      matchmakingEnabled: true,
      ...fields,
    })
    .returning({ id: events.id });
  return row!.id;
}

export async function register(
  t: TestApp,
  eventId: string,
  person: TestPerson,
  fields: { participantType?: ParticipantType; status?: RegistrationStatus; offers?: string; seeks?: string; focusAreaIds?: string[] } = {},
) {
  const [row] = await t.db
    .insert(registrations)
    .values({ eventId, userId: person.id, participantType: fields.participantType ?? 'industry', status: fields.status ?? 'confirmed', badgeCode: randomBytes(12).toString('base64url'), ...fields })
    .returning({ id: registrations.id });
  return row!.id;
}

export async function setRegistrationStatus(t: TestApp, registrationId: string, status: RegistrationStatus) {
  await t.db.update(registrations).set({ status }).where(eq(registrations.id, registrationId));
}

export async function notificationsOf(t: TestApp, person: TestPerson, kind?: string) {
  return t.db
    .select({ kind: notifications.kind, title: notifications.title, body: notifications.body, link: notifications.link })
    .from(notifications)
    .where(kind ? and(eq(notifications.userId, person.id), eq(notifications.kind, kind)) : eq(notifications.userId, person.id));
}
