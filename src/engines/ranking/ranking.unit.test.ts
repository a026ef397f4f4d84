import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bruteForceProjectsForProvider,
  bruteForceProvidersForProject,
  buildRankingIndex,
  explainPair,
  tokenise,
  topProjectsForProvider,
  topProvidersForProject,
  type RankProject,
  type RankProvider,
} from './ranking.js';

const sectors = ['transport', 'water', 'energy', 'waste', 'digital'];
const focusAreas = ['civic-social', 'health-well-being', 'safety-security', 'quality-environment', 'built-infrastructure', 'industry-innovation'];
const countries = ['ID', 'VN', 'TH', 'PH', 'MY'];
const word = fc.constantFrom('flood', 'sensors', 'water', 'traffic', 'lighting', 'drainage', 'cyber', 'waste', 'solar', 'transit', 'metering', 'buses');
const text = fc.array(word, { maxLength: 8 }).map((w) => w.join(' '));

const projectArb: fc.Arbitrary<RankProject> = fc.record({
  id: fc.uuid(),
  text,
  sector: fc.constantFrom(...sectors),
  focusAreaId: fc.constantFrom(...focusAreas),
  countryCode: fc.constantFrom(...countries),
});
const providerArb: fc.Arbitrary<RankProvider> = fc.record({
  id: fc.uuid(),
  text,
  sectors: fc.uniqueArray(fc.constantFrom(...sectors), { maxLength: 3 }),
  focusAreaIds: fc.uniqueArray(fc.constantFrom(...focusAreas), { maxLength: 3 }),
  countries: fc.uniqueArray(fc.constantFrom(...countries), { maxLength: 3 }),
});
const corpus = fc.record({
  projects: fc.uniqueArray(projectArb, { minLength: 1, maxLength: 25, selector: (p) => p.id }),
  providers: fc.uniqueArray(providerArb, { minLength: 1, maxLength: 25, selector: (p) => p.id }),
  k: fc.integer({ min: 1, max: 12 }),
});

describe('tokenise', () => {
  it('lower-cases, drops common and one-letter words, stems lightly', () => {
    expect(tokenise('The Flood SENSORS, batteries and a metering of Jakarta')).toEqual(['flood', 'sensor', 'battery', 'meter', 'jakarta']);
    expect(tokenise('')).toEqual([]);
  });
});

describe('ranking', () => {
  it('explains a score as the sum of its parts, with the shared terms and taxonomy reasons', () => {
    const index = buildRankingIndex(
      [{ id: 'p1', text: 'Flood early-warning sensors for the river', sector: 'water', focusAreaId: 'safety-security', countryCode: 'VN' }],
      [
        { id: 'a', text: 'Flood sensors and river gauges', sectors: ['water'], focusAreaIds: ['safety-security'], countries: ['VN'] },
        { id: 'b', text: 'Bus fleet electrification', sectors: ['transport'], focusAreaIds: [], countries: [] },
        { id: 'c', text: 'Solar rooftops', sectors: [], focusAreaIds: [], countries: ['VN'] },
      ],
    );
    const top = topProvidersForProject(index, 'p1', 10);
    expect(top.map((r) => r.providerId)).toEqual(['a', 'c']); // b shares nothing
    const [a, c] = top;
    expect(a!.sector && a!.focusArea && a!.country).toBe(true);
    expect(a!.sharedTerms).toEqual(expect.arrayContaining(['flood', 'sensor', 'river']));
    expect(a!.score).toBeCloseTo(a!.parts.text + a!.parts.sector + a!.parts.focusArea + a!.parts.country, 12);
    expect(c!.parts).toEqual({ text: 0, sector: 0, focusArea: 0, country: 1 });
    expect(explainPair(index, 'p1', 'b')!.score).toBe(0);
    expect(explainPair(index, 'p1', 'missing')).toBeNull();
  });

  it('scores are non-negative and each is the sum of its parts', () => {
    fc.assert(
      fc.property(corpus, ({ projects, providers }) => {
        const index = buildRankingIndex(projects, providers);
        for (const p of projects) {
          for (const q of providers) {
            const r = explainPair(index, p.id, q.id)!;
            expect(r.score).toBeGreaterThanOrEqual(0);
            for (const part of Object.values(r.parts)) expect(part).toBeGreaterThanOrEqual(0);
            expect(r.score).toBe(r.parts.text + r.parts.sector + r.parts.focusArea + r.parts.country);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the top-k from the index equals brute-force scoring of every pair, both ways', () => {
    fc.assert(
      fc.property(corpus, ({ projects, providers, k }) => {
        const index = buildRankingIndex(projects, providers);
        for (const p of projects) expect(topProvidersForProject(index, p.id, k)).toEqual(bruteForceProvidersForProject(index, p.id, k));
        for (const q of providers) expect(topProjectsForProvider(index, q.id, k)).toEqual(bruteForceProjectsForProvider(index, q.id, k));
      }),
      { numRuns: 80 },
    );
  });

  it('the same pair has the same score from either side, and filters only remove', () => {
    fc.assert(
      fc.property(corpus, ({ projects, providers, k }) => {
        const index = buildRankingIndex(projects, providers);
        const keep = new Set(providers.filter((_, i) => i % 2 === 0).map((q) => q.id));
        for (const p of projects) {
          for (const r of topProvidersForProject(index, p.id, k)) expect(r.score).toBe(explainPair(index, p.id, r.providerId)!.score);
          const filtered = topProvidersForProject(index, p.id, 1000, (id) => keep.has(id));
          const all = topProvidersForProject(index, p.id, 1000).filter((r) => keep.has(r.providerId));
          expect(filtered).toEqual(all);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('orders by score, then id, and the order does not depend on input order', () => {
    fc.assert(
      fc.property(corpus, ({ projects, providers, k }) => {
        const a = buildRankingIndex(projects, providers);
        const b = buildRankingIndex([...projects].reverse(), [...providers].reverse());
        for (const p of projects) {
          const top = topProvidersForProject(a, p.id, k);
          for (let x = 1; x < top.length; x++) {
            const [prev, cur] = [top[x - 1]!, top[x]!];
            expect(prev.score > cur.score || (prev.score === cur.score && prev.providerId < cur.providerId)).toBe(true);
          }
          expect(topProvidersForProject(b, p.id, k).map((r) => [r.providerId, r.score.toFixed(9)])).toEqual(top.map((r) => [r.providerId, r.score.toFixed(9)]));
        }
      }),
      { numRuns: 40 },
    );
  });
});
