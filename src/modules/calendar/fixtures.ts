/**
 * Rows of other modules' tables (events, registrations, the matchmaking grid and meetings) written
 * directly, for the agenda and deal tests. Test code only.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import {
  agendaItems,
  events,
  meetingParticipants,
  meetingRequests,
  meetingSlots,
  meetingTables,
  registrations,
  type EventKind,
  type EventStatus,
  type MeetingRequestStatus,
  type RegistrationStatus,
} from '../../db/schema/index.js';

const hour = 3_600_000;

export async function insertEvent(
  db: Db,
  fields: { organiserOrganisationId: string; title?: string; kind?: EventKind; status?: EventStatus; visibility?: 'public' | 'partnership'; timeZone?: string; startsAt?: Date; endsAt?: Date; venue?: string },
) {
  const startsAt = fields.startsAt ?? new Date(Date.now() - 24 * hour);
  const [row] = await db
    .insert(events)
    .values({
      organiserOrganisationId: fields.organiserOrganisationId,
      title: fields.title ?? 'Smart Cities Business Forum',
      kind: fields.kind ?? 'convening',
      status: fields.status ?? 'published',
      visibility: fields.visibility ?? 'partnership',
      timeZone: fields.timeZone ?? 'Asia/Jakarta',
      startsAt,
      endsAt: fields.endsAt ?? new Date(startsAt.getTime() + 72 * hour),
      venue: fields.venue ?? 'Jakarta Convention Center',
      matchmakingEnabled: true,
    })
    .returning();
  return row!;
}

export async function insertAgendaItem(db: Db, fields: { eventId: string; title: string; startsAt: Date; minutes?: number; room?: string; speakers?: string[] }) {
  const [row] = await db
    .insert(agendaItems)
    .values({
      eventId: fields.eventId,
      title: fields.title,
      startsAt: fields.startsAt,
      endsAt: new Date(fields.startsAt.getTime() + (fields.minutes ?? 60) * 60_000),
      room: fields.room ?? '',
      speakers: fields.speakers ?? [],
    })
    .returning();
  return row!;
}

export async function insertRegistration(db: Db, fields: { eventId: string; userId: string; status?: RegistrationStatus }) {
  const [row] = await db
    .insert(registrations)
    .values({
      eventId: fields.eventId,
      userId: fields.userId,
      participantType: 'other',
      status: fields.status ?? 'confirmed',
      badgeCode: randomBytes(12).toString('base64url'),
    })
    .returning();
  return row!;
}

export async function insertSlot(db: Db, eventId: string, startsAt: Date, minutes = 30) {
  const [row] = await db
    .insert(meetingSlots)
    .values({ eventId, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000) })
    .returning();
  return row!;
}

export async function insertTable(db: Db, eventId: string, name: string) {
  const [row] = await db.insert(meetingTables).values({ eventId, name }).returning();
  return row!;
}

/** A meeting between registrations (the first is the requester), placed and published unless told otherwise. */
export async function insertMeeting(
  db: Db,
  fields: { eventId: string; registrationIds: string[]; slotId: string | null; tableId?: string | null; status?: MeetingRequestStatus; published?: boolean; message?: string },
) {
  const [row] = await db
    .insert(meetingRequests)
    .values({
      eventId: fields.eventId,
      requesterRegistrationId: fields.registrationIds[0]!,
      status: fields.status ?? 'accepted',
      slotId: fields.slotId,
      tableId: fields.tableId ?? null,
      publishedAt: fields.published === false ? null : new Date(),
      message: fields.message ?? '',
    })
    .returning();
  await db.insert(meetingParticipants).values(
    fields.registrationIds.map((registrationId, index) => ({ requestId: row!.id, registrationId, response: index === 0 ? ('requester' as const) : ('accepted' as const) })),
  );
  return row!;
}
