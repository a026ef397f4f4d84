/** Horizontal bar lengths: proportional to the largest value; a value above zero is never thinner than `minimum`. */
export function barLengths(values: readonly number[], space: number, minimum = 2): number[] {
  const max = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  return values.map((value) => {
    if (!Number.isFinite(value) || value <= 0 || max === 0) return 0;
    return Math.max(minimum, (space * value) / max);
  });
}

/** A label cut to fit beside a bar, with an ellipsis. */
export const clip = (label: string, length: number) => (label.length > length ? `${label.slice(0, length - 1)}…` : label);
