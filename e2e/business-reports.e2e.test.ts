import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectNoHorizontalScroll, screenshot, signInAs, useMitraAndBrowser } from './harness.js';

/**
 * Business reports (issue 3, item 7) as the secretariat and a company read them: the secretariat sees the
 * whole pipeline by stage, filters it to one country (the tables follow the report the server computes for
 * that filter), and downloads the CSV; a company, on a phone, sees only what it may see and no assistance
 * requests. Every page is scanned with axe.
 */
const POLL = { timeout: 30_000 };

type PipelineGroup = { key: string; name: string; projects: number };
type PipelineReport = { total: PipelineGroup; byStage: PipelineGroup[]; byCountry: PipelineGroup[] };

describe.skipIf(!chromiumAvailable)('business reports', () => {
  const mitra = useMitraAndBrowser();
  const url = (p: string) => mitra.server.url + p;

  const as = (email: string, target: string, narrow = false) => signInAs(mitra.browser, mitra.server, email, target, { narrow });

  /** The body rows of a table named by its aria-label: [first cell, projects] pairs. */
  async function rowsOf(page: Page, tableName: string): Promise<[string, string][]> {
    const rows = page.getByRole('table', { name: tableName, exact: true }).locator('tbody tr');
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [tr.children[0]?.textContent?.trim() ?? '', tr.children[1]?.textContent?.trim() ?? '']));
    return cells as [string, string][];
  }

  it('the secretariat reads the pipeline by stage, filters it by country and downloads the CSV', async () => {
    const { context, page } = await as('secretariat@demo.mitra.example', '/app/reports');
    try {
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL).toBe('Business reports');
      const byStage = page.getByRole('table', { name: 'Pipeline by stage', exact: true });
      await byStage.waitFor(POLL);

      const all = (await (await context.request.get(url('/api/v1/reports/pipeline'))).json()) as PipelineReport;
      expect(all.total.projects).toBeGreaterThan(0);
      // The table shows every stage in the G20 order with the server's counts.
      expect(await rowsOf(page, 'Pipeline by stage')).toEqual(all.byStage.map((g) => [expect.any(String), String(g.projects)]));
      expect((await rowsOf(page, 'Pipeline by stage'))[0]![0]).toBe('Prospective');
      await expectAccessible(page, 'business reports (secretariat)');
      await screenshot(page, 'business-reports-secretariat');

      // Filtering to one country: the page asks the server again and shows only that country.
      const country = all.byCountry.find((g) => g.projects < all.total.projects) ?? all.byCountry[0]!;
      await page.getByLabel('Country', { exact: true }).selectOption(country.key);
      const filtered = (await (await context.request.get(url(`/api/v1/reports/pipeline?country=${country.key}`))).json()) as PipelineReport;
      expect(filtered.total.projects).toBe(country.projects);
      await expect.poll(() => rowsOf(page, 'Pipeline by country'), POLL).toEqual([[filtered.byCountry[0]!.name, String(country.projects)]]);
      const csvLink = page.getByRole('link', { name: 'Download CSV (pipeline)' });
      expect(await csvLink.getAttribute('href')).toBe(`/api/v1/reports/pipeline.csv?country=${country.key}`);

      const csv = await context.request.get(url(`/api/v1/reports/pipeline.csv?country=${country.key}`));
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toMatch(/text\/csv/);
      const lines = (await csv.text()).trim().split(/\r?\n/);
      expect(lines.length).toBeGreaterThan(1);
      expect(lines[0]).toMatch(/projects/i);

      // Assistance requests and deals have their own sections, each with its CSV.
      await expect.poll(() => page.getByRole('link', { name: 'Download CSV (assistance requests)' }).count(), POLL).toBe(1);
      await expect.poll(() => page.getByRole('link', { name: 'Download CSV (deals)' }).count(), POLL).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('a company on a phone sees the report over what it may see, without assistance requests', async () => {
    const { context, page } = await as('company@demo.mitra.example', '/app/reports', true);
    try {
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL).toBe('Business reports');
      await expect.poll(() => page.getByText('There are no submitted assistance requests you can see yet.').count(), POLL).toBe(1);
      const mine = (await (await context.request.get(url('/api/v1/reports/pipeline'))).json()) as PipelineReport;
      const secretariat = await as('secretariat@demo.mitra.example', '/app');
      try {
        const everything = (await (await secretariat.context.request.get(url('/api/v1/reports/pipeline'))).json()) as PipelineReport;
        // The demo has a restricted project: the company's totals leave it out.
        expect(mine.total.projects).toBeLessThan(everything.total.projects);
      } finally {
        await secretariat.context.close();
      }
      await page.getByRole('table', { name: 'Pipeline by stage', exact: true }).waitFor(POLL);
      await expectNoHorizontalScroll(page);
      await expectAccessible(page, 'business reports (company, narrow)');
      await screenshot(page, 'business-reports-company-narrow');
    } finally {
      await context.close();
    }
  });
});
