/** Exact money formatting: amounts arrive as decimal strings and are never turned into floats. */

/** "1234567.50" → "1,234,567.50"; a leading minus is kept. */
export function groupDigits(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction] = (negative ? amount.slice(1) : amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** "1234567.50" → "1,234,568": whole units, rounded half up, exactly. */
export function wholeUnits(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const rounded = BigInt(whole) + (fraction && Number(fraction[0]) >= 5 ? 1n : 0n);
  return groupDigits(`${negative && rounded !== 0n ? '-' : ''}${rounded.toString()}`);
}
