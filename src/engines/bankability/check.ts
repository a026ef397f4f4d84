/**
 * The bankability check: validates answers against the questions, scores each dimension, raises the
 * consistency flags from the answers and the project's facts, and says what to do next. Pure.
 */
import { dimensions, dimensionTitles, questionById, questions, yesNoPartly, yesNoPartlyScore, type Dimension, type Question } from './questions.js';

export type Answer = string | number;
export type Answers = Readonly<Record<string, Answer>>;

export const lateStages = ['under_procurement', 'awarded', 'under_delivery', 'operational'] as const;

/** What the pipeline knows about the project; amounts exact, in the currency's minor units. */
export type ProjectFacts = {
  deliveryModel: 'public_investment' | 'ppp' | 'concession' | 'design_build' | 'service_contract';
  stage: 'prospective' | 'detailed_planning' | 'announced' | 'under_procurement' | 'awarded' | 'under_delivery' | 'operational';
  /** Digits after the decimal point in the project's currency (2 for USD, 0 for VND). */
  minorDigits: number;
  capitalCostMinor: bigint | null;
  fundingSecuredMinor: bigint | null;
};

export type AnswerProblem = { questionId: string; message: string };

const amountPattern = /^(\d{1,18})(?:\.(\d+))?$/;

/** "1250000.50" with 2 digits → 125000050n; null when not a valid amount with that many decimals. */
export function amountToMinor(amount: string, digits: number): bigint | null {
  const match = amountPattern.exec(amount);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return BigInt(match[1]!) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
}

/**
 * Checks a partial save: each value must fit its question (`null` clears an answer). Unknown ids are
 * reported by name. Returns the problems (empty when all is well).
 */
export function validateAnswers(patch: Readonly<Record<string, unknown>>, minorDigits: number): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  for (const [id, value] of Object.entries(patch)) {
    const question = questionById.get(id);
    if (!question) {
      problems.push({ questionId: id, message: `"${id}" is not a question of the bankability check` });
      continue;
    }
    if (value === null) continue;
    const problem = answerProblem(question, value, minorDigits);
    if (problem) problems.push({ questionId: id, message: problem });
  }
  return problems;
}

function answerProblem(question: Question, value: unknown, minorDigits: number): string | null {
  switch (question.kind) {
    case 'yes_no_partly':
      return typeof value === 'string' && (yesNoPartly as readonly string[]).includes(value) ? null : 'answer yes, partly or no';
    case 'choice':
      return typeof value === 'string' && question.options.some((o) => o.value === value)
        ? null
        : `choose one of: ${question.options.map((o) => o.value).join(', ')}`;
    case 'count':
      return typeof value === 'number' && Number.isInteger(value) && value >= question.min && value <= question.max
        ? null
        : `give a whole number from ${question.min} to ${question.max}`;
    case 'amount': {
      const example = minorDigits ? `1250000.${'0'.repeat(minorDigits)}` : '1250000';
      if (typeof value !== 'string') return `write the amount as text with digits, e.g. "${example}", so it stays exact`;
      return amountToMinor(value, minorDigits) === null ? `write digits with at most ${minorDigits} decimal places, e.g. ${example}` : null;
    }
    case 'text':
      if (typeof value !== 'string') return 'write text';
      if (value.trim() === '') return 'write some text, or clear the answer';
      return value.length > question.maxLength ? `write at most ${question.maxLength} characters` : null;
  }
}

/** Applies a (validated) partial save: values replace, `null` clears, text is trimmed. */
export function mergeAnswers(current: Answers, patch: Readonly<Record<string, Answer | null>>): Record<string, Answer> {
  const next: Record<string, Answer> = { ...current };
  for (const [id, value] of Object.entries(patch)) {
    if (value === null) delete next[id];
    else next[id] = typeof value === 'string' ? value.trim() : value;
  }
  return next;
}

/** How far an answer goes toward full marks, 0…1; null when unanswered (or not a valid answer). */
export function answerScore(question: Question, answer: Answer | undefined, minorDigits: number): number | null {
  if (answer === undefined || answerProblem(question, answer, minorDigits) !== null) return null;
  switch (question.kind) {
    case 'yes_no_partly':
      return yesNoPartlyScore[answer as (typeof yesNoPartly)[number]];
    case 'choice':
      return question.options.find((o) => o.value === answer)!.score;
    case 'count':
      return Math.min(1, (answer as number) / question.fullAt);
    case 'amount':
      return 1;
    case 'text':
      return Math.min(1, (answer as string).trim().length / question.fullAt);
  }
}

/* ---- Consistency flags ---- */

