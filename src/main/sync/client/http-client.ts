import { Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import pLimit from 'p-limit';
import { endpointById, type EndpointId } from '../../../shared/catalogue';
import { registerSecret, scrubString } from '../../logging';
import { ApiError, authError, offlineError, parseRetryAfter } from './errors';
import { cancelledError, defaultRetryPolicy, retryDelayMs, sleep, type RetryPolicy } from './retry';

export interface ApiCredentials {
  /** e.g. `https://api.atlassian.com/marketplace` (the simulator's differs). */
  baseUrl: string;
  developerId: string;
  email: string;
  token: string;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined | null;
export type Query = Readonly<Record<string, QueryValue>>;

export interface RequestSpec {
  endpoint: EndpointId;
  pathParams?: Readonly<Record<string, string>>;
  query?: Query;
  body?: unknown;
  /** What to call this request in messages (defaults to the endpoint id). */
  label?: string;
}

export interface RetryNotice {
  label: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface ApiClientOptions {
  /** Requests in flight at once, bodies included (default 4). */
  concurrency?: number;
  /** No response headers, or no body bytes, for this long aborts the attempt (default 60 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  onRetry?: (notice: RetryNotice) => void;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** The body as a stream with an idle timeout; consume it inside the callback. */
  body: Readable;
  url: string;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Builds a request URL: the endpoint's path with its parameters, repeated multi-value query parameters. */
export function buildUrl(credentials: Pick<ApiCredentials, 'baseUrl' | 'developerId'>, spec: RequestSpec): string {
  const def = endpointById(spec.endpoint);
  const params: Record<string, string> = { developerId: credentials.developerId, ...spec.pathParams };
  const path = def.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${spec.endpoint}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(spec.query ?? {})) {
    if (value === undefined || value === null) continue;
    // LIVE-API-NOTES: multi-value filters are repeated parameters; a comma list reads as "all".
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else search.append(key, String(value));
  }
  const qs = search.toString();
  return `${credentials.baseUrl.replace(/\/+$/, '')}${path}${qs ? `?${qs}` : ''}`;
}

/**
 * The Marketplace API client: Basic auth, a cap on concurrent requests, per-attempt timeouts,
 * cancellation, and retries with back-off on 429 / 5xx / network trouble (honouring
 * Retry-After), never on 400/401/403/404. A hand-written retry loop rather than p-retry: the
 * delay depends on the failed response (Retry-After), and a consumer that already streamed part
 * of a body must be re-run from its own checkpoint, which the callback shape gives for free.
 */
export function createApiClient(credentials: ApiCredentials, options: ApiClientOptions = {}) {
  registerSecret(credentials.token);
  const authHeader = `Basic ${Buffer.from(`${credentials.email}:${credentials.token}`).toString('base64')}`;
  registerSecret(authHeader);
  const limit = pLimit(options.concurrency ?? 4);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const signal = options.signal;

  async function attempt<T>(method: string, url: string, label: string, body: unknown, consume: (res: ApiResponse) => Promise<T>, auth: boolean): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
    };
    const onCancel = () => controller.abort();
    signal?.addEventListener('abort', onCancel, { once: true });
    arm();
    try {
      const res = await fetch(url, {
        method,
        // A presigned file URL (S3) must never receive the Marketplace credentials.
        headers: { ...(auth ? { authorization: authHeader } : {}), accept: 'application/json, text/csv;q=0.9', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        redirect: 'follow',
      });
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        if (!auth && (res.status === 401 || res.status === 403)) throw new ApiError('api.error', `${label}: the download link was refused (${res.status}; presigned links expire after minutes)`, res.status);
        throw statusError(res.status, label, text, res.headers.get('retry-after'));
      }
      const source = res.body ? Readable.fromWeb(res.body as WebReadableStream<Uint8Array>) : Readable.from([]);
      // Every chunk re-arms the timer: a slow but moving download is fine, a stalled one is not.
      const watched = source.pipe(new Transform({ transform: (chunk, _enc, cb) => (arm(), cb(null, chunk)) }));
      source.on('error', (e) => watched.destroy(e));
      try {
        return await consume({ status: res.status, headers: res.headers, body: watched, url });
      } finally {
        // A consumer that stopped early (an error, a cancel) leaves no socket or stream behind.
        watched.on('error', () => {});
        watched.destroy();
        source.destroy();
      }
    } catch (e) {
      if (isLocalFailure(e)) throw e;
      if (signal?.aborted) throw cancelledError();
      if (timedOut) throw new ApiError('network.timeout', `${label}: no response for ${Math.round(timeoutMs / 1000)} s`, null, true);
      throw classify(e, label);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCancel);
    }
  }

  /** Runs one request (and the consumption of its body) with the concurrency cap and retries. */
  async function request<T>(spec: RequestSpec, consume: (res: ApiResponse) => Promise<T>, method?: 'GET' | 'POST'): Promise<T> {
    const url = buildUrl(credentials, spec);
    const label = spec.label ?? spec.endpoint;
    const verb = method ?? endpointById(spec.endpoint).method;
    return requestUrl(verb, url, label, spec.body, consume);
  }

  async function requestUrl<T>(method: string, url: string, label: string, body: unknown, consume: (res: ApiResponse) => Promise<T>, auth = true): Promise<T> {
    for (let n = 0; ; n++) {
      if (signal?.aborted) throw cancelledError();
      try {
        return await limit(() => attempt(method, url, label, body, consume, auth));
      } catch (e) {
        if (isLocalFailure(e)) throw e;
        const error = e instanceof ApiError ? e : classify(e, label);
        if (!error.retryable || n >= policy.retries) throw error;
        if (error.retryAfterSeconds !== null && error.retryAfterSeconds * 1000 > policy.maxRetryAfterMs) throw error;
        const delayMs = retryDelayMs(policy, n + 1, error);
        options.onRetry?.({ label, attempt: n + 1, delayMs, reason: error.message });
        await sleep(delayMs, signal);
      }
    }
  }

  /** GETs (or POSTs) JSON and returns it parsed; unreadable JSON counts as a truncated body and is retried. */
  function json(spec: RequestSpec, method?: 'GET' | 'POST'): Promise<unknown> {
    return request(spec, async (res) => (await readJson(res, spec.label ?? spec.endpoint)).body, method);
  }

  /** The same, with the body's text as it arrived (aggregate snapshots keep it as their raw answer). */
  function jsonWithText(spec: RequestSpec): Promise<{ body: unknown; text: string }> {
    return request(spec, (res) => readJson(res, spec.label ?? spec.endpoint));
  }

  function jsonUrl(url: string, label: string): Promise<unknown> {
    return requestUrl('GET', url, label, undefined, async (res) => (await readJson(res, label)).body);
  }

  return { request, requestUrl, json, jsonWithText, jsonUrl, credentials: { baseUrl: credentials.baseUrl, developerId: credentials.developerId } };
}

