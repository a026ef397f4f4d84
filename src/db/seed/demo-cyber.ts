import { and, eq, inArray, or } from 'drizzle-orm';
import { subcategoryIds } from '../../engines/csf/gaps.js';
import { seeded } from '../../engines/random.js';
import { csfCore } from '../../modules/assessments/framework.js';
import type { AppContext } from '../../server/context.js';
import type { Db } from '../client.js';
import {
  certificates,
  cohortSessions,
  cohorts,
  courseModules,
  courses,
  cyberAssessmentAnswers,
  cyberAssessments,
  documents,
  enrolments,
  organisations,
  quizQuestions,
  users,
} from '../schema/index.js';

/**
 * The cyber-capacity part of the demo: submitted CSF 2.0 self-assessments for three cities (so that
 * benchmarks, which need three, show), an earlier one for Jakarta (so the gap analysis compares), and
 * the regional cyber centre's and the institute's published courses with upcoming cohorts. Da Nang
 * has no assessment yet: a newcomer signing in as danang@ starts one.
 */

type DemoAssessment = { owner: string; cityId: string; title: string; submittedAt: string; base: number; seed: number; governanceTier: number; riskManagementTier: number; shared: boolean };
const demoAssessments: DemoAssessment[] = [
  { owner: 'jakarta@demo.mitra.example', cityId: 'dki-jakarta', title: 'City administration baseline 2025', submittedAt: '2025-06-12T08:00:00Z', base: 1.2, seed: 11, governanceTier: 1, riskManagementTier: 1, shared: false },
  { owner: 'jakarta@demo.mitra.example', cityId: 'dki-jakarta', title: 'City administration review 2026', submittedAt: '2026-09-30T08:00:00Z', base: 2.0, seed: 12, governanceTier: 2, riskManagementTier: 2, shared: false },
  { owner: 'hanoi@demo.mitra.example', cityId: 'ha-noi', title: 'Ha Noi city administration 2026', submittedAt: '2026-08-20T08:00:00Z', base: 1.6, seed: 21, governanceTier: 2, riskManagementTier: 1, shared: true },
  { owner: 'cebu@demo.mitra.example', cityId: 'cebu-city', title: 'Cebu City administration 2026', submittedAt: '2026-10-15T08:00:00Z', base: 1.4, seed: 31, governanceTier: 1, riskManagementTier: 2, shared: false },
];

type DemoCourse = {
  org: string;
  title: string;
  topic: 'cybersecurity' | 'digital_economy';
  summary: string;
  outcomes: string[];
  csf: string[];
  modules: [string, string, number][];
  quiz: [string, string[], number][];
  /** Days and sessions are counted from the day the demo is loaded, so the demo never goes stale. */
  cohorts: {
    title: string;
    startDay: number;
    endDay: number;
    mode: 'online' | 'in_person' | 'blended';
    location: string;
    timeZone: string;
    capacity: number;
    status: 'planned' | 'open';
    /** Title, day, start hour (UTC), length in hours. */
    sessions: [string, number, number, number][];
  }[];
};

