import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { csvFileSchema, sendCsv } from '../../server/csv.js';
import type { Api } from '../../server/http.js';
import { readUploadedFile } from '../documents/routes.js';
import {
  assetBodySchema,
  assetIdParamsSchema,
  assetPageSchema,
  assetSchema,
  cpeSuggestionBodySchema,
  cpeSuggestionSchema,
  exportExposuresQuerySchema,
  exposureDetailSchema,
  exposureIdParamsSchema,
  exposureNetworkSchema,
  exposurePageSchema,
  exposuresByVulnerabilitySchema,
  exposureSummarySchema,
  importConfirmBodySchema,
  importPreviewSchema,
  importResultSchema,
  listAssetsQuerySchema,
  listExposuresQuerySchema,
  statusBodySchema,
  vulnerabilityIdParamsSchema,
} from './schemas.js';
import {
  changeExposureStatus,
  confirmImport,
  createAsset,
  deleteAsset,
  exportExposures,
  exportInventory,
  exposureNetwork,
  exposuresByVulnerability,
  exposureSummary,
  getAsset,
  getExposure,
  inventoryTemplate,
  listAssets,
  listExposures,
  previewImport,
  suggestComponentCpe,
  updateAsset,
} from './service.js';

const inventoryTags = ['inventory'];
const exposureTags = ['exposures'];

const csvResponse = { 200: csvFileSchema };
const dated = (name: string) => `${name}-${new Date().toISOString().slice(0, 10)}.csv`;

