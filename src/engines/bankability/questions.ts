/**
 * The bankability questionnaire on the five G20 / GI Hub project-preparation dimensions. Question ids
 * are stable: answers are stored under them. Each question weighs toward its dimension's score, and
 * says what to do next when it is unanswered or weak.
 */

export const dimensions = ['rationale', 'options', 'commercial', 'affordability', 'deliverability'] as const;
export type Dimension = (typeof dimensions)[number];

export const dimensionTitles: Record<Dimension, string> = {
  rationale: 'Rationale',
  options: 'Options appraisal',
  commercial: 'Commercial viability',
  affordability: 'Affordability',
  deliverability: 'Deliverability',
};

export type ChoiceOption = { value: string; label: string; score: number };

type Common = {
  id: string;
  dimension: Dimension;
  label: string;
  help: string;
  /** How much this question counts within its dimension (relative). */
  weight: number;
  /** The concrete next step when the answer is missing or weak. */
  nextStep: string;
};

export type Question =
  | (Common & { kind: 'yes_no_partly' })
  | (Common & { kind: 'choice'; options: ChoiceOption[] })
  | (Common & { kind: 'amount' })
  | (Common & { kind: 'count'; min: number; max: number; fullAt: number })
  | (Common & { kind: 'text'; maxLength: number; fullAt: number });

export type QuestionKind = Question['kind'];

export const yesNoPartly = ['yes', 'partly', 'no'] as const;
export type YesNoPartly = (typeof yesNoPartly)[number];
export const yesNoPartlyScore: Record<YesNoPartly, number> = { yes: 1, partly: 0.5, no: 0 };

