import { verify } from '@node-rs/argon2';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import {
  assertCanManageOrganisation,
  assertSecretariatAdmin,
  canManageOrganisation,
  requireSignedIn,
  type Viewer,
} from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { decodeCursor, pageOf } from '../../server/pagination.js';
import { inTransaction } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { findUserByEmail, findUserById, insertOrganisation, insertUser, updateUser, deleteSessionsOfUser } from '../auth/queries.js';
import { hashPassword, recordInvitation } from '../auth/service.js';
import { findCity, findCountry } from '../cities/queries.js';
import {
  countMembers,
  findOrganisation,
  findOrganisationByName,
  listMembers,
  listOrganisations,
  updateOrganisation as updateOrganisationRow,
} from './queries.js';
import type {
  createOrganisationBodySchema,
  inviteBodySchema,
  listOrganisationsQuerySchema,
  updateMemberBodySchema,
  updateOrganisationBodySchema,
  updateProfileBodySchema,
} from './schemas.js';

export async function listOrganisationsFor(db: Db, viewer: Viewer, query: z.infer<typeof listOrganisationsQuerySchema>) {
  requireSignedIn(viewer);
  const cursor = decodeCursor(query.cursor, 2) as [string, string] | undefined;
  const rows = await listOrganisations(db, {
    kind: query.kind,
    q: query.q,
    after: cursor ? { name: cursor[0], id: cursor[1] } : undefined,
    limit: query.limit,
  });
  return pageOf(rows, query.limit, (row) => [row.name, row.id]);
}

export async function getOrganisation(db: Db, viewer: Viewer, organisationId: string) {
  requireSignedIn(viewer);
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation) throw notFound('The organisation');
  const members = await listMembers(db, organisationId);
  return { ...organisation, memberCount: members.length, members, canManage: canManageOrganisation(viewer, organisationId) };
}

/** The link between an organisation's kind and its city or country, checked before anything is written. */
async function validateOrganisationLinks(db: Db, body: z.infer<typeof createOrganisationBodySchema>) {
  const problems: { field: string; message: string }[] = [];
  if (body.kind === 'city_government') {
    if (!body.cityId) problems.push({ field: 'body.cityId', message: 'a city government must name its ASCN city' });
    else if (!(await findCity(db, body.cityId))) problems.push({ field: 'body.cityId', message: `no ASCN city has the id "${body.cityId}"` });
  } else if (body.cityId) {
    problems.push({ field: 'body.cityId', message: 'only a city government is linked to a city' });
  }
  if (body.kind === 'national_agency') {
    const country = body.countryCode ? await findCountry(db, body.countryCode) : undefined;
    if (!body.countryCode) problems.push({ field: 'body.countryCode', message: 'a national agency must name its country' });
    else if (!country?.isAseanMember) problems.push({ field: 'body.countryCode', message: `"${body.countryCode}" is not an ASEAN member state` });
  } else if (body.countryCode) {
    problems.push({ field: 'body.countryCode', message: 'only a national agency is linked to a country' });
  }
  if (problems.length) {
    throw new AppError('validation_failed', `The organisation is not valid: ${problems.map((p) => p.message).join('; ')}.`, problems);
  }
}

export async function createOrganisation(ctx: AppContext, viewer: Viewer, body: z.infer<typeof createOrganisationBodySchema>) {
  const actor = assertSecretariatAdmin(viewer);
  await validateOrganisationLinks(ctx.db, body);
  return inTransaction(ctx, async (tx) => {
    if (await findOrganisationByName(tx, body.name)) throw new AppError('conflict', `An organisation named "${body.name}" already exists.`);
    const created = await insertOrganisation(tx, {
      name: body.name,
      kind: body.kind,
      cityId: body.cityId ?? null,
      countryCode: body.countryCode ?? null,
      website: body.website ?? null,
      description: body.description ?? null,
    });
    await writeAudit(tx, actor, { action: 'organisation.created', entityType: 'organisation', entityId: created.id, after: created });
    return { ...created, memberCount: 0 };
  });
}

export async function updateOrganisation(
  ctx: AppContext,
  viewer: Viewer,
  organisationId: string,
  body: z.infer<typeof updateOrganisationBodySchema>,
) {
  const actor = assertCanManageOrganisation(viewer, organisationId);
  return inTransaction(ctx, async (tx) => {
    const before = await findOrganisation(tx, organisationId);
    if (!before) throw notFound('The organisation');
    if (body.name && body.name.toLowerCase() !== before.name.toLowerCase() && (await findOrganisationByName(tx, body.name))) {
      throw new AppError('conflict', `An organisation named "${body.name}" already exists.`);
    }
    const after = await updateOrganisationRow(tx, organisationId, body);
    await writeAudit(tx, actor, { action: 'organisation.updated', entityType: 'organisation', entityId: organisationId, before, after });
    return { ...after, memberCount: await countMembers(tx, organisationId) };
  });
}

