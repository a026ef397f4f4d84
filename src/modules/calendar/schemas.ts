import { z } from 'zod';
import { organisationKinds } from '../../db/schema/accounts.js';
import { agendaItemKinds, dealStages, eventKinds, eventStatuses } from '../../db/schema/events.js';
import { dealValueBodySchema } from '../deals/schemas.js';

export const eventIdParamsSchema = z.strictObject({ eventId: z.string().uuid() });
export const requestIdParamsSchema = z.strictObject({ requestId: z.string().uuid() });
/** Any text: an unknown or malformed token is simply not found. */
export const feedTokenParamsSchema = z.strictObject({ token: z.string().max(200) });

export const icsFileSchema = z.string().describe('An iCalendar file (text/calendar; RFC 5545), each entry in its event’s time zone with the VTIMEZONE component');

const participantSchema = z.object({
  registrationId: z.string().uuid(),
  name: z.string(),
  organisationName: z.string(),
  organisationKind: z.enum(organisationKinds),
  /** The viewer's own place in the meeting. */
  isMe: z.boolean(),
});

const outcomeSchema = z.object({
  /** null until recorded. */
  happened: z.boolean().nullable(),
  outcome: z.string(),
  recordedAt: z.string().nullable(),
});

export const meetingEntrySchema = z.object({
  requestId: z.string().uuid(),
  tableName: z.string().nullable(),
  message: z.string(),
  participants: z.array(participantSchema),
  /** The viewer's side. */
  myOutcome: outcomeSchema,
  /** The slot has ended: outcomes may be recorded. */
  ended: z.boolean(),
  canRecordOutcome: z.boolean(),
  /** Leads and deals that came from this meeting, those the viewer may see. */
  deals: z.array(z.object({ id: z.string().uuid(), title: z.string(), stage: z.enum(dealStages) })),
  /** Who a lead from this meeting can be between; empty when the meeting has no city side or no partner side. */
  leadCities: z.array(z.object({ id: z.string(), name: z.string() })),
  leadPartners: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
});

export const agendaEntrySchema = z.object({
  /** session: an item of the event's agenda; meeting: a B2B meeting; event: an event without an agenda. */
  type: z.enum(['session', 'meeting', 'event']),
  /** Also the iCalendar UID's first part. */
  uid: z.string(),
  id: z.string().uuid(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** The event's IANA zone; the page shows times in it and in the viewer's. */
  timeZone: z.string(),
  status: z.enum(['confirmed', 'cancelled']),
  location: z.string(),
  onlineUrl: z.string().nullable(),
  description: z.string(),
  agendaItemKind: z.enum(agendaItemKinds).nullable(),
  speakers: z.array(z.string()),
  event: z.object({ id: z.string().uuid(), title: z.string(), kind: z.enum(eventKinds), status: z.enum(eventStatuses) }),
  meeting: meetingEntrySchema.nullable(),
});

export const agendaSchema = z.object({
  /** Not yet ended, soonest first. */
  upcoming: z.array(agendaEntrySchema),
  /** Ended, most recent first. */
  past: z.array(agendaEntrySchema),
});

export const feedStatusSchema = z.object({ active: z.boolean(), createdAt: z.string().nullable() });
export const createdFeedSchema = z.object({
  /** Shown once: only its hash is kept. Calendar apps poll it without signing in; anyone with it can read the agenda. */
  url: z.string(),
  createdAt: z.string(),
});

export const outcomeBodySchema = z.strictObject({
  happened: z.boolean(),
  outcome: z.string().trim().max(5000).default(''),
  /** Record a lead (a deal at stage "lead") from the meeting at the same time. */
  lead: z
    .strictObject({
      title: z.string().trim().min(3, 'give the lead a title of at least 3 characters').max(300).optional(),
      /** Needed only when the meeting's city side has more than one city. */
      cityId: z.string().regex(/^[a-z0-9-]{1,100}$/, 'must be a city id such as da-nang').optional(),
      /** Needed only when the meeting has more than one partner organisation. */
      partnerOrganisationId: z.string().uuid().optional(),
      value: dealValueBodySchema.nullable().default(null),
      notes: z.string().trim().max(20_000).default(''),
    })
    .optional(),
});

export const outcomeResultSchema = z.object({
  entry: agendaEntrySchema,
  /** The lead recorded with the outcome, if one was asked for. */
  lead: z.object({ id: z.string().uuid(), title: z.string() }).nullable(),
});
