import { describe, expect, it } from 'vitest';
import { formatMoney, moneyBody } from '../deals/shared.js';
import { formatRangeIn } from './time.js';

describe('agenda times', () => {
  it('reads a range on the clocks of each zone, with both days when it crosses midnight there', () => {
    const start = '2026-03-10T02:00:00Z';
    const end = '2026-03-10T03:30:00Z';
    expect(formatRangeIn(start, end, 'Asia/Jakarta')).toBe('Tue, 10 Mar 2026, 09:00–10:30');
    expect(formatRangeIn(start, end, 'America/New_York')).toBe('Mon, 9 Mar 2026, 22:00–23:30');
    expect(formatRangeIn('2026-03-10T04:30:00Z', '2026-03-10T05:30:00Z', 'America/New_York')).toBe('Tue, 10 Mar 2026, 00:30–01:30');
    expect(formatRangeIn('2026-03-10T03:30:00Z', '2026-03-10T05:30:00Z', 'America/New_York')).toBe('Mon, 9 Mar 2026, 23:30 – Tue, 10 Mar 2026, 01:30');
  });
});

describe('deal values', () => {
  it('are shown from the exact decimal, in the currency’s own format', () => {
    expect(formatMoney({ amount: '1250000.50', currency: 'USD' })).toBe('$1,250,000.50');
    expect(formatMoney({ amount: '92233720368547758.07', currency: 'USD' })).toBe('$92,233,720,368,547,758.07');
    expect(formatMoney({ amount: '15000000', currency: 'VND' })).toMatch(/^₫15,000,000$/);
  });

  it('are sent as typed, without thousands separators; an empty amount is no value', () => {
    expect(moneyBody({ amount: ' 1,000,000.50 ', currency: 'usd' })).toEqual({ amount: '1000000.50', currency: 'USD' });
    expect(moneyBody({ amount: '', currency: 'USD' })).toBeNull();
  });
});
