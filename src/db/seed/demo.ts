import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { hashPassword } from '../../modules/auth/service.js';
import type { Db } from '../client.js';
import { removeDemoCyber } from './demo-cyber.js';
import { removeDemoEvents } from './demo-events.js';
import { removeDemoPipeline } from './demo-pipeline.js';
import {
  assets,
  documents,
  exposureSnapshots,
  exchangeOfferFocusAreas,
  exchangeOffers,
  organisations,
  pairings,
  practices,
  scapProjects,
  settings,
  users,
  type OrganisationKind,
} from '../schema/index.js';

/**
 * The demo dataset: clearly labelled organisations, people and SCAP projects so that a newcomer
 * sees a lived-in platform. Every row carries is_demo, and `mitra seed --remove-demo` takes it out.
 */
export const DEMO_PASSWORD = 'mitra-demo-2026';

type DemoOrganisation = { key: string; name: string; kind: OrganisationKind; cityId?: string; countryCode?: string; website?: string };
const demoOrganisations: DemoOrganisation[] = [
  { key: 'secretariat', name: 'Partnership Secretariat (demo)', kind: 'secretariat' },
  { key: 'da-nang', name: 'Da Nang City People’s Committee (demo)', kind: 'city_government', cityId: 'da-nang' },
  { key: 'ha-noi', name: 'Ha Noi People’s Committee (demo)', kind: 'city_government', cityId: 'ha-noi' },
  { key: 'jakarta', name: 'Jakarta Smart City (demo)', kind: 'city_government', cityId: 'dki-jakarta' },
  { key: 'cebu', name: 'Cebu City Government (demo)', kind: 'city_government', cityId: 'cebu-city' },
  { key: 'vn-national', name: 'Viet Nam national ASCN representative (demo)', kind: 'national_agency', countryCode: 'VN' },
  { key: 'us-agency', name: 'U.S. Trade and Development office (demo)', kind: 'us_agency' },
  { key: 'us-city', name: 'City of Riverton, U.S. (demo)', kind: 'us_city' },
  { key: 'company', name: 'Lumen Mobility Inc. (demo)', kind: 'company', website: 'https://lumen-mobility.example' },
  { key: 'cyber-centre', name: 'Regional Cyber Capacity Centre (demo)', kind: 'cyber_centre' },
  { key: 'academia', name: 'Mekong Urban Institute (demo)', kind: 'academia' },
];

export const demoPeople = [
  { email: 'secretariat@demo.mitra.example', name: 'Amara Santos', title: 'Programme manager', org: 'secretariat', role: 'admin' as const },
  { email: 'danang@demo.mitra.example', name: 'Nguyen Thi Lan', title: 'Chief Smart City Officer', org: 'da-nang', role: 'admin' as const },
  { email: 'hanoi@demo.mitra.example', name: 'Tran Van Minh', title: 'Smart city officer', org: 'ha-noi', role: 'admin' as const },
  { email: 'jakarta@demo.mitra.example', name: 'Siti Rahmawati', title: 'Head of Jakarta Smart City', org: 'jakarta', role: 'admin' as const },
  { email: 'cebu@demo.mitra.example', name: 'Jose Reyes', title: 'City planning officer', org: 'cebu', role: 'admin' as const },
  { email: 'vn-national@demo.mitra.example', name: 'Pham Quoc Anh', title: 'National representative', org: 'vn-national', role: 'admin' as const },
  { email: 'us-agency@demo.mitra.example', name: 'Rachel Morgan', title: 'Regional director', org: 'us-agency', role: 'admin' as const },
  { email: 'us-city@demo.mitra.example', name: 'David Cole', title: 'Chief innovation officer', org: 'us-city', role: 'admin' as const },
  { email: 'company@demo.mitra.example', name: 'Priya Natarajan', title: 'Business development lead', org: 'company', role: 'admin' as const },
  { email: 'cyber@demo.mitra.example', name: 'Lim Wei Jie', title: 'Training lead', org: 'cyber-centre', role: 'admin' as const },
  { email: 'academia@demo.mitra.example', name: 'Somchai Wongsa', title: 'Research fellow', org: 'academia', role: 'admin' as const },
];

