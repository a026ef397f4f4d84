import type { AppContext } from '../../server/context.js';
import { csvFileSchema, sendCsv } from '../../server/csv.js';
import type { Api } from '../../server/http.js';
import { todayUtc } from '../pipeline/usd.js';
import { assistanceReportSchema, dealReportSchema, pipelineReportQuerySchema, pipelineReportSchema } from './schemas.js';
import { assistanceReport, assistanceReportCsv, dealReport, dealReportCsv, pipelineReport, pipelineReportCsv } from './service.js';

const tags = ['reports'];

/** Business reports: every figure counts only what the viewer may see. */
export function registerReportRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/reports/pipeline', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Pipeline projects the viewer may see by stage, country, focus area and sector: counts, capital cost and funding gap in USD (projects without a usable rate counted apart)',
      querystring: pipelineReportQuerySchema,
      response: { 200: pipelineReportSchema },
    },
    handler: (request) => pipelineReport(ctx.db, request.viewer, request.query),
  });

  app.get('/api/v1/reports/pipeline.csv', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The pipeline report as CSV, one row per group', querystring: pipelineReportQuerySchema, produces: ['text/csv'], response: { 200: csvFileSchema } },
    handler: async (request, reply) => sendCsv(reply, `pipeline-report-${todayUtc()}.csv`, await pipelineReportCsv(ctx.db, request.viewer, request.query)),
  });

  app.get('/api/v1/reports/assistance', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Submitted assistance requests the viewer may see by agency and status, with turnaround (submission → decision, approval → delivery) and the age of open requests',
      response: { 200: assistanceReportSchema },
    },
    handler: (request) => assistanceReport(ctx.db, request.viewer),
  });

  app.get('/api/v1/reports/assistance.csv', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The assistance report as CSV, one row per agency and a total', produces: ['text/csv'], response: { 200: csvFileSchema } },
    handler: async (request, reply) => sendCsv(reply, `assistance-report-${todayUtc()}.csv`, await assistanceReportCsv(ctx.db, request.viewer)),
  });

  app.get('/api/v1/reports/deals', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Deals the viewer may see by stage and source: counts and value in USD, and those facilitated by an activity of the partnership',
      response: { 200: dealReportSchema },
    },
    handler: (request) => dealReport(ctx.db, request.viewer),
  });

  app.get('/api/v1/reports/deals.csv', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The deals report as CSV, one row per group', produces: ['text/csv'], response: { 200: csvFileSchema } },
    handler: async (request, reply) => sendCsv(reply, `deals-report-${todayUtc()}.csv`, await dealReportCsv(ctx.db, request.viewer)),
  });
}
