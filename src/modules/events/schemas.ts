import { z } from 'zod';
import {
  agendaItemKinds,
  dealStages,
  eventKinds,
  eventStatuses,
  eventVisibilities,
  participantTypes,
  registrationModes,
  registrationStatuses,
} from '../../db/schema/events.js';
import { cursorSchema, limitSchema, pageSchema } from '../../server/pagination.js';
import { webAddressSchema } from '../../server/schemas.js';

const text = (max: number) => z.string().trim().max(max);
/** A wall-clock time in the event's own time zone, as a date-time field gives it: 2025-03-10T09:00. */
export const localDateTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local date and time such as 2025-03-10T09:00');

export const eventIdParamsSchema = z.strictObject({ eventId: z.string().uuid() });
export const agendaItemParamsSchema = z.strictObject({ eventId: z.string().uuid(), itemId: z.string().uuid() });
export const registrationIdParamsSchema = z.strictObject({ registrationId: z.string().uuid() });

/* ---- Events ---- */

const eventFields = z.strictObject({
  kind: z.enum(eventKinds),
  title: text(300).min(3, 'must be at least 3 characters'),
  summary: text(1000),
  description: text(20_000),
  /** Local date-times in the event's time zone. */
  startsAt: localDateTimeSchema,
  endsAt: localDateTimeSchema,
  /** IANA time zone of the event's place, such as Asia/Ho_Chi_Minh or America/Los_Angeles. */
  timeZone: z.string().trim().min(1, "choose the time zone of the event's place").max(100),
  /** One venue per line when there are several. */
  venue: text(2000),
  onlineUrl: webAddressSchema.nullable(),
  /** null: no limit. */
  capacity: z.number().int().min(1, 'must be at least 1 (leave empty for no limit)').max(100_000).nullable(),
  registrationMode: z.enum(registrationModes),
  approvalRequired: z.boolean(),
  /** Local date-time in the event's time zone; null: registration stays open until the event ends. */
  registrationClosesAt: localDateTimeSchema.nullable(),
  visibility: z.enum(eventVisibilities),
  /** SCAP projects the event (a mission above all) is built from. */
  projectIds: z.array(z.string().uuid()).max(100),
  /** Blank entries are dropped. */
  challenges: z.array(text(300)).max(30),
  matchmakingEnabled: z.boolean(),
  maxRequestsPerPerson: z.number().int().min(1).max(500),
  maxMeetingsPerPerson: z.number().int().min(1).max(100),
  missionObjectives: text(20_000),
});

export const createEventBodySchema = eventFields.extend({
  summary: eventFields.shape.summary.default(''),
  description: eventFields.shape.description.default(''),
  venue: eventFields.shape.venue.default(''),
  onlineUrl: eventFields.shape.onlineUrl.default(null),
  capacity: eventFields.shape.capacity.default(null),
  registrationMode: eventFields.shape.registrationMode.default('open'),
  approvalRequired: eventFields.shape.approvalRequired.default(false),
  registrationClosesAt: eventFields.shape.registrationClosesAt.default(null),
  visibility: eventFields.shape.visibility.default('partnership'),
  projectIds: eventFields.shape.projectIds.default([]),
  challenges: eventFields.shape.challenges.default([]),
  matchmakingEnabled: eventFields.shape.matchmakingEnabled.default(false),
  maxRequestsPerPerson: eventFields.shape.maxRequestsPerPerson.default(10),
  maxMeetingsPerPerson: eventFields.shape.maxMeetingsPerPerson.default(8),
  missionObjectives: eventFields.shape.missionObjectives.default(''),
  /** The organising organisation: the creator's own; the secretariat may name a U.S. agency. */
  organiserOrganisationId: z.string().uuid().optional(),
});

export const updateEventBodySchema = eventFields.partial().extend({
  /** After the event (a mission above all): what it achieved. */
  outcomeReport: text(50_000).optional(),
});

export const eventTransitionTargets = ['published', 'completed', 'cancelled'] as const;
export const eventTransitionBodySchema = z.strictObject({
  to: z.enum(eventTransitionTargets),
  /** Required to cancel a published event: the registrants are told. */
  reason: text(2000).optional(),
});

