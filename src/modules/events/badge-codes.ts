/**
 * Badge codes: printed on the badge and in its QR code, typed at check-in when no camera works.
 * 80 random bits in Crockford's base 32 (no I, L, O or U, so nothing reads as another letter),
 * grouped by four: "7KQ2-M9XD-4TRB-HW3C".
 */
import { randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newBadgeCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      code += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return code.match(/.{4}/g)!.join('-');
}

/**
 * What someone typed or a scanner read, as the stored code; null when it cannot be one. Case, spaces
 * and dashes do not matter, and letters people confuse with digits are read as Crockford says (O → 0, I and L → 1).
 */
export function normaliseBadgeCode(input: string): string | null {
  const raw = input
    .toUpperCase()
    .replace(/[\s\-–—_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(raw)) return null;
  return raw.match(/.{4}/g)!.join('-');
}
