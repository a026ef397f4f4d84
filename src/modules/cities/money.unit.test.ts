import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromMinorUnits, minorDigits, toMinorUnits } from './money.js';

describe('money in minor units', () => {
  it('knows the minor digits of currencies', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('VND')).toBe(0);
    expect(minorDigits('JPY')).toBe(0);
  });

  it('converts exactly, without floating point', () => {
    expect(toMinorUnits('1250000.50', 'USD')).toBe(125000050n);
    expect(toMinorUnits('0.1', 'USD')).toBe(10n);
    expect(toMinorUnits('999999999999999.99', 'USD')).toBe(99999999999999999n);
    expect(toMinorUnits('18500000000', 'VND')).toBe(18500000000n);
  });

  it('refuses amounts it cannot store exactly, and unknown currencies', () => {
    expect(() => toMinorUnits('1.005', 'USD')).toThrow(/at most 2 decimal places/);
    expect(() => toMinorUnits('100.5', 'VND')).toThrow(/at most 0 decimal places/);
    expect(() => toMinorUnits('-5', 'USD')).toThrow();
    expect(() => toMinorUnits('1e6', 'USD')).toThrow();
    expect(() => toMinorUnits('99999999999999999999', 'USD')).toThrow();
    expect(() => toMinorUnits('9999999999999999999', 'VND')).toThrow(/too large/);
    expect(() => toMinorUnits('10', 'XYZ')).toThrow(/ISO 4217/);
  });

  it('round-trips every amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.constantFrom('USD', 'VND', 'IDR', 'SGD', 'JPY', 'BHD'), (minor, currency) => {
        expect(toMinorUnits(fromMinorUnits(minor, currency), currency)).toBe(minor);
      }),
    );
  });
});
