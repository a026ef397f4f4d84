import { minorDigits } from '../cities/money.js';
import { parseRate } from '../pipeline/usd.js';

/**
 * USD conversion as SQL does it, per row and exactly: the cents of `minor` units are
 * round_half_up(|minor| × multiplier / divisor) with the sign put back, where multiplier and divisor
 * are integers made from the currency's minor digits and the rate's exact decimal. It is the same
 * arithmetic as `toUsdCents` in pipeline/usd.ts (the unit test checks they agree), moved into SQL so
 * the sums are computed by the database over exactly the rows the viewer may see.
 */
export type UsdFactor = { currency: string; multiplier: bigint; divisor: bigint };

/** The factor for a currency at a rate (units per USD); USD itself needs no rate. Null when the rate is not usable. */
export function usdFactor(currency: string, unitsPerUsd: string | null): UsdFactor | null {
  if (currency === 'USD') return { currency, multiplier: 1n, divisor: 1n };
  if (unitsPerUsd === null) return null;
  const rate = parseRate(unitsPerUsd);
  if (!rate) return null;
  return { currency, multiplier: 10n ** BigInt(rate.scale) * 100n, divisor: 10n ** BigInt(minorDigits(currency)) * rate.numerator };
}

/** The SQL formula in TypeScript (for tests): cents of `minor` with `factor`, rounded half up away from zero. */
export function centsWith(minor: bigint, factor: UsdFactor): bigint {
  const magnitude = minor < 0n ? -minor : minor;
  const cents = (2n * magnitude * factor.multiplier + factor.divisor) / (2n * factor.divisor);
  return minor < 0n ? -cents : cents;
}

/** A number of days, to one decimal place; null stays null. */
export const roundDays = (days: number | null): number | null => (days === null ? null : Math.round(days * 10) / 10);
