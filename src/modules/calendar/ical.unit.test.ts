import { describe, expect, it } from 'vitest';
import { toICalendar, tzidFor, zonedDateTime, type CalendarEntry } from './ical.js';

const entry = (fields: Partial<CalendarEntry>): CalendarEntry => ({
  uid: 'agenda-1',
  title: 'Opening plenary',
  startsAt: new Date('2026-03-10T02:00:00Z'),
  endsAt: new Date('2026-03-10T03:30:00Z'),
  timeZone: 'Asia/Jakarta',
  location: '',
  description: '',
  url: 'https://mitra.example/app/events/1',
  cancelled: false,
  lastModified: new Date('2026-01-01T00:00:00Z'),
  ...fields,
});

/** The calendar with folded lines joined again. */
const render = (entries: CalendarEntry[]) => toICalendar(entries, { name: 'Test', host: 'mitra.example', now: new Date('2026-02-01T12:00:00Z') }).replace(/\r\n /g, '');
/** The lines of the VEVENTs (not of the VTIMEZONE components) that start with `name`. */
const lineOf = (ics: string, name: string) =>
  ics
    .slice(ics.indexOf('BEGIN:VEVENT'))
    .split('\r\n')
    .filter((line) => line.startsWith(name));

describe('iCalendar output', () => {
  it('writes times on the clocks of the event’s zone with its TZID and VTIMEZONE, whatever the server’s zone', () => {
    const ics = render([entry({})]);
    expect(lineOf(ics, 'DTSTART')).toEqual(['DTSTART;TZID=Asia/Jakarta:20260310T090000']);
    expect(lineOf(ics, 'DTEND')).toEqual(['DTEND;TZID=Asia/Jakarta:20260310T103000']);
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Jakarta\r\n');
    expect(lineOf(ics, 'DTSTAMP')).toEqual(['DTSTAMP:20260201T120000Z']);
    expect(lineOf(ics, 'UID')).toEqual(['UID:agenda-1@mitra.example']);
    expect(lineOf(ics, 'STATUS')).toEqual(['STATUS:CONFIRMED']);
  });

  it('follows clock changes: a meeting across the U.S. spring change keeps its real length', () => {
    // 06:30Z–07:30Z on 8 March 2026 is 01:30 EST to 03:30 EDT in New York.
    const ics = render([entry({ timeZone: 'America/New_York', startsAt: new Date('2026-03-08T06:30:00Z'), endsAt: new Date('2026-03-08T07:30:00Z') })]);
    expect(lineOf(ics, 'DTSTART')).toEqual(['DTSTART;TZID=America/New_York:20260308T013000']);
    expect(lineOf(ics, 'DTEND')).toEqual(['DTEND;TZID=America/New_York:20260308T033000']);
    expect(ics).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU');
  });

  it('writes one VTIMEZONE per zone, and UTC entries in UTC', () => {
    const ics = render([entry({ uid: 'a' }), entry({ uid: 'b' }), entry({ uid: 'c', timeZone: 'Asia/Manila' }), entry({ uid: 'd', timeZone: 'UTC' })]);
    expect(ics.match(/BEGIN:VTIMEZONE/g)).toHaveLength(2);
    expect(ics).toContain('DTSTART:20260310T020000Z');
  });

  it('uses the current name of an old zone name, and UTC for a zone the VTIMEZONE database lacks', () => {
    expect(tzidFor('Asia/Saigon')).toBe('Asia/Ho_Chi_Minh');
    expect(tzidFor('America/Indianapolis')).toBe('America/Indiana/Indianapolis');
    expect(tzidFor('Asia/Jakarta')).toBe('Asia/Jakarta');
    expect(tzidFor('UTC')).toBeNull();
    const saigon = render([entry({ timeZone: 'Asia/Saigon' })]);
    expect(lineOf(saigon, 'DTSTART')).toEqual(['DTSTART;TZID=Asia/Ho_Chi_Minh:20260310T090000']);
    expect(saigon).toContain('TZID:Asia/Ho_Chi_Minh\r\n');
    const unknown = render([entry({ timeZone: 'America/Ciudad_Juarez' })]);
    expect(lineOf(unknown, 'DTSTART')).toEqual(['DTSTART:20260310T020000Z']);
    expect(unknown).not.toContain('BEGIN:VTIMEZONE');
  });

  it('escapes text, marks cancellations and keeps UIDs stable while SEQUENCE grows with changes', () => {
    const first = render([entry({ title: 'Water; energy, and more', location: 'Hall A, Level 2', description: 'Line one\nLine two' })]);
    expect(lineOf(first, 'SUMMARY')).toEqual(['SUMMARY:Water\\; energy\\, and more']);
    expect(lineOf(first, 'LOCATION')).toEqual(['LOCATION:Hall A\\, Level 2']);
    expect(lineOf(first, 'DESCRIPTION')).toEqual(['DESCRIPTION:Line one\\nLine two']);
    expect(lineOf(first, 'URL')).toEqual(['URL;VALUE=URI:https://mitra.example/app/events/1']);
    const changed = render([entry({ cancelled: true, lastModified: new Date('2026-01-02T00:00:00Z') })]);
    expect(lineOf(changed, 'STATUS')).toEqual(['STATUS:CANCELLED']);
    expect(lineOf(changed, 'UID')).toEqual(lineOf(first, 'UID'));
    const sequence = (ics: string) => Number(lineOf(ics, 'SEQUENCE')[0]!.split(':')[1]);
    expect(sequence(changed)).toBeGreaterThan(sequence(first));
    expect(sequence(changed)).toBeLessThan(2 ** 31);
  });

  it('folds long lines at 75 octets', () => {
    const raw = toICalendar([entry({ description: 'x'.repeat(300) })], { name: 'Test', host: 'mitra.example' });
    expect(raw.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });

  it('gives zoned date-times the wall clock of their zone', () => {
    const at = new Date('2026-07-01T13:05:07Z');
    expect(zonedDateTime(at, 'America/New_York')).toMatchObject({ year: 2026, month: 7, day: 1, hour: 9, minute: 5, second: 7, timeZoneId: 'America/New_York' });
    expect(zonedDateTime(at, 'Asia/Manila').toInstant().epochMilliseconds).toBe(at.getTime());
    expect(zonedDateTime(at, 'Asia/Manila').toPlainDateTime().toZonedDateTime('Asia/Manila').toInstant().epochMilliseconds).toBe(at.getTime());
  });
});
