import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountToMinor,
  dimensions,
  evaluate,
  flagDefinitions,
  mergeAnswers,
  questions,
  raisedFlags,
  validateAnswers,
  type Answers,
  type ProjectFacts,
} from './index.js';

const facts = (over: Partial<ProjectFacts> = {}): ProjectFacts => ({
  deliveryModel: 'public_investment',
  stage: 'prospective',
  minorDigits: 2,
  capitalCostMinor: 100_000_00n,
  fundingSecuredMinor: 20_000_00n,
  ...over,
});

const ids = (answers: Answers, f: ProjectFacts) => raisedFlags(answers, f).map((r) => r.id);

/** Any valid answer for each question (or none). */
const answersArb: fc.Arbitrary<Record<string, string | number>> = fc
  .tuple(
    ...questions.map((q) => {
      const value: fc.Arbitrary<string | number> =
        q.kind === 'yes_no_partly'
          ? fc.constantFrom('yes', 'partly', 'no')
          : q.kind === 'choice'
            ? fc.constantFrom(...q.options.map((o) => o.value))
            : q.kind === 'count'
              ? fc.integer({ min: q.min, max: q.max })
              : q.kind === 'amount'
                ? fc.bigInt({ min: 0n, max: 10n ** 12n }).map((n) => (n / 100n).toString() + '.' + (n % 100n).toString().padStart(2, '0'))
                : fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim() !== '');
      return fc.option(value, { nil: undefined });
    }),
  )
  .map((values) => Object.fromEntries(questions.flatMap((q, i) => (values[i] === undefined ? [] : [[q.id, values[i]!]]))));

const factsArb: fc.Arbitrary<ProjectFacts> = fc.record({
  deliveryModel: fc.constantFrom('public_investment', 'ppp', 'concession', 'design_build', 'service_contract'),
  stage: fc.constantFrom('prospective', 'detailed_planning', 'announced', 'under_procurement', 'awarded', 'under_delivery', 'operational'),
  minorDigits: fc.constant(2),
  capitalCostMinor: fc.option(fc.bigInt({ min: 0n, max: 10n ** 12n }), { nil: null }),
  fundingSecuredMinor: fc.option(fc.bigInt({ min: 0n, max: 10n ** 12n }), { nil: null }),
});

describe('the questionnaire', () => {
  it('has unique ids, covers the five dimensions, and every question has help and a next step', () => {
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const d of dimensions) expect(questions.some((q) => q.dimension === d)).toBe(true);
    for (const q of questions) {
      expect(q.help.length).toBeGreaterThan(10);
      expect(q.nextStep.length).toBeGreaterThan(10);
    }
    expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(['yes_no_partly', 'choice', 'amount', 'count', 'text']));
  });

  it('has unique flag ids', () => {
    expect(new Set(flagDefinitions.map((f) => f.id)).size).toBe(flagDefinitions.length);
  });
});

describe('validateAnswers', () => {
  it('names unknown questions and wrong values', () => {
    const problems = validateAnswers(
      { nonsense: 'yes', strategic_fit: 'maybe', revenue_model: 'gold', interested_bidders: 2.5, funding_gap: 1000.5, outcomes: '  ' },
      2,
    );
    expect(problems.map((p) => p.questionId)).toEqual(['nonsense', 'strategic_fit', 'revenue_model', 'interested_bidders', 'funding_gap', 'outcomes']);
    expect(problems[0]!.message).toContain('"nonsense" is not a question');
    expect(problems[2]!.message).toContain('user_charges');
  });

  it('accepts valid answers and null to clear', () => {
    expect(validateAnswers({ strategic_fit: 'partly', revenue_model: 'user_charges', interested_bidders: 4, funding_gap: '1000.50', outcomes: 'Less flooding', land_permits: null }, 2)).toEqual([]);
  });

  it('keeps amounts exact and refuses too many decimals for the currency', () => {
    expect(amountToMinor('1250000.5', 2)).toBe(125000050n);
    expect(amountToMinor('90071992547409931', 2)).toBe(9007199254740993100n);
    expect(amountToMinor('10.5', 0)).toBeNull();
    expect(validateAnswers({ funding_gap: '10.5' }, 0)[0]!.message).toContain('at most 0 decimal places');
  });

  it('merges partial saves: values replace, null clears, text is trimmed', () => {
    expect(mergeAnswers({ strategic_fit: 'no', outcomes: 'x' }, { strategic_fit: 'yes', outcomes: null, preferred_option: ' Cheapest ' })).toEqual({
      strategic_fit: 'yes',
      preferred_option: 'Cheapest',
    });
  });
});

