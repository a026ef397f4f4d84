import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueFirstAdminCode } from './service.js';
import { cookieFrom, createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let secretariat: TestPerson;

beforeAll(async () => {
  t = await createTestApp();
  secretariat = await makeActor(t, 'secretariat');
});
afterAll(() => t.close());

/** The link in the newest outbox email to that address. */
async function linkInLatestEmail(to: string, path: string): Promise<string> {
  await t.ctx.jobs.drain();
  const outbox = (await t.request(secretariat, { method: 'GET', url: `/api/v1/outbox?to=${encodeURIComponent(to)}` })).json();
  const body: string = outbox.items[0]?.bodyText ?? '';
  const match = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(body);
  if (!match) throw new Error(`no ${path} link in the latest email to ${to}: ${body}`);
  return match[1]!;
}

const signIn = (email: string, password: string) =>
  t.request(null, { method: 'POST', url: '/api/v1/session', payload: { email, password }, headers: { 'x-forwarded-for': `10.0.0.${Math.floor(Math.random() * 250)}` } });

describe('sign-in', () => {
  it('signs in with email and password, sets a secure session cookie and knows who it is', async () => {
    const organisation = await makeOrganisation(t, { kind: 'company' });
    await makePerson(t, organisation, { email: 'Ana@Company.example', password: 'correct horse battery', name: 'Ana' });
    const response = await signIn('ana@company.example', 'correct horse battery');
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'mitra_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(response.json().actor).toMatchObject({ name: 'Ana', organisation: { kind: 'company' } });
    const session = await t.request({ cookie: cookie.value } as TestPerson, { method: 'GET', url: '/api/v1/session' });
    expect(session.json().actor.email).toBe('Ana@Company.example');
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const organisation = await makeOrganisation(t, { kind: 'company' });
    await makePerson(t, organisation, { email: 'ben@company.example', password: 'correct horse battery' });
    const wrong = await signIn('ben@company.example', 'wrong password!');
    const unknown = await signIn('nobody@company.example', 'wrong password!');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.cookies).toHaveLength(0);
  });

  it('locks the account after five failed attempts, even for the right password', async () => {
    const organisation = await makeOrganisation(t, { kind: 'company' });
    await makePerson(t, organisation, { email: 'cara@company.example', password: 'correct horse battery' });
    for (let i = 0; i < 5; i++) expect((await signIn('cara@company.example', `guess ${i} wrong`)).statusCode).toBe(401);
    const locked = await signIn('cara@company.example', 'correct horse battery');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.message).toMatch(/locked/);
    const audit = (await t.request(secretariat, { method: 'GET', url: '/api/v1/audit?entityType=user' })).json();
    expect(audit.items.some((e: { action: string }) => e.action === 'user.locked')).toBe(true);
  });

  it('signs out: the session no longer works', async () => {
    const organisation = await makeOrganisation(t, { kind: 'company' });
    await makePerson(t, organisation, { email: 'dan@company.example', password: 'correct horse battery' });
    const cookie = cookieFrom(await signIn('dan@company.example', 'correct horse battery'));
    const me = { cookie } as TestPerson;
    expect((await t.request(me, { method: 'DELETE', url: '/api/v1/session' })).statusCode).toBe(200);
    expect((await t.request(me, { method: 'GET', url: '/api/v1/session' })).json().actor).toBeNull();
    expect((await t.request(me, { method: 'GET', url: '/api/v1/profile' })).statusCode).toBe(401);
  });
});

