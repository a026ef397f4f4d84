import { and, eq, inArray } from 'drizzle-orm';
import { decideRegistration, register } from '../../modules/events/registrations.js';
import { addAgendaItem, createEvent, transitionEvent } from '../../modules/events/service.js';
import { createRequest, saveProfile } from '../../modules/matchmaking/service.js';
import type { Actor } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import type { Db } from '../client.js';
import { dayFromToday } from './demo-cyber.js';
import { deals, events, organisations, registrations, scapProjects, users } from '../schema/index.js';

/**
 * The events part of the demo, made through the events and matchmaking services as their people would:
 * a business convening in Singapore with B2B matchmaking open (Da Nang's officer, the company and the
 * U.S. city registered, a meeting request waiting for Da Nang's answer) and a reverse trade mission of
 * a Vietnamese delegation to U.S. cities, built from Da Nang's SCAP projects, with Da Nang's officer
 * confirmed and a visa-support letter requested.
 */

/** A wall-clock time `offset` days from today, in the event's own zone (as the event form takes it). */
const at = (offset: number, time: string) => `${dayFromToday(offset)}T${time}`;

/** A demo person as the services expect them (demo-pipeline.ts acts through them too). */
export async function demoActor(db: Db, email: string): Promise<Actor> {
  const [row] = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      organisationId: organisations.id,
      organisationKind: organisations.kind,
      cityId: organisations.cityId,
      countryCode: organisations.countryCode,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.email, email));
  if (!row) throw new Error(`The demo person ${email} is missing.`);
  return row;
}

