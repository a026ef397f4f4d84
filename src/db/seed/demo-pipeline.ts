import { and, eq, inArray, or } from 'drizzle-orm';
import { createAssistanceRequest, commentOnAssistanceRequest, endorseAssistanceRequest, publishAssistanceSummary, transitionAssistanceRequest } from '../../modules/assistance/service.js';
import { recordDeal } from '../../modules/deals/service.js';
import { justifyBankabilityFlag, saveBankabilityAnswers } from '../../modules/pipeline/bankability.js';
import { createPipelineProject, saveExchangeRate, transitionStage } from '../../modules/pipeline/service.js';
import { createSolution, expressInterest, shortlist } from '../../modules/providers/service.js';
import type { Actor } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { inTransaction } from '../../server/transaction.js';
import type { Db } from '../client.js';
import { dayFromToday } from './demo-cyber.js';
import { demoActor } from './demo-events.js';
import {
  assistanceEvents,
  assistanceRequests,
  documents,
  exchangeRates,
  investmentProjectStageChanges,
  investmentProjects,
  scapProjects,
  type AssistanceStatus,
  type DeliveryModel,
  type PipelineStage,
  type PipelineVisibility,
  type ProjectSector,
} from '../schema/index.js';

/**
 * The bankable-projects part of the demo (issue 3), made through the services as their people would:
 * six pipeline projects in Da Nang, Jakarta, Ha Noi and Cebu (one promoted from Da Nang's action plan)
 * with backdated stage histories and dated exchange rates; a bankability check on Jakarta's water-meter
 * concession (one flag justified, one open); Lumen Mobility's solutions, its shortlisted interest in the
 * Dragon Bridge corridor and the deal that came from it; Da Nang's approved, published feasibility study
 * and Jakarta's technical-assistance request waiting for the U.S. agency.
 */

const email = (who: string) => `${who}@demo.mitra.example`;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** How many units of each currency a U.S. dollar buys (rounded demo figures), recorded a week before the load day. */
const demoRates: [currency: string, unitsPerUsd: string, source: string][] = [
  ['VND', '26250', 'State Bank of Viet Nam central rate, rounded (demo figure)'],
  ['IDR', '16550', 'Bank Indonesia JISDOR reference rate, rounded (demo figure)'],
  ['PHP', '58.65', 'Bangko Sentral ng Pilipinas reference rate, rounded (demo figure)'],
];

type DemoPipelineProject = {
  key: string;
  owner: string;
  cityId: string;
  /** The title of the city's demo SCAP project it is promoted from. */
  promotedFrom?: string;
  title: string;
  sector: ProjectSector;
  focusAreaId: string;
  location: string;
  deliveryModel: DeliveryModel;
  /** Currency, capital cost and funding secured as decimal strings in the major unit. */
  money: [string, string, string | null];
  visibility: PipelineVisibility;
  /** The stages after "prospective" with how many days ago the project reached each; the first entry is its creation. */
  history: [PipelineStage | 'created', number][];
  description: string;
};

