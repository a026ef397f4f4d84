import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Api } from '../../server/http.js';
import {
  feedImportPageSchema,
  feedSummarySchema,
  importReportSchema,
  listImportsQuerySchema,
  vulnerabilityDetailSchema,
  vulnerabilityIdParamsSchema,
} from './schemas.js';
import { feedSummary, getVulnerability, importUploadedFeed, listImports } from './service.js';

const tags = ['feeds'];

/** An NVD page of 2,000 CVEs is ~30 MB; the app-wide upload limit is for documents and is lower. */
export const maxFeedUploadBytes = 64 * 1024 * 1024;

/** The "file" field of a feed upload, with the feed's own size limit. */
async function readFeedUpload(request: FastifyRequest): Promise<{ fileName: string; bytes: Buffer }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the feed as multipart/form-data with a "file" field.');
  const file = await request.file({ limits: { fileSize: maxFeedUploadBytes } });
  if (!file) throw new AppError('validation_failed', 'No file was sent: add the feed as the "file" field.', [{ field: 'file', message: 'required' }]);
  const bytes = await file.toBuffer();
  return { fileName: file.filename, bytes };
}

export function registerFeedRoutes(app: Api, ctx: AppContext): void {
  app.post('/api/v1/feeds/imports', {
    config: { access: 'secretariat' },
    bodyLimit: maxFeedUploadBytes,
    schema: {
      tags,
      summary: 'Import one vulnerability feed file (multipart/form-data, field "file"): NVD CVE API 2.0, CVE JSON 5, CSAF 2.0, CISA KEV, EPSS CSV (optionally gzipped)',
      consumes: ['multipart/form-data'],
      response: { 200: importReportSchema },
    },
    handler: async (request) => importUploadedFeed(ctx, request.viewer, await readFeedUpload(request)),
  });

  app.get('/api/v1/feeds/imports', {
    config: { access: 'secretariat' },
    schema: { tags, summary: 'Past feed imports, newest first, with what each changed and rejected', querystring: listImportsQuerySchema, response: { 200: feedImportPageSchema } },
    handler: (request) => listImports(ctx.db, request.viewer, request.query),
  });

  app.get('/api/v1/feeds/summary', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'What the vulnerability feeds hold: records per source, KEV catalogue and EPSS model versions, last imports', response: { 200: feedSummarySchema } },
    handler: (request) => feedSummary(ctx.db, request.viewer),
  });

  app.get('/api/v1/vulnerabilities/:id', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'A CVE or advisory: its records per source (title, description, CVSS, dates, source file), KEV entry and EPSS score',
      params: vulnerabilityIdParamsSchema,
      response: { 200: vulnerabilityDetailSchema },
    },
    handler: (request) => getVulnerability(ctx.db, request.viewer, request.params.id),
  });
}
