import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import {
  availabilityBodySchema,
  createRequestBodySchema,
  declineBodySchema,
  eventIdParamsSchema,
  generateSlotsBodySchema,
  generateTablesBodySchema,
  listRequestsQuerySchema,
  lockBodySchema,
  meetingRequestListSchema,
  meetingRequestSchema,
  myMatchmakingSchema,
  participantListSchema,
  profileBodySchema,
  publishResultSchema,
  requestParamsSchema,
  schedulerSchema,
  slotBodySchema,
  slotParamsSchema,
  suggestionListSchema,
  suggestionsQuerySchema,
  tableBodySchema,
  tableParamsSchema,
} from './schemas.js';
import { addSlot, addTable, deleteSlot, deleteTable, generateSlots, generateTables, getScheduler, publishSchedule, runScheduler, setLock } from './scheduling.js';
import {
  acceptRequest,
  cancelRequest,
  createRequest,
  declineRequest,
  getMyMatchmaking,
  getRequest,
  listEventRequests,
  listMatchmakingParticipants,
  saveAvailability,
  saveProfile,
  suggestions,
} from './service.js';

const tags = ['matchmaking'];

export function registerMatchmakingRoutes(app: Api, ctx: AppContext): void {
  /* ---- Participants ---- */

  app.get('/api/v1/events/:eventId/matchmaking', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: "The viewer's matchmaking at an event: profile, availability, slots, requests sent and received (slots and tables only once published)",
      params: eventIdParamsSchema,
      response: { 200: myMatchmakingSchema },
    },
    handler: (request) => getMyMatchmaking(ctx.db, request.viewer, request.params.eventId),
  });

  app.put('/api/v1/events/:eventId/matchmaking/profile', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'What the participant offers and seeks, and their focus areas', params: eventIdParamsSchema, body: profileBodySchema, response: { 200: myMatchmakingSchema } },
    handler: (request) => saveProfile(ctx, request.viewer, request.params.eventId, request.body),
  });

  app.put('/api/v1/events/:eventId/matchmaking/availability', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The meeting slots the participant cannot meet in (replaces the list)', params: eventIdParamsSchema, body: availabilityBodySchema, response: { 200: myMatchmakingSchema } },
    handler: (request) => saveAvailability(ctx, request.viewer, request.params.eventId, request.body),
  });

  app.get('/api/v1/events/:eventId/matchmaking/participants', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "The event's confirmed participants and what they offer and seek (confirmed participants and organisers)", params: eventIdParamsSchema, response: { 200: participantListSchema } },
    handler: (request) => listMatchmakingParticipants(ctx.db, request.viewer, request.params.eventId),
  });

  app.get('/api/v1/events/:eventId/matchmaking/suggestions', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Whom to meet: other confirmed participants ranked by how what each offers fits what the other seeks, with the reasons',
      params: eventIdParamsSchema,
      querystring: suggestionsQuerySchema,
      response: { 200: suggestionListSchema },
    },
    handler: (request) => suggestions(ctx.db, request.viewer, request.params.eventId, request.query),
  });

  /* ---- Meeting requests ---- */

  app.get('/api/v1/events/:eventId/meeting-requests', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "Meeting requests: the viewer's own, or all of the event's for its organisers", params: eventIdParamsSchema, querystring: listRequestsQuerySchema, response: { 200: meetingRequestListSchema } },
    handler: (request) => listEventRequests(ctx.db, request.viewer, request.params.eventId, request.query),
  });

  app.post('/api/v1/events/:eventId/meeting-requests', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Request a meeting with one or more confirmed participants (several make a group meeting)', params: eventIdParamsSchema, body: createRequestBodySchema, response: { 201: meetingRequestSchema } },
    handler: async (request, reply) => reply.status(201).send(await createRequest(ctx, request.viewer, request.params.eventId, request.body)),
  });

  app.get('/api/v1/events/:eventId/meeting-requests/:requestId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'A meeting request (its participants and the organisers)', params: requestParamsSchema, response: { 200: meetingRequestSchema } },
    handler: (request) => getRequest(ctx.db, request.viewer, request.params.eventId, request.params.requestId),
  });

  app.post('/api/v1/events/:eventId/meeting-requests/:requestId/accept', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Accept a meeting request one is invited to (accepted once every invitee has)', params: requestParamsSchema, response: { 200: meetingRequestSchema } },
    handler: (request) => acceptRequest(ctx, request.viewer, request.params.eventId, request.params.requestId),
  });

  app.post('/api/v1/events/:eventId/meeting-requests/:requestId/decline', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Decline a meeting request one is invited to (the request is then declined)', params: requestParamsSchema, body: declineBodySchema, response: { 200: meetingRequestSchema } },
    handler: (request) => declineRequest(ctx, request.viewer, request.params.eventId, request.params.requestId, request.body),
  });

  app.post('/api/v1/events/:eventId/meeting-requests/:requestId/cancel', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Cancel a pending request or an accepted meeting one sent', params: requestParamsSchema, response: { 200: meetingRequestSchema } },
    handler: (request) => cancelRequest(ctx, request.viewer, request.params.eventId, request.params.requestId),
  });

  app.put('/api/v1/events/:eventId/meeting-requests/:requestId/lock', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Lock a scheduled meeting where it is (re-runs keep it) or unlock it (organisers)', params: requestParamsSchema, body: lockBodySchema, response: { 200: schedulerSchema } },
    handler: (request) => setLock(ctx, request.viewer, request.params.eventId, request.params.requestId, request.body),
  });

  /* ---- The scheduler (organisers) ---- */

  app.get('/api/v1/events/:eventId/scheduler', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'The meeting scheduler: slots, tables, accepted meetings with their places or why they have none, the last run against its upper bound, conflicts (organisers)',
      params: eventIdParamsSchema,
      response: { 200: schedulerSchema },
    },
    handler: (request) => getScheduler(ctx.db, request.viewer, request.params.eventId),
  });

  app.post('/api/v1/events/:eventId/scheduler/slots', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "Add a meeting slot (times in the event's time zone)", params: eventIdParamsSchema, body: slotBodySchema, response: { 201: schedulerSchema } },
    handler: async (request, reply) => reply.status(201).send(await addSlot(ctx, request.viewer, request.params.eventId, request.body)),
  });

  app.post('/api/v1/events/:eventId/scheduler/slots/generate', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Add a series of slots of equal length from a start time, with gaps and breaks', params: eventIdParamsSchema, body: generateSlotsBodySchema, response: { 201: schedulerSchema } },
    handler: async (request, reply) => reply.status(201).send(await generateSlots(ctx, request.viewer, request.params.eventId, request.body)),
  });

  app.delete('/api/v1/events/:eventId/scheduler/slots/:slotId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Delete a slot (refused while it holds locked meetings; other meetings in it lose their place)', params: slotParamsSchema, response: { 200: schedulerSchema } },
    handler: (request) => deleteSlot(ctx, request.viewer, request.params.eventId, request.params.slotId),
  });

  app.post('/api/v1/events/:eventId/scheduler/tables', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Add a meeting table', params: eventIdParamsSchema, body: tableBodySchema, response: { 201: schedulerSchema } },
    handler: async (request, reply) => reply.status(201).send(await addTable(ctx, request.viewer, request.params.eventId, request.body)),
  });

  app.post('/api/v1/events/:eventId/scheduler/tables/generate', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Add tables named "Table 1"…"Table N", numbered on after existing ones', params: eventIdParamsSchema, body: generateTablesBodySchema, response: { 201: schedulerSchema } },
    handler: async (request, reply) => reply.status(201).send(await generateTables(ctx, request.viewer, request.params.eventId, request.body)),
  });

  app.delete('/api/v1/events/:eventId/scheduler/tables/:tableId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Delete a table (refused while it holds locked meetings; other meetings at it lose their place)', params: tableParamsSchema, response: { 200: schedulerSchema } },
    handler: (request) => deleteTable(ctx, request.viewer, request.params.eventId, request.params.tableId),
  });

  app.post('/api/v1/events/:eventId/scheduler/runs', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Run the scheduler over the accepted meetings: locked ones stay put, the rest are placed to maximise the scheduled weight',
      params: eventIdParamsSchema,
      response: { 201: schedulerSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await runScheduler(ctx, request.viewer, request.params.eventId)),
  });

  app.post('/api/v1/events/:eventId/scheduler/publish', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Publish the schedule: participants see their placed meetings, and those whose meetings changed since the last publication are notified',
      params: eventIdParamsSchema,
      response: { 200: publishResultSchema },
    },
    handler: (request) => publishSchedule(ctx, request.viewer, request.params.eventId),
  });
}
