/**
 * iCalendar (RFC 5545) output for agendas: one VEVENT per entry, its DTSTART/DTEND in the event's IANA
 * zone (`DTSTART;TZID=Asia/Jakarta:20260310T090000`) with that zone's VTIMEZONE component, so that a
 * calendar app shows the session at the right time wherever its owner is, also across clock changes.
 *
 * ical-generator writes a plain `Date` with a TZID using the server process's own zone, so entries are
 * handed to it as Temporal-style zoned date-times (its documented `ICalTemporalZonedDateTimeStub`),
 * whose wall-clock fields come from Intl for the event's zone.
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  ICalEventStatus,
  type ICalTemporalInstantStub,
  type ICalTemporalPlainDateStub,
  type ICalTemporalPlainDateTimeStub,
  type ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { toZonedLocal, zonedLocalToUtc } from '../../server/zoned-time.js';

export type CalendarEntry = {
  /** Stable across exports and feeds ("agenda-<id>", "meeting-<id>"): calendar apps update the entry instead of adding a copy. */
  uid: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  /** The event's IANA zone. */
  timeZone: string;
  location: string;
  description: string;
  url: string;
  cancelled: boolean;
  /** The last change Mitra knows of; gives LAST-MODIFIED and a SEQUENCE that grows with each change. */
  lastModified: Date;
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClockOf(instant: Date, zone: string): WallClock {
  const local = toZonedLocal(instant, zone);
  const [date = '', time = ''] = local.split('T');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  // Zone offsets are whole minutes, so the seconds are those of the instant.
  return { year, month, day, hour, minute, second: instant.getUTCSeconds() };
}

const isoLocal = (w: WallClock) => `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;

function plainDate(w: WallClock): ICalTemporalPlainDateStub {
  const text = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
  return { year: w.year, month: w.month, day: w.day, toJSON: () => text, toString: () => text };
}

function plainDateTime(w: WallClock): ICalTemporalPlainDateTimeStub {
  const text = isoLocal(w);
  return {
    ...w,
    toJSON: () => text,
    toString: () => text,
    toPlainDate: () => plainDate(w),
    toZonedDateTime: (zone: string) => {
      const instant = zonedLocalToUtc(text.slice(0, 16), zone);
      if (!instant) throw new Error(`${text} does not exist in ${zone}`);
      return zonedDateTime(new Date(instant.getTime() + w.second * 1000), zone);
    },
  };
}

function instantOf(at: Date): ICalTemporalInstantStub {
  return {
    epochMilliseconds: at.getTime(),
    epochSeconds: Math.floor(at.getTime() / 1000),
    toJSON: () => at.toISOString(),
    toString: () => at.toISOString(),
    toZonedDateTimeISO: (zone: string) => zonedDateTime(at, zone),
  };
}

/** An instant as it reads on the clocks of `zone`, in the shape ical-generator takes for zoned times. */
export function zonedDateTime(at: Date, zone: string): ICalTemporalZonedDateTimeStub {
  const wall = wallClockOf(at, zone);
  const text = `${isoLocal(wall)}[${zone}]`;
  return {
    ...wall,
    timeZoneId: zone,
    toInstant: () => instantOf(at),
    toPlainDateTime: () => plainDateTime(wall),
    withTimeZone: (other: string) => zonedDateTime(at, other),
    toJSON: () => text,
    toString: () => text,
  };
}

/**
 * Older names of zones that ICU (and so Intl, and so the zone pickers) still answers with but the
 * VTIMEZONE database files only under the current name: Vietnam's and two U.S. mission cities' among them.
 */
const currentZoneNames: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

function componentOf(zone: string): string | null {
  try {
    return getVtimezoneComponent(zone);
  } catch {
    return null;
  }
}

/**
 * The TZID to write for an IANA zone: the zone itself, or its current name, when the VTIMEZONE
 * database has it; null (write the entry in UTC) for UTC and for zones it lacks.
 */
export function tzidFor(zone: string): string | null {
  if (zone === 'UTC' || zone === 'Etc/UTC') return null;
  if (componentOf(zone)) return zone;
  const current = currentZoneNames[zone];
  return current && componentOf(current) ? current : null;
}

/** SEQUENCE: minutes since 2020 of the last change, so that a re-imported file wins over an older copy. */
const sequenceOf = (lastModified: Date) => Math.max(0, Math.floor((lastModified.getTime() - Date.UTC(2020, 0, 1)) / 60_000));

export function toICalendar(entries: readonly CalendarEntry[], options: { name: string; description?: string; host: string; refreshSeconds?: number; now?: Date }): string {
  const calendar = ical({
    prodId: { company: 'U.S.-ASEAN Smart Cities Partnership', product: 'Mitra', language: 'EN' },
    name: options.name,
    description: options.description ?? null,
    // Only the generator: with a calendar-wide zone name, ical-generator would also write DTSTAMP in it.
    timezone: { name: null, generator: (zone) => componentOf(zone) },
    ttl: options.refreshSeconds ?? null,
  });
  const stamp = options.now ?? new Date();
  for (const entry of entries) {
    // A zone the VTIMEZONE database lacks would leave a TZID pointing nowhere: write that entry in UTC instead.
    const tzid = tzidFor(entry.timeZone);
    calendar.createEvent({
      id: `${entry.uid}@${options.host}`,
      sequence: sequenceOf(entry.lastModified),
      stamp,
      lastModified: entry.lastModified,
      start: tzid ? zonedDateTime(entry.startsAt, entry.timeZone) : entry.startsAt,
      end: tzid ? zonedDateTime(entry.endsAt, entry.timeZone) : entry.endsAt,
      timezone: tzid,
      summary: entry.title,
      location: entry.location || null,
      description: entry.description || null,
      url: entry.url,
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
