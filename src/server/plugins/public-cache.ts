import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../http.js';

/**
 * A micro-cache for what the public portal reads most: a GET declared `publicCache` and asked by
 * someone not signed in is answered from memory for up to `ttlMs`. Busy moments (a summit, an
 * announcement) then cost one database read per second per page instead of one per visitor.
 *
 * Any successful write in this process empties it, so this process never shows its own changes
 * late; another process may, for at most `ttlMs`. It is a cache, not state: losing it loses nothing.
 */
export function registerPublicCache(app: FastifyInstance, options: { ttlMs: number; maxEntries: number }): void {
  const entries = new Map<string, { storedAt: number; contentType: string; body: string }>();
  const cacheable = (request: { method: string; cookies: Record<string, string | undefined>; routeOptions: { config: { publicCache?: boolean } } }) =>
    request.method === 'GET' && request.routeOptions.config.publicCache === true && !request.cookies[SESSION_COOKIE];

  app.addHook('preHandler', async (request, reply) => {
    if (!cacheable(request)) return;
    const entry = entries.get(request.url);
    if (!entry || Date.now() - entry.storedAt > options.ttlMs) return;
    return reply.header('content-type', entry.contentType).header('x-mitra-cache', 'hit').send(entry.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET') {
      if (reply.statusCode < 400 && entries.size) entries.clear();
      return payload;
    }
    if (typeof payload !== 'string' || reply.statusCode !== 200 || !cacheable(request) || reply.getHeader('x-mitra-cache')) return payload;
    if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(request.url, { storedAt: Date.now(), contentType: String(reply.getHeader('content-type') ?? 'application/json'), body: payload });
    return payload;
  });
}
