import type { FastifyInstance } from 'fastify';
import { assertRouteAccess } from '../../policy/policy.js';
import { resolveViewer } from '../../modules/auth/service.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { SESSION_COOKIE } from '../http.js';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the viewer from the session cookie, enforces the route's declared access level, and
 * refuses cross-site writes: a write that carries the session cookie must come from Mitra's own origin.
 */
export function registerSession(app: FastifyInstance, ctx: AppContext): void {
  const allowedOrigin = new URL(ctx.config.publicUrl).origin;
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token && unsafeMethods.has(request.method)) {
      const origin = request.headers.origin ?? (request.headers.referer ? safeOrigin(request.headers.referer) : undefined);
      const ownOrigin = `${request.protocol}://${request.headers.host}`;
      if (!origin || (origin !== allowedOrigin && origin !== ownOrigin)) {
        throw new AppError('forbidden', 'This request did not come from Mitra itself (cross-site request refused).');
      }
    }
    request.viewer = token ? await resolveViewer(ctx.db, token) : null;
  });
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (access) assertRouteAccess(request.viewer, access);
  });
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
