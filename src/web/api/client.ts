import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

/** The typed API client. Its types are generated from the server's OpenAPI document (`npm run api:types`). */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

export type ApiErrorBody = { error: { code: string; message: string; details?: { field: string; message: string }[] } };

/** An API error with the server's message, which is written for the person using Mitra. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: { field: string; message: string }[],
  ) {
    super(message);
  }
}

/** Returns the data of an openapi-fetch result, or throws the API's error. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const body = result.error as ApiErrorBody | undefined;
    throw new ApiError(
      result.response.status,
      body?.error?.code ?? 'unknown',
      body?.error?.message ?? `The request failed (${result.response.status}).`,
      body?.error?.details,
    );
  }
  return result.data as T;
}
