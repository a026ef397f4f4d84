import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectNoHorizontalScroll, newPage, screenshot, useMitraAndBrowser } from './harness.js';

/**
 * Smart-city technology exposure (activity 3b), as its people walk it: Da Nang's officer imports the
 * city's technology from a CSV file (one bad row is reported and left out) and adds an asset by hand;
 * the secretariat imports vulnerability feeds and sees the network's counts; the officer finds the
 * KEV-listed exposure first, dismisses one as a false positive, fixes another, and opens a
 * vulnerability and an asset; a company sees none of it.
 */
const DEMO_PASSWORD = 'mitra-demo-2026';
const POLL = { timeout: 20_000 };
const FEEDS = path.resolve('data/reference/vulnerability-feeds');

const MAIL = 'Da Nang mail server';
const SIGNALS = 'Traffic signal controllers, Hai Chau';
const CAMERAS = 'Street cameras, Son Tra';
const VIDEO = 'Video management for the bridges';

// Rows that match the sample feeds: Exchange 2019 CU8 (CVE-2021-26855, KEV-listed), Econolite EOS
// below 3.2.23 (ICSA-23-026-02), a Hikvision camera series in ICSA-17-124-01's range, Siemens
// Siveillance Video Device Pack below V13.2 (ICSA-24-289-01); line 6 names a system that does not exist.
const CSV = [
  'name,system,kind,vendor,product,version,cpe,quantity,location,owner_department,criticality,internet_exposed,notes',
  `${MAIL},city_services,application,Microsoft,Exchange Server,2019 CU8,cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_8:*:*:*:*:*:*,1,City Hall,IT Centre,high,yes,`,
  `"${SIGNALS}",traffic,firmware,Econolite,EOS,3.2.20,,40,Hai Chau district,Department of Transport,high,no,`,
  `"${CAMERAS}",cctv,firmware,Hikvision,DS-2CD2xx2FWD Series,5.4.0 build 160530,,200,Son Tra district,Public Security,medium,yes,`,
  `${VIDEO},cctv,application,Siemens,Siveillance Video Device Pack,V13.1,,1,Dragon Bridge control room,Department of Transport,medium,no,`,
  'Moon rocket,spaceship,hardware,ACME,Rocket,1.0,,1,Launch pad,Space Agency,low,no,',
].join('\n');

