/**
 * NIST CSF 2.0 profiles: a city's current and target implementation levels per subcategory, rolled up
 * per category and function, the gaps between them ranked, and the comparison with an earlier
 * assessment. Pure: data in, data out.
 */

export type CsfSubcategory = { id: string; text: string };
export type CsfCategory = { id: string; name: string; description: string; subcategories: CsfSubcategory[] };
export type CsfFunction = { id: string; name: string; description: string; categories: CsfCategory[] };
export type CsfCore = { functions: CsfFunction[] };

export type ProfileAnswer = {
  subcategoryId: string;
  currentLevel: number | null;
  targetLevel: number | null;
  notApplicable: boolean;
};

/** Averages over the answered, applicable subcategories; `null` when there are none. */
export type ProfileScore = {
  id: string;
  name: string;
  answered: number;
  notApplicable: number;
  unanswered: number;
  current: number | null;
  target: number | null;
  /** target − current, never below zero (a current level above target is no gap). */
  gap: number | null;
};

export type CategoryGap = ProfileScore & { functionId: string; priority: boolean; rankScore: number };
export type SubcategoryGap = { id: string; text: string; categoryId: string; current: number; target: number; gap: number; priority: boolean };

export type GapAnalysis = {
  functions: ProfileScore[];
  categories: (ProfileScore & { functionId: string })[];
  /** Categories with a positive gap, largest first; the city's priority categories weigh 1.5×. */
  rankedCategoryGaps: CategoryGap[];
  /** Subcategories with a positive gap, largest first (priority first on ties). */
  rankedSubcategoryGaps: SubcategoryGap[];
  overall: ProfileScore;
};

/** How much more a gap in one of the city's priority categories counts when ranking. */
export const priorityWeight = 1.5;

const round2 = (value: number) => Math.round(value * 100) / 100;

function score(id: string, name: string, answers: (ProfileAnswer | undefined)[]): ProfileScore {
  let answered = 0;
  let notApplicable = 0;
  let currentSum = 0;
  let targetSum = 0;
  let gapSum = 0;
  for (const answer of answers) {
    if (!answer) continue;
    if (answer.notApplicable) {
      notApplicable += 1;
      continue;
    }
    if (answer.currentLevel === null || answer.targetLevel === null) continue;
    answered += 1;
    currentSum += answer.currentLevel;
    targetSum += answer.targetLevel;
    gapSum += Math.max(0, answer.targetLevel - answer.currentLevel);
  }
  const unanswered = answers.length - answered - notApplicable;
  if (answered === 0) return { id, name, answered, notApplicable, unanswered, current: null, target: null, gap: null };
  return {
    id,
    name,
    answered,
    notApplicable,
    unanswered,
    current: round2(currentSum / answered),
    target: round2(targetSum / answered),
    // The mean of per-subcategory gaps, so that exceeding a target in one place does not hide a gap in another.
    gap: round2(gapSum / answered),
  };
}

export function analyseGaps(core: CsfCore, answers: ProfileAnswer[], priorityCategoryIds: readonly string[] = []): GapAnalysis {
  const byId = new Map(answers.map((answer) => [answer.subcategoryId, answer]));
  const priorities = new Set(priorityCategoryIds);
  const functions: ProfileScore[] = [];
  const categories: (ProfileScore & { functionId: string })[] = [];
  const subcategoryGaps: SubcategoryGap[] = [];
  const all: (ProfileAnswer | undefined)[] = [];
  for (const fn of core.functions) {
    const fnAnswers: (ProfileAnswer | undefined)[] = [];
    for (const category of fn.categories) {
      const categoryAnswers = category.subcategories.map((sub) => byId.get(sub.id));
      fnAnswers.push(...categoryAnswers);
      categories.push({ ...score(category.id, category.name, categoryAnswers), functionId: fn.id });
      for (const sub of category.subcategories) {
        const answer = byId.get(sub.id);
        if (!answer || answer.notApplicable || answer.currentLevel === null || answer.targetLevel === null) continue;
        const gap = answer.targetLevel - answer.currentLevel;
        if (gap > 0) {
          subcategoryGaps.push({
            id: sub.id,
            text: sub.text,
            categoryId: category.id,
            current: answer.currentLevel,
            target: answer.targetLevel,
            gap,
            priority: priorities.has(category.id),
          });
        }
      }
    }
    all.push(...fnAnswers);
    functions.push(score(fn.id, fn.name, fnAnswers));
  }
  const rankedCategoryGaps = categories
    .filter((category) => category.gap !== null && category.gap > 0)
    .map((category) => {
      const priority = priorities.has(category.id);
      return { ...category, priority, rankScore: round2((category.gap ?? 0) * (priority ? priorityWeight : 1)) };
    })
    .sort((a, b) => b.rankScore - a.rankScore || (b.gap ?? 0) - (a.gap ?? 0) || a.id.localeCompare(b.id));
  subcategoryGaps.sort((a, b) => b.gap - a.gap || Number(b.priority) - Number(a.priority) || a.id.localeCompare(b.id));
  return { functions, categories, rankedCategoryGaps, rankedSubcategoryGaps: subcategoryGaps, overall: score('all', 'All functions', all) };
}

export type ProfileChange = {
  id: string;
  name: string;
  currentBefore: number | null;
  currentNow: number | null;
  gapBefore: number | null;
  gapNow: number | null;
  /** There was a gap and there is none now. */
  gapClosed: boolean;
  /** There was a gap and it is smaller now (closed gaps included). */
  gapNarrowed: boolean;
};

/** Category by category, how the current level and the gap moved since an earlier analysis. */
export function compareAnalyses(now: GapAnalysis, before: GapAnalysis): ProfileChange[] {
  const earlier = new Map(before.categories.map((category) => [category.id, category]));
  return now.categories.map((category) => {
    const then = earlier.get(category.id);
    const gapBefore = then?.gap ?? null;
    const hadGap = gapBefore !== null && gapBefore > 0;
    return {
      id: category.id,
      name: category.name,
      currentBefore: then?.current ?? null,
      currentNow: category.current,
      gapBefore,
      gapNow: category.gap,
      // A gap that only shrank has not closed: "closed" means the target is met now.
      gapClosed: hadGap && category.gap === 0,
      gapNarrowed: hadGap && category.gap !== null && category.gap < gapBefore,
    };
  });
}

/** Every subcategory id of the core, in order. */
export function subcategoryIds(core: CsfCore): string[] {
  return core.functions.flatMap((fn) => fn.categories.flatMap((category) => category.subcategories.map((sub) => sub.id)));
}

/** The subcategories an assessment still has to answer (neither levels nor not-applicable). */
export function unansweredSubcategories(core: CsfCore, answers: ProfileAnswer[]): string[] {
  const done = new Set(
    answers.filter((a) => a.notApplicable || (a.currentLevel !== null && a.targetLevel !== null)).map((a) => a.subcategoryId),
  );
  return subcategoryIds(core).filter((id) => !done.has(id));
}
