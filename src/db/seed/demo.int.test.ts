import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, cookieFrom, type TestApp, type TestPerson } from '../../testing/harness.js';
import {
  assets,
  assistanceRequests,
  deals,
  events,
  exchangeRates,
  investmentProjects,
  projectInterests,
  registrations,
  cohorts,
  courses,
  cyberAssessmentAnswers,
  cyberAssessments,
  enrolments,
  exposures,
  organisations,
  scapProjects,
  solutions,
  users,
  vulnerabilityRecords,
} from '../schema/index.js';
import { loadDemoCyber } from './demo-cyber.js';
import { loadDemoEvents } from './demo-events.js';
import { loadDemoExposure } from './demo-exposure.js';
import { loadDemoPipeline } from './demo-pipeline.js';
import { DEMO_PASSWORD, demoLoaded, loadDemoData, removeDemoData } from './demo.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the demo dataset', () => {
  it('loads labelled organisations, people who can sign in and SCAP projects, and is removed whole', async () => {
    expect(await loadDemoData(t.db)).toBe(true);
    expect(await loadDemoData(t.db)).toBe(false);
    expect(await demoLoaded(t.db)).toBe(true);
    const demoOrganisations = await t.db.select().from(organisations).where(eq(organisations.isDemo, true));
    expect(demoOrganisations.every((o) => o.name.includes('(demo)'))).toBe(true);

    const signIn = await t.request(null, { method: 'POST', url: '/api/v1/session', payload: { email: 'danang@demo.mitra.example', password: DEMO_PASSWORD } });
    expect(signIn.statusCode).toBe(200);
    const officer = { cookie: cookieFrom(signIn) } as TestPerson;
    const [project] = await t.db.select().from(scapProjects).where(eq(scapProjects.cityId, 'da-nang')).limit(1);
    const boundary = 'b';
    const upload = await t.request(officer, {
      method: 'POST',
      url: `/api/v1/projects/${project!.id}/documents`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.pdf"\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`,
    });
    expect(upload.statusCode).toBe(201);

    // Work done with demo organisations goes with them: a practice and a pairing.
    const practice = await t.request(officer, { method: 'POST', url: '/api/v1/practices', payload: { kind: 'case_study', title: 'Demo practice', focusAreaId: 'civic-social' } });
    expect(practice.statusCode).toBe(201);
    const secretariat = await t.request(null, { method: 'POST', url: '/api/v1/session', payload: { email: 'secretariat@demo.mitra.example', password: DEMO_PASSWORD } });
    const usCity = demoOrganisations.find((o) => o.kind === 'us_city')!;
    const suggestions = await t.request({ cookie: cookieFrom(secretariat) } as TestPerson, { method: 'GET', url: '/api/v1/pairing-suggestions?cityId=da-nang' });
    expect(suggestions.json().items[0]).toMatchObject({ organisationId: usCity.id });
    const pairing = await t.request({ cookie: cookieFrom(secretariat) } as TestPerson, {
      method: 'POST',
      url: '/api/v1/pairings',
      payload: { usOrganisationId: usCity.id, cityId: 'da-nang', objectives: 'Flood warning exchange' },
    });
    expect(pairing.statusCode).toBe(201);

    const removed = await removeDemoData(t.db);
    expect(removed).toMatchObject({ organisations: demoOrganisations.length, users: 11, projects: 18 });
    expect(removed.documentKeys).toEqual([upload.json().id]);
    expect((await t.request(null, { method: 'GET', url: `/api/v1/practices/${practice.json().id}` })).statusCode).toBe(404);
    expect(await t.db.select().from(users).where(eq(users.isDemo, true))).toHaveLength(0);
    expect(await t.db.select().from(scapProjects).where(eq(scapProjects.isDemo, true))).toHaveLength(0);
    // Removed stays removed: a later start does not bring it back.
    expect(await demoLoaded(t.db)).toBe(true);
  });

  it("imports the sample feeds and Jakarta's inventory, which its officer sees with a KEV-listed exposure first; removal takes the inventory", async () => {
    const fresh = await createTestApp();
    try {
      expect(await loadDemoData(fresh.db)).toBe(true);
      const loaded = await loadDemoExposure(fresh.ctx);
      expect(loaded.feeds).toBeGreaterThan(25);
      expect(loaded.assets).toBe(6);
      expect((await fresh.db.select().from(vulnerabilityRecords)).length).toBeGreaterThan(100);

      const signIn = await fresh.request(null, { method: 'POST', url: '/api/v1/session', payload: { email: 'jakarta@demo.mitra.example', password: DEMO_PASSWORD } });
      const officer = { cookie: cookieFrom(signIn) } as TestPerson;
      const list = await fresh.request(officer, { method: 'GET', url: '/api/v1/exposures?limit=100' });
      expect(list.statusCode).toBe(200);
      const items = list.json().items as { vulnerabilityId: string; kev: boolean; assetName: string }[];
      expect(items.length).toBeGreaterThan(10);
      expect(items[0]!.kev).toBe(true);
      expect(items.map((i) => i.vulnerabilityId)).toEqual(expect.arrayContaining(['CVE-2021-4034', 'CVE-2021-26855', 'CVE-2023-0451']));
      // Da Nang's inventory stays empty for a newcomer to fill.
      const danang = await fresh.request(null, { method: 'POST', url: '/api/v1/session', payload: { email: 'danang@demo.mitra.example', password: DEMO_PASSWORD } });
      expect((await fresh.request({ cookie: cookieFrom(danang) } as TestPerson, { method: 'GET', url: '/api/v1/exposures' })).json().items).toEqual([]);

      await removeDemoData(fresh.db);
      expect(await fresh.db.select().from(assets)).toHaveLength(0);
      expect(await fresh.db.select().from(exposures)).toHaveLength(0);
      // The feeds are public reference data, not demo rows: they stay.
      expect((await fresh.db.select().from(vulnerabilityRecords)).length).toBeGreaterThan(100);
    } finally {
      await fresh.close();
    }
  });

  it('loads submitted self-assessments for three cities and published courses with cohorts; removal takes them and demo enrolments', async () => {
    const fresh = await createTestApp();
    try {
      expect(await loadDemoData(fresh.db)).toBe(true);
      expect(await loadDemoCyber(fresh.ctx)).toEqual({ assessments: 4, courses: 4 });
      const submitted = await fresh.db.select().from(cyberAssessments).where(eq(cyberAssessments.status, 'submitted'));
      expect(new Set(submitted.map((a) => a.cityId))).toEqual(new Set(['dki-jakarta', 'ha-noi', 'cebu-city']));
      // Every subcategory is answered (levels, or not applicable with a reason), as a submission requires.
      const answers = await fresh.db.select().from(cyberAssessmentAnswers).where(eq(cyberAssessmentAnswers.assessmentId, submitted[0]!.id));
      expect(answers).toHaveLength(106);
      expect(answers.every((a) => (a.notApplicable ? a.notApplicableReason.length > 0 : a.currentLevel !== null && a.targetLevel! >= a.currentLevel!))).toBe(true);
      const published = await fresh.db.select().from(courses).where(eq(courses.status, 'published'));
      expect(published).toHaveLength(4);
      const [cohort] = await fresh.db.select().from(cohorts).limit(1);
      const [hanoi] = await fresh.db.select().from(users).where(eq(users.email, 'hanoi@demo.mitra.example'));
      await fresh.db.insert(enrolments).values({ cohortId: cohort!.id, userId: hanoi!.id, status: 'approved' });

      await removeDemoData(fresh.db);
      expect(await fresh.db.select().from(cyberAssessments)).toHaveLength(0);
      expect(await fresh.db.select().from(courses)).toHaveLength(0);
      expect(await fresh.db.select().from(cohorts)).toHaveLength(0);
      expect(await fresh.db.select().from(enrolments)).toHaveLength(0);
    } finally {
      await fresh.close();
    }
  });

  it('creates a convening with matchmaking and a reverse trade mission that their people see; removal takes them', async () => {
    const fresh = await createTestApp();
    try {
      expect(await loadDemoData(fresh.db)).toBe(true);
      expect(await loadDemoEvents(fresh.ctx)).toEqual({ events: 2 });
      const signIn = await fresh.request(null, { method: 'POST', url: '/api/v1/session', payload: { email: 'danang@demo.mitra.example', password: DEMO_PASSWORD } });
      const officer = { cookie: cookieFrom(signIn) } as TestPerson;
      const list = await fresh.request(officer, { method: 'GET', url: '/api/v1/events' });
      expect(list.statusCode).toBe(200);
      const items = list.json().items as { id: string; title: string; kind: string }[];
      expect(items.map((e) => e.kind).sort()).toEqual(['convening', 'trade_mission']);
      // The public sees the public convening only; the mission is for the partnership.
      const publicList = (await fresh.request(null, { method: 'GET', url: '/api/v1/events' })).json().items as { kind: string }[];
      expect(publicList.map((e) => e.kind)).toEqual(['convening']);
      // Da Nang's officer has a meeting request from the company waiting for an answer.
      const convening = items.find((e) => e.kind === 'convening')!;
      const requests = await fresh.request(officer, { method: 'GET', url: `/api/v1/events/${convening.id}/meeting-requests` });
      expect(requests.statusCode).toBe(200);
      expect(JSON.stringify(requests.json())).toContain('Dragon Bridge');

      await removeDemoData(fresh.db);
      expect(await fresh.db.select().from(events)).toHaveLength(0);
      expect(await fresh.db.select().from(registrations)).toHaveLength(0);
    } finally {
      await fresh.close();
    }
  });
  it('builds a pipeline with rates, a bankability check, Lumen’s solutions, interest and deal, and assistance requests; removal takes them', async () => {
    const fresh = await createTestApp();
    const as = async (who: string) => {
      const signIn = await fresh.request(null, { method: 'POST', url: '/api/v1/session', payload: { email: `${who}@demo.mitra.example`, password: DEMO_PASSWORD } });
      expect(signIn.statusCode).toBe(200);
      return { cookie: cookieFrom(signIn) } as TestPerson;
    };
    try {
      expect(await loadDemoData(fresh.db)).toBe(true);
      expect(await loadDemoPipeline(fresh.ctx)).toEqual({ projects: 6, solutions: 3, assistanceRequests: 2 });

      // The portal's opportunities: the public projects only, in four cities' currencies with USD equivalents from the dated rates.
      const open = (await fresh.request(null, { method: 'GET', url: '/api/v1/opportunities?limit=50' })).json().items as {
        id: string;
        title: string;
        cityId: string;
        stage: string;
        scapProjectId: string | null;
        money: { currency: string; capitalCost: { amount: string; usd: string | null } | null; rate: { source: string; rateDate: string } | null };
      }[];
      expect(open.map((p) => p.cityId).sort()).toEqual(['da-nang', 'da-nang', 'dki-jakarta', 'ha-noi']);
      expect(open.map((p) => p.title)).not.toContain('Telemedicine hubs for district health centres');
      const lighting = open.find((p) => p.title === 'Smart LED street lighting PPP')!;
      expect(lighting.money).toMatchObject({ currency: 'VND', capitalCost: { amount: '412000000000' } });
      expect(lighting.money.capitalCost!.usd).toMatch(/^15695238\.\d\d$/);
      expect(lighting.money.rate!.source).toContain('State Bank of Viet Nam');
      const corridor = open.find((p) => p.cityId === 'da-nang' && p.scapProjectId !== null)!;
      expect(corridor).toMatchObject({ title: 'Adaptive traffic signals on the Dragon Bridge corridor', stage: 'announced' });
      // Cebu's partnership project shows to anyone signed in, in pesos with its dollar equivalent.
      const cebuList = (await fresh.request(await as('company'), { method: 'GET', url: '/api/v1/pipeline-projects?city=cebu-city' })).json().items;
      expect(cebuList).toHaveLength(1);
      expect(cebuList[0]).toMatchObject({ visibility: 'partnership', money: { currency: 'PHP', hasUsd: true } });

      // The stage history is dated over months, newest first, from today's stage back to the creation.
      const jakarta = await as('jakarta');
      const water = (await fresh.request(null, { method: 'GET', url: '/api/v1/opportunities?city=dki-jakarta' })).json().items[0];
      const detail = (await fresh.request(jakarta, { method: 'GET', url: `/api/v1/pipeline-projects/${water.id}` })).json();
      expect(detail.history.map((h: { toStage: string }) => h.toStage)).toEqual(['under_procurement', 'announced', 'detailed_planning', 'prospective']);
      const times = detail.history.map((h: { changedAt: string }) => Date.parse(h.changedAt));
      expect(times).toEqual([...times].sort((a: number, b: number) => b - a));
      expect(Date.now() - times.at(-1)).toBeGreaterThan(200 * 86_400_000);

      // Jakarta's bankability check: procurement before the feasibility study is justified, the missing risk allocation is open.
      const check = (await fresh.request(jakarta, { method: 'GET', url: `/api/v1/pipeline-projects/${water.id}/bankability` })).json();
      expect(check.flags.map((f: { id: string; status: string }) => [f.id, f.status]).sort()).toEqual([
        ['ppp_without_risk_allocation', 'open'],
        ['procurement_without_feasibility', 'justified'],
      ]);

      // Lumen's solutions are in the directory, its interest in the corridor is shortlisted, and the city's deal came from it.
      const directory = (await fresh.request(null, { method: 'GET', url: '/api/v1/solutions?q=adaptive%20signal' })).json();
      expect(directory.items[0]).toMatchObject({ name: 'Adaptive traffic signal control', organisationName: 'Lumen Mobility Inc. (demo)' });
      const fits = (await fresh.request(await as('company'), { method: 'GET', url: '/api/v1/solutions/opportunities' })).json();
      // Its two best fits are Da Nang's corridor (interest sent) and street lighting, each with its reasons.
      expect(fits.items.slice(0, 2).map((p: { title: string; interested: boolean }) => [p.title, p.interested]).sort()).toEqual([
        ['Adaptive traffic signals on the Dragon Bridge corridor', true],
        ['Smart LED street lighting PPP', false],
      ]);
      expect(fits.items[0].sector).toBe(true);
      const providers = (await fresh.request(await as('danang'), { method: 'GET', url: `/api/v1/pipeline-projects/${corridor.id}/providers` })).json();
      expect(providers.interests).toEqual([expect.objectContaining({ organisationName: 'Lumen Mobility Inc. (demo)', shortlisted: true })]);
      const [deal] = await fresh.db.select().from(deals);
      expect(deal).toMatchObject({ source: 'project_interest', investmentProjectId: corridor.id, stage: 'letter_of_intent', valueMinor: 35_000_000n, currency: 'USD' });

      // The U.S. agency's queue: Da Nang's study approved with its timeline and published; Jakarta's request waiting.
      const agency = await as('us-agency');
      const queue = (await fresh.request(agency, { method: 'GET', url: '/api/v1/assistance-requests' })).json().items as { id: string; cityId: string; status: string }[];
      expect(queue.map((r) => [r.cityId, r.status]).sort()).toEqual([
        ['da-nang', 'approved'],
        ['dki-jakarta', 'submitted'],
      ]);
      const study = (await fresh.request(agency, { method: 'GET', url: `/api/v1/assistance-requests/${queue.find((r) => r.cityId === 'da-nang')!.id}` })).json();
      expect(study.events.filter((e: { kind: string }) => e.kind === 'transition').map((e: { toStatus: string }) => e.toStatus)).toEqual(['submitted', 'screening', 'approved']);
      const published = (await fresh.request(null, { method: 'GET', url: '/api/v1/assistance-summaries' })).json().items;
      expect(published).toEqual([expect.objectContaining({ cityName: 'Da Nang', title: 'Feasibility study: smart LED street lighting PPP' })]);

      // A project of the real Da Nang administration, not made by a demo person, stays when the demo goes.
      const [realCity] = await fresh.db.insert(organisations).values({ name: 'Da Nang Department of Information and Communications', kind: 'city_government', cityId: 'da-nang' }).returning();
      const [realOfficer] = await fresh.db.insert(users).values({ email: 'officer@danang.example', name: 'Le Van Hoa', organisationId: realCity!.id, role: 'admin', status: 'active' }).returning();
      await fresh.db.insert(investmentProjects).values({ cityId: 'da-nang', title: 'Real city project', sector: 'digital', focusAreaId: 'civic-social', deliveryModel: 'public_investment', currency: 'VND', visibility: 'public', createdBy: realOfficer!.id });

      await removeDemoData(fresh.db);
      for (const table of [assistanceRequests, solutions, projectInterests, exchangeRates, deals]) {
        expect(await fresh.db.select().from(table)).toHaveLength(0);
      }
      expect((await fresh.db.select().from(investmentProjects)).map((p) => p.title)).toEqual(['Real city project']);
      expect((await fresh.request(null, { method: 'GET', url: '/api/v1/opportunities' })).json().items.map((p: { title: string }) => p.title)).toEqual(['Real city project']);
    } finally {
      await fresh.close();
    }
  });
});