const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( ?\\*)?$`);

describe.skipIf(!chromiumAvailable)('technology exposure', () => {
  const mitra = useMitraAndBrowser();
  const url = (p: string) => mitra.server.url + p;
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-exposure-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function expectTitle(page: Page, text: string | RegExp): Promise<void> {
    await expect.poll(async () => ((await h1(page).count()) === 1 ? await h1(page).textContent() : null), POLL).toMatch(text);
  }

  async function as(email: string, target: string, narrow = false): Promise<{ context: BrowserContext; page: Page }> {
    const session = await newPage(mitra.browser, { narrow });
    await session.page.goto(url(`/sign-in?next=${encodeURIComponent(target)}`));
    await session.page.getByLabel(label('Email')).fill(email);
    await session.page.getByLabel(label('Password')).fill(DEMO_PASSWORD);
    await session.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    return session;
  }

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Workspace', exact: true });

  it('the Da Nang officer imports the inventory from a CSV file; the bad row is reported', async () => {
    const csvFile = path.join(tmp, 'da-nang-inventory.csv');
    fs.writeFileSync(csvFile, CSV);
    const { context, page } = await as('danang@demo.mitra.example', '/app/exposure/inventory');
    await expectTitle(page, 'Technology inventory');
    await expect.poll(() => nav(page).getByRole('link', { name: 'Exposure', exact: true }).count(), POLL).toBe(1);
    expect(await nav(page).getByRole('link', { name: 'Technology inventory' }).count()).toBe(1);
    expect(await nav(page).getByRole('link', { name: 'Vulnerability feeds' }).count()).toBe(0);
    await expect.poll(() => page.getByText('No assets yet. Add one, or import a CSV file.').count(), POLL).toBe(1);
    await expectAccessible(page, 'the empty inventory');

    await page.locator('input[type="file"]').setInputFiles(csvFile);
    await page.getByRole('button', { name: 'Check the file' }).click();
    const rejected = page.getByRole('table', { name: 'Rows with problems' });
    await expect.poll(() => rejected.count(), POLL).toBe(1);
    const bad = rejected.getByRole('row', { name: /Row 6/ });
    expect(await bad.count()).toBe(1);
    expect(await bad.textContent()).toMatch(/system.*spaceship/);
    expect(await page.getByRole('table', { name: 'Assets that will be imported' }).getByRole('row').count()).toBe(5); // header + 4
    await expectAccessible(page, 'the import preview');
    await screenshot(page, 'exposure-import-preview');

    await page.getByRole('button', { name: 'Import 4 assets' }).click();
    await expect.poll(() => page.getByText(/^Added 4 assets with 4 components\. New findings: \d+\.$/).count(), POLL).toBe(1);
    const assets = page.getByRole('table', { name: 'Assets of the inventory' });
    for (const name of [MAIL, SIGNALS, CAMERAS, VIDEO]) await expect.poll(() => assets.getByRole('link', { name }).count(), POLL).toBe(1);
    expect(await assets.getByText('Moon rocket').count()).toBe(0);
    await expectAccessible(page, 'the inventory after the import');
    await screenshot(page, 'exposure-inventory');

    // One asset by hand: a wrong CPE is named at its field; "Suggest CPE" writes a right one.
    await page.getByRole('button', { name: 'Add asset' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an asset' });
    await dialog.getByLabel(label('Name')).fill('Smart street lighting gateways');
    await dialog.getByLabel(label('System')).selectOption('energy');
    await dialog.getByLabel(label('Kind')).selectOption('hardware');
    await dialog.getByLabel(label('Vendor')).fill('Elvaco');
    await dialog.getByLabel(label('Product')).fill('CMe3100');
    await dialog.getByLabel(label('Version')).fill('1.12.1');
    await dialog.getByLabel(label('CPE names')).fill('cpe:2.3:h:elvaco');
    await dialog.getByRole('button', { name: 'Add the asset' }).click();
    await expect.poll(() => dialog.getByText(/is not a valid CPE 2\.3 name/).count(), POLL).toBeGreaterThan(0);
    await expectAccessible(page, 'the asset dialog with an error');
    await screenshot(page, 'exposure-add-asset-error');
    await dialog.getByLabel(label('CPE names')).fill('');
    await dialog.getByRole('button', { name: 'Suggest CPE for component 1' }).click();
    await expect.poll(() => dialog.getByLabel(label('CPE names')).inputValue(), POLL).toMatch(/^cpe:2\.3:h:elvaco:cme3100:1\.12\.1:/);
    await dialog.getByRole('button', { name: 'Add the asset' }).click();
    await expectTitle(page, 'Smart street lighting gateways');
    await context.close();
  });

  it('the secretariat imports vulnerability feeds and sees the network’s counts only', async () => {
    const { context, page } = await as('secretariat@demo.mitra.example', '/app/exposure/feeds');
    await expectTitle(page, 'Vulnerability feeds');
    await expect.poll(() => nav(page).getByRole('link', { name: 'Vulnerability feeds' }).count(), POLL).toBe(1);
    expect(await nav(page).getByRole('link', { name: 'Network exposure' }).count()).toBe(1);
    expect(await nav(page).getByRole('link', { name: 'Exposure', exact: true }).count()).toBe(0);
    expect(await nav(page).getByRole('link', { name: 'Technology inventory' }).count()).toBe(0);
    await expectAccessible(page, 'the feeds page');

    const files = ['nvd/CVE-2021-26855.json', 'csaf/icsa-23-026-02.json', 'csaf/icsa-17-124-01.json', 'kev/known_exploited_vulnerabilities.json'];
    await page.locator('input[type="file"]').setInputFiles(files.map((file) => path.join(FEEDS, file)));
    await page.getByRole('button', { name: 'Import 4 files' }).click();
    for (const file of files) {
      const report = page.getByRole('article', { name: `Import report of ${path.basename(file)}` });
      await expect.poll(() => report.count(), POLL).toBe(1);
      expect(await report.textContent()).toMatch(/New: \d+ · updated: \d+ · unchanged: \d+ · rejected: \d+/);
    }
    const history = page.getByRole('table', { name: 'Past imports' });
    await expect.poll(() => history.getByText('known_exploited_vulnerabilities.json').count(), POLL).toBeGreaterThan(0);
    await expectAccessible(page, 'the feeds page with reports');
    await screenshot(page, 'exposure-feeds');

    await nav(page).getByRole('link', { name: 'Network exposure' }).click();
    await expectTitle(page, 'Network exposure');
    await expect.poll(() => page.getByText(/No city’s inventory, assets or name is shown/).count(), POLL).toBe(1);
    const kev = page.getByRole('table', { name: 'Exploited vulnerabilities found in the network' });
    const exchange = kev.getByRole('row', { name: /CVE-2021-26855/ });
    await expect.poll(() => exchange.count(), POLL).toBe(1);
    // Jakarta's demo inventory and Da Nang's import both run Exchange 2019 CU8.
    expect(await exchange.getByRole('cell').nth(3).textContent()).toBe('2');
    expect(await page.getByText(MAIL).count()).toBe(0);
    await expectAccessible(page, 'the network page');
    await screenshot(page, 'exposure-network');
    await context.close();
  });

  it('the officer works through the exposures: KEV first, a false positive, a fix', async () => {
    const { context, page } = await as('danang@demo.mitra.example', '/app/exposure');
    await expectTitle(page, 'Exposure');
    const list = page.getByRole('table', { name: 'Findings, most urgent first' });
    await expect.poll(() => list.locator('tbody tr').count(), POLL).toBeGreaterThanOrEqual(5);
    const first = list.locator('tbody tr').first();
    expect(await first.getAttribute('data-exposure')).toBe('CVE-2021-26855');
    expect(await first.getByText('KEV', { exact: true }).count()).toBe(1);
    expect(await first.textContent()).toMatch(/CISA due date|Overdue/);
    const tiles = page.getByRole('list', { name: 'Findings that need action' });
    expect(await tiles.getByRole('listitem').filter({ hasText: 'Exploited (KEV)' }).textContent()).toMatch(/^1/);
    await expectAccessible(page, 'the exposure dashboard');
    await screenshot(page, 'exposure-dashboard');

    // A false positive needs a reason: the server says so at the field.
    const row = (id: string) => list.locator(`tr[data-exposure="${id}"]`);
    await row('CVE-2017-7921').getByRole('button', { name: `Change status of CVE-2017-7921 on ${CAMERAS}` }).click();
    let dialog = page.getByRole('dialog', { name: 'Change status' });
    await expect.poll(() => dialog.getByLabel(label('New status')).count(), POLL).toBe(1);
    const options = await dialog.getByLabel(label('New status')).locator('option').allTextContents();
    expect(options).toEqual(['Choose…', 'Being fixed', 'Risk accepted', 'False positive']);
    await dialog.getByLabel(label('New status')).selectOption('false_positive');
    await dialog.getByRole('button', { name: 'Save the status' }).click();
    await expect.poll(() => dialog.getByText('say why the exposure is a false positive', { exact: true }).count(), POLL).toBe(1);
    await expectAccessible(page, 'the status dialog with an error');
    await screenshot(page, 'exposure-status-error');
    await dialog.getByLabel(label('Reason')).fill('These cameras run a patched firmware build provided by the vendor in 2018; the web interface is disabled.');
    await dialog.getByRole('button', { name: 'Save the status' }).click();
    await expect.poll(() => page.getByText(`CVE-2017-7921 on ${CAMERAS} is now: False positive.`).count(), POLL).toBe(1);
    await expect.poll(() => row('CVE-2017-7921').getByText('False positive', { exact: true }).count(), POLL).toBe(1);

    // Open → being fixed → fixed.
    for (const [status, shown] of [
      ['mitigating', 'Being fixed'],
      ['remediated', 'Fixed'],
    ] as const) {
      await row('CVE-2023-0451').getByRole('button', { name: `Change status of CVE-2023-0451 on ${SIGNALS}` }).click();
      dialog = page.getByRole('dialog', { name: 'Change status' });
      await expect.poll(() => dialog.getByLabel(label('New status')).locator(`option[value="${status}"]`).count(), POLL).toBe(1);
      await dialog.getByLabel(label('New status')).selectOption(status);
      await dialog.getByLabel(label('Note (optional)')).fill(status === 'mitigating' ? 'Firmware 3.2.23 ordered from Econolite.' : 'All 40 controllers updated to 3.2.23.');
      await dialog.getByRole('button', { name: 'Save the status' }).click();
      await expect.poll(() => row('CVE-2023-0451').getByText(shown, { exact: true }).count(), POLL).toBe(1);
    }
    await expectAccessible(page, 'the dashboard after the changes');

    // The vulnerability, then the asset.
    await first.getByRole('link', { name: 'CVE-2021-26855' }).click();
    await expectTitle(page, 'CVE-2021-26855');
    await expect.poll(() => page.getByRole('heading', { name: 'Known to be exploited (CISA KEV)' }).count(), POLL).toBe(1);
    await expect.poll(() => page.getByText(/Apply mitigations per vendor instructions|Apply updates/).count(), POLL).toBeGreaterThan(0);
    const affected = page.getByRole('table', { name: 'Your assets affected by CVE-2021-26855' });
    await expect.poll(() => affected.getByRole('link', { name: MAIL }).count(), POLL).toBe(1);
    await expectAccessible(page, 'the vulnerability page');
    await screenshot(page, 'exposure-vulnerability');
    await affected.getByRole('link', { name: MAIL }).click();
    await expectTitle(page, MAIL);
    await expect.poll(() => page.getByRole('table', { name: `Findings for ${MAIL}` }).getByRole('link', { name: 'CVE-2021-26855' }).count(), POLL).toBe(1);
    await expectAccessible(page, 'the asset page');
    await screenshot(page, 'exposure-asset');
    await context.close();
  });

  it('the officer’s pages work at 375 px', async () => {
    const { context, page } = await as('danang@demo.mitra.example', '/app/exposure', true);
    await expectTitle(page, 'Exposure');
    const cards = page.getByRole('list', { name: 'Findings, most urgent first' });
    await expect.poll(() => cards.getByRole('listitem').count(), POLL).toBeGreaterThanOrEqual(5);
    expect(await cards.getByRole('listitem').first().getByRole('link', { name: 'CVE-2021-26855' }).count()).toBe(1);
    await expectAccessible(page, 'the exposure dashboard (narrow)');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'exposure-dashboard-narrow');
    await cards.getByRole('listitem').first().screenshot({ path: 'test-results/exposure-card-narrow.png' });

    await page.goto(url('/app/exposure/inventory'));
    await expectTitle(page, 'Technology inventory');
    await expect.poll(() => page.getByRole('link', { name: MAIL }).count(), POLL).toBe(1);
    await expectAccessible(page, 'the inventory (narrow)');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'exposure-inventory-narrow');
    await context.close();
  });

  it('a company sees no exposure entry and is refused at /app/exposure', async () => {
    const { context, page } = await as('company@demo.mitra.example', '/app/exposure');
    await expectTitle(page, 'Exposure');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'only they can see them' }).count(), POLL).toBe(1);
    expect(await nav(page).getByRole('link', { name: 'Exposure', exact: true }).count()).toBe(0);
    expect(await nav(page).getByRole('link', { name: 'Technology inventory' }).count()).toBe(0);
    expect(await nav(page).getByRole('link', { name: 'Vulnerability feeds' }).count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);
    for (const p of ['/api/v1/exposures', '/api/v1/inventory/assets', '/api/v1/exposures/summary']) expect((await context.request.get(url(p))).status(), p).toBe(403);
    await expectAccessible(page, 'the refusal');
    await context.close();
  });
});
