import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import { documentSchema } from '../documents/schemas.js';
import { readUploadedFile } from '../documents/routes.js';
import { uploadDocument } from '../documents/service.js';
import {
  listPracticesQuerySchema,
  practiceBodySchema,
  practiceDetailSchema,
  practiceIdParamsSchema,
  practicePageSchema,
  replicationBodySchema,
  replicationParamsSchema,
  returnBodySchema,
  searchQuerySchema,
  searchResultSchema,
  translationBodySchema,
  updatePracticeBodySchema,
} from './schemas.js';
import {
  addReplication,
  addTranslation,
  createPractice,
  getPractice,
  listPractices,
  publishPractice,
  removeReplication,
  returnPractice,
  search,
  submitPractice,
  updatePractice,
} from './service.js';

const tags = ['library'];

export function registerLibraryRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/practices', {
    config: { access: 'public', publicCache: true },
    schema: { tags, summary: 'Best practices the viewer may see: published ones, and drafts to their owners and the secretariat', querystring: listPracticesQuerySchema, response: { 200: practicePageSchema } },
    handler: (request) => listPractices(ctx.db, request.viewer, request.query),
  });

  app.post('/api/v1/practices', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "Start a practice as a draft, owned by the author's organisation", body: practiceBodySchema, response: { 201: practiceDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await createPractice(ctx, request.viewer, request.body)),
  });

  app.get('/api/v1/practices/:practiceId', {
    config: { access: 'public', publicCache: true },
    schema: { tags, summary: 'A practice, with its body rendered, its translations, replications and attachments', params: practiceIdParamsSchema, response: { 200: practiceDetailSchema } },
    handler: (request) => getPractice(ctx.db, request.viewer, request.params.practiceId),
  });

  app.patch('/api/v1/practices/:practiceId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change a draft practice (its organisation)', params: practiceIdParamsSchema, body: updatePracticeBodySchema, response: { 200: practiceDetailSchema } },
    handler: (request) => updatePractice(ctx, request.viewer, request.params.practiceId, request.body),
  });

  app.post('/api/v1/practices/:practiceId/submit', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Submit a draft practice for the secretariat to review', params: practiceIdParamsSchema, response: { 200: practiceDetailSchema } },
    handler: (request) => submitPractice(ctx, request.viewer, request.params.practiceId),
  });

  app.post('/api/v1/practices/:practiceId/publish', {
    config: { access: 'secretariat' },
    schema: { tags, summary: 'Publish a practice in review (the secretariat)', params: practiceIdParamsSchema, response: { 200: practiceDetailSchema } },
    handler: (request) => publishPractice(ctx, request.viewer, request.params.practiceId),
  });

  app.post('/api/v1/practices/:practiceId/return', {
    config: { access: 'secretariat' },
    schema: { tags, summary: 'Return a practice to draft with a comment (the secretariat)', params: practiceIdParamsSchema, body: returnBodySchema, response: { 200: practiceDetailSchema } },
    handler: (request) => returnPractice(ctx, request.viewer, request.params.practiceId, request.body.comment),
  });

  app.post('/api/v1/practices/:practiceId/translations', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Add a version in another language, as a draft linked to the original', params: practiceIdParamsSchema, body: translationBodySchema, response: { 201: practiceDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await addTranslation(ctx, request.viewer, request.params.practiceId, request.body)),
  });

  app.post('/api/v1/practices/:practiceId/replications', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Record a city that replicated the practice', params: practiceIdParamsSchema, body: replicationBodySchema, response: { 201: practiceDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await addReplication(ctx, request.viewer, request.params.practiceId, request.body)),
  });

  app.delete('/api/v1/practices/:practiceId/replications/:replicationId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Remove a recorded replication', params: replicationParamsSchema, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await removeReplication(ctx, request.viewer, request.params.practiceId, request.params.replicationId);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/practices/:practiceId/documents', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Attach a document to a draft practice (multipart/form-data, field "file")',
      consumes: ['multipart/form-data'],
      params: practiceIdParamsSchema,
      response: { 201: documentSchema },
    },
    handler: async (request, reply) => {
      const created = await uploadDocument(ctx, request.viewer, { ownerType: 'practice', ownerId: request.params.practiceId }, await readUploadedFile(request));
      return reply.status(201).send(created);
    },
  });

  app.get('/api/v1/search', {
    config: { access: 'public', publicCache: true },
    schema: { tags: ['search'], summary: 'Search published practices and SCAP projects the viewer may see, ranked, with highlights and facets', querystring: searchQuerySchema, response: { 200: searchResultSchema } },
    handler: (request) => search(ctx.db, request.viewer, request.query),
  });
}
