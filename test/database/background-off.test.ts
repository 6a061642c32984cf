import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDataService } from '../../src/main/data-service/service';
import { seedActiveAccount } from '../fixtures/app-account';

// Only the app's worker runs the schedule (WorkerOptions.background). A data service opened
// without it (tests, the browser harness, benchmarks) must never sync on its own, even with an
// account whose schedule is on and overdue.
const ctx = { senderUrl: 'test' };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('a data service opened without `background`', () => {
  it('arms nothing and starts no sync, yet answers schedule.status and app.connectivity', async () => {
    // The account's API host: it counts the requests a probe or a sync would make.
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.statusCode = 401;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `http://127.0.0.1:${(server.address() as { port: number }).port}/marketplace`;
    const dataDir = mkdtempSync(join(tmpdir(), 'mpdesk-bg-off-'));
    dirs.push(dataDir);
    seedActiveAccount(dataDir, { id: 'a1', developerId: 'dev-1', baseUrl: host, schedule: { enabled: true, intervalHours: 1, fullReconcileDays: 7 } });
    const events: string[] = [];
    const service = createDataService({ dataDir, version: 'test', emit: (event) => events.push(event) });
    try {
      expect(service.background.scheduler.isRunning('a1')).toBe(false);
      expect(service.background.scheduler.nextRunAt('a1')).toBeNull();
      const status = await service.handlers['schedule.status']({}, ctx);
      expect(status).toMatchObject({ accountId: 'a1', enabled: true, intervalHours: 1, running: false, nextRunAt: null, lastSuccessAt: null });
      expect(await service.handlers['app.connectivity']({}, ctx)).toMatchObject({ online: true, dataAsOf: null });
      // Saving settings re-arms a running schedule only: here it stays idle.
      await service.handlers['settings.update']({ defaultSchedule: { enabled: true, intervalHours: 2, fullReconcileDays: 7 } }, ctx);
      expect(service.background.scheduler.nextRunAt('a1')).toBeNull();
      expect((await service.handlers['sync.status']({}, ctx)).running).toBe(false);
      expect(service.spaceDb.prepare('SELECT count(*) FROM sync_runs').pluck().get()).toBe(0);
      expect(events.filter((e) => e.startsWith('sync.'))).toEqual([]);
      expect(requests).toBe(0);
    } finally {
      service.close();
    }
    // The same files with `background`: the host is probed at once (the check above can fail).
    const withSchedule = createDataService({ dataDir, version: 'test', background: { probe: async () => (requests++, true) } });
    try {
      for (let i = 0; i < 500 && requests === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(requests).toBeGreaterThan(0);
    } finally {
      withSchedule.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
