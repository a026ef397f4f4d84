import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import { auditPageSchema, listAuditQuerySchema } from './schemas.js';
import { listAudit } from './service.js';

export function registerAuditRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/audit', {
    config: { access: 'secretariat' },
    schema: { tags: ['audit'], summary: 'The audit log: every change, newest first', querystring: listAuditQuerySchema, response: { 200: auditPageSchema } },
    handler: (request) => listAudit(ctx.db, request.viewer, request.query),
  });
}
