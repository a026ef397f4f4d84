import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toUsdCents } from '../pipeline/usd.js';
import { centsWith, roundDays, usdFactor } from './conversion.js';

describe('usdFactor and centsWith (the SQL conversion)', () => {
  it('converts exactly, rounding half up away from zero', () => {
    const vnd = usdFactor('VND', '25000')!;
    expect(centsWith(2_500_000_000n, vnd)).toBe(10_000_000n);
    expect(centsWith(12_345n, vnd)).toBe(49n); // 0.4938 USD
    expect(centsWith(125n, vnd)).toBe(1n); // exactly half a cent rounds up
    expect(centsWith(-125n, vnd)).toBe(-1n);
    expect(centsWith(124n, vnd)).toBe(0n);
  });

  it('needs no rate for USD and refuses unusable rates', () => {
    expect(centsWith(123_456n, usdFactor('USD', null)!)).toBe(123_456n);
    expect(usdFactor('THB', null)).toBeNull();
    expect(usdFactor('THB', '0')).toBeNull();
    expect(usdFactor('THB', 'abc')).toBeNull();
  });

  it('agrees with the pipeline’s toUsdCents for any amount, currency and rate', () => {
    const rate = fc
      .tuple(fc.bigInt({ min: 0n, max: 999_999_999_999n }), fc.stringMatching(/^\d{0,8}$/))
      .map(([whole, fraction]) => (fraction ? `${whole}.${fraction}` : whole.toString()))
      .filter((text) => /[1-9]/.test(text));
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.constantFrom('VND', 'THB', 'EUR', 'JPY', 'KWD', 'IDR'), rate, (minor, currency, unitsPerUsd) => {
        expect(centsWith(minor, usdFactor(currency, unitsPerUsd)!)).toBe(toUsdCents(minor, currency, unitsPerUsd));
      }),
    );
  });
});

describe('roundDays', () => {
  it('rounds to one decimal and keeps null', () => {
    expect(roundDays(4.04)).toBe(4);
    expect(roundDays(58.96)).toBe(59);
    expect(roundDays(1.25)).toBe(1.3);
    expect(roundDays(null)).toBeNull();
  });
});
