import { describe, expect, it } from 'vitest';
import { isTimeZone, todayIn, toZonedLocal, zonedLocalToUtc } from './zoned-time.js';

describe('zoned time', () => {
  it('knows IANA zones and refuses made-up ones', () => {
    expect(isTimeZone('Asia/Jakarta')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Asia/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('reads a local time in the cohort zone as the right UTC instant', () => {
    expect(zonedLocalToUtc('2025-03-10T09:00', 'Asia/Jakarta')?.toISOString()).toBe('2025-03-10T02:00:00.000Z');
    expect(zonedLocalToUtc('2025-03-10T09:00', 'Asia/Singapore')?.toISOString()).toBe('2025-03-10T01:00:00.000Z');
    expect(zonedLocalToUtc('2025-03-10T00:30', 'Asia/Manila')?.toISOString()).toBe('2025-03-09T16:30:00.000Z');
    expect(zonedLocalToUtc('2025-07-01T09:00', 'America/New_York')?.toISOString()).toBe('2025-07-01T13:00:00.000Z');
    expect(zonedLocalToUtc('2025-01-15T09:00', 'America/New_York')?.toISOString()).toBe('2025-01-15T14:00:00.000Z');
  });

  it('refuses a time skipped by a clock change and a date that does not exist', () => {
    expect(zonedLocalToUtc('2025-03-09T02:30', 'America/New_York')).toBeNull();
    expect(zonedLocalToUtc('2025-02-30T09:00', 'Asia/Jakarta')).toBeNull();
    expect(zonedLocalToUtc('10 March', 'Asia/Jakarta')).toBeNull();
  });

  it('shows an instant back in the zone, and today there', () => {
    const instant = new Date('2025-03-09T18:00:00Z');
    expect(toZonedLocal(instant, 'Asia/Ho_Chi_Minh')).toBe('2025-03-10T01:00');
    expect(todayIn('Asia/Ho_Chi_Minh', instant)).toBe('2025-03-10');
    expect(todayIn('UTC', instant)).toBe('2025-03-09');
  });
});
