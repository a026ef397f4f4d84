import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import { projectIdParamsSchema } from '../cities/schemas.js';
import { readUploadedFile } from '../documents/routes.js';
import { documentListSchema, documentSchema } from '../documents/schemas.js';
import { listDocuments, uploadDocument } from '../documents/service.js';
import { registerBankabilityRoutes } from './bankability-routes.js';
import {
  createPipelineProjectBodySchema,
  exchangeRateListSchema,
  exchangeRateSchema,
  listPipelineQuerySchema,
  listRatesQuerySchema,
  opportunitiesQuerySchema,
  pipelinePageSchema,
  pipelineProjectDetailSchema,
  pipelineProjectIdParamsSchema,
  pipelineShareListSchema,
  promotionDraftSchema,
  rateBodySchema,
  rateParamsSchema,
  shareBodySchema,
  shareParamsSchema,
  stageTransitionBodySchema,
  updatePipelineProjectBodySchema,
} from './schemas.js';
import {
  createPipelineProject,
  getPipelineProject,
  listExchangeRates,
  listPipeline,
  listPipelineShares,
  promotionDraft,
  removeExchangeRate,
  saveExchangeRate,
  sharePipelineProject,
  transitionStage,
  unsharePipelineProject,
  updatePipelineProject,
} from './service.js';

const tags = ['pipeline'];

export function registerPipelineRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/pipeline-projects', {
    config: { access: 'public' },
    schema: { tags, summary: 'Investment pipeline projects the viewer may see, newest change first', querystring: listPipelineQuerySchema, response: { 200: pipelinePageSchema } },
    handler: (request) => listPipeline(ctx.db, request.viewer, request.query),
  });

  app.post('/api/v1/pipeline-projects', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: "Add a project to a city's investment pipeline (its staff or the secretariat), optionally promoted from an action-plan project",
      body: createPipelineProjectBodySchema,
      response: { 201: pipelineProjectDetailSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await createPipelineProject(ctx, request.viewer, request.body)),
  });

  app.get('/api/v1/projects/:projectId/pipeline-draft', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'What promoting an action-plan project into the pipeline starts from', params: projectIdParamsSchema, response: { 200: promotionDraftSchema } },
    handler: (request) => promotionDraft(ctx.db, request.viewer, request.params.projectId),
  });

  app.get('/api/v1/pipeline-projects/:id', {
    config: { access: 'public' },
    schema: { tags, summary: 'A pipeline project with its stage history and documents', params: pipelineProjectIdParamsSchema, response: { 200: pipelineProjectDetailSchema } },
    handler: (request) => getPipelineProject(ctx.db, request.viewer, request.params.id),
  });

  app.patch('/api/v1/pipeline-projects/:id', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change a pipeline project (not its stage)', params: pipelineProjectIdParamsSchema, body: updatePipelineProjectBodySchema, response: { 200: pipelineProjectDetailSchema } },
    handler: (request) => updatePipelineProject(ctx, request.viewer, request.params.id, request.body),
  });

  app.post('/api/v1/pipeline-projects/:id/stage', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Move a project one stage forward, or one stage back with a note',
      params: pipelineProjectIdParamsSchema,
      body: stageTransitionBodySchema,
      response: { 200: pipelineProjectDetailSchema },
    },
    handler: (request) => transitionStage(ctx, request.viewer, request.params.id, request.body),
  });

  app.get('/api/v1/pipeline-projects/:id/documents', {
    config: { access: 'public' },
    schema: { tags, summary: "A pipeline project's documents", params: pipelineProjectIdParamsSchema, response: { 200: documentListSchema } },
    handler: (request) => listDocuments(ctx.db, request.viewer, 'investment_project', request.params.id),
  });

  app.post('/api/v1/pipeline-projects/:id/documents', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Attach a document (multipart/form-data, field "file"): PDF or office files, checked by content',
      consumes: ['multipart/form-data'],
      params: pipelineProjectIdParamsSchema,
      response: { 201: documentSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await uploadDocument(ctx, request.viewer, { ownerType: 'investment_project', ownerId: request.params.id }, await readUploadedFile(request))),
  });

  app.get('/api/v1/pipeline-projects/:id/shares', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "The organisations a non-public project is shared with (the city's staff, its national representatives, the secretariat)", params: pipelineProjectIdParamsSchema, response: { 200: pipelineShareListSchema } },
    handler: (request) => listPipelineShares(ctx.db, request.viewer, request.params.id),
  });

  app.post('/api/v1/pipeline-projects/:id/shares', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: "Share a project with an organisation (a company or another partner), whose members then see it; the city's staff or the secretariat",
      params: pipelineProjectIdParamsSchema,
      body: shareBodySchema,
      response: { 200: pipelineShareListSchema },
    },
    handler: (request) => sharePipelineProject(ctx, request.viewer, request.params.id, request.body.organisationId),
  });

  app.delete('/api/v1/pipeline-projects/:id/shares/:organisationId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Stop sharing a project with an organisation', params: shareParamsSchema, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await unsharePipelineProject(ctx, request.viewer, request.params.id, request.params.organisationId);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/opportunities', {
    config: { access: 'public' },
    schema: { tags, summary: "The portal's opportunities: public pipeline projects only, whoever asks", querystring: opportunitiesQuerySchema, response: { 200: pipelinePageSchema } },
    handler: (request) => listPipeline(ctx.db, request.viewer, request.query, { publicOnly: true }),
  });

  app.get('/api/v1/opportunities/:id', {
    config: { access: 'public' },
    schema: { tags, summary: 'A public pipeline project', params: pipelineProjectIdParamsSchema, response: { 200: pipelineProjectDetailSchema } },
    handler: (request) => getPipelineProject(ctx.db, request.viewer, request.params.id, { publicOnly: true }),
  });

  app.get('/api/v1/exchange-rates', {
    config: { access: 'public' },
    schema: { tags, summary: 'The dated exchange rates used for USD equivalents', querystring: listRatesQuerySchema, response: { 200: exchangeRateListSchema } },
    handler: (request) => listExchangeRates(ctx.db, request.query.currency),
  });

  app.put('/api/v1/exchange-rates/:currency/:date', {
    config: { access: 'secretariat' },
    schema: { tags, summary: 'Record (or correct) the rate of a currency on a date, in units per U.S. dollar', params: rateParamsSchema, body: rateBodySchema, response: { 200: exchangeRateSchema } },
    handler: (request) => saveExchangeRate(ctx, request.viewer, request.params, request.body),
  });

  app.delete('/api/v1/exchange-rates/:currency/:date', {
    config: { access: 'secretariat' },
    schema: { tags, summary: 'Remove a rate recorded by mistake', params: rateParamsSchema, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await removeExchangeRate(ctx, request.viewer, request.params);
      return reply.status(204).send(null);
    },
  });

  registerBankabilityRoutes(app, ctx);
}
