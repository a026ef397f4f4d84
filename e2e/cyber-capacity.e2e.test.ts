import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectNoHorizontalScroll, newPage, screenshot, useMitraAndBrowser } from './harness.js';

/**
 * Cyber capacity (activities 3a and 3b), as its people walk it: Da Nang's officer completes a NIST CSF
 * 2.0 self-assessment (one subcategory not applicable, with its reason), submits it, reads the gap
 * analysis (radar charts, the largest gaps, the recommended course) and the benchmarks; Viet Nam's
 * national representative nominates her for the recommended course's open cohort; the regional cyber
 * centre's trainer approves her and records her attendance on a phone; she passes the quiz and gets
 * her certificate; a visitor verifies it without seeing anything else about her.
 */
const DEMO_PASSWORD = 'mitra-demo-2026';
const POLL = { timeout: 30_000 };

const OFFICER = 'Nguyen Thi Lan';
const ASSESSMENT = 'Da Nang city administration 2026';
const COURSE = 'Cyber risk governance for city leaders';
const COHORT = 'Online cohort for city leaders';
const COHORT_LINK = `${COURSE}: ${COHORT}`;
const SESSIONS = ['Cyber risk as city risk', 'Roles, responsibilities and policy', 'Overseeing the programme'];
const NOT_APPLICABLE = 'GV.SC-01';
const NOT_APPLICABLE_REASON = 'The city administration runs no supply-chain risk programme of its own: the provincial IT centre buys all technology services for it.';

/**
 * Every CSF 2.0 category with the current and target level the city gives all of its subcategories.
 * GV.RM (Risk Management Strategy) has the largest gap (1 → 4); it and the other Govern categories
 * are what "Cyber risk governance for city leaders" addresses, so that course comes first.
 */
const FUNCTIONS: { name: string; id: string; categories: [id: string, current: number, target: number][] }[] = [
  { name: 'Govern', id: 'GV', categories: [['GV.OC', 2, 3], ['GV.RM', 1, 4], ['GV.RR', 2, 3], ['GV.PO', 1, 3], ['GV.OV', 2, 3], ['GV.SC', 1, 2]] },
  { name: 'Identify', id: 'ID', categories: [['ID.AM', 2, 3], ['ID.RA', 2, 3], ['ID.IM', 2, 3]] },
  { name: 'Protect', id: 'PR', categories: [['PR.AA', 2, 4], ['PR.AT', 3, 3], ['PR.DS', 3, 3], ['PR.PS', 3, 3], ['PR.IR', 3, 3]] },
  { name: 'Detect', id: 'DE', categories: [['DE.CM', 2, 3], ['DE.AE', 2, 3]] },
  { name: 'Respond', id: 'RS', categories: [['RS.MA', 2, 3], ['RS.AN', 2, 3], ['RS.CO', 2, 3], ['RS.MI', 2, 3]] },
  { name: 'Recover', id: 'RC', categories: [['RC.RP', 2, 3], ['RC.CO', 2, 3]] },
];

/** The demo course's quiz, in order, with its correct options (src/db/seed/demo-cyber.ts). */
const QUIZ_ANSWERS = ['Govern', 'The city’s senior leadership', 'reviewed and updated as risks change', 'How rigorous the city’s cyber risk governance and management are'];

const QUIZ_PROMPTS = [
  'Which CSF 2.0 function covers a city’s cybersecurity strategy and policy?',
  'Who should own the city’s cyber risk appetite?',
  'A cybersecurity policy should be…',
  'What does a CSF tier describe?',
];

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const label = (text: string) => new RegExp(`^${literal(text)}( ?\\*)?$`);

