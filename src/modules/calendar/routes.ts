import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import { redactUrl } from '../../server/logging.js';
import {
  agendaSchema,
  createdFeedSchema,
  eventIdParamsSchema,
  feedStatusSchema,
  feedTokenParamsSchema,
  icsFileSchema,
  outcomeBodySchema,
  outcomeResultSchema,
  requestIdParamsSchema,
} from './schemas.js';
import { createFeed, eventAgendaIcs, feedIcs, feedStatus, getMyAgenda, myAgendaIcs, recordOutcome, revokeFeed } from './service.js';

const tags = ['agenda'];

function sendIcs(reply: FastifyReply, ics: string, options: { fileName: string; download: boolean; cacheControl: string }) {
  return reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `${options.download ? 'attachment' : 'inline'}; filename="${options.fileName}"`)
    .header('cache-control', options.cacheControl)
    .send(ics);
}

/**
 * The subscription URL carries its secret in the path, which the app's request log would write out:
 * this route logs its requests with the token replaced.
 */
export const redactFeedUrl = (url: string) => redactUrl(url).replace(/(\/api\/v1\/calendar\/)[^/?#]*/i, '$1[redacted].ics');
const feedLogSerializers = {
  req: (request: { method: string; url: string; ip?: string }) => ({ method: request.method, url: redactFeedUrl(request.url), ip: request.ip }),
};

export function registerCalendarRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/agenda', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: "The viewer's agenda: the sessions of events they are confirmed for and their published B2B meetings, upcoming (soonest first) and past (most recent first)",
      response: { 200: agendaSchema },
    },
    handler: (request) => getMyAgenda(ctx, request.viewer),
  });

  app.get('/api/v1/agenda.ics', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "The viewer's agenda as an iCalendar file", produces: ['text/calendar'], response: { 200: icsFileSchema } },
    handler: async (request, reply) => sendIcs(reply, await myAgendaIcs(ctx, request.viewer), { fileName: 'mitra-agenda.ics', download: true, cacheControl: 'private, no-store' }),
  });

  app.get('/api/v1/agenda/feed', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Whether the viewer has a private subscription link to their agenda, and since when (the link itself is shown only once)', response: { 200: feedStatusSchema } },
    handler: async (request, reply) => reply.header('cache-control', 'private, no-store').send(await feedStatus(ctx.db, request.viewer)),
  });

  app.post('/api/v1/agenda/feed', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Create a private subscription link to the viewer’s agenda, or replace it (the old link stops working at once). The link is shown only in this answer.',
      response: { 201: createdFeedSchema },
    },
    handler: async (request, reply) => reply.status(201).header('cache-control', 'private, no-store').send(await createFeed(ctx, request.viewer)),
  });

  app.delete('/api/v1/agenda/feed', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Stop the private subscription link: calendar apps polling it get 404 from now on', response: { 204: z.null() } },
    handler: async (request, reply) => {
      await revokeFeed(ctx, request.viewer);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/calendar/:token.ics', {
    config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    logSerializers: feedLogSerializers,
    schema: {
      tags,
      summary: 'A private subscription link: its owner’s agenda for calendar apps, without a session (the token in the link is the credential; an unknown or revoked one is 404)',
      params: feedTokenParamsSchema,
      produces: ['text/calendar'],
      response: { 200: icsFileSchema },
    },
    handler: async (request, reply) => sendIcs(reply, await feedIcs(ctx, request.params.token), { fileName: 'mitra-agenda.ics', download: false, cacheControl: 'private, no-store' }),
  });

  app.get('/api/v1/events/:eventId/agenda.ics', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: "An event's agenda as an iCalendar file, for whoever may see the event (no meetings)",
      params: eventIdParamsSchema,
      produces: ['text/calendar'],
      response: { 200: icsFileSchema },
    },
    handler: async (request, reply) => {
      const { ics, fileName, cacheControl } = await eventAgendaIcs(ctx, request.viewer, request.params.eventId);
      return sendIcs(reply, ics, { fileName, download: true, cacheControl });
    },
  });

  app.post('/api/v1/meetings/:requestId/outcome', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary:
        "Record, for the viewer's own side, whether a meeting took place and its outcome, once its slot has ended (participants only; earlier is 409); optionally record a lead (a deal between the meeting's city and partner) with it",
      params: requestIdParamsSchema,
      body: outcomeBodySchema,
      response: { 200: outcomeResultSchema },
    },
    handler: (request) => recordOutcome(ctx, request.viewer, request.params.requestId, request.body),
  });
}