const demoCourses: DemoCourse[] = [
  {
    org: 'Regional Cyber Capacity Centre (demo)',
    title: 'Cyber risk governance for city leaders',
    topic: 'cybersecurity',
    summary: 'How a city administration sets its cybersecurity strategy, roles and policy, and oversees cyber risk alongside its other risks.',
    outcomes: ['Describe the city’s cyber risk appetite and who owns it', 'Assign cybersecurity roles and responsibilities across departments', 'Write and review a city cybersecurity policy'],
    csf: ['GV.OC', 'GV.RM', 'GV.RR', 'GV.PO', 'GV.OV'],
    modules: [
      ['Cyber risk as city risk', 'Mission, stakeholders and the legal context of a city’s cybersecurity.', 3],
      ['Roles, responsibilities and policy', 'Who decides, who acts, and the policy that says so.', 3],
      ['Overseeing the programme', 'Measures, reviews and reporting to the city’s leadership.', 2],
    ],
    quiz: [
      ['Which CSF 2.0 function covers a city’s cybersecurity strategy and policy?', ['Identify', 'Govern', 'Protect', 'Recover'], 1],
      ['Who should own the city’s cyber risk appetite?', ['The IT help desk', 'Each vendor', 'The city’s senior leadership', 'Nobody in particular'], 2],
      ['A cybersecurity policy should be…', ['written once and never changed', 'reviewed and updated as risks change', 'kept secret from staff', 'the same as a vendor contract'], 1],
      ['What does a CSF tier describe?', ['The number of firewalls', 'How rigorous the city’s cyber risk governance and management are', 'A product certification', 'The size of the IT budget'], 1],
    ],
    cohorts: [
      {
        // Under way: its sessions so far have happened, and it still takes late nominations until it ends.
        title: 'Online cohort for city leaders',
        startDay: -15,
        endDay: 6,
        mode: 'online',
        location: 'Online (video conference)',
        timeZone: 'Asia/Singapore',
        capacity: 30,
        status: 'open',
        sessions: [
          ['Cyber risk as city risk', -15, 6, 3],
          ['Roles, responsibilities and policy', -8, 6, 3],
          ['Overseeing the programme', -2, 6, 2],
        ],
      },
    ],
  },
  {
    org: 'Regional Cyber Capacity Centre (demo)',
    title: 'Securing operational technology in city systems',
    topic: 'cybersecurity',
    summary: 'Traffic controllers, cameras, pumps and meters: knowing what is deployed, protecting it and watching it.',
    outcomes: ['Keep an inventory of connected city devices', 'Apply access control and secure configuration to OT', 'Monitor OT networks for anomalies'],
    csf: ['ID.AM', 'PR.AA', 'PR.PS', 'PR.IR', 'DE.CM'],
    modules: [
      ['Knowing what you run', 'Asset inventories of city technology, and why they come first.', 3],
      ['Protecting devices and networks', 'Identity, access, secure configuration and segmentation for OT.', 4],
      ['Watching for trouble', 'Continuous monitoring of city networks and devices.', 3],
    ],
    quiz: [
      ['What should come first when securing city devices?', ['Buying new cameras', 'An inventory of what is deployed', 'A penetration test of everything', 'A new website'], 1],
      ['Why segment OT networks from office networks?', ['To save cables', 'To limit how far an intruder can move', 'Because vendors require it', 'It makes no difference'], 1],
      ['Default passwords on traffic controllers should be…', ['kept for convenience', 'written on the device', 'changed before deployment', 'shared with vendors'], 2],
    ],
    cohorts: [
      {
        title: 'Blended cohort, Bangkok',
        startDay: 60,
        endDay: 64,
        mode: 'blended',
        location: 'Bangkok and online',
        timeZone: 'Asia/Bangkok',
        capacity: 24,
        status: 'open',
        sessions: [
          ['Knowing what you run (online)', 60, 2, 3],
          ['Protecting devices and networks (in person)', 62, 2, 7],
          ['Watching for trouble (in person)', 64, 2, 4],
        ],
      },
    ],
  },
  {
    org: 'Regional Cyber Capacity Centre (demo)',
    title: 'Incident response and recovery for municipalities',
    topic: 'cybersecurity',
    summary: 'Planning, exercising and communicating the city’s response to a cyber incident, and restoring services.',
    outcomes: ['Run an incident response plan', 'Communicate with residents and partners during an incident', 'Restore city services in priority order'],
    csf: ['RS.MA', 'RS.CO', 'RS.AN', 'RC.RP', 'RC.CO'],
    modules: [
      ['Managing an incident', 'Triage, escalation and decisions under pressure.', 3],
      ['Communicating', 'Residents, media, national agencies and vendors.', 2],
      ['Recovering', 'Restoring services and learning from the incident.', 2],
    ],
    quiz: [
      ['During an incident, who decides to take a city service offline?', ['Whoever notices first', 'The roles named in the response plan', 'The vendor', 'The media'], 1],
      ['What restores trust with residents after an incident?', ['Silence', 'Timely, accurate communication', 'Blaming a vendor', 'Deleting logs'], 1],
      ['Recovery priorities should follow…', ['alphabetical order', 'the services’ criticality to residents', 'the newest systems first', 'vendor preference'], 1],
    ],
    cohorts: [
      {
        title: 'In-person cohort, Ha Noi',
        startDay: 150,
        endDay: 152,
        mode: 'in_person',
        location: 'Ha Noi',
        timeZone: 'Asia/Ho_Chi_Minh',
        capacity: 20,
        status: 'planned',
        sessions: [
          ['Managing an incident', 150, 2, 7],
          ['Communicating and recovering', 151, 2, 7],
        ],
      },
    ],
  },
  {
    org: 'Mekong Urban Institute (demo)',
    title: 'Data governance for the city’s digital economy',
    topic: 'digital_economy',
    summary: 'Open data, data sharing with businesses and the protection of residents’ data in digital public services.',
    outcomes: ['Classify the city’s data', 'Set up data-sharing agreements with businesses', 'Protect personal data in digital services'],
    csf: ['ID.AM', 'PR.DS'],
    modules: [
      ['The city’s data', 'What data the city holds and how to classify it.', 2],
      ['Sharing and protecting', 'Open data, data-sharing agreements and personal data.', 3],
    ],
    quiz: [
      ['Which data should a city publish as open data?', ['Residents’ personal records', 'Non-personal data of public interest', 'Passwords', 'Nothing at all'], 1],
      ['A data-sharing agreement with a business should state…', ['only the price', 'purpose, scope, protection and retention', 'nothing in writing', 'the business’s logo'], 1],
    ],
    cohorts: [
      {
        title: 'Online cohort',
        startDay: 30,
        endDay: 41,
        mode: 'online',
        location: 'Online (video conference)',
        timeZone: 'Asia/Bangkok',
        capacity: 40,
        status: 'open',
        sessions: [
          ['The city’s data', 30, 3, 2],
          ['Sharing and protecting', 37, 3, 3],
        ],
      },
    ],
  },
];

