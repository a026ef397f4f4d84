/**
 * From gaps to training: courses ranked by how much of a city's gap they address. A course scores the
 * sum of the rank scores of the gap categories it covers; each recommendation names those categories.
 * Pure: data in, data out.
 */
import type { CategoryGap } from './gaps.js';

export type RecommendableCourse = { id: string; title: string; csfCategoryIds: readonly string[] };
export type CourseRecommendation<C extends RecommendableCourse> = {
  course: C;
  score: number;
  /** The gap categories this course addresses, largest gap first. */
  addresses: { categoryId: string; name: string; gap: number; priority: boolean }[];
};

export function recommendCourses<C extends RecommendableCourse>(gaps: readonly CategoryGap[], courses: readonly C[], limit = 5): CourseRecommendation<C>[] {
  const gapById = new Map(gaps.map((gap) => [gap.id, gap]));
  const recommendations: CourseRecommendation<C>[] = [];
  for (const course of courses) {
    // A category listed twice by a course is still one gap addressed: it must not count double.
    const categoryIds = [...new Set(course.csfCategoryIds)];
    const addresses = categoryIds
      .map((id) => gapById.get(id))
      .filter((gap): gap is CategoryGap => gap !== undefined)
      .sort((a, b) => b.rankScore - a.rankScore)
      .map((gap) => ({ categoryId: gap.id, name: gap.name, gap: gap.gap ?? 0, priority: gap.priority }));
    if (addresses.length === 0) continue;
    const score = categoryIds.reduce((sum, id) => sum + (gapById.get(id)?.rankScore ?? 0), 0);
    recommendations.push({ course, score: Math.round(score * 100) / 100, addresses });
  }
  return recommendations.sort((a, b) => b.score - a.score || a.course.title.localeCompare(b.course.title)).slice(0, limit);
}
