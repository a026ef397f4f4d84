import { describe, expect, it } from 'vitest';
import { newBadgeCode, normaliseBadgeCode } from './badge-codes.js';

describe('badge codes', () => {
  it('are four groups of four unambiguous characters, and differ every time', () => {
    const codes = new Set(Array.from({ length: 500 }, () => newBadgeCode()));
    expect(codes.size).toBe(500);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('read back whatever the case, spaces and dashes, and read O, I and L as the digits they stand for', () => {
    const code = newBadgeCode();
    expect(normaliseBadgeCode(code)).toBe(code);
    expect(normaliseBadgeCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normaliseBadgeCode('  o1il-2345-6789-abcd ')).toBe('0111-2345-6789-ABCD');
  });

  it('refuse what cannot be a code', () => {
    expect(normaliseBadgeCode('')).toBeNull();
    expect(normaliseBadgeCode('ABCD-EFGH-JKMN')).toBeNull();
    expect(normaliseBadgeCode('ABCD-EFGH-JKMN-PQRU')).toBeNull();
    expect(normaliseBadgeCode('https://example.org/ABCD-EFGH-JKMN-PQRS')).toBeNull();
  });
});