async function readJson(res: ApiResponse, label: string): Promise<{ body: unknown; text: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of res.body) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return { body: JSON.parse(text) as unknown, text };
  } catch {
    throw new ApiError('api.error', `${label}: the response body was cut off or is not JSON (${text.length} bytes)`, res.status, true);
  }
}

function statusError(status: number, label: string, body: string, retryAfter: string | null): ApiError {
  const detail = summariseBody(body);
  // The API's 403 names the missing permission; the text is scrubbed of registered secrets.
  if (status === 401 || status === 403) return authError(status, label, status === 403 ? scrubString(detail, { maskEmails: false }) : '');
  if (status === 429) return new ApiError('api.error', `${label}: rate limited (429)`, 429, true, parseRetryAfter(retryAfter) ?? null);
  if (status >= 500) return new ApiError('api.error', `${label}: server error ${status}${detail}`, status, true, parseRetryAfter(retryAfter));
  if (status === 404) return new ApiError('not_found', `${label}: not found (404)${detail}`, 404);
  return new ApiError('api.error', `${label}: the API refused the request (${status})${detail}`, status);
}

/** The API's error bodies say what was wrong (`{"message": …}` or a short text); keep it short. */
function summariseBody(body: string): string {
  if (!body) return '';
  try {
    const parsed = JSON.parse(body) as { message?: unknown; errors?: { message?: unknown }[] };
    const message = typeof parsed.message === 'string' ? parsed.message : typeof parsed.errors?.[0]?.message === 'string' ? parsed.errors[0].message : null;
    if (message) return `: ${message.slice(0, 200)}`;
  } catch {
    // not JSON: fall through
  }
  return body.startsWith('<') ? '' : `: ${body.slice(0, 200)}`;
}

const offlineCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

function errorCode(e: unknown): string | undefined {
  for (let c: unknown = e, depth = 0; c && depth < 4; c = (c as { cause?: unknown }).cause, depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * A failure of this machine while a body was consumed (SQLite could not write it, the disk is
 * full): not the connection's, so not retried as one — and its own code (SQLITE_FULL) must reach
 * the sync, which stops every data set on a full disk.
 */
function isLocalFailure(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_') || code === 'ENOSPC');
}

function classify(e: unknown, label: string): ApiError {
  if (e instanceof ApiError) return e;
  const code = errorCode(e);
  if (code && offlineCodes.has(code)) return offlineError(label, code);
  const message = e instanceof Error ? e.message : String(e);
  // Resets, closed sockets and bodies that end early are transient: retried.
  return new ApiError('api.error', `${label}: connection failed (${code ?? message})`, null, true);
}
