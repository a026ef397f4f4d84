import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

/**
 * Browser journeys: a real `mitra serve` on a fresh embedded database (with the demo dataset),
 * driven by Debian's Chromium. Every page a journey visits is scanned with axe.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = fs.existsSync(CHROMIUM);

export type MitraServer = { url: string; dataDir: string; output: () => string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startMitra(): Promise<MitraServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', MITRA_DATA_DIR: dataDir, PUBLIC_URL: url, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL; // journeys run on the embedded database, with its demo dataset
  const child: ChildProcess = spawn(process.execPath, ['bin/mitra.js', 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000;
  while (!output.includes('Mitra is running at')) {
    if (child.exitCode !== null) throw new Error(`mitra serve exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`mitra serve did not start in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Starts Mitra and Chromium before the tests of the enclosing `describe` and stops both after them.
 * Both exist only once `beforeAll` has run, so they are read through getters, inside tests and helpers.
 */
export function useMitraAndBrowser(): { readonly server: MitraServer; readonly browser: Browser } {
  let server: MitraServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startMitra();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('Mitra is not running yet: read `server` inside a test');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not running yet: read `browser` inside a test');
      return browser;
    },
  };
}

/**
 * A fresh browser context; `narrow` gives a 375 px wide phone screen. API writes through
 * `context.request` must send `headers: { origin: server.url }`, like a browser does, or the
 * cross-site check refuses them.
 */
export async function newPage(browser: Browser, options: { narrow?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: options.narrow ? { width: 375, height: 740 } : { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  return { context, page };
}

/** The password every demo person signs in with. */
export const DEMO_PASSWORD = 'mitra-demo-2026';

/** A new page signed in as a demo person, landing on `target` (the sign-in form's `next`). */
export async function signInAs(browser: Browser, server: MitraServer, email: string, target: string, options: { narrow?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const session = await newPage(browser, options);
  await session.page.goto(`${server.url}/sign-in?next=${encodeURIComponent(target)}`);
  await session.page.getByLabel(/^Email( ?\*)?$/).fill(email);
  await session.page.getByLabel(/^Password( ?\*)?$/).fill(DEMO_PASSWORD);
  await session.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await session.page.waitForURL((address) => !address.pathname.startsWith('/sign-in'), { timeout: 30_000 });
  return session;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Runs axe on the current page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  })) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(report, `accessibility of ${label}`).toEqual([]);
}

/** A page works at 375 px when nothing makes it scroll sideways. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow at ${page.url()}`).toBeLessThanOrEqual(1);
}

/** Saves a screenshot under test-results/ for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}
