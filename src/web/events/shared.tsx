import { Alert, Badge, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import type { paths } from '../api/schema.js';
import type { SessionActor } from '../app/session.js';
import { t, type MessageKey } from '../i18n/i18n.js';

/** Shapes of the events API's answers, named once for these pages. */
type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
export type EventDetail = Ok<paths['/api/v1/events/{eventId}']['get']>;
export type EventSummary = Ok<paths['/api/v1/events']['get']>['items'][number];
export type AgendaItem = EventDetail['agenda'][number];
export type Registration = NonNullable<EventDetail['myRegistration']>;
export type EventKind = EventSummary['kind'];
export type EventStatus = EventSummary['status'];
export type ParticipantType = Registration['participantType'];
export type RegistrationStatus = Registration['status'];
export type AgendaKind = AgendaItem['kind'];
export type Invitation = Ok<paths['/api/v1/events/{eventId}/invitations']['get']>['items'][number];

export const eventKey = (eventId: string) => ['event', eventId];
export const eventsKey = ['events'];
export const registrationsKey = (eventId: string) => ['event-registrations', eventId];

/** As policy.canCreateEvents: the secretariat and U.S. government agencies. */
export const canCreateEvents = (actor: SessionActor) => actor.organisation.kind === 'secretariat' || actor.organisation.kind === 'us_agency';

/** As the server's default: the participant type of someone from this kind of organisation. */
export function defaultParticipantType(kind: SessionActor['organisation']['kind']): ParticipantType {
  const byKind: Partial<Record<SessionActor['organisation']['kind'], ParticipantType>> = {
    city_government: 'city_delegate',
    national_agency: 'national_representative',
    us_agency: 'us_government',
    us_city: 'us_city',
    company: 'industry',
  };
  return byKind[kind] ?? 'other';
}

const kindKeys: Record<EventKind, MessageKey> = {
  convening: 'events.kind.convening',
  workshop: 'events.kind.workshop',
  webinar: 'events.kind.webinar',
  trade_mission: 'events.kind.trade_mission',
};
const statusKeys: Record<EventStatus, MessageKey> = {
  draft: 'events.status.draft',
  published: 'events.status.published',
  cancelled: 'events.status.cancelled',
  completed: 'events.status.completed',
};
const participantTypeKeys: Record<ParticipantType, MessageKey> = {
  city_delegate: 'events.participantType.city_delegate',
  national_representative: 'events.participantType.national_representative',
  us_government: 'events.participantType.us_government',
  us_city: 'events.participantType.us_city',
  industry: 'events.participantType.industry',
  other: 'events.participantType.other',
};
const registrationStatusKeys: Record<RegistrationStatus, MessageKey> = {
  pending: 'events.registrationStatus.pending',
  confirmed: 'events.registrationStatus.confirmed',
  waitlisted: 'events.registrationStatus.waitlisted',
  declined: 'events.registrationStatus.declined',
  cancelled: 'events.registrationStatus.cancelled',
};
const agendaKindKeys: Record<AgendaKind, MessageKey> = {
  session: 'events.agendaKind.session',
  site_visit: 'events.agendaKind.site_visit',
  briefing: 'events.agendaKind.briefing',
  business_meetings: 'events.agendaKind.business_meetings',
  travel: 'events.agendaKind.travel',
  break: 'events.agendaKind.break',
};

export const eventKinds = Object.keys(kindKeys) as EventKind[];
export const participantTypes = Object.keys(participantTypeKeys) as ParticipantType[];
export const registrationStatuses = Object.keys(registrationStatusKeys) as RegistrationStatus[];
export const agendaKinds = Object.keys(agendaKindKeys) as AgendaKind[];
export const kindLabel = (kind: EventKind) => t(kindKeys[kind]);
export const statusLabel = (status: EventStatus) => t(statusKeys[status]);
export const participantTypeLabel = (type: ParticipantType) => t(participantTypeKeys[type]);
export const registrationStatusLabel = (status: RegistrationStatus) => t(registrationStatusKeys[status]);
export const agendaKindLabel = (kind: AgendaKind) => t(agendaKindKeys[kind]);

// Filled badges with white text: only shades dark enough for 4.5:1 contrast. The text says the status; colour only repeats it.
const statusColors: Record<EventStatus, string> = { draft: 'gray.8', published: 'teal.9', cancelled: 'red.9', completed: 'indigo.8' };
const registrationColors: Record<RegistrationStatus, string> = { pending: 'violet.8', confirmed: 'teal.9', waitlisted: '#8a4b00', declined: 'red.9', cancelled: 'gray.8' };

export function EventBadges({ event }: { event: Pick<EventSummary, 'kind' | 'status' | 'visibility'> }) {
  return (
    <Group gap={6} wrap="wrap">
      <Badge color="blue.8" miw="max-content">
        {kindLabel(event.kind)}
      </Badge>
      {event.status !== 'published' && (
        <Badge color={statusColors[event.status]} miw="max-content">
          {statusLabel(event.status)}
        </Badge>
      )}
      <Badge color={event.visibility === 'public' ? 'gray.8' : 'violet.8'} variant="outline" miw="max-content">
        {event.visibility === 'public' ? t('events.visibility.public') : t('events.visibility.partnership')}
      </Badge>
    </Group>
  );
}

export function RegistrationBadge({ status, position }: { status: RegistrationStatus; position?: number | null }) {
  return (
    <Badge color={registrationColors[status]} miw="max-content">
      {status === 'waitlisted' && position ? t('events.registrationStatus.waitlistedAt', { position }) : registrationStatusLabel(status)}
    </Badge>
  );
}

/** A light alert whose title keeps the text colour (Mantine's coloured title on its light background is below 4.5:1). */
export function Notice({ color, title, role = 'status', children }: { color: string; title: string; role?: 'status' | 'alert'; children: ReactNode }) {
  return (
    <Alert color={color} title={title} role={role} styles={{ title: { color: 'var(--mantine-color-text)' } }}>
      {children}
    </Alert>
  );
}
