import { Anchor, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { AgendaSection } from './AgendaEditor.js';
import { MissionSections, ProjectsSection } from './MissionSections.js';
import { OrganiserLists, OrganiserPanel } from './OrganiserPanel.js';
import { RegistrationPanel } from './RegistrationPanel.js';
import { EventBadges, eventKey, Notice, type EventDetail } from './shared.js';
import { instantInBothZones, rangeInBothZones } from './zonedTime.js';

/**
 * `/app/events/:eventId`: an event or mission with its agenda in both time zones, the viewer's
 * registration (badge, visa letter), and for its organisers the tools to run it.
 */
export function EventPage() {
  const { eventId = '' } = useParams();
  const saved = (useLocation().state as { message?: string } | null)?.message;
  const event = useQuery({ queryKey: eventKey(eventId), queryFn: async () => unwrap(await api.GET('/api/v1/events/{eventId}', { params: { path: { eventId } } })) });
  if (event.isPending) return <PageLoader />;
  if (event.isError) return <PageError error={event.error} onRetry={() => event.refetch()} />;
  const data = event.data;
  const mission = data.kind === 'trade_mission';
  return (
    <>
      <WorkspaceTitle description={data.summary || undefined}>{data.title}</WorkspaceTitle>
      <Stack gap="md">
        <EventBadges event={data} />
        {saved && <SuccessAlert>{saved}</SuccessAlert>}
        {data.status === 'cancelled' && (
          <Notice color="red" title={t('events.detail.cancelledTitle')}>
            {t('events.detail.cancelledBody')}
          </Notice>
        )}
        {data.status === 'draft' && (
          <Notice color="gray" title={t('events.detail.draftTitle')}>
            {t('events.detail.draftBody')}
          </Notice>
        )}
        {data.isOrganiser && <OrganiserPanel event={data} />}
        <DetailsSection event={data} />
        <RegistrationPanel event={data} />
        <MatchmakingLinks event={data} />
        {mission ? <MissionSections event={data} /> : <ProjectsSection event={data} />}
        <AgendaSection event={data} />
        {data.description && (
          <Section title={t('events.detail.description')}>
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{data.description}</Text>
          </Section>
        )}
        {data.isOrganiser && <OrganiserLists event={data} />}
        <Anchor component={Link} to="/app/events" size="sm">
          {t('events.backToList')}
        </Anchor>
      </Stack>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={700}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

/** When, where, who organises, places and how registration works. */
export function DetailsSection({ event }: { event: EventDetail }) {
  const places =
    event.capacity === null
      ? t('events.detail.placesUnlimited', { confirmed: event.confirmedCount })
      : t('events.detail.placesLimited', { confirmed: event.confirmedCount, capacity: event.capacity, left: event.placesLeft ?? 0 });
  return (
    <Section title={t('events.detail.facts')}>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm" m={0}>
        <Fact label={t('events.detail.when')}>{rangeInBothZones(event.startsAt, event.endsAt, event.timeZone)}</Fact>
        <Fact label={t('events.detail.organiser')}>{event.organiserName}</Fact>
        {event.venue && <Fact label={t('events.detail.venue')}>{event.venue}</Fact>}
        {event.online && (
          <Fact label={t('events.detail.online')}>
            {event.onlineUrl ? (
              <Anchor href={event.onlineUrl} target="_blank" rel="noopener noreferrer" size="sm">
                {event.onlineUrl}
              </Anchor>
            ) : (
              t('events.detail.onlineHidden')
            )}
          </Fact>
        )}
        <Fact label={t('events.detail.places')}>
          {places}
          {event.waitlistedCount > 0 ? ` ${t('events.detail.waitlisted', { count: event.waitlistedCount })}` : ''}
        </Fact>
        <Fact label={t('events.detail.registration')}>
          {[
            event.registrationMode === 'invitation' ? t('events.detail.byInvitation') : t('events.detail.openToAll'),
            event.approvalRequired ? t('events.detail.approvalRequired') : null,
            event.registrationClosesAt ? t('events.detail.closesAt', { time: instantInBothZones(event.registrationClosesAt, event.timeZone) }) : null,
          ]
            .filter(Boolean)
            .join(' ')}
        </Fact>
        {event.challenges.length > 0 && (
          <Fact label={t('events.detail.challenges')}>
            <List size="sm" component="ul" withPadding={false} styles={{ root: { paddingLeft: '1.1rem' } }}>
              {event.challenges.map((challenge) => (
                <List.Item key={challenge}>{challenge}</List.Item>
              ))}
            </List>
          </Fact>
        )}
      </SimpleGrid>
    </Section>
  );
}

/** Matchmaking is on: participants find whom to meet; organisers run the scheduler (pages of the matchmaking area). */
function MatchmakingLinks({ event }: { event: EventDetail }) {
  if (!event.matchmakingEnabled) return null;
  const participant = event.myRegistration?.status === 'confirmed';
  if (!participant && !event.isOrganiser) return null;
  return (
    <Section title={t('events.matchmaking.title')}>
      <Stack gap="xs">
        <Text size="sm">{t('events.matchmaking.intro', { requests: event.maxRequestsPerPerson, meetings: event.maxMeetingsPerPerson })}</Text>
        <Group gap="md" wrap="wrap">
          {participant && (
            <Anchor component={Link} to={`/app/events/${event.id}/matchmaking`}>
              {t('events.matchmaking.participant')}
            </Anchor>
          )}
          {event.isOrganiser && (
            <Anchor component={Link} to={`/app/events/${event.id}/scheduler`}>
              {t('events.matchmaking.scheduler')}
            </Anchor>
          )}
        </Group>
      </Stack>
    </Section>
  );
}
