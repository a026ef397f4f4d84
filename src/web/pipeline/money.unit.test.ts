import { describe, expect, it } from 'vitest';
import { groupDigits, wholeUnits } from './money.js';

describe('money formatting', () => {
  it('groups digits without going through floating point', () => {
    expect(groupDigits('1234567.50')).toBe('1,234,567.50');
    expect(groupDigits('9007199254740993')).toBe('9,007,199,254,740,993');
    expect(groupDigits('-3000000.00')).toBe('-3,000,000.00');
    expect(groupDigits('25400.5')).toBe('25,400.5');
  });

  it('rounds to whole units half up', () => {
    expect(wholeUnits('1233999.50')).toBe('1,234,000');
    expect(wholeUnits('1233999.49')).toBe('1,233,999');
    expect(wholeUnits('-0.40')).toBe('0');
    expect(wholeUnits('9007199254740993.00')).toBe('9,007,199,254,740,993');
  });
});
