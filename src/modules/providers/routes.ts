import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import {
  companyProfileSchema,
  directoryQuerySchema,
  directorySchema,
  interestBodySchema,
  interestParamsSchema,
  interestSchema,
  opportunitiesQuerySchema,
  opportunitiesSchema,
  organisationIdParamsSchema,
  projectIdParamsSchema,
  projectProvidersSchema,
  shortlistBodySchema,
  solutionBodySchema,
  solutionIdParamsSchema,
  solutionPatchSchema,
  solutionSchema,
} from './schemas.js';
import {
  createSolution,
  deleteSolution,
  expressInterest,
  getCompanyProfile,
  opportunities,
  providersForProject,
  searchDirectory,
  shortlist,
  updateSolution,
} from './service.js';

const tags = ['providers'];

/** Solution providers and matching (activity 1a): companies' solutions, the directory, recommendations, interests and the shortlist. */
export function registerProviderRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/solutions', {
    config: { access: 'public' },
    schema: { tags, summary: 'The solutions directory: filter by sector, focus area and country served; search the text', querystring: directoryQuerySchema, response: { 200: directorySchema } },
    handler: (request) => searchDirectory(ctx.db, request.viewer, request.query),
  });

  app.get('/api/v1/solutions/opportunities', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "The pipeline projects that fit a company's solutions, ranked with reasons (public and partnership projects only)", querystring: opportunitiesQuerySchema, response: { 200: opportunitiesSchema } },
    handler: (request) => opportunities(ctx.db, request.viewer, request.query),
  });

  app.get('/api/v1/companies/:organisationId/solutions', {
    config: { access: 'public' },
    schema: { tags, summary: 'A company with the solutions the viewer may see', params: organisationIdParamsSchema, response: { 200: companyProfileSchema } },
    handler: (request) => getCompanyProfile(ctx.db, request.viewer, request.params.organisationId),
  });

  app.post('/api/v1/companies/:organisationId/solutions', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "Add a solution to a company's profile (its members or the secretariat)", params: organisationIdParamsSchema, body: solutionBodySchema, response: { 201: solutionSchema } },
    handler: async (request, reply) => reply.status(201).send(await createSolution(ctx, request.viewer, request.params.organisationId, request.body)),
  });

  app.patch('/api/v1/solutions/:solutionId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change a solution', params: solutionIdParamsSchema, body: solutionPatchSchema, response: { 200: solutionSchema } },
    handler: (request) => updateSolution(ctx, request.viewer, request.params.solutionId, request.body),
  });

  app.delete('/api/v1/solutions/:solutionId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Remove a solution', params: solutionIdParamsSchema, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await deleteSolution(ctx, request.viewer, request.params.solutionId);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/pipeline-projects/:id/providers', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "The providers whose solutions fit a pipeline project, ranked with reasons, and companies' interests", params: projectIdParamsSchema, response: { 200: projectProvidersSchema } },
    handler: (request) => providersForProject(ctx.db, request.viewer, request.params.id),
  });

  app.post('/api/v1/pipeline-projects/:id/interests', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "Express the viewer's company's interest in a pipeline project", params: projectIdParamsSchema, body: interestBodySchema, response: { 201: interestSchema } },
    handler: async (request, reply) => reply.status(201).send(await expressInterest(ctx, request.viewer, request.params.id, request.body)),
  });

  app.put('/api/v1/pipeline-projects/:id/interests/:organisationId/shortlist', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "Shortlist a company that expressed interest, or take it off the shortlist (the city's own staff)", params: interestParamsSchema, body: shortlistBodySchema, response: { 200: interestSchema } },
    handler: (request) => shortlist(ctx, request.viewer, request.params.id, request.params.organisationId, request.body.shortlisted),
  });
}
