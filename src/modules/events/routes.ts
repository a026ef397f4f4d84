import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { csvFileSchema, sendCsv } from '../../server/csv.js';
import type { Api } from '../../server/http.js';
import { sendPdf } from '../../server/pdf.js';
import { badgePdf, checkIn, eventBadgesPdf, visaLetterPdf } from './badges.js';
import { exportRegistrationsCsv, getRegistration, listRegistrations } from './registrations.js';
import {
  agendaItemBodySchema,
  agendaItemParamsSchema,
  agendaItemSchema,
  cancelRegistrationBodySchema,
  checkInBodySchema,
  checkInResultSchema,
  createEventBodySchema,
  decisionBodySchema,
  eventDetailSchema,
  eventIdParamsSchema,
  eventPageSchema,
  eventTransitionBodySchema,
  invitationListSchema,
  invitationQuerySchema,
  invitationsBodySchema,
  listEventsQuerySchema,
  listRegistrationsQuerySchema,
  pdfFileSchema,
  registerBodySchema,
  registrationIdParamsSchema,
  registrationListSchema,
  registrationResultSchema,
  registrationSchema,
  updateAgendaItemBodySchema,
  updateEventBodySchema,
  updateRegistrationBodySchema,
} from './schemas.js';
import {
  addAgendaItem,
  addInvitations,
  cancelRegistration,
  createEvent,
  decideRegistration,
  deleteAgendaItem,
  getEvent,
  listEvents,
  listInvitations,
  register,
  removeInvitation,
  transitionEvent,
  updateAgendaItem,
  updateEvent,
  updateRegistration,
} from './service.js';

const tags = ['events'];

const pdfResponse = { 200: pdfFileSchema };