const demoPipeline: DemoPipelineProject[] = [
  {
    key: 'dragon-bridge',
    owner: 'danang',
    cityId: 'da-nang',
    promotedFrom: 'Intelligent traffic signal control on the Dragon Bridge corridor',
    title: 'Adaptive traffic signals on the Dragon Bridge corridor',
    sector: 'transport',
    focusAreaId: 'built-infrastructure',
    location: 'Nguyen Van Linh – Dragon Bridge – Vo Van Kiet corridor, Hai Chau and Son Tra districts',
    deliveryModel: 'design_build',
    money: ['USD', '2400000.00', '1500000.00'],
    visibility: 'public',
    history: [['created', 210], ['detailed_planning', 160], ['announced', 45]],
    description:
      'Adaptive signal control at 48 junctions along the corridor with bus priority, detection by cameras and loops, and a traffic operations centre in the city’s Smart City Operations Centre (IOC). Design, supply, installation and three years of maintenance in one contract.',
  },
  {
    key: 'street-lighting',
    owner: 'danang',
    cityId: 'da-nang',
    title: 'Smart LED street lighting PPP',
    sector: 'energy',
    focusAreaId: 'quality-environment',
    location: 'All seven urban districts of Da Nang (about 62,000 light points)',
    deliveryModel: 'ppp',
    money: ['VND', '412000000000', '60000000000'],
    visibility: 'public',
    history: [['created', 120], ['detailed_planning', 30]],
    description:
      'Replacing sodium street lights with LED luminaires on a central management system with remote dimming and fault reporting; a private partner finances, installs and maintains them for 12 years, paid from the energy and maintenance savings.',
  },
  {
    key: 'water-meters',
    owner: 'jakarta',
    cityId: 'dki-jakarta',
    title: 'Smart water meters and leak detection for PAM Jaya',
    sector: 'water',
    focusAreaId: 'quality-environment',
    location: 'PAM Jaya service area, North and West Jakarta first',
    deliveryModel: 'concession',
    money: ['IDR', '1450000000000', '350000000000'],
    visibility: 'public',
    history: [['created', 300], ['detailed_planning', 240], ['announced', 120], ['under_procurement', 25]],
    description:
      'Ultrasonic smart meters for 400,000 connections, district metered areas and acoustic leak detection to bring non-revenue water down from about 46 %; a concession recovers the investment from the water saved and billed.',
  },
  {
    key: 'bus-depots',
    owner: 'hanoi',
    cityId: 'ha-noi',
    title: 'Electric bus depot charging at Phu Dien and Gia Lam',
    sector: 'energy',
    focusAreaId: 'built-infrastructure',
    location: 'Phu Dien depot (Bac Tu Liem) and Gia Lam depot (Long Bien)',
    deliveryModel: 'public_investment',
    money: ['VND', '985000000000', '985000000000'],
    visibility: 'public',
    history: [['created', 400], ['detailed_planning', 330], ['announced', 270], ['under_procurement', 200], ['awarded', 140], ['under_delivery', 60]],
    description: 'Smart charging for 260 electric buses at two depots with load management, a grid connection upgrade and rooftop solar on the maintenance halls.',
  },
  {
    key: 'telemedicine',
    owner: 'hanoi',
    cityId: 'ha-noi',
    title: 'Telemedicine hubs for district health centres',
    sector: 'health',
    focusAreaId: 'health-well-being',
    location: 'Twelve district health centres and two city hospitals',
    deliveryModel: 'service_contract',
    money: ['VND', '96500000000', null],
    visibility: 'restricted',
    history: [['created', 50]],
    description: 'Video consultation rooms, shared patient records and a five-year managed service linking district health centres with specialists at city hospitals.',
  },
  {
    key: 'cebu-command',
    owner: 'cebu',
    cityId: 'cebu-city',
    title: 'Integrated traffic and disaster command centre',
    sector: 'public_safety',
    focusAreaId: 'safety-security',
    location: 'Cebu City Hall annex, with links to the BRT control room and barangay halls',
    deliveryModel: 'public_investment',
    money: ['PHP', '780000000.00', '250000000.00'],
    visibility: 'partnership',
    history: [['created', 150], ['detailed_planning', 70]],
    description:
      'One operations room for traffic management, CCTV, flood sensors and emergency dispatch, shared by the City Traffic Operations Management and the City Disaster Risk Reduction and Management Office.',
  },
];

