import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectNoHorizontalScroll, screenshot, signInAs, useMitraAndBrowser } from './harness.js';

/**
 * Bankable projects (activity 1c), as their people walk it: Da Nang's officer creates a pipeline
 * project (a PPP), runs the bankability check and fixes the flagged contradiction (a PPP with no
 * revenue model), then asks the U.S. agency for a feasibility study linked to the project; the
 * agency's reviewer screens and approves it; the company lists a solution, sees the project among
 * those that fit it and expresses interest; the officer sees the interest, shortlists the company and
 * records the deal it led to from the interest.
 */
const POLL = { timeout: 30_000 };

const PROJECT = 'Smart parking guidance for the Han River centre';
const REQUEST = 'Feasibility study: smart parking guidance PPP';
const AGENCY = 'U.S. Trade and Development office (demo)';
const COMPANY = 'Lumen Mobility Inc. (demo)';
const SOLUTION = 'Parking guidance and kerbside sensing';
const INTEREST = 'We run parking guidance on 9,000 spaces in Riverton, CA, and would bid with a Da Nang installer.';
const DEAL = 'Parking guidance pilot in Hai Chau district';
const REVENUE_FLAG = 'A PPP needs a revenue model';
const RISK_FLAG = 'A PPP needs a risk allocation';
const RISK_JUSTIFICATION = 'The risk matrix is part of the feasibility study we are requesting; no bidder is approached before it is agreed.';

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const label = (text: string) => new RegExp(`^${literal(text)}( ?\\*)?$`);

