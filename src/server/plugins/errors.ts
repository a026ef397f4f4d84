import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../errors.js';

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

/** Fastify's own client errors, by their code, mapped to Mitra's error codes. */
const fastifyClientErrors: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_VALIDATION: 'validation_failed',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
};

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, details: error.details } } };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      field: `${error.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`,
      message: issue.message,
    }));
    const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
    return { status: 400, body: { error: { code: 'validation_failed', message: `The request is not valid: ${summary}`, details } } };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error instanceof SyntaxError && fastifyError.statusCode === 400)) {
    return { status: 400, body: { error: { code: 'bad_request', message: 'The request body is not valid JSON.' } } };
  }
  const mapped = fastifyError?.code ? fastifyClientErrors[fastifyError.code] : undefined;
  if (mapped) {
    const status = mapped === 'payload_too_large' ? 413 : mapped === 'unsupported_media_type' ? 415 : 400;
    return { status, body: { error: { code: mapped, message: fastifyError.message } } };
  }
  // A value PostgreSQL cannot take (a NUL character, a number out of range…) is the request's fault.
  const sqlState = databaseErrorCode(error);
  if (sqlState?.startsWith('22')) {
    return { status: 400, body: { error: { code: 'validation_failed', message: 'A value in the request cannot be stored (for example, it contains a NUL character or is out of range).' } } };
  }
  if (fastifyError?.statusCode === 429) {
    return { status: 429, body: { error: { code: 'rate_limited', message: 'Too many requests. Wait a minute and try again.' } } };
  }
  if (fastifyError?.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, body: { error: { code: 'bad_request', message: fastifyError.message } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side. It has been logged.' } } };
}

/** `spaIndexHtml`: when the web app is served, unknown GET pages outside /api get it (client-side routes). */
/** The SQLSTATE of a database error, also when Drizzle wraps it. */
function databaseErrorCode(error: unknown): string | undefined {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 3; current = current.cause as typeof current, depth++) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current.code;
  }
  return undefined;
}

export function registerErrorHandling(app: FastifyInstance, spaIndexHtml?: string): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorBody(error);
    if (status >= 500 || isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'request failed');
    }
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    if (spaIndexHtml && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').header('cache-control', 'no-cache').send(spaIndexHtml);
    }
    return reply.status(404).send({ error: { code: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}.` } });
  });
}
