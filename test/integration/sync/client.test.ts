import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/main/sync/client/errors';
import { createApiClient, type ApiClientOptions } from '../../../src/main/sync/client/http-client';
import { jsonArrayTexts } from '../../../src/main/sync/engine/json-array';

type Handle = (req: IncomingMessage, res: ServerResponse, n: number) => void;
const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** A local server answering request n (0-based) with `handle`; records what it saw. */
async function serve(handle: Handle) {
  const seen: { url: string; auth: string | undefined; at: number }[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization, at: performance.now() });
    handle(req, res, seen.length - 1);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({ close: () => (server.closeAllConnections(), server.close()) });
  const port = (server.address() as AddressInfo).port;
  return { seen, baseUrl: `http://127.0.0.1:${port}/marketplace` };
}

const fast: ApiClientOptions = { retry: { baseDelayMs: 5, maxDelayMs: 20, retries: 4 }, timeoutMs: 2000 };
const clientFor = (baseUrl: string, options: ApiClientOptions = fast) => createApiClient({ baseUrl, developerId: 'dev', email: 'me@example.com', token: 'secret-token-123' }, options);
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('the API client', () => {
  it('sends Basic auth and parses JSON', async () => {
    const s = await serve((_req, res) => json(res, 200, { ok: 1 }));
    expect(await clientFor(s.baseUrl).json({ endpoint: 'licenses', query: { limit: 50 } })).toEqual({ ok: 1 });
    expect(s.seen[0]!.auth).toBe(`Basic ${Buffer.from('me@example.com:secret-token-123').toString('base64')}`);
    expect(s.seen[0]!.url).toBe('/marketplace/rest/3/reporting/developer-space/dev/licenses?limit=50');
  });

  it('waits out Retry-After on 429, then succeeds', async () => {
    const s = await serve((_req, res, n) => (n === 0 ? json(res, 429, { message: 'slow down' }, { 'retry-after': '1' }) : json(res, 200, { ok: n })));
    const retries: number[] = [];
    const result = await clientFor(s.baseUrl, { ...fast, onRetry: (r) => retries.push(r.delayMs) }).json({ endpoint: 'licenses' });
    expect(result).toEqual({ ok: 1 });
    expect(retries).toEqual([1000]);
    expect(s.seen[1]!.at - s.seen[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it.each([500, 502, 503, 504])('retries %i with back-off until it succeeds', async (status) => {
    const s = await serve((_req, res, n) => (n < 2 ? json(res, status, { message: 'busy' }) : json(res, 200, { ok: true })));
    expect(await clientFor(s.baseUrl).json({ endpoint: 'licenses' })).toEqual({ ok: true });
    expect(s.seen).toHaveLength(3);
  });

  it('passes on a failure to store what it read (a full disk) as it is, without retrying it as a connection failure', async () => {
    const s = await serve((_req, res) => json(res, 200, [{ a: 1 }]));
    const retries: string[] = [];
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const error = await clientFor(s.baseUrl, { ...fast, onRetry: (r) => retries.push(r.reason) })
      .request({ endpoint: 'licenses' }, async () => {
        throw full;
      })
      .catch((e: unknown) => e);
    expect(error).toBe(full);
    expect(retries).toEqual([]);
    expect(s.seen).toHaveLength(1);
  });

  it('gives up after the retry budget with the status in the message', async () => {
    const s = await serve((_req, res) => json(res, 503, { message: 'down for maintenance' }));
    const error = await clientFor(s.baseUrl).json({ endpoint: 'licenses' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/licenses: server error 503: down for maintenance/);
    expect(s.seen).toHaveLength(5);
  });

  it.each([
    [400, 'api.error', /refused the request \(400\): bad date/],
    [401, 'auth.invalid', /401.*View sales reports.*View all other reports/],
    [403, 'auth.forbidden', /403.*View sales reports.*View all other reports/],
    [404, 'not_found', /404/],
  ])('does not retry %i (%s) and says what to do', async (status, code, message) => {
    const s = await serve((_req, res) => json(res, status, { message: 'bad date' }));
    const error = (await clientFor(s.baseUrl).json({ endpoint: 'licenses' }).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('secret-token-123');
    expect(s.seen).toHaveLength(1);
  });

  it('retries a connection reset and a truncated body', async () => {
    const s = await serve((_req, res, n) => {
      if (n === 0) return res.socket?.destroy();
      if (n === 1) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        return res.end('{"licenses":[{"a":');
      }
      json(res, 200, { licenses: [] });
    });
    expect(await clientFor(s.baseUrl).json({ endpoint: 'licenses' })).toEqual({ licenses: [] });
    expect(s.seen).toHaveLength(3);
  });

  it('times out a slow response and retries it', async () => {
    const s = await serve((_req, res, n) => (n === 0 ? setTimeout(() => json(res, 200, { late: true }), 1500) : json(res, 200, { ok: true })));
    const reasons: string[] = [];
    expect(await clientFor(s.baseUrl, { ...fast, timeoutMs: 200, onRetry: (r) => reasons.push(r.reason) }).json({ endpoint: 'licenses' })).toEqual({ ok: true });
    expect(reasons[0]).toMatch(/no response for/);
  });

  it('reports "offline" when nothing listens, after its retries', async () => {
    const s = await serve((_req, res) => json(res, 200, {}));
    servers.splice(0).forEach((x) => x.close());
    const error = (await clientFor(s.baseUrl, { ...fast, retry: { retries: 1, baseDelayMs: 1 } }).json({ endpoint: 'licenses' }).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('network.offline');
    expect(error.message).toMatch(/offline/);
  });

  it('cancels a request in flight and a back-off wait at once', async () => {
    const s = await serve((_req, res, n) => (n === 0 ? json(res, 503, {}, { 'retry-after': '30' }) : json(res, 200, {})));
    const controller = new AbortController();
    const pending = clientFor(s.baseUrl, { ...fast, signal: controller.signal }).json({ endpoint: 'licenses' });
    while (s.seen.length === 0) await new Promise((r) => setImmediate(r));
    const started = performance.now();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('keeps at most `concurrency` requests in flight, bodies included', async () => {
    let inFlight = 0;
    let peak = 0;
    const s = await serve((_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        json(res, 200, {});
      }, 30);
    });
    const client = clientFor(s.baseUrl, { ...fast, concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, () => client.json({ endpoint: 'licenses' })));
    expect(peak).toBe(3);
  });

  it('streams a JSON-array download and never sends the credentials to a presigned URL', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      for (let i = 0; i < 1000; i++) res.write(`${i ? ',' : ''}{"i":${i}}`);
      res.end(']');
    });
    const client = clientFor(s.baseUrl);
    let count = 0;
    await client.request({ endpoint: 'licenses-async-export-download', pathParams: { exportId: 'e1' } }, async (res) => {
      for await (const t of jsonArrayTexts(res.body, 'download')) if ((JSON.parse(t) as { i: number }).i === count) count++;
    });
    expect(count).toBe(1000);
    await client.requestUrl('GET', `${s.baseUrl}/file.csv?X-Amz-Signature=x`, 'catalog', undefined, async (res) => {
      for await (const _ of res.body);
    }, false);
    expect(s.seen[1]!.auth).toBeUndefined();
  });
});
