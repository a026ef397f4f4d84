import { Anchor, Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, unwrap } from '../api/client.js';
import { PageError, PageLoader, PageTitle } from '../app/pages.js';
import { useSession } from '../app/session.js';
import { t } from '../i18n/i18n.js';
import { useDocumentTitle } from '../portal/presentation.js';
import { AgendaView } from './AgendaView.js';
import { EventBadges, Notice } from './shared.js';
import { instantInBothZones, rangeInBothZones } from './zonedTime.js';

/** `/events/:eventId`: a published event on the public portal, with its agenda; registration happens in the workspace. */
export function PublicEventPage() {
  const { eventId = '' } = useParams();
  const session = useSession();
  const signedIn = Boolean(session.data?.actor);
  const event = useQuery({
    queryKey: ['public-event', eventId, signedIn],
    queryFn: async () => unwrap(await api.GET('/api/v1/events/{eventId}', { params: { path: { eventId } } })),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
  useDocumentTitle(event.data?.title ?? t('events.portal.title'));
  if (event.isPending) return <PageLoader />;
  if (event.isError) {
    if (event.error instanceof ApiError && event.error.status === 404) {
      return (
        <Stack gap="sm" maw={760}>
          <PageTitle>{t('events.portal.notFoundTitle')}</PageTitle>
          <Text>{signedIn ? t('events.portal.notFoundSignedIn') : t('events.portal.notFound')}</Text>
          {!signedIn && (
            <Button component={Link} to={`/sign-in?next=${encodeURIComponent(`/events/${eventId}`)}`} w="fit-content">
              {t('events.portal.signIn')}
            </Button>
          )}
          <Anchor component={Link} to="/events">
            {t('events.portal.all')}
          </Anchor>
        </Stack>
      );
    }
    return <PageError error={event.error} onRetry={() => event.refetch()} />;
  }
  const data = event.data;
  const workspaceLink = `/app/events/${data.id}`;
  return (
    <Stack gap="md" maw={860}>
      <PageTitle description={data.summary || undefined}>{data.title}</PageTitle>
      <EventBadges event={data} />
      {data.status === 'cancelled' && (
        <Notice color="red" title={t('events.detail.cancelledTitle')}>
          {t('events.detail.cancelledBody')}
        </Notice>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="public-facts">
        <Title order={2} size="h4" id="public-facts" mb="sm">
          {t('events.detail.facts')}
        </Title>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" m={0}>
          <Fact label={t('events.detail.when')}>{rangeInBothZones(data.startsAt, data.endsAt, data.timeZone)}</Fact>
          <Fact label={t('events.detail.organiser')}>{data.organiserName}</Fact>
          {data.venue && <Fact label={t('events.detail.venue')}>{data.venue}</Fact>}
          {data.online && <Fact label={t('events.detail.online')}>{t('events.detail.onlineHidden')}</Fact>}
          {data.registrationClosesAt && <Fact label={t('events.detail.registration')}>{t('events.detail.closesAt', { time: instantInBothZones(data.registrationClosesAt, data.timeZone) })}</Fact>}
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="public-register">
        <Title order={2} size="h4" id="public-register" mb="sm">
          {t('events.register.title')}
        </Title>
        {data.registrationOpen ? (
          <Stack gap="xs">
            <Text size="sm">{data.registrationMode === 'invitation' ? t('events.portal.byInvitation') : t('events.portal.registerIntro')}</Text>
            <Button component={Link} to={signedIn ? workspaceLink : `/sign-in?next=${encodeURIComponent(workspaceLink)}`} w="fit-content">
              {signedIn ? t('events.portal.registerInWorkspace') : t('events.portal.signInToRegister')}
            </Button>
          </Stack>
        ) : (
          <Text size="sm">{data.registrationClosedReason}</Text>
        )}
      </Paper>
      {data.kind === 'trade_mission' && data.missionObjectives && (
        <Paper withBorder p="md" component="section" aria-labelledby="public-objectives">
          <Title order={2} size="h4" id="public-objectives" mb="sm">
            {t('events.mission.objectives')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {data.missionObjectives}
          </Text>
        </Paper>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="public-agenda">
        <Title order={2} size="h4" id="public-agenda" mb="sm">
          {data.kind === 'trade_mission' ? t('events.agenda.itinerary') : t('events.agenda.title')}
        </Title>
        <AgendaView agenda={data.agenda} timeZone={data.timeZone} byPlace={data.kind === 'trade_mission'} />
      </Paper>
      {data.description && (
        <Paper withBorder p="md" component="section" aria-labelledby="public-description">
          <Title order={2} size="h4" id="public-description" mb="sm">
            {t('events.detail.description')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{data.description}</Text>
        </Paper>
      )}
      <Anchor component={Link} to="/events">
        {t('events.portal.all')}
      </Anchor>
    </Stack>
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