export type FlagId =
  | 'ppp_without_revenue_model'
  | 'ppp_without_risk_allocation'
  | 'funding_gap_exceeds_cost'
  | 'funding_secured_exceeds_cost'
  | 'procurement_without_feasibility'
  | 'demand_revenue_without_demand_evidence'
  | 'delivery_without_land_permits';

export type FlagDefinition = {
  id: FlagId;
  dimension: Dimension;
  /** Short title, e.g. for a "Justify: …" button. */
  title: string;
  /** What to do to resolve it. */
  fix: string;
};

export const flagDefinitions: readonly FlagDefinition[] = [
  {
    id: 'ppp_without_revenue_model',
    dimension: 'commercial',
    title: 'A PPP needs a revenue model',
    fix: 'Define how the private partner will be paid (user charges, availability payments or both), or change the delivery model.',
  },
  {
    id: 'ppp_without_risk_allocation',
    dimension: 'deliverability',
    title: 'A PPP needs a risk allocation',
    fix: 'Prepare a risk matrix before going to market: bidders price every risk left unallocated.',
  },
  {
    id: 'funding_gap_exceeds_cost',
    dimension: 'affordability',
    title: 'The funding gap is larger than the cost',
    fix: "Correct the funding gap or the project's capital cost: the gap cannot exceed the cost.",
  },
  {
    id: 'funding_secured_exceeds_cost',
    dimension: 'affordability',
    title: 'Funding secured is more than the cost',
    fix: "Correct the funding secured or the capital cost in the project's details.",
  },
  {
    id: 'procurement_without_feasibility',
    dimension: 'deliverability',
    title: 'Procurement before a feasibility study',
    fix: 'Complete the feasibility study, or record why the project is procured without one.',
  },
  {
    id: 'demand_revenue_without_demand_evidence',
    dimension: 'commercial',
    title: 'User charges without evidence of demand',
    fix: 'Gather evidence of demand (surveys, counts, forecasts) before relying on user charges.',
  },
  {
    id: 'delivery_without_land_permits',
    dimension: 'deliverability',
    title: 'Awarded without land or permits',
    fix: 'Secure the land and permits, or record how and when they will be secured.',
  },
];

export const flagDefinitionById: ReadonlyMap<FlagId, FlagDefinition> = new Map(flagDefinitions.map((f) => [f.id, f]));

export type Flag = FlagDefinition & {
  /** Why it is raised, from this project's answers and facts. */
  message: string;
  justification: string | null;
  status: 'open' | 'justified';
};

const isPpp = (facts: ProjectFacts) => facts.deliveryModel === 'ppp' || facts.deliveryModel === 'concession';
const modelName = (facts: ProjectFacts) => (facts.deliveryModel === 'ppp' ? 'a PPP' : 'a concession');

