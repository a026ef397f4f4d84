import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../../testing/harness.js';

let t: TestApp;
let secretariatAdmin: TestPerson;
let secretariatMember: TestPerson;

beforeAll(async () => {
  t = await createTestApp();
  const secretariat = await makeOrganisation(t, { kind: 'secretariat' });
  secretariatAdmin = await makePerson(t, secretariat, { role: 'admin' });
  secretariatMember = await makePerson(t, secretariat, { role: 'member' });
});
afterAll(() => t.close());

describe('organisations', () => {
  it('lets a secretariat administrator create each kind, with the city or country its kind needs', async () => {
    const city = await t.request(secretariatAdmin, { method: 'POST', url: '/api/v1/organisations', payload: { name: 'Phuket City Municipality', kind: 'city_government', cityId: 'phuket' } });
    expect(city.statusCode).toBe(201);
    expect(city.json()).toMatchObject({ kind: 'city_government', cityId: 'phuket', memberCount: 0 });
    const national = await t.request(secretariatAdmin, { method: 'POST', url: '/api/v1/organisations', payload: { name: 'Thai national representative', kind: 'national_agency', countryCode: 'th' } });
    expect(national.json()).toMatchObject({ countryCode: 'TH' });
    const audit = (await t.request(secretariatAdmin, { method: 'GET', url: `/api/v1/audit?entityId=${city.json().id}` })).json();
    expect(audit.items[0]).toMatchObject({ action: 'organisation.created', actorUserId: secretariatAdmin.id });
  });

  it.each([
    [{ name: 'No city', kind: 'city_government' }, 'body.cityId'],
    [{ name: 'Unknown city', kind: 'city_government', cityId: 'gotham' }, 'body.cityId'],
    [{ name: 'US national', kind: 'national_agency', countryCode: 'US' }, 'body.countryCode'],
    [{ name: 'Company with city', kind: 'company', cityId: 'phuket' }, 'body.cityId'],
  ])('rejects an organisation whose links do not fit its kind: %j', async (payload, field) => {
    const response = await t.request(secretariatAdmin, { method: 'POST', url: '/api/v1/organisations', payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses duplicate names and people who are not secretariat administrators', async () => {
    await t.request(secretariatAdmin, { method: 'POST', url: '/api/v1/organisations', payload: { name: 'Acme Smart Grid', kind: 'company' } });
    const duplicate = await t.request(secretariatAdmin, { method: 'POST', url: '/api/v1/organisations', payload: { name: 'ACME smart grid', kind: 'company' } });
    expect(duplicate.statusCode).toBe(409);
    const company = await makeActor(t, 'company');
    expect((await t.request(company, { method: 'POST', url: '/api/v1/organisations', payload: { name: 'Mine', kind: 'company' } })).statusCode).toBe(403);
    expect((await t.request(secretariatMember, { method: 'POST', url: '/api/v1/organisations', payload: { name: 'Mine 2', kind: 'company' } })).statusCode).toBe(403);
  });

  it('lists organisations to anyone signed in, filtered and paginated, and to nobody else', async () => {
    expect((await t.request(null, { method: 'GET', url: '/api/v1/organisations' })).statusCode).toBe(401);
    const first = (await t.request(secretariatMember, { method: 'GET', url: '/api/v1/organisations?limit=1' })).json();
    expect(first.items).toHaveLength(1);
    const second = (await t.request(secretariatMember, { method: 'GET', url: `/api/v1/organisations?limit=1&cursor=${first.nextCursor}` })).json();
    expect(second.items[0].name > first.items[0].name || second.items[0].name === first.items[0].name).toBe(true);
    const companies = (await t.request(secretariatMember, { method: 'GET', url: '/api/v1/organisations?kind=company&q=acme' })).json();
    expect(companies.items.map((o: { name: string }) => o.name)).toEqual(['Acme Smart Grid']);
  });
});

describe('members', () => {
  it('keeps at least one active administrator', async () => {
    const org = await makeOrganisation(t, { kind: 'ngo' });
    const onlyAdmin = await makePerson(t, org, { role: 'admin' });
    const demote = await t.request(onlyAdmin, { method: 'PATCH', url: `/api/v1/organisations/${org.id}/members/${onlyAdmin.id}`, payload: { role: 'member' } });
    expect(demote.statusCode).toBe(409);
    const second = await makePerson(t, org, { role: 'member' });
    const promote = await t.request(onlyAdmin, { method: 'PATCH', url: `/api/v1/organisations/${org.id}/members/${second.id}`, payload: { role: 'admin' } });
    expect(promote.json()).toMatchObject({ role: 'admin' });
    expect((await t.request(onlyAdmin, { method: 'PATCH', url: `/api/v1/organisations/${org.id}/members/${onlyAdmin.id}`, payload: { role: 'member' } })).statusCode).toBe(200);
  });

  it('disabling someone ends their sessions', async () => {
    const org = await makeOrganisation(t, { kind: 'us_city' });
    const admin = await makePerson(t, org, { role: 'admin' });
    const member = await makePerson(t, org, { role: 'member' });
    expect((await t.request(member, { method: 'GET', url: '/api/v1/profile' })).statusCode).toBe(200);
    const disable = await t.request(admin, { method: 'PATCH', url: `/api/v1/organisations/${org.id}/members/${member.id}`, payload: { status: 'disabled' } });
    expect(disable.json()).toMatchObject({ status: 'disabled' });
    expect((await t.request(member, { method: 'GET', url: '/api/v1/profile' })).statusCode).toBe(401);
  });

  it('answers 404 for a member of another organisation', async () => {
    const org = await makeOrganisation(t, { kind: 'ngo' });
    const admin = await makePerson(t, org, { role: 'admin' });
    const stranger = await makeActor(t, 'company');
    const response = await t.request(admin, { method: 'PATCH', url: `/api/v1/organisations/${org.id}/members/${stranger.id}`, payload: { role: 'admin' } });
    expect(response.statusCode).toBe(404);
  });

  it('shows an organisation with its members and whether the viewer can manage it', async () => {
    const org = await makeOrganisation(t, { kind: 'cyber_centre' });
    const admin = await makePerson(t, org, { role: 'admin', name: 'Centre Admin' });
    const mine = (await t.request(admin, { method: 'GET', url: `/api/v1/organisations/${org.id}` })).json();
    expect(mine).toMatchObject({ canManage: true, memberCount: 1, members: [{ name: 'Centre Admin', role: 'admin' }] });
    const outsider = await makeActor(t, 'company');
    expect((await t.request(outsider, { method: 'GET', url: `/api/v1/organisations/${org.id}` })).json().canManage).toBe(false);
  });
});

describe('profile and notifications', () => {
  it('changes name and notification choice, audited', async () => {
    const person = await makeActor(t, 'academia');
    const response = await t.request(person, { method: 'PATCH', url: '/api/v1/profile', payload: { name: 'Dr. Lim', emailNotifications: false } });
    expect(response.json()).toMatchObject({ name: 'Dr. Lim', emailNotifications: false });
    const audit = (await t.request(secretariatAdmin, { method: 'GET', url: `/api/v1/audit?entityId=${person.id}` })).json();
    expect(audit.items[0]).toMatchObject({ action: 'user.profile_updated', after: { name: 'Dr. Lim', emailNotifications: false } });
  });

  it('changes the password only with the current one', async () => {
    const org = await makeOrganisation(t, { kind: 'company' });
    const person = await makePerson(t, org, { password: 'the first password', email: 'pw@company.example' });
    const wrong = await t.request(person, { method: 'POST', url: '/api/v1/profile/password', payload: { currentPassword: 'nope', newPassword: 'the second password' } });
    expect(wrong.statusCode).toBe(400);
    const right = await t.request(person, { method: 'POST', url: '/api/v1/profile/password', payload: { currentPassword: 'the first password', newPassword: 'the second password' } });
    expect(right.statusCode).toBe(200);
    const signIn = await t.request(null, { method: 'POST', url: '/api/v1/session', payload: { email: 'pw@company.example', password: 'the second password' } });
    expect(signIn.statusCode).toBe(200);
  });

  it('emails a notification only to those who chose email', async () => {
    const org = await makeOrganisation(t, { kind: 'city_government', cityId: 'kuching' });
    const wantsEmail = await makePerson(t, org, { role: 'admin', email: 'wants@kuching.example' });
    const noEmail = await makePerson(t, org, { role: 'admin', email: 'quiet@kuching.example' });
    await t.request(noEmail, { method: 'PATCH', url: '/api/v1/profile', payload: { emailNotifications: false } });
    const invite = await t.request(wantsEmail, { method: 'POST', url: `/api/v1/organisations/${org.id}/invitations`, payload: { email: 'newbie@kuching.example', name: 'Newbie' } });
    await t.ctx.jobs.drain();
    const outbox = (await t.request(secretariatAdmin, { method: 'GET', url: '/api/v1/outbox?to=newbie@kuching.example' })).json();
    const token = /token=([A-Za-z0-9_-]+)/.exec(outbox.items[0].bodyText)![1];
    await t.request(null, { method: 'POST', url: '/api/v1/invitations/accept', payload: { token, password: 'newbie password 1' } });
    await t.ctx.jobs.drain();
    expect(invite.statusCode).toBe(201);
    const toWants = (await t.request(secretariatAdmin, { method: 'GET', url: '/api/v1/outbox?to=wants@kuching.example' })).json().items;
    const toQuiet = (await t.request(secretariatAdmin, { method: 'GET', url: '/api/v1/outbox?to=quiet@kuching.example' })).json().items;
    expect(toWants.map((e: { subject: string }) => e.subject)).toEqual(['[Mitra] Newbie joined your organisation']);
    expect(toWants[0].status).toBe('outbox');
    expect(toQuiet).toHaveLength(0);
    const quietList = (await t.request(noEmail, { method: 'GET', url: '/api/v1/notifications' })).json();
    expect(quietList.unreadCount).toBe(1);
    const marked = await t.request(noEmail, { method: 'POST', url: '/api/v1/notifications/read', payload: { ids: 'all' } });
    expect(marked.json()).toEqual({ updated: 1, unreadCount: 0 });
  });

  it('shows the outbox and the audit log only to the secretariat', async () => {
    const company = await makeActor(t, 'company');
    expect((await t.request(company, { method: 'GET', url: '/api/v1/outbox' })).statusCode).toBe(403);
    expect((await t.request(company, { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
    expect((await t.request(null, { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
  });
});
