/** HTTP for the harness: one request, with network failures as status 0 instead of a throw. */

export interface ApiResponse {
  /** 0 when no HTTP answer came (connection refused or reset, timeout). */
  status: number;
  body: unknown;
  headers: Headers | undefined;
  error?: string;
  ms: number;
}

export interface ApiRequest {
  token?: string;
  body?: unknown;
  /** Sent as it is (e.g. broken JSON), instead of `body`. */
  rawBody?: string;
  idempotencyKey?: string;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** One HTTP request; network failures come back as status 0 rather than throwing. */
export async function httpRequest(
  baseUrl: string,
  method: string,
  path: string,
  req: ApiRequest = {},
): Promise<ApiResponse> {
  const started = performance.now();
  const headers: Record<string, string> = { ...req.headers };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
  if (req.body !== undefined || req.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body)),
      signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body, headers: res.headers, ms: performance.now() - started };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return {
      status: 0,
      body: undefined,
      headers: undefined,
      error: cause?.code ?? (err as Error).name,
      ms: performance.now() - started,
    };
  }
}
