import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, outboundEmails } from '../../db/schema/index.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let organiser: TestPerson;
let otherAgency: TestPerson;
let secretariat: TestPerson;
let company: TestPerson;
let nationalRep: TestPerson;
let daNang: { id: string };
let minh: TestPerson;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const req = (by: TestPerson | null, method: Method, url: string, payload?: unknown) => t.request(by, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });

let counter = 0;
/** A published future event of the agency organiser. */
async function published(fields: Record<string, unknown> = {}) {
  const created = await req(organiser, 'POST', '/api/v1/events', {
    kind: 'convening',
    title: `Smart cities convening ${++counter}`,
    startsAt: '2031-03-10T09:00',
    endsAt: '2031-03-12T17:00',
    timeZone: 'Asia/Ho_Chi_Minh',
    venue: 'Da Nang',
    ...fields,
  });
  expect(created.statusCode, created.body).toBe(201);
  const response = await req(organiser, 'POST', `/api/v1/events/${created.json().id}/transitions`, { to: 'published' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { id: string; title: string };
}

const cityPerson = (name?: string) => makePerson(t, daNang, { name });
const registerFor = (eventId: string, by: TestPerson, body: Record<string, unknown> = {}) => req(by, 'POST', `/api/v1/events/${eventId}/registrations`, body);

async function registered(eventId: string, by: TestPerson, body: Record<string, unknown> = {}) {
  const response = await registerFor(eventId, by, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().registration as { id: string; status: string; waitlistPosition: number | null; badgeCode: string; participantType: string };
}

const registration = async (id: string, by: TestPerson = organiser) => (await req(by, 'GET', `/api/v1/registrations/${id}`)).json();

beforeAll(async () => {
  t = await createTestApp();
  const agency = await makeOrganisation(t, { kind: 'us_agency', name: 'U.S. Commercial Service (test)' });
  organiser = await makePerson(t, agency, { name: 'Oscar Organiser' });
  otherAgency = await makeActor(t, 'us_agency');
  secretariat = await makeActor(t, 'secretariat');
  company = await makeActor(t, 'company');
  nationalRep = await makeActor(t, 'national_agency', { countryCode: 'VN' });
  daNang = await makeOrganisation(t, { kind: 'city_government', cityId: 'da-nang', name: 'Da Nang People’s Committee (test)' });
  minh = await cityPerson('Trần Văn Minh');
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('registering', () => {
  it('defaults the participant type from the organisation and keeps needs private to the participant and organisers', async () => {
    const event = await published();
    const mine = await registered(event.id, minh, { accessibilityNeeds: 'Wheelchair access', dietaryNeeds: 'Vegetarian' });
    expect(mine).toMatchObject({ status: 'confirmed', participantType: 'city_delegate' });
    expect((await registered(event.id, company)).participantType).toBe('industry');
    expect((await registered(event.id, nationalRep, { participantType: 'other' })).participantType).toBe('other');
    const again = await registerFor(event.id, minh);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/already registered/);

    expect((await req(minh, 'GET', `/api/v1/registrations/${mine.id}`)).json().accessibilityNeeds).toBe('Wheelchair access');
    expect((await req(organiser, 'GET', `/api/v1/registrations/${mine.id}`)).json().dietaryNeeds).toBe('Vegetarian');
    expect((await req(secretariat, 'GET', `/api/v1/registrations/${mine.id}`)).statusCode).toBe(200);
    for (const person of [company, otherAgency, nationalRep, await cityPerson()]) {
      expect((await req(person, 'GET', `/api/v1/registrations/${mine.id}`)).statusCode).toBe(404);
      expect((await req(person, 'PATCH', `/api/v1/registrations/${mine.id}`, { dietaryNeeds: 'none' })).statusCode).toBe(404);
      expect((await req(person, 'POST', `/api/v1/registrations/${mine.id}/cancel`, {})).statusCode).toBe(404);
    }
    expect((await req(null, 'GET', `/api/v1/registrations/${mine.id}`)).statusCode).toBe(401);
    const detail = (await req(minh, 'GET', `/api/v1/events/${event.id}`)).json();
    expect(detail.myRegistration).toMatchObject({ id: mine.id, accessibilityNeeds: 'Wheelchair access' });
    expect(detail.confirmedCount).toBe(3);
  });

  it('lets organisers see their event\'s registrations and export them, and nobody else', async () => {
    const event = await published({ kind: 'trade_mission', timeZone: 'America/Los_Angeles' });
    await registered(event.id, minh, { visaLetterRequested: true, passportName: 'TRAN VAN MINH', nationality: 'Viet Nam', dietaryNeeds: '=HYPERLINK("x")' });
    const list = await req(organiser, 'GET', `/api/v1/events/${event.id}/registrations`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ name: 'Trần Văn Minh', passportName: 'TRAN VAN MINH', organisationName: 'Da Nang People’s Committee (test)', cityName: 'Da Nang' });
    const searched = await req(organiser, 'GET', `/api/v1/events/${event.id}/registrations?q=minh`);
    expect(searched.json().total).toBe(1);
    expect((await req(organiser, 'GET', `/api/v1/events/${event.id}/registrations?q=nobody`)).json().total).toBe(0);
    const csv = await req(organiser, 'GET', `/api/v1/events/${event.id}/registrations.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('passport_name');
    expect(csv.body).toContain('TRAN VAN MINH');
    // A value a spreadsheet would run as a formula is quoted.
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);
    for (const person of [minh, otherAgency, company]) {
      expect((await req(person, 'GET', `/api/v1/events/${event.id}/registrations`)).statusCode).toBe(403);
      expect((await req(person, 'GET', `/api/v1/events/${event.id}/registrations.csv`)).statusCode).toBe(403);
    }
  });

  it('refuses an invitation-only event to those not invited, clearly, and accepts the invited', async () => {
    const event = await published({ registrationMode: 'invitation' });
    const guest = await cityPerson('Invited Guest');
    const refused = await registerFor(event.id, minh);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/by invitation only/);
    expect(refused.json().error.message).toContain(minh.email);
    const invited = await req(organiser, 'POST', `/api/v1/events/${event.id}/invitations`, { emails: [guest.email.toUpperCase(), 'no-account@partner.example', 'no-account@partner.example'] });
    expect(invited.statusCode, invited.body).toBe(200);
    expect(invited.json().items.map((i: { email: string }) => i.email).sort()).toEqual([guest.email, 'no-account@partner.example'].sort());
    // Invitations of a published event go out at once: in the app for people with an account, by email to the others.
    const told = await t.db.select().from(notifications).where(and(eq(notifications.userId, guest.id), eq(notifications.kind, 'events.invited')));
    expect(told).toHaveLength(1);
    const emails = await t.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, 'no-account@partner.example'));
    expect(emails.some((e) => e.bodyText.includes(event.title))).toBe(true);
    expect((await registered(event.id, guest)).status).toBe('confirmed');
    expect((await req(guest, 'GET', `/api/v1/events/${event.id}`)).json().invited).toBe(true);
    expect((await req(minh, 'GET', `/api/v1/events/${event.id}`)).json().invited).toBe(false);
    expect((await req(company, 'POST', `/api/v1/events/${event.id}/invitations`, { emails: [company.email] })).statusCode).toBe(403);
    expect((await req(organiser, 'POST', `/api/v1/events/${event.id}/invitations`, { emails: ['not an email'] })).statusCode).toBe(400);
    const removed = await req(organiser, 'DELETE', `/api/v1/events/${event.id}/invitations?email=${encodeURIComponent('no-account@partner.example')}`);
    expect(removed.json().items).toHaveLength(1);
  });

  it('refuses registration once it has closed, and a visa letter for an event that is not a mission', async () => {
    const closing = await published({ registrationClosesAt: '2031-03-09T12:00' });
    expect((await registered(closing.id, minh)).status).toBe('confirmed');
    const past = await published({ startsAt: '2020-01-01T09:00', endsAt: '2020-01-01T12:00' });
    const late = await registerFor(past.id, minh);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/over/);
    const visa = await registerFor(closing.id, await cityPerson(), { visaLetterRequested: true, passportName: 'X', nationality: 'Y' });
    expect(visa.statusCode).toBe(400);
    expect(visa.json().error.details[0].field).toBe('body.visaLetterRequested');
  });
});

describe('capacity and the waiting list', () => {
  it('waitlists in order and promotes the first at once when a confirmed place is cancelled, telling them', async () => {
    const event = await published({ capacity: 2 });
    const [a, b, c, d] = await Promise.all(['Anh', 'Binh', 'Chau', 'Dung'].map((name) => cityPerson(name)));
    const ra = await registered(event.id, a!);
    await registered(event.id, b!);
    const rc = await registered(event.id, c!);
    const rd = await registered(event.id, d!);
    expect(rc).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(rd).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    const cancelled = await req(a!, 'POST', `/api/v1/registrations/${ra.id}/cancel`, {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().registration.status).toBe('cancelled');
    expect(cancelled.json().message).toMatch(/went to the first person on the waiting list/);
    expect((await registration(rc.id)).status).toBe('confirmed');
    expect((await registration(rd.id)).waitlistPosition).toBe(1);
    const promoted = await t.db.select().from(notifications).where(and(eq(notifications.userId, c!.id), eq(notifications.kind, 'events.registration_promoted')));
    expect(promoted).toHaveLength(1);
    const mail = await t.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, c!.email.toLowerCase()));
    expect(mail.some((m) => m.subject.includes('You have a place'))).toBe(true);
    expect((await req(a!, 'POST', `/api/v1/registrations/${ra.id}/cancel`, {})).statusCode).toBe(409);

    // Cancelling a waitlisted registration frees nothing.
    const late = await registered(event.id, await cityPerson('Em'));
    expect(late.waitlistPosition).toBe(2);

    // Capacity cannot go under the confirmed count; raising it promotes in order.
    const lower = await req(organiser, 'PATCH', `/api/v1/events/${event.id}`, { capacity: 1 });
    expect(lower.statusCode).toBe(409);
    expect(lower.json().error.message).toMatch(/2 people have a confirmed place/);
    const raised = await req(organiser, 'PATCH', `/api/v1/events/${event.id}`, { capacity: 3 });
    expect(raised.statusCode).toBe(200);
    expect(raised.json().message).toMatch(/1 person moved from the waiting list/);
    expect((await registration(rd.id)).status).toBe('confirmed');
    expect((await registration(late.id)).waitlistPosition).toBe(1);
    const unlimited = await req(organiser, 'PATCH', `/api/v1/events/${event.id}`, { capacity: null });
    expect(unlimited.json()).toMatchObject({ capacity: null, confirmedCount: 4, waitlistedCount: 0, placesLeft: null });
  });

  it('never confirms more than the capacity when many register at the same moment', async () => {
    const event = await published({ capacity: 3 });
    const people = await Promise.all(Array.from({ length: 9 }, (_, i) => cityPerson(`Concurrent ${i}`)));
    const responses = await Promise.all(people.map((person) => registerFor(event.id, person)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(9).fill(201));
    const statuses = responses.map((r) => r.json().registration.status);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(6);
    const list = (await req(organiser, 'GET', `/api/v1/events/${event.id}/registrations?status=waitlisted`)).json();
    expect(list.items.map((r: { waitlistPosition: number }) => r.waitlistPosition).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    // Cancelling two confirmed places at once promotes exactly two.
    const confirmed = responses.filter((r) => r.json().registration.status === 'confirmed').slice(0, 2);
    await Promise.all(confirmed.map((r, i) => req(people[responses.indexOf(r)]!, 'POST', `/api/v1/registrations/${r.json().registration.id}/cancel`, { reason: `${i}` })));
    const detail = (await req(organiser, 'GET', `/api/v1/events/${event.id}`)).json();
    expect(detail).toMatchObject({ confirmedCount: 3, waitlistedCount: 4, placesLeft: 0 });
  });
});

describe('approval', () => {
  it('holds registrations for the organisers, who confirm or decline them with a reason', async () => {
    const event = await published({ approvalRequired: true, capacity: 1 });
    const [a, b, c] = await Promise.all([cityPerson('Approved'), cityPerson('Overflow'), cityPerson('Declined')]);
    const ra = await registered(event.id, a!);
    const rb = await registered(event.id, b!);
    const rc = await registered(event.id, c!);
    expect([ra.status, rb.status, rc.status]).toEqual(['pending', 'pending', 'pending']);
    expect((await req(organiser, 'GET', `/api/v1/events/${event.id}`)).json().pendingCount).toBe(3);

    expect((await req(a!, 'POST', `/api/v1/registrations/${ra.id}/decision`, { decision: 'confirm' })).statusCode).toBe(403);
    expect((await req(otherAgency, 'POST', `/api/v1/registrations/${ra.id}/decision`, { decision: 'confirm' })).statusCode).toBe(404);
    const confirm = await req(organiser, 'POST', `/api/v1/registrations/${ra.id}/decision`, { decision: 'confirm' });
    expect(confirm.json()).toMatchObject({ registration: { status: 'confirmed' } });
    // Full: the next one approved goes onto the waiting list.
    const full = await req(organiser, 'POST', `/api/v1/registrations/${rb.id}/decision`, { decision: 'confirm' });
    expect(full.json().registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(full.json().message).toMatch(/full/);
    expect((await req(organiser, 'POST', `/api/v1/registrations/${rc.id}/decision`, { decision: 'decline' })).statusCode).toBe(400);
    const declined = await req(organiser, 'POST', `/api/v1/registrations/${rc.id}/decision`, { decision: 'decline', reason: 'For city officials of the pilot cities only.' });
    expect(declined.json().registration).toMatchObject({ status: 'declined', decisionReason: 'For city officials of the pilot cities only.' });
    const told = await t.db.select().from(notifications).where(and(eq(notifications.userId, c!.id), eq(notifications.kind, 'events.registration_declined')));
    expect(told[0]?.body).toMatch(/pilot cities only/);
    expect((await registerFor(event.id, c!)).statusCode).toBe(409);
    expect((await req(organiser, 'POST', `/api/v1/registrations/${ra.id}/decision`, { decision: 'confirm' })).statusCode).toBe(409);
    // The organiser cancels the confirmed one with a reason: the waiting list moves up.
    const cancel = await req(organiser, 'POST', `/api/v1/registrations/${ra.id}/cancel`, { reason: 'Duplicate of another delegate.' });
    expect(cancel.json().message).toMatch(/went to Overflow/);
    expect((await registration(rb.id)).status).toBe('confirmed');
  });
});

describe('badges, visa letters and check-in', () => {
  it('gives the participant their badge PDF and the organisers all badges; nobody else', async () => {
    const event = await published({ capacity: 1 });
    const waiting = await cityPerson('Waiting Person');
    const mine = await registered(event.id, minh);
    const theirs = await registered(event.id, waiting);
    const badge = await req(minh, 'GET', `/api/v1/registrations/${mine.id}/badge.pdf`);
    expect(badge.statusCode).toBe(200);
    expect(badge.headers['content-type']).toBe('application/pdf');
    expect(badge.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await req(organiser, 'GET', `/api/v1/registrations/${mine.id}/badge.pdf`)).statusCode).toBe(200);
    for (const person of [waiting, company, otherAgency]) expect((await req(person, 'GET', `/api/v1/registrations/${mine.id}/badge.pdf`)).statusCode).toBe(404);
    const notYet = await req(waiting, 'GET', `/api/v1/registrations/${theirs.id}/badge.pdf`);
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().error.message).toMatch(/waiting list/);
    const sheet = await req(organiser, 'GET', `/api/v1/events/${event.id}/badges.pdf`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await req(minh, 'GET', `/api/v1/events/${event.id}/badges.pdf`)).statusCode).toBe(403);
    expect((await req(otherAgency, 'GET', `/api/v1/events/${event.id}/badges.pdf`)).statusCode).toBe(403);
  });

  it('issues a visa-support letter to a confirmed mission delegate who asked, and to nobody else', async () => {
    const mission = await published({ kind: 'trade_mission', title: 'Reverse trade mission: water', timeZone: 'America/Los_Angeles', startsAt: '2031-06-01T08:00', endsAt: '2031-06-08T18:00' });
    await req(organiser, 'POST', `/api/v1/events/${mission.id}/agenda-items`, { kind: 'site_visit', title: 'Utility', startsAt: '2031-06-02T09:00', endsAt: '2031-06-02T12:00', place: 'San Jose, CA' });
    const missing = await registerFor(mission.id, minh, { visaLetterRequested: true });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.passportName', 'body.nationality']);
    const mine = await registered(mission.id, minh, { visaLetterRequested: true, passportName: 'TRAN VAN MINH', nationality: 'Viet Nam' });
    const letter = await req(minh, 'GET', `/api/v1/registrations/${mine.id}/visa-letter.pdf`);
    expect(letter.statusCode, letter.body).toBe(200);
    expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await req(organiser, 'GET', `/api/v1/registrations/${mine.id}/visa-letter.pdf`)).statusCode).toBe(200);
    for (const person of [company, nationalRep, otherAgency]) expect((await req(person, 'GET', `/api/v1/registrations/${mine.id}/visa-letter.pdf`)).statusCode).toBe(404);
    const other = await cityPerson();
    const noRequest = await registered(mission.id, other);
    expect((await req(other, 'GET', `/api/v1/registrations/${noRequest.id}/visa-letter.pdf`)).statusCode).toBe(409);
    const plain = await published();
    const plainRegistration = await registered(plain.id, other);
    expect((await req(other, 'GET', `/api/v1/registrations/${plainRegistration.id}/visa-letter.pdf`)).statusCode).toBe(409);
  });

  it('checks in by badge code or by registration once, answering a second time with when', async () => {
    const event = await published({ capacity: 2 });
    const guest = await cityPerson('Nguyễn Thị Lan');
    const waiting = await cityPerson('Last In Line');
    const mine = await registered(event.id, minh);
    const hers = await registered(event.id, guest);
    const theirs = await registered(event.id, waiting);
    const typed = mine.badgeCode.replace(/-/g, ' ').toLowerCase();
    const first = await req(organiser, 'POST', `/api/v1/events/${event.id}/check-ins`, { badgeCode: typed });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().message).toBe('Trần Văn Minh (Da Nang People’s Committee (test)) is checked in.');
    expect(first.json().registration.checkedInByName).toBe('Oscar Organiser');
    const twice = await req(organiser, 'POST', `/api/v1/events/${event.id}/check-ins`, { badgeCode: mine.badgeCode });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/^Trần Văn Minh is already checked in: at .+ \(Asia\/Ho_Chi_Minh\), by Oscar Organiser\.$/);
    const byId = await req(secretariat, 'POST', `/api/v1/events/${event.id}/check-ins`, { registrationId: hers.id });
    expect(byId.statusCode).toBe(200);
    const notConfirmed = await req(organiser, 'POST', `/api/v1/events/${event.id}/check-ins`, { registrationId: theirs.id });
    expect(notConfirmed.statusCode).toBe(409);
    expect(notConfirmed.json().error.message).toMatch(/waiting list/);
    expect((await req(organiser, 'POST', `/api/v1/events/${event.id}/check-ins`, { badgeCode: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' })).statusCode).toBe(404);
    expect((await req(organiser, 'POST', `/api/v1/events/${event.id}/check-ins`, { badgeCode: 'hello' })).statusCode).toBe(400);
    expect((await req(organiser, 'POST', `/api/v1/events/${event.id}/check-ins`, {})).statusCode).toBe(400);
    // A badge of another event is not this event's.
    const elsewhere = await published();
    expect((await req(organiser, 'POST', `/api/v1/events/${elsewhere.id}/check-ins`, { badgeCode: hers.badgeCode })).statusCode).toBe(404);
    for (const person of [otherAgency, minh, company]) {
      expect((await req(person, 'POST', `/api/v1/events/${event.id}/check-ins`, { badgeCode: hers.badgeCode })).statusCode).toBe(403);
    }
    expect((await req(organiser, 'GET', `/api/v1/events/${event.id}`)).json().checkedInCount).toBe(2);
  });

  it('lets two organisers scanning the same badge at once check it in only once', async () => {
    const event = await published();
    const mine = await registered(event.id, minh);
    const colleague = await makePerson(t, { id: (await req(organiser, 'GET', `/api/v1/events/${event.id}`)).json().organiserOrganisationId });
    const answers = await Promise.all([organiser, colleague].map((by) => req(by, 'POST', `/api/v1/events/${event.id}/check-ins`, { badgeCode: mine.badgeCode })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
  });
});