export async function loadDemoEvents(ctx: AppContext): Promise<{ events: number }> {
  const { db } = ctx;
  const secretariat = await demoActor(db, 'secretariat@demo.mitra.example');
  const usAgency = await demoActor(db, 'us-agency@demo.mitra.example');
  const danang = await demoActor(db, 'danang@demo.mitra.example');
  const hanoi = await demoActor(db, 'hanoi@demo.mitra.example');
  const company = await demoActor(db, 'company@demo.mitra.example');
  const usCity = await demoActor(db, 'us-city@demo.mitra.example');
  const jakarta = await demoActor(db, 'jakarta@demo.mitra.example');

  // A convening with matchmaking, run by the secretariat.
  const convening = await createEvent(ctx, secretariat, {
    kind: 'convening',
    title: `ASCN–U.S. Smart Cities Business Convening ${dayFromToday(75).slice(0, 4)}`,
    summary: 'Two days for ASCN city officers, national representatives, U.S. agencies, U.S. cities and companies to discuss the cities’ challenges and meet one to one.',
    description:
      'Day one: the cities present their action plans and the challenges they want partners for; U.S. agencies present feasibility-study and technical-assistance programmes. Day two: scheduled B2B meetings between city delegations and companies, arranged in Mitra.',
    startsAt: at(75, '09:00'),
    endsAt: at(76, '17:00'),
    timeZone: 'Asia/Singapore',
    venue: 'Marina Bay conference centre, Singapore',
    capacity: 150,
    visibility: 'public',
    challenges: ['Urban flooding and early warning', 'Traffic congestion on key corridors', 'Cybersecurity of city operations centres'],
    matchmakingEnabled: true,
    maxRequestsPerPerson: 10,
    maxMeetingsPerPerson: 8,
  });
  const agenda: [string, string, string, string, string[]][] = [
    ['Opening: the partnership and the network', at(75, '09:00'), at(75, '09:45'), 'Main hall', ['Amara Santos']],
    ['Cities present their challenges', at(75, '10:00'), at(75, '12:30'), 'Main hall', ['Nguyen Thi Lan', 'Siti Rahmawati']],
    ['Financing feasibility studies and technical assistance', at(75, '14:00'), at(75, '15:30'), 'Room 2', ['Rachel Morgan']],
    ['B2B meetings (scheduled in Mitra)', at(76, '09:00'), at(76, '16:00'), 'Meeting area', []],
  ];
  for (const [title, startsAt, endsAt, room, speakers] of agenda) {
    await addAgendaItem(ctx, secretariat, { eventId: convening.id, kind: title.startsWith('B2B') ? 'business_meetings' : 'session', title, startsAt, endsAt, room, speakers });
  }
  await transitionEvent(ctx, secretariat, convening.id, { to: 'published' });
  for (const person of [danang, company, usCity, jakarta]) await register(ctx, person, { eventId: convening.id });
  await saveProfile(ctx, danang, convening.id, { offers: 'Pilot sites on the Dragon Bridge corridor, traffic data', seeks: 'adaptive traffic signal control, flood sensors, early warning', focusAreaIds: ['built-infrastructure', 'quality-environment'] });
  await saveProfile(ctx, company, convening.id, { offers: 'adaptive traffic signal control, traffic operations centres', seeks: 'city pilot sites, transport agencies', focusAreaIds: ['built-infrastructure'] });
  await saveProfile(ctx, usCity, convening.id, { offers: 'flood sensors, early warning, stormwater management', seeks: 'sister-city exchanges', focusAreaIds: ['quality-environment'] });
  const [danangRegistration] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, convening.id), eq(registrations.userId, danang.userId)));
  await createRequest(ctx, company, convening.id, {
    inviteeRegistrationIds: [danangRegistration!.id],
    message: 'We would like to present our adaptive signal control pilot results for the Dragon Bridge corridor.',
  });

  // A reverse trade mission run by the U.S. agency, built from Da Nang's action plan.
  const projects = await db
    .select({ id: scapProjects.id })
    .from(scapProjects)
    .where(and(eq(scapProjects.cityId, 'da-nang'), inArray(scapProjects.title, ['Intelligent traffic signal control on the Dragon Bridge corridor', 'Flood early-warning sensors on the Han River'])));
  const mission = await createEvent(ctx, usAgency, {
    kind: 'trade_mission',
    title: 'Reverse trade mission: smart traffic and flood resilience (Viet Nam)',
    summary: 'A delegation of Vietnamese city officers visits U.S. cities and companies working on adaptive traffic control and flood early warning.',
    missionObjectives:
      'See adaptive traffic signal control and flood early-warning systems in operation; meet U.S. suppliers able to bid for Da Nang’s corridor and river-sensor projects; agree next steps for feasibility studies.',
    startsAt: at(140, '08:00'),
    endsAt: at(144, '18:00'),
    timeZone: 'America/Los_Angeles',
    venue: 'Riverton, CA; San Jose, CA; Seattle, WA',
    capacity: 8,
    approvalRequired: true,
    visibility: 'partnership',
    projectIds: projects.map((p) => p.id),
    challenges: ['Traffic congestion on the Dragon Bridge corridor', 'Flash floods along the Han River'],
  });
  const itinerary: [AgendaKind, string, string, string, string][] = [
    ['travel', 'Arrival and briefing', at(140, '08:00'), at(140, '18:00'), 'Riverton, CA'],
    ['site_visit', 'Riverton traffic operations centre', at(141, '09:00'), at(141, '12:00'), 'Riverton, CA'],
    ['business_meetings', 'Meetings with traffic technology companies', at(141, '14:00'), at(141, '17:30'), 'Riverton, CA'],
    ['travel', 'Travel to San Jose', at(142, '08:00'), at(142, '11:00'), 'San Jose, CA'],
    ['briefing', 'Flood early warning: city and utility briefing', at(142, '13:00'), at(142, '16:00'), 'San Jose, CA'],
    ['travel', 'Travel to Seattle', at(143, '08:00'), at(143, '11:00'), 'Seattle, WA'],
    ['site_visit', 'Stormwater and river sensor network', at(143, '13:00'), at(143, '17:00'), 'Seattle, WA'],
    ['business_meetings', 'Meetings with sensor and analytics companies; closing session', at(144, '09:00'), at(144, '16:00'), 'Seattle, WA'],
  ];
  for (const [kind, title, startsAt, endsAt, place] of itinerary) await addAgendaItem(ctx, usAgency, { eventId: mission.id, kind, title, startsAt, endsAt, place });
  await transitionEvent(ctx, usAgency, mission.id, { to: 'published' });
  const missionRegistration = await register(ctx, danang, {
    eventId: mission.id,
    participantType: 'city_delegate',
    visaLetterRequested: true,
    passportName: 'NGUYEN THI LAN',
    nationality: 'Viet Nam',
    dietaryNeeds: 'No pork',
  });
  await decideRegistration(ctx, usAgency, missionRegistration.registration.id, { decision: 'confirm' });
  await register(ctx, hanoi, { eventId: mission.id, participantType: 'city_delegate' });
  return { events: 2 };
}

type AgendaKind = 'session' | 'site_visit' | 'briefing' | 'business_meetings' | 'travel' | 'break';

/** Removes events organised by demo organisations (their registrations, agenda and meetings cascade) and demo people's registrations elsewhere. */
export async function removeDemoEvents(tx: Db, demoOrgIds: string[], demoUserIds: string[]): Promise<void> {
  if (demoOrgIds.length) {
    await tx.delete(deals).where(inArray(deals.partnerOrganisationId, demoOrgIds));
    await tx.delete(events).where(inArray(events.organiserOrganisationId, demoOrgIds));
  }
  if (demoUserIds.length) await tx.delete(registrations).where(inArray(registrations.userId, demoUserIds));
}
