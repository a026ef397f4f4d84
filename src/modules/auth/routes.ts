import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { SESSION_COOKIE, type Api } from '../../server/http.js';
import {
  acceptInvitationBodySchema,
  firstAdminBodySchema,
  invitationInfoSchema,
  invitationQuerySchema,
  okSchema,
  passwordResetBodySchema,
  passwordResetRequestBodySchema,
  sessionResponseSchema,
  setupStatusSchema,
  signInBodySchema,
} from './schemas.js';
import {
  acceptInvitation,
  createFirstAdmin,
  describeInvitation,
  describeSession,
  needsFirstAdmin,
  resolveViewer,
  requestPasswordReset,
  resetPassword,
  signIn,
  signOut,
} from './service.js';

const tags = ['auth'];
/**
 * Brute force is slowed per address here and stopped per account by the lockout in the service.
 * Generous enough for a city hall whose staff share one address.
 */
const authRateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

export function registerAuthRoutes(app: Api, ctx: AppContext): void {
  const setSessionCookie = (reply: FastifyReply, session: { token: string; expiresAt: Date }) =>
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.secureCookies,
      expires: session.expiresAt,
    });

  app.get('/api/v1/session', {
    config: { access: 'public' },
    schema: { tags, summary: 'Who is signed in', response: { 200: sessionResponseSchema } },
    handler: (request) => describeSession(ctx.db, request.viewer),
  });

  app.post('/api/v1/session', {
    config: { access: 'public', ...authRateLimit },
    schema: { tags, summary: 'Sign in with email and password', body: signInBodySchema, response: { 200: sessionResponseSchema } },
    handler: async (request, reply) => {
      const session = await signIn(ctx, request.body, request.headers['user-agent']);
      setSessionCookie(reply, session);
      return describeSession(ctx.db, await resolveViewer(ctx.db, session.token));
    },
  });

  app.delete('/api/v1/session', {
    config: { access: 'public' },
    schema: { tags, summary: 'Sign out', response: { 200: okSchema } },
    handler: async (request, reply) => {
      await signOut(ctx.db, request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  app.get('/api/v1/invitations', {
    config: { access: 'public' },
    schema: { tags, summary: 'Describe an invitation from its emailed token', querystring: invitationQuerySchema, response: { 200: invitationInfoSchema } },
    handler: (request) => describeInvitation(ctx.db, request.query.token),
  });

  app.post('/api/v1/invitations/accept', {
    config: { access: 'public', ...authRateLimit },
    schema: { tags, summary: 'Accept an invitation: choose a password and sign in', body: acceptInvitationBodySchema, response: { 200: sessionResponseSchema } },
    handler: async (request, reply) => {
      const session = await acceptInvitation(ctx, request.body, request.headers['user-agent']);
      setSessionCookie(reply, session);
      return describeSession(ctx.db, await resolveViewer(ctx.db, session.token));
    },
  });

  app.post('/api/v1/password-resets', {
    config: { access: 'public', ...authRateLimit },
    schema: { tags, summary: 'Email a password-reset link', body: passwordResetRequestBodySchema, response: { 202: okSchema } },
    handler: async (request, reply) => {
      await requestPasswordReset(ctx, request.body.email);
      return reply.status(202).send({ ok: true as const });
    },
  });

  app.post('/api/v1/password-resets/complete', {
    config: { access: 'public', ...authRateLimit },
    schema: { tags, summary: 'Set a new password from a reset link', body: passwordResetBodySchema, response: { 200: okSchema } },
    handler: async (request) => {
      await resetPassword(ctx, request.body);
      return { ok: true as const };
    },
  });

  app.get('/api/v1/setup', {
    config: { access: 'public' },
    schema: { tags, summary: 'Whether the first secretariat administrator still has to be created', response: { 200: setupStatusSchema } },
    handler: async () => ({ needsFirstAdmin: await needsFirstAdmin(ctx.db) }),
  });

  app.post('/api/v1/setup/first-admin', {
    config: { access: 'public', ...authRateLimit },
    schema: { tags, summary: 'Create a secretariat administrator with the one-time code printed at start-up', body: firstAdminBodySchema, response: { 200: sessionResponseSchema } },
    handler: async (request, reply) => {
      const session = await createFirstAdmin(ctx, request.body, request.headers['user-agent']);
      setSessionCookie(reply, session);
      return describeSession(ctx.db, await resolveViewer(ctx.db, session.token));
    },
  });
}
