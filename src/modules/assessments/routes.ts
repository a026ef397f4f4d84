import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import { csfCoreSchema } from './schemas.js';
import { getCsfCore } from './service.js';

const csfTags = ['cyber self-assessment'];

export function registerAssessmentRoutes(app: Api, ctx: AppContext): void {
  void ctx;
  app.get('/api/v1/csf/core', {
    config: { access: 'public' },
    schema: {
      tags: csfTags,
      summary: 'The NIST CSF 2.0 core (functions, categories, subcategories) with the implementation scale and the CSF tiers assessments use',
      response: { 200: csfCoreSchema },
    },
    handler: async (_request, reply) => {
      void reply.header('cache-control', 'public, max-age=86400');
      return getCsfCore();
    },
  });
}
