import { Stack, Text } from '@mantine/core';
import { t } from '../i18n/i18n.js';

/** The zone the viewer's device is set to (America/New_York…). */
export const viewerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
function formatsFor(zone: string) {
  let day = dayFormats.get(zone);
  let time = timeFormats.get(zone);
  if (!day || !time) {
    day = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    dayFormats.set(zone, day);
    timeFormats.set(zone, time);
  }
  return { day, time };
}

/** "Tue, 10 Mar 2026, 09:00–10:30" on the clocks of `zone` (both days when it crosses midnight there). */
export function formatRangeIn(startsAt: string, endsAt: string, zone: string): string {
  const { day, time } = formatsFor(zone);
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  return day.format(start) === day.format(end)
    ? `${day.format(start)}, ${time.format(start)}–${time.format(end)}`
    : `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;
}

/**
 * A time range in the event's zone and in the viewer's, each labelled; once when the two read the same.
 * `viewerZone` defaults to the device's zone.
 */
export function DualTime({ startsAt, endsAt, eventZone, viewerZone = viewerTimeZone() }: { startsAt: string; endsAt: string; eventZone: string; viewerZone?: string }) {
  const there = formatRangeIn(startsAt, endsAt, eventZone);
  const here = formatRangeIn(startsAt, endsAt, viewerZone);
  return (
    <Stack gap={0}>
      <Text size="sm">
        <time dateTime={startsAt}>{there === here ? t('calendar.time.same', { range: there, zone: eventZone }) : t('calendar.time.event', { range: there, zone: eventZone })}</time>
      </Text>
      {there !== here && (
        <Text size="sm" c="dimmed">
          {t('calendar.time.yours', { range: here, zone: viewerZone })}
        </Text>
      )}
    </Stack>
  );
}