type DemoProject = {
  cityId: string;
  title: string;
  focusAreaId: string;
  status: 'planning' | 'ongoing' | 'completed';
  startYear: number | null;
  endYear: number | null;
  budget?: [bigint, string];
  partners?: string[];
  visibility: 'public' | 'partnership' | 'restricted';
  description: string;
};

const demoProjects: DemoProject[] = [
  { cityId: 'da-nang', title: 'Intelligent traffic signal control on the Dragon Bridge corridor', focusAreaId: 'built-infrastructure', status: 'ongoing', startYear: 2024, endYear: 2027, budget: [2_400_000_00n, 'USD'], partners: ['Department of Transport'], visibility: 'public', description: 'Adaptive signal timing at 48 junctions with a central traffic operations centre, to cut peak-hour delays and prioritise buses.' },
  { cityId: 'da-nang', title: 'Flood early-warning sensors on the Han River', focusAreaId: 'quality-environment', status: 'planning', startYear: 2026, endYear: 2028, budget: [18_500_000_000n, 'VND'], visibility: 'public', description: 'Water-level and rainfall sensors feeding an alert service for residents in low-lying wards.' },
  { cityId: 'da-nang', title: 'Cybersecurity baseline for the city operations centre', focusAreaId: 'safety-security', status: 'planning', startYear: 2026, endYear: 2026, visibility: 'restricted', description: 'Inventory of connected devices and a NIST CSF 2.0 self-assessment before the centre expands.' },
  { cityId: 'da-nang', title: 'One-stop digital public services portal', focusAreaId: 'civic-social', status: 'completed', startYear: 2020, endYear: 2023, visibility: 'public', description: 'Online submission and tracking of administrative procedures for residents and businesses.' },
  { cityId: 'ha-noi', title: 'Electric bus fleet and depot charging', focusAreaId: 'built-infrastructure', status: 'ongoing', startYear: 2023, endYear: 2030, budget: [95_000_000_00n, 'USD'], visibility: 'public', description: 'Replacing diesel buses on 12 routes with electric buses and building smart charging at two depots.' },
  { cityId: 'ha-noi', title: 'Air-quality monitoring network', focusAreaId: 'quality-environment', status: 'ongoing', startYear: 2022, endYear: null, visibility: 'partnership', description: 'Low-cost sensors at schools and hospitals with an open data dashboard.' },
  { cityId: 'ha-noi', title: 'Telemedicine for district health stations', focusAreaId: 'health-well-being', status: 'planning', startYear: 2026, endYear: 2029, visibility: 'restricted', description: 'Video consultations between commune health stations and city hospitals.' },
  { cityId: 'dki-jakarta', title: 'JAKI super-app service integration', focusAreaId: 'civic-social', status: 'ongoing', startYear: 2021, endYear: null, visibility: 'public', partners: ['Jakarta Smart City'], description: 'Bringing permits, complaints and public information into one citizen app.' },
  { cityId: 'dki-jakarta', title: 'Integrated flood control command centre', focusAreaId: 'safety-security', status: 'ongoing', startYear: 2022, endYear: 2026, budget: [1_200_000_000_000_00n, 'IDR'], visibility: 'public', description: 'Pump stations, sluice gates and rain radar monitored and operated from one centre.' },
  { cityId: 'dki-jakarta', title: 'Waste-to-energy feasibility study', focusAreaId: 'quality-environment', status: 'planning', startYear: 2027, endYear: 2028, visibility: 'partnership', description: 'Options appraisal for an intermediate treatment facility serving North Jakarta.' },
  { cityId: 'dki-jakarta', title: 'Start-up incubator for urban technology', focusAreaId: 'industry-innovation', status: 'completed', startYear: 2019, endYear: 2022, visibility: 'public', description: 'A city-run incubator that piloted 30 start-up solutions with city departments.' },
  { cityId: 'cebu-city', title: 'Bus rapid transit fare and passenger information system', focusAreaId: 'built-infrastructure', status: 'ongoing', startYear: 2024, endYear: 2027, visibility: 'public', description: 'Contactless fares and real-time arrival information for the Cebu BRT.' },
  { cityId: 'cebu-city', title: 'Disaster risk reduction information system', focusAreaId: 'safety-security', status: 'planning', startYear: 2026, endYear: 2027, visibility: 'restricted', description: 'Hazard maps, evacuation centre capacity and incident reporting for barangays.' },
  { cityId: 'singapore', title: 'Smart Nation sensor platform (reference)', focusAreaId: 'built-infrastructure', status: 'completed', startYear: 2018, endYear: 2022, visibility: 'public', description: 'A demo reference project: shared sensor infrastructure for government agencies.' },
  { cityId: 'bangkok', title: 'Traffic management centre upgrade', focusAreaId: 'built-infrastructure', status: 'planning', startYear: 2026, endYear: 2029, visibility: 'public', description: 'Demo: consolidating camera feeds and signal control for the inner city.' },
  { cityId: 'kuala-lumpur', title: 'Smart street lighting', focusAreaId: 'quality-environment', status: 'ongoing', startYear: 2023, endYear: 2026, budget: [42_000_000_00n, 'MYR'], visibility: 'public', description: 'Demo: LED retrofits with remote dimming across 80,000 street lights.' },
  { cityId: 'phnom-penh', title: 'Digital land and property registry', focusAreaId: 'civic-social', status: 'planning', startYear: 2027, endYear: 2029, visibility: 'partnership', description: 'Demo: digitising land titles and building permits.' },
  { cityId: 'luang-prabang', title: 'Heritage-zone visitor management', focusAreaId: 'industry-innovation', status: 'ongoing', startYear: 2024, endYear: 2026, visibility: 'public', description: 'Demo: visitor counting and digital ticketing for the UNESCO heritage zone.' },
];

