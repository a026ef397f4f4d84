import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import { documentSchema } from '../documents/schemas.js';
import { readUploadedFile } from '../documents/routes.js';
import { uploadDocument } from '../documents/service.js';
import {
  activityBodySchema,
  activityParamsSchema,
  listOffersQuerySchema,
  listPairingsQuerySchema,
  offerBodySchema,
  offerPageSchema,
  offerSchema,
  organisationIdParamsSchema,
  pairingDetailSchema,
  pairingIdParamsSchema,
  pairingPageSchema,
  progressUpdateBodySchema,
  proposeBodySchema,
  suggestionListSchema,
  suggestionsQuerySchema,
  transitionBodySchema,
  updateActivityBodySchema,
  updatePairingBodySchema,
} from './schemas.js';
import {
  acceptPairing,
  addActivity,
  addProgressUpdate,
  getOffer,
  getPairing,
  listOffers,
  listPairings,
  proposePairing,
  saveOffer,
  suggestions,
  transitionPairing,
  updateActivity,
  updatePairing,
} from './service.js';

const tags = ['exchanges'];

export function registerExchangeRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/exchange-offers', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'What U.S. partners offer for city-to-city exchanges', querystring: listOffersQuerySchema, response: { 200: offerPageSchema } },
    handler: (request) => listOffers(ctx.db, request.viewer, request.query),
  });

  app.get('/api/v1/exchange-offers/:organisationId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "An organisation's exchange offer", params: organisationIdParamsSchema, response: { 200: offerSchema } },
    handler: (request) => getOffer(ctx.db, request.viewer, request.params.organisationId),
  });

  app.put('/api/v1/exchange-offers/:organisationId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "Describe the expertise an organisation offers (its members or the secretariat)", params: organisationIdParamsSchema, body: offerBodySchema, response: { 200: offerSchema } },
    handler: (request) => saveOffer(ctx, request.viewer, request.params.organisationId, request.body),
  });

  app.get('/api/v1/pairing-suggestions', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: "Suggested pairings with their reasons: a city's best U.S. partners (cityId) or a U.S. partner's best cities (organisationId)",
      querystring: suggestionsQuerySchema,
      response: { 200: suggestionListSchema },
    },
    handler: (request) => suggestions(ctx.db, request.viewer, request.query),
  });

  app.get('/api/v1/pairings', {
    config: { access: 'public' },
    schema: { tags, summary: 'Pairings the viewer may see', querystring: listPairingsQuerySchema, response: { 200: pairingPageSchema } },
    handler: (request) => listPairings(ctx.db, request.viewer, request.query),
  });

  app.post('/api/v1/pairings', {
    config: { access: 'secretariat' },
    schema: { tags, summary: 'Propose a pairing of a U.S. partner and an ASCN city (the secretariat)', body: proposeBodySchema, response: { 201: pairingDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await proposePairing(ctx, request.viewer, request.body)),
  });

  app.get('/api/v1/pairings/:pairingId', {
    config: { access: 'public' },
    schema: { tags, summary: 'A pairing: its summary, and to its sides, the secretariat and the national representative its work plan, updates and history', params: pairingIdParamsSchema, response: { 200: pairingDetailSchema } },
    handler: (request) => getPairing(ctx.db, request.viewer, request.params.pairingId),
  });

  app.patch('/api/v1/pairings/:pairingId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change objectives, focus areas, outcomes and lessons (the sides, the secretariat); public (the secretariat)', params: pairingIdParamsSchema, body: updatePairingBodySchema, response: { 200: pairingDetailSchema } },
    handler: (request) => updatePairing(ctx, request.viewer, request.params.pairingId, request.body),
  });

  app.post('/api/v1/pairings/:pairingId/accept', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "Accept a proposed pairing for one's own side", params: pairingIdParamsSchema, response: { 200: pairingDetailSchema } },
    handler: (request) => acceptPairing(ctx, request.viewer, request.params.pairingId),
  });

  app.post('/api/v1/pairings/:pairingId/transitions', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Move a pairing along its lifecycle, or decline or withdraw it with a reason', params: pairingIdParamsSchema, body: transitionBodySchema, response: { 200: pairingDetailSchema } },
    handler: (request) => transitionPairing(ctx, request.viewer, request.params.pairingId, request.body),
  });

  app.post('/api/v1/pairings/:pairingId/activities', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Add an activity to the joint work plan', params: pairingIdParamsSchema, body: activityBodySchema, response: { 201: pairingDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await addActivity(ctx, request.viewer, request.params.pairingId, request.body)),
  });

  app.patch('/api/v1/pairings/:pairingId/activities/:activityId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change an activity of the work plan', params: activityParamsSchema, body: updateActivityBodySchema, response: { 200: pairingDetailSchema } },
    handler: (request) => updateActivity(ctx, request.viewer, request.params.pairingId, request.params.activityId, request.body),
  });

  app.post('/api/v1/pairings/:pairingId/updates', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Add a dated progress update', params: pairingIdParamsSchema, body: progressUpdateBodySchema, response: { 201: pairingDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await addProgressUpdate(ctx, request.viewer, request.params.pairingId, request.body)),
  });

  app.post('/api/v1/pairings/:pairingId/documents', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Attach a document, such as the signed memorandum (multipart/form-data, field "file")',
      consumes: ['multipart/form-data'],
      params: pairingIdParamsSchema,
      response: { 201: documentSchema },
    },
    handler: async (request, reply) => {
      return reply.status(201).send(await uploadDocument(ctx, request.viewer, { ownerType: 'pairing', ownerId: request.params.pairingId }, await readUploadedFile(request)));
    },
  });
}
