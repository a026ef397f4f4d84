import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchmark, distribution, minimumContributors, quantile, standingOf, type Contribution } from './benchmark.js';

describe('quantile', () => {
  it('interpolates between closest ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([0, 4], 0.25)).toBe(1);
    expect(() => quantile([], 0.5)).toThrow();
  });
});

describe('distribution', () => {
  it('is withheld below three values', () => {
    expect(minimumContributors).toBe(3);
    expect(distribution([])).toBeNull();
    expect(distribution([1.5, 2])).toBeNull();
    expect(distribution([1, 2, 3])).toEqual({ contributors: 3, min: 1, q1: 1.5, median: 2, q3: 2.5, max: 3 });
  });

  it('ignores values that are not numbers at all', () => {
    expect(distribution([1, Number.NaN, 2])).toBeNull();
  });

  it('is ordered min ≤ q1 ≤ median ≤ q3 ≤ max, within the values, and null below three', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 4, noNaN: true }), { maxLength: 40 }), (values) => {
        const d = distribution(values);
        if (values.length < 3) {
          expect(d).toBeNull();
          return;
        }
        expect(d).not.toBeNull();
        const { min, q1, median, q3, max, contributors } = d!;
        expect(contributors).toBe(values.length);
        expect(min).toBeLessThanOrEqual(q1);
        expect(q1).toBeLessThanOrEqual(median);
        expect(median).toBeLessThanOrEqual(q3);
        expect(q3).toBeLessThanOrEqual(max);
        expect(min).toBeGreaterThanOrEqual(0);
        expect(max).toBeLessThanOrEqual(4);
      }),
    );
  });

  it('does not depend on the order of the values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }).map((v) => v / 100), { minLength: 3, maxLength: 20 }), (values) => {
        expect(distribution([...values].reverse())).toEqual(distribution(values));
      }),
    );
  });
});

describe('standingOf', () => {
  const d = { contributors: 5, min: 0, q1: 1, median: 2, q3: 3, max: 4 };
  it('places a score among the quartiles', () => {
    expect(standingOf(0.5, d)).toBe('below_q1');
    expect(standingOf(1, d)).toBe('q1_to_median');
    expect(standingOf(2, d)).toBe('median_to_q3');
    expect(standingOf(3, d)).toBe('median_to_q3');
    expect(standingOf(3.5, d)).toBe('above_q3');
  });
});

describe('benchmark', () => {
  const city = (cityId: string, gv: number | null, pr: number | null = null): Contribution => ({ cityId, scores: { GV: gv, PR: pr } });

  it('shows nothing with two contributing cities, not even to one of them', () => {
    const rows = benchmark(['GV', 'PR'], [city('a', 1, 2), city('b', 3, 1)], 'a');
    expect(rows).toEqual([
      { id: 'GV', distribution: null, own: null },
      { id: 'PR', distribution: null, own: null },
    ]);
  });

  it('shows the distribution and the own standing with three cities', () => {
    const rows = benchmark(['GV', 'PR'], [city('a', 1, 2), city('b', 3, 1), city('c', 2, null)], 'a');
    expect(rows[0]).toEqual({ id: 'GV', distribution: { contributors: 3, min: 1, q1: 1.5, median: 2, q3: 2.5, max: 3 }, own: { score: 1, standing: 'below_q1' } });
    // Only two cities have a PR score: that row stays withheld.
    expect(rows[1]).toEqual({ id: 'PR', distribution: null, own: null });
  });

  it('counts each city once', () => {
    const rows = benchmark(['GV'], [city('a', 1), city('a', 4), city('b', 2)], null);
    expect(rows[0]!.distribution).toBeNull();
  });

  it('never shows figures from fewer than three distinct cities', () => {
    const contributionArb = fc.array(
      fc.record({ cityId: fc.constantFrom('a', 'b', 'c', 'd', 'e'), scores: fc.record({ GV: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }) }) }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(contributionArb, fc.constantFrom('a', 'b', null), (contributions, own) => {
        const [row] = benchmark(['GV'], contributions, own);
        const firstPerCity = new Map<string, number | null>();
        for (const c of contributions) if (!firstPerCity.has(c.cityId)) firstPerCity.set(c.cityId, c.scores.GV ?? null);
        const scored = [...firstPerCity.values()].filter((v) => v !== null).length;
        if (scored < 3) {
          expect(row!.distribution).toBeNull();
          expect(row!.own).toBeNull();
        } else {
          expect(row!.distribution!.contributors).toBe(scored);
        }
      }),
    );
  });
});