export function registerExposureRoutes(app: Api, ctx: AppContext): void {
  /* ---- Inventory ---- */

  app.get('/api/v1/inventory/assets', {
    config: { access: 'signed-in' },
    schema: {
      tags: inventoryTags,
      summary: "The city's technology inventory (its own staff only): assets with their components and active exposure counts",
      querystring: listAssetsQuerySchema,
      response: { 200: assetPageSchema },
    },
    handler: (request) => listAssets(ctx.db, request.viewer, request.query),
  });

  app.post('/api/v1/inventory/assets', {
    config: { access: 'signed-in' },
    schema: { tags: inventoryTags, summary: "Add an asset to the city's inventory; it is matched against the vulnerability feeds at once", body: assetBodySchema, response: { 201: assetSchema } },
    handler: async (request, reply) => reply.status(201).send(await createAsset(ctx, request.viewer, request.body)),
  });

  app.get('/api/v1/inventory/assets.csv', {
    config: { access: 'signed-in' },
    schema: { tags: inventoryTags, summary: "The city's inventory as CSV, in the import format (one row per component)", produces: ['text/csv'], response: csvResponse },
    handler: async (request, reply) => sendCsv(reply, dated('inventory'), await exportInventory(ctx.db, request.viewer)),
  });

  app.get('/api/v1/inventory/assets/:id', {
    config: { access: 'signed-in' },
    schema: { tags: inventoryTags, summary: 'An asset of the city', params: assetIdParamsSchema, response: { 200: assetSchema } },
    handler: (request) => getAsset(ctx.db, request.viewer, request.params.id),
  });

  app.put('/api/v1/inventory/assets/:id', {
    config: { access: 'signed-in' },
    schema: { tags: inventoryTags, summary: 'Replace an asset and its components; it is matched again', params: assetIdParamsSchema, body: assetBodySchema, response: { 200: assetSchema } },
    handler: (request) => updateAsset(ctx, request.viewer, request.params.id, request.body),
  });

  app.delete('/api/v1/inventory/assets/:id', {
    config: { access: 'signed-in' },
    schema: { tags: inventoryTags, summary: 'Remove an asset, with its exposures', params: assetIdParamsSchema, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await deleteAsset(ctx, request.viewer, request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/inventory/cpe-suggestion', {
    config: { access: 'signed-in' },
    schema: {
      tags: inventoryTags,
      summary: 'Suggest a CPE 2.3 name for a component from its kind, vendor, product and version',
      body: cpeSuggestionBodySchema,
      response: { 200: cpeSuggestionSchema },
    },
    handler: (request) => suggestComponentCpe(request.viewer, request.body),
  });

  app.get('/api/v1/inventory/imports/template', {
    config: { access: 'signed-in' },
    schema: { tags: inventoryTags, summary: 'A CSV template for the inventory import, with an example asset', produces: ['text/csv'], response: csvResponse },
    handler: async (request, reply) => sendCsv(reply, 'inventory-template.csv', inventoryTemplate(request.viewer)),
  });

  app.post('/api/v1/inventory/imports/preview', {
    config: { access: 'signed-in' },
    schema: {
      tags: inventoryTags,
      summary:
        'Check an inventory CSV (multipart/form-data, field "file") and keep it for confirmation: the assets it would add, and the rejected rows with line, column and reason. Writes nothing to the inventory.',
      consumes: ['multipart/form-data'],
      response: { 200: importPreviewSchema },
    },
    handler: async (request) => previewImport(ctx, request.viewer, await readUploadedFile(request)),
  });

  app.post('/api/v1/inventory/imports/confirm', {
    config: { access: 'signed-in' },
    schema: {
      tags: inventoryTags,
      summary: "Add a preview's accepted assets to the inventory in one transaction and match them",
      body: importConfirmBodySchema,
      response: { 200: importResultSchema },
    },
    handler: (request) => confirmImport(ctx, request.viewer, request.body.previewId),
  });

  /* ---- Exposures ---- */

  app.get('/api/v1/exposures', {
    config: { access: 'signed-in' },
    schema: {
      tags: exposureTags,
      summary: "The city's active exposures, KEV first, then by priority score (its own staff only)",
      querystring: listExposuresQuerySchema,
      response: { 200: exposurePageSchema },
    },
    handler: (request) => listExposures(ctx.db, request.viewer, request.query),
  });

  app.get('/api/v1/exposures.csv', {
    config: { access: 'signed-in' },
    schema: { tags: exposureTags, summary: "The city's active exposures as CSV (same filters as the list)", querystring: exportExposuresQuerySchema, produces: ['text/csv'], response: csvResponse },
    handler: async (request, reply) => sendCsv(reply, dated('exposures'), await exportExposures(ctx.db, request.viewer, request.query)),
  });

  app.get('/api/v1/exposures/summary', {
    config: { access: 'signed-in' },
    schema: { tags: exposureTags, summary: "The city's exposure dashboard: counts by priority, system and status, KEV and overdue KEV, and the 90-day trend", response: { 200: exposureSummarySchema } },
    handler: (request) => exposureSummary(ctx.db, request.viewer),
  });

  app.get('/api/v1/exposures/by-vulnerability/:vulnerabilityId', {
    config: { access: 'signed-in' },
    schema: { tags: exposureTags, summary: "The city's assets exposed to one vulnerability", params: vulnerabilityIdParamsSchema, response: { 200: exposuresByVulnerabilitySchema } },
    handler: (request) => exposuresByVulnerability(ctx.db, request.viewer, request.params.vulnerabilityId),
  });

  app.get('/api/v1/exposures/:id', {
    config: { access: 'signed-in' },
    schema: { tags: exposureTags, summary: 'An exposure with its evidence and status history', params: exposureIdParamsSchema, response: { 200: exposureDetailSchema } },
    handler: (request) => getExposure(ctx.db, request.viewer, request.params.id),
  });

  app.post('/api/v1/exposures/:id/status', {
    config: { access: 'signed-in' },
    schema: {
      tags: exposureTags,
      summary: 'Change the remediation status: open → mitigating → remediated; accepted risk (reason and date); false positive (reason); reopen',
      params: exposureIdParamsSchema,
      body: statusBodySchema,
      response: { 200: exposureDetailSchema },
    },
    handler: (request) => changeExposureStatus(ctx, request.viewer, request.params.id, request.body),
  });

  app.get('/api/v1/exposure-network', {
    config: { access: 'secretariat' },
    schema: {
      tags: exposureTags,
      summary: 'Network-wide KEV exposure aggregates for the secretariat: counts of cities only, never assets or which city',
      response: { 200: exposureNetworkSchema },
    },
    handler: (request) => exposureNetwork(ctx.db, request.viewer),
  });
}