describe.skipIf(!chromiumAvailable)('cyber capacity: from a self-assessment to a verified certificate', () => {
  const mitra = useMitraAndBrowser();
  const url = (p: string) => mitra.server.url + p;
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Workspace', exact: true });
  /** A workspace section (a <section> with its h2). */
  const section = (page: Page, title: string): Locator => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
  let assessmentPath = '';
  let cohortPath = '';
  let verificationCode = '';

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

  it('Da Nang’s officer completes a self-assessment with a not-applicable answer and submits it', { timeout: 420_000 }, async () => {
    const { context, page } = await as('danang@demo.mitra.example', '/app');
    const entry = nav(page).getByRole('link', { name: 'Self-assessment', exact: true });
    await expect.poll(() => entry.count(), POLL).toBe(1);
    await entry.click();
    await expectTitle(page, 'Cyber self-assessment');
    await expect.poll(() => page.getByText('The city has no assessment yet. Start one with “New assessment”.').count(), POLL).toBe(1);
    await expectAccessible(page, 'the empty list of assessments');

    await page.getByRole('button', { name: 'New assessment' }).click();
    const create = page.getByRole('dialog', { name: 'New self-assessment' });
    await expect.poll(() => create.count(), POLL).toBe(1);
    await create.getByLabel(label('Title')).fill(ASSESSMENT);
    await create.getByRole('radio', { name: 'The whole city administration' }).check();
    await create.getByLabel(label('Scope notes')).fill('All departments of the Da Nang City People’s Committee, the city data centre and the smart city operations centre.');
    await expectAccessible(page, 'the new assessment dialog');
    await screenshot(page, 'cyber-capacity-new-assessment');
    await create.getByRole('button', { name: 'Start the assessment' }).click();
    await expectTitle(page, ASSESSMENT);
    assessmentPath = new URL(page.url()).pathname;
    expect(assessmentPath).toMatch(/^\/app\/assessments\/[^/]+$/);
    await expect.poll(() => page.getByText('0 of 106 subcategories answered (0 not applicable)').count(), POLL).toBe(1);

    // Each category in one go, with the whole-category controls; GV.SC-01 first becomes not applicable.
    for (const fn of FUNCTIONS) {
      const fnButton = page.getByRole('button', { name: new RegExp(`^${fn.name} \\(${fn.id}\\)`) });
      await fnButton.click();
      await expect.poll(() => fnButton.getAttribute('aria-expanded'), POLL).toBe('true');
      for (const [category, current, target] of fn.categories) {
        const categoryButton = page.getByRole('button', { name: new RegExp(`^${literal(category)} `) });
        await categoryButton.click();
        await expect.poll(() => categoryButton.getAttribute('aria-expanded'), POLL).toBe('true');

        if (category === 'GV.SC') {
          const answer = page.getByRole('article', { name: new RegExp(`^${literal(NOT_APPLICABLE)} `) });
          await answer.getByRole('checkbox', { name: `${NOT_APPLICABLE} is not applicable` }).check();
          // Without a reason nothing is saved, and the page says so at the field.
          await expect.poll(() => answer.getByText('Say why it does not apply: the answer is saved once there is a reason.').count(), POLL).toBe(1);
          expect(await answer.getByText('Not saved yet: say why it does not apply.').count()).toBe(1);
          await answer.getByLabel(`Why ${NOT_APPLICABLE} does not apply`, { exact: true }).fill(NOT_APPLICABLE_REASON);
          await answer.getByLabel(`Why ${NOT_APPLICABLE} does not apply`, { exact: true }).press('Tab');
          await expect.poll(() => answer.getByText(new RegExp(`^Saved .* by ${OFFICER}$`)).count(), POLL).toBe(1);
          // The questionnaire is long: it is scanned once, with Govern and GV.SC open.
          await expectAccessible(page, 'the questionnaire (Govern, GV.SC open, one answer not applicable)');
          await screenshot(page, 'cyber-capacity-not-applicable');
        }

        await page.getByLabel(`Current level for all of ${category}`, { exact: true }).selectOption(String(current));
        await page.getByLabel(`Target level for all of ${category}`, { exact: true }).selectOption(String(target));
        await page.getByRole('button', { name: `Apply to all of ${category}`, exact: true }).click();
        await expect.poll(() => page.getByRole('status').filter({ hasText: `Saved for every applicable subcategory of ${category}.` }).count(), POLL).toBe(1);

        if (category === 'GV.SC') {
          // The whole-category fill left the not-applicable answer alone.
          const current01 = page.getByLabel(`Current level for ${NOT_APPLICABLE}`, { exact: true });
          expect(await current01.isDisabled()).toBe(true);
          expect(await current01.inputValue()).toBe('');
          expect(await page.getByLabel(`Current level for GV.SC-02`, { exact: true }).inputValue()).toBe(String(current));
        }
        await categoryButton.click();
        await expect.poll(() => categoryButton.getAttribute('aria-expanded'), POLL).toBe('false');
      }
      await expect.poll(async () => (await fnButton.textContent()) ?? '', POLL).toMatch(/(\d+) of \1 answered$/);
      await fnButton.click();
    }
    await expect.poll(() => page.getByText('106 of 106 subcategories answered (1 not applicable)').count(), POLL).toBe(1);

    // Both tiers, each with its rationale (CSF 2.0 tiers are judged, not averaged).
    await page.getByRole('radiogroup', { name: 'Risk governance tier' }).getByRole('radio', { name: 'Tier 2: Risk Informed' }).check();
    await page.getByLabel('Rationale for the risk governance tier', { exact: true }).fill('The People’s Committee approved a cybersecurity plan in 2025, but roles and policy are not yet applied the same way in every department.');
    await page.getByRole('radiogroup', { name: 'Risk management tier' }).getByRole('radio', { name: 'Tier 1: Partial' }).check();
    await page.getByLabel('Rationale for the risk management tier', { exact: true }).fill('Cyber risks are handled case by case after incidents; there is no city-wide risk register yet.');
    await page.getByLabel('Rationale for the risk management tier', { exact: true }).press('Tab');
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^All changes are saved/ }).count(), POLL).toBe(1);
    const submitSection = section(page, 'Submit');
    await expect.poll(() => submitSection.getByText('Before it can be submitted:').count(), POLL).toBe(0);
    await screenshot(page, 'cyber-capacity-assessment-ready');

    const submit = page.getByRole('button', { name: 'Submit the assessment' });
    await expect.poll(() => submit.isEnabled(), POLL).toBe(true);
    await submit.click();
    const confirm = page.getByRole('dialog', { name: `Submit “${ASSESSMENT}”?` });
    await expect.poll(() => confirm.count(), POLL).toBe(1);
    await confirm.getByRole('button', { name: 'Yes, submit' }).click();

    // Frozen: no more form, only the answers to read.
    const status = section(page, 'Status and progress');
    await expect.poll(() => status.getByText(new RegExp(`^Submitted on .* by ${OFFICER}\\. It is frozen`)).count(), POLL).toBe(1);
    expect(await status.getByText('Submitted', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Submit the assessment' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save title and scope' }).count()).toBe(0);
    expect(await page.getByRole('main').getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('main').getByRole('radio').count()).toBe(0);
    await page.getByRole('button', { name: /^Govern \(GV\)/ }).click();
    await page.getByRole('button', { name: /^GV\.SC / }).click();
    const frozen = page.getByRole('article', { name: new RegExp(`^${literal(NOT_APPLICABLE)} `) });
    await expect.poll(() => frozen.getByText(NOT_APPLICABLE_REASON).count(), POLL).toBe(1);
    expect(await frozen.getByRole('combobox').count()).toBe(0);
    expect(await frozen.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Current level for all of GV.SC' }).count()).toBe(0);
    await expectAccessible(page, 'the submitted assessment');
    await screenshot(page, 'cyber-capacity-assessment-submitted');
    await context.close();
  });

  it('the officer reads the gap analysis, the recommended course and the benchmarks', { timeout: 240_000 }, async () => {
    const { context, page } = await as('danang@demo.mitra.example', assessmentPath);
    await expectTitle(page, ASSESSMENT);
    await section(page, 'Status and progress').getByRole('link', { name: 'Gap analysis', exact: true }).click();
    await expectTitle(page, `Gap analysis: ${ASSESSMENT}`);

    const summary = section(page, 'Summary');
    await expect.poll(() => summary.getByText('106 of 106 subcategories answered (1 not applicable)').count(), POLL).toBe(1);
    expect(await summary.getByText('Tier 2: Risk Informed').count()).toBe(1);
    expect(await summary.getByText('Tier 1: Partial').count()).toBe(1);

    // A radar chart per function, each an image with a title.
    const radars = page.locator('svg[role="img"]');
    await expect.poll(() => radars.count(), POLL).toBe(6);
    expect(await page.locator('svg[role="img"] > title').allTextContents()).toEqual([
      'Govern: current and target by category',
      'Identify: current and target by category',
      'Protect: current and target by category',
      'Detect: current and target by subcategory',
      'Respond: current and target by category',
      'Recover: current and target by subcategory',
    ]);
    expect(await page.getByRole('img', { name: /^Govern: current and target by category/ }).count()).toBe(1);

    // The largest gap first: GV.RM (1 → 4).
    const ranked = page.getByRole('region', { name: 'Largest gaps' });
    await expect.poll(() => ranked.locator('tbody tr').count(), POLL).toBeGreaterThan(5);
    const first = ranked.locator('tbody tr').first();
    expect(await first.getByRole('rowheader').textContent()).toMatch(/^GV\.RM Risk Management Strategy/);
    expect(await first.getByRole('cell').last().textContent()).toBe('3.00');
    // Categories at their target have no gap, so they are not ranked.
    expect(await ranked.getByRole('rowheader', { name: /^PR\.DS / }).count()).toBe(0);

    // From gaps to training: the governance course comes first, naming GV.RM and its open cohort.
    const training = section(page, 'Recommended training');
    await expect.poll(() => training.getByRole('article').count(), POLL).toBeGreaterThan(0);
    const recommended = training.getByRole('article').first();
    expect(await recommended.getByRole('heading', { level: 3 }).textContent()).toBe(COURSE);
    expect(await recommended.getByRole('listitem').first().textContent()).toMatch(/^GV\.RM Risk Management Strategy \(gap 3\.00\)/);
    expect(await recommended.getByText(new RegExp(`^${COHORT}: .*open for nominations`)).count()).toBe(1);
    await expectAccessible(page, 'the gap analysis');
    await screenshot(page, 'cyber-capacity-gaps');

    // Benchmarks: the three demo cities and Da Nang make four, so figures show, with where Da Nang stands.
    await nav(page).getByRole('link', { name: 'Benchmarks', exact: true }).click();
    await expectTitle(page, 'Benchmarks');
    await expect.poll(() => page.getByText('4 cities contribute to the benchmarks of the network.').count(), POLL).toBe(1);
    expect(await page.getByRole('link', { name: ASSESSMENT }).count()).toBe(1);
    expect(await page.getByRole('columnheader', { name: 'Where your city stands' }).count()).toBe(6);
    const govern = page.getByRole('region', { name: 'Benchmarks of Govern' });
    const rm = govern.getByRole('row', { name: /^GV\.RM / });
    expect(await rm.getByRole('cell').first().textContent()).toBe('4');
    expect(await rm.getByRole('cell').nth(6).textContent()).toBe('1.00');
    expect(await rm.getByRole('cell').nth(7).textContent()).toMatch(/quartile|median/);
    expect(await page.getByText(/Not shown: fewer than three cities contribute/).count()).toBe(0);
    await expectAccessible(page, 'the benchmarks');
    await screenshot(page, 'cyber-capacity-benchmarks');
    await context.close();
  });

  it('Viet Nam’s national representative nominates the officer for the course’s open cohort', { timeout: 180_000 }, async () => {
    const { context, page } = await as('vn-national@demo.mitra.example', '/app/training');
    await expectTitle(page, 'Training programme');
    const open = section(page, 'Open for nominations');
    await expect.poll(() => open.getByRole('link', { name: COHORT_LINK }).count(), POLL).toBe(1);
    await expectAccessible(page, 'the training home (national representative)');
    await open.getByRole('link', { name: COHORT_LINK }).click();
    await expectTitle(page, COHORT);
    cohortPath = new URL(page.url()).pathname;

    await page.getByRole('button', { name: 'Nominate an official' }).click();
    const dialog = page.getByRole('dialog', { name: `Nominate for ${COHORT}` });
    const nominee = dialog.getByLabel(label('Official to nominate'));
    await expect.poll(() => nominee.count(), POLL).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Nominate', exact: true }).isDisabled()).toBe(true);
    await nominee.selectOption({ label: `${OFFICER} (Da Nang)` });
    await dialog.getByLabel(label('Gender (optional)')).selectOption('woman');
    await dialog.getByLabel(label('Nomination note')).fill('Chief Smart City Officer of Da Nang; the city’s self-assessment shows its largest gap in risk management strategy.');
    await expectAccessible(page, 'the nomination dialog');
    await screenshot(page, 'cyber-capacity-nominate');
    await dialog.getByRole('button', { name: 'Nominate', exact: true }).click();
    await expect.poll(() => page.getByText(`${OFFICER} is nominated. The trainers decide on the enrolment; you will be told.`).count(), POLL).toBe(1);
    const enrolments = section(page, 'Enrolments you can see (1)');
    await expect.poll(() => enrolments.getByRole('listitem').filter({ hasText: OFFICER }).filter({ hasText: 'Nominated' }).count(), POLL).toBe(1);
    await expectAccessible(page, 'the cohort after the nomination');
    await screenshot(page, 'cyber-capacity-nominated');
    await context.close();
  });

  it('the trainer approves her and records her attendance on a phone', { timeout: 240_000 }, async () => {
    const { context, page } = await as('cyber@demo.mitra.example', '/app/training', true);
    await expectTitle(page, 'Training programme');
    const delivering = page.getByRole('link', { name: COHORT_LINK });
    await expect.poll(() => delivering.count(), POLL).toBeGreaterThan(0);
    await delivering.first().click();
    await expectTitle(page, COHORT);
    expect(new URL(page.url()).pathname).toBe(cohortPath);
    await expect.poll(() => page.getByText('No approved trainee yet.').count(), POLL).toBe(1);

    await page.getByRole('button', { name: `Approve ${OFFICER}` }).click();
    await expect.poll(() => page.getByText(new RegExp(`^${OFFICER} is approved`)).count(), POLL).toBe(1);
    const attendance = section(page, 'Attendance');
    await expect.poll(() => attendance.getByLabel('Session', { exact: true }).count(), POLL).toBe(1);
    await expectAccessible(page, 'the cohort with its attendance form (narrow)');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'cyber-capacity-cohort-approved-narrow');

    // 75% of 3 sessions needs all 3: she attended each.
    for (const [index, title] of SESSIONS.entries()) {
      await attendance.getByLabel('Session', { exact: true }).selectOption({ index });
      await expect.poll(() => attendance.getByText(`Attendance for ${title} is not recorded yet.`).count(), POLL).toBe(1);
      await attendance.getByRole('checkbox', { name: `Present: ${OFFICER}, ${title}` }).check();
      await attendance.getByRole('button', { name: `Save attendance for ${title}` }).click();
      await expect.poll(() => attendance.getByText(`Attendance for ${title} is saved.`).count(), POLL).toBe(1);
    }
    const summary = page.getByRole('table', { name: 'Attendance so far' });
    await expect.poll(() => summary.getByRole('row', { name: new RegExp(`^${OFFICER}`) }).getByRole('cell').first().textContent(), POLL).toBe('3 of 3');
    await expect.poll(() => page.getByText('Sessions attended: 3 of 3').count(), POLL).toBe(1);
    await expectAccessible(page, 'the cohort after the attendance (narrow)');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'cyber-capacity-attendance-narrow');
    await context.close();
  });

  it('the officer passes the quiz and gets her certificate', { timeout: 180_000 }, async () => {
    const { context, page } = await as('danang@demo.mitra.example', '/app/training');
    await expectTitle(page, 'Training programme');
    const mine = section(page, 'My training');
    await expect.poll(() => mine.getByRole('link', { name: COURSE }).count(), POLL).toBe(1);
    await mine.getByRole('link', { name: COURSE }).click();
    await expectTitle(page, COURSE);
    await expect.poll(() => page.getByText('The enrolment is approved: a seat is yours.').count(), POLL).toBe(1);
    expect(await section(page, 'Sessions (3)').getByText('Present', { exact: true }).count()).toBe(3);
    await expectAccessible(page, 'the enrolment before the quiz');

    await page.getByRole('button', { name: 'Start the quiz' }).click();
    await expect.poll(() => page.getByText('Attempt 1', { exact: true }).count(), POLL).toBe(1);
    // The questions are found by their prompts; they must read "Question 1" to "Question 4" (checked
    // softly, so that a wrong number does not keep the rest of the journey from being checked).
    const question = (n: number) => page.getByRole('radiogroup', { name: new RegExp(`^Question \\d+: ${literal(QUIZ_PROMPTS[n - 1]!)}`) });
    await expect.poll(() => question(1).count(), POLL).toBe(1);
    const numbered = [...(await page.getByRole('main').ariaSnapshot()).matchAll(/radiogroup "(Question \d+): /g)].map((m) => m[1]);
    expect.soft(numbered, 'the quiz numbers its questions from 1').toEqual(['Question 1', 'Question 2', 'Question 3', 'Question 4']);
    for (const [i, answer] of QUIZ_ANSWERS.slice(0, 3).entries()) await question(i + 1).getByRole('radio', { name: answer, exact: true }).check();
    // One question left out: the page asks for it and sends nothing.
    await page.getByRole('button', { name: 'Submit answers' }).click();
    const missing = page.getByRole('alert').filter({ hasText: 'Answer every question before submitting.' });
    await expect.poll(() => missing.count(), POLL).toBe(1);
    expect.soft(await missing.textContent(), 'the missing question is named by its number').toMatch(/Not answered: 4\.$/);
    expect(await page.getByText('Choose one answer', { exact: true }).count()).toBe(1);
    await question(4).getByRole('radio', { name: QUIZ_ANSWERS[3]!, exact: true }).check();
    await expectAccessible(page, 'the quiz');
    await screenshot(page, 'cyber-capacity-quiz');
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await expect
      .poll(() => page.getByText('You scored 100% (4 of 4 correct) and passed the quiz. You have completed the course: your certificate is ready.').count(), POLL)
      .toBe(1);

    const certificate = section(page, 'Certificate');
    const pdf = certificate.getByRole('link', { name: 'Download certificate (PDF)' });
    await expect.poll(() => pdf.count(), POLL).toBe(1);
    expect(await certificate.getByRole('link', { name: 'Open Badges credential' }).count()).toBe(1);
    expect(await certificate.getByRole('link', { name: 'Verification page' }).count()).toBe(1);
    verificationCode = (await certificate.textContent())?.match(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/)?.[0] ?? '';
    expect(verificationCode).not.toBe('');
    const file = await context.request.get(url((await pdf.getAttribute('href'))!));
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toMatch(/application\/pdf/);
    expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expect.poll(() => page.getByText(/^Completed on /).count(), POLL).toBe(1);
    await expectAccessible(page, 'the completed enrolment');
    await screenshot(page, 'cyber-capacity-certificate');
    await context.close();
  });

  it('a visitor verifies the certificate and learns nothing else about her; a wrong code is not found', { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(mitra.browser, { narrow: true });
    await page.goto(url('/verify'));
    await expectTitle(page, 'Verify a certificate');
    await expectAccessible(page, 'the verification form');
    await page.getByLabel(label('Verification code')).fill(verificationCode);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect.poll(() => page.getByText('Valid certificate', { exact: true }).count(), POLL).toBe(1);
    expect(new URL(page.url()).pathname).toBe(`/verify/${verificationCode}`);
    const facts = page.locator('dl');
    expect(await facts.getByText(OFFICER, { exact: true }).count()).toBe(1);
    expect(await facts.getByText(COURSE, { exact: true }).count()).toBe(1);
    expect(await facts.getByText(COHORT, { exact: true }).count()).toBe(1);
    expect(await facts.getByText('Regional Cyber Capacity Centre (demo)').count()).toBeGreaterThan(0);
    // Nothing else about the person: no email address anywhere on the page.
    expect(await page.locator('body').innerText()).not.toMatch(EMAIL);
    expect(await page.content()).not.toContain('danang@demo.mitra.example');
    await expectAccessible(page, 'a valid certificate (narrow)');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'cyber-capacity-verified-narrow');

    await page.getByLabel(label('Verification code')).fill('ZZZZ-ZZZZ-ZZZZ');
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect.poll(() => page.getByText('No certificate found', { exact: true }).count(), POLL).toBe(1);
    expect(await page.getByText('No certificate has the code ZZZZ-ZZZZ-ZZZZ. Check the code on the certificate and try again.').count()).toBe(1);
    expect(await page.getByText('Valid certificate', { exact: true }).count()).toBe(0);
    await expectAccessible(page, 'an unknown code (narrow)');
    await screenshot(page, 'cyber-capacity-not-found-narrow');
    await context.close();
  });
});
