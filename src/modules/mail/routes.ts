import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import { listOutboxQuerySchema, outboxPageSchema } from './schemas.js';
import { listOutbox } from './service.js';

export function registerMailRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/outbox', {
    config: { access: 'secretariat' },
    schema: { tags: ['mail'], summary: 'Every email Mitra has sent or holds (the outbox when no SMTP server is set)', querystring: listOutboxQuerySchema, response: { 200: outboxPageSchema } },
    handler: (request) => listOutbox(ctx.db, request.viewer, request.query),
  });
}
