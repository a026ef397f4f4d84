import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIT_POINTS, FOCUS_POINTS, items, MAX_ITEMS, scoreProfiles, suggest, TERM_POINTS, type MatchmakingProfile } from './suggestions.js';

const focusAreas = ['civic-social', 'health-well-being', 'safety-security', 'quality-environment', 'built-infrastructure', 'industry-innovation'];
const word = fc.constantFrom('flood', 'sensors', 'water', 'traffic', 'lighting', 'drainage', 'cyber', 'waste', 'solar', 'transit', 'the', 'and');
const text = fc.array(fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')), { maxLength: 5 }).chain((list) => fc.constantFrom(', ', '\n', '; ').map((sep) => list.join(sep)));
const profile: fc.Arbitrary<MatchmakingProfile> = fc.record({
  id: fc.uuid(),
  side: fc.constantFrom('city' as const, 'partner' as const, 'other' as const),
  offers: text,
  seeks: text,
  focusAreaIds: fc.uniqueArray(fc.constantFrom(...focusAreas), { maxLength: 4 }),
});

describe('items', () => {
  it('splits on new lines, commas, semicolons and bullets, trims and drops repeats', () => {
    expect(items('Flood sensors, LoRaWAN gateways;\n• river gauges\n- flood SENSORS\n\n')).toEqual(['Flood sensors', 'LoRaWAN gateways', 'river gauges']);
    expect(items('')).toEqual([]);
  });
  it('keeps at most MAX_ITEMS', () => {
    expect(items(Array.from({ length: 100 }, (_, i) => `item ${i}`).join(','))).toHaveLength(MAX_ITEMS);
  });
});

describe('scoreProfiles', () => {
  const city: MatchmakingProfile = { id: 'city', side: 'city', offers: 'pilot sites for mobility trials', seeks: 'flood sensors, traffic signal control', focusAreaIds: ['quality-environment', 'safety-security'] };
  const company: MatchmakingProfile = { id: 'co', side: 'partner', offers: 'Flood sensors and river gauges\nCloud dashboards', seeks: 'pilot sites', focusAreaIds: ['quality-environment'] };

  it('explains a match by what each offers the other, shared focus areas and sides that fit', () => {
    const match = scoreProfiles(city, company);
    expect(match.reasons).toEqual([
      { kind: 'they_offer', offer: 'Flood sensors and river gauges', seek: 'flood sensors', terms: ['flood', 'sensor'], points: 2 * TERM_POINTS },
      { kind: 'they_seek', offer: 'pilot sites for mobility trials', seek: 'pilot sites', terms: ['pilot', 'site'], points: 2 * TERM_POINTS },
      { kind: 'focus_area', focusAreaId: 'quality-environment', points: FOCUS_POINTS },
      { kind: 'fit', side: 'partner', points: FIT_POINTS },
    ]);
    expect(match.score).toBe(4 * TERM_POINTS + FOCUS_POINTS + FIT_POINTS);
  });

  it('words the same pair from the other side with the same score', () => {
    const reverse = scoreProfiles(company, city);
    expect(reverse.reasons[0]).toEqual({ kind: 'they_offer', offer: 'pilot sites for mobility trials', seek: 'pilot sites', terms: ['pilot', 'site'], points: 2 * TERM_POINTS });
    expect(reverse.reasons.at(-1)).toEqual({ kind: 'fit', side: 'city', points: FIT_POINTS });
    expect(reverse.score).toBe(scoreProfiles(city, company).score);
  });

  it('counts no fit between two cities or two companies', () => {
    expect(scoreProfiles(city, { ...company, side: 'city' }).reasons.some((r) => r.kind === 'fit')).toBe(false);
    expect(scoreProfiles({ ...city, side: 'partner' }, company).reasons.some((r) => r.kind === 'fit')).toBe(false);
  });
});

describe('suggest', () => {
  const viewer: MatchmakingProfile = { id: 'v', side: 'city', offers: '', seeks: 'flood sensors', focusAreaIds: [] };
  it('ranks by score, leaves out the viewer and those with nothing in common', () => {
    const strong: MatchmakingProfile = { id: 'b', side: 'partner', offers: 'flood sensors', seeks: '', focusAreaIds: [] };
    const weak: MatchmakingProfile = { id: 'a', side: 'partner', offers: 'cloud hosting', seeks: '', focusAreaIds: [] };
    const none: MatchmakingProfile = { id: 'c', side: 'city', offers: 'cloud hosting', seeks: '', focusAreaIds: [] };
    expect(suggest(viewer, [weak, none, viewer, strong]).map((s) => s.id)).toEqual(['b', 'a']);
    expect(suggest(viewer, [weak, strong], 1).map((s) => s.id)).toEqual(['b']);
  });
});

describe('invariants', () => {
  it('a score is exactly the sum of the points of its reasons, each positive', () => {
    fc.assert(
      fc.property(profile, profile, (a, b) => {
        const match = scoreProfiles(a, b);
        expect(match.score).toBe(match.reasons.reduce((sum, r) => sum + r.points, 0));
        expect(match.reasons.every((r) => r.points > 0)).toBe(true);
      }),
    );
  });

  it('a pair scores the same whichever side asks', () => {
    fc.assert(
      fc.property(profile, profile, (a, b) => {
        expect(scoreProfiles(a, b).score).toBe(scoreProfiles(b, a).score);
      }),
    );
  });

  it('every term reason names terms found in both items', () => {
    fc.assert(
      fc.property(profile, profile, (a, b) => {
        for (const reason of scoreProfiles(a, b).reasons) {
          if (reason.kind !== 'they_offer' && reason.kind !== 'they_seek') continue;
          expect(reason.terms.length).toBeGreaterThan(0);
          for (const term of reason.terms) {
            expect(reason.offer.toLowerCase()).toContain(term.slice(0, 4));
            expect(reason.seek.toLowerCase()).toContain(term.slice(0, 4));
          }
        }
      }),
    );
  });

  it('suggestions are ordered by score, positive, and never include the viewer', () => {
    fc.assert(
      fc.property(profile, fc.array(profile, { maxLength: 12 }), (viewer, others) => {
        const list = suggest(viewer, [...others, viewer]);
        expect(list.some((s) => s.id === viewer.id)).toBe(false);
        for (let i = 1; i < list.length; i++) expect(list[i - 1]!.score).toBeGreaterThanOrEqual(list[i]!.score);
        expect(list.every((s) => s.score > 0)).toBe(true);
      }),
    );
  });
});
