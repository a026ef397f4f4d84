/**
 * Wall-clock times in a cohort's IANA time zone. Sessions are entered as the trainer reads them on the
 * local programme ("10 March, 09:00" in Jakarta), stored as UTC instants, and shown in both zones.
 * Intl is the only source of zone rules, so the server and the browser agree.
 */

/** Whether `zone` is an IANA time zone this runtime knows (Asia/Jakarta, UTC…). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 100) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(instant: Date, zone: string) {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The instant as a local date-time in the zone: 2025-03-10T09:00. */
export function toZonedLocal(instant: Date, zone: string): string {
  const p = partsIn(instant, zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** Today's date in the zone: 2025-03-10. */
export function todayIn(zone: string, now = new Date()): string {
  return toZonedLocal(now, zone).slice(0, 10);
}

/** How far the zone's clock is ahead of UTC at that instant, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const p = partsIn(new Date(instant), zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The UTC instant of a local date-time (2025-03-10T09:00) in the zone, or null when that time does
 * not exist there (skipped by a clock change) or is not a real date.
 */
export function zonedLocalToUtc(local: string, zone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(wall)) return null;
  // The offset at the wall time read as UTC is close; a second look settles times near a clock change.
  let instant = wall - offsetAt(wall, zone);
  instant = wall - offsetAt(instant, zone);
  const result = new Date(instant);
  return toZonedLocal(result, zone) === local ? result : null;
}
