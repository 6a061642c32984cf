import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { probeAccountHost } from '../../../src/main/schedule/probe';
import { appDbPath, openAppDatabase } from '../../../src/main/store';

// Which host the app probes: the active account's own API host (a real HTTP server on 127.0.0.1),
// the Demo space never (its simulator runs inside the app). probeUrl itself and the monitor over a
// real server are tested in test/integration/schedule/connectivity-probe.test.ts.
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