describe.skipIf(!chromiumAvailable)('bankable projects: from a pipeline project to a deal', () => {
  const mitra = useMitraAndBrowser();
  const url = (p: string) => mitra.server.url + p;
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
  /** A workspace section (a <section> with its h2). */
  const section = (page: Page, title: string | RegExp): Locator =>
    page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: typeof title === 'string' }) });
  const flag = (page: Page, title: string) => page.getByRole('article', { name: title, exact: true });
  let projectPath = '';
  let requestPath = '';

  async function expectTitle(page: Page, text: string | RegExp): Promise<void> {
    await expect.poll(async () => ((await h1(page).count()) === 1 ? await h1(page).textContent() : null), POLL).toMatch(text);
  }

  const as = (email: string, target: string, narrow = false) => signInAs(mitra.browser, mitra.server, email, target, { narrow });

  it('Da Nang’s officer creates a PPP project in the pipeline', { timeout: 180_000 }, async () => {
    const { context, page } = await as('danang@demo.mitra.example', '/app/pipeline/new');
    await expectTitle(page, 'Create a pipeline project');
    await page.getByRole('radio', { name: 'Start from scratch' }).check();
    const form = section(page, 'New project');
    await expect.poll(() => form.count(), POLL).toBe(1);
    await form.getByLabel(label('Project title')).fill(PROJECT);
    await form.getByLabel(label('Sector')).selectOption({ label: 'Transport' });
    await form.getByLabel(label('Focus area')).selectOption({ label: 'Built Infrastructure' });
    await form.getByLabel(label('Delivery model')).selectOption({ label: 'Public-private partnership (PPP)' });
    await form
      .getByLabel(label('Description'))
      .fill('Parking guidance signs, bay sensors and a mobile app for 6,500 public parking spaces in Hai Chau, so that drivers stop circling the river front; a private partner builds and runs it.');
    await form.getByLabel(label('Location')).fill('Hai Chau district, along Bach Dang street');
    await form.getByLabel(label('Currency')).fill('VND');
    await form.getByLabel(label('Estimated capital cost')).fill('145000000000');
    await form.getByLabel(label('Funding secured')).fill('20000000000');
    await form.getByRole('radio', { name: /^Public/ }).check();
    await expectAccessible(page, 'the new pipeline project form');
    await screenshot(page, 'bankable-projects-new');
    await form.getByRole('button', { name: 'Create project' }).click();

    await expectTitle(page, PROJECT);
    projectPath = new URL(page.url()).pathname;
    expect(projectPath).toMatch(/^\/app\/pipeline\/[0-9a-f-]{36}$/);
    // Exact amounts in dong, the gap computed, and the stage history starts at Prospective.
    const money = section(page, 'Cost and funding');
    await expect.poll(() => money.getByText(/145[.,\u00a0 ]?000[.,\u00a0 ]?000[.,\u00a0 ]?000/).count(), POLL).toBeGreaterThan(0);
    expect(await money.getByText(/125[.,\u00a0 ]?000[.,\u00a0 ]?000[.,\u00a0 ]?000/).count()).toBeGreaterThan(0);
    expect(await section(page, 'Stage').getByText('Prospective (current stage)').count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Stage history' }).getByText('Created at Prospective').count()).toBe(1);
    await expectAccessible(page, 'the pipeline project page');
    await screenshot(page, 'bankable-projects-project');
    await context.close();

    // On a phone, the project page fits the screen.
    const phone = await as('danang@demo.mitra.example', projectPath, true);
    await expectTitle(phone.page, PROJECT);
    await expectNoHorizontalScroll(phone.page);
    await screenshot(phone.page, 'bankable-projects-project-375');
    await phone.context.close();
  });

  it('the officer runs the bankability check and fixes the contradiction it flags', { timeout: 180_000 }, async () => {
    const { context, page } = await as('danang@demo.mitra.example', projectPath);
    await expectTitle(page, PROJECT);
    await page.getByRole('link', { name: 'Bankability check', exact: true }).click();
    await expectTitle(page, `Bankability check: ${PROJECT}`);

    // A PPP with no revenue model and no risk allocation: two open flags.
    await expect.poll(() => flag(page, REVENUE_FLAG).count(), POLL).toBe(1);
    expect(await flag(page, REVENUE_FLAG).getByText('Open', { exact: true }).count()).toBe(1);
    expect(await flag(page, RISK_FLAG).count()).toBe(1);
    await expectAccessible(page, 'the bankability check with open flags');
    await screenshot(page, 'bankability-flags-open');

    const revenue = page.getByLabel(label('Revenue model'));
    // "Not defined yet" is no revenue model either: the flag stays, with what it found.
    await revenue.selectOption({ label: 'Not defined yet' });
    await expect.poll(() => flag(page, REVENUE_FLAG).getByText(/its revenue model is "not defined yet"/).count(), POLL).toBe(1);
    await revenue.selectOption({ label: 'Availability payments by the government' });
    await expect.poll(() => flag(page, REVENUE_FLAG).count(), POLL).toBe(0);

    // The risk allocation comes with the feasibility study: the city justifies the flag, and the text is kept.
    await flag(page, RISK_FLAG).getByRole('button', { name: `Justify: ${RISK_FLAG}` }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.count(), POLL).toBe(1);
    await dialog.getByLabel(label('Why this is justified')).fill(RISK_JUSTIFICATION);
    await expectAccessible(page, 'the justification dialog');
    await dialog.getByRole('button', { name: 'Save justification' }).click();
    await expect.poll(() => flag(page, RISK_FLAG).getByText(`Justification: ${RISK_JUSTIFICATION}`).count(), POLL).toBe(1);
    expect(await flag(page, RISK_FLAG).getByText('Justified', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Consistency flags (1)' }).count(), POLL).toBe(1);

    // What was saved is what the page shows after a reload.
    await page.reload();
    await expectTitle(page, `Bankability check: ${PROJECT}`);
    await expect.poll(() => page.getByLabel(label('Revenue model')).inputValue(), POLL).toBe('availability_payments');
    expect(await flag(page, REVENUE_FLAG).count()).toBe(0);
    await expectAccessible(page, 'the bankability check after the fix');
    await screenshot(page, 'bankability-fixed');
    await context.close();
  });

  it('the officer requests a feasibility study for the project, endorses and submits it', { timeout: 180_000 }, async () => {
    const { context, page } = await as('danang@demo.mitra.example', '/app/assistance/new');
    await expectTitle(page, 'New assistance request');
    await page.getByLabel(label('Kind of request')).selectOption({ label: 'Feasibility study' });
    await page.getByLabel(label('Title')).fill(REQUEST);
    await page.getByLabel(label('U.S. agency to route the request to')).selectOption({ label: AGENCY });
    await page.getByLabel(label('Problem to solve')).fill('Drivers circling for parking cause a third of the evening congestion on Bach Dang street.');
    await page.getByLabel(label('Objectives')).fill('Confirm demand, the technology and the PPP structure; agree the risk allocation; prepare the tender.');
    await page.getByLabel(label('Scope')).fill('Parking survey, technology options, financial model with availability payments, risk matrix, draft tender documents.');
    await page.getByLabel(label('Linked pipeline project (optional)')).selectOption({ label: PROJECT });
    await page.getByLabel(label('Estimated budget')).fill('450000.00');
    await page.getByLabel(label('Currency (ISO 4217)')).fill('USD');
    await page.getByLabel(label('Timeline')).fill('Eight months');
    await expectAccessible(page, 'the new assistance request form');
    await page.getByRole('button', { name: 'Save the draft' }).click();

    await expectTitle(page, REQUEST);
    requestPath = new URL(page.url()).pathname;
    expect(requestPath).toMatch(/^\/app\/assistance\/[0-9a-f-]{36}$/);
    const actions = section(page, 'What you can do');
    await expect.poll(() => actions.getByText('Not endorsed yet.').count(), POLL).toBe(1);
    await actions.getByRole('button', { name: 'Endorse the request' }).click();
    await expect.poll(() => actions.getByText(/^Endorsed by Nguyen Thi Lan on /).count(), POLL).toBe(1);
    await actions.getByRole('button', { name: 'Submit the request' }).click();
    await expect.poll(() => section(page, 'History').getByText(/Submitted/).count(), POLL).toBeGreaterThan(0);
    expect(await section(page, 'The request').getByText(PROJECT, { exact: true }).count()).toBe(1);
    await expectAccessible(page, 'the submitted request');
    await screenshot(page, 'assistance-submitted');
    await context.close();
  });

  it('the U.S. agency’s reviewer screens the request and approves it', { timeout: 180_000 }, async () => {
    const { context, page } = await as('us-agency@demo.mitra.example', '/app/assistance');
    await expectTitle(page, 'Assistance requests');
    const row = page.getByRole('row').filter({ hasText: REQUEST });
    await expect.poll(() => row.count(), POLL).toBe(1);
    expect(await row.getByText('Submitted', { exact: true }).count()).toBe(1);
    await expectAccessible(page, 'the agency’s queue');
    await row.getByRole('link', { name: REQUEST }).click();
    await expectTitle(page, REQUEST);

    const actions = section(page, 'What you can do');
    await actions.getByRole('button', { name: 'Start screening' }).click();
    await expect.poll(() => actions.getByRole('button', { name: 'Approve' }).count(), POLL).toBe(1);
    expect(await actions.getByRole('button', { name: 'Decline' }).count()).toBe(1);
    await actions.getByLabel(label('Reason or note (required to decline)')).fill('A clear demand problem and a city team ready to structure the PPP.');
    await actions.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => actions.getByRole('button', { name: 'Start the work' }).count(), POLL).toBe(1);
    const history = section(page, 'History');
    for (const status of ['Submitted', 'Screening', 'Approved']) expect(await history.getByText(new RegExp(status)).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the approved request');
    await screenshot(page, 'assistance-approved');
    await context.close();

    const phone = await as('us-agency@demo.mitra.example', requestPath, true);
    await expectTitle(phone.page, REQUEST);
    await expectNoHorizontalScroll(phone.page);
    await screenshot(phone.page, 'assistance-approved-375');
    await phone.context.close();
  });

  it('the company lists a solution, sees the project among those that fit and expresses interest', { timeout: 180_000 }, async () => {
    const { context, page } = await as('company@demo.mitra.example', '/app/solutions');
    await expectTitle(page, 'Your solutions');
    await page.getByRole('button', { name: 'Add a solution' }).click();
    const form = page.getByRole('form', { name: 'Add a solution' });
    await expect.poll(() => form.count(), POLL).toBe(1);
    await form.getByLabel(label('Name')).fill(SOLUTION);
    await form.getByLabel(label('Description')).fill('Bay sensors, guidance signs and a driver app showing free parking spaces, with occupancy data for the city.');
    // Mantine draws the multi-select's field over its input: the click goes to the field, which opens the list.
    await form.getByLabel(label('Sectors')).click({ force: true });
    await page.getByRole('option', { name: 'Transport', exact: true }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('option', { name: 'Water', exact: true }).count(), POLL).toBe(0);
    await form.getByRole('checkbox', { name: 'Built Infrastructure' }).check();
    const technologies = form.getByLabel(label('Technologies'));
    for (const tag of ['parking sensors', 'guidance signs']) {
      await technologies.fill(tag);
      await technologies.press('Enter');
    }
    const countries = form.getByLabel(label('Countries served'));
    for (const code of ['VN', 'US']) {
      await countries.fill(code);
      await countries.press('Enter');
    }
    await expectAccessible(page, 'the solution form');
    await form.getByRole('button', { name: 'Save the solution' }).click();
    await expect.poll(() => page.getByRole('heading', { name: SOLUTION }).count(), POLL).toBeGreaterThan(0);

    await page.goto(url('/app/solutions/opportunities'));
    await expectTitle(page, 'Opportunities for your company');
    const match = section(page, PROJECT);
    await expect.poll(() => match.count(), POLL).toBe(1);
    // Each recommendation says why it fits.
    expect(await match.getByText('Da Nang (VN) · Transport').count()).toBe(1);
    expect(await match.getByText('Works in the project’s sector').count()).toBe(1);
    expect(await match.getByText(/^Shared terms: .*\bpark\b/).count()).toBe(1);
    await expectAccessible(page, 'the company’s opportunities');
    const interest = match.getByRole('form', { name: `Express interest in ${PROJECT}` });
    await interest.getByLabel(label('Message to the city')).fill(INTEREST);
    await interest.getByRole('button', { name: 'Express interest' }).click();
    await expect.poll(() => match.getByText('Interest sent: the city has been told.').count(), POLL).toBe(1);
    await screenshot(page, 'opportunities-interest-sent');
    await context.close();

    const phone = await as('company@demo.mitra.example', '/app/solutions/opportunities', true);
    await expectTitle(phone.page, 'Opportunities for your company');
    await expect.poll(() => section(phone.page, PROJECT).count(), POLL).toBe(1);
    await expectNoHorizontalScroll(phone.page);
    await screenshot(phone.page, 'opportunities-375');
    await phone.context.close();
  });

  it('the officer sees the interest, shortlists the company and records the deal', { timeout: 180_000 }, async () => {
    const { context, page } = await as('danang@demo.mitra.example', projectPath);
    await expectTitle(page, PROJECT);
    await page.getByRole('link', { name: 'Providers and interests', exact: true }).click();
    await expectTitle(page, `Providers for ${PROJECT}`);
    const row = section(page, 'Expressions of interest').getByRole('row').filter({ hasText: COMPANY });
    await expect.poll(() => row.count(), POLL).toBe(1);
    expect(await row.getByText(INTEREST).count()).toBe(1);
    await row.getByRole('button', { name: `Shortlist ${COMPANY}` }).click();
    await expect.poll(() => row.getByText('Shortlisted', { exact: true }).count(), POLL).toBe(1);
    // The company is also first among the recommended providers, with its new solution named.
    expect(await section(page, 'Recommended providers').getByText(new RegExp(literal(SOLUTION))).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the project’s providers and interests');
    await screenshot(page, 'project-interests');

    // The deal, from the interest's row: the form comes prefilled with the city, the company, the project and where it came from.
    await row.getByRole('link', { name: `Record a deal with ${COMPANY}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a deal' });
    await expect.poll(() => dialog.count(), POLL).toBe(1);
    expect(await dialog.getByLabel(label('Where the deal came from')).inputValue()).toBe('project_interest');
    await expect.poll(() => dialog.getByLabel(label('Partner organisation')).inputValue(), POLL).toBe(COMPANY);
    await expect.poll(async () => (await dialog.getByLabel(label('Pipeline project')).locator('option:checked').textContent()) ?? '', POLL).toBe(PROJECT);
    await dialog.getByLabel(label('Title')).fill(DEAL);
    await dialog.getByLabel(label('Stage')).selectOption({ label: 'Letter of intent' });
    await dialog.getByLabel(label('Value (optional)')).fill('300000.00');
    await dialog.getByLabel(label('Currency')).fill('USD');
    await dialog.getByLabel(label('Notes')).fill('Letter of intent for a 1,200-space first phase on Bach Dang street.');
    await expectAccessible(page, 'the deal form from an interest');
    await screenshot(page, 'deal-form');
    await dialog.getByRole('button', { name: 'Record the deal' }).click();
    await expectTitle(page, DEAL);
    await page.goto(url('/app/deals'));
    await expectTitle(page, 'Deals');
    const dealRow = page.getByRole('row').filter({ hasText: DEAL });
    await expect.poll(() => dealRow.count(), POLL).toBe(1);
    expect(await dealRow.getByText('Company interest in a pipeline project').count()).toBe(1);
    expect(await dealRow.getByRole('link', { name: PROJECT }).count()).toBe(1);
    await expectAccessible(page, 'the deals list');
    await screenshot(page, 'deal-recorded');
    await context.close();
  });
});