function formatMinor(minor: bigint, digits: number): string {
  if (digits === 0) return minor.toString();
  const text = minor.toString().padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** The contradictions in these answers and facts, in the catalogue's order, each raised at most once. */
export function raisedFlags(answers: Answers, facts: ProjectFacts): { id: FlagId; message: string }[] {
  const raised: { id: FlagId; message: string }[] = [];
  const revenue = answers['revenue_model'];
  if (isPpp(facts) && (revenue === undefined || revenue === 'not_defined')) {
    raised.push({
      id: 'ppp_without_revenue_model',
      message: `The project is delivered as ${modelName(facts)} but ${revenue === undefined ? 'no revenue model is given' : 'its revenue model is "not defined yet"'}.`,
    });
  }
  const risk = answers['risk_allocation'];
  if (isPpp(facts) && (risk === undefined || risk === 'not_done')) {
    raised.push({ id: 'ppp_without_risk_allocation', message: `The project is delivered as ${modelName(facts)} but no risk allocation has been done.` });
  }
  const gapAnswer = answers['funding_gap'];
  const gap = typeof gapAnswer === 'string' ? amountToMinor(gapAnswer, facts.minorDigits) : null;
  if (gap !== null && facts.capitalCostMinor !== null && gap > facts.capitalCostMinor) {
    raised.push({
      id: 'funding_gap_exceeds_cost',
      message: `The funding gap (${formatMinor(gap, facts.minorDigits)}) is larger than the capital cost (${formatMinor(facts.capitalCostMinor, facts.minorDigits)}).`,
    });
  }
  if (facts.fundingSecuredMinor !== null && facts.capitalCostMinor !== null && facts.fundingSecuredMinor > facts.capitalCostMinor) {
    raised.push({
      id: 'funding_secured_exceeds_cost',
      message: `The funding secured (${formatMinor(facts.fundingSecuredMinor, facts.minorDigits)}) is more than the capital cost (${formatMinor(facts.capitalCostMinor, facts.minorDigits)}).`,
    });
  }
  const feasibility = answers['feasibility_study'];
  if ((lateStages as readonly string[]).includes(facts.stage) && feasibility !== 'complete') {
    raised.push({
      id: 'procurement_without_feasibility',
      message: `The project is at the stage "${facts.stage.replace(/_/g, ' ')}" but ${feasibility === undefined ? 'no feasibility study is recorded' : 'its feasibility study is not completed'}.`,
    });
  }
  const evidence = answers['need_evidence'];
  if ((revenue === 'user_charges' || revenue === 'mixed') && (evidence === undefined || evidence === 'no')) {
    raised.push({
      id: 'demand_revenue_without_demand_evidence',
      message: `The revenue depends on user charges but ${evidence === undefined ? 'no evidence of demand is recorded' : 'there is no evidence of demand'}.`,
    });
  }
  const land = answers['land_permits'];
  if ((facts.stage === 'awarded' || facts.stage === 'under_delivery') && land !== 'yes') {
    raised.push({
      id: 'delivery_without_land_permits',
      message: `The project is ${facts.stage === 'awarded' ? 'awarded' : 'under delivery'} but land and permits are ${land === 'partly' ? 'only partly secured' : 'not secured'}.`,
    });
  }
  return raised;
}

/* ---- Readiness profile and next steps ---- */

export const readinessLevels = ['not_started', 'early', 'developing', 'ready'] as const;
export type ReadinessLevel = (typeof readinessLevels)[number];
export const readinessTitles: Record<ReadinessLevel, string> = { not_started: 'Not started', early: 'Early', developing: 'Developing', ready: 'Ready' };

export type DimensionProfile = {
  dimension: Dimension;
  title: string;
  /** 0…100: the weighted share of full marks. */
  score: number;
  level: ReadinessLevel;
  answered: number;
  questions: number;
  /** Labels of the questions unanswered or not yet at full marks. */
  missing: string[];
  /** Open (unjustified) flags in this dimension. */
  openFlags: number;
};

export type NextStep = { dimension: Dimension; questionId: string | null; flagId: FlagId | null; text: string };

export type CheckResult = {
  flags: Flag[];
  profile: DimensionProfile[];
  nextSteps: NextStep[];
  /** 0…100 over all dimensions. */
  overallScore: number;
};

/** A dimension is Ready at 75 or more with no open flag; Developing from 40; Early below; Not started with no answer. */
export function readinessLevel(score: number, answered: number, openFlags: number): ReadinessLevel {
  if (answered === 0) return 'not_started';
  if (score >= 75 && openFlags === 0) return 'ready';
  if (score >= 40) return 'developing';
  return 'early';
}

export function evaluate(answers: Answers, justifications: Readonly<Record<string, string>>, facts: ProjectFacts): CheckResult {
  const flags: Flag[] = raisedFlags(answers, facts).map(({ id, message }) => {
    const justification = justifications[id]?.trim() ? justifications[id]!.trim() : null;
    return { ...flagDefinitionById.get(id)!, message, justification, status: justification ? 'justified' : 'open' };
  });
  const nextSteps: NextStep[] = [];
  let overallEarned = 0;
  let overallWeight = 0;
  const profile = dimensions.map((dimension): DimensionProfile => {
    const own = questions.filter((q) => q.dimension === dimension);
    let earned = 0;
    let weight = 0;
    let answered = 0;
    const missing: string[] = [];
    const weak: { question: Question; score: number }[] = [];
    for (const question of own) {
      const score = answerScore(question, answers[question.id], facts.minorDigits);
      weight += question.weight;
      if (score !== null) {
        answered += 1;
        earned += question.weight * score;
      }
      if (score === null || score < 1) {
        missing.push(question.label);
        weak.push({ question, score: score ?? 0 });
      }
    }
    const openFlags = flags.filter((f) => f.dimension === dimension && f.status === 'open');
    for (const flag of openFlags) nextSteps.push({ dimension, questionId: null, flagId: flag.id, text: flag.fix });
    // The biggest gains first: the most weight still missing.
    weak.sort((a, b) => b.question.weight * (1 - b.score) - a.question.weight * (1 - a.score));
    for (const { question } of weak) nextSteps.push({ dimension, questionId: question.id, flagId: null, text: question.nextStep });
    overallEarned += earned;
    overallWeight += weight;
    const score = weight === 0 ? 0 : Math.round((earned / weight) * 100);
    return {
      dimension,
      title: dimensionTitles[dimension],
      score,
      level: readinessLevel(score, answered, openFlags.length),
      answered,
      questions: own.length,
      missing,
      openFlags: openFlags.length,
    };
  });
  return { flags, profile, nextSteps, overallScore: overallWeight === 0 ? 0 : Math.round((overallEarned / overallWeight) * 100) };
}