/** The calendar day `offset` days from today (UTC), as YYYY-MM-DD: demo dates follow the day the demo is loaded. */
export function dayFromToday(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Levels around a base with some spread, seeded so the demo is the same on every start; targets 3 or 4. */
function demoAnswers(assessment: DemoAssessment) {
  const random = seeded(assessment.seed);
  return subcategoryIds(csfCore()).map((subcategoryId) => {
    // A few subcategories are not applicable to a city administration (supply-chain ones, for instance).
    if (subcategoryId.startsWith('GV.SC') && random() < 0.25) {
      return { subcategoryId, currentLevel: null, targetLevel: null, notApplicable: true, notApplicableReason: 'The city buys no technology services under this arrangement yet.', evidence: '' };
    }
    const current = Math.max(0, Math.min(4, Math.round(assessment.base + (random() - 0.5) * 2.2)));
    const target = Math.max(current, random() < 0.6 ? 3 : 4);
    return { subcategoryId, currentLevel: current, targetLevel: target, notApplicable: false, notApplicableReason: '', evidence: current >= 3 ? 'Documented in the city’s procedures.' : '' };
  });
}

/** Loads the assessments and courses. Run once, right after the demo dataset is loaded (its people and organisations exist). */
export async function loadDemoCyber(ctx: AppContext): Promise<{ assessments: number; courses: number }> {
  const { db } = ctx;
  const demoUsers = await db.select({ id: users.id, email: users.email, organisationId: users.organisationId }).from(users).where(eq(users.isDemo, true));
  const userByEmail = new Map(demoUsers.map((u) => [u.email, u]));
  const orgs = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.isDemo, true));
  const orgByName = new Map(orgs.map((o) => [o.name, o.id]));
  let assessmentCount = 0;
  let courseCount = 0;
  await db.transaction(async (tx) => {
    for (const demo of demoAssessments) {
      const owner = userByEmail.get(demo.owner);
      if (!owner) continue;
      const submittedAt = new Date(demo.submittedAt);
      const [row] = await tx
        .insert(cyberAssessments)
        .values({
          cityId: demo.cityId,
          title: demo.title,
          scope: 'city_administration',
          status: 'submitted',
          priorityCategoryIds: ['GV.RM', 'ID.AM', 'PR.AA'],
          governanceTier: demo.governanceTier,
          governanceTierRationale: 'Judged by the city’s cybersecurity working group.',
          riskManagementTier: demo.riskManagementTier,
          riskManagementTierRationale: 'Judged by the city’s cybersecurity working group.',
          sharedWithNational: demo.shared,
          createdBy: owner.id,
          updatedBy: owner.id,
          submittedBy: owner.id,
          submittedAt,
          createdAt: submittedAt,
          updatedAt: submittedAt,
        })
        .returning({ id: cyberAssessments.id });
      await tx.insert(cyberAssessmentAnswers).values(demoAnswers(demo).map((answer) => ({ ...answer, assessmentId: row!.id, updatedBy: owner.id, updatedAt: submittedAt })));
      assessmentCount += 1;
    }
    for (const demo of demoCourses) {
      const organisationId = orgByName.get(demo.org);
      if (!organisationId) continue;
      const [course] = await tx
        .insert(courses)
        .values({ organisationId, title: demo.title, topic: demo.topic, summary: demo.summary, learningOutcomes: demo.outcomes, csfCategoryIds: demo.csf, passMarkPercent: 60, status: 'published' })
        .returning({ id: courses.id });
      await tx.insert(courseModules).values(demo.modules.map(([title, summary, hours], index) => ({ courseId: course!.id, position: index + 1, title, summary, hours })));
      await tx.insert(quizQuestions).values(demo.quiz.map(([prompt, options, correctOption], index) => ({ courseId: course!.id, position: index + 1, prompt, options, correctOption })));
      for (const cohort of demo.cohorts) {
        const { sessions, startDay, endDay, ...fields } = cohort;
        const startsOn = dayFromToday(startDay);
        const endsOn = dayFromToday(endDay);
        const [row] = await tx
          .insert(cohorts)
          .values({
            ...fields,
            startsOn,
            endsOn,
            courseId: course!.id,
            deliveringOrganisationId: organisationId,
            eligibility: 'government_officials',
            // A cohort already under way takes late nominations until it ends; the others until they start.
            nominationsCloseOn: startDay < 0 ? endsOn : startsOn,
          })
          .returning({ id: cohorts.id });
        await tx.insert(cohortSessions).values(
          sessions.map(([title, day, hour, hours]) => {
            const startsAt = new Date(`${dayFromToday(day)}T${String(hour).padStart(2, '0')}:00:00Z`);
            return { cohortId: row!.id, title, startsAt, endsAt: new Date(startsAt.getTime() + hours * 3_600_000), location: fields.location };
          }),
        );
      }
      courseCount += 1;
    }
  });
  return { assessments: assessmentCount, courses: courseCount };
}