const demoSolutions = [
  {
    name: 'Adaptive traffic signal control',
    description: 'Signal timings that adapt junction by junction to measured traffic, with bus and emergency-vehicle priority, run from a cloud or on-premises traffic operations centre.',
    sectors: ['transport'],
    focusAreaIds: ['built-infrastructure'],
    technologies: ['adaptive signal control', 'computer vision', 'NTCIP', 'edge computing', 'bus priority'],
    countriesServed: ['US', 'VN', 'ID', 'PH', 'TH'],
    referenceDeployments: 'Riverton, CA: 62 junctions since 2022, peak-hour corridor delay down 21 %. Bellevue, WA: transit signal priority on two bus rapid transit lines.',
  },
  {
    name: 'Mobility data platform',
    description: 'Traffic counts, GPS traces of buses and taxis and parking occupancy in one platform with open APIs, dashboards and published open data (GTFS and GTFS-Realtime).',
    sectors: ['transport', 'digital'],
    focusAreaIds: ['built-infrastructure', 'civic-social'],
    technologies: ['traffic analytics', 'GTFS', 'open data', 'API', 'dashboards'],
    countriesServed: ['US', 'VN', 'ID', 'MY'],
    referenceDeployments: 'Riverton, CA: city-wide mobility dashboard (2023). A pilot with a Southeast Asian bus operator on real-time passenger information (2025).',
  },
  {
    name: 'Connected street lighting management',
    description: 'A central management system for LED street lights: remote dimming schedules, fault alerts, energy metering per circuit, and sensors for traffic and air quality on the same network.',
    sectors: ['energy'],
    focusAreaIds: ['quality-environment'],
    technologies: ['LED', 'street lighting', 'LoRaWAN', 'remote dimming', 'energy metering'],
    countriesServed: ['US', 'VN', 'PH'],
    referenceDeployments: 'Riverton, CA: 18,000 light points, energy use down 58 %. Two Philippine municipalities since 2024.',
  },
];

