import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, launchBrowser, newPage, startMitra, type MitraServer } from './harness.js';

describe.skipIf(!chromiumAvailable)('the app shell', () => {
  let server: MitraServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startMitra();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves the home page with the strict security headers, accessibly', async () => {
    const { page, context } = await newPage(browser);
    const response = await page.goto(server.url);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Smart Cities Partnership');
    await expectAccessible(page);
    await context.close();
  });

  it('prints the first-administrator link and demo sign-ins on first start', () => {
    expect(server.output()).toMatch(/\/setup\?code=[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(server.output()).toContain('secretariat@demo.mitra.example');
  });
});
