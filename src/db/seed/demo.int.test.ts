import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, cookieFrom, type TestApp, type TestPerson } from '../../testing/harness.js';
import { assets, events, registrations, cohorts, courses, cyberAssessmentAnswers, cyberAssessments, enrolments, exposures, organisations, scapProjects, users, vulnerabilityRecords } from '../schema/index.js';
import { loadDemoCyber } from './demo-cyber.js';
import { loadDemoEvents } from './demo-events.js';
import { loadDemoExposure } from './demo-exposure.js';
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
});
