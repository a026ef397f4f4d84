import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import {
  cityDetailSchema,
  cityIdParamsSchema,
  cityListSchema,
  countrySchema,
  frameworkSchema,
  listCitiesQuerySchema,
  listProjectsQuerySchema,
  monitoringQuerySchema,
  monitoringSchema,
  projectBodySchema,
  projectIdParamsSchema,
  projectPageSchema,
  projectSchema,
  updateCityBodySchema,
  updateProjectBodySchema,
} from './schemas.js';
import {
  createProject,
  deleteProject,
  getCity,
  getCountries,
  getFramework,
  getMonitoring,
  getProject,
  listCities,
  listProjects,
  updateCity,
  updateProject,
} from './service.js';

const tags = ['cities'];

export function registerCityRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/countries', {
    config: { access: 'public', publicCache: true },
    schema: { tags, summary: 'Countries: the ASEAN member states, Timor-Leste and the United States', response: { 200: z.object({ items: z.array(countrySchema) }) } },
    handler: async () => ({ items: await getCountries(ctx.db) }),
  });

  app.get('/api/v1/framework', {
    config: { access: 'public', publicCache: true },
    schema: { tags, summary: 'The ASEAN Smart Cities Framework: strategic outcomes and focus areas', response: { 200: frameworkSchema } },
    handler: () => getFramework(ctx.db),
  });

  app.get('/api/v1/cities', {
    config: { access: 'public', publicCache: true },
    schema: { tags, summary: 'The ASEAN Smart Cities Network member cities', querystring: listCitiesQuerySchema, response: { 200: cityListSchema } },
    handler: (request) => listCities(ctx.db, request.viewer, request.query),
  });

  app.get('/api/v1/cities/:cityId', {
    config: { access: 'public', publicCache: true },
    schema: { tags, summary: "A city's profile", params: cityIdParamsSchema, response: { 200: cityDetailSchema } },
    handler: (request) => getCity(ctx.db, request.viewer, request.params.cityId),
  });

  app.patch('/api/v1/cities/:cityId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "Change a city's profile (its own staff, the secretariat)", params: cityIdParamsSchema, body: updateCityBodySchema, response: { 200: cityDetailSchema } },
    handler: (request) => updateCity(ctx, request.viewer, request.params.cityId, request.body),
  });

  app.get('/api/v1/cities/:cityId/projects', {
    config: { access: 'public', publicCache: true },
    schema: { tags, summary: "A city's Smart City Action Plan projects that the viewer may see", params: cityIdParamsSchema, querystring: listProjectsQuerySchema, response: { 200: projectPageSchema } },
    handler: (request) => listProjects(ctx.db, request.viewer, request.query, request.params.cityId),
  });

  app.post('/api/v1/cities/:cityId/projects', {
    config: { access: 'signed-in' },
    schema: { tags, summary: "Add a project to a city's action plan", params: cityIdParamsSchema, body: projectBodySchema, response: { 201: projectSchema } },
    handler: async (request, reply) => reply.status(201).send(await createProject(ctx, request.viewer, request.params.cityId, request.body)),
  });

  app.get('/api/v1/projects', {
    config: { access: 'public', publicCache: true },
    schema: { tags, summary: 'SCAP projects across the network, filtered and sorted', querystring: listProjectsQuerySchema, response: { 200: projectPageSchema } },
    handler: (request) => listProjects(ctx.db, request.viewer, request.query),
  });

  app.get('/api/v1/projects/:projectId', {
    config: { access: 'public', publicCache: true },
    schema: { tags, summary: 'A SCAP project', params: projectIdParamsSchema, response: { 200: projectSchema } },
    handler: (request) => getProject(ctx.db, request.viewer, request.params.projectId),
  });

  app.patch('/api/v1/projects/:projectId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change a SCAP project', params: projectIdParamsSchema, body: updateProjectBodySchema, response: { 200: projectSchema } },
    handler: (request) => updateProject(ctx, request.viewer, request.params.projectId, request.body),
  });

  app.delete('/api/v1/projects/:projectId', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Remove a SCAP project from the action plan', params: projectIdParamsSchema, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await deleteProject(ctx, request.viewer, request.params.projectId);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/monitoring', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Yearly monitoring: SCAP projects by status and focus area, per city, country and network', querystring: monitoringQuerySchema, response: { 200: monitoringSchema } },
    handler: (request) => getMonitoring(ctx.db, request.viewer, request.query),
  });
}