export async function demoLoaded(db: Db): Promise<boolean> {
  const [row] = await db.select().from(settings).where(eq(settings.key, 'demo'));
  return Boolean(row);
}

export async function demoPresent(db: Db): Promise<boolean> {
  const [existing] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.isDemo, true)).limit(1);
  return Boolean(existing);
}

/** Loads the demo dataset unless it is there already. Returns false when it was already loaded. */
export async function loadDemoData(db: Db): Promise<boolean> {
  if (await demoPresent(db)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const org of demoOrganisations) {
      const [row] = await tx
        .insert(organisations)
        .values({ name: org.name, kind: org.kind, cityId: org.cityId ?? null, countryCode: org.countryCode ?? null, website: org.website ?? null, isDemo: true })
        .returning({ id: organisations.id });
      ids.set(org.key, row!.id);
    }
    await tx.insert(users).values(
      demoPeople.map((p) => ({
        email: p.email,
        name: p.name,
        title: p.title,
        organisationId: ids.get(p.org)!,
        role: p.role,
        status: 'active' as const,
        passwordHash,
        emailNotifications: false,
        isDemo: true,
      })),
    );
    await tx.insert(scapProjects).values(
      demoProjects.map((p) => ({
        cityId: p.cityId,
        title: p.title,
        focusAreaId: p.focusAreaId,
        description: p.description,
        status: p.status,
        startYear: p.startYear,
        endYear: p.endYear,
        budgetMinor: p.budget?.[0] ?? null,
        budgetCurrency: p.budget?.[1] ?? null,
        partners: p.partners ?? [],
        visibility: p.visibility,
        isDemo: true,
      })),
    );
    // A U.S. city that offers expertise, so that pairing suggestions have something to suggest.
    await tx.insert(exchangeOffers).values({
      organisationId: ids.get('us-city')!,
      sectors: ['water', 'transport'],
      expertiseSummary: 'Flood early warning with river sensors, stormwater management and adaptive traffic signal control.',
      keywords: ['flood', 'sensors', 'stormwater', 'traffic', 'signal'],
    });
    await tx.insert(exchangeOfferFocusAreas).values([
      { organisationId: ids.get('us-city')!, focusAreaId: 'quality-environment' },
      { organisationId: ids.get('us-city')!, focusAreaId: 'built-infrastructure' },
    ]);
    await tx
      .insert(settings)
      .values({ key: 'demo', value: { loadedAt: new Date().toISOString() } })
      .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: new Date() } });
  });
  return true;
}