export const listEventsQuerySchema = z.strictObject({
  /** upcoming: not ended yet, soonest first; past: ended, latest first. */
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  kind: z.enum(eventKinds).optional(),
  status: z.enum(eventStatuses).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});

/* ---- Agenda ---- */

const agendaFields = z.strictObject({
  kind: z.enum(agendaItemKinds),
  title: text(300).min(1, 'give the item a title'),
  description: text(5000),
  /** Local date-times in the event's time zone. */
  startsAt: localDateTimeSchema,
  endsAt: localDateTimeSchema,
  room: text(200),
  /** For missions: the U.S. city of the stop, such as "Riverton, CA". */
  place: text(200),
  /** Blank entries are dropped. */
  speakers: z.array(text(200)).max(30),
});
export const agendaItemBodySchema = agendaFields.extend({
  kind: agendaFields.shape.kind.default('session'),
  description: agendaFields.shape.description.default(''),
  room: agendaFields.shape.room.default(''),
  place: agendaFields.shape.place.default(''),
  speakers: agendaFields.shape.speakers.default([]),
});
export const updateAgendaItemBodySchema = agendaFields.partial();

export const agendaItemSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(agendaItemKinds),
  title: z.string(),
  description: z.string(),
  /** UTC instants. */
  startsAt: z.string(),
  endsAt: z.string(),
  /** The same in the event's time zone (2025-03-10T09:00). */
  localStartsAt: z.string(),
  localEndsAt: z.string(),
  room: z.string(),
  place: z.string(),
  speakers: z.array(z.string()),
});

/* ---- Invitations ---- */

const emailSchema = z.string().trim().toLowerCase().email('is not an email address').max(254);
export const invitationsBodySchema = z.strictObject({ emails: z.array(emailSchema).min(1, 'give at least one email address').max(1000) });
export const invitationQuerySchema = z.strictObject({ email: emailSchema });
export const invitationSchema = z.object({
  email: z.string(),
  /** The person with this email in Mitra, when there is one. */
  personName: z.string().nullable(),
  registrationStatus: z.enum(registrationStatuses).nullable(),
  createdAt: z.string(),
});
export const invitationListSchema = z.object({ items: z.array(invitationSchema) });

/* ---- Registrations ---- */

const registrationFields = z.strictObject({
  participantType: z.enum(participantTypes),
  accessibilityNeeds: text(2000),
  dietaryNeeds: text(2000),
  /** Delegates travelling to a U.S. mission: ask for a visa-support letter (passport name and nationality needed). */
  visaLetterRequested: z.boolean(),
  passportName: text(200),
  nationality: text(100),
});
export const registerBodySchema = registrationFields.extend({
  /** Defaults from the person's organisation (a city government's staff are city delegates…). */
  participantType: registrationFields.shape.participantType.optional(),
  accessibilityNeeds: registrationFields.shape.accessibilityNeeds.default(''),
  dietaryNeeds: registrationFields.shape.dietaryNeeds.default(''),
  visaLetterRequested: registrationFields.shape.visaLetterRequested.default(false),
  passportName: registrationFields.shape.passportName.default(''),
  nationality: registrationFields.shape.nationality.default(''),
});
export const updateRegistrationBodySchema = registrationFields.partial();

export const decisionBodySchema = z.strictObject({
  decision: z.enum(['confirm', 'decline']),
  /** Required to decline: the participant is told. */
  reason: text(2000).optional(),
});
export const cancelRegistrationBodySchema = z.strictObject({ reason: text(2000).optional() });

export const checkInBodySchema = z
  .strictObject({
    /** As printed on the badge and in its QR code; spaces, dashes and case do not matter. */
    badgeCode: z.string().trim().min(1).max(60).optional(),
    registrationId: z.string().uuid().optional(),
  })
  .refine((body) => (body.badgeCode === undefined) !== (body.registrationId === undefined), { message: 'give either badgeCode or registrationId', path: ['badgeCode'] });

export const listRegistrationsQuerySchema = z.strictObject({
  status: z.enum(registrationStatuses).optional(),
  /** Searches names, emails and organisations. */
  q: text(200).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(2000),
});

