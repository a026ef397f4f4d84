import type { BrowserContext, Page } from 'playwright-core';
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
 * The signed-in workspace, as its people walk it: the first administrator is created from the link
 * Mitra prints; the secretariat invites a city officer into the Da Nang city government; the officer
 * accepts from the outbox's email, makes a restricted project public and attaches a document; a
 * visitor then sees the project; an officer of another city is refused. Every page is scanned with
 * axe, and the main pages are checked at 375 px wide.
 */
const DEMO_PASSWORD = 'mitra-demo-2026';
const DA_NANG_ORG = 'Da Nang City People’s Committee (demo)';
const PROJECT = 'Cybersecurity baseline for the city operations centre';
const OFFICER = { name: 'Le Van Hai', email: 'officer@danang.example', title: 'Smart city officer', password: 'lotus-river-bridge-42' };
const POLL = { timeout: 20_000 };

/** A field's label, exactly, with or without the asterisk of a required field. */
const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( ?\\*)?$`);

type ApiProject = { id: string; title: string; visibility: string; budget: { amount: string; currency: string } | null; partners: string[] };

describe.skipIf(!chromiumAvailable)('the workspace', () => {
  const mitra = useMitraAndBrowser();
  /** The secretariat administrator's browser, reused for the narrow-screen checks. */
  let secretariat: { context: BrowserContext; page: Page };
  let invitationLink = '';
  let daNangOrgPath = '';

  const url = (path: string) => mitra.server.url + path;
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

  /** Waits for the page's single h1 to read `text`. */
  async function expectTitle(page: Page, text: string | RegExp): Promise<void> {
    await expect.poll(async () => ((await h1(page).count()) === 1 ? await h1(page).textContent() : null), POLL).toMatch(
      typeof text === 'string' ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text,
    );
  }

  async function visit(page: Page, path: string, title: string | RegExp): Promise<void> {
    await page.goto(url(path));
    await expectTitle(page, title);
    await expectAccessible(page);
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(label('Password')).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  async function publicProjects(): Promise<ApiProject[]> {
    const response = await fetch(url('/api/v1/cities/da-nang/projects?limit=200'));
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: ApiProject[] }).items;
  }

  /** Chooses `option` in the Mantine Select labelled `label`. */
  async function choose(page: Page, name: string, option: string): Promise<void> {
    await page.getByLabel(label(name)).first().click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  it('creates the first secretariat administrator from the set-up link Mitra printed, once', async () => {
    const setupLink = /(http:\/\/\S+\/setup\?code=[A-Z0-9-]+)/.exec(mitra.server.output())?.[1];
    expect(setupLink).toBeTruthy();
    const setupStatus = async () => ((await (await fetch(url('/api/v1/setup'))).json()) as { needsFirstAdmin: boolean }).needsFirstAdmin;
    expect(await setupStatus()).toBe(true);

    const { page, context } = await newPage(mitra.browser);
    await page.goto(setupLink!);
    await expectTitle(page, 'Set up Mitra');
    expect(await page.getByLabel('Set-up code').inputValue()).toBe(new URL(setupLink!).searchParams.get('code'));
    await expectAccessible(page);
    await page.getByLabel('Name').fill('Ayu Lestari');
    await page.getByLabel('Email').fill('ayu@secretariat.example');
    await page.getByLabel('Choose a password').fill('short');
    await page.getByLabel('Type the password again').fill('short');
    await page.getByRole('button', { name: 'Create the administrator and sign in' }).click();
    await expect.poll(() => page.getByText('Use at least 10 characters.').count(), POLL).toBe(1);
    await page.getByLabel('Choose a password').fill('monsoon-harbour-lantern');
    await page.getByLabel('Type the password again').fill('monsoon-harbour-lantern');
    await page.getByRole('button', { name: 'Create the administrator and sign in' }).click();
    await expectTitle(page, 'Welcome, Ayu Lestari');
    expect(new URL(page.url()).pathname).toBe('/app');
    const nav = page.getByRole('navigation', { name: 'Workspace', exact: true });
    expect(await nav.getByRole('link').allTextContents()).toEqual(
      expect.arrayContaining(['Organisations', 'Audit log', 'Outbox', 'Cities', 'Monitoring', 'Profile', 'My organisation']),
    );
    await expectAccessible(page);
    await screenshot(page, 'workspace-setup-done');
    expect(await setupStatus()).toBe(false);
    await context.close();

    // The code works once: a second attempt is refused with the server's message.
    const again = await newPage(mitra.browser);
    await again.page.goto(setupLink!);
    await expectTitle(again.page, 'Set up Mitra');
    await again.page.getByLabel('Name').fill('Someone Else');
    await again.page.getByLabel('Email').fill('else@secretariat.example');
    await again.page.getByLabel('Choose a password').fill('another-long-password');
    await again.page.getByLabel('Type the password again').fill('another-long-password');
    await again.page.getByRole('button', { name: 'Create the administrator and sign in' }).click();
    await expect.poll(() => again.page.getByRole('alert').textContent(), POLL).toContain('set-up code is not valid');
    expect(new URL(again.page.url()).pathname).toBe('/setup');
    await expectAccessible(again.page);
    await again.context.close();
  });

  it('sends visitors of /app to sign in, then back; the secretariat invites an officer into Da Nang’s city government', async () => {
    secretariat = await newPage(mitra.browser);
    const { page } = secretariat;
    await page.goto(url('/app/organisations'));
    await expectTitle(page, 'Sign in to Mitra');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/app/organisations');
    await expectAccessible(page);
    await screenshot(page, 'workspace-sign-in');

    await signIn(page, 'secretariat@demo.mitra.example', 'not-the-password');
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toContain('The email or password is not right.');
    await expectAccessible(page);
    await page.getByLabel(label('Password')).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectTitle(page, 'Organisations');
    expect(new URL(page.url()).pathname).toBe('/app/organisations');

    // Search by name, then open the city government.
    await page.getByLabel('Search by name').fill('Da Nang');
    await expect.poll(() => page.getByRole('table').getByRole('link').allTextContents(), POLL).toEqual([DA_NANG_ORG]);
    await expectAccessible(page);
    await screenshot(page, 'workspace-organisations');
    await page.getByRole('link', { name: DA_NANG_ORG }).click();
    await expectTitle(page, DA_NANG_ORG);
    daNangOrgPath = new URL(page.url()).pathname;
    expect(daNangOrgPath).toMatch(/^\/app\/organisations\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('table').getByRole('rowheader').allTextContents(), POLL).toContain('Nguyen Thi Lan');

    await page.getByRole('button', { name: 'Invite someone' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').first().textContent(), POLL).toBe(`Invite someone to ${DA_NANG_ORG}`);
    await dialog.getByLabel('Name').fill(OFFICER.name);
    await dialog.getByLabel('Email').fill(OFFICER.email);
    await dialog.getByLabel('Job title').fill(OFFICER.title);
    await expectAccessible(page, 'the invitation form');
    await dialog.getByRole('button', { name: 'Send the invitation' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents(), POLL).toContainEqual(expect.stringContaining(`Invitation sent to ${OFFICER.email}`));
    await expect.poll(() => dialog.count(), POLL).toBe(0);
    const row = page.getByRole('row').filter({ hasText: OFFICER.email });
    await expect.poll(() => row.textContent(), POLL).toContain('Invited');
    expect(await row.textContent()).toContain(OFFICER.title);
    await expectAccessible(page);
    await screenshot(page, 'workspace-organisation');

    // Inviting the same address again is refused with the server's explanation.
    await page.getByRole('button', { name: 'Invite someone' }).click();
    await dialog.getByLabel('Name').fill('Duplicate');
    await dialog.getByLabel('Email').fill(OFFICER.email);
    await dialog.getByRole('button', { name: 'Send the invitation' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), POLL).toContain('already has a Mitra account');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('shows the invitation in the outbox with its link clickable', async () => {
    const { page } = secretariat;
    await page.getByRole('navigation', { name: 'Workspace', exact: true }).getByRole('link', { name: 'Outbox' }).click();
    await expectTitle(page, 'Outbox');
    const email = page.getByRole('list', { name: 'Emails, newest first' }).getByRole('listitem').filter({ hasText: `To: ${OFFICER.email}` });
    await expect.poll(() => email.count(), POLL).toBe(1);
    expect(await email.getByRole('heading').textContent()).toContain('invites you to Mitra');
    const link = email.getByRole('link', { name: /\/accept-invitation\?token=/ });
    invitationLink = (await link.getAttribute('href')) ?? '';
    expect(invitationLink).toMatch(new RegExp(`^${mitra.server.url}/accept-invitation\\?token=\\S{20,}$`));
    await expectAccessible(page);
    await screenshot(page, 'workspace-outbox');
  });

  it('lets the officer accept the invitation, choose a password and land in the workspace', async () => {
    const { page, context } = await newPage(mitra.browser);
    await page.goto(invitationLink);
    await expectTitle(page, 'Accept your invitation');
    await expect.poll(() => page.locator('main').textContent(), POLL).toContain(`This invitation is for ${OFFICER.name} (${OFFICER.email}) at ${DA_NANG_ORG}`);
    expect(await page.getByLabel('Name').inputValue()).toBe(OFFICER.name);
    // The invitee sees who invited them.
    expect(await page.locator('main').textContent()).toContain('Amara Santos (Partnership Secretariat (demo)) invites you to join');
    await expectAccessible(page);
    await screenshot(page, 'workspace-accept-invitation');

    await page.getByLabel('Choose a password').fill(OFFICER.password);
    await page.getByLabel('Type the password again').fill('something-else-entirely');
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await expect.poll(() => page.getByText('The two passwords are not the same.').count(), POLL).toBe(1);
    await page.getByLabel('Type the password again').fill(OFFICER.password);
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await expectTitle(page, `Welcome, ${OFFICER.name}`);
    expect(new URL(page.url()).pathname).toBe('/app');
    // City staff see their own city, not the secretariat's tools.
    const nav = page.getByRole('navigation', { name: 'Workspace', exact: true });
    await expect.poll(() => nav.getByRole('link').allTextContents(), POLL).toContain('Da Nang: profile and action plan');
    expect(await nav.getByRole('link', { name: 'Outbox' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Organisations' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'workspace-dashboard-city');

    // The link works once.
    const used = await fetch(url(`/api/v1/invitations?token=${new URL(invitationLink).searchParams.get('token')}`));
    expect(used.status).toBe(404);

    // The officer makes the restricted project public.
    expect((await publicProjects()).map((p) => p.title)).not.toContain(PROJECT);
    await nav.getByRole('link', { name: 'Da Nang: profile and action plan' }).click();
    await expectTitle(page, 'Da Nang');
    await expect.poll(() => page.getByRole('table').getByRole('rowheader').allTextContents(), POLL).toContain(PROJECT);
    expect(await page.getByText('You cannot change this city').count()).toBe(0);
    const row = page.getByRole('row').filter({ hasText: PROJECT });
    expect(await row.textContent()).toContain('Restricted');
    await expectAccessible(page);
    await screenshot(page, 'workspace-city');

    await page.getByRole('button', { name: `Edit “${PROJECT}”` }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel(label('Project')).inputValue(), POLL).toBe(PROJECT);
    expect(await dialog.getByLabel(label('Focus area')).first().inputValue()).toBe('Safety and Security (SS)');
    await dialog.getByRole('radio', { name: 'Public' }).check();
    await dialog.getByLabel('Budget amount').fill('250000');
    await dialog.getByLabel('Currency').fill('usd');
    await dialog.getByLabel(label('Partners')).fill('Regional Cyber Capacity Centre');
    await dialog.getByLabel(label('Partners')).press('Enter');
    await choose(page, 'Status', 'Ongoing');
    await expectAccessible(page, 'the project form');
    await screenshot(page, 'workspace-project-form');
    await dialog.getByRole('button', { name: 'Save the project' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents(), POLL).toContainEqual(`“${PROJECT}” has been saved.`);
    await expect.poll(() => dialog.count(), POLL).toBe(0);
    await expect.poll(() => row.textContent(), POLL).toContain('Public');
    expect(await row.textContent()).toContain('Ongoing');
    expect(await row.textContent()).toContain('$250,000');

    const published = (await publicProjects()).find((p) => p.title === PROJECT);
    expect(published).toMatchObject({ visibility: 'public', budget: { amount: '250000.00', currency: 'USD' }, partners: ['Regional Cyber Capacity Centre'] });

    // A document: a file Mitra does not accept is refused with the server's reason; a PDF is kept and downloadable.
    await page.getByRole('button', { name: `Documents of “${PROJECT}”` }).click();
    await expect.poll(() => dialog.getByText('No documents yet.').count(), POLL).toBe(1);
    await dialog.locator('input[type="file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some notes') });
    await dialog.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), POLL).toContain('"notes.txt" is not a file type Mitra recognises');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    await dialog.locator('input[type="file"]').setInputFiles({ name: 'baseline-scope.pdf', mimeType: 'application/pdf', buffer: pdf });
    await dialog.getByRole('button', { name: 'Upload' }).click();
    const download = dialog.getByRole('link', { name: 'baseline-scope.pdf' });
    await expect.poll(() => download.count(), POLL).toBe(1);
    await expectAccessible(page, 'the documents dialog');
    await screenshot(page, 'workspace-documents');
    const file = await context.request.get(url((await download.getAttribute('href'))!));
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await file.body()).equals(pdf)).toBe(true);
    await context.close();
  });

  it('shows the now-public project to a visitor on the city’s public page', async () => {
    const { page, context } = await newPage(mitra.browser);
    await page.goto(url('/cities/da-nang'));
    await expectTitle(page, /Da Nang/);
    await expect.poll(() => page.getByText(PROJECT).count(), POLL).toBeGreaterThan(0);
    await expectAccessible(page);
    // The workspace stays behind sign-in for visitors.
    await page.goto(url('/app/cities/da-nang'));
    await expectTitle(page, 'Sign in to Mitra');
    await context.close();
  });

  it('refuses an officer of another city: a clear message, no forms, and the API says no', async () => {
    const { page, context } = await newPage(mitra.browser);
    await page.goto(url('/sign-in?next=%2Fapp%2Fcities%2Fda-nang'));
    await expectTitle(page, 'Sign in to Mitra');
    await signIn(page, 'hanoi@demo.mitra.example', DEMO_PASSWORD);
    await expectTitle(page, 'Da Nang');
    expect(new URL(page.url()).pathname).toBe('/app/cities/da-nang');
    await expect.poll(() => page.getByRole('note').textContent(), POLL).toContain(
      'Only Da Nang’s own staff and the secretariat can change its profile and action plan.',
    );
    await expect.poll(() => page.getByRole('table').getByRole('rowheader').allTextContents(), POLL).toContain(PROJECT);
    expect(await page.getByRole('button', { name: 'Save the profile' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add a project' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Edit “/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Delete “/ }).count()).toBe(0);
    expect(await page.locator('form').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'workspace-city-refused');

    const project = (await publicProjects()).find((p) => p.title === PROJECT)!;
    const attempt = await context.request.patch(url(`/api/v1/projects/${project.id}`), {
      data: { visibility: 'restricted' },
      headers: { origin: mitra.server.url },
    });
    expect(attempt.status()).toBe(403);
    expect(((await attempt.json()) as { error: { message: string } }).error.message).toContain('Only Da Nang');
    await context.close();
  });

  it('shows the secretariat the change in the audit log and the yearly monitoring', async () => {
    const { page, context } = secretariat;
    await visit(page, '/app/audit', 'Audit log');
    await choose(page, 'Show changes to', 'Action-plan projects');
    const first = page.getByRole('list', { name: 'Changes, newest first' }).getByRole('listitem').first();
    await expect.poll(() => first.textContent(), POLL).toContain('scap_project.updated');
    const visibilityRow = first.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'visibility', exact: true }) });
    expect((await visibilityRow.getByRole('cell').allTextContents()).map((s) => s.trim())).toEqual(['restricted', 'public']);
    await expectAccessible(page);
    await screenshot(page, 'workspace-audit');

    const year = new Date().getFullYear();
    await visit(page, '/app/monitoring', 'Monitoring');
    expect(await page.getByLabel(label('Year')).first().inputValue()).toBe(String(year));
    const response = await context.request.get(url(`/api/v1/monitoring?year=${year}`));
    const monitoring = (await response.json()) as { network: { total: number }; countries: { name: string; total: number }[] };
    const byCountry = page.getByRole('table', { name: `Action-plan projects per country in ${year}, by status and focus area` });
    await expect.poll(() => byCountry.getByRole('row').count(), POLL).toBe(monitoring.countries.length + 1);
    const vietNam = monitoring.countries.find((c) => c.name === 'Viet Nam')!;
    expect(vietNam.total).toBeGreaterThan(0);
    const vietNamRow = byCountry.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Viet Nam' }) });
    expect((await vietNamRow.getByRole('cell').first().textContent())?.trim()).toBe(String(vietNam.total));
    // Focus-area columns show two-letter codes; screen readers get the names.
    expect(await byCountry.getByRole('columnheader', { name: 'Safety and security' }).count()).toBe(1);
    await expect.poll(() => page.getByText(`${monitoring.network.total} project(s) in ${year} that you can see.`).count(), POLL).toBe(1);
    await screenshot(page, 'workspace-monitoring');

    // Narrowing to one country reloads the tables.
    await choose(page, 'Country', 'Indonesia');
    await expect.poll(() => new URL(page.url()).searchParams.get('country'), POLL).toBe('ID');
    await expect.poll(() => byCountry.getByRole('rowheader').allTextContents(), POLL).toEqual(['Indonesia']);
  });

  it('tells Da Nang’s administrator that the officer joined, and marks it read', async () => {
    const { page, context } = await newPage(mitra.browser, { narrow: true });
    await page.goto(url('/sign-in?next=/app/notifications'));
    await signIn(page, 'danang@demo.mitra.example', DEMO_PASSWORD);
    await expectTitle(page, 'Notifications');
    const item = page.getByRole('list', { name: 'Your notifications, newest first' }).getByRole('listitem').filter({ hasText: `${OFFICER.name} joined your organisation` });
    await expect.poll(() => item.count(), POLL).toBe(1);
    expect(await item.textContent()).toContain('New');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'workspace-notifications-narrow');
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect.poll(() => page.getByText('You have read everything.').count(), POLL).toBe(1);
    expect(await item.textContent()).not.toContain('New');
    await context.close();
  });

  it('lets the secretariat change a member’s role, disable and re-enable the account, and resend an invitation', async () => {
    const { page } = secretariat;
    await visit(page, daNangOrgPath, DA_NANG_ORG);
    const row = page.getByRole('row').filter({ hasText: OFFICER.email });
    const manage = async (action: string) => {
      await page.getByRole('button', { name: `Manage ${OFFICER.name}` }).click();
      await page.getByRole('menuitem', { name: action }).click();
    };
    expect(await row.textContent()).toContain('Active');
    await manage('Make administrator');
    await expect.poll(() => page.getByRole('status').allTextContents(), POLL).toContain(`${OFFICER.name} is now: Administrator.`);
    expect(await row.textContent()).toContain('Administrator');

    await manage('Disable the account');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').first().textContent(), POLL).toBe(`Disable ${OFFICER.name}’s account?`);
    await expectAccessible(page, 'the disable confirmation');
    await dialog.getByRole('button', { name: 'Disable the account' }).click();
    await expect.poll(() => row.textContent(), POLL).toContain('Disabled');
    // A disabled account cannot sign in.
    const refused = await fetch(url('/api/v1/session'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: OFFICER.email, password: OFFICER.password }),
    });
    expect(refused.status).toBe(401);
    await manage('Re-enable the account');
    await expect.poll(() => row.textContent(), POLL).toContain('Active');

    // A second person is invited; the invitation can be sent again, with a new link in the outbox.
    await page.getByRole('button', { name: 'Invite someone' }).click();
    await dialog.getByLabel('Name').fill('Tran Thi Mai');
    await dialog.getByLabel('Email').fill('mai@danang.example');
    await dialog.getByRole('button', { name: 'Send the invitation' }).click();
    await expect.poll(() => dialog.count(), POLL).toBe(0);
    await page.getByRole('button', { name: 'Manage Tran Thi Mai' }).click();
    await page.getByRole('menuitem', { name: 'Resend the invitation' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents(), POLL).toContain('A new invitation link has been sent to mai@danang.example.');
    const outbox = await (await secretariat.context.request.get(url('/api/v1/outbox?to=mai@danang.example'))).json();
    expect((outbox as { items: unknown[] }).items).toHaveLength(2);
    await expectAccessible(page);
  });

  it('works on a 375 px wide screen', async () => {
    const { page } = secretariat;
    await page.setViewportSize({ width: 375, height: 740 });
    const pages: [string, string | RegExp, string][] = [
      ['/app', 'Welcome, Amara Santos', 'dashboard'],
      ['/app/organisations', 'Organisations', 'organisations'],
      [daNangOrgPath, DA_NANG_ORG, 'organisation'],
      ['/app/cities', 'Cities and action plans', 'cities'],
      ['/app/cities/da-nang', 'Da Nang', 'city'],
      ['/app/monitoring', 'Monitoring', 'monitoring'],
      ['/app/outbox', 'Outbox', 'outbox'],
      ['/app/audit', 'Audit log', 'audit'],
      ['/app/profile', 'Your profile', 'profile'],
      ['/app/notifications', 'Notifications', 'notifications'],
    ];
    for (const [path, title, name] of pages) {
      await visit(page, path, title);
      await page.waitForLoadState('networkidle');
      await expectNoHorizontalScroll(page);
      await screenshot(page, `workspace-${name}-narrow`);
    }
    // The workspace menu is behind a button on narrow screens.
    const menuButton = page.getByRole('button', { name: 'Show the workspace menu' });
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
    await menuButton.click();
    const menu = page.getByRole('navigation', { name: 'Workspace (menu)' });
    await expect.poll(() => menu.getByRole('link', { name: 'Audit log' }).isVisible(), POLL).toBe(true);
    await expectAccessible(page, 'the narrow workspace menu');
    await screenshot(page, 'workspace-menu-narrow');
    await menu.getByRole('link', { name: 'Profile' }).click();
    await expectTitle(page, 'Your profile');
    await page.getByLabel('Job title').fill('Programme director');
    await page.getByRole('button', { name: 'Save your details' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents(), POLL).toContain('Your details have been saved.');
    await page.reload();
    await expectTitle(page, 'Your profile');
    await expect.poll(() => page.getByLabel('Job title').inputValue(), POLL).toBe('Programme director');

    // The project form fits a phone too.
    await visit(page, '/app/cities/da-nang', 'Da Nang');
    await page.getByRole('button', { name: 'Add a project' }).click();
    await expect.poll(() => page.getByRole('dialog').getByLabel('Project').isVisible(), POLL).toBe(true);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'the project form at 375 px');
    await screenshot(page, 'workspace-project-form-narrow');
    // Create a project, then delete it after confirming.
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(label('Project')).fill('Public Wi-Fi kiosks (test)');
    await choose(page, 'Focus area', 'Civic and Social (CS)');
    await dialog.getByRole('button', { name: 'Add the project' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents(), POLL).toContain('“Public Wi-Fi kiosks (test)” has been added to the action plan.');
    await expect.poll(() => page.getByRole('table').getByRole('rowheader').allTextContents(), POLL).toContain('Public Wi-Fi kiosks (test)');
    await page.getByRole('button', { name: 'Delete “Public Wi-Fi kiosks (test)”' }).click();
    await expect.poll(() => dialog.getByRole('heading').first().textContent(), POLL).toBe('Delete “Public Wi-Fi kiosks (test)”?');
    await expectAccessible(page, 'the delete confirmation');
    await dialog.getByRole('button', { name: 'Delete the project' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents(), POLL).toContain('“Public Wi-Fi kiosks (test)” has been deleted.');
    await expect.poll(() => page.getByRole('table').getByRole('rowheader').allTextContents(), POLL).not.toContain('Public Wi-Fi kiosks (test)');
    await secretariat.context.close();

    const visitor = await newPage(mitra.browser, { narrow: true });
    for (const [path, title, name] of [
      ['/reset-password', 'Reset your password', 'reset-password'],
      ['/sign-in', 'Sign in to Mitra', 'sign-in'],
    ] as const) {
      await visit(visitor.page, path, title);
      await expectNoHorizontalScroll(visitor.page);
      await screenshot(visitor.page, `workspace-${name}-narrow`);
    }
    // A locked account and the rate limit are explained with the server's own words (responses simulated).
    for (const [status, code, message, title] of [
      [423, 'locked', 'This account is locked after too many failed sign-ins until 10:15 UTC. Try again then, or reset your password.', 'Account locked'],
      [429, 'rate_limited', 'Too many requests. Wait a minute and try again.', 'Too many attempts'],
    ] as const) {
      await visitor.page.route('**/api/v1/session', (route) =>
        route.request().method() === 'POST' ? route.fulfill({ status, json: { error: { code, message } } }) : route.fallback(),
      );
      await signIn(visitor.page, 'cebu@demo.mitra.example', DEMO_PASSWORD);
      await expect.poll(() => visitor.page.getByRole('alert').textContent(), POLL).toBe(`${title}${message}`);
      await visitor.page.unroute('**/api/v1/session');
    }
    await expectAccessible(visitor.page);
    await screenshot(visitor.page, 'workspace-sign-in-locked-narrow');

    // Asking for a reset link never says whether the account exists.
    await visitor.page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expectTitle(visitor.page, 'Reset your password');
    await visitor.page.getByLabel('Email').fill('nobody@nowhere.example');
    await visitor.page.getByRole('button', { name: 'Email me a link' }).click();
    await expect.poll(() => visitor.page.getByRole('status').textContent(), POLL).toContain('If a Mitra account exists for nobody@nowhere.example');
    await expectAccessible(visitor.page);
    await visitor.context.close();
  });
});
