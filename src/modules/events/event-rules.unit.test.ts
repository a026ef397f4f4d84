import { describe, expect, it } from 'vitest';
import { registrationClosedReason } from './event-access.js';
import { atInZone, datesInZone } from './event-time.js';
import { defaultParticipantType } from './registrations.js';

const now = new Date('2031-03-01T00:00:00Z');
const open = { status: 'published' as const, endsAt: new Date('2031-03-12T10:00:00Z'), registrationClosesAt: null, timeZone: 'Asia/Ho_Chi_Minh' };

describe('whether registration is open', () => {
  it('is open for a published event that has not ended and whose closing time has not passed', () => {
    expect(registrationClosedReason(open, now)).toBeNull();
    expect(registrationClosedReason({ ...open, registrationClosesAt: new Date('2031-03-05T00:00:00Z') }, now)).toBeNull();
  });

  it('says why when it is closed', () => {
    expect(registrationClosedReason({ ...open, status: 'draft' }, now)).toMatch(/not published/);
    expect(registrationClosedReason({ ...open, status: 'cancelled' }, now)).toMatch(/cancelled/);
    expect(registrationClosedReason({ ...open, status: 'completed' }, now)).toMatch(/over/);
    expect(registrationClosedReason({ ...open, endsAt: new Date('2031-02-28T00:00:00Z') }, now)).toMatch(/over/);
    expect(registrationClosedReason({ ...open, registrationClosesAt: new Date('2031-02-28T02:00:00Z') }, now)).toBe('Registration closed on 28 Feb 2031, 09:00 (Asia/Ho_Chi_Minh).');
  });
});

describe('times in words', () => {
  it('names the zone and reads dates where the event happens', () => {
    expect(atInZone(new Date('2031-03-10T02:05:00Z'), 'Asia/Ho_Chi_Minh')).toBe('10 Mar 2031, 09:05 (Asia/Ho_Chi_Minh)');
    // 23:00 UTC on 9 March is already 10 March in Ho Chi Minh City.
    expect(datesInZone(new Date('2031-03-09T23:00:00Z'), new Date('2031-03-10T10:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('10 March 2031');
    expect(datesInZone(new Date('2031-06-01T15:00:00Z'), new Date('2031-06-09T01:00:00Z'), 'America/Los_Angeles')).toBe('1 June 2031 to 8 June 2031');
  });
});

describe('participant types', () => {
  it('default from the organisation', () => {
    expect(defaultParticipantType('city_government')).toBe('city_delegate');
    expect(defaultParticipantType('national_agency')).toBe('national_representative');
    expect(defaultParticipantType('us_agency')).toBe('us_government');
    expect(defaultParticipantType('us_city')).toBe('us_city');
    expect(defaultParticipantType('company')).toBe('industry');
    expect(defaultParticipantType('academia')).toBe('other');
  });
});
