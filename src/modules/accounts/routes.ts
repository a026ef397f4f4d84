import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import { okSchema } from '../auth/schemas.js';
import {
  changePasswordBodySchema,
  createOrganisationBodySchema,
  inviteBodySchema,
  listOrganisationsQuerySchema,
  memberParamsSchema,
  memberSchema,
  organisationDetailSchema,
  organisationIdParamsSchema,
  organisationPageSchema,
  organisationSchema,
  profileSchema,
  updateMemberBodySchema,
  updateOrganisationBodySchema,
  updateProfileBodySchema,
} from './schemas.js';
import {
  changePassword,
  createOrganisation,
  getOrganisation,
  getProfile,
  inviteMember,
  listOrganisationsFor,
  resendInvitation,
  updateMember,
  updateOrganisation,
  updateProfile,
} from './service.js';

const tags = ['accounts'];

export function registerAccountRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/organisations', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Organisations of the partnership', querystring: listOrganisationsQuerySchema, response: { 200: organisationPageSchema } },
    handler: (request) => listOrganisationsFor(ctx.db, request.viewer, request.query),
  });

  app.post('/api/v1/organisations', {
    config: { access: 'secretariat' },
    schema: { tags, summary: 'Create an organisation (secretariat administrators)', body: createOrganisationBodySchema, response: { 201: organisationSchema } },
    handler: async (request, reply) => reply.status(201).send(await createOrganisation(ctx, request.viewer, request.body)),
  });

  app.get('/api/v1/organisations/:organisationId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'An organisation and its members', params: organisationIdParamsSchema, response: { 200: organisationDetailSchema } },
    handler: (request) => getOrganisation(ctx.db, request.viewer, request.params.organisationId),
  });

  app.patch('/api/v1/organisations/:organisationId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "Change an organisation's details (its administrators)", params: organisationIdParamsSchema, body: updateOrganisationBodySchema, response: { 200: organisationSchema } },
    handler: (request) => updateOrganisation(ctx, request.viewer, request.params.organisationId, request.body),
  });

  app.post('/api/v1/organisations/:organisationId/invitations', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Invite someone to the organisation by email', params: organisationIdParamsSchema, body: inviteBodySchema, response: { 201: memberSchema } },
    handler: async (request, reply) => reply.status(201).send(await inviteMember(ctx, request.viewer, request.params.organisationId, request.body)),
  });

  app.post('/api/v1/organisations/:organisationId/members/:userId/resend-invitation', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Send the invitation again with a new link', params: memberParamsSchema, response: { 200: okSchema } },
    handler: async (request) => {
      await resendInvitation(ctx, request.viewer, request.params.organisationId, request.params.userId);
      return { ok: true as const };
    },
  });

  app.patch('/api/v1/organisations/:organisationId/members/:userId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "Change a member's role or disable their account", params: memberParamsSchema, body: updateMemberBodySchema, response: { 200: memberSchema } },
    handler: (request) => updateMember(ctx, request.viewer, request.params.organisationId, request.params.userId, request.body),
  });

  app.get('/api/v1/profile', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'My profile', response: { 200: profileSchema } },
    handler: (request) => getProfile(ctx.db, request.viewer),
  });

  app.patch('/api/v1/profile', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change my name, title or notification choice', body: updateProfileBodySchema, response: { 200: profileSchema } },
    handler: (request) => updateProfile(ctx, request.viewer, request.body),
  });

  app.post('/api/v1/profile/password', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change my password', body: changePasswordBodySchema, response: { 200: okSchema } },
    handler: async (request) => {
      await changePassword(ctx, request.viewer, request.body);
      return { ok: true as const };
    },
  });
}

