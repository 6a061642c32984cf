import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/main/schedule/clock';
import { createConnectivityMonitor } from '../../../src/main/schedule/connectivity';
import { probeAccountHost, probeUrl } from '../../../src/main/schedule/probe';
import { appDbPath, openAppDatabase } from '../../../src/main/store';

// The connectivity probe against a real HTTP server on 127.0.0.1: any answer means online, a
// refused connection or a server that never answers means offline; the server going away and
// coming back on the same port moves the monitor offline and back online.
type Answer = (res: ServerResponse) => void;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startServer(answer: Answer, port = 0) {
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => answer(res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  cleanups.push(close);
  const actualPort = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${actualPort}/marketplace`, port: actualPort, close };
}

const status = (code: number): Answer => (res) => {
  res.statusCode = code;
  res.end();
};

describe('probeUrl', () => {
  it.each([200, 401, 404, 500, 503])('any HTTP answer (%i) means the network is there', async (code) => {
    const s = await startServer(status(code));
    expect(await probeUrl(s.url, 2_000)).toBe(true);
  });

  it('a refused connection means offline', async () => {
    const s = await startServer(status(200));
    await s.close();
    expect(await probeUrl(s.url, 2_000)).toBe(false);
  });

  it('a server that never answers means offline, within the timeout', async () => {
    const s = await startServer(() => {}); // accepts, never answers
    const started = performance.now();
    expect(await probeUrl(s.url, 300)).toBe(false);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe('probeAccountHost', () => {
  it('probes the account’s own API host; the Demo space (no account row) is always reachable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpdesk-probe-'));
    const db = openAppDatabase(appDbPath(dir));
    cleanups.push(() => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const s = await startServer(status(401));
    db.prepare("INSERT INTO accounts VALUES ('a1', 'Acme', 'dev-1', 'p@example.com', ?, '2026-01-01T00:00:00Z', NULL)").run(s.url);
    expect(await probeAccountHost(db, 'a1', 2_000)).toBe(true);
    await s.close();
    expect(await probeAccountHost(db, 'a1', 2_000)).toBe(false);
    expect(await probeAccountHost(db, 'demo', 2_000)).toBe(true);
  });
});

describe('connectivity monitor over a real server', () => {
  it('goes offline when the server goes away and back online when it returns on the same port', async () => {
    let s = await startServer(status(401));
    const clock = createManualClock(Date.parse('2026-11-26T08:00:00Z'));
    const changes: { online: boolean; at: number }[] = [];
    let probesAnswered = 0;
    const monitor = createConnectivityMonitor({
      clock,
      probe: () => probeUrl(s.url, 1_000).finally(() => probesAnswered++),
      onlineIntervalMs: 60_000,
      offlineIntervalMs: 10_000,
      onChange: (online, at) => changes.push({ online, at }),
    });
    cleanups.push(() => monitor.stop());
    await monitor.start();
    expect(monitor.isOnline()).toBe(true);

    const port = s.port;
    await s.close();
    await clock.advance(60_000);
    await until(() => !monitor.isOnline());
    expect(changes).toEqual([{ online: false, at: Date.parse('2026-11-26T08:01:00Z') }]);
    expect(monitor.since()).toBe(Date.parse('2026-11-26T08:01:00Z'));

    // Still away at the next (faster) offline probe: no change announced.
    await clock.advance(10_000);
    await until(() => probesAnswered === 3);
    expect(monitor.isOnline()).toBe(false);
    expect(changes).toHaveLength(1);

    s = await startServer(status(401), port);
    await clock.advance(10_000);
    await until(() => monitor.isOnline());
    expect(changes.map((c) => c.online)).toEqual([false, true]);
    expect(changes[1]!.at).toBe(Date.parse('2026-11-26T08:01:20Z'));
  });
});

/** The probe is real network I/O outside the manual clock: wait for its answer, boundedly. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}
