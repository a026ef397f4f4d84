import { t } from '../i18n/i18n.js';

/**
 * Times of events, shown in the event's time zone and the viewer's, each named: "Mon, 10 Mar 2031,
 * 09:00–10:30 Asia/Ho_Chi_Minh (your time 10:00–11:30 Asia/Singapore)". Intl holds the zone rules, so
 * nothing here knows about offsets.
 */

/** The viewer's time zone, as the browser knows it. */
export function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(zone: string, kind: 'date' | 'time' | 'day'): Intl.DateTimeFormat {
  const key = `${kind}|${zone}`;
  let found = formats.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }
        : kind === 'day'
          ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
          : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    found = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone });
    formats.set(key, found);
  }
  return found;
}

export const dateIn = (iso: string, zone: string) => format(zone, 'date').format(new Date(iso));
export const timeIn = (iso: string, zone: string) => format(zone, 'time').format(new Date(iso));
/** "Monday, 10 March 2031": headings of an agenda's days. */
export const dayIn = (iso: string, zone: string) => format(zone, 'day').format(new Date(iso));

/** "Mon, 10 Mar 2031, 09:00–10:30", or across days "Mon, 10 Mar 2031, 09:00 – Wed, 12 Mar 2031, 17:00". `withDate: false` drops a date shared by both ends. */
export function rangeIn(startIso: string, endIso: string, zone: string, withDate = true): string {
  const startDate = dateIn(startIso, zone);
  const endDate = dateIn(endIso, zone);
  if (startDate === endDate) {
    const times = `${timeIn(startIso, zone)}–${timeIn(endIso, zone)}`;
    return withDate ? `${startDate}, ${times}` : times;
  }
  return `${startDate}, ${timeIn(startIso, zone)} – ${endDate}, ${timeIn(endIso, zone)}`;
}

/** An instant in both zones: "Tue, 9 Mar 2031, 12:00 Asia/Ho_Chi_Minh (your time 13:00 Asia/Singapore)". */
export function instantInBothZones(iso: string, eventZone: string, yourZone = viewerTimeZone()): string {
  const here = `${dateIn(iso, eventZone)}, ${timeIn(iso, eventZone)}`;
  const there = `${dateIn(iso, yourZone)}, ${timeIn(iso, yourZone)}`;
  if (sameClock(eventZone, yourZone, [iso])) return t('events.time.sameZone', { time: here, zone: eventZone });
  return t('events.time.bothZones', { time: here, zone: eventZone, yourTime: dateIn(iso, eventZone) === dateIn(iso, yourZone) ? timeIn(iso, yourZone) : there, yourZone });
}

/** Whether two zones read the same wall clock at these instants (Asia/Saigon and Asia/Ho_Chi_Minh do). */
function sameClock(a: string, b: string, isos: string[]): boolean {
  if (a === b) return true;
  return isos.every((iso) => dateIn(iso, a) === dateIn(iso, b) && timeIn(iso, a) === timeIn(iso, b));
}

/**
 * A span in both zones. With `withDate` false (under a day's heading), the event's side shows times
 * only, and the viewer's shows its date too when it falls on another day there.
 */
export function rangeInBothZones(startIso: string, endIso: string, eventZone: string, options: { withDate?: boolean; yourZone?: string } = {}): string {
  const withDate = options.withDate ?? true;
  const yourZone = options.yourZone ?? viewerTimeZone();
  const here = rangeIn(startIso, endIso, eventZone, withDate);
  if (sameClock(eventZone, yourZone, [startIso, endIso])) return t('events.time.sameZone', { time: here, zone: eventZone });
  const sameDays = dateIn(startIso, eventZone) === dateIn(startIso, yourZone) && dateIn(endIso, eventZone) === dateIn(endIso, yourZone);
  const there = rangeIn(startIso, endIso, yourZone, withDate || !sameDays);
  return t('events.time.bothZones', { time: here, zone: eventZone, yourTime: there, yourZone });
}

/** The event's local date (YYYY-MM-DD) of an agenda item's start, from its local time as the server gives it. */
export const localDay = (localDateTime: string) => localDateTime.slice(0, 10);

/**
 * IANA zones for a picker: what this browser knows, plus UTC, the zones of the partnership's places
 * under their current names (browsers differ on Asia/Saigon vs Asia/Ho_Chi_Minh) and the value already chosen.
 */
export function timeZoneOptions(current: string): string[] {
  let known: string[] = [];
  try {
    known = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    known = [];
  }
  const extra = [
    'UTC',
    'Asia/Bangkok',
    'Asia/Brunei',
    'Asia/Ho_Chi_Minh',
    'Asia/Jakarta',
    'Asia/Kuala_Lumpur',
    'Asia/Makassar',
    'Asia/Manila',
    'Asia/Phnom_Penh',
    'Asia/Singapore',
    'Asia/Vientiane',
    'Asia/Yangon',
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Los_Angeles',
    'Pacific/Honolulu',
  ];
  return [...new Set([...known, ...extra, ...(current ? [current] : [])])].sort((a, b) => a.localeCompare(b));
}
