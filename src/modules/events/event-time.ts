/**
 * Times in messages and printouts, in the event's own time zone (named, so nobody has to guess).
 * Local wall-clock conversions are src/server/zoned-time.ts's (one implementation of zone rules).
 */
export { isTimeZone, toZonedLocal, zonedLocalToUtc } from '../../server/zoned-time.js';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, zone: string, options: Intl.DateTimeFormatOptions) {
  let format = map.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone });
    map.set(zone, format);
  }
  return format;
}

/** "10 Mar 2025, 09:12 (Asia/Ho_Chi_Minh)". */
export function atInZone(instant: Date, zone: string): string {
  return `${cached(dateTimeFormats, zone, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(instant)} (${zone})`;
}

/** "10 March 2025", the calendar date in the zone. */
export function dateInZone(instant: Date, zone: string): string {
  return cached(dateFormats, zone, { day: 'numeric', month: 'long', year: 'numeric' }).format(instant);
}

/** "10 March 2025" or "10 March 2025 to 14 March 2025", the event's dates where it happens. */
export function datesInZone(startsAt: Date, endsAt: Date, zone: string): string {
  const start = dateInZone(startsAt, zone);
  const end = dateInZone(endsAt, zone);
  return start === end ? start : `${start} to ${end}`;
}
