import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../src/shared/contract';
import { createDataService, type DataService } from '../../../src/main/data-service/service';
import { createManualClock } from '../../../src/main/schedule/clock';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { startSwitchableProxy } from '../schedule/switchable-proxy';
import { seedActiveAccount } from '../../fixtures/app-account';

// The monitor hears of a lost network from the sync itself, not only at its next probe: with the
// clock standing still (no probe due), a sync that cannot reach the API host turns the app
// offline at once, and the next sync that gets through turns it back online.
const ctx = { senderUrl: 'test' };
const accountId = 'acct-fed-1';
let sim: RunningSimulator;
let proxy: Awaited<ReturnType<typeof startSwitchableProxy>>;
let service: DataService;
let dataDir: string;
const connectivity: EventPayload<'app.connectivity'>[] = [];
const finished: EventPayload<'sync.finished'>[] = [];

beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', exportPolls: 0, seed: 31 });
  proxy = await startSwitchableProxy(Number(new URL(sim.baseUrl).port));
  const baseUrl = `${proxy.url()}/marketplace`;
  dataDir = mkdtempSync(join(tmpdir(), 'mpdesk-fed-'));
  // The schedule off: only the syncs this test starts run.
  seedActiveAccount(dataDir, { id: accountId, developerId: sim.developerId, baseUrl, schedule: { enabled: false, intervalHours: 6, fullReconcileDays: 7 } });
  service = createDataService({
    dataDir,
    version: 'test',
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event === 'app.connectivity') connectivity.push(payload as EventPayload<'app.connectivity'>);
      if (event === 'sync.finished') finished.push(payload as EventPayload<'sync.finished'>);
    },
    credentialsFor: async () => ({ baseUrl, developerId: sim.developerId, email: sim.email, token: sim.token }),
    background: { clock: createManualClock(Date.now()) },
  });
}, 120_000);
afterAll(async () => {
  service?.close();
  await proxy?.close();
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 9000 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

async function syncAndWait(): Promise<EventPayload<'sync.finished'>> {
  const before = finished.length;
  expect((await service.handlers['sync.start']({ full: false, datasets: ['licences'] }, ctx)).started).toBe(true);
  await until(() => finished.length > before, 'the sync to end');
  return finished.at(-1)!;
}

describe('connectivity fed by the sync', () => {
  it('a sync that cannot reach the host turns the app offline at once; one that gets through brings it back', async () => {
    // The start-up probe found the host.
    await until(() => service.background.monitor.since() > 0 && service.background.monitor.isOnline(), 'the start-up probe');
    expect((await syncAndWait()).status).toBe('succeeded');
    expect(connectivity).toEqual([]);

    await proxy.down();
    try {
      const failed = await syncAndWait();
      expect(failed.status).toBe('failed');
      expect(connectivity.map((c) => c.online)).toEqual([false]);
      const state = await service.handlers['app.connectivity']({}, ctx);
      expect(state.online).toBe(false);
      // "Offline — data as of" the last sync that succeeded, not the failed one.
      expect(state.dataAsOf).toBe((await service.handlers['schedule.status']({}, ctx)).lastSuccessAt);
      expect(state.dataAsOf).not.toBeNull();
    } finally {
      await proxy.up();
    }
    // No probe is due (the clock stands still): the successful sync alone brings the app back.
    expect((await syncAndWait()).status).toBe('succeeded');
    expect(connectivity.map((c) => c.online)).toEqual([false, true]);
    expect((await service.handlers['app.connectivity']({}, ctx)).online).toBe(true);
  });
});
