import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { csvFileSchema, sendCsv } from '../../server/csv.js';
import type { Api } from '../../server/http.js';
import {
  createDealBodySchema,
  dealDetailSchema,
  dealFormOptionsQuerySchema,
  dealFormOptionsSchema,
  dealIdParamsSchema,
  dealPageSchema,
  exportDealsQuerySchema,
  listDealsQuerySchema,
  updateDealBodySchema,
} from './schemas.js';
import { createDeal, dealFormOptions, deleteDeal, exportDealsCsv, getDeal, listDeals, updateDeal } from './service.js';

const tags = ['deals'];

export function registerDealRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/deals', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Leads, letters of intent, MoUs and contracts the viewer may see (their city, their organisation, events they organise; all for the secretariat), most recently changed first',
      querystring: listDealsQuerySchema,
      response: { 200: dealPageSchema },
    },
    handler: (request) => listDeals(ctx.db, request.viewer, request.query),
  });

  app.post('/api/v1/deals', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: "Record a deal between a partner organisation and a city: by the city's staff, the partner's members, the organisers of the mission or event it came from, or the secretariat",
      body: createDealBodySchema,
      response: { 201: dealDetailSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await createDeal(ctx, request.viewer, request.body)),
  });

  app.get('/api/v1/deals.csv', {
    config: { access: 'secretariat' },
    schema: { tags, summary: 'Every deal as CSV (same filters as the list), for the secretariat', querystring: exportDealsQuerySchema, produces: ['text/csv'], response: { 200: csvFileSchema } },
    handler: async (request, reply) => sendCsv(reply, `deals-${new Date().toISOString().slice(0, 10)}.csv`, await exportDealsCsv(ctx.db, request.viewer, request.query)),
  });

  app.get('/api/v1/deals/form-options', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: "The events, meetings, assistance requests and pipeline projects a new deal may come from, for the viewer (requests and projects of the city given, or the viewer's own)",
      querystring: dealFormOptionsQuerySchema,
      response: { 200: dealFormOptionsSchema },
    },
    handler: (request) => dealFormOptions(ctx.db, request.viewer, request.query),
  });

  app.get('/api/v1/deals/:dealId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'A deal with its history (every change, with who made it)', params: dealIdParamsSchema, response: { 200: dealDetailSchema } },
    handler: (request) => getDeal(ctx.db, request.viewer, request.params.dealId),
  });

  app.patch('/api/v1/deals/:dealId', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Change a deal: its title, stage (forwards or back), value or notes; every change is audited',
      params: dealIdParamsSchema,
      body: updateDealBodySchema,
      response: { 200: dealDetailSchema },
    },
    handler: (request) => updateDeal(ctx, request.viewer, request.params.dealId, request.body),
  });

  app.delete('/api/v1/deals/:dealId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Remove a deal recorded by mistake (the secretariat); the audit log keeps it', params: dealIdParamsSchema, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await deleteDeal(ctx, request.viewer, request.params.dealId);
      return reply.status(204).send(null);
    },
  });
}