export function registerEventRoutes(app: Api, ctx: AppContext): void {
  /* ---- Events ---- */

  app.get('/api/v1/events', {
    config: { access: 'public', publicCache: true },
    schema: {
      tags,
      summary: 'Events and reverse trade missions the viewer may see: upcoming (soonest first) or past; the public sees published public ones, organisers also their drafts',
      querystring: listEventsQuerySchema,
      response: { 200: eventPageSchema },
    },
    handler: (request) => listEvents(ctx.db, request.viewer, request.query),
  });

  app.post('/api/v1/events', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Create an event or reverse trade mission as a draft (the secretariat, U.S. government agencies); times are local to its time zone',
      body: createEventBodySchema,
      response: { 201: eventDetailSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await createEvent(ctx, request.viewer, request.body)),
  });

  app.get('/api/v1/events/:eventId', {
    config: { access: 'public', publicCache: true },
    schema: {
      tags,
      summary: "An event: details, agenda in the event's time zone, linked projects, the viewer's registration; for missions the delegation and the deals produced",
      params: eventIdParamsSchema,
      response: { 200: eventDetailSchema },
    },
    handler: (request) => getEvent(ctx.db, request.viewer, request.params.eventId),
  });

  app.patch('/api/v1/events/:eventId', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Change an event (its organisers); raising the capacity promotes the waiting list at once; a completed event takes only its outcome report',
      params: eventIdParamsSchema,
      body: updateEventBodySchema,
      response: { 200: eventDetailSchema.extend({ message: z.string().nullable() }) },
    },
    handler: (request) => updateEvent(ctx, request.viewer, request.params.eventId, request.body),
  });

  app.post('/api/v1/events/:eventId/transitions', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Publish (invitations go out), complete, or cancel an event with a reason (registrants are told); its organisers',
      params: eventIdParamsSchema,
      body: eventTransitionBodySchema,
      response: { 200: eventDetailSchema },
    },
    handler: (request) => transitionEvent(ctx, request.viewer, request.params.eventId, request.body),
  });

  /* ---- Agenda ---- */

  app.post('/api/v1/events/:eventId/agenda-items', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Add an agenda or itinerary item (its organisers); times local to the event', params: eventIdParamsSchema, body: agendaItemBodySchema, response: { 201: agendaItemSchema } },
    handler: async (request, reply) => reply.status(201).send(await addAgendaItem(ctx, request.viewer, { ...request.body, eventId: request.params.eventId })),
  });

  app.patch('/api/v1/events/:eventId/agenda-items/:itemId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change an agenda item (its organisers)', params: agendaItemParamsSchema, body: updateAgendaItemBodySchema, response: { 200: agendaItemSchema } },
    handler: (request) => updateAgendaItem(ctx, request.viewer, request.params.eventId, request.params.itemId, request.body),
  });

  app.delete('/api/v1/events/:eventId/agenda-items/:itemId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Remove an agenda item (its organisers)', params: agendaItemParamsSchema, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await deleteAgendaItem(ctx, request.viewer, request.params.eventId, request.params.itemId);
      return reply.status(204).send(null);
    },
  });

  /* ---- Invitations ---- */

  app.get('/api/v1/events/:eventId/invitations', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The invitation list of an event, with who has registered (its organisers)', params: eventIdParamsSchema, response: { 200: invitationListSchema } },
    handler: (request) => listInvitations(ctx.db, request.viewer, request.params.eventId),
  });

  app.post('/api/v1/events/:eventId/invitations', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Invite people by email (its organisers); on a published event they are told at once, on a draft when it is published',
      params: eventIdParamsSchema,
      body: invitationsBodySchema,
      response: { 200: invitationListSchema },
    },
    handler: (request) => addInvitations(ctx, request.viewer, request.params.eventId, request.body),
  });

  app.delete('/api/v1/events/:eventId/invitations', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Take an email off the invitation list (its organisers); a registration already made stays',
      params: eventIdParamsSchema,
      querystring: invitationQuerySchema,
      response: { 200: invitationListSchema },
    },
    handler: (request) => removeInvitation(ctx, request.viewer, request.params.eventId, request.query.email),
  });

  /* ---- Registrations ---- */

  app.post('/api/v1/events/:eventId/registrations', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Register for an event: confirmed, on the waiting list when full, or waiting for approval; invitation-only events take invited emails only',
      params: eventIdParamsSchema,
      body: registerBodySchema,
      response: { 201: registrationResultSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await register(ctx, request.viewer, { ...request.body, eventId: request.params.eventId })),
  });

  app.get('/api/v1/events/:eventId/registrations', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: "An event's registrations with needs and passport details (its organisers); search by name, email or organisation",
      params: eventIdParamsSchema,
      querystring: listRegistrationsQuerySchema,
      response: { 200: registrationListSchema },
    },
    handler: (request) => listRegistrations(ctx.db, request.viewer, request.params.eventId, request.query),
  });

  app.get('/api/v1/events/:eventId/registrations.csv', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "An event's registrations as CSV, needs and passport details included (its organisers)", params: eventIdParamsSchema, produces: ['text/csv'], response: { 200: csvFileSchema } },
    handler: async (request, reply) => {
      const { fileName, csv } = await exportRegistrationsCsv(ctx.db, request.viewer, request.params.eventId);
      return sendCsv(reply, fileName, csv);
    },
  });

  app.get('/api/v1/events/:eventId/badges.pdf', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Every confirmed participant\'s name badge, six per A4 page (its organisers)', params: eventIdParamsSchema, produces: ['application/pdf'], response: pdfResponse },
    handler: async (request, reply) => {
      const { fileName, pdf } = await eventBadgesPdf(ctx, request.viewer, request.params.eventId);
      return sendPdf(reply, fileName, pdf);
    },
  });

  app.post('/api/v1/events/:eventId/check-ins', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Check a confirmed participant in by badge code (scanned or typed) or registration id (its organisers); a second check-in answers 409 with the first one\'s time',
      params: eventIdParamsSchema,
      body: checkInBodySchema,
      response: { 200: checkInResultSchema },
    },
    handler: (request) => checkIn(ctx, request.viewer, request.params.eventId, request.body),
  });

  app.get('/api/v1/registrations/:registrationId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'A registration (its participant and the event\'s organisers)', params: registrationIdParamsSchema, response: { 200: registrationSchema } },
    handler: (request) => getRegistration(ctx.db, request.viewer, request.params.registrationId),
  });

  app.patch('/api/v1/registrations/:registrationId', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Change needs, participant type or visa-letter details of a registration (its participant, the organisers)',
      params: registrationIdParamsSchema,
      body: updateRegistrationBodySchema,
      response: { 200: registrationSchema },
    },
    handler: (request) => updateRegistration(ctx, request.viewer, request.params.registrationId, request.body),
  });

  app.post('/api/v1/registrations/:registrationId/cancel', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Cancel a registration (its participant, or the organisers with a reason); a freed place goes to the first on the waiting list at once',
      params: registrationIdParamsSchema,
      body: cancelRegistrationBodySchema,
      response: { 200: registrationResultSchema },
    },
    handler: (request) => cancelRegistration(ctx, request.viewer, request.params.registrationId, request.body),
  });

  app.post('/api/v1/registrations/:registrationId/decision', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Confirm or decline (with a reason) a registration waiting for approval (the organisers); confirmed onto the waiting list when full',
      params: registrationIdParamsSchema,
      body: decisionBodySchema,
      response: { 200: registrationResultSchema },
    },
    handler: (request) => decideRegistration(ctx, request.viewer, request.params.registrationId, request.body),
  });

  app.get('/api/v1/registrations/:registrationId/badge.pdf', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The name badge with its QR code (the participant, the organisers)', params: registrationIdParamsSchema, produces: ['application/pdf'], response: pdfResponse },
    handler: async (request, reply) => {
      const { fileName, pdf } = await badgePdf(ctx, request.viewer, request.params.registrationId);
      return sendPdf(reply, fileName, pdf);
    },
  });

  app.get('/api/v1/registrations/:registrationId/visa-letter.pdf', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: "A confirmed mission delegate's visa-support letter, when asked for (the participant, the organisers)",
      params: registrationIdParamsSchema,
      produces: ['application/pdf'],
      response: pdfResponse,
    },
    handler: async (request, reply) => {
      const { fileName, pdf } = await visaLetterPdf(ctx, request.viewer, request.params.registrationId);
      return sendPdf(reply, fileName, pdf);
    },
  });
}
