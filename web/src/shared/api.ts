// The one way the dashboard talks to `bellwether serve` (docs/api.md): JSON over fetch
// with the session cookie, the CSRF token on every state change, and errors as ApiError
// values carrying api.md's code and field. Every figure the dashboard shows comes from here.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValue = string | number | undefined | null;

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// Called when a request answers 401 (the session ended): the app goes to /login.
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

// "/api/v1/accounts" + {tier: "A", q: undefined} -> "/api/v1/accounts?tier=A".
export function apiUrl(path: string, params: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const query = search.toString();
  return `/api/v1${path}${query ? `?${query}` : ''}`;
}

async function readError(response: Response): Promise<ApiError> {
  let code = 'http';
  let message = `${response.status} ${response.statusText}`;
  let field: string | null = null;
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; field?: string | null };
    };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      field = body.error.field ?? null;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, code, message, field);
}

async function request<T>(
  method: string,
  path: string,
  params: Record<string, QueryValue>,
  body: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, params), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'the server cannot be reached');
  }
  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401 && path !== '/session' && onUnauthenticated) onUnauthenticated();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export function apiGet<T>(
  path: string,
  params: Record<string, QueryValue> = {},
  signal?: AbortSignal,
): Promise<T> {
  return request<T>('GET', path, params, undefined, signal);
}

export function apiSend<T>(
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  params: Record<string, QueryValue> = {},
  signal?: AbortSignal,
): Promise<T> {
  return request<T>(method, path, params, body, signal);
}
