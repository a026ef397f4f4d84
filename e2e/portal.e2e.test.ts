import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectAccessible,
  expectNoHorizontalScroll,
  newPage,
  screenshot,
  useMitraAndBrowser,
} from './harness.js';

/**
 * The public portal, as a visitor walks it: the home page, the city directory with its map and
 * filters, a city's page with its public action-plan projects, and the same at 375 px wide.
 * Expected numbers come from the API (as a visitor), so the journey checks what the page shows
 * against what the server says rather than against numbers copied from the demo dataset.
 */
type City = { id: string; name: string; countryCode: string; countryName: string; projectCount: number; focusAreaIds: string[] };
type Project = { title: string; visibility: string };

const RESTRICTED_DA_NANG = 'Cybersecurity baseline for the city operations centre';
const PUBLIC_DA_NANG = [
  'Intelligent traffic signal control on the Dragon Bridge corridor',
  'Flood early-warning sensors on the Han River',
  'One-stop digital public services portal',
];

/** Waits for the page to catch up (API calls, the lazily loaded map) on a busy machine. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

describe.skipIf(!chromiumAvailable)('the public portal', () => {
  const mitra = useMitraAndBrowser();

  async function apiGet<T>(path: string): Promise<T> {
    const response = await fetch(mitra.server.url + path);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  }
  const cityNames = (cities: City[]) => cities.map((city) => city.name).sort();

  /** The names in the list of cities, once it shows `count` of them. */
  async function listedCities(page: Page, count: number): Promise<string[]> {
    await poll(() => page.getByTestId('city-card').count()).toBe(count);
    return (await page.getByTestId('city-card').locator('a').allTextContents()).sort();
  }

  it('home: explains the partnership and its nine activities, and counts the network from the API', async () => {
    const { page, context } = await newPage(mitra.browser);
    await page.goto(mitra.server.url);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('U.S.-ASEAN Smart Cities Partnership');
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);

    // Three pillars with three activities each, 1a to 3c.
    const pillars = page.locator('article');
    expect(await pillars.count()).toBe(3);
    const activityCodes = await pillars.locator('li .mantine-Badge-label').allTextContents();
    expect(activityCodes).toEqual(['1a', '1b', '1c', '2a', '2b', '2c', '3a', '3b', '3c']);
    expect(await page.getByText('Reverse trade missions').count()).toBe(1);

    // The network at a glance: cities, countries and public projects as the API reports them.
    const cities = (await apiGet<{ items: City[] }>('/api/v1/cities')).items;
    const publicProjects = (await apiGet<{ items: Project[]; nextCursor: string | null }>('/api/v1/projects?visibility=public&limit=200')).items;
    expect(cities).toHaveLength(31);
    await poll(() => page.getByTestId('glance-value').allTextContents()).toEqual([
      String(cities.length),
      String(new Set(cities.map((c) => c.countryCode)).size),
      String(publicProjects.length),
    ]);
    expect(publicProjects.length).toBeGreaterThan(0);
    expect(await page.locator('dl dt').allTextContents()).toContain('public action-plan (SCAP) projects');

    // The six focus areas of the framework, each a link to the directory filtered by it.
    await poll(() => page.locator('a[href^="/cities?focusArea="]').count()).toBe(6);
    // A visitor is offered the directory and signing in.
    expect(await page.getByRole('link', { name: 'Browse the city directory' }).getAttribute('href')).toBe('/cities');
    expect(await page.getByRole('main').getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/sign-in');
    // Recently updated projects are public ones only.
    await poll(() => page.getByTestId('recent-project').count()).toBeGreaterThan(0);
    const recentTitles = await page.getByTestId('recent-project').locator('p:first-child').allTextContents();
    for (const title of recentTitles) expect(publicProjects.map((p) => p.title)).toContain(title);

    await poll(() => page.title()).toContain('Mitra');
    await screenshot(page, 'portal-home-desktop');
    await expectAccessible(page, 'home');
    await context.close();
  });

  it('city directory: one map mark per city, and filters by country, focus area and name that can be shared', async () => {
    const { page, context } = await newPage(mitra.browser);
    const all = (await apiGet<{ items: City[] }>('/api/v1/cities')).items;
    await page.goto(`${mitra.server.url}/cities`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('ASCN cities');

    // The map: an SVG with a title and a description, and a link per city with its name.
    const map = page.getByTestId('city-map');
    await poll(() => map.getByTestId('city-dot').count()).toBe(31);
    expect(await map.locator('title').textContent()).toBe('Map of the ASEAN Smart Cities Network');
    expect(await map.locator('desc').textContent()).toContain('31 cities');
    const daNangDot = page.getByRole('link', { name: 'Da Nang, Viet Nam (Pilot city 2018)' });
    expect(await daNangDot.getAttribute('href')).toBe('/cities/da-nang');
    expect(await page.getByRole('link', { name: 'Sumedang, Indonesia (Joined 2024)' }).count()).toBe(1);
    // Every mark sits inside the map's frame.
    const [dotsInside, box] = await Promise.all([
      map.getByTestId('city-dot').evaluateAll((dots) => dots.map((dot) => (dot as SVGGraphicsElement).getBoundingClientRect())),
      map.boundingBox(),
    ]);
    for (const dot of dotsInside) {
      expect(dot.x).toBeGreaterThanOrEqual(box!.x);
      expect(dot.y).toBeGreaterThanOrEqual(box!.y);
      expect(dot.x + dot.width).toBeLessThanOrEqual(box!.x + box!.width);
      expect(dot.y + dot.height).toBeLessThanOrEqual(box!.y + box!.height);
    }

    // The list gives the same cities as text, with a count.
    expect(await listedCities(page, 31)).toEqual(cityNames(all));
    expect(await page.getByTestId('city-count').textContent()).toBe('31 cities in 10 countries');
    expect(await page.getByTestId('city-card').filter({ hasText: 'Chiang Mai' }).textContent()).toContain('Joined 2023');
    await screenshot(page, 'portal-cities-desktop');
    await expectAccessible(page, 'city directory');

    // By country: the list and the map shrink to that country's cities, and the address says so.
    const vietNam = all.filter((city) => city.countryCode === 'VN');
    await page.getByLabel('Country', { exact: true }).selectOption('VN');
    expect(await listedCities(page, vietNam.length)).toEqual(cityNames(vietNam));
    await poll(() => map.getByTestId('city-dot').count()).toBe(vietNam.length);
    expect(new URL(page.url()).searchParams.get('country')).toBe('VN');
    // The map zooms in to the country.
    const viewBox = (await map.getAttribute('viewBox'))!.split(' ').map(Number);
    expect(viewBox[2]).toBeLessThan(1000);
    expect(await page.getByTestId('city-count').textContent()).toBe(`${vietNam.length} of 31 cities match`);

    // And by focus area: compared with the server's own filter.
    const vnBuilt = (await apiGet<{ items: City[] }>('/api/v1/cities?country=VN&focusArea=built-infrastructure')).items;
    expect(vnBuilt.length).toBeGreaterThan(0);
    expect(vnBuilt.length).toBeLessThan(vietNam.length);
    await page.getByLabel('Focus area', { exact: true }).selectOption('built-infrastructure');
    expect(await listedCities(page, vnBuilt.length)).toEqual(cityNames(vnBuilt));
    await poll(() => map.getByTestId('city-dot').count()).toBe(vnBuilt.length);
    await screenshot(page, 'portal-cities-filtered-desktop');
    await expectAccessible(page, 'city directory filtered');

    // A filtered view can be shared: opening its address shows the same cities.
    const shared = page.url();
    expect(shared).toContain('focusArea=built-infrastructure');
    const { page: other, context: otherContext } = await newPage(mitra.browser);
    await other.goto(shared);
    expect(await listedCities(other, vnBuilt.length)).toEqual(cityNames(vnBuilt));
    expect(await other.getByLabel('Country', { exact: true }).inputValue()).toBe('VN');
    await otherContext.close();

    // Focus area alone, across the region.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await listedCities(page, 31);
    const safety = (await apiGet<{ items: City[] }>('/api/v1/cities?focusArea=safety-security')).items;
    await page.getByLabel('Focus area', { exact: true }).selectOption('safety-security');
    expect(await listedCities(page, safety.length)).toEqual(cityNames(safety));

    // Name search, accent- and case-insensitive; nothing found says so.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    const bang = (await apiGet<{ items: City[] }>('/api/v1/cities?q=bang')).items;
    expect(bang.length).toBeGreaterThan(1);
    await page.getByLabel('City name', { exact: true }).fill('BANG');
    expect(await listedCities(page, bang.length)).toEqual(cityNames(bang));
    await page.getByLabel('City name', { exact: true }).fill('Atlantis');
    await poll(() => page.getByText('No city matches these filters').count()).toBe(1);
    expect(await page.getByTestId('city-card').count()).toBe(0);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await listedCities(page, 31);

    // A mark on the map opens the city's page, from the keyboard too.
    await daNangDot.focus();
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Da Nang');
    expect(new URL(page.url()).pathname).toBe('/cities/da-nang');
    await context.close();
  });

  it("city page: Da Nang's profile and its public projects, never the restricted one", async () => {
    const { page, context } = await newPage(mitra.browser);
    await page.goto(`${mitra.server.url}/cities/da-nang`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Da Nang');
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    const main = page.getByRole('main');
    expect(await main.textContent()).toContain('Viet Nam');
    expect(await main.textContent()).toContain('Pilot city 2018 (member since 2018)');
    // The reference data fills no profile, so the empty states show.
    expect(await page.getByTestId('summary-empty').textContent()).toBe('Da Nang has not written a profile summary yet.');
    expect(await main.textContent()).toContain('Da Nang has not listed its Chief Smart City Officer or contacts yet.');
    // A small map shows where the city is.
    await poll(() => page.getByRole('img', { name: 'Map: where Da Nang is in Viet Nam' }).count()).toBe(1);
    // A visitor may not edit.
    expect(await page.getByRole('link', { name: 'Edit profile and action plan' }).count()).toBe(0);

    const cards = page.getByTestId('project-card');
    await poll(() => cards.count()).toBe(PUBLIC_DA_NANG.length);
    const titles = await cards.locator('h3').allTextContents();
    expect(titles.sort()).toEqual([...PUBLIC_DA_NANG].sort());
    expect(await main.textContent()).not.toContain(RESTRICTED_DA_NANG);
    expect(await page.getByTestId('visibility-badge').count()).toBe(0);
    expect(await page.getByTestId('project-count').textContent()).toBe('3 projects');

    const traffic = cards.filter({ hasText: 'Dragon Bridge' });
    const trafficText = await traffic.textContent();
    expect(trafficText).toContain('Built Infrastructure (BI)');
    expect(trafficText).toContain('Ongoing');
    expect(trafficText).toContain('2024–2027');
    expect(trafficText).toMatch(/USD\s2,400,000/);
    expect(trafficText).toContain('Department of Transport');
    expect(trafficText).toContain('Demo');
    expect(await cards.filter({ hasText: 'Han River' }).textContent()).toMatch(/VND\s18,500,000,000/);
    await screenshot(page, 'portal-city-desktop');
    await expectAccessible(page, 'city page');

    // Filters: by status, then a combination that matches nothing.
    await page.getByLabel('Status', { exact: true }).selectOption('completed');
    await poll(() => cards.locator('h3').allTextContents()).toEqual(['One-stop digital public services portal']);
    expect(new URL(page.url()).searchParams.get('status')).toBe('completed');
    await page.getByLabel('Focus area', { exact: true }).selectOption('health-well-being');
    await poll(() => page.getByText('No project matches these filters').count()).toBe(1);
    expect(await cards.count()).toBe(0);
    await expectAccessible(page, 'city page, no project matches');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await poll(() => cards.count()).toBe(PUBLIC_DA_NANG.length);
    await context.close();
  });

  it('city page: an unknown city is a friendly not-found page', async () => {
    const { page, context } = await newPage(mitra.browser);
    await page.goto(`${mitra.server.url}/cities/atlantis`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('City not found');
    expect(await page.getByRole('link', { name: 'Go to the city directory' }).getAttribute('href')).toBe('/cities');
    await expectAccessible(page, 'city not found');
    await context.close();
  });

  it("city page: Da Nang's own officer sees the restricted project and the edit link", async () => {
    const { page, context } = await newPage(mitra.browser);
    const signIn = await context.request.post(`${mitra.server.url}/api/v1/session`, {
      data: { email: 'danang@demo.mitra.example', password: 'mitra-demo-2026' },
    });
    expect(signIn.status()).toBe(200);
    await page.goto(`${mitra.server.url}/cities/da-nang`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Da Nang');
    const edit = page.getByRole('link', { name: 'Edit profile and action plan' });
    await poll(() => edit.count()).toBe(1);
    expect(await edit.getAttribute('href')).toBe('/app/cities/da-nang');
    const restricted = page.getByTestId('project-card').filter({ hasText: RESTRICTED_DA_NANG });
    await poll(() => restricted.count()).toBe(1);
    expect(await restricted.getByTestId('visibility-badge').textContent()).toBe('Restricted');
    expect(await page.getByTestId('summary-empty').textContent()).toContain('Edit profile and action plan');
    await expectAccessible(page, 'city page, signed in');

    // Once the city fills in its profile, the page shows it instead of the empty states.
    const update = await context.request.patch(`${mitra.server.url}/api/v1/cities/da-nang`, {
      headers: { origin: mitra.server.url },
      data: {
        population: 1220190,
        summary: 'A coastal city in central Viet Nam.\n\nIts smart city programme started in 2014.',
        priorities: ['Traffic management', 'Flood resilience'],
        cscoName: 'Nguyen Thi Lan',
        cscoTitle: 'Chief Smart City Officer',
        contactEmail: 'smartcity@danang.example',
        contactPhone: '+84 236 000 0000',
        website: 'https://smartcity.danang.example/',
      },
    });
    expect(update.status()).toBe(200);
    await page.reload();
    await poll(() => page.getByText('Its smart city programme started in 2014.').count()).toBe(1);
    expect(await page.getByTestId('summary-empty').count()).toBe(0);
    const main = page.getByRole('main');
    expect(await main.textContent()).toContain('1,220,190');
    expect(await main.getByRole('listitem').filter({ hasText: 'Flood resilience' }).count()).toBe(1);
    expect(await main.textContent()).toContain('Nguyen Thi Lan');
    expect(await page.getByRole('link', { name: 'smartcity@danang.example' }).getAttribute('href')).toBe('mailto:smartcity@danang.example');
    expect(await page.getByRole('link', { name: /smartcity\.danang\.example/ }).getAttribute('href')).toBe('https://smartcity.danang.example/');
    expect(await page.getByRole('link', { name: '+84 236 000 0000' }).getAttribute('href')).toBe('tel:+842360000000');
    await poll(() => page.getByTestId('city-locator').count()).toBe(1);
    await screenshot(page, 'portal-city-filled-desktop');
    await expectAccessible(page, 'city page with a filled profile');
    await context.close();
  });

  it('works on a 375 px wide screen: no sideways scrolling, accessible, map and list both usable', async () => {
    const { page, context } = await newPage(mitra.browser, { narrow: true });
    const thailand = (await apiGet<{ items: City[] }>('/api/v1/cities?country=TH')).items;
    expect(thailand.length).toBeGreaterThan(1);
    const visits: { path: string; heading: string; name: string; ready?: (page: Page) => Promise<void> }[] = [
      {
        path: '/',
        heading: 'U.S.-ASEAN Smart Cities Partnership',
        name: 'portal-home-375',
        ready: async (p) => void (await poll(() => p.getByTestId('glance-value').count()).toBe(3)),
      },
      {
        path: '/cities',
        heading: 'ASCN cities',
        name: 'portal-cities-375',
        ready: async (p) => void (await poll(() => p.getByTestId('city-dot').count()).toBe(31)),
      },
      {
        path: '/cities?country=TH',
        heading: 'ASCN cities',
        name: 'portal-cities-thailand-375',
        ready: async (p) => void (await poll(() => p.getByTestId('city-dot').count()).toBe(thailand.length)),
      },
      {
        path: '/cities/da-nang',
        heading: 'Da Nang',
        name: 'portal-city-375',
        ready: async (p) => {
          await poll(() => p.getByTestId('project-card').count()).toBe(3);
          await poll(() => p.getByTestId('city-locator').count()).toBe(1);
        },
      },
      { path: '/cities/atlantis', heading: 'City not found', name: 'portal-not-found-375' },
    ];
    for (const visit of visits) {
      await page.goto(mitra.server.url + visit.path);
      await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(visit.heading);
      await visit.ready?.(page);
      await screenshot(page, visit.name);
      await expectNoHorizontalScroll(page);
      await expectAccessible(page, `${visit.path} at 375 px`);
    }
    // On a phone the map still fits the screen and the marks stay large enough to see.
    await page.goto(`${mitra.server.url}/cities`);
    const dot = page.getByRole('link', { name: 'Bangkok, Thailand (Pilot city 2018)' });
    await poll(() => dot.count()).toBe(1);
    const dotBox = await dot.locator('circle').last().boundingBox();
    expect(dotBox!.width).toBeGreaterThanOrEqual(10);
    const mapBox = await page.getByTestId('city-map').boundingBox();
    expect(mapBox!.width).toBeLessThanOrEqual(375);
    await context.close();
  });

  it('city page: "load more" fetches the next page of a long action plan', async () => {
    // The secretariat adds 23 public projects to a city that has none, through the API.
    const { context: adminContext } = await newPage(mitra.browser);
    const signIn = await adminContext.request.post(`${mitra.server.url}/api/v1/session`, {
      data: { email: 'secretariat@demo.mitra.example', password: 'mitra-demo-2026' },
    });
    expect(signIn.status()).toBe(200);
    for (let n = 1; n <= 23; n++) {
      const created = await adminContext.request.post(`${mitra.server.url}/api/v1/cities/siem-reap/projects`, {
        data: { title: `Heritage district project ${String(n).padStart(2, '0')}`, focusAreaId: 'civic-social', status: 'planning', visibility: 'public' },
        headers: { origin: mitra.server.url }, // writes must come from Mitra's own origin
      });
      expect(created.status()).toBe(201);
    }
    await adminContext.close();

    const { page, context } = await newPage(mitra.browser);
    await page.goto(`${mitra.server.url}/cities/siem-reap`);
    const cards = page.getByTestId('project-card');
    await poll(() => cards.count()).toBe(20);
    expect(await page.getByTestId('project-count').textContent()).toBe('Showing the first 20 projects');
    await page.getByRole('button', { name: 'Load more projects' }).click();
    await poll(() => cards.count()).toBe(23);
    expect(await page.getByTestId('project-count').textContent()).toBe('23 projects');
    expect(await page.getByRole('button', { name: 'Load more projects' }).count()).toBe(0);
    const titles = await cards.locator('h3').allTextContents();
    expect(new Set(titles).size).toBe(23);
    expect(titles[22]).toBe('Heritage district project 23');
    await context.close();
  });
});
