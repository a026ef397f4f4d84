import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseGaps, compareAnalyses, priorityWeight, subcategoryIds, unansweredSubcategories, type CsfCore, type ProfileAnswer } from './gaps.js';

/** A small core with the CSF's shape: two functions, three categories, seven subcategories. */
const core: CsfCore = {
  functions: [
    {
      id: 'GV',
      name: 'GOVERN',
      description: '',
      categories: [
        { id: 'GV.OC', name: 'Organizational Context', description: '', subcategories: [{ id: 'GV.OC-01', text: 'a' }, { id: 'GV.OC-02', text: 'b' }] },
        { id: 'GV.RM', name: 'Risk Management Strategy', description: '', subcategories: [{ id: 'GV.RM-01', text: 'c' }, { id: 'GV.RM-02', text: 'd' }] },
      ],
    },
    {
      id: 'PR',
      name: 'PROTECT',
      description: '',
      categories: [{ id: 'PR.AA', name: 'Identity Management', description: '', subcategories: [{ id: 'PR.AA-01', text: 'e' }, { id: 'PR.AA-02', text: 'f' }, { id: 'PR.AA-03', text: 'g' }] }],
    },
  ],
};
const ids = subcategoryIds(core);

const answer = (subcategoryId: string, currentLevel: number | null, targetLevel: number | null, notApplicable = false): ProfileAnswer => ({
  subcategoryId,
  currentLevel,
  targetLevel,
  notApplicable,
});

describe('analyseGaps', () => {
  it('averages current and target per category and function over applicable answers', () => {
    const analysis = analyseGaps(core, [
      answer('GV.OC-01', 1, 3),
      answer('GV.OC-02', 2, 2),
      answer('GV.RM-01', 0, 4),
      answer('GV.RM-02', null, null, true),
      answer('PR.AA-01', 3, 3),
    ]);
    const oc = analysis.categories.find((c) => c.id === 'GV.OC')!;
    expect(oc).toMatchObject({ functionId: 'GV', answered: 2, notApplicable: 0, unanswered: 0, current: 1.5, target: 2.5, gap: 1 });
    const rm = analysis.categories.find((c) => c.id === 'GV.RM')!;
    expect(rm).toMatchObject({ answered: 1, notApplicable: 1, current: 0, target: 4, gap: 4 });
    const pr = analysis.categories.find((c) => c.id === 'PR.AA')!;
    expect(pr).toMatchObject({ answered: 1, unanswered: 2, current: 3, target: 3, gap: 0 });
    expect(analysis.functions.find((f) => f.id === 'GV')).toMatchObject({ answered: 3, notApplicable: 1, current: 1, target: 3, gap: 2 });
    expect(analysis.overall).toMatchObject({ answered: 4, notApplicable: 1, unanswered: 2 });
  });

  it('gives no scores where nothing applicable is answered', () => {
    const analysis = analyseGaps(core, [answer('GV.OC-01', null, null, true)]);
    expect(analysis.categories.find((c) => c.id === 'GV.OC')).toMatchObject({ current: null, target: null, gap: null, notApplicable: 1, unanswered: 1 });
    expect(analysis.overall.gap).toBeNull();
    expect(analysis.rankedCategoryGaps).toEqual([]);
  });

  it('does not let a level above target hide a gap elsewhere', () => {
    const analysis = analyseGaps(core, [answer('GV.OC-01', 4, 1), answer('GV.OC-02', 0, 3)]);
    expect(analysis.categories.find((c) => c.id === 'GV.OC')!.gap).toBe(1.5);
  });

  it('ranks category gaps by size, the city’s priorities weighing more', () => {
    const answers = [answer('GV.OC-01', 0, 2), answer('GV.OC-02', 0, 2), answer('GV.RM-01', 1, 3), answer('GV.RM-02', 2, 3), answer('PR.AA-01', 2, 3)];
    expect(analyseGaps(core, answers).rankedCategoryGaps.map((g) => g.id)).toEqual(['GV.OC', 'GV.RM', 'PR.AA']);
    const withPriority = analyseGaps(core, answers, ['GV.RM']).rankedCategoryGaps;
    expect(withPriority.map((g) => g.id)).toEqual(['GV.RM', 'GV.OC', 'PR.AA']);
    expect(withPriority[0]).toMatchObject({ priority: true, gap: 1.5, rankScore: 1.5 * priorityWeight });
  });

  it('lists subcategory gaps largest first, priority first on ties', () => {
    const analysis = analyseGaps(core, [answer('GV.OC-01', 2, 3), answer('PR.AA-02', 0, 4), answer('GV.RM-01', 2, 3), answer('PR.AA-01', 3, 2)], ['GV.RM']);
    expect(analysis.rankedSubcategoryGaps.map((g) => [g.id, g.gap])).toEqual([
      ['PR.AA-02', 4],
      ['GV.RM-01', 1],
      ['GV.OC-01', 1],
    ]);
  });

  it('keeps its invariants for any answers', () => {
    const level = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null });
    const answersArb = fc.array(fc.record({ subcategoryId: fc.constantFrom(...ids), currentLevel: level, targetLevel: level, notApplicable: fc.boolean() }), { maxLength: 12 });
    fc.assert(
      fc.property(answersArb, fc.subarray(['GV.OC', 'GV.RM', 'PR.AA']), (answers, priorities) => {
        // One answer per subcategory, as the database holds them.
        const unique = [...new Map(answers.map((a) => [a.subcategoryId, a])).values()];
        const analysis = analyseGaps(core, unique, priorities);
        for (const score of [...analysis.categories, ...analysis.functions, analysis.overall]) {
          expect(score.answered + score.notApplicable + score.unanswered).toBeGreaterThan(0);
          if (score.gap !== null) {
            expect(score.gap).toBeGreaterThanOrEqual(0);
            expect(score.gap).toBeLessThanOrEqual(4);
            expect(score.current).toBeGreaterThanOrEqual(0);
            expect(score.target).toBeLessThanOrEqual(4);
            // The mean gap is at least the gap of the means: exceeding a target never hides a shortfall.
            expect(score.gap + 1e-9).toBeGreaterThanOrEqual(score.target! - score.current! - 0.01);
          }
        }
        expect(analysis.overall.answered + analysis.overall.notApplicable + analysis.overall.unanswered).toBe(ids.length);
        const ranks = analysis.rankedCategoryGaps.map((g) => g.rankScore);
        expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
        for (const gap of analysis.rankedCategoryGaps) expect(gap.gap).toBeGreaterThan(0);
        expect(analysis.rankedSubcategoryGaps.every((g) => g.gap > 0 && g.target - g.current === g.gap)).toBe(true);
      }),
    );
  });
});

