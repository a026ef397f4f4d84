/** The error codes Mitra answers with, and the HTTP status each maps to. The one place for that mapping. */
export const errorStatus = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  locked: 423,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
export const forbidden = (message = 'You do not have access to this.') => new AppError('forbidden', message);

export type FieldProblem = { field: string; message: string };

/** `body.acceptedUntil` → `accepted until`: the last named part of a field path, in words, for people. */
export function fieldInWords(field: string): string {
  const named = field.split('.').filter((part) => part && !/^\d+$/.test(part) && part !== 'body' && part !== 'query' && part !== 'params');
  return (named.at(-1) ?? field).replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * A 400 listing every problem: the message names each field in words (for the form's summary), the
 * details keep the exact paths (for placing each message under its field).
 */
export const invalidInput = (what: string, problems: FieldProblem[]) =>
  new AppError('validation_failed', `${what} is not valid: ${problems.map((p) => `${fieldInWords(p.field)}: ${p.message}`).join('; ')}.`, problems);
