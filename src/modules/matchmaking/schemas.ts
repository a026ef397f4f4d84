import { z } from 'zod';
import { organisationKinds } from '../../db/schema/accounts.js';
import { eventStatuses, meetingRequestStatuses, meetingResponses, participantTypes, registrationStatuses } from '../../db/schema/events.js';

/** A wall-clock time in the event's own time zone, as the organiser reads it on the programme. */
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a date and time in the event’s time zone, such as 2025-03-10T09:00');

export const eventIdParamsSchema = z.strictObject({ eventId: z.uuid() });
export const requestParamsSchema = z.strictObject({ eventId: z.uuid(), requestId: z.uuid() });
export const slotParamsSchema = z.strictObject({ eventId: z.uuid(), slotId: z.uuid() });
export const tableParamsSchema = z.strictObject({ eventId: z.uuid(), tableId: z.uuid() });

/* ---- Bodies and queries ---- */

export const profileBodySchema = z.strictObject({
  /** Items separated by new lines or commas: "flood sensors, LoRaWAN gateways". */
  offers: z.string().trim().max(5000),
  seeks: z.string().trim().max(5000),
  focusAreaIds: z.array(z.string().trim().min(1).max(50)).max(6).default([]),
});

export const availabilityBodySchema = z.strictObject({
  /** Every slot the participant cannot meet in (replaces the previous list). */
  unavailableSlotIds: z.array(z.uuid()).max(500),
});

export const suggestionsQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) });

export const createRequestBodySchema = z.strictObject({
  /** One participant for a one-to-one meeting, several for a group meeting. */
  inviteeRegistrationIds: z.array(z.uuid()).min(1, 'invite at least one participant').max(9, 'a meeting has at most ten participants'),
  message: z.string().trim().max(2000).default(''),
});

/** Optional: a decline may come without any body. */
export const declineBodySchema = z.strictObject({ reason: z.string().trim().max(1000).default('') }).nullish();

export const listRequestsQuerySchema = z.strictObject({ status: z.enum(meetingRequestStatuses).optional() });

export const lockBodySchema = z.strictObject({ locked: z.boolean() });

export const slotBodySchema = z.strictObject({ startsAt: localDateTime, endsAt: localDateTime });

export const generateSlotsBodySchema = z.strictObject({
  /** The first slot's start, in the event's time zone. */
  startsAt: localDateTime,
  count: z.number().int().min(1).max(96),
  minutes: z.number().int().min(5).max(480),
  /** Minutes between two slots (to change tables). */
  gapMinutes: z.number().int().min(0).max(240).default(0),
  /** A longer break after every `breakEvery` slots (coffee, lunch). */
  breakEvery: z.number().int().min(1).max(96).optional(),
  breakMinutes: z.number().int().min(0).max(600).default(0),
});

export const tableBodySchema = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const generateTablesBodySchema = z.strictObject({
  count: z.number().int().min(1).max(200),
  /** Tables are named "<prefix> 1", "<prefix> 2"…, continuing after existing ones. */
  prefix: z.string().trim().min(1).max(60).default('Table'),
});

/* ---- Answers ---- */

export const matchmakingEventSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  timeZone: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(eventStatuses),
  matchmakingEnabled: z.boolean(),
  maxRequestsPerPerson: z.number().int(),
  maxMeetingsPerPerson: z.number().int(),
});

export const participantSchema = z.object({
  registrationId: z.uuid(),
  name: z.string(),
  organisationName: z.string(),
  organisationKind: z.enum(organisationKinds),
  participantType: z.enum(participantTypes),
});

export const profileSchema = participantSchema.extend({
  offers: z.string(),
  seeks: z.string(),
  focusAreaIds: z.array(z.string()),
});
export const participantListSchema = z.object({ items: z.array(profileSchema) });

export const slotSchema = z.object({ id: z.uuid(), startsAt: z.string(), endsAt: z.string() });
export const tableSchema = z.object({ id: z.uuid(), name: z.string() });

