import fs from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectNoHorizontalScroll, newPage, screenshot, useMitraAndBrowser } from './harness.js';

/**
 * Events and B2B matchmaking (issue 4), as their people walk them: the secretariat creates a convening
 * of two places with matchmaking, publishes it and sets four meeting slots and two tables; Lumen
 * Mobility and Da Nang register and get the places, Ha Noi goes on the waiting list and is promoted when
 * Da Nang cancels; Lumen Mobility asks Ha Noi for a meeting, which Ha Noi accepts; the secretariat runs
 * the scheduler and publishes; Ha Noi finds the meeting (time and table) in My agenda and downloads the
 * .ics file; at the door, on a phone, the secretariat checks Ha Noi in by name (no camera in headless
 * Chromium) and a second check-in, by badge code, is refused as already done. Every page is scanned with axe.
 */
const DEMO_PASSWORD = 'mitra-demo-2026';
const POLL = { timeout: 30_000 };

const TITLE = 'Hanoi Smart Mobility Matchmaking Day 2027';
const ZONE = 'Asia/Ho_Chi_Minh';
const VENUE = 'National Convention Center Hanoi';
const DAY = '2027-10-12';

const COMPANY = { email: 'company@demo.mitra.example', name: 'Priya Natarajan', org: 'Lumen Mobility Inc. (demo)' };
const DA_NANG = { email: 'danang@demo.mitra.example', name: 'Nguyen Thi Lan', org: 'Da Nang City People’s Committee (demo)' };
const HA_NOI = { email: 'hanoi@demo.mitra.example', name: 'Tran Van Minh', org: 'Ha Noi People’s Committee (demo)' };
const SECRETARIAT = 'secretariat@demo.mitra.example';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A field's label, exactly, with or without the asterisk of a required field. */
const label = (text: string) => new RegExp(`^${escape(text)}( ?\\*)?$`);