/**
 * Removes the cyber-capacity rows that belong to the demo: assessments started by demo people,
 * courses of demo organisations (their cohorts, sessions and enrolments go with them), cohorts demo
 * organisations deliver, and demo people's enrolments and certificates elsewhere. Runs inside
 * removeDemoData's transaction, before the people and organisations go.
 */
export async function removeDemoCyber(tx: Db, demoOrgIds: string[], demoUserIds: string[]): Promise<{ documentKeys: string[] }> {
  const documentKeys: string[] = [];
  if (demoUserIds.length) {
    const removed = await tx.delete(cyberAssessments).where(inArray(cyberAssessments.createdBy, demoUserIds)).returning({ id: cyberAssessments.id });
    if (removed.length) {
      const files = await tx
        .delete(documents)
        .where(and(eq(documents.ownerType, 'assessment'), inArray(documents.ownerId, removed.map((r) => r.id))))
        .returning({ storageKey: documents.storageKey });
      documentKeys.push(...files.map((f) => f.storageKey));
    }
  }
  if (!demoOrgIds.length && !demoUserIds.length) return { documentKeys };
  const demoCourseIds = demoOrgIds.length ? (await tx.select({ id: courses.id }).from(courses).where(inArray(courses.organisationId, demoOrgIds))).map((r) => r.id) : [];
  const cohortConditions = [
    ...(demoCourseIds.length ? [inArray(cohorts.courseId, demoCourseIds)] : []),
    ...(demoOrgIds.length ? [inArray(cohorts.deliveringOrganisationId, demoOrgIds)] : []),
  ];
  const demoCohortIds = cohortConditions.length ? (await tx.select({ id: cohorts.id }).from(cohorts).where(or(...cohortConditions))).map((r) => r.id) : [];
  const enrolmentConditions = [
    ...(demoCohortIds.length ? [inArray(enrolments.cohortId, demoCohortIds)] : []),
    ...(demoUserIds.length ? [inArray(enrolments.userId, demoUserIds)] : []),
  ];
  if (enrolmentConditions.length) {
    const enrolmentIds = (await tx.select({ id: enrolments.id }).from(enrolments).where(or(...enrolmentConditions))).map((r) => r.id);
    if (enrolmentIds.length) {
      await tx.delete(certificates).where(inArray(certificates.enrolmentId, enrolmentIds));
      await tx.delete(enrolments).where(inArray(enrolments.id, enrolmentIds));
    }
  }
  if (demoCohortIds.length) await tx.delete(cohorts).where(inArray(cohorts.id, demoCohortIds));
  if (demoCourseIds.length) await tx.delete(courses).where(inArray(courses.id, demoCourseIds));
  return { documentKeys };
}
