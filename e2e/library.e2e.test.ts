import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectNoHorizontalScroll, newPage, screenshot, useMitraAndBrowser } from './harness.js';

/**
 * The best-practice library, as its people walk it: a Da Nang officer writes a practice (with a
 * hostile Markdown body), saves and submits it; the secretariat publishes it from the review queue;
 * a visitor finds it by searching with a typo and reads the rendered body, in which nothing hostile
 * runs or links. Every page is scanned with axe; the main pages are checked at 375 px wide.
 */
const DEMO_PASSWORD = 'mitra-demo-2026';
const TITLE = 'Traffic signal priority for buses';
const RETURNED_TITLE = 'Night-time street lighting on demand';
const BODY = [
  '## Why buses first',
  '',
  'Buses carry **most commuters** on the corridor.',
  '',
  '<script>window.__pwned = "script"</script>',
  '',
  '[click me](javascript:window.__pwned="link")',
  '',
  '<img src="x" onerror="window.__pwned = \'img\'">',
].join('\n');
const POLL = { timeout: 20_000 };

/** A field's label, exactly, with or without the asterisk of a required field. */
const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( ?\\*)?$`);

type Framework = { focusAreas: { id: string; name: string; code: string }[] };
type Practice = { id: string; title: string; status: string; reviewComment: string | null };

describe.skipIf(!chromiumAvailable)('the best-practice library', () => {
  const mitra = useMitraAndBrowser();
  const url = (path: string) => mitra.server.url + path;
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
  let officer: { context: BrowserContext; page: Page };
  let practiceId = '';

  async function expectTitle(page: Page, text: string): Promise<void> {
    await expect.poll(async () => ((await h1(page).count()) === 1 ? await h1(page).textContent() : null), POLL).toBe(text);
  }

  async function signIn(page: Page, path: string, email: string): Promise<void> {
    await page.goto(url(`/sign-in?next=${encodeURIComponent(path)}`));
    await page.getByLabel(label('Email')).fill(email);
    await page.getByLabel(label('Password')).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  async function apiGet<T>(path: string): Promise<T> {
    const response = await fetch(url(path));
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  }

  it('a city officer writes a practice, saves it as a draft and submits it for review', async () => {
    officer = await newPage(mitra.browser);
    const { page } = officer;
    const focusArea = (await apiGet<Framework>('/api/v1/framework')).focusAreas[0]!;

    await signIn(page, '/app/library', 'danang@demo.mitra.example');
    await expectTitle(page, 'Our practices');
    // The workspace navigation has the library; only the secretariat has the review queue.
    const nav = page.getByRole('navigation', { name: 'Workspace', exact: true });
    if (await nav.count()) {
      expect(await nav.getByRole('link', { name: 'Library' }).count()).toBe(1);
      expect(await nav.getByRole('link', { name: 'Review queue' }).count()).toBe(0);
    }
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Write a practice' }).click();
    await expectTitle(page, 'Write a practice');
    await page.getByLabel(label('Kind')).selectOption('case_study');
    await page.getByLabel(label('Title')).fill(TITLE);
    await page.getByLabel(label('Summary')).fill('Green waves for buses on the Dragon Bridge corridor cut journey times.');
    await page.getByLabel(label('Description (Markdown)')).fill(BODY);
    await page.getByLabel(label('Focus area')).selectOption({ label: `${focusArea.name} (${focusArea.code})` });
    await page.getByRole('combobox', { name: 'Sectors' }).fill('Transport');
    await page.getByRole('combobox', { name: 'Sectors' }).press('Enter');
    await page.getByLabel(label('Cost range')).selectOption('100k_1m');
    await page.getByRole('button', { name: 'Add an indicator' }).click();
    await page.getByLabel(label('Indicator 1')).fill('Bus journey time');
    await page.getByLabel(label('Value 1')).fill('-18');
    await page.getByLabel(label('Unit 1')).fill('%');
    await expectAccessible(page, 'the practice form');
    await screenshot(page, 'library-form');

    await page.getByRole('button', { name: 'Save draft' }).click();
    await expectTitle(page, 'Edit the practice');
    await expect.poll(() => page.getByText(`Saved “${TITLE}” as a draft.`).count(), POLL).toBe(1);
    practiceId = /\/app\/library\/([0-9a-f-]{36})\/edit/.exec(page.url())?.[1] ?? '';
    expect(practiceId).not.toBe('');
    expect(await page.getByTestId('practice-status').first().textContent()).toBe('Draft');
    // The draft is not visible to visitors.
    expect((await fetch(url(`/api/v1/practices/${practiceId}`))).status).toBe(404);
    await expectAccessible(page, 'the saved draft');
    await screenshot(page, 'library-edit');

    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => page.url(), POLL).toBe(url(`/library/${practiceId}`));
    await expectTitle(page, TITLE);
    await expect.poll(() => page.getByTestId('practice-status').first().textContent(), POLL).toBe('In review');
    await expectAccessible(page, 'the practice in review, to its authors');
  });

  it('the secretariat returns one practice with a comment and publishes the other from the review queue', async () => {
    // A second practice, through the API as the officer, to be returned.
    const created = await officer.context.request.post(url('/api/v1/practices'), {
      headers: { origin: mitra.server.url },
      data: { kind: 'guide', title: RETURNED_TITLE, focusAreaId: (await apiGet<Framework>('/api/v1/framework')).focusAreas[0]!.id },
    });
    expect(created.status()).toBe(201);
    const returned = (await created.json()) as Practice;
    const submitted = await officer.context.request.post(url(`/api/v1/practices/${returned.id}/submit`), { headers: { origin: mitra.server.url } });
    expect(submitted.status()).toBe(200);

    const { page, context } = await newPage(mitra.browser);
    await signIn(page, '/app/library/review', 'secretariat@demo.mitra.example');
    await expectTitle(page, 'Review queue');
    const item = (title: string) => page.getByTestId('review-item').filter({ hasText: title });
    await expect.poll(async () => [await item(TITLE).count(), await item(RETURNED_TITLE).count()], POLL).toEqual([1, 1]);
    await expectAccessible(page);
    await screenshot(page, 'library-review');

    await page.getByRole('button', { name: `Return with a comment: ${RETURNED_TITLE}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(label('What should the authors revise?')).fill('Add the costs and who ran it.');
    await expectAccessible(page, 'the return dialog');
    await dialog.getByRole('button', { name: 'Return to the authors' }).click();
    await expect.poll(() => page.getByText(`Returned “${RETURNED_TITLE}” to its authors.`).count(), POLL).toBe(1);

    await page.getByRole('button', { name: `Publish ${TITLE}` }).click();
    await expect.poll(() => page.getByText(`Published “${TITLE}”.`).count(), POLL).toBe(1);
    await expect.poll(() => page.getByTestId('review-item').count(), POLL).toBe(0);
    expect(await page.getByText('No practice is waiting for review.').count()).toBe(1);
    await screenshot(page, 'library-review-done');
    expect((await apiGet<Practice>(`/api/v1/practices/${practiceId}`)).status).toBe('published');
    await context.close();

    // The authors see the comment on their returned draft.
    await officer.page.goto(url(`/app/library/${returned.id}/edit`));
    await expectTitle(officer.page, 'Edit the practice');
    await expect.poll(() => officer.page.getByText('Add the costs and who ran it.').count(), POLL).toBe(1);
    await expectAccessible(officer.page, 'the returned draft');
  });

  it('a visitor finds the practice by searching with a typo, and reads its body with nothing hostile in it', async () => {
    const { page, context } = await newPage(mitra.browser);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(url('/'));
    await page.getByRole('navigation', { name: 'Main', exact: true }).getByRole('link', { name: 'Search' }).click();
    await expectTitle(page, 'Search');
    expect(await page.getByRole('heading', { name: 'Suggestions' }).count()).toBe(1);
    await expectAccessible(page, 'the empty search page');

    await page.getByLabel(label('Search for')).fill('trafic signal');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.url(), POLL).toContain('q=trafic+signal');
    const result = page.getByTestId('search-result').filter({ hasText: TITLE });
    await expect.poll(() => result.count(), POLL).toBe(1);
    expect(await page.getByTestId('search-total').textContent()).toMatch(/^\d+ results? for “trafic signal”$/);
    // The facets count the results; choosing "Practices" keeps ours.
    const practicesFacet = page.getByRole('group', { name: 'Type' }).getByRole('button', { name: /^Practices \(\d+\)$/ });
    await practicesFacet.click();
    await expect.poll(() => page.url(), POLL).toContain('type=practice');
    await expect.poll(() => practicesFacet.getAttribute('aria-pressed'), POLL).toBe('true');
    await expect.poll(() => page.getByTestId('search-result').filter({ hasText: TITLE }).count(), POLL).toBe(1);
    await expectAccessible(page, 'the search results');
    await screenshot(page, 'library-search');

    // Nothing found: suggestions.
    await page.goto(url('/search?q=zzqxv'));
    await expect.poll(() => page.getByText('No results for “zzqxv”').count(), POLL).toBe(1);
    await expectAccessible(page, 'a search without results');

    await page.goto(url('/search?q=trafic%20signal&type=practice'));
    await page.getByRole('link', { name: TITLE }).click();
    await expectTitle(page, TITLE);
    const body = page.getByTestId('practice-body');
    await expect.poll(() => body.getByRole('heading', { name: 'Why buses first' }).count(), POLL).toBe(1);
    expect(await body.locator('strong').textContent()).toBe('most commuters');
    expect(await body.locator('script').count()).toBe(0);
    expect(await body.locator('[onerror]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await body.getByRole('link', { name: 'click me' }).count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // Metadata and the indicator table; visitors see no status or edit buttons.
    expect(await page.getByRole('cell', { name: '-18' }).count()).toBe(1);
    expect(await page.getByRole('rowheader', { name: 'Bus journey time' }).count()).toBe(1);
    expect(await page.getByText('USD 100,000 – 1 million').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByTestId('practice-status').count()).toBe(0);
    await expectAccessible(page, 'the published practice');
    await screenshot(page, 'library-practice');

    // The library lists it, and its filters live in the address.
    await page.goto(url('/library'));
    await expectTitle(page, 'Best-practice library');
    await expect.poll(() => page.getByTestId('practice-card').filter({ hasText: TITLE }).count(), POLL).toBe(1);
    expect(await page.getByTestId('practice-card').filter({ hasText: RETURNED_TITLE }).count()).toBe(0);
    await page.getByLabel(label('Kind')).selectOption('toolkit');
    await expect.poll(() => page.url(), POLL).toContain('kind=toolkit');
    await expect.poll(() => page.getByTestId('practice-card').filter({ hasText: TITLE }).count(), POLL).toBe(0);
    await page.getByLabel(label('Kind')).selectOption('case_study');
    await expect.poll(() => page.getByTestId('practice-card').filter({ hasText: TITLE }).count(), POLL).toBe(1);
    await expectAccessible(page, 'the library');
    await screenshot(page, 'library-list');
    await context.close();
  });

  it('works at 375 px wide', async () => {
    const visitor = await newPage(mitra.browser, { narrow: true });
    const visits: [string, string, string][] = [
      ['/library', 'Best-practice library', 'library-list-narrow'],
      [`/library/${practiceId}`, TITLE, 'library-practice-narrow'],
      ['/search?q=trafic%20signal', 'Search', 'library-search-narrow'],
    ];
    for (const [path, title, shot] of visits) {
      await visitor.page.goto(url(path));
      await expectTitle(visitor.page, title);
      await visitor.page.waitForLoadState('networkidle');
      await expectAccessible(visitor.page, `${path} at 375 px`);
      await expectNoHorizontalScroll(visitor.page);
      await screenshot(visitor.page, shot);
    }
    await visitor.context.close();

    const { page, context } = await newPage(mitra.browser, { narrow: true });
    await signIn(page, '/app/library', 'danang@demo.mitra.example');
    await expectTitle(page, 'Our practices');
    await expect.poll(() => page.getByTestId('practice-card').count(), POLL).toBe(2);
    await expectAccessible(page, '/app/library at 375 px');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'library-mine-narrow');
    await page.goto(url('/app/library/new'));
    await expectTitle(page, 'Write a practice');
    await page.getByRole('button', { name: 'Add an indicator' }).click();
    await expectAccessible(page, '/app/library/new at 375 px');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'library-form-narrow');
    await context.close();
    await officer.context.close();
  });
});
