import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import { documentListSchema, documentSchema } from '../documents/schemas.js';
import { readUploadedFile } from '../documents/routes.js';
import { listDocuments, uploadDocument } from '../documents/service.js';
import {
  assistanceCommentBodySchema,
  assistanceDetailSchema,
  assistanceListSchema,
  assistanceOptionsSchema,
  assistanceRequestIdParamsSchema,
  assistanceSummaryBodySchema,
  assistanceTransitionBodySchema,
  createAssistanceRequestBodySchema,
  listAssistanceRequestsQuerySchema,
  publishedAssistanceListSchema,
  updateAssistanceRequestBodySchema,
} from './schemas.js';
import {
  assistanceFormOptions,
  commentOnAssistanceRequest,
  createAssistanceRequest,
  endorseAssistanceRequest,
  getAssistanceRequest,
  listAssistanceRequests,
  listPublishedAssistance,
  publishAssistanceSummary,
  transitionAssistanceRequest,
  updateAssistanceRequest,
} from './service.js';

const tags = ['assistance'];

export function registerAssistanceRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/assistance-requests', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: "Technical assistance and feasibility-study requests the viewer may see: a city's own, a country's, an agency's queue (with ages), or all for the secretariat",
      querystring: listAssistanceRequestsQuerySchema,
      response: { 200: assistanceListSchema },
    },
    handler: (request) => listAssistanceRequests(ctx.db, request.viewer, request.query),
  });

  app.get('/api/v1/assistance-requests/options', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "What a request form offers: the U.S. agencies and the city's own pipeline projects", response: { 200: assistanceOptionsSchema } },
    handler: (request) => assistanceFormOptions(ctx.db, request.viewer),
  });

  app.get('/api/v1/assistance-summaries', {
    config: { access: 'public', publicCache: true },
    schema: { tags, summary: 'Published summaries of approved assistance requests (the portal)', response: { 200: publishedAssistanceListSchema } },
    handler: () => listPublishedAssistance(ctx.db),
  });

  app.post('/api/v1/assistance-requests', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "Draft a request for technical assistance or a feasibility study (the city's staff)", body: createAssistanceRequestBodySchema, response: { 201: assistanceDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await createAssistanceRequest(ctx, request.viewer, request.body)),
  });

  app.get('/api/v1/assistance-requests/:requestId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'A request: its details, thread and history, and what the viewer may do', params: assistanceRequestIdParamsSchema, response: { 200: assistanceDetailSchema } },
    handler: (request) => getAssistanceRequest(ctx.db, request.viewer, request.params.requestId),
  });

  app.patch('/api/v1/assistance-requests/:requestId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change a draft (a change withdraws an endorsement)', params: assistanceRequestIdParamsSchema, body: updateAssistanceRequestBodySchema, response: { 200: assistanceDetailSchema } },
    handler: (request) => updateAssistanceRequest(ctx, request.viewer, request.params.requestId, request.body),
  });

  app.post('/api/v1/assistance-requests/:requestId/endorse', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "Endorse a draft (the city's Chief Smart City Officer or the national representative)", params: assistanceRequestIdParamsSchema, response: { 200: assistanceDetailSchema } },
    handler: (request) => endorseAssistanceRequest(ctx, request.viewer, request.params.requestId),
  });

  app.post('/api/v1/assistance-requests/:requestId/transitions', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Move a request along: the city submits; the reviewers screen, approve, decline (with a reason), start, deliver and close',
      params: assistanceRequestIdParamsSchema,
      body: assistanceTransitionBodySchema,
      response: { 200: assistanceDetailSchema },
    },
    handler: (request) => transitionAssistanceRequest(ctx, request.viewer, request.params.requestId, request.body),
  });

  app.post('/api/v1/assistance-requests/:requestId/comments', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Comment, request information (reviewers) or answer it (the city)', params: assistanceRequestIdParamsSchema, body: assistanceCommentBodySchema, response: { 201: assistanceDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await commentOnAssistanceRequest(ctx, request.viewer, request.params.requestId, request.body)),
  });

  app.put('/api/v1/assistance-requests/:requestId/summary', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Publish (or withdraw, with null) the public summary of an approved request (the reviewers)', params: assistanceRequestIdParamsSchema, body: assistanceSummaryBodySchema, response: { 200: assistanceDetailSchema } },
    handler: (request) => publishAssistanceSummary(ctx, request.viewer, request.params.requestId, request.body),
  });

  app.get('/api/v1/assistance-requests/:requestId/documents', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "A request's deliverables", params: assistanceRequestIdParamsSchema, response: { 200: documentListSchema } },
    handler: (request) => listDocuments(ctx.db, request.viewer, 'assistance_request', request.params.requestId),
  });

  app.post('/api/v1/assistance-requests/:requestId/documents', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Upload a deliverable (the reviewers, once approved; multipart/form-data, field "file")',
      consumes: ['multipart/form-data'],
      params: assistanceRequestIdParamsSchema,
      response: { 201: documentSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await uploadDocument(ctx, request.viewer, { ownerType: 'assistance_request', ownerId: request.params.requestId }, await readUploadedFile(request))),
  });
}
