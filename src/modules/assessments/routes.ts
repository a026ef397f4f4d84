import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { csvFileSchema, sendCsv } from '../../server/csv.js';
import type { Api } from '../../server/http.js';
import { sendPdf } from '../../server/pdf.js';
import { documentListSchema, documentSchema } from '../documents/schemas.js';
import { readUploadedFile } from '../documents/routes.js';
import { listDocuments, uploadDocument } from '../documents/service.js';
import { assessmentCsv, assessmentPdf } from './report.js';
import {
  answerBodySchema,
  answerParamsSchema,
  answerSavedSchema,
  answersBodySchema,
  answersSavedSchema,
  assessmentDetailSchema,
  assessmentIdParamsSchema,
  assessmentListSchema,
  assessmentSavedSchema,
  assessmentSummarySchema,
  benchmarksQuerySchema,
  benchmarksSchema,
  createAssessmentBodySchema,
  csfCoreSchema,
  gapAnalysisSchema,
  gapsQuerySchema,
  recommendedCoursesSchema,
  sharingBodySchema,
  updateAssessmentBodySchema,
} from './schemas.js';
import {
  assertAttachable,
  createAssessment,
  deleteAssessment,
  getAssessment,
  getBenchmarks,
  getCsfCore,
  getGapAnalysis,
  getRecommendedCourses,
  getReportData,
  listAssessments,
  saveAnswer,
  saveAnswers,
  setSharing,
  submitAssessment,
  updateAssessment,
} from './service.js';

const csfTags = ['cyber self-assessment'];

/** A file name from the assessment's title: letters, digits and dashes only. */
const fileNameOf = (title: string, extension: string) => {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `cyber-self-assessment-${slug || 'report'}.${extension}`;
};

