import { describe, expect, it } from 'vitest';
import { instantInBothZones, rangeIn, rangeInBothZones, timeZoneOptions } from './zonedTime.js';

// 09:00–10:30 in Ho Chi Minh City on Monday 10 March 2031 (UTC+7).
const start = '2031-03-10T02:00:00.000Z';
const end = '2031-03-10T03:30:00.000Z';

describe('times in the event zone and the viewer zone', () => {
  it('labels both zones, as the brief example reads', () => {
    expect(rangeInBothZones(start, end, 'Asia/Ho_Chi_Minh', { withDate: false, yourZone: 'Asia/Singapore' })).toBe('09:00–10:30 Asia/Ho_Chi_Minh (your time 10:00–11:30 Asia/Singapore)');
    expect(rangeInBothZones(start, end, 'Asia/Ho_Chi_Minh', { yourZone: 'Asia/Singapore' })).toBe(
      'Mon, 10 Mar 2031, 09:00–10:30 Asia/Ho_Chi_Minh (your time Mon, 10 Mar 2031, 10:00–11:30 Asia/Singapore)',
    );
  });

  it('gives the viewer their own date when the session falls on another day for them', () => {
    expect(rangeInBothZones(start, end, 'Asia/Ho_Chi_Minh', { withDate: false, yourZone: 'America/New_York' })).toBe(
      '09:00–10:30 Asia/Ho_Chi_Minh (your time Sun, 9 Mar 2031, 22:00–23:30 America/New_York)',
    );
  });

  it('says once when both clocks agree, aliases included', () => {
    expect(rangeInBothZones(start, end, 'Asia/Ho_Chi_Minh', { withDate: false, yourZone: 'Asia/Saigon' })).toBe('09:00–10:30 Asia/Ho_Chi_Minh (your time zone)');
    expect(instantInBothZones(start, 'UTC', 'UTC')).toBe('Mon, 10 Mar 2031, 02:00 UTC (your time zone)');
  });

  it('spans days with both ends dated', () => {
    expect(rangeIn('2031-03-10T02:00:00.000Z', '2031-03-12T10:00:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('Mon, 10 Mar 2031, 09:00 – Wed, 12 Mar 2031, 17:00');
  });

  it('offers the partnership zones and the current value in the picker', () => {
    const options = timeZoneOptions('Etc/GMT-7');
    expect(options).toContain('Asia/Ho_Chi_Minh');
    expect(options).toContain('America/Los_Angeles');
    expect(options).toContain('UTC');
    expect(options).toContain('Etc/GMT-7');
    expect(new Set(options).size).toBe(options.length);
  });
});