describe('consistency flags', () => {
  it('a PPP or concession with no revenue model, and none with a model', () => {
    expect(ids({}, facts({ deliveryModel: 'ppp' }))).toContain('ppp_without_revenue_model');
    expect(ids({ revenue_model: 'not_defined' }, facts({ deliveryModel: 'concession' }))).toContain('ppp_without_revenue_model');
    expect(ids({ revenue_model: 'availability_payments' }, facts({ deliveryModel: 'ppp' }))).not.toContain('ppp_without_revenue_model');
    expect(ids({}, facts({ deliveryModel: 'public_investment' }))).not.toContain('ppp_without_revenue_model');
  });

  it('a PPP with no risk allocation', () => {
    expect(ids({ risk_allocation: 'not_done' }, facts({ deliveryModel: 'ppp' }))).toContain('ppp_without_risk_allocation');
    expect(ids({ risk_allocation: 'draft' }, facts({ deliveryModel: 'ppp' }))).not.toContain('ppp_without_risk_allocation');
  });

  it('a funding gap larger than the cost, exactly at the boundary', () => {
    expect(ids({ funding_gap: '100000.01' }, facts())).toContain('funding_gap_exceeds_cost');
    expect(ids({ funding_gap: '100000.00' }, facts())).not.toContain('funding_gap_exceeds_cost');
    expect(ids({ funding_gap: '100000.01' }, facts({ capitalCostMinor: null }))).not.toContain('funding_gap_exceeds_cost');
  });

  it('funding secured above the capital cost', () => {
    expect(ids({}, facts({ fundingSecuredMinor: 100_000_01n }))).toContain('funding_secured_exceeds_cost');
    expect(ids({}, facts({ fundingSecuredMinor: 100_000_00n }))).not.toContain('funding_secured_exceeds_cost');
  });

  it('procurement or later without a completed feasibility study', () => {
    expect(ids({}, facts({ stage: 'announced' }))).not.toContain('procurement_without_feasibility');
    expect(ids({}, facts({ stage: 'under_procurement' }))).toContain('procurement_without_feasibility');
    expect(ids({ feasibility_study: 'in_progress' }, facts({ stage: 'awarded' }))).toContain('procurement_without_feasibility');
    expect(ids({ feasibility_study: 'complete' }, facts({ stage: 'awarded' }))).not.toContain('procurement_without_feasibility');
  });

  it('user charges without evidence of demand', () => {
    expect(ids({ revenue_model: 'user_charges', need_evidence: 'no' }, facts())).toContain('demand_revenue_without_demand_evidence');
    expect(ids({ revenue_model: 'mixed' }, facts())).toContain('demand_revenue_without_demand_evidence');
    expect(ids({ revenue_model: 'user_charges', need_evidence: 'partly' }, facts())).not.toContain('demand_revenue_without_demand_evidence');
    expect(ids({ revenue_model: 'public_budget', need_evidence: 'no' }, facts())).not.toContain('demand_revenue_without_demand_evidence');
  });

  it('awarded or under delivery without land and permits', () => {
    const done = { feasibility_study: 'complete' };
    expect(ids({ ...done, land_permits: 'partly' }, facts({ stage: 'awarded' }))).toContain('delivery_without_land_permits');
    expect(ids(done, facts({ stage: 'under_delivery' }))).toContain('delivery_without_land_permits');
    expect(ids({ ...done, land_permits: 'yes' }, facts({ stage: 'under_delivery' }))).not.toContain('delivery_without_land_permits');
    expect(ids(done, facts({ stage: 'operational' }))).not.toContain('delivery_without_land_permits');
  });

  it('keeps a justification: the flag stays listed, as justified, with its text', () => {
    const result = evaluate({}, { ppp_without_revenue_model: '  Availability payments agreed in principle ' }, facts({ deliveryModel: 'ppp' }));
    const flag = result.flags.find((f) => f.id === 'ppp_without_revenue_model')!;
    expect(flag.status).toBe('justified');
    expect(flag.justification).toBe('Availability payments agreed in principle');
    expect(result.nextSteps.some((s) => s.flagId === 'ppp_without_revenue_model')).toBe(false);
  });
});

describe('invariants', () => {
  it('scores stay within 0…100, flags are unique and from the catalogue, and levels follow the rules', () => {
    fc.assert(
      fc.property(answersArb, factsArb, (answers, f) => {
        const result = evaluate(answers, {}, f);
        expect(result.overallScore).toBeGreaterThanOrEqual(0);
        expect(result.overallScore).toBeLessThanOrEqual(100);
        for (const p of result.profile) {
          expect(p.score).toBeGreaterThanOrEqual(0);
          expect(p.score).toBeLessThanOrEqual(100);
          if (p.level === 'ready') expect(p.openFlags).toBe(0);
          if (p.answered === 0) expect(p.level).toBe('not_started');
        }
        const flagIds = result.flags.map((x) => x.id);
        expect(new Set(flagIds).size).toBe(flagIds.length);
        for (const id of flagIds) expect(flagDefinitions.some((d) => d.id === id)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('adding a justification never removes a flag nor changes its message; only its status', () => {
    fc.assert(
      fc.property(answersArb, factsArb, fc.constantFrom(...flagDefinitions.map((d) => d.id)), fc.string({ minLength: 1, maxLength: 40 }), (answers, f, id, text) => {
        const before = evaluate(answers, {}, f);
        const after = evaluate(answers, { [id]: `Because ${text}` }, f);
        expect(after.flags.map((x) => [x.id, x.message])).toEqual(before.flags.map((x) => [x.id, x.message]));
        for (const flag of after.flags) expect(flag.status).toBe(flag.id === id ? 'justified' : 'open');
      }),
      { numRuns: 200 },
    );
  });

  it('a full, best answer set is ready everywhere for a public investment with no contradiction', () => {
    const best: Record<string, string | number> = {};
    for (const q of questions) {
      best[q.id] =
        q.kind === 'yes_no_partly' ? 'yes' : q.kind === 'choice' ? q.options.find((o) => o.score === 1)!.value : q.kind === 'count' ? q.fullAt : q.kind === 'amount' ? '0' : 'x'.repeat(q.fullAt);
    }
    const result = evaluate(best, {}, facts({ stage: 'under_delivery' }));
    expect(result.flags).toEqual([]);
    expect(result.overallScore).toBe(100);
    expect(result.profile.every((p) => p.level === 'ready' && p.missing.length === 0)).toBe(true);
    expect(result.nextSteps).toEqual([]);
    const empty = evaluate({}, {}, facts());
    expect(empty.profile.every((p) => p.level === 'not_started' && p.score === 0)).toBe(true);
    expect(empty.nextSteps.length).toBe(questions.length);
  });
});
