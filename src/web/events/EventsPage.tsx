import { Anchor, Button, Group, NativeSelect, Paper, SegmentedControl, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { useActor } from '../workspace/WorkspaceFrame.js';
import { canCreateEvents, EventBadges, eventKinds, eventsKey, kindLabel, RegistrationBadge, type EventKind, type EventSummary } from './shared.js';
import { rangeInBothZones } from './zonedTime.js';

/** `/app/events`: upcoming and past events and missions the viewer may see, by kind; "New event" for organisers. */
export function EventsPage() {
  const actor = useActor();
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const [kind, setKind] = useState<EventKind | ''>('');
  const whenLabel = useId();
  const events = useInfiniteQuery({
    queryKey: [...eventsKey, when, kind],
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/events', { params: { query: { when, kind: kind || undefined, cursor: pageParam, limit: 30 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <WorkspaceTitle description={t('events.list.description')}>{t('events.list.title')}</WorkspaceTitle>
      <Stack gap="md">
        {canCreateEvents(actor) && (
          <Button component={Link} to="/app/events/new" w="fit-content">
            {t('events.list.new')}
          </Button>
        )}
        <Section title={when === 'upcoming' ? t('events.list.upcoming') : t('events.list.past')}>
          <Stack gap="sm">
            <Group align="flex-end" gap="sm" wrap="wrap">
              <div>
                <Text size="sm" fw={500} id={whenLabel} mb={4}>
                  {t('events.list.when')}
                </Text>
                <SegmentedControl
                  aria-labelledby={whenLabel}
                  value={when}
                  onChange={(value) => setWhen(value as 'upcoming' | 'past')}
                  data={[
                    { value: 'upcoming', label: t('events.list.upcoming') },
                    { value: 'past', label: t('events.list.past') },
                  ]}
                />
              </div>
              <NativeSelect
                label={t('events.list.kindFilter')}
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as EventKind | '')}
                data={[{ value: '', label: t('events.list.allKinds') }, ...eventKinds.map((value) => ({ value, label: kindLabel(value) }))]}
                w={{ base: '100%', xs: 260 }}
              />
            </Group>
            {events.isPending ? (
              <InlineLoader />
            ) : events.isError ? (
              <PageError error={events.error} onRetry={() => events.refetch()} />
            ) : items.length === 0 ? (
              <Text size="sm">{when === 'upcoming' ? t('events.list.noneUpcoming') : t('events.list.nonePast')}</Text>
            ) : (
              <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                {items.map((event) => (
                  <EventCard key={event.id} event={event} />
                ))}
              </Stack>
            )}
            {events.hasNextPage && (
              <Button variant="outline" w="fit-content" loading={events.isFetchingNextPage} onClick={() => events.fetchNextPage()}>
                {t('workspace.loadMore')}
              </Button>
            )}
          </Stack>
        </Section>
      </Stack>
    </>
  );
}

function EventCard({ event }: { event: EventSummary }) {
  return (
    <Paper component="li" withBorder p="sm" radius="sm">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Anchor component={Link} to={`/app/events/${event.id}`} fw={600} style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 0 }}>
            {event.title}
          </Anchor>
          {event.myRegistrationStatus && (
            <Group gap={4} wrap="nowrap">
              <VisuallyHidden>{t('events.list.yourRegistration')}</VisuallyHidden>
              <RegistrationBadge status={event.myRegistrationStatus} />
            </Group>
          )}
        </Group>
        <EventBadges event={event} />
        <Text size="sm">{rangeInBothZones(event.startsAt, event.endsAt, event.timeZone)}</Text>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {[event.venue.split('\n')[0], event.online ? t('events.online') : null, event.organiserName].filter(Boolean).join(' · ')}
        </Text>
        {event.capacity !== null && <Text size="sm">{t('events.places', { confirmed: event.confirmedCount, capacity: event.capacity })}</Text>}
        {event.summary && (
          <Text size="sm" lineClamp={3}>
            {event.summary}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
