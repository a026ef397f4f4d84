import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Api } from '../../server/http.js';
import { projectIdParamsSchema } from '../cities/schemas.js';
import { documentIdParamsSchema, documentListSchema, documentSchema } from './schemas.js';
import { deleteDocument, listDocuments, readDocument, uploadDocument } from './service.js';

const tags = ['documents'];

/** The "file" field of a multipart upload, for every route that attaches a document to its record. */
export async function readUploadedFile(request: FastifyRequest): Promise<{ fileName: string; bytes: Buffer }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the document as multipart/form-data with a "file" field.');
  const file = await request.file();
  if (!file) throw new AppError('validation_failed', 'No file was sent: add it as the "file" field.', [{ field: 'file', message: 'required' }]);
  return { fileName: file.filename, bytes: await file.toBuffer() };
}

export function registerDocumentRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/projects/:projectId/documents', {
    config: { access: 'public' },
    schema: { tags, summary: "A SCAP project's documents", params: projectIdParamsSchema, response: { 200: documentListSchema } },
    handler: (request) => listDocuments(ctx.db, request.viewer, 'scap_project', request.params.projectId),
  });

  app.post('/api/v1/projects/:projectId/documents', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Upload a document (multipart/form-data, field "file"): PDF, office files or images, checked by content',
      consumes: ['multipart/form-data'],
      params: projectIdParamsSchema,
      response: { 201: documentSchema },
    },
    handler: async (request, reply) => {
      const created = await uploadDocument(ctx, request.viewer, { ownerType: 'scap_project', ownerId: request.params.projectId }, await readUploadedFile(request));
      return reply.status(201).send(created);
    },
  });

  app.get('/api/v1/documents/:documentId', {
    config: { access: 'public' },
    schema: { tags, summary: 'Download a document (only for those who may see its record)', params: documentIdParamsSchema, response: { 200: z.any() } },
    handler: async (request, reply) => {
      const { document, bytes } = await readDocument(ctx, request.viewer, request.params.documentId);
      return reply
        .type(document.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(document.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  });

  app.delete('/api/v1/documents/:documentId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Remove a document', params: documentIdParamsSchema, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await deleteDocument(ctx, request.viewer, request.params.documentId);
      return reply.status(204).send(null);
    },
  });
}
