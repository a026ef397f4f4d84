/**
 * Benchmarks across cities: per function or category, the distribution of the cities' current levels
 * (min, quartiles, median, max), published only when enough distinct cities contribute that no single
 * city can be picked out. Pure: data in, data out.
 */

/** Fewer contributing cities than this and a benchmark is withheld: two cities could each read the other's score. */
export const minimumContributors = 3;

export type Distribution = { contributors: number; min: number; q1: number; median: number; q3: number; max: number };

/** Quantile by linear interpolation between closest ranks (the common "type 7" definition). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('quantile of an empty list');
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const value = sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
  return round2(value);
}

/** Every figure of a distribution is rounded the same way, so rounding never puts a quartile outside min…max. */
const round2 = (value: number) => Math.round(value * 100) / 100;

/** `null` when fewer than `minimum` values: the caller shows "not enough cities yet", never the figures. */
export function distribution(values: readonly number[], minimum = minimumContributors): Distribution | null {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length < minimum) return null;
  return {
    contributors: sorted.length,
    min: round2(sorted[0]!),
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: round2(sorted[sorted.length - 1]!),
  };
}

/** One city's contribution: its current level per function or category id (absent when it had no answers there). */
export type Contribution = { cityId: string; scores: Record<string, number | null> };

export type Standing = 'below_q1' | 'q1_to_median' | 'median_to_q3' | 'above_q3';

export type BenchmarkRow = {
  id: string;
  distribution: Distribution | null;
  /** The viewing city's own score and where it stands, when it contributes and the benchmark is shown. */
  own: { score: number; standing: Standing } | null;
};

export function standingOf(scoreValue: number, d: Distribution): Standing {
  if (scoreValue < d.q1) return 'below_q1';
  if (scoreValue < d.median) return 'q1_to_median';
  if (scoreValue <= d.q3) return 'median_to_q3';
  return 'above_q3';
}

/**
 * Benchmarks for the given ids. Each city counts once (pass one contribution per city: its latest
 * submitted assessment). `ownCityId` adds that city's standing to rows that are shown.
 */
export function benchmark(ids: readonly string[], contributions: readonly Contribution[], ownCityId: string | null = null, minimum = minimumContributors): BenchmarkRow[] {
  const seen = new Set<string>();
  const unique = contributions.filter((c) => (seen.has(c.cityId) ? false : (seen.add(c.cityId), true)));
  const own = ownCityId ? unique.find((c) => c.cityId === ownCityId) : undefined;
  return ids.map((id) => {
    const values = unique.map((c) => c.scores[id]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const d = distribution(values, minimum);
    const ownScore = own?.scores[id];
    return { id, distribution: d, own: d && typeof ownScore === 'number' && Number.isFinite(ownScore) ? { score: ownScore, standing: standingOf(ownScore, d) } : null };
  });
}