export async function loadDemoPipeline(ctx: AppContext): Promise<{ projects: number; solutions: number; assistanceRequests: number }> {
  const { db } = ctx;
  const people = new Map<string, Actor>();
  for (const who of ['secretariat', 'danang', 'jakarta', 'hanoi', 'cebu', 'us-agency', 'company']) people.set(who, await demoActor(db, email(who)));
  const as = (who: string) => people.get(who)!;

  for (const [currency, unitsPerUsd, source] of demoRates) await saveExchangeRate(ctx, as('secretariat'), { currency, date: dayFromToday(-7) }, { unitsPerUsd, source });

  const projectIds = new Map<string, string>();
  for (const p of demoPipeline) {
    const [scap] = p.promotedFrom
      ? await db.select({ id: scapProjects.id }).from(scapProjects).where(and(eq(scapProjects.cityId, p.cityId), eq(scapProjects.title, p.promotedFrom), eq(scapProjects.isDemo, true)))
      : [];
    const [currency, capitalCost, fundingSecured] = p.money;
    const created = await createPipelineProject(ctx, as(p.owner), {
      cityId: p.cityId,
      scapProjectId: scap?.id ?? null,
      title: p.title,
      sector: p.sector,
      focusAreaId: p.focusAreaId,
      description: p.description,
      location: p.location,
      deliveryModel: p.deliveryModel,
      money: { currency, capitalCost, fundingSecured },
      visibility: p.visibility,
    });
    projectIds.set(p.key, created.id);
    for (const [stage] of p.history.slice(1)) await transitionStage(ctx, as(p.owner), created.id, { to: stage as PipelineStage, note: '' });
    // The history happened over months, not in the second the demo was loaded.
    for (const [stage, days] of p.history) {
      const toStage = stage === 'created' ? 'prospective' : stage;
      await db
        .update(investmentProjectStageChanges)
        .set({ changedAt: daysAgo(days) })
        .where(and(eq(investmentProjectStageChanges.projectId, created.id), eq(investmentProjectStageChanges.toStage, toStage)));
    }
    await db.update(investmentProjects).set({ createdAt: daysAgo(p.history[0]![1]), updatedAt: daysAgo(p.history.at(-1)![1]) }).where(eq(investmentProjects.id, created.id));
  }
  const project = (key: string) => projectIds.get(key)!;

  // Jakarta's concession is out to tender while its feasibility study is finished: justified. Its risk allocation is still to do: open.
  await saveBankabilityAnswers(ctx, as('jakarta'), project('water-meters'), {
    answers: {
      strategic_fit: 'yes',
      need_evidence: 'yes',
      scap_alignment: 'yes',
      outcomes: 'Non-revenue water down from about 46 % to 30 % by 2031; continuous supply for 400,000 connections; leaks found within 48 hours.',
      alternatives_considered: 'yes',
      cost_benefit: 'draft',
      preferred_option: 'A concession transfers metering and leak-detection performance risk to an operator paid from water saved, which the utility cannot finance alone.',
      revenue_model: 'mixed',
      demand_risk: 'modelled',
      market_sounding: 'done',
      interested_bidders: 5,
      tariff_basis: 'partly',
      funding_sources: 'Provincial budget (DKI Jakarta) for the first district metered areas; private finance from the concessionaire for the rest.',
      funding_confirmed: 'partly',
      funding_gap: '1100000000000',
      feasibility_study: 'in_progress',
      procurement_plan: 'approved',
      risk_allocation: 'not_done',
    },
  });
  await justifyBankabilityFlag(ctx, as('jakarta'), project('water-meters'), 'procurement_without_feasibility', {
    text: 'Prequalification runs in parallel with the final feasibility study, which completes before bids are invited; the outline business case was approved by the provincial PPP unit.',
  });

  const lumen = as('company');
  for (const solution of demoSolutions) await createSolution(ctx, lumen, lumen.organisationId, { ...solution, sectors: solution.sectors as ProjectSector[], visibility: 'public' });
  await expressInterest(ctx, lumen, project('dragon-bridge'), {
    message: 'Our adaptive signal control runs 62 junctions in Riverton, CA, with bus priority; we would bid with a Vietnamese installation partner and can show results from a two-junction pilot.',
  });
  await shortlist(ctx, as('danang'), project('dragon-bridge'), lumen.organisationId, true);
  await inTransaction(ctx, (tx, after) =>
    recordDeal(ctx, tx, after, as('danang'), {
      title: 'Adaptive signal control pilot on the Dragon Bridge corridor',
      cityId: 'da-nang',
      partnerOrganisationId: lumen.organisationId,
      stage: 'letter_of_intent',
      valueMinor: 35_000_000n,
      currency: 'USD',
      source: 'project_interest',
      eventId: null,
      meetingRequestId: null,
      investmentProjectId: project('dragon-bridge'),
      notes: 'Letter of intent for a 12-junction first phase, signed after the shortlist interview.',
    }),
  );

  // Da Nang's feasibility study, approved by the U.S. agency and published; Jakarta's request waits for screening.
  const agencyOrganisationId = as('us-agency').organisationId;
  const study = await createAssistanceRequest(ctx, as('danang'), {
    kind: 'feasibility_study',
    title: 'Feasibility study: smart LED street lighting PPP',
    problem: 'Street lighting uses about 38 GWh a year, a quarter of the city’s electricity bill, and a third of the sodium lamps are past their service life.',
    objectives: 'Confirm the technical solution, the energy savings and the PPP structure (availability payments from savings), and prepare the tender documents.',
    scope: 'Inventory and audit of light points, technical options, financial model, legal and PPP structuring under the PPP Law 2020, environmental screening, draft tender documents.',
    projectId: project('street-lighting'),
    budget: { amount: '850000.00', currency: 'USD' },
    timeline: 'Ten months from the grant agreement.',
    agencyOrganisationId,
  });
  await endorseAssistanceRequest(ctx, as('danang'), study.id);
  await transitionAssistanceRequest(ctx, as('danang'), study.id, { to: 'submitted', reason: '' });
  await transitionAssistanceRequest(ctx, as('us-agency'), study.id, { to: 'screening', reason: '' });
  await commentOnAssistanceRequest(ctx, as('us-agency'), study.id, { kind: 'comment', body: 'Screening: the project fits the programme; we will check the energy baseline with the city’s utility data.' });
  await transitionAssistanceRequest(ctx, as('us-agency'), study.id, { to: 'approved', reason: 'Strong savings case, a committed city team and U.S. suppliers able to compete for the PPP.' });
  await publishAssistanceSummary(ctx, as('us-agency'), study.id, {
    publicSummary: 'A grant-funded feasibility study for Da Nang’s smart LED street lighting PPP: technical options, energy savings, a financial model and tender documents for about 62,000 light points.',
  });
  const timeline: [AssistanceStatus, number][] = [['submitted', 40], ['screening', 33], ['approved', 12]];
  for (const [toStatus, days] of timeline) {
    await db.update(assistanceEvents).set({ at: daysAgo(days) }).where(and(eq(assistanceEvents.requestId, study.id), eq(assistanceEvents.toStatus, toStatus)));
  }
  await db.update(assistanceEvents).set({ at: daysAgo(30) }).where(and(eq(assistanceEvents.requestId, study.id), eq(assistanceEvents.kind, 'comment'), eq(assistanceEvents.actorId, as('us-agency').userId)));
  await db.update(assistanceEvents).set({ at: daysAgo(41) }).where(and(eq(assistanceEvents.requestId, study.id), eq(assistanceEvents.kind, 'comment'), eq(assistanceEvents.actorId, as('danang').userId)));
  await db.update(assistanceRequests).set({ createdAt: daysAgo(44), endorsedAt: daysAgo(41), submittedAt: daysAgo(40), updatedAt: daysAgo(12) }).where(eq(assistanceRequests.id, study.id));

  const advice = await createAssistanceRequest(ctx, as('jakarta'), {
    kind: 'technical_assistance',
    title: 'Technical assistance: risk allocation for the smart water meter concession',
    problem: 'The concession is in prequalification but has no agreed risk matrix; bidders have asked how demand and tariff risk will be shared.',
    objectives: 'An agreed risk allocation and the matching clauses of the concession agreement before bids are invited.',
    scope: 'Risk workshop with PAM Jaya and the provincial PPP unit, a risk matrix, review of the draft concession agreement, a note for bidders.',
    projectId: project('water-meters'),
    budget: { amount: '2500000000', currency: 'IDR' },
    timeline: 'Three months, before the request for proposals.',
    agencyOrganisationId,
  });
  await endorseAssistanceRequest(ctx, as('jakarta'), advice.id);
  await transitionAssistanceRequest(ctx, as('jakarta'), advice.id, { to: 'submitted', reason: '' });
  await db.update(assistanceEvents).set({ at: daysAgo(6) }).where(eq(assistanceEvents.requestId, advice.id));
  await db.update(assistanceRequests).set({ createdAt: daysAgo(8), endorsedAt: daysAgo(6), submittedAt: daysAgo(6), updatedAt: daysAgo(6) }).where(eq(assistanceRequests.id, advice.id));

  return { projects: demoPipeline.length, solutions: demoSolutions.length, assistanceRequests: 2 };
}