export async function inviteMember(ctx: AppContext, viewer: Viewer, organisationId: string, body: z.infer<typeof inviteBodySchema>) {
  const actor = assertCanManageOrganisation(viewer, organisationId);
  return inTransaction(ctx, async (tx, after) => {
    const organisation = await findOrganisation(tx, organisationId);
    if (!organisation) throw notFound('The organisation');
    if (await findUserByEmail(tx, body.email)) {
      throw new AppError('conflict', `${body.email} already has a Mitra account (each person belongs to one organisation).`);
    }
    const invitee = await insertUser(tx, {
      email: body.email,
      name: body.name,
      title: body.title ?? null,
      role: body.role,
      organisationId,
      status: 'invited',
    });
    await recordInvitation(ctx, tx, after, invitee, actor, organisation.name);
    await writeAudit(tx, actor, {
      action: 'user.invited',
      entityType: 'user',
      entityId: invitee.id,
      after: { email: invitee.email, name: invitee.name, role: invitee.role, organisation: organisation.name },
    });
    return { id: invitee.id, name: invitee.name, email: invitee.email, title: invitee.title, role: invitee.role, status: invitee.status };
  });
}

async function findMember(tx: Db, organisationId: string, userId: string) {
  const member = await findUserById(tx, userId);
  if (!member || member.organisationId !== organisationId) throw notFound('The member');
  return member;
}

export async function resendInvitation(ctx: AppContext, viewer: Viewer, organisationId: string, userId: string) {
  const actor = assertCanManageOrganisation(viewer, organisationId);
  await inTransaction(ctx, async (tx, after) => {
    const member = await findMember(tx, organisationId, userId);
    if (member.status !== 'invited') throw new AppError('conflict', `${member.name} has already accepted the invitation.`);
    const organisation = await findOrganisation(tx, organisationId);
    await recordInvitation(ctx, tx, after, member, actor, organisation!.name);
    await writeAudit(tx, actor, { action: 'user.invitation_resent', entityType: 'user', entityId: member.id });
  });
}

export async function updateMember(
  ctx: AppContext,
  viewer: Viewer,
  organisationId: string,
  userId: string,
  body: z.infer<typeof updateMemberBodySchema>,
) {
  const actor = assertCanManageOrganisation(viewer, organisationId);
  return inTransaction(ctx, async (tx) => {
    const before = await findMember(tx, organisationId, userId);
    const losesAdmin = before.role === 'admin' && before.status === 'active' && (body.role === 'member' || body.status === 'disabled');
    if (losesAdmin) {
      const activeAdmins = (await listMembers(tx, organisationId)).filter((m) => m.role === 'admin' && m.status === 'active');
      if (activeAdmins.length <= 1) {
        throw new AppError('conflict', 'An organisation needs at least one active administrator: make someone else an administrator first.');
      }
    }
    if (body.status === 'active' && before.status === 'invited') {
      throw new AppError('conflict', `${before.name} has not accepted the invitation yet; resend it instead.`);
    }
    const updated = await updateUser(tx, userId, body);
    if (body.status === 'disabled') await deleteSessionsOfUser(tx, userId);
    await writeAudit(tx, actor, {
      action: 'user.updated',
      entityType: 'user',
      entityId: userId,
      before: { role: before.role, status: before.status },
      after: { role: updated.role, status: updated.status },
    });
    return { id: updated.id, name: updated.name, email: updated.email, title: updated.title, role: updated.role, status: updated.status };
  });
}

export async function getProfile(db: Db, viewer: Viewer) {
  const actor = requireSignedIn(viewer);
  const user = await findUserById(db, actor.userId);
  const organisation = await findOrganisation(db, actor.organisationId);
  if (!user || !organisation) throw notFound('Your profile');
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    title: user.title,
    role: user.role,
    emailNotifications: user.emailNotifications,
    organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind },
  };
}

export async function updateProfile(ctx: AppContext, viewer: Viewer, body: z.infer<typeof updateProfileBodySchema>) {
  const actor = requireSignedIn(viewer);
  await inTransaction(ctx, async (tx) => {
    const before = await findUserById(tx, actor.userId);
    const after = await updateUser(tx, actor.userId, body);
    await writeAudit(tx, actor, {
      action: 'user.profile_updated',
      entityType: 'user',
      entityId: actor.userId,
      before: { name: before?.name, title: before?.title, emailNotifications: before?.emailNotifications },
      after: { name: after.name, title: after.title, emailNotifications: after.emailNotifications },
    });
  });
  return getProfile(ctx.db, viewer);
}

export async function changePassword(ctx: AppContext, viewer: Viewer, body: { currentPassword: string; newPassword: string }) {
  const actor = requireSignedIn(viewer);
  const user = await findUserById(ctx.db, actor.userId);
  if (!user?.passwordHash || !(await verify(user.passwordHash, body.currentPassword))) {
    throw new AppError('validation_failed', 'The current password is not right.', [{ field: 'body.currentPassword', message: 'not right' }]);
  }
  const passwordHash = await hashPassword(body.newPassword);
  await inTransaction(ctx, async (tx) => {
    await updateUser(tx, actor.userId, { passwordHash });
    await writeAudit(tx, actor, { action: 'user.password_changed', entityType: 'user', entityId: actor.userId });
  });
}
