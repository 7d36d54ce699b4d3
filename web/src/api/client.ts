/**
 * The web app's only way to the server: the HTTP API, typed from its OpenAPI document
 * (schema.d.ts), with the session cookie and the CSRF token. A refusal is thrown as an ApiError.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type ApiErrorBody = components['schemas']['Error']['error'];

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;
  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Query parameters (strings, numbers, booleans); empty values are left out. */
export function queryOf(params: Record<string, unknown>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    const isScalar =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    if (isScalar && value !== '') query.set(name, String(value));
  }
  return query;
}

/** What a write sent outside the typed client (an upload, a stream) must carry. */
export function sessionHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const language = typeof document === 'undefined' ? '' : document.documentElement.lang;
  if (language) headers['accept-language'] = language;
  return headers;
}

/**
 * Writes carry the CSRF token, every request the language of the page (the API's error messages
 * come back in it); an answer other than 2xx becomes an ApiError.
 */
const session: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    const language = typeof document === 'undefined' ? '' : document.documentElement.lang;
    if (language) request.headers.set('accept-language', language);
    return request;
  },
  async onResponse({ response }) {
    if (response.ok) return undefined;
    const data: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    const body = (data as { error?: ApiErrorBody } | null)?.error ?? {
      code: 'HTTP_ERROR',
      message: response.statusText,
      details: [],
    };
    throw new ApiError(response.status, body);
  },
};

export const client = createClient<paths>({
  credentials: 'same-origin',
  querySerializer: (query) => queryOf(query).toString(),
});
client.use(session);

/** The version a change is based on, sent as If-Match: a stale one gets 409. */
export function ifMatch(version: number): { 'if-match': string } {
  return { 'if-match': `"${version}"` };
}

/**
 * The answer of a call. Refusals never get here (the middleware throws them), so the data is
 * the success response's body.
 */
export async function answer<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  const { data } = await call;
  return data as T;
}