describe('password reset', () => {
  it('emails a single-use link that sets a new password and ends other sessions', async () => {
    const organisation = await makeOrganisation(t, { kind: 'ngo' });
    const person = await makePerson(t, organisation, { email: 'eve@ngo.example', password: 'old password 123' });
    const request = await t.request(null, { method: 'POST', url: '/api/v1/password-resets', payload: { email: 'eve@ngo.example' } });
    expect(request.statusCode).toBe(202);
    const token = await linkInLatestEmail('eve@ngo.example', '/reset-password');
    const done = await t.request(null, { method: 'POST', url: '/api/v1/password-resets/complete', payload: { token, password: 'new password 456' } });
    expect(done.statusCode).toBe(200);
    expect((await signIn('eve@ngo.example', 'new password 456')).statusCode).toBe(200);
    expect((await signIn('eve@ngo.example', 'old password 123')).statusCode).toBe(401);
    expect((await t.request(person, { method: 'GET', url: '/api/v1/profile' })).statusCode).toBe(401);
    const again = await t.request(null, { method: 'POST', url: '/api/v1/password-resets/complete', payload: { token, password: 'third password 789' } });
    expect(again.statusCode).toBe(404);
  });

  it('does not tell whether an account exists, and sends nothing for an unknown address', async () => {
    const response = await t.request(null, { method: 'POST', url: '/api/v1/password-resets', payload: { email: 'ghost@nowhere.example' } });
    expect(response.statusCode).toBe(202);
    const outbox = (await t.request(secretariat, { method: 'GET', url: '/api/v1/outbox?to=ghost@nowhere.example' })).json();
    expect(outbox.items).toHaveLength(0);
  });

  it('refuses a short new password with a message naming the field', async () => {
    const response = await t.request(null, { method: 'POST', url: '/api/v1/password-resets/complete', payload: { token: 'x'.repeat(43), password: 'short' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0]).toMatchObject({ field: 'body.password' });
  });
});

describe('invitations', () => {
  it('lets an organisation admin invite someone who then sets a password and is signed in; the admin is notified', async () => {
    const cityHall = await makeOrganisation(t, { kind: 'city_government', cityId: 'cebu-city', name: 'Cebu City Hall' });
    const admin = await makePerson(t, cityHall, { role: 'admin', name: 'Cebu Admin' });
    const invite = await t.request(admin, {
      method: 'POST',
      url: `/api/v1/organisations/${cityHall.id}/invitations`,
      payload: { email: 'Maria@Cebu.example', name: 'Maria Santos', title: 'Planner', role: 'member' },
    });
    expect(invite.statusCode).toBe(201);
    expect(invite.json()).toMatchObject({ status: 'invited', email: 'maria@cebu.example' });

    const token = await linkInLatestEmail('maria@cebu.example', '/accept-invitation');
    const info = await t.request(null, { method: 'GET', url: `/api/v1/invitations?token=${token}` });
    expect(info.json()).toMatchObject({
      email: 'maria@cebu.example',
      name: 'Maria Santos',
      organisationName: 'Cebu City Hall',
      invitedBy: { name: 'Cebu Admin', organisationName: 'Cebu City Hall' },
    });

    const accept = await t.request(null, { method: 'POST', url: '/api/v1/invitations/accept', payload: { token, password: 'a good long password' } });
    expect(accept.statusCode).toBe(200);
    expect(accept.json().actor).toMatchObject({ name: 'Maria Santos', organisation: { cityId: 'cebu-city' }, role: 'member' });
    const maria = { cookie: cookieFrom(accept) } as TestPerson;
    const edit = await t.request(maria, { method: 'PATCH', url: '/api/v1/cities/cebu-city', payload: { summary: 'Queen City of the South' } });
    expect(edit.statusCode).toBe(200);

    const reuse = await t.request(null, { method: 'POST', url: '/api/v1/invitations/accept', payload: { token, password: 'another long password' } });
    expect(reuse.statusCode).toBe(404);

    const notifications = (await t.request(admin, { method: 'GET', url: '/api/v1/notifications' })).json();
    expect(notifications.unreadCount).toBe(1);
    expect(notifications.items[0].title).toContain('Maria Santos joined');
  });

  it('refuses invitations from members, from other organisations, and for an email already in use', async () => {
    const org = await makeOrganisation(t, { kind: 'academia' });
    const member = await makePerson(t, org, { role: 'member' });
    const outsider = await makeActor(t, 'company', { role: 'admin' });
    const payload = { email: 'new@academia.example', name: 'New Person' };
    expect((await t.request(member, { method: 'POST', url: `/api/v1/organisations/${org.id}/invitations`, payload })).statusCode).toBe(403);
    expect((await t.request(outsider, { method: 'POST', url: `/api/v1/organisations/${org.id}/invitations`, payload })).statusCode).toBe(403);
    expect((await t.request(secretariat, { method: 'POST', url: `/api/v1/organisations/${org.id}/invitations`, payload })).statusCode).toBe(201);
    const duplicate = await t.request(secretariat, { method: 'POST', url: `/api/v1/organisations/${org.id}/invitations`, payload });
    expect(duplicate.statusCode).toBe(409);
  });
});

describe('first secretariat administrator', () => {
  it('creates the administrator with the one-time code, once', async () => {
    const code = await issueFirstAdminCode(t.db);
    const payload = { code, name: 'First Admin', email: 'first@secretariat.example', password: 'a strong password' };
    const created = await t.request(null, { method: 'POST', url: '/api/v1/setup/first-admin', payload });
    expect(created.statusCode).toBe(200);
    expect(created.json().actor).toMatchObject({ role: 'admin', organisation: { kind: 'secretariat' } });
    expect((await t.request(null, { method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needsFirstAdmin: false });
    const again = await t.request(null, { method: 'POST', url: '/api/v1/setup/first-admin', payload: { ...payload, email: 'second@secretariat.example' } });
    expect(again.statusCode).toBe(403);
  });
});

describe('request hygiene', () => {
  it('refuses a cookie-authenticated write from another origin, or with no origin', async () => {
    const foreign = await t.request(secretariat, { method: 'PATCH', url: '/api/v1/profile', payload: { name: 'Hacked' }, headers: { origin: 'https://evil.example' } });
    expect(foreign.statusCode).toBe(403);
    const none = await t.app.inject({ method: 'PATCH', url: '/api/v1/profile', payload: { name: 'Hacked' }, headers: { cookie: `mitra_session=${secretariat.cookie}` } });
    expect(none.statusCode).toBe(403);
    const profile = (await t.request(secretariat, { method: 'GET', url: '/api/v1/profile' })).json();
    expect(profile.name).not.toBe('Hacked');
  });

  it('answers malformed JSON, oversize bodies and unknown routes with the error body, never a 500', async () => {
    const malformed = await t.request(secretariat, { method: 'PATCH', url: '/api/v1/profile', payload: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('bad_request');
    const huge = await t.request(secretariat, { method: 'PATCH', url: '/api/v1/profile', payload: { name: 'x'.repeat(2 * 1024 * 1024) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
    const unknownRoute = await t.request(null, { method: 'GET', url: '/api/v1/nothing-here' });
    expect(unknownRoute.statusCode).toBe(404);
    expect(unknownRoute.json().error.code).toBe('not_found');
    const badUuid = await t.request(null, { method: 'GET', url: '/api/v1/projects/not-a-uuid' });
    expect(badUuid.statusCode).toBe(400);
  });

  it('sends strict security headers', async () => {
    const response = await t.request(null, { method: 'GET', url: '/api/v1/cities' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('limits sign-in attempts per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const response = await t.request(null, { method: 'POST', url: '/api/v1/session', payload: { email: `x${i}@y.example`, password: 'whatever' }, headers: { 'x-forwarded-for': '192.0.2.7' } });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });
});
