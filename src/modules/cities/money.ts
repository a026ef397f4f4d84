import { AppError } from '../../server/errors.js';

/** PostgreSQL bigint's largest value. */
const MAX_MINOR_UNITS = 9_223_372_036_854_775_807n;
const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

const digitsByCurrency = new Map<string, number>();

/** Digits after the decimal point for an ISO 4217 currency (2 for USD, 0 for VND and JPY). */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    // Building an Intl.NumberFormat is costly and lists call this per row: remember the answer.
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** "1250000.50" USD → 125000050n. Exact: no floating point on the way. */
export function toMinorUnits(amount: string, currency: string, field = 'body.budget'): bigint {
  if (!knownCurrencies.has(currency)) {
    throw new AppError('validation_failed', `"${currency}" is not an ISO 4217 currency code.`, [{ field: `${field}.currency`, message: 'unknown currency' }]);
  }
  const digits = minorDigits(currency);
  const match = /^(\d{1,19})(?:\.(\d+))?$/.exec(amount.trim());
  if (!match || (match[2] ?? '').length > digits) {
    throw new AppError(
      'validation_failed',
      `The amount "${amount}" is not valid for ${currency}: write digits with at most ${digits} decimal places, e.g. ${digits ? '1250000.' + '0'.repeat(digits) : '1250000'}.`,
      [{ field: `${field}.amount`, message: 'invalid amount' }],
    );
  }
  const minor = BigInt(match[1]! + (match[2] ?? '').padEnd(digits, '0'));
  if (minor > MAX_MINOR_UNITS) {
    throw new AppError('validation_failed', `The amount "${amount}" ${currency} is too large to store.`, [{ field: `${field}.amount`, message: 'too large' }]);
  }
  return minor;
}

export function fromMinorUnits(minor: bigint, currency: string): string {
  const digits = minorDigits(currency);
  if (!digits) return minor.toString();
  const text = minor.toString().padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
