import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CategoryGap } from './gaps.js';
import { recommendCourses } from './recommend.js';

const gap = (id: string, size: number, priority = false): CategoryGap => ({
  id,
  name: `Category ${id}`,
  functionId: id.slice(0, 2),
  answered: 1,
  notApplicable: 0,
  unanswered: 0,
  current: 4 - size,
  target: 4,
  gap: size,
  priority,
  rankScore: priority ? size * 1.5 : size,
});
const course = (id: string, csfCategoryIds: string[]) => ({ id, title: `Course ${id}`, csfCategoryIds });

describe('recommendCourses', () => {
  const gaps = [gap('GV.RM', 2, true), gap('PR.AA', 2.5), gap('DE.CM', 1)];

  it('ranks courses by the gaps they address and names those gaps, largest first', () => {
    const result = recommendCourses(gaps, [course('governance', ['GV.OC', 'GV.RM']), course('ot', ['PR.AA', 'DE.CM']), course('unrelated', ['RC.RP'])]);
    expect(result.map((r) => r.course.id)).toEqual(['ot', 'governance']);
    expect(result[0]).toMatchObject({ score: 3.5, addresses: [{ categoryId: 'PR.AA', gap: 2.5, priority: false }, { categoryId: 'DE.CM', gap: 1 }] });
    expect(result[1]).toMatchObject({ score: 3, addresses: [{ categoryId: 'GV.RM', name: 'Category GV.RM', gap: 2, priority: true }] });
  });

  it('recommends nothing when there are no gaps', () => {
    expect(recommendCourses([], [course('a', ['GV.RM'])])).toEqual([]);
  });

  it('counts a category a course lists twice once', () => {
    const [only] = recommendCourses(gaps, [course('twice', ['DE.CM', 'DE.CM'])]);
    expect(only).toMatchObject({ score: 1, addresses: [{ categoryId: 'DE.CM' }] });
  });

  it('keeps to the limit, and every recommendation addresses at least one gap', () => {
    const ids = ['GV.RM', 'PR.AA', 'DE.CM', 'RC.RP', 'ID.AM'];
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 4 }), { maxLength: 10 }), fc.integer({ min: 1, max: 6 }), (lists, limit) => {
        const result = recommendCourses(gaps, lists.map((list, i) => course(String(i), list)), limit);
        expect(result.length).toBeLessThanOrEqual(limit);
        for (const r of result) {
          expect(r.addresses.length).toBeGreaterThan(0);
          expect(r.score).toBeCloseTo(r.addresses.reduce((sum, a) => sum + (a.priority ? a.gap * 1.5 : a.gap), 0), 5);
        }
        expect(result.map((r) => r.score)).toEqual([...result.map((r) => r.score)].sort((a, b) => b - a));
      }),
    );
  });
});