/**
 * Removes pipeline projects and assistance requests made by demo people or routed to a demo agency, the
 * rates demo people recorded, and returns the storage keys of their documents. Solutions, interests,
 * shares and bankability checks go with their organisations and projects.
 */
export async function removeDemoPipeline(tx: Db, demoOrgIds: string[], demoUserIds: string[]): Promise<{ documentKeys: string[] }> {
  if (!demoUserIds.length && !demoOrgIds.length) return { documentKeys: [] };
  // A request routed to a demo agency cannot outlive it (the agency is required), whoever made it.
  const requestIds = (
    await tx
      .delete(assistanceRequests)
      .where(
        or(
          demoUserIds.length ? inArray(assistanceRequests.createdBy, demoUserIds) : undefined,
          demoOrgIds.length ? inArray(assistanceRequests.agencyOrganisationId, demoOrgIds) : undefined,
        ),
      )
      .returning({ id: assistanceRequests.id })
  ).map((r) => r.id);
  const projectIds = demoUserIds.length
    ? (await tx.delete(investmentProjects).where(inArray(investmentProjects.createdBy, demoUserIds)).returning({ id: investmentProjects.id })).map((r) => r.id)
    : [];
  if (demoUserIds.length) await tx.delete(exchangeRates).where(inArray(exchangeRates.recordedBy, demoUserIds));
  const documentKeys: string[] = [];
  for (const [ownerType, ownerIds] of [['assistance_request', requestIds], ['investment_project', projectIds]] as const) {
    if (!ownerIds.length) continue;
    const removed = await tx.delete(documents).where(and(eq(documents.ownerType, ownerType), inArray(documents.ownerId, ownerIds))).returning({ storageKey: documents.storageKey });
    documentKeys.push(...removed.map((d) => d.storageKey));
  }
  return { documentKeys };
}
