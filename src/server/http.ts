import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteAccess, Viewer } from '../policy/policy.js';

/** The Fastify instance as route modules see it: Zod schemas type the handlers. */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking: the signed-in actor, or null for the public. Set before every handler. */
    viewer: Viewer;
  }
  interface FastifyContextConfig {
    /** Every route declares who may call it; the app refuses to start when one does not. */
    access?: RouteAccess;
    /** Public reads the portal asks for most: visitors' answers may be served from the micro-cache. */
    publicCache?: boolean;
  }
}

export const SESSION_COOKIE = 'mitra_session';
