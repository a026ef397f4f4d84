import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FOCUS_POINTS, KEYWORD_POINTS, scorePair, suggestCitiesForOffer, suggestPartnersForCity, terms, type CityNeeds, type Offer } from './pairing.js';

const focusAreas = ['civic-social', 'health-well-being', 'safety-security', 'quality-environment', 'built-infrastructure', 'industry-innovation'];
const word = fc.constantFrom('flood', 'sensors', 'water', 'traffic', 'lighting', 'drainage', 'cyber', 'waste', 'solar', 'transit');
const offerArb: fc.Arbitrary<Offer> = fc.record({
  id: fc.uuid(),
  focusAreaIds: fc.uniqueArray(fc.constantFrom(...focusAreas), { maxLength: 4 }),
  keywords: fc.array(word, { maxLength: 4 }),
  summary: fc.array(word, { maxLength: 6 }).map((w) => w.join(' ')),
});
const cityArb: fc.Arbitrary<CityNeeds> = fc.record({
  id: fc.stringMatching(/^[a-z]{3,8}$/),
  projects: fc.array(
    fc.record({
      id: fc.uuid(),
      focusAreaId: fc.constantFrom(...focusAreas),
      title: fc.array(word, { maxLength: 3 }).map((w) => w.join(' ')),
      description: fc.array(word, { maxLength: 5 }).map((w) => w.join(' ')),
    }),
    { maxLength: 8 },
  ),
});

describe('terms', () => {
  it('lower-cases, drops short and common words, removes plurals', () => {
    expect(terms('The Flood sensors and Smart CITIES of Jakarta')).toEqual(['flood', 'sensor', 'jakarta']);
    expect(terms('Batteries, grass')).toEqual(['battery', 'grass']);
  });
});

describe('scorePair', () => {
  const offer: Offer = { id: 'o', focusAreaIds: ['quality-environment'], keywords: ['flood', 'sensors'], summary: 'Stormwater modelling' };
  const city: CityNeeds = {
    id: 'c',
    projects: [
      { id: 'p1', focusAreaId: 'quality-environment', title: 'Flood early warning', description: 'River level sensors' },
      { id: 'p2', focusAreaId: 'quality-environment', title: 'Canal dredging', description: '' },
      { id: 'p3', focusAreaId: 'civic-social', title: 'E-services', description: 'flood reports by citizens' },
    ],
  };
  it('explains a match by shared focus areas and matched terms', () => {
    const match = scorePair(offer, city);
    expect(match.reasons).toEqual([
      { kind: 'focus_area', focusAreaId: 'quality-environment', projectIds: ['p1', 'p2'], points: FOCUS_POINTS + 4 },
      { kind: 'term', term: 'flood', source: 'keyword', projectIds: ['p1', 'p3'], points: KEYWORD_POINTS },
      { kind: 'term', term: 'sensor', source: 'keyword', projectIds: ['p1'], points: KEYWORD_POINTS },
    ]);
    expect(match.score).toBe(FOCUS_POINTS + 4 + 2 * KEYWORD_POINTS);
  });
  it('scores nothing in common as zero and leaves it out of suggestions', () => {
    const other: Offer = { id: 'x', focusAreaIds: ['safety-security'], keywords: ['cyber'], summary: '' };
    expect(scorePair(other, city).score).toBe(0);
    expect(suggestPartnersForCity(city, [other, offer]).map((m) => m.offerId)).toEqual(['o']);
  });
});

describe('invariants', () => {
  it('a score is exactly the sum of the points of the reasons it reports', () => {
    fc.assert(
      fc.property(offerArb, cityArb, (offer, city) => {
        const match = scorePair(offer, city);
        expect(match.score).toBe(match.reasons.reduce((s, r) => s + r.points, 0));
        for (const reason of match.reasons) expect(reason.projectIds.length).toBeGreaterThan(0);
      }),
    );
  });

  it('adding a focus area to an offer never lowers a score', () => {
    fc.assert(
      fc.property(offerArb, cityArb, fc.constantFrom(...focusAreas), (offer, city, extra) => {
        const before = scorePair(offer, city).score;
        const after = scorePair({ ...offer, focusAreaIds: [...new Set([...offer.focusAreaIds, extra])] }, city).score;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('adding a project to a city never lowers a score', () => {
    fc.assert(
      fc.property(offerArb, cityArb, cityArb, (offer, city, more) => {
        const before = scorePair(offer, city).score;
        const after = scorePair(offer, { ...city, projects: [...city.projects, ...more.projects] }).score;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('ranks by score, best first, and the order does not depend on the input order', () => {
    fc.assert(
      fc.property(offerArb, fc.uniqueArray(cityArb, { selector: (c) => c.id, maxLength: 6 }), (offer, cities) => {
        const ranked = suggestCitiesForOffer(offer, cities);
        for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
        expect(suggestCitiesForOffer(offer, [...cities].reverse())).toEqual(ranked);
      }),
    );
  });
});
