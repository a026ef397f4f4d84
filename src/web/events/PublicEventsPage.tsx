import { Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader, PageTitle } from '../app/pages.js';
import { useSession } from '../app/session.js';
import { t } from '../i18n/i18n.js';
import { useDocumentTitle } from '../portal/presentation.js';
import { EventBadges } from './shared.js';
import { rangeInBothZones } from './zonedTime.js';

/**
 * `/events`: the partnership's upcoming published events on the public portal (public ones for
 * visitors; partnership events too for those signed in). Light: no workspace code.
 */
export function PublicEventsPage() {
  useDocumentTitle(t('events.portal.title'));
  const session = useSession();
  const signedIn = Boolean(session.data?.actor);
  const events = useInfiniteQuery({
    queryKey: ['public-events', signedIn],
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/events', { params: { query: { when: 'upcoming', status: 'published', cursor: pageParam, limit: 20 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md" maw={860}>
      <PageTitle description={t('events.portal.intro')}>{t('events.portal.title')}</PageTitle>
      {!signedIn && (
        <Text size="sm">
          {t('events.portal.signInHint')}{' '}
          <Anchor component={Link} to="/sign-in?next=%2Fapp%2Fevents">
            {t('events.portal.signIn')}
          </Anchor>
        </Text>
      )}
      {events.isPending ? (
        <PageLoader />
      ) : events.isError ? (
        <PageError error={events.error} onRetry={() => events.refetch()} />
      ) : items.length === 0 ? (
        <Text>{t('events.portal.none')}</Text>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((event) => (
            <Paper key={event.id} component="li" withBorder p="md" radius="md">
              <Stack gap={6}>
                <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
                  <Anchor component={Link} to={`/events/${event.id}`} inherit>
                    {event.title}
                  </Anchor>
                </Title>
                <EventBadges event={event} />
                <Text size="sm">{rangeInBothZones(event.startsAt, event.endsAt, event.timeZone)}</Text>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {[event.venue.split('\n')[0], event.online ? t('events.online') : null, t('events.portal.organisedBy', { organiser: event.organiserName })].filter(Boolean).join(' · ')}
                </Text>
                {event.summary && <Text size="sm">{event.summary}</Text>}
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
      {events.hasNextPage && (
        <Button variant="outline" w="fit-content" loading={events.isFetchingNextPage} onClick={() => events.fetchNextPage()}>
          {t('events.portal.more')}
        </Button>
      )}
    </Stack>
  );
}
