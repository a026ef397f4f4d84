import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../i18n/i18n.js';
import { agendaKindLabel, type AgendaItem } from './shared.js';
import { dayIn, localDay, rangeInBothZones } from './zonedTime.js';

type Group<T> = { key: string; items: T[] };
function groupBy<T>(items: T[], keyOf: (item: T) => string): Group<T>[] {
  const groups: Group<T>[] = [];
  for (const item of items) {
    const key = keyOf(item);
    const last = groups.at(-1);
    if (last && last.key === key) last.items.push(item);
    else groups.push({ key, items: [item] });
  }
  return groups;
}

/**
 * The agenda by day in the event's time zone, each time also in the viewer's. A mission's itinerary
 * (`byPlace`) is also grouped by the place of each stop within the day, and numbers its days.
 * Headings start at `level` (3 under a section's h2).
 */
export function AgendaView({ agenda, timeZone, byPlace = false, level = 3, actions }: { agenda: AgendaItem[]; timeZone: string; byPlace?: boolean; level?: 3 | 4; actions?: (item: AgendaItem) => ReactNode }) {
  if (!agenda.length) return <Text size="sm">{byPlace ? t('events.agenda.noneItinerary') : t('events.agenda.none')}</Text>;
  const days = groupBy(agenda, (item) => localDay(item.localStartsAt));
  const sub = (level + 1) as 4 | 5;
  return (
    <Stack gap="md">
      {days.map((day, index) => (
        <Stack key={day.key} gap="xs">
          <Title order={level} size="h5">
            {byPlace ? t('events.agenda.dayNumbered', { number: index + 1, day: dayIn(day.items[0]!.startsAt, timeZone) }) : dayIn(day.items[0]!.startsAt, timeZone)}
          </Title>
          {byPlace ? (
            groupBy(day.items, (item) => item.place || '').map((stop) => (
              <Stack key={`${day.key}-${stop.key}`} gap={6} pl={{ base: 0, xs: 'sm' }}>
                <Title order={sub} size="h6">
                  {stop.key || t('events.agenda.placeNotSet')}
                </Title>
                <Items items={stop.items} timeZone={timeZone} showPlace={false} actions={actions} />
              </Stack>
            ))
          ) : (
            <Items items={day.items} timeZone={timeZone} showPlace actions={actions} />
          )}
        </Stack>
      ))}
    </Stack>
  );
}

function Items({ items, timeZone, showPlace, actions }: { items: AgendaItem[]; timeZone: string; showPlace: boolean; actions?: (item: AgendaItem) => ReactNode }) {
  return (
    <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <Paper key={item.id} component="li" withBorder p="sm" radius="sm">
          <Stack gap={4}>
            <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
              <Text fw={600} style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 180 }}>
                {item.title}
              </Text>
              <Badge color="gray.8" variant="outline" miw="max-content">
                {agendaKindLabel(item.kind)}
              </Badge>
            </Group>
            <Text size="sm">{rangeInBothZones(item.startsAt, item.endsAt, timeZone, { withDate: false })}</Text>
            {(item.room || (showPlace && item.place)) && (
              <Text size="sm" c="dimmed">
                {[showPlace && item.place ? t('events.agenda.place', { place: item.place }) : null, item.room ? t('events.agenda.room', { room: item.room }) : null].filter(Boolean).join(' · ')}
              </Text>
            )}
            {item.speakers.length > 0 && <Text size="sm">{t('events.agenda.speakers', { speakers: item.speakers.join(', ') })}</Text>}
            {item.description && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {item.description}
              </Text>
            )}
            {actions?.(item)}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