export function registerAssessmentRoutes(app: Api, ctx: AppContext): void {
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

  app.get('/api/v1/csf/benchmarks', {
    config: { access: 'signed-in' },
    schema: {
      tags: csfTags,
      summary:
        "Benchmarks per CSF function and category over each city's latest submitted assessment: min, quartiles, median and max of the current levels, withheld (null) below three contributing cities. A city sees where it stands; national representatives may ask for their country, the secretariat for any.",
      querystring: benchmarksQuerySchema,
      response: { 200: benchmarksSchema },
    },
    handler: (request) => getBenchmarks(ctx.db, request.viewer, request.query),
  });

  app.get('/api/v1/assessments', {
    config: { access: 'signed-in' },
    schema: {
      tags: csfTags,
      summary: "The city's own cyber self-assessments (its staff), or those the cities of their country share (national representatives)",
      response: { 200: assessmentListSchema },
    },
    handler: (request) => listAssessments(ctx.db, request.viewer),
  });

  app.post('/api/v1/assessments', {
    config: { access: 'signed-in' },
    schema: {
      tags: csfTags,
      summary: "Start a cyber self-assessment for the signed-in person's own city (city-government staff only)",
      body: createAssessmentBodySchema,
      response: { 201: assessmentDetailSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await createAssessment(ctx, request.viewer, request.body)),
  });

  app.get('/api/v1/assessments/:id', {
    config: { access: 'signed-in' },
    schema: { tags: csfTags, summary: 'An assessment with its answers and attachments', params: assessmentIdParamsSchema, response: { 200: assessmentDetailSchema } },
    handler: (request) => getAssessment(ctx.db, request.viewer, request.params.id),
  });

  app.patch('/api/v1/assessments/:id', {
    config: { access: 'signed-in' },
    schema: {
      tags: csfTags,
      summary: 'Change the title, scope, priority categories or the CSF tiers (draft only)',
      params: assessmentIdParamsSchema,
      body: updateAssessmentBodySchema,
      response: { 200: assessmentSavedSchema },
    },
    handler: (request) => updateAssessment(ctx, request.viewer, request.params.id, request.body),
  });

  app.delete('/api/v1/assessments/:id', {
    config: { access: 'signed-in' },
    schema: { tags: csfTags, summary: 'Delete a draft assessment with its answers and attachments', params: assessmentIdParamsSchema, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await deleteAssessment(ctx, request.viewer, request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.put('/api/v1/assessments/:id/answers/:subcategoryId', {
    config: { access: 'signed-in' },
    schema: {
      tags: csfTags,
      summary:
        'Save the answer to one subcategory: current and target levels (0–4; null while not judged) or not applicable with a reason, and evidence notes (draft only). previousRevision says whether anyone else saved since.',
      params: answerParamsSchema,
      body: answerBodySchema,
      response: { 200: answerSavedSchema },
    },
    handler: (request) => saveAnswer(ctx, request.viewer, request.params.id, request.params.subcategoryId, request.body),
  });

  app.put('/api/v1/assessments/:id/answers', {
    config: { access: 'signed-in' },
    schema: {
      tags: csfTags,
      summary: 'Save several answers at once, for instance a whole category: all are saved or none (draft only)',
      params: assessmentIdParamsSchema,
      body: answersBodySchema,
      response: { 200: answersSavedSchema },
    },
    handler: (request) => saveAnswers(ctx, request.viewer, request.params.id, request.body),
  });

  app.post('/api/v1/assessments/:id/submit', {
    config: { access: 'signed-in' },
    schema: {
      tags: csfTags,
      summary: 'Submit the assessment: every subcategory answered and both tiers judged with a rationale, else a 409 naming what is missing. Submitted assessments are frozen.',
      params: assessmentIdParamsSchema,
      response: { 200: assessmentSummarySchema },
    },
    handler: (request) => submitAssessment(ctx, request.viewer, request.params.id),
  });

  app.put('/api/v1/assessments/:id/sharing', {
    config: { access: 'signed-in' },
    schema: {
      tags: csfTags,
      summary: "Share the assessment with the country's national representatives, or stop sharing (the city's staff; also after submission)",
      params: assessmentIdParamsSchema,
      body: sharingBodySchema,
      response: { 200: assessmentSummarySchema },
    },
    handler: (request) => setSharing(ctx, request.viewer, request.params.id, request.body.shared),
  });

  app.get('/api/v1/assessments/:id/documents', {
    config: { access: 'signed-in' },
    schema: { tags: csfTags, summary: "The assessment's attachments (evidence documents)", params: assessmentIdParamsSchema, response: { 200: documentListSchema } },
    handler: (request) => listDocuments(ctx.db, request.viewer, 'assessment', request.params.id),
  });

  app.post('/api/v1/assessments/:id/documents', {
    config: { access: 'signed-in' },
    schema: {
      tags: csfTags,
      summary: 'Attach an evidence document (multipart/form-data, field "file"): PDF, office files or images, checked by content (draft only)',
      consumes: ['multipart/form-data'],
      params: assessmentIdParamsSchema,
      response: { 201: documentSchema },
    },
    handler: async (request, reply) => {
      await assertAttachable(ctx.db, request.viewer, request.params.id);
      return reply.status(201).send(await uploadDocument(ctx, request.viewer, { ownerType: 'assessment', ownerId: request.params.id }, await readUploadedFile(request)));
    },
  });

  app.get('/api/v1/assessments/:id/gaps', {
    config: { access: 'signed-in' },
    schema: {
      tags: csfTags,
      summary:
        "Gap analysis: current against target per function and category, the gaps ranked by size and the city's priorities, and the comparison with an earlier submitted assessment (which gaps closed)",
      params: assessmentIdParamsSchema,
      querystring: gapsQuerySchema,
      response: { 200: gapAnalysisSchema },
    },
    handler: (request) => getGapAnalysis(ctx.db, request.viewer, request.params.id, request.query.compareWith),
  });

  app.get('/api/v1/assessments/:id/recommended-courses', {
    config: { access: 'signed-in' },
    schema: {
      tags: csfTags,
      summary: "Published courses that address the assessment's largest gaps, each naming the gaps it addresses, with its next planned or open cohorts",
      params: assessmentIdParamsSchema,
      response: { 200: recommendedCoursesSchema },
    },
    handler: (request) => getRecommendedCourses(ctx.db, request.viewer, request.params.id),
  });

  app.get('/api/v1/assessments/:id/report.pdf', {
    config: { access: 'signed-in' },
    schema: {
      tags: csfTags,
      summary: 'The assessment report as PDF: scope, scale, tiers, the function and category table, the largest gaps and recommended courses',
      params: assessmentIdParamsSchema,
      produces: ['application/pdf'],
      response: { 200: z.any().describe('A PDF file') },
    },
    handler: async (request, reply) => {
      const data = await getReportData(ctx.db, request.viewer, request.params.id);
      return sendPdf(reply, fileNameOf(data.assessment.title, 'pdf'), await assessmentPdf(data));
    },
  });

  app.get('/api/v1/assessments/:id/report.csv', {
    config: { access: 'signed-in' },
    schema: {
      tags: csfTags,
      summary: 'The assessment as CSV: one row per subcategory with its function, category, levels, gap, not-applicable reason and evidence',
      params: assessmentIdParamsSchema,
      produces: ['text/csv'],
      response: { 200: csvFileSchema },
    },
    handler: async (request, reply) => {
      const data = await getReportData(ctx.db, request.viewer, request.params.id);
      return sendCsv(reply, fileNameOf(data.assessment.title, 'csv'), assessmentCsv(data));
    },
  });
}
