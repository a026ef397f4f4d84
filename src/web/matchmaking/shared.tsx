import { Badge, Box, Text } from '@mantine/core';
import type { paths } from '../api/schema.js';
import { t, type MessageKey } from '../i18n/i18n.js';

/** Shapes of the matchmaking API's answers, named once for these pages. */
type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
export type MyMatchmaking = Ok<paths['/api/v1/events/{eventId}/matchmaking']['get']>;
export type MeetingRequest = MyMatchmaking['sent'][number];
export type MeetingParticipant = MeetingRequest['participants'][number];
export type Profile = NonNullable<MyMatchmaking['profile']>;
export type Slot = MyMatchmaking['slots'][number];
export type Suggestion = Ok<paths['/api/v1/events/{eventId}/matchmaking/suggestions']['get']>['items'][number];
export type SchedulerState = Ok<paths['/api/v1/events/{eventId}/scheduler']['get']>;
export type ScheduledMeeting = SchedulerState['meetings'][number];

export const matchmakingKey = (eventId: string) => ['matchmaking', eventId];
export const schedulerKey = (eventId: string) => ['scheduler', eventId];

/* ---- Times: in the event's zone and the viewer's, each named ---- */

/** The zone the viewer's device is set to. */
export function viewerZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, kind: 'day' | 'time') {
  const key = `${kind}|${zone}`;
  let found = formats.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions = kind === 'day' ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    found = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone });
    formats.set(key, found);
  }
  return found;
}
export const dayIn = (iso: string, zone: string) => formatter(zone, 'day').format(new Date(iso));
const timeIn = (iso: string, zone: string) => formatter(zone, 'time').format(new Date(iso));

/** "Mon, 10 Mar 2030, 09:00–09:30" on the clocks of `zone` (without the day when `withDay` is false). */
export function rangeIn(start: string, end: string, zone: string, withDay = true): string {
  const times = dayIn(start, zone) === dayIn(end, zone) ? `${timeIn(start, zone)}–${timeIn(end, zone)}` : `${timeIn(start, zone)} – ${dayIn(end, zone)}, ${timeIn(end, zone)}`;
  return withDay ? `${dayIn(start, zone)}, ${times}` : times;
}

/**
 * A slot as text, in the event's zone and, when it reads differently, the viewer's:
 * "Mon, 10 Mar 2030, 09:00–09:30 Asia/Jakarta (your time 10:00–10:30 Asia/Singapore)".
 */
export function slotInBothZones(slot: { startsAt: string; endsAt: string }, eventZone: string, options: { withDay?: boolean; yourZone?: string } = {}): string {
  const withDay = options.withDay ?? true;
  const yourZone = options.yourZone ?? viewerZone();
  const there = rangeIn(slot.startsAt, slot.endsAt, eventZone, withDay);
  if (rangeIn(slot.startsAt, slot.endsAt, eventZone) === rangeIn(slot.startsAt, slot.endsAt, yourZone)) return t('matchmaking.time.sameZone', { time: there, zone: eventZone });
  const here = rangeIn(slot.startsAt, slot.endsAt, yourZone, dayIn(slot.startsAt, eventZone) !== dayIn(slot.startsAt, yourZone));
  return t('matchmaking.time.bothZones', { time: there, zone: eventZone, yourTime: here, yourZone });
}

/** Props for a button whose label names people or organisations: it wraps rather than overflow a narrow screen. */
export const wrappingButton = { style: { maxWidth: '100%' }, styles: { label: { whiteSpace: 'normal' as const } }, h: 'auto', py: 6 };

/* ---- People and states ---- */

export const personLabel = (p: { name: string; organisationName: string }) => t('matchmaking.person', { name: p.name, organisation: p.organisationName });
export const listOf = (items: string[]) => new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' }).format(items);

const participantTypeKeys: Record<Profile['participantType'], MessageKey> = {
  city_delegate: 'matchmaking.participantType.city_delegate',
  national_representative: 'matchmaking.participantType.national_representative',
  us_government: 'matchmaking.participantType.us_government',
  us_city: 'matchmaking.participantType.us_city',
  industry: 'matchmaking.participantType.industry',
  other: 'matchmaking.participantType.other',
};
export const participantTypeLabel = (type: Profile['participantType']) => t(participantTypeKeys[type]);

const statusKeys: Record<MeetingRequest['status'], MessageKey> = {
  pending: 'matchmaking.status.pending',
  accepted: 'matchmaking.status.accepted',
  declined: 'matchmaking.status.declined',
  cancelled: 'matchmaking.status.cancelled',
};
// Filled badges with white text: only shades dark enough for 4.5:1 contrast.
const statusColors: Record<MeetingRequest['status'], string> = { pending: 'violet.8', accepted: 'teal.9', declined: 'red.9', cancelled: 'gray.8' };

export function RequestStatusBadge({ status }: { status: MeetingRequest['status'] }) {
  return (
    <Badge miw="max-content" color={statusColors[status]}>
      {t(statusKeys[status])}
    </Badge>
  );
}

const responseKeys: Record<MeetingParticipant['response'], MessageKey> = {
  requester: 'matchmaking.response.requester',
  pending: 'matchmaking.response.pending',
  accepted: 'matchmaking.response.accepted',
  declined: 'matchmaking.response.declined',
};

/** Everyone in a meeting with their answer, in words (never by colour alone). */
export function ParticipantResponses({ request }: { request: MeetingRequest }) {
  return (
    <Box component="ul" m={0} pl="md">
      {request.participants.map((p) => (
        <Text component="li" size="sm" key={p.registrationId} style={{ overflowWrap: 'anywhere' }}>
          {t('matchmaking.request.participantResponse', { person: personLabel(p), response: t(responseKeys[p.response]) })}
          {p.registrationStatus !== 'confirmed' && ` ${t('matchmaking.request.notConfirmed')}`}
        </Text>
      ))}
    </Box>
  );
}

/** The other people of a meeting, from the viewer's side. */
export const othersOf = (request: MeetingRequest, myRegistrationId: string | null) => request.participants.filter((p) => p.registrationId !== myRegistrationId);

export function MultilineText({ children }: { children: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {children}
    </Text>
  );
}
