import { describe, expect, it } from 'vitest';
import { centsToDecimal, parseRate, toUsdCents } from './usd.js';

describe('USD equivalents', () => {
  it('converts exactly, with currencies of any number of minor digits', () => {
    // 31,750,000,000 VND (no minor digits) at 25,400 VND/USD = 1,250,000.00 USD
    expect(centsToDecimal(toUsdCents(31_750_000_000n, 'VND', '25400.00000000'))).toBe('1250000.00');
    // 1,000.00 EUR at 0.92 EUR/USD = 1,086.956… → 1,086.96 USD
    expect(centsToDecimal(toUsdCents(100_000n, 'EUR', '0.92'))).toBe('1086.96');
    // 3-digit currency: 1.000 KWD at 0.307 KWD/USD = 3.2573… USD
    expect(centsToDecimal(toUsdCents(1000n, 'KWD', '0.307'))).toBe('3.26');
  });

  it('keeps precision far beyond what a float holds', () => {
    // 9,007,199,254,740,993.00 (> 2^53 cents) at a rate of 1
    expect(centsToDecimal(toUsdCents(900_719_925_474_099_300n, 'USD', '1'))).toBe('9007199254740993.00');
  });

  it('rounds half up and keeps negative gaps negative', () => {
    expect(centsToDecimal(toUsdCents(1n, 'USD', '2'))).toBe('0.01'); // 0.005 → 0.01
    expect(centsToDecimal(toUsdCents(-100n, 'USD', '1'))).toBe('-1.00');
  });

  it('refuses rates that are zero, negative or too precise', () => {
    expect(parseRate('0')).toBeNull();
    expect(parseRate('-1')).toBeNull();
    expect(parseRate('1.123456789')).toBeNull();
    expect(parseRate('1e3')).toBeNull();
    expect(parseRate('025400.50000000')?.normalised).toBe('25400.5');
  });
});
