import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectNoHorizontalScroll, newPage, screenshot, useMitraAndBrowser } from './harness.js';

/**
 * City-to-city exchanges, as their people walk them: the secretariat opens the suggestions for
 * Da Nang, finds the City of Riverton ranked with its reasons and proposes a pairing from it; the
 * U.S. city accepts, then Da Nang (the pairing is accepted); Da Nang plans an exchange visit; the
 * U.S. side posts a progress update; a company that is no side sees neither the details nor any control.
 */
const DEMO_PASSWORD = 'mitra-demo-2026';
const RIVERTON = 'City of Riverton, U.S. (demo)';
const VISIT = 'Flood warning study visit to Riverton';
const UPDATE = 'Riverton shared its river sensor specifications with the Da Nang team.';
const POLL = { timeout: 20_000 };

const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( ?\\*)?$`);

describe.skipIf(!chromiumAvailable)('city-to-city exchanges', () => {
  const mitra = useMitraAndBrowser();
  const url = (path: string) => mitra.server.url + path;
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
  let pairingId = '';
  let cityName = '';

  async function expectTitle(page: Page, text: string | RegExp): Promise<void> {
    await expect.poll(async () => ((await h1(page).count()) === 1 ? await h1(page).textContent() : null), POLL).toMatch(text);
  }

  async function signIn(page: Page, path: string, email: string): Promise<void> {
    await page.goto(url(`/sign-in?next=${encodeURIComponent(path)}`));
    await page.getByLabel(label('Email')).fill(email);
    await page.getByLabel(label('Password')).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  async function as(email: string, path: string, narrow = false): Promise<{ context: BrowserContext; page: Page }> {
    const session = await newPage(mitra.browser, { narrow });
    await signIn(session.page, path, email);
    return session;
  }

  it('the secretariat proposes a pairing from the suggestions for Da Nang', async () => {
    cityName = ((await (await fetch(url('/api/v1/cities/da-nang'))).json()) as { name: string }).name;
    const { context, page } = await as('secretariat@demo.mitra.example', '/app/exchanges');
    await expectTitle(page, 'City exchanges');
    const nav = page.getByRole('navigation', { name: 'Workspace', exact: true });
    await expect.poll(() => nav.getByRole('link', { name: 'City exchanges' }).count(), POLL).toBe(1);
    expect(await nav.getByRole('link', { name: 'Our exchange offer' }).count()).toBe(0);
    await expectAccessible(page);

    await page.getByLabel(label('ASCN city')).selectOption('da-nang');
    const suggestions = page.getByRole('list', { name: 'Suggestions, best first' });
    await expect.poll(() => suggestions.getByText(`1. ${RIVERTON}`).count(), POLL).toBe(1);
    // Reasons: a shared focus area and the matched terms.
    await expect.poll(() => suggestions.getByText(/shared focus area/).count(), POLL).toBeGreaterThan(0);
    const reasons = await suggestions.locator('li li').allTextContents();
    expect(reasons.join(' ')).toMatch(/flood|traffic/i);
    await screenshot(page, 'exchanges-suggestions');
    await expectAccessible(page, 'suggestions for Da Nang');

    await page.getByRole('button', { name: `Propose a pairing of ${RIVERTON} and ${cityName}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Propose a pairing' });
    await expect.poll(() => dialog.count(), POLL).toBe(1);
    // Focus areas and objectives come from the suggestion.
    expect(await dialog.getByRole('checkbox', { checked: true }).count()).toBeGreaterThan(0);
    expect(await dialog.getByLabel(label('Objectives')).inputValue()).toContain(RIVERTON);
    await expectAccessible(page, 'the propose dialog');
    await screenshot(page, 'exchanges-propose');
    await dialog.getByRole('button', { name: 'Propose the pairing' }).click();

    await expect.poll(() => new URL(page.url()).pathname, POLL).toMatch(/^\/app\/exchanges\/[0-9a-f-]{36}$/);
    pairingId = new URL(page.url()).pathname.split('/').pop()!;
    await expectTitle(page, `${RIVERTON} ↔ ${cityName}`);
    await expect.poll(() => page.getByText('Waiting for both sides to accept.').count(), POLL).toBe(1);
    // The secretariat cannot accept for a side, but may withdraw.
    expect(await page.getByRole('button', { name: /^Accept for/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Withdraw' }).count()).toBe(1);
    await expectAccessible(page, 'the proposed pairing (secretariat)');
    await context.close();
  });

  it('the U.S. city sees its offer and accepts for its side', async () => {
    const { context, page } = await as('us-city@demo.mitra.example', '/app/exchanges/offer');
    await expectTitle(page, 'Our exchange offer');
    await expect.poll(() => page.getByLabel(label('Expertise summary')).inputValue(), POLL).toContain('Flood early warning');
    const fitting = page.getByRole('list', { name: 'Suggestions, best first' });
    await expect.poll(() => fitting.getByText(new RegExp(`\\d+\\. ${cityName}$`)).count(), POLL).toBe(1);
    await expectAccessible(page, 'the U.S. city offer page');
    await screenshot(page, 'exchanges-offer');

    await page.goto(url(`/app/exchanges/${pairingId}`));
    await expectTitle(page, `${RIVERTON} ↔ ${cityName}`);
    await page.getByRole('button', { name: `Accept for ${RIVERTON}` }).click();
    await expect.poll(() => page.getByText('Your side has accepted; the other side has yet to.').count(), POLL).toBe(1);
    expect(await page.getByRole('button', { name: /^Accept for/ }).count()).toBe(0);
    await expectAccessible(page, 'the pairing after the U.S. side accepted');
    await context.close();
  });

  it('Da Nang accepts (the pairing is accepted) and plans an exchange visit, at 375 px', async () => {
    const { context, page } = await as('danang@demo.mitra.example', '/app/exchanges', true);
    await expectTitle(page, 'City exchanges');
    await expect.poll(() => page.getByRole('heading', { name: 'Partners that fit our action plan' }).count(), POLL).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: `${RIVERTON} ↔ ${cityName}` }).count(), POLL).toBe(1);
    await expectAccessible(page, 'the exchanges list (Da Nang, narrow)');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'exchanges-list-narrow');

    await page.getByRole('link', { name: `${RIVERTON} ↔ ${cityName}` }).click();
    await expectTitle(page, `${RIVERTON} ↔ ${cityName}`);
    await page.getByRole('button', { name: `Accept for ${cityName}` }).click();
    const steps = page.getByRole('list', { name: 'Steps of the exchange' });
    await expect.poll(() => steps.locator('[aria-current="step"]').textContent(), POLL).toMatch(/^2\. Accepted/);
    expect(await page.getByRole('button', { name: 'Record the letter of intent' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Add an activity' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an activity' });
    await dialog.getByLabel(label('Kind of activity')).selectOption('exchange_visit');
    await dialog.getByLabel(label('Title')).fill(VISIT);
    await dialog.getByLabel(label('Description')).fill('Two engineers visit the river sensor network and the flood control room.');
    await dialog.getByLabel(label('Led by')).selectOption('city');
    await dialog.getByLabel(label('Start date')).fill('2027-03-08');
    await dialog.getByLabel(label('End date')).fill('2027-03-12');
    await dialog.getByLabel(label('Location')).fill('Riverton');
    await expectAccessible(page, 'the activity dialog');
    await dialog.getByRole('button', { name: 'Add the activity' }).click();
    await expect.poll(() => page.getByText(`“${VISIT}” is added to the work plan.`).count(), POLL).toBe(1);
    expect(await page.getByText(/Exchange visit · 8 Mar 2027 – 12 Mar 2027 · Riverton/).count()).toBe(1);
    await expectAccessible(page, 'the accepted pairing (Da Nang, narrow)');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'exchanges-pairing-narrow');
    await context.close();
  });

  it('the U.S. side posts a progress update', async () => {
    const { context, page } = await as('us-city@demo.mitra.example', `/app/exchanges/${pairingId}`);
    await expectTitle(page, `${RIVERTON} ↔ ${cityName}`);
    await expect.poll(() => page.getByText(VISIT).count(), POLL).toBe(1);
    await page.getByLabel(label('Date')).fill('2027-01-15');
    await page.getByLabel(label('What happened')).fill(UPDATE);
    await page.getByRole('button', { name: 'Post the update' }).click();
    await expect.poll(() => page.getByText(UPDATE, { exact: true }).count(), POLL).toBe(1);
    await screenshot(page, 'exchanges-pairing');
    expect(await page.getByText('15 Jan 2027 · David Cole', { exact: true }).count()).toBe(1);
    await expectAccessible(page, 'the pairing with an update');
    await context.close();
  });

  it('a company that is no side sees neither the details nor any control', async () => {
    const { context, page } = await as('company@demo.mitra.example', '/app/exchanges');
    await expectTitle(page, 'City exchanges');
    await expect.poll(() => page.getByText('There are no exchanges you can see yet.').count(), POLL).toBe(1);
    const headers = { origin: mitra.server.url };
    expect((await context.request.get(url(`/api/v1/pairings/${pairingId}`))).status()).toBe(404);
    for (const [method, path, data] of [
      ['patch', '', { objectives: 'Taken over' }],
      ['post', '/accept', undefined],
      ['post', '/activities', { kind: 'webinar', title: 'Sneaky webinar', ownerSide: 'us' }],
      ['post', '/updates', { date: '2027-01-16', body: 'Sneaky update' }],
    ] as const) {
      const response = await context.request.fetch(url(`/api/v1/pairings/${pairingId}${path}`), { method, headers, data });
      expect([403, 404], `${method} ${path}`).toContain(response.status());
    }
    await page.goto(url(`/app/exchanges/${pairingId}`));
    await expectTitle(page, 'City exchange');
    await expect.poll(() => page.getByRole('alert').count(), POLL).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /Accept|Withdraw|Decline|Add an activity|Post the update/ }).count()).toBe(0);
    expect(await page.getByText(VISIT).count()).toBe(0);
    await expectAccessible(page, 'a pairing the company may not see');
    await context.close();
  });
});
