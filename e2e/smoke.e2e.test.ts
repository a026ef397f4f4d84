import { describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, newPage, useMitraAndBrowser } from './harness.js';

describe.skipIf(!chromiumAvailable)('the app shell', () => {
  const mitra = useMitraAndBrowser();

  it('serves the home page with the strict security headers, accessibly', async () => {
    const { page, context } = await newPage(mitra.browser);
    const response = await page.goto(mitra.server.url);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Smart Cities Partnership');
    await expectAccessible(page);
    await context.close();
  });

  it('prints the first-administrator link and demo sign-ins on first start', () => {
    expect(mitra.server.output()).toMatch(/\/setup\?code=[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(mitra.server.output()).toContain('secretariat@demo.mitra.example');
  });
});
