import { createServer, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/main/schedule/clock';
import { createConnectivityMonitor } from '../../../src/main/schedule/connectivity';
import { probeUrl } from '../../../src/main/schedule/probe';

// The probe against a real HTTP server on 127.0.0.1 that goes away and comes back on its port.
async function listen(port = 0, status = 401): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => {
    res.statusCode = status; // any HTTP answer, even a refusal, means the network is there
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as { port: number }).port };
}
const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('connectivity probe over real HTTP', () => {
  it('answers online for any HTTP status and offline for a refused connection or a timeout', async () => {
    const { server, port } = await listen(0, 404);
    expect(await probeUrl(`http://127.0.0.1:${port}/marketplace`)).toBe(true);
    await close(server);
    expect(await probeUrl(`http://127.0.0.1:${port}/marketplace`)).toBe(false);
    // A server that accepts but never answers: offline after the timeout.
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const silentPort = (silent.address() as { port: number }).port;
    expect(await probeUrl(`http://127.0.0.1:${silentPort}/`, 200)).toBe(false);
    await close(silent);
  });

  it('the monitor goes offline when the server goes away and back online when it returns', async () => {
    const first = await listen();
    const port = first.port;
    let server = first.server;
    const url = `http://127.0.0.1:${port}/marketplace`;
    const clock = createManualClock(Date.UTC(2026, 10, 26, 12));
    const changes: boolean[] = [];
    const monitor = createConnectivityMonitor({ clock, probe: () => probeUrl(url, 2000), onChange: (online) => changes.push(online) });
    await monitor.start();
    expect(monitor.isOnline()).toBe(true);

    await close(server);
    await clock.advance(60_000);
    await until(() => changes.length === 1, 'offline');
    expect(monitor.isOnline()).toBe(false);
    expect(monitor.since()).toBe(Date.UTC(2026, 10, 26, 12) + 60_000);

    // Still away at the next (shorter) offline probe.
    await clock.advance(10_000);
    expect(changes).toEqual([false]);

    server = (await listen(port)).server;
    await until(() => clock.pending() > 0, 'the next probe armed');
    await clock.advance(10_000);
    await until(() => changes.length === 2, 'online again');
    expect(changes).toEqual([false, true]);
    monitor.stop();
    await close(server);
  });
});
