/** An answer other than 2xx, with the RFC 7807 ProblemDetails the services send. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | null,
    readonly retryAfterSeconds: number | null,
    readonly errors: Record<string, string[]> | null,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

const antiforgeryHeader = 'X-CSRF-TOKEN';
let antiforgeryToken: string | null = null;

/** The gateway's antiforgery token for the signed-in staff member; sent with every unsafe request. */
export function setAntiforgeryToken(token: string | null) {
  antiforgeryToken = token;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData || options.body instanceof Blob) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && antiforgeryToken) {
    headers[antiforgeryHeader] = antiforgeryToken;
  }

  const response = await fetch(path, { method, headers, body, signal: options.signal, credentials: 'same-origin' });
  if (!response.ok) {
    throw await toApiError(response);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await response.json() : undefined) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('Retry-After'));
  let problem: { title?: string; detail?: string; errors?: Record<string, string[]> } = {};
  try {
    problem = await response.json();
  } catch {
    // Not a ProblemDetails body (a proxy's HTML page, a dropped connection); the status says enough.
  }
  return new ApiError(
    response.status,
    problem.title ?? response.statusText ?? `HTTP ${response.status}`,
    problem.detail ?? null,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    problem.errors ?? null,
  );
}