/** Removes every demo row, and anyone who was invited into a demo organisation. Keeps the 'demo' marker so it does not come back. */
export async function removeDemoData(db: Db): Promise<{ organisations: number; users: number; projects: number; documentKeys: string[] }> {
  return db.transaction(async (tx) => {
    const demoOrgIds = (await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.isDemo, true))).map((r) => r.id);
    const demoProjectIds = (await tx.select({ id: scapProjects.id }).from(scapProjects).where(eq(scapProjects.isDemo, true))).map((r) => String(r.id));
    // Pairings and practices of demo organisations go with them (a pairing's activities and updates cascade).
    const demoPairingIds = demoOrgIds.length
      ? (await tx.delete(pairings).where(inArray(pairings.usOrganisationId, demoOrgIds)).returning({ id: pairings.id })).map((r) => String(r.id))
      : [];
    const demoPracticeIds = demoOrgIds.length
      ? (await tx.select({ id: practices.id }).from(practices).where(inArray(practices.organisationId, demoOrgIds))).map((r) => String(r.id))
      : [];
    if (demoPracticeIds.length) {
      await tx.update(practices).set({ translationOf: null }).where(inArray(practices.translationOf, demoPracticeIds));
      await tx.delete(practices).where(inArray(practices.id, demoPracticeIds));
    }
    const owned = [
      ['scap_project', demoProjectIds],
      ['pairing', demoPairingIds],
      ['practice', demoPracticeIds],
    ] as const;
    const removedDocuments = [];
    for (const [ownerType, ownerIds] of owned) {
      if (!ownerIds.length) continue;
      removedDocuments.push(
        ...(await tx
          .delete(documents)
          .where(and(eq(documents.ownerType, ownerType), inArray(documents.ownerId, [...ownerIds])))
          .returning({ storageKey: documents.storageKey })),
      );
    }
    const projects = await tx.delete(scapProjects).where(eq(scapProjects.isDemo, true)).returning({ id: scapProjects.id });
    // Technology inventories recorded by demo people (the seeded one and any added while trying Mitra)
    // go too; their exposures cascade, and a city left with no inventory loses its trend.
    const demoUserIds = (
      await tx
        .select({ id: users.id })
        .from(users)
        .where(demoOrgIds.length ? or(eq(users.isDemo, true), inArray(users.organisationId, demoOrgIds)) : eq(users.isDemo, true))
    ).map((r) => r.id);
    if (demoUserIds.length) {
      const removedAssets = await tx.delete(assets).where(inArray(assets.createdBy, demoUserIds)).returning({ cityId: assets.cityId });
      for (const cityId of new Set(removedAssets.map((a) => a.cityId))) {
        const [left] = await tx.select({ id: assets.id }).from(assets).where(eq(assets.cityId, cityId)).limit(1);
        if (!left) await tx.delete(exposureSnapshots).where(eq(exposureSnapshots.cityId, cityId));
      }
    }
    // Pipeline projects and assistance requests made by demo people (or routed to the demo agency) and their documents.
    const pipeline = await removeDemoPipeline(tx, demoOrgIds, demoUserIds);
    removedDocuments.push(...pipeline.documentKeys.map((storageKey) => ({ storageKey })));
    await removeDemoEvents(tx, demoOrgIds, demoUserIds);
    const cyber = await removeDemoCyber(tx, demoOrgIds, demoUserIds);
    removedDocuments.push(...cyber.documentKeys.map((storageKey) => ({ storageKey })));
    const removedUsers = await tx
      .delete(users)
      .where(demoOrgIds.length ? or(eq(users.isDemo, true), inArray(users.organisationId, demoOrgIds)) : eq(users.isDemo, true))
      .returning({ id: users.id });
    const orgs = await tx.delete(organisations).where(eq(organisations.isDemo, true)).returning({ id: organisations.id });
    await tx
      .insert(settings)
      .values({ key: 'demo', value: { removedAt: new Date().toISOString() } })
      .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: new Date() } });
    // The caller removes the files once the rows are gone for good.
    return { organisations: orgs.length, users: removedUsers.length, projects: projects.length, documentKeys: removedDocuments.map((d) => d.storageKey) };
  });
}