export const registrationSchema = z.object({
  id: z.string().uuid(),
  eventId: z.string().uuid(),
  userId: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  organisationName: z.string(),
  cityName: z.string().nullable(),
  participantType: z.enum(participantTypes),
  status: z.enum(registrationStatuses),
  /** 1 for the first on the waiting list; null unless waitlisted. */
  waitlistPosition: z.number().int().nullable(),
  accessibilityNeeds: z.string(),
  dietaryNeeds: z.string(),
  visaLetterRequested: z.boolean(),
  passportName: z.string(),
  nationality: z.string(),
  badgeCode: z.string(),
  checkedInAt: z.string().nullable(),
  checkedInByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const registrationListSchema = z.object({
  items: z.array(registrationSchema),
  /** Registrations matching the filters, beyond the limit too. */
  total: z.number().int(),
});
/** A change with what it did, in words for the person who made it. */
export const registrationResultSchema = z.object({ registration: registrationSchema, message: z.string() });
export const checkInResultSchema = z.object({ registration: registrationSchema, message: z.string() });

/* ---- Event answers ---- */

export const eventSummarySchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(eventKinds),
  title: z.string(),
  summary: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  localStartsAt: z.string(),
  localEndsAt: z.string(),
  timeZone: z.string(),
  venue: z.string(),
  /** Whether the event has an online link (shown to organisers and confirmed participants). */
  online: z.boolean(),
  status: z.enum(eventStatuses),
  visibility: z.enum(eventVisibilities),
  registrationMode: z.enum(registrationModes),
  organiserOrganisationId: z.string().uuid(),
  organiserName: z.string(),
  capacity: z.number().int().nullable(),
  confirmedCount: z.number().int(),
  matchmakingEnabled: z.boolean(),
  /** The viewer's own registration status, if any. */
  myRegistrationStatus: z.enum(registrationStatuses).nullable(),
});
export const eventPageSchema = pageSchema(eventSummarySchema);

export const eventProjectSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  cityId: z.string(),
  cityName: z.string(),
  countryCode: z.string(),
  status: z.string(),
  focusAreaId: z.string(),
});

export const delegateSchema = z.object({ name: z.string(), organisationName: z.string(), cityName: z.string().nullable() });

export const eventDealSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  stage: z.enum(dealStages),
  cityName: z.string(),
  partnerName: z.string(),
  /** Exact minor units as a decimal string, with its ISO 4217 currency. */
  valueMinor: z.string().nullable(),
  currency: z.string().nullable(),
});

export const eventDetailSchema = eventSummarySchema.extend({
  description: z.string(),
  /** null when the viewer may not see it yet (see `online`). */
  onlineUrl: z.string().nullable(),
  approvalRequired: z.boolean(),
  registrationClosesAt: z.string().nullable(),
  localRegistrationClosesAt: z.string().nullable(),
  challenges: z.array(z.string()),
  maxRequestsPerPerson: z.number().int(),
  maxMeetingsPerPerson: z.number().int(),
  missionObjectives: z.string(),
  outcomeReport: z.string(),
  /** Linked SCAP projects the viewer may see. */
  projects: z.array(eventProjectSchema),
  agenda: z.array(agendaItemSchema),
  waitlistedCount: z.number().int(),
  /** Organisers only (null for others). */
  pendingCount: z.number().int().nullable(),
  checkedInCount: z.number().int().nullable(),
  /** null: no limit. */
  placesLeft: z.number().int().nullable(),
  /** Whether registration is open now, and why not when it is not. */
  registrationOpen: z.boolean(),
  registrationClosedReason: z.string().nullable(),
  /** Invitation-only events: whether the viewer is on the invitation list (null when not signed in or open). */
  invited: z.boolean().nullable(),
  myRegistration: registrationSchema.nullable(),
  isOrganiser: z.boolean(),
  /** Organisers while the event is a draft or published. */
  canEdit: z.boolean(),
  /** Reverse trade missions, for those signed in: the confirmed city delegates. */
  delegation: z.array(delegateSchema).nullable(),
  delegationCount: z.number().int().nullable(),
  /** Reverse trade missions: the deals the mission produced (those the viewer may see) and how many there are. */
  outcomeDeals: z.object({ total: z.number().int(), items: z.array(eventDealSchema) }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const pdfFileSchema = z.any().describe('A PDF file (application/pdf)');
