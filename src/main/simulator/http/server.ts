/**
 * The HTTP layer: node:http, Basic auth, the 403 switch, faults, routing, and writing replies
 * (streamed with back-pressure; `reset` and `truncate` cut them half-way).
 */
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { FaultRule } from './faults';
import { HttpError } from './errors';
import type { Reply } from './reply';
import { routes, type RouteContext } from './routes';

export interface ServerDeps {
  developerId: string;
  authHeader: string;
  controlEnabled: boolean;
  handleControl(method: string, path: string, params: URLSearchParams): Reply;
  handleFile(path: string, params: URLSearchParams): Reply;
  takeFault(kinds: readonly FaultRule['kind'][], path: string): FaultRule | null;
  forbidden(): ReadonlySet<'sales' | 'other'>;
  context(path: string, params: URLSearchParams, body: unknown, match: RegExpMatchArray): RouteContext;
}

/** `/marketplace` and `/rest/3` are both optional (links may lack `/rest/3`, LIVE-API-NOTES). */
export function apiPath(pathname: string): string {
  return pathname.replace(/^\/marketplace(?=\/)/, '').replace(/^\/rest\/3(?=\/)/, '');
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
}

export async function handleRequest(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const path = apiPath(url.pathname);
  try {
    if (url.pathname.startsWith('/__sim/')) {
      if (!deps.controlEnabled) throw new HttpError(404, 'Not found');
      return await write(res, deps.handleControl(method, url.pathname, url.searchParams), null);
    }
    if (url.pathname.startsWith('/__files/')) return await write(res, deps.handleFile(url.pathname, url.searchParams), null);
    if (req.headers.authorization !== deps.authHeader) {
      throw new HttpError(401, 'Client must be authenticated to access this resource.', { 'WWW-Authenticate': 'Basic realm="Atlassian Marketplace"' });
    }
    const slow = deps.takeFault(['slow'], path);
    if (slow) await delay(slow.ms);
    const fault = deps.takeFault(['429', '500', '502', '503', '504'], path);
    if (fault) {
      const headers: Record<string, string> = fault.kind === '429' ? { 'Retry-After': String(fault.retryAfter) } : {};
      throw new HttpError(Number(fault.kind), fault.kind === '429' ? 'Rate limit exceeded' : 'Simulated server error', headers);
    }
    const found = routes.find((r) => r.method === method && r.pattern.test(path));
    if (!found) throw new HttpError(404, `No resource at ${method} ${url.pathname}`);
    const match = path.match(found.pattern)!;
    if (found.pattern.source.includes('developer-space') && match[1] !== deps.developerId) {
      throw new HttpError(403, 'You do not have access to this developer space.');
    }
    if (found.report !== 'none' && deps.forbidden().has(found.report)) {
      throw new HttpError(403, `This account does not have the "${found.report === 'sales' ? 'View sales reports' : 'View all other reports'}" permission.`);
    }
    const body = method === 'POST' ? await readBody(req) : undefined;
    const cut = deps.takeFault(['reset', 'truncate'], path);
    const reply = found.handle(deps.context(path, url.searchParams, body, match));
    await write(res, reply, cut);
  } catch (e) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const err = e instanceof HttpError ? e : new HttpError(500, e instanceof Error ? e.message : String(e));
    await write(res, { status: err.status, headers: err.headers, json: { message: err.message } }, null);
  }
}

async function write(res: ServerResponse, reply: Reply, cut: FaultRule | null): Promise<void> {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.json !== undefined || reply.raw !== undefined) {
    const text = reply.raw ?? JSON.stringify(reply.json);
    if (cut) return cutBody(res, reply.status, { ...headers, 'Content-Type': 'application/json' }, typeof text === 'string' ? Buffer.from(text) : text, cut);
    // A string goes to the socket as is: one UTF-8 encode, no intermediate Buffer copy.
    res.writeHead(reply.status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
    res.end(text);
    return;
  }
  res.writeHead(reply.status, { ...headers, 'Content-Type': reply.contentType ?? 'application/octet-stream' });
  let written = 0;
  for (const chunk of reply.chunks?.() ?? []) {
    written++;
    if (cut && written > 1) {
      // Half-way through a streamed export: drop the connection, or end it early.
      if (cut.kind === 'reset') res.destroy();
      else res.end(typeof chunk === 'string' ? chunk.slice(0, chunk.length >> 1) : chunk.subarray(0, chunk.length >> 1));
      return;
    }
    if (!res.write(chunk)) await once(res, 'drain');
    if (res.destroyed) return;
  }
  res.end();
}

/** `truncate` ends a complete HTTP response whose JSON stops half-way; `reset` drops the socket. */
function cutBody(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer, cut: FaultRule): void {
  const half = body.subarray(0, Math.floor(body.length / 2));
  if (cut.kind === 'truncate') {
    res.writeHead(status, { ...headers, 'Content-Length': String(half.length) });
    res.end(half);
    return;
  }
  res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
  res.write(half, () => res.destroy());
}