describe('compareAnalyses', () => {
  it('says which category gaps closed and which narrowed', () => {
    const before = analyseGaps(core, [answer('GV.OC-01', 0, 3), answer('GV.OC-02', 1, 3), answer('GV.RM-01', 0, 4), answer('PR.AA-01', 2, 2)]);
    const now = analyseGaps(core, [answer('GV.OC-01', 3, 3), answer('GV.OC-02', 3, 3), answer('GV.RM-01', 2, 4), answer('PR.AA-01', 1, 3)]);
    const changes = new Map(compareAnalyses(now, before).map((c) => [c.id, c]));
    expect(changes.get('GV.OC')).toMatchObject({ gapBefore: 2.5, gapNow: 0, currentBefore: 0.5, currentNow: 3, gapClosed: true, gapNarrowed: true });
    expect(changes.get('GV.RM')).toMatchObject({ gapBefore: 4, gapNow: 2, gapClosed: false, gapNarrowed: true });
    expect(changes.get('PR.AA')).toMatchObject({ gapBefore: 0, gapNow: 2, gapClosed: false, gapNarrowed: false });
  });

  it('closes nothing that was not answered before', () => {
    const before = analyseGaps(core, []);
    const now = analyseGaps(core, [answer('GV.OC-01', 3, 3)]);
    expect(compareAnalyses(now, before).some((c) => c.gapClosed || c.gapNarrowed)).toBe(false);
  });
});

describe('unansweredSubcategories', () => {
  it('lists subcategories with neither both levels nor not-applicable, in core order', () => {
    const answers = [answer('GV.OC-01', 1, 2), answer('GV.OC-02', 1, null), answer('GV.RM-01', null, null, true), answer('PR.AA-03', 0, 0)];
    expect(unansweredSubcategories(core, answers)).toEqual(['GV.OC-02', 'GV.RM-02', 'PR.AA-01', 'PR.AA-02']);
    expect(unansweredSubcategories(core, ids.map((id) => answer(id, 2, 3)))).toEqual([]);
  });
});
