/**
 * A lean keep-alive HTTP client for the simulator bench: node:http with four pooled sockets (a
 * sync's concurrency), bodies counted and dropped unless asked for, so this process spends as
 * little of the shared CPU as it can. Server cost is read from the simulator's /proc figures.
 */
import { Agent, request as httpRequest } from 'node:http';
import type { SimulatorProcess } from './process';

export const concurrency = 4;
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

export interface Fetched {
  status: number;
  bytes: number;
  body: Buffer | null;
}

/**
 * One request. A kept-alive socket the server closed as it went idle (its 5 s keep-alive timeout)
 * can be picked for the next request in the same instant: that request fails with ECONNRESET
 * before any response, and is sent again once (Node's documented pattern, `req.reusedSocket`).
 */
export async function fetchUrl(url: string, auth: string, options: { method?: 'GET' | 'POST'; keep?: boolean } = {}): Promise<Fetched> {
  try {
    return await fetchOnce(url, auth, options);
  } catch (e) {
    if (!(e instanceof StaleSocketError)) throw e;
    return fetchOnce(url, auth, options);
  }
}

class StaleSocketError extends Error {}

function fetchOnce(url: string, auth: string, options: { method?: 'GET' | 'POST'; keep?: boolean }): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', agent, headers: { authorization: auth } }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (options.keep) chunks.push(c);
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, bytes, body: options.keep ? Buffer.concat(chunks) : null }));
      res.once('error', reject);
    });
    req.once('error', (e: NodeJS.ErrnoException) => reject(req.reusedSocket && e.code === 'ECONNRESET' ? new StaleSocketError(e.message) : e));
    req.end();
  });
}

export async function fetchJson<T>(url: string, auth: string, method: 'GET' | 'POST' = 'GET'): Promise<T> {
  const r = await fetchUrl(url, auth, { method, keep: true });
  if (r.status !== 200) throw new Error(`${method} ${url}: HTTP ${r.status} ${r.body!.toString('utf8').slice(0, 200)}`);
  return JSON.parse(r.body!.toString('utf8')) as T;
}

/** What the simulator spent serving some requests, and what arrived. */
export interface Served {
  rows: number;
  bytes: number;
  wallS: number;
  serverCpuS: number;
}

export function withQuery(url: string, query: string): string {
  return query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
}

/**
 * Records a list holds: its `totalCount`, or (sale-metric details have none) the first empty
 * page found by bisection on the offset.
 */
export async function countList(sim: SimulatorProcess, url: string, key: string): Promise<number> {
  const first = await fetchJson<Record<string, unknown>>(withQuery(url, 'limit=50'), sim.auth);
  if (typeof first.totalCount === 'number') return first.totalCount;
  const sizeAt = async (offset: number) => ((await fetchJson<Record<string, unknown[]>>(withQuery(url, `offset=${offset}&limit=50`), sim.auth))[key] ?? []).length;
  let lo = 0;
  let hi = 50;
  while ((await sizeAt(hi)) === 50) hi *= 2;
  // Invariant: the page at lo is full (or lo = 0), the page at hi is not.
  while (hi - lo > 50) {
    const mid = lo + Math.floor((hi - lo) / 100) * 50;
    if ((await sizeAt(mid)) === 50) lo = mid;
    else hi = mid;
  }
  return hi + (await sizeAt(hi));
}

/** `pages` pages of 50 from `offset` on, over four keep-alive connections. */
export async function servePages(sim: SimulatorProcess, url: string, total: number, offset: number, pages: number, keep: Buffer[] | null): Promise<Served> {
  const count = Math.max(0, Math.min(pages, Math.ceil((total - offset) / 50)));
  let next = 0;
  let bytes = 0;
  const cpu = sim.cpuSeconds();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const k = next++;
        const r = await fetchUrl(withQuery(url, `offset=${offset + k * 50}&limit=50`), sim.auth, { keep: keep !== null });
        if (r.status !== 200) throw new Error(`${url} at ${offset + k * 50}: HTTP ${r.status}`);
        bytes += r.bytes;
        if (keep && r.body) keep.push(r.body);
      }
    }),
  );
  return { rows: Math.min(count * 50, total - offset), bytes, wallS: (performance.now() - started) / 1000, serverCpuS: sim.cpuSeconds() - cpu };
}

/** One whole streamed response (a sync export or an async download), counted and dropped. */
export async function serveWhole(sim: SimulatorProcess, url: string, rows: number): Promise<Served> {
  const cpu = sim.cpuSeconds();
  const started = performance.now();
  const r = await fetchUrl(url, sim.auth);
  if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status}`);
  return { rows, bytes: r.bytes, wallS: (performance.now() - started) / 1000, serverCpuS: sim.cpuSeconds() - cpu };
}

/**
 * Date-windowed JSON exports, one per window (as a sync pulls sale-metric details and feedback
 * per window): each window is a new selection. Rows are counted from the bodies after the
 * simulator's CPU time is read.
 */
export async function serveWindows(sim: SimulatorProcess, exportUrl: string, windows: readonly [string, string][]): Promise<Served> {
  const bodies: Buffer[] = [];
  let bytes = 0;
  const cpu = sim.cpuSeconds();
  const started = performance.now();
  for (const [from, to] of windows) {
    const r = await fetchUrl(withQuery(exportUrl, `accept=json&startDate=${from}&endDate=${to}`), sim.auth, { keep: true });
    if (r.status !== 200) throw new Error(`${exportUrl} ${from}..${to}: HTTP ${r.status}`);
    bytes += r.bytes;
    bodies.push(r.body!);
  }
  const wallS = (performance.now() - started) / 1000;
  const serverCpuS = sim.cpuSeconds() - cpu;
  const rows = bodies.reduce((n, body) => n + (JSON.parse(body.toString('utf8')) as unknown[]).length, 0);
  return { rows, bytes, wallS, serverCpuS };
}

interface ExportLinks {
  _links: { status: { href: string }; download: { href: string } };
}

/** Starts an async export, polls it to COMPLETED and returns the download URL (not yet fetched). */
export async function completeAsyncExport(sim: SimulatorProcess, url: string): Promise<string> {
  const origin = new URL(sim.ds).origin;
  const started = await fetchJson<ExportLinks>(url, sim.auth, 'POST');
  for (let polls = 0; polls < 20; polls++) {
    const s = await fetchJson<{ export: { status: string } }>(`${origin}${started._links.status.href}`, sim.auth);
    if (s.export.status === 'COMPLETED') return `${origin}${started._links.download.href}`;
    if (s.export.status === 'FAILED') throw new Error(`async export ${url} FAILED`);
  }
  throw new Error(`async export ${url} did not complete in 20 polls`);
}