describe.skipIf(!chromiumAvailable)('events and B2B matchmaking', () => {
  const mitra = useMitraAndBrowser();
  const url = (p: string) => mitra.server.url + p;
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
  /** The event's id, from its page's address once the secretariat has created it. */
  let eventId = '';
  /** Where the scheduler placed the meeting: "10:30–11:00" in the event's zone, and "Table 2". */
  let placed = { time: '', table: '' };

  async function expectTitle(page: Page, text: string | RegExp): Promise<void> {
    const wanted = typeof text === 'string' ? new RegExp(`^${escape(text)}$`) : text;
    await expect.poll(async () => ((await h1(page).count()) === 1 ? await h1(page).textContent() : null), POLL).toMatch(wanted);
  }

  async function as(email: string, target: string, narrow = false): Promise<{ context: BrowserContext; page: Page }> {
    const session = await newPage(mitra.browser, { narrow });
    await session.page.goto(url(`/sign-in?next=${encodeURIComponent(target)}`));
    await session.page.getByLabel(label('Email')).fill(email);
    await session.page.getByLabel(label('Password')).fill(DEMO_PASSWORD);
    await session.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    return session;
  }

  /** A page's section, by its h2. */
  const section = (page: Page, heading: string | RegExp) => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: heading }) });
  const success = (scope: Page | Locator, text: string | RegExp) => scope.getByRole('status').filter({ hasText: text });
  const eventPath = () => `/app/events/${eventId}`;

  it('the secretariat creates the convening, publishes it and sets slots and tables', async () => {
    const { context, page } = await as(SECRETARIAT, '/app/events');
    await expectTitle(page, 'Events and missions');
    await expect.poll(() => page.getByRole('link', { name: 'New event', exact: true }).count(), POLL).toBe(1);
    await expectAccessible(page, 'the events list');
    await page.getByRole('link', { name: 'New event', exact: true }).click();

    await expectTitle(page, 'New event');
    await expect.poll(() => page.getByLabel(label('Title')).count(), POLL).toBe(1);
    await expectAccessible(page, 'the new event form');
    await page.getByLabel(label('Kind of event')).selectOption('convening');
    await page.getByLabel(label('Title')).fill(TITLE);
    await page.getByLabel(label('Summary')).fill('City officers and companies meet one to one about traffic signal control and mobility data.');
    await page.getByLabel(label('Time zone of the event’s place')).selectOption(ZONE);
    await page.getByLabel(label('Starts')).fill(`${DAY}T09:00`);
    await page.getByLabel(label('Ends')).fill(`${DAY}T17:00`);
    await page.getByLabel(label('Venue')).fill(VENUE);
    await page.getByLabel(label('Capacity')).fill('2');
    await page.getByRole('switch', { name: 'Matchmaking: participants request meetings with each other' }).check();
    await expect.poll(() => page.getByLabel(label('Most meetings per person')).count(), POLL).toBe(1);
    await expectAccessible(page, 'the filled event form');
    await screenshot(page, 'events-new-event-form');
    await page.getByRole('button', { name: 'Create the event as a draft' }).click();

    await expectTitle(page, TITLE);
    eventId = new URL(page.url()).pathname.split('/')[3] ?? '';
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => success(page, 'The event is saved as a draft. Add its agenda, then publish it.').count(), POLL).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: 'Only your organisation sees this event until it is published.' }).count()).toBe(1);
    expect(await page.getByText('0 of 2 places taken, 2 left.').count()).toBe(1);
    await expectAccessible(page, 'the draft event');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => success(page, /^The event is published/).count(), POLL).toBe(1);
    expect(await page.getByText('Only your organisation sees this event until it is published.').count()).toBe(0);
    await expect.poll(() => page.getByRole('link', { name: 'Open check-in' }).count(), POLL).toBe(1);
    await expectAccessible(page, 'the published event');
    await screenshot(page, 'events-published');

    await page.getByRole('link', { name: 'Meeting scheduler', exact: true }).click();
    await expectTitle(page, `Meeting scheduler: ${TITLE}`);
    await expect.poll(() => page.getByText('No slots yet. Generate a series below.').count(), POLL).toBe(1);
    expect(await page.getByText('No tables yet.').count()).toBe(1);
    await expectAccessible(page, 'the empty scheduler');

    const slots = page.locator('form').filter({ has: page.getByText('Generate a series of slots') });
    await slots.getByLabel(label(`First slot starts (${ZONE} time)`)).fill(`${DAY}T10:00`);
    await slots.getByLabel(label('Number of slots')).fill('4');
    await slots.getByLabel(label('Minutes per slot')).fill('30');
    await slots.getByRole('button', { name: 'Generate slots' }).click();
    await expect.poll(() => success(page, 'Slots added: 4.').count(), POLL).toBe(1);
    const slotTable = section(page, 'Slots (4)');
    await expect.poll(() => slotTable.locator('tbody tr').count(), POLL).toBe(4);
    const slotTimes = await slotTable.locator('tbody tr td:first-child').allTextContents();
    expect(slotTimes.map((text) => text.match(/, (\d\d:\d\d–\d\d:\d\d) Asia/)?.[1])).toEqual(['10:00–10:30', '10:30–11:00', '11:00–11:30', '11:30–12:00']);
    expect(slotTimes[0]).toContain(ZONE);

    await page.getByLabel(label('Number of tables to add')).fill('2');
    await page.getByRole('button', { name: 'Generate tables' }).click();
    await expect.poll(() => success(page, 'Tables added: 2.').count(), POLL).toBe(1);
    const tables = section(page, 'Tables (2)');
    await expect.poll(() => tables.locator('tbody tr td:first-child').allTextContents(), POLL).toEqual(['Table 1', 'Table 2']);
    expect(await page.getByText('Accepted meetings: 0 (placed: 0). Requests waiting for answers: 0. Slots: 4. Tables: 2.').count()).toBe(1);
    await expectAccessible(page, 'the scheduler with slots and tables');
    await screenshot(page, 'events-scheduler-setup');
    await context.close();
  });

  async function registerAs(person: { email: string }, expectFull: boolean): Promise<{ context: BrowserContext; page: Page }> {
    const session = await as(person.email, eventPath());
    const { page } = session;
    await expectTitle(page, TITLE);
    const registration = section(page, 'Registration');
    await expect.poll(() => registration.getByRole('button', { name: 'Register', exact: true }).count(), POLL).toBe(1);
    const fullNote = registration.getByText('The event is full: registering puts you on the waiting list, and you get the next place that frees.');
    expect(await fullNote.count()).toBe(expectFull ? 1 : 0);
    await expectAccessible(page, `the registration form of ${person.email}`);
    await registration.getByRole('button', { name: 'Register', exact: true }).click();
    return session;
  }

  it('Lumen Mobility and Da Nang take the two places; Ha Noi goes on the waiting list', async () => {
    for (const person of [COMPANY, DA_NANG]) {
      const { context, page } = await registerAs(person, false);
      await expect.poll(() => success(page, `You are registered for "${TITLE}": your place is confirmed.`).count(), POLL).toBe(1);
      const registration = section(page, 'Registration');
      await expect.poll(() => registration.getByText('Confirmed', { exact: true }).count(), POLL).toBe(1);
      expect(await registration.getByText('Your place is confirmed. Bring your badge: it is scanned at check-in.').count()).toBe(1);
      expect(await registration.getByRole('link', { name: 'Download my badge (PDF)' }).count()).toBe(1);
      await expectAccessible(page, `the confirmed registration of ${person.email}`);
      await context.close();
    }

    const { context, page } = await registerAs(HA_NOI, true);
    await expect.poll(() => success(page, `"${TITLE}" is full (2 places), so you are on the waiting list, at position 1. You get the next place that frees, in turn, and are told at once.`).count(), POLL).toBe(1);
    const registration = section(page, 'Registration');
    await expect.poll(() => registration.getByText('Waiting list, number 1', { exact: true }).count(), POLL).toBe(1);
    expect(await registration.getByText('The event is full. You are number 1 on the waiting list: when a place frees, it goes to the first on the list, and you are told at once.').count()).toBe(1);
    expect(await registration.getByRole('link', { name: 'Download my badge (PDF)' }).count()).toBe(0);
    expect(await page.getByText('2 of 2 places taken, 0 left. 1 on the waiting list.').count()).toBe(1);
    // Matchmaking is for confirmed participants: no link to it yet.
    expect(await page.getByRole('link', { name: 'Matchmaking: find whom to meet' }).count()).toBe(0);
    await expectAccessible(page, 'the waiting-list registration');
    await screenshot(page, 'events-waitlisted');
    await context.close();
  });

  it('Da Nang cancels; Ha Noi is promoted at once and told so', async () => {
    const danang = await as(DA_NANG.email, eventPath());
    await expectTitle(danang.page, TITLE);
    const registration = section(danang.page, 'Registration');
    await expect.poll(() => registration.getByRole('button', { name: 'Cancel my registration' }).count(), POLL).toBe(1);
    await registration.getByRole('button', { name: 'Cancel my registration' }).click();
    const dialog = danang.page.getByRole('dialog', { name: 'Cancel your registration' });
    await expect.poll(() => dialog.getByText(/Your place goes to the first person on the waiting list/).count(), POLL).toBe(1);
    await expectAccessible(danang.page, 'the cancel dialog');
    await screenshot(danang.page, 'events-cancel-dialog');
    await dialog.getByRole('button', { name: 'Cancel my registration' }).click();
    await expect
      .poll(() => success(danang.page, `Your registration for "${TITLE}" is cancelled. Your place went to the first person on the waiting list.`).count(), POLL)
      .toBe(1);
    // The form is back, saying a cancelled registration can be made again (onto the waiting list now, as the event is full again).
    await expect.poll(() => registration.getByText(/You cancelled your registration earlier; you can register again\./).count(), POLL).toBe(1);
    expect(await danang.page.getByText('2 of 2 places taken, 0 left.', { exact: true }).count()).toBe(1);
    await expectAccessible(danang.page, 'the event after cancelling');
    await danang.context.close();

    const hanoi = await as(HA_NOI.email, eventPath());
    await expectTitle(hanoi.page, TITLE);
    const mine = section(hanoi.page, 'Registration');
    await expect.poll(() => mine.getByText('Confirmed', { exact: true }).count(), POLL).toBe(1);
    expect(await mine.getByText('Your place is confirmed. Bring your badge: it is scanned at check-in.').count()).toBe(1);
    expect(await mine.getByRole('link', { name: 'Download my badge (PDF)' }).count()).toBe(1);
    expect(await hanoi.page.getByRole('link', { name: 'Matchmaking: find whom to meet' }).count()).toBe(1);
    await expectAccessible(hanoi.page, 'the promoted registration');
    await screenshot(hanoi.page, 'events-promoted');

    await hanoi.page.goto(url('/app/notifications'));
    await expectTitle(hanoi.page, 'Notifications');
    const promoted = hanoi.page.getByRole('listitem').filter({ has: hanoi.page.getByRole('heading', { name: `You have a place: ${TITLE}` }) });
    await expect.poll(() => promoted.count(), POLL).toBe(1);
    expect(await promoted.textContent()).toContain('you were first on the waiting list: your registration is now confirmed');
    await expectAccessible(hanoi.page, 'the notifications');
    await hanoi.context.close();
  });

  it('Lumen Mobility asks Ha Noi for a meeting; Ha Noi accepts', async () => {
    const company = await as(COMPANY.email, `${eventPath()}/matchmaking`);
    await expectTitle(company.page, `Matchmaking: ${TITLE}`);
    await expect.poll(() => company.page.getByText('You have sent 0 of at most 10 meeting requests (pending or accepted) and are in 0 of at most 8 accepted meetings.').count(), POLL).toBe(1);
    const directory = section(company.page, 'All participants');
    // Confirmed participants only: Ha Noi (promoted) is there, Da Nang (cancelled) is not.
    await expect.poll(() => directory.getByText('Showing 1 of 1 participants.').count(), POLL).toBe(1);
    expect(await directory.getByText(`${DA_NANG.name} (${DA_NANG.org})`).count()).toBe(0);
    await expectAccessible(company.page, 'the matchmaking page');
    await directory.getByLabel(label('Search participants')).fill('Tran Van');
    const request = directory.getByRole('button', { name: `Request a meeting with ${HA_NOI.org} (${HA_NOI.name})` });
    await expect.poll(() => request.count(), POLL).toBe(1);
    await request.click();
    const dialog = company.page.getByRole('dialog', { name: `Request a meeting with ${HA_NOI.org}` });
    await expect.poll(() => dialog.getByLabel(label('Message')).count(), POLL).toBe(1);
    await dialog.getByLabel(label('Message')).fill('We would like to show our adaptive signal control results and discuss a pilot on a Hanoi corridor.');
    await expectAccessible(company.page, 'the meeting request dialog');
    await screenshot(company.page, 'events-request-dialog');
    await dialog.getByRole('button', { name: 'Send the request' }).click();
    await expect.poll(() => success(company.page, `Meeting request sent to ${HA_NOI.name} (${HA_NOI.org}).`).count(), POLL).toBe(1);
    const requests = section(company.page, 'Meeting requests');
    await expect.poll(() => requests.getByText('Sent (1)').count(), POLL).toBe(1);
    expect(await requests.getByText(`${HA_NOI.name} (${HA_NOI.org}): has not answered yet`).count()).toBe(1);
    await expectAccessible(company.page, 'the matchmaking page with a request sent');
    await company.context.close();

    const hanoi = await as(HA_NOI.email, `${eventPath()}/matchmaking`);
    await expectTitle(hanoi.page, `Matchmaking: ${TITLE}`);
    const received = section(hanoi.page, 'Meeting requests');
    const accept = received.getByRole('button', { name: `Accept meeting with ${COMPANY.org}` });
    await expect.poll(() => accept.count(), POLL).toBe(1);
    expect(await received.getByText(`From ${COMPANY.name} (${COMPANY.org})`).count()).toBe(1);
    expect(await received.getByText(/adaptive signal control results/).count()).toBe(1);
    expect(await received.getByRole('button', { name: `Decline meeting with ${COMPANY.org}` }).count()).toBe(1);
    // The slots the organisers set are offered for availability.
    expect(await section(hanoi.page, 'When you cannot meet').getByRole('checkbox').count()).toBe(4);
    await expectAccessible(hanoi.page, 'the received request');
    await screenshot(hanoi.page, 'events-request-received');
    await accept.click();
    await expect
      .poll(() => success(hanoi.page, 'Meeting accepted by everyone. It will appear with its time and table once the organisers publish the schedule.').count(), POLL)
      .toBe(1);
    const meetings = section(hanoi.page, 'My meetings (1)');
    await expect.poll(() => meetings.getByText(`With ${COMPANY.name} (${COMPANY.org})`).count(), POLL).toBe(1);
    expect(await meetings.getByText('Time and table not published yet.').count()).toBe(1);
    await expectAccessible(hanoi.page, 'the accepted meeting');
    await hanoi.context.close();
  });

  it('the secretariat runs the scheduler and publishes the schedule', async () => {
    const { context, page } = await as(SECRETARIAT, `${eventPath()}/scheduler`);
    await expectTitle(page, `Meeting scheduler: ${TITLE}`);
    await expect.poll(() => page.getByText('Accepted meetings: 1 (placed: 0). Requests waiting for answers: 0. Slots: 4. Tables: 2.').count(), POLL).toBe(1);
    expect(await page.getByText('The scheduler has not run yet.', { exact: true }).count()).toBe(1);
    expect(await page.getByText('Accepted meetings waiting for the next run: 1.').count()).toBe(1);
    const meetings = section(page, 'Accepted meetings (1)');
    const row = meetings.locator('tbody tr');
    expect(await row.locator('td').nth(1).textContent()).toMatch(/^Not scheduled\./);
    await page.getByRole('button', { name: 'Run the scheduler' }).click();
    await expect.poll(() => success(page, 'The scheduler ran: 1 of 1 meetings placed.').count(), POLL).toBe(1);
    const result = page.getByText(/^1 of 1 meetings scheduled: weight [\d.]+ against an upper bound of [\d.]+ \(gap [\d.]+%\)\.$/);
    await expect.poll(() => result.count(), POLL).toBe(1);
    expect(await page.getByText(/^Last run on .+ by Amara Santos\.$/).count()).toBe(1);
    expect(await page.getByRole('img', { name: /^Scheduled weight: [\d.]+% of the upper bound$/ }).count()).toBe(1);

    await expect.poll(() => row.count(), POLL).toBe(1);
    await expect.poll(() => row.locator('td').nth(2).textContent(), POLL).toMatch(/^Table [12]$/);
    expect(await row.locator('td').nth(0).textContent()).toBe(`${COMPANY.name} (${COMPANY.org}) and ${HA_NOI.name} (${HA_NOI.org})`);
    const time = (await row.locator('td').nth(1).textContent()) ?? '';
    expect(time).toMatch(new RegExp(`^\\w{3}, 12 Oct 2027, 1[01]:[03]0–1[01]:[03]0 ${escape(ZONE)} \\(your time .+\\)$`));
    placed = { time: time.match(/, (\d\d:\d\d–\d\d:\d\d) /)![1]!, table: (await row.locator('td').nth(2).textContent()) ?? '' };
    expect(placed.table).toMatch(/^Table [12]$/);
    expect(await row.locator('td').nth(3).textContent()).toBe('Not locked · Not published');
    expect(await page.getByText('Meetings with changes participants have not been told about yet: 1.').count()).toBe(1);
    await expectAccessible(page, 'the scheduler after the run');
    await screenshot(page, 'events-scheduler-run');

    await page.getByRole('button', { name: 'Publish the schedule' }).click();
    await expect.poll(() => success(page, /^Published\. Meetings published: 1; participants notified: \d+\.$/).count(), POLL).toBe(1);
    await expect.poll(() => row.locator('td').nth(3).textContent(), POLL).toBe('Locked · Published');
    await expect.poll(() => page.getByText(/^Everything is published \(last on .+\)\.$/).count(), POLL).toBe(1);
    expect(await meetings.getByRole('button', { name: `Unlock meeting of ${COMPANY.name} (${COMPANY.org}) and ${HA_NOI.name} (${HA_NOI.org})` }).count()).toBe(1);
    await expectAccessible(page, 'the published schedule');
    await screenshot(page, 'events-scheduler-published');
    await context.close();
  });

  it('Ha Noi finds the meeting in My agenda on a phone and downloads the .ics file', async () => {
    const { context, page } = await as(HA_NOI.email, '/app/agenda', true);
    await expectTitle(page, 'My agenda');
    const upcoming = section(page, 'Upcoming');
    const meeting = upcoming.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Meeting with ${COMPANY.name} (${COMPANY.org})` }) });
    await expect.poll(() => meeting.count(), POLL).toBe(1);
    const text = (await meeting.textContent()) ?? '';
    expect(text).toContain('B2B meeting');
    expect(text).toContain(`12 Oct 2027, ${placed.time} · event time (${ZONE})`);
    expect(text).toContain(`Where: ${placed.table}, ${VENUE}`);
    expect(text).toContain(`Event: ${TITLE}`);
    expect(text).toContain(`Participants: ${COMPANY.name} (${COMPANY.org}), ${HA_NOI.name} (${HA_NOI.org})`);
    expect(text).toContain('You can record the outcome once the meeting has ended.');
    // The event itself (it has no agenda yet) is there too.
    expect(await upcoming.getByRole('heading', { name: TITLE, exact: true }).count()).toBe(1);
    await expectAccessible(page, 'the agenda (narrow)');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'events-agenda-narrow');
    await meeting.screenshot({ path: 'test-results/events-agenda-meeting-narrow.png' });

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('link', { name: 'Download my agenda (.ics)' }).click()]);
    expect(download.suggestedFilename()).toBe('mitra-agenda.ics');
    const file = await download.path();
    // Lines of an iCalendar file fold at 75 octets: unfold them before reading.
    const ics = fs.readFileSync(file, 'utf8').replace(/\r\n[ \t]/g, '');
    const lines = ics.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('BEGIN:VTIMEZONE');
    expect(lines).toContain(`TZID:${ZONE}`);
    const events = ics.split('BEGIN:VEVENT').slice(1).map((block) => block.split('END:VEVENT')[0]!);
    const meetingEvent = events.find((block) => block.includes(`SUMMARY:Meeting with ${COMPANY.name} (${COMPANY.org})`));
    expect(meetingEvent, ics).toBeDefined();
    const [start, end] = placed.time.split('–').map((hhmm) => hhmm.replace(':', ''));
    expect(meetingEvent).toContain(`DTSTART;TZID=${ZONE}:20271012T${start}00`);
    expect(meetingEvent).toContain(`DTEND;TZID=${ZONE}:20271012T${end}00`);
    expect(meetingEvent).toMatch(new RegExp(`LOCATION:${placed.table}\\\\, ${escape(VENUE)}`));
    expect(meetingEvent).toMatch(/UID:meeting-[0-9a-f-]+@/);
    expect(events.some((block) => block.includes(`SUMMARY:${TITLE}`))).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    await context.close();
  });

  it('at the door, on a phone, the secretariat checks Ha Noi in by name; a second check-in is refused', async () => {
    const { context, page } = await as(SECRETARIAT, `${eventPath()}/check-in`, true);
    await expectTitle(page, 'Check-in');
    await expect.poll(() => page.getByText('0 of 2 confirmed participants checked in.').count(), POLL).toBe(1);
    await expectAccessible(page, 'the check-in page (narrow)');
    await expectNoHorizontalScroll(page);

    // Headless Chromium has no camera: the page says so and points to the search and the badge code.
    await page.getByRole('button', { name: 'Scan with the camera' }).click();
    const unavailable = page.getByRole('alert').filter({ hasText: 'The camera is unavailable' });
    await expect.poll(() => unavailable.count(), POLL).toBe(1);
    expect(await unavailable.textContent()).toContain('Search by name below, or type the code printed on the badge.');
    expect(await page.getByRole('button', { name: 'Scan with the camera' }).count()).toBe(1);
    await expectAccessible(page, 'the check-in page without a camera');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'events-check-in-no-camera-narrow');

    const search = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Find a participant' }) });
    await search.getByLabel(label('Search by name or organisation')).fill('Tran Van');
    const checkIn = search.getByRole('button', { name: `Check in ${HA_NOI.name}` });
    await expect.poll(() => checkIn.count(), POLL).toBe(1);
    expect(await search.getByText(HA_NOI.org).count()).toBe(1);
    await expectAccessible(page, 'the search results');
    await checkIn.click();
    const done = page.getByRole('alert').filter({ hasText: `${HA_NOI.name} (${HA_NOI.org}) is checked in.` });
    await expect.poll(() => done.count(), POLL).toBe(1);
    expect(await done.textContent()).toMatch(/^Checked in/);
    await expect.poll(() => search.getByText(/^Checked in .+/).count(), POLL).toBe(1);
    expect(await checkIn.count()).toBe(0);
    await expect.poll(() => page.getByText('1 of 2 confirmed participants checked in.').count(), POLL).toBe(1);
    await expectAccessible(page, 'the check-in done (narrow)');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'events-check-in-done-narrow');

    // The badge, brought again (its code typed): already checked in.
    const found = await context.request.get(url(`/api/v1/events/${eventId}/registrations?q=${encodeURIComponent(HA_NOI.name)}`));
    expect(found.status()).toBe(200);
    const items = ((await found.json()) as { items: { name: string; badgeCode: string }[] }).items.filter((r) => r.name === HA_NOI.name);
    expect(items).toHaveLength(1);
    await page.getByLabel(label('Badge code')).fill(items[0]!.badgeCode);
    await page.getByRole('button', { name: 'Check in this badge' }).click();
    const already = page.getByRole('alert').filter({ hasText: `${HA_NOI.name} is already checked in` });
    await expect.poll(() => already.count(), POLL).toBe(1);
    expect(await already.textContent()).toMatch(/^Already checked in/);
    await expect.poll(() => page.getByText('1 of 2 confirmed participants checked in.').count(), POLL).toBe(1);
    await expectAccessible(page, 'the second check-in (narrow)');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'events-check-in-already-narrow');
    await context.close();

    // Ha Noi's own page says so.
    const hanoi = await as(HA_NOI.email, eventPath());
    await expectTitle(hanoi.page, TITLE);
    await expect.poll(() => section(hanoi.page, 'Registration').getByText(/Checked in/).count(), POLL).toBe(1);
    await expectAccessible(hanoi.page, 'the event page after check-in');
    await hanoi.context.close();
  });
});
