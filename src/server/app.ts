import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerAccountRoutes } from '../modules/accounts/routes.js';
import { registerAssessmentRoutes } from '../modules/assessments/routes.js';
import { registerAssistanceRoutes } from '../modules/assistance/routes.js';
import { registerAuditRoutes } from '../modules/audit/routes.js';
import { registerAuthRoutes } from '../modules/auth/routes.js';
import { registerCalendarRoutes } from '../modules/calendar/routes.js';
import { registerCityRoutes } from '../modules/cities/routes.js';
import { registerDealRoutes } from '../modules/deals/routes.js';
import { registerDocumentRoutes } from '../modules/documents/routes.js';
import { registerEventRoutes } from '../modules/events/routes.js';
import { registerExchangeRoutes } from '../modules/exchanges/routes.js';
import { registerExposureRoutes } from '../modules/exposure/routes.js';
import { registerFeedRoutes } from '../modules/feeds/routes.js';
import { registerLibraryRoutes } from '../modules/library/routes.js';
import { registerMailRoutes } from '../modules/mail/routes.js';
import { registerMatchmakingRoutes } from '../modules/matchmaking/routes.js';
import { registerNotificationRoutes } from '../modules/notifications/routes.js';
import { registerPipelineRoutes } from '../modules/pipeline/routes.js';
import { registerProviderRoutes } from '../modules/providers/routes.js';
import { registerReportRoutes } from '../modules/reports/routes.js';
import { registerTrainingRoutes } from '../modules/training/routes.js';
import type { AppContext } from './context.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerPublicCache } from './plugins/public-cache.js';
import { registerSession } from './plugins/session.js';
import type { Api } from './http.js';

export const webDistDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

export type BuildAppOptions = { logger?: FastifyServerOptions['logger']; serveWeb?: boolean };

/** Builds the Mitra HTTP app: the API under /api, its OpenAPI document and docs, and the web app. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<Api> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // A route without a declared access policy is a bug: refuse to start rather than serve it open.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access policy (config.access).`);
    route.schema = { ...route.schema, 'x-access': access } as typeof route.schema;
  });

  const indexFile = path.join(webDistDir, 'index.html');
  const serveWeb = options.serveWeb !== false && fs.existsSync(indexFile);
  registerErrorHandling(app, serveWeb ? fs.readFileSync(indexFile, 'utf8') : undefined);
  // Before compression, so that the cache holds the plain answer.
  registerPublicCache(app, { ttlMs: 2_000, maxEntries: 500 });
  // Many users are on slow connections: compress the app bundle and API answers alike.
  // Brotli at quality 4 compresses about as well as gzip -9 for a fraction of the CPU of its default 11.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables through style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Only over HTTPS: on plain HTTP (a LAN address, say) upgrading would break every asset.
        upgradeInsecureRequests: ctx.config.secureCookies ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Mitra API',
        version: '1',
        description:
          'The API of Mitra, the U.S.-ASEAN Smart Cities Partnership platform. Sign in with POST /api/v1/session; ' +
          'the session cookie authenticates later calls. Each operation names who may call it in `x-access`.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'mitra_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  registerSession(app, ctx);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/api/health', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ ok: true, database: ctx.database.kind }));

  registerAuthRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerCityRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerMailRoutes(app, ctx);
  registerDocumentRoutes(app, ctx);
  registerLibraryRoutes(app, ctx);
  registerExchangeRoutes(app, ctx);
  registerFeedRoutes(app, ctx);
  registerExposureRoutes(app, ctx);
  registerAssessmentRoutes(app, ctx);
  registerTrainingRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerMatchmakingRoutes(app, ctx);
  registerCalendarRoutes(app, ctx);
  registerDealRoutes(app, ctx);
  registerPipelineRoutes(app, ctx);
  registerAssistanceRoutes(app, ctx);
  registerProviderRoutes(app, ctx);
  registerReportRoutes(app, ctx);

  if (serveWeb) {
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false, maxAge: '1h' });
  } else if (options.serveWeb !== false) {
    app.get('/', { config: { access: 'public' } }, async (_request, reply) =>
      reply.type('text/plain').send('The web app is not built yet: run `npm run build:web` (npm start does it for you).'),
    );
  }
  return app;
}
