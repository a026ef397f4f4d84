import { hash, verify } from '@node-rs/argon2';
import type { Db } from '../../db/client.js';
import type { TokenPurpose } from '../../db/schema/accounts.js';
import type { Actor, Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { inTransaction, type AfterCommit } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { recordEmail } from '../mail/service.js';
import { notify } from '../notifications/service.js';
import { findOrganisation, listOrganisationAdminIds } from '../accounts/queries.js';
import {
  consumeToken,
  countActiveSecretariatAdmins,
  countUnreadNotifications,
  deleteSession,
  deleteSessionsOfUser,
  findSecretariatOrganisation,
  findSessionActor,
  findUsableToken,
  findUserByEmail,
  findUserById,
  insertOrganisation,
  insertSession,
  insertToken,
  insertUser,
  invalidateFirstAdminCodes,
  invalidateTokens,
  updateUser,
} from './queries.js';
import { hashSecret, newSecret, newTypeableCode } from './tokens.js';

const MAX_FAILED_SIGN_INS = 5;
const LOCKOUT_MINUTES = 15;
const INVITATION_DAYS = 14;
const RESET_HOURS = 2;

export const hashPassword = (password: string) => hash(password);

/** Verified against when the account does not exist, so both paths take the same time. */
let dummyHash: Promise<string> | undefined;

const wrongCredentials = () => new AppError('unauthenticated', 'The email or password is not right.');

export async function signIn(ctx: AppContext, credentials: { email: string; password: string }, userAgent?: string) {
  const now = new Date();
  const user = await findUserByEmail(ctx.db, credentials.email);
  if (!user || !user.passwordHash || user.status !== 'active') {
    dummyHash ??= hashPassword('not a real password');
    await verify(await dummyHash, credentials.password).catch(() => false);
    throw wrongCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new AppError(
      'locked',
      `This account is locked after too many failed sign-ins until ${user.lockedUntil.toISOString().slice(11, 16)} UTC. ` +
        'Try again then, or reset your password.',
    );
  }
  if (!(await verify(user.passwordHash, credentials.password))) {
    const failed = user.failedSignIns + 1;
    const locks = failed >= MAX_FAILED_SIGN_INS;
    await inTransaction(ctx, async (tx) => {
      await updateUser(tx, user.id, {
        failedSignIns: locks ? 0 : failed,
        lockedUntil: locks ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : user.lockedUntil,
      });
      if (locks) {
        await writeAudit(tx, { system: 'sign-in' }, { action: 'user.locked', entityType: 'user', entityId: user.id, after: { minutes: LOCKOUT_MINUTES } });
      }
    });
    throw wrongCredentials();
  }
  if (user.failedSignIns > 0 || user.lockedUntil) await updateUser(ctx.db, user.id, { failedSignIns: 0, lockedUntil: null });
  return createSession(ctx.db, ctx.config.sessionDays, user.id, userAgent);
}

async function createSession(db: Db, days: number, userId: string, userAgent?: string) {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  await insertSession(db, { tokenHash: hashSecret(token), userId, expiresAt, userAgent: userAgent?.slice(0, 300) });
  return { token, expiresAt };
}

export async function signOut(db: Db, token: string | undefined) {
  if (token) await deleteSession(db, hashSecret(token));
}

export async function resolveViewer(db: Db, token: string | undefined): Promise<Viewer> {
  if (!token || token.length > 200) return null;
  const row = await findSessionActor(db, hashSecret(token), new Date());
  if (!row || row.status !== 'active') return null;
  return {
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role,
    organisationId: row.organisationId,
    organisationKind: row.organisationKind,
    cityId: row.cityId,
    countryCode: row.countryCode,
  };
}

export async function describeSession(db: Db, viewer: Viewer) {
  if (!viewer) return { actor: null };
  const user = await findUserById(db, viewer.userId);
  const organisation = await findOrganisation(db, viewer.organisationId);
  return {
    actor: {
      userId: viewer.userId,
      name: user?.name ?? viewer.name,
      email: viewer.email,
      role: viewer.role,
      organisation: {
        id: viewer.organisationId,
        name: organisation?.name ?? '',
        kind: viewer.organisationKind,
        cityId: viewer.cityId,
        countryCode: viewer.countryCode,
      },
      unreadNotifications: await countUnreadNotifications(db, viewer.userId),
    },
  };
}

/** A new emailed-link secret for someone; their earlier links of that purpose stop working. */
async function replaceToken(tx: Db, token: { userId: string; purpose: TokenPurpose; validForMs: number; createdBy?: string }): Promise<string> {
  const now = new Date();
  await invalidateTokens(tx, token.userId, token.purpose, now);
  const secret = newSecret();
  await insertToken(tx, {
    tokenHash: hashSecret(secret),
    purpose: token.purpose,
    userId: token.userId,
    createdBy: token.createdBy ?? null,
    expiresAt: new Date(now.getTime() + token.validForMs),
  });
  return secret;
}

/** Records an invitation email with a set-password link. Used when an admin invites someone. */
export async function recordInvitation(
  ctx: AppContext,
  tx: Db,
  after: AfterCommit,
  invitee: { id: string; email: string; name: string },
  inviter: Actor,
  organisationName: string,
) {
  const token = await replaceToken(tx, { userId: invitee.id, purpose: 'invitation', validForMs: INVITATION_DAYS * 86_400_000, createdBy: inviter.userId });
  const link = `${ctx.config.publicUrl}/accept-invitation?token=${token}`;
  after.emailIds.push(
    await recordEmail(tx, {
      to: invitee.email,
      containsSecret: true,
      subject: `${inviter.name} invites you to Mitra, the U.S.-ASEAN Smart Cities Partnership platform`,
      text:
        `Dear ${invitee.name},\n\n${inviter.name} has invited you to join ${organisationName} on Mitra, ` +
        `the platform of the U.S.-ASEAN Smart Cities Partnership.\n\n` +
        `Choose your password here (the link works once, for ${INVITATION_DAYS} days):\n${link}\n\n` +
        `If you did not expect this invitation, you can ignore this email.`,
    }),
  );
}

export async function describeInvitation(db: Db, token: string) {
  const row = await findUsableToken(db, hashSecret(token), 'invitation', new Date());
  const user = row?.userId ? await findUserById(db, row.userId) : undefined;
  if (!row || !user || user.status !== 'invited') throw invalidLink('invitation');
  const organisation = await findOrganisation(db, user.organisationId);
  const inviter = row.createdBy ? await findUserById(db, row.createdBy) : undefined;
  const inviterOrganisation = inviter ? await findOrganisation(db, inviter.organisationId) : undefined;
  return {
    email: user.email,
    name: user.name,
    organisationName: organisation?.name ?? '',
    invitedBy: inviter ? { name: inviter.name, organisationName: inviterOrganisation?.name ?? '' } : null,
    expiresAt: row.expiresAt.toISOString(),
  };
}

const invalidLink = (what: string) =>
  new AppError('not_found', `This ${what} link is not valid: it may have been used already or have expired. Ask for a new one.`);

export async function acceptInvitation(ctx: AppContext, input: { token: string; password: string; name?: string }, userAgent?: string) {
  const passwordHash = await hashPassword(input.password);
  const user = await inTransaction(ctx, async (tx, after) => {
    const row = await consumeToken(tx, hashSecret(input.token), 'invitation', new Date());
    const invited = row?.userId ? await findUserById(tx, row.userId) : undefined;
    if (!invited || invited.status !== 'invited') throw invalidLink('invitation');
    const updated = await updateUser(tx, invited.id, { passwordHash, status: 'active', name: input.name ?? invited.name });
    await writeAudit(tx, { system: `invitation accepted by ${updated.email}` }, {
      action: 'user.invitation_accepted',
      entityType: 'user',
      entityId: updated.id,
      before: { status: invited.status },
      after: { status: 'active', name: updated.name },
    });
    const admins = (await listOrganisationAdminIds(tx, updated.organisationId)).filter((id) => id !== updated.id);
    await notify(ctx, tx, after, admins, {
      kind: 'member.joined',
      title: `${updated.name} joined your organisation`,
      body: `${updated.name} (${updated.email}) accepted the invitation and can now sign in to Mitra.`,
      link: '/app/organisation',
    });
    return updated;
  });
  return createSession(ctx.db, ctx.config.sessionDays, user.id, userAgent);
}

/** Always answers the same way, so the form does not tell who has an account. */
export async function requestPasswordReset(ctx: AppContext, email: string) {
  const user = await findUserByEmail(ctx.db, email);
  if (!user || user.status !== 'active') return;
  await inTransaction(ctx, async (tx, after) => {
    const token = await replaceToken(tx, { userId: user.id, purpose: 'password_reset', validForMs: RESET_HOURS * 3_600_000 });
    after.emailIds.push(
      await recordEmail(tx, {
        to: user.email,
        containsSecret: true,
        subject: 'Reset your Mitra password',
        text:
          `Dear ${user.name},\n\nSomeone (we hope you) asked to reset the password of your Mitra account.\n\n` +
          `Choose a new password here (the link works once, for ${RESET_HOURS} hours):\n` +
          `${ctx.config.publicUrl}/reset-password?token=${token}\n\nIf it was not you, ignore this email: your password stays as it is.`,
      }),
    );
  });
}

export async function resetPassword(ctx: AppContext, input: { token: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  await inTransaction(ctx, async (tx) => {
    const row = await consumeToken(tx, hashSecret(input.token), 'password_reset', new Date());
    const user = row?.userId ? await findUserById(tx, row.userId) : undefined;
    if (!user || user.status !== 'active') throw invalidLink('password reset');
    await updateUser(tx, user.id, { passwordHash, failedSignIns: 0, lockedUntil: null });
    // A reset ends every session: whoever knew the old password is signed out.
    await deleteSessionsOfUser(tx, user.id);
    await writeAudit(tx, { system: `password reset by ${user.email}` }, { action: 'user.password_reset', entityType: 'user', entityId: user.id });
  });
}

export async function needsFirstAdmin(db: Db): Promise<boolean> {
  return (await countActiveSecretariatAdmins(db)) === 0;
}

/** A new one-time code for creating a secretariat administrator, valid for 7 days. Older codes stop working. */
export async function issueFirstAdminCode(db: Db): Promise<string> {
  const code = newTypeableCode();
  const now = new Date();
  await db.transaction(async (tx) => {
    await invalidateFirstAdminCodes(tx as unknown as Db, now);
    await insertToken(tx as unknown as Db, {
      tokenHash: hashSecret(code),
      purpose: 'first_admin',
      expiresAt: new Date(now.getTime() + 7 * 86_400_000),
    });
  });
  return code;
}

export const SECRETARIAT_NAME = 'U.S.-ASEAN Smart Cities Partnership Secretariat';

export async function createFirstAdmin(
  ctx: AppContext,
  input: { code: string; name: string; email: string; password: string },
  userAgent?: string,
) {
  const passwordHash = await hashPassword(input.password);
  const user = await inTransaction(ctx, async (tx) => {
    const row = await consumeToken(tx, hashSecret(input.code.toUpperCase()), 'first_admin', new Date());
    if (!row) throw new AppError('forbidden', 'This set-up code is not valid or has expired. Run `mitra create-admin` for a new one.');
    if (await findUserByEmail(tx, input.email)) throw new AppError('conflict', `Someone already uses ${input.email}.`);
    const organisation =
      (await findSecretariatOrganisation(tx)) ?? (await insertOrganisation(tx, { name: SECRETARIAT_NAME, kind: 'secretariat' }));
    const created = await insertUser(tx, {
      email: input.email,
      name: input.name,
      organisationId: organisation.id,
      role: 'admin',
      status: 'active',
      passwordHash,
    });
    await writeAudit(tx, { system: 'set-up code' }, {
      action: 'user.created_first_admin',
      entityType: 'user',
      entityId: created.id,
      after: { email: created.email, name: created.name, organisation: organisation.name, role: 'admin' },
    });
    return created;
  });
  return createSession(ctx.db, ctx.config.sessionDays, user.id, userAgent);
}