export const questions: readonly Question[] = [
  // rationale
  {
    id: 'strategic_fit',
    dimension: 'rationale',
    kind: 'yes_no_partly',
    label: 'Strategic fit',
    help: "Is the project aligned with the city's development strategy and national infrastructure priorities?",
    weight: 3,
    nextStep: "Document how the project serves the city's strategy and national priorities, citing the plans by name.",
  },
  {
    id: 'need_evidence',
    dimension: 'rationale',
    kind: 'yes_no_partly',
    label: 'Evidence of need and demand',
    help: 'Is there documented evidence of the need and of future demand (surveys, counts, service gaps, growth forecasts)?',
    weight: 3,
    nextStep: 'Collect evidence of need and demand: baseline data, surveys or counts, and a demand forecast.',
  },
  {
    id: 'scap_alignment',
    dimension: 'rationale',
    kind: 'yes_no_partly',
    label: 'Smart City Action Plan alignment',
    help: "Is the project part of, or consistent with, the city's Smart City Action Plan (SCAP)?",
    weight: 2,
    nextStep: "Link the project to the SCAP: name the SCAP priority it delivers, or add it to the plan's next update.",
  },
  {
    id: 'outcomes',
    dimension: 'rationale',
    kind: 'text',
    maxLength: 2000,
    fullAt: 40,
    label: 'Expected outcomes',
    help: 'What outcomes will the project deliver, for whom, and how will they be measured?',
    weight: 2,
    nextStep: 'Describe the outcomes the project will deliver and the indicators that will measure them.',
  },
  // options appraisal
  {
    id: 'alternatives_considered',
    dimension: 'options',
    kind: 'yes_no_partly',
    label: 'Alternatives considered',
    help: 'Were alternative options (including doing nothing and lower-cost solutions) identified and compared?',
    weight: 3,
    nextStep: 'Compare at least three options, including doing nothing, against the same objectives.',
  },
  {
    id: 'cost_benefit',
    dimension: 'options',
    kind: 'choice',
    options: [
      { value: 'none', label: 'Not done', score: 0 },
      { value: 'qualitative', label: 'Qualitative assessment only', score: 0.35 },
      { value: 'draft', label: 'Cost–benefit analysis in draft', score: 0.7 },
      { value: 'complete', label: 'Cost–benefit analysis completed', score: 1 },
    ],
    label: 'Cost–benefit analysis',
    help: 'How far has the economic appraisal (costs and benefits to society, over the life of the asset) gone?',
    weight: 3,
    nextStep: 'Complete a cost–benefit analysis of the preferred option over the life of the asset.',
  },
  {
    id: 'preferred_option',
    dimension: 'options',
    kind: 'text',
    maxLength: 2000,
    fullAt: 40,
    label: 'Why the preferred option',
    help: 'Why was the preferred option chosen over the others?',
    weight: 2,
    nextStep: 'Write down why the preferred option was chosen, with the evidence from the appraisal.',
  },
  // commercial viability
  {
    id: 'revenue_model',
    dimension: 'commercial',
    kind: 'choice',
    options: [
      { value: 'not_defined', label: 'Not defined yet', score: 0 },
      { value: 'public_budget', label: 'Paid from the public budget (no project revenue)', score: 1 },
      { value: 'user_charges', label: 'User charges or tariffs', score: 1 },
      { value: 'availability_payments', label: 'Availability payments by the government', score: 1 },
      { value: 'mixed', label: 'Mixed: user charges and public payments', score: 1 },
    ],
    label: 'Revenue model',
    help: 'How will the project be paid for over its life: by users, by the government, or both?',
    weight: 3,
    nextStep: 'Define the revenue model: who pays for the service over its life, how much and on what basis.',
  },
  {
    id: 'demand_risk',
    dimension: 'commercial',
    kind: 'choice',
    options: [
      { value: 'not_assessed', label: 'Not assessed', score: 0 },
      { value: 'qualitative', label: 'Assessed qualitatively', score: 0.5 },
      { value: 'modelled', label: 'Modelled with scenarios', score: 1 },
    ],
    label: 'Demand risk',
    help: 'Has the risk that demand (users, volumes) falls short of the forecast been assessed?',
    weight: 2,
    nextStep: 'Model demand under low, central and high scenarios and show the effect on revenue.',
  },
  {
    id: 'market_sounding',
    dimension: 'commercial',
    kind: 'choice',
    options: [
      { value: 'not_done', label: 'Not done', score: 0 },
      { value: 'planned', label: 'Planned', score: 0.3 },
      { value: 'done', label: 'Done', score: 1 },
    ],
    label: 'Market sounding',
    help: 'Have potential investors, contractors and operators been consulted on the project?',
    weight: 2,
    nextStep: 'Hold a market sounding with potential bidders, operators and lenders, and record what they said.',
  },
  {
    id: 'interested_bidders',
    dimension: 'commercial',
    kind: 'count',
    min: 0,
    max: 1000,
    fullAt: 3,
    label: 'Interested bidders or operators',
    help: 'How many potential bidders or operators have shown interest so far? Three or more suggest real competition.',
    weight: 1,
    nextStep: 'Reach more potential bidders (three or more make a competitive procurement likely).',
  },
  {
    id: 'tariff_basis',
    dimension: 'commercial',
    kind: 'yes_no_partly',
    label: 'Tariff or user-charge basis',
    help: 'Is there a legal basis for the tariffs or user charges, and have they been tested for affordability to users?',
    weight: 2,
    nextStep: 'Establish the legal basis for tariffs or user charges and test their affordability to users.',
  },
  // affordability
  {
    id: 'funding_sources',
    dimension: 'affordability',
    kind: 'text',
    maxLength: 2000,
    fullAt: 20,
    label: 'Funding sources',
    help: 'Which sources will fund the capital cost (city budget, national transfers, loans, grants, private finance)?',
    weight: 2,
    nextStep: 'List the funding sources for the capital cost, with the amount expected from each.',
  },
  {
    id: 'funding_confirmed',
    dimension: 'affordability',
    kind: 'yes_no_partly',
    label: 'Funding confirmed',
    help: 'Are the funding sources confirmed (budget appropriation, loan approval, grant award)?',
    weight: 3,
    nextStep: 'Obtain written confirmation of the funding: budget appropriation, loan approval or grant award.',
  },
  {
    id: 'funding_gap',
    dimension: 'affordability',
    kind: 'amount',
    label: 'Remaining funding gap',
    help: "The part of the capital cost not yet funded, in the project's currency (0 if fully funded).",
    weight: 2,
    nextStep: 'Estimate the remaining funding gap and how it will be closed.',
  },
  {
    id: 'fiscal_commitments',
    dimension: 'affordability',
    kind: 'yes_no_partly',
    label: 'Long-term fiscal commitments',
    help: 'Have the long-term payments (availability payments, operation and maintenance) been estimated and approved in the budget?',
    weight: 2,
    nextStep: 'Estimate the long-term payments and operation and maintenance costs, and get them approved in the medium-term budget.',
  },
  {
    id: 'contingent_liabilities',
    dimension: 'affordability',
    kind: 'yes_no_partly',
    label: 'Contingent liabilities',
    help: 'Have contingent liabilities (guarantees, termination payments, demand guarantees) been identified and assessed?',
    weight: 2,
    nextStep: 'Identify the contingent liabilities (guarantees, termination payments) and have the finance ministry assess them.',
  },
  // deliverability
  {
    id: 'feasibility_study',
    dimension: 'deliverability',
    kind: 'choice',
    options: [
      { value: 'not_started', label: 'Not started', score: 0 },
      { value: 'pre_feasibility', label: 'Pre-feasibility study done', score: 0.5 },
      { value: 'in_progress', label: 'Feasibility study in progress', score: 0.6 },
      { value: 'complete', label: 'Feasibility study completed', score: 1 },
    ],
    label: 'Feasibility study',
    help: 'Has a feasibility study (technical, financial, legal, environmental) been carried out?',
    weight: 3,
    nextStep: 'Commission a full feasibility study (technical, financial, legal, environmental); U.S. agencies may fund one through a technical-assistance request.',
  },
  {
    id: 'procurement_plan',
    dimension: 'deliverability',
    kind: 'choice',
    options: [
      { value: 'none', label: 'No plan yet', score: 0 },
      { value: 'outline', label: 'Outline plan', score: 0.5 },
      { value: 'approved', label: 'Approved procurement plan', score: 1 },
    ],
    label: 'Procurement plan',
    help: 'Is there a procurement plan: method, packages, timetable, evaluation criteria?',
    weight: 2,
    nextStep: 'Prepare a procurement plan (method, packages, timetable, evaluation criteria) and have it approved.',
  },
  {
    id: 'land_permits',
    dimension: 'deliverability',
    kind: 'yes_no_partly',
    label: 'Land and permits',
    help: 'Are the land (or rights of way) and the main permits secured?',
    weight: 2,
    nextStep: 'Secure the land or rights of way and the main permits, or set out a timetable to do so.',
  },
  {
    id: 'safeguards',
    dimension: 'deliverability',
    kind: 'choice',
    options: [
      { value: 'not_started', label: 'Not started', score: 0 },
      { value: 'screening', label: 'Screening done', score: 0.4 },
      { value: 'assessment_in_progress', label: 'Environmental and social assessment in progress', score: 0.6 },
      { value: 'approved', label: 'Assessment approved, management plan in place', score: 1 },
    ],
    label: 'Environmental and social safeguards',
    help: 'How far is the environmental and social impact assessment (including resettlement, if any)?',
    weight: 2,
    nextStep: 'Carry out the environmental and social impact assessment and prepare its management plan.',
  },
  {
    id: 'institutional_capacity',
    dimension: 'deliverability',
    kind: 'yes_no_partly',
    label: 'Institutional capacity',
    help: 'Does the implementing agency have a team with the skills to procure and manage the project?',
    weight: 2,
    nextStep: 'Name the implementing team and fill its skill gaps (procurement, contract management), e.g. with technical assistance.',
  },
  {
    id: 'risk_allocation',
    dimension: 'deliverability',
    kind: 'choice',
    options: [
      { value: 'not_done', label: 'Not done', score: 0 },
      { value: 'draft', label: 'Draft risk matrix', score: 0.5 },
      { value: 'agreed', label: 'Risk allocation agreed', score: 1 },
    ],
    label: 'Risk allocation',
    help: 'Has a risk matrix allocated each main risk to the party best able to manage it?',
    weight: 2,
    nextStep: 'Prepare a risk matrix allocating each main risk (construction, demand, operation, finance) to the party best able to manage it.',
  },
];

export const questionById: ReadonlyMap<string, Question> = new Map(questions.map((q) => [q.id, q]));