export const suggestionReasonSchema = z.object({
  kind: z.enum(['they_offer', 'they_seek', 'focus_area', 'fit']),
  points: z.number(),
  /** In words: "offers: flood sensors, which you seek". */
  text: z.string(),
});
export const suggestionSchema = profileSchema.extend({
  score: z.number(),
  reasons: z.array(suggestionReasonSchema),
  /** A pending or accepted request already includes both of you. */
  hasOpenRequest: z.boolean(),
});
export const suggestionListSchema = z.object({ items: z.array(suggestionSchema) });

export const meetingParticipantSchema = participantSchema.extend({
  response: z.enum(meetingResponses),
  respondedAt: z.string().nullable(),
  registrationStatus: z.enum(registrationStatuses),
});

export const meetingRequestSchema = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  status: z.enum(meetingRequestStatuses),
  message: z.string(),
  weight: z.number(),
  requesterRegistrationId: z.uuid(),
  participants: z.array(meetingParticipantSchema),
  /** Where and when it takes place: for participants only once published; organisers see the draft too. */
  slot: slotSchema.nullable(),
  table: tableSchema.nullable(),
  locked: z.boolean(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the viewer may do with it. */
  canRespond: z.boolean(),
  canCancel: z.boolean(),
});
export const meetingRequestListSchema = z.object({ items: z.array(meetingRequestSchema) });

export const myMatchmakingSchema = z.object({
  event: matchmakingEventSchema,
  isOrganiser: z.boolean(),
  /** The viewer's registration; null when they have not registered. */
  registration: z.object({ id: z.uuid(), status: z.enum(registrationStatuses) }).nullable(),
  profile: profileSchema.nullable(),
  unavailableSlotIds: z.array(z.uuid()),
  slots: z.array(slotSchema),
  /** Pending or accepted requests sent (counted against maxRequestsPerPerson) and accepted meetings (against maxMeetingsPerPerson). */
  requestsSent: z.number().int(),
  meetings: z.number().int(),
  sent: z.array(meetingRequestSchema),
  received: z.array(meetingRequestSchema),
});

export const schedulerSlotSchema = slotSchema.extend({ meetings: z.number().int(), lockedMeetings: z.number().int() });
export const schedulerTableSchema = tableSchema.extend({ meetings: z.number().int(), lockedMeetings: z.number().int() });
export const scheduledMeetingSchema = meetingRequestSchema.extend({
  /** Why it has no place, where a reason can be given. */
  unscheduledReason: z.string().nullable(),
});
export const schedulerRunSchema = z.object({
  id: z.uuid(),
  ranAt: z.string(),
  ranByName: z.string().nullable(),
  meetings: z.number().int(),
  scheduled: z.number().int(),
  scheduledWeight: z.number(),
  upperBound: z.number(),
  /** How far the scheduled weight is below the upper bound, in % of the bound (0 = provably the best). */
  gapPercent: z.number(),
  seconds: z.number(),
});
export const schedulerSchema = z.object({
  event: matchmakingEventSchema,
  slots: z.array(schedulerSlotSchema),
  tables: z.array(schedulerTableSchema),
  /** Every accepted meeting, placed or not. */
  meetings: z.array(scheduledMeetingSchema),
  requestCounts: z.object({ pending: z.number().int(), accepted: z.number().int(), declined: z.number().int(), cancelled: z.number().int() }),
  latestRun: schedulerRunSchema.nullable(),
  /** Placed meetings that break a rule now (a participant became unavailable or cancelled; a locked meeting lost its place): never moved silently. */
  conflicts: z.array(z.object({ requestId: z.uuid(), message: z.string() })),
  /** Accepted meetings whose current placement participants have not been told yet. */
  unpublishedChanges: z.number().int(),
  /** Accepted meetings the last run did not consider (accepted since, or no run yet): run the scheduler to place them. */
  awaitingRun: z.number().int(),
  lastPublishedAt: z.string().nullable(),
});

export const publishResultSchema = z.object({ published: z.number().int(), notified: z.number().int() });
