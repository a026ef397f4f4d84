import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import {
  bankabilityAnswersBodySchema,
  bankabilityCheckSchema,
  bankabilityFlagParamsSchema,
  bankabilityJustificationBodySchema,
  bankabilityParamsSchema,
  getBankabilityCheck,
  justifyBankabilityFlag,
  saveBankabilityAnswers,
} from './bankability.js';

const tags = ['pipeline'];

export function registerBankabilityRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/pipeline-projects/:projectId/bankability', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: "A project's bankability check: questions, answers, consistency flags with their justifications, readiness profile per dimension and next steps",
      params: bankabilityParamsSchema,
      response: { 200: bankabilityCheckSchema },
    },
    handler: (request) => getBankabilityCheck(ctx.db, request.viewer, request.params.projectId),
  });

  app.put('/api/v1/pipeline-projects/:projectId/bankability/answers', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Save some answers of the bankability check (only those given change; null clears one); the city staff and the secretariat only',
      params: bankabilityParamsSchema,
      body: bankabilityAnswersBodySchema,
      response: { 200: bankabilityCheckSchema },
    },
    handler: (request) => saveBankabilityAnswers(ctx, request.viewer, request.params.projectId, request.body),
  });

  app.put('/api/v1/pipeline-projects/:projectId/bankability/flags/:flagId/justification', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Justify a consistency flag raised now; the justification is kept and the flag stays listed as justified',
      params: bankabilityFlagParamsSchema,
      body: bankabilityJustificationBodySchema,
      response: { 200: bankabilityCheckSchema },
    },
    handler: (request) => justifyBankabilityFlag(ctx, request.viewer, request.params.projectId, request.params.flagId, request.body),
  });
}
