import { minorDigits } from '../cities/money.js';

/**
 * USD equivalents, exactly: amounts are minor units (bigint) and rates exact decimal strings
 * ("25400.00000000" units per USD), so the arithmetic is integer arithmetic with one rounding at the end.
 */

const decimalPattern = /^(\d{1,12})(?:\.(\d{1,8}))?$/;

/** A rate as typed by the secretariat: up to 12 digits before the point and 8 after, above zero. Null when not valid. */
export function parseRate(text: string): { numerator: bigint; scale: number; normalised: string } | null {
  const match = decimalPattern.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  const numerator = BigInt(match[1]! + fraction);
  if (numerator === 0n) return null;
  const normalised = `${BigInt(match[1]!).toString()}${fraction.replace(/0+$/, '') ? `.${fraction.replace(/0+$/, '')}` : ''}`;
  return { numerator, scale: fraction.length, normalised };
}

/** `minor` units of `currency` in U.S. cents at `unitsPerUsd`, rounded half up. */
export function toUsdCents(minor: bigint, currency: string, unitsPerUsd: string): bigint {
  const rate = parseRate(unitsPerUsd);
  if (!rate) throw new Error(`not a rate: ${unitsPerUsd}`);
  const negative = minor < 0n;
  const magnitude = negative ? -minor : minor;
  const numerator = magnitude * 10n ** BigInt(rate.scale) * 100n;
  const denominator = 10n ** BigInt(minorDigits(currency)) * rate.numerator;
  const cents = (2n * numerator + denominator) / (2n * denominator);
  return negative ? -cents : cents;
}

/** 123400n cents → "1234.00". */
export function centsToDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const text = (negative ? -cents : cents).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** Today's date in UTC as YYYY-MM-DD: the day whose rate applies. */
export const todayUtc = (now = new Date()): string => now.toISOString().slice(0, 10);
