import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/main/schedule/clock';
import { createConnectivityMonitor } from '../../src/main/schedule/connectivity';

describe('connectivity monitor', () => {
  it('goes offline when the probe fails and back online when it succeeds, probing faster while offline', async () => {
    const clock = createManualClock(0);
    let reachable = true;
    const probes: number[] = [];
    const changes: [boolean, number][] = [];
    const monitor = createConnectivityMonitor({
      clock,
      probe: async () => (probes.push(clock.now()), reachable),
      onlineIntervalMs: 60_000,
      offlineIntervalMs: 10_000,
      onChange: (online, since) => changes.push([online, since]),
    });
    await monitor.start();
    expect(monitor.isOnline()).toBe(true);
    reachable = false;
    await clock.advance(60_000);
    expect(monitor.isOnline()).toBe(false);
    expect(monitor.since()).toBe(60_000);
    await clock.advance(20_000);
    expect(probes).toEqual([0, 60_000, 70_000, 80_000]);
    reachable = true;
    await clock.advance(10_000);
    expect(changes).toEqual([
      [false, 60_000],
      [true, 90_000],
    ]);
    monitor.stop();
  });

  it('takes reports from the sync client at once, and a throwing probe counts as offline', async () => {
    const clock = createManualClock(0);
    const monitor = createConnectivityMonitor({ clock, probe: () => Promise.reject(new Error('ENOTFOUND')), onChange: () => {} });
    monitor.reportSuccess();
    expect(monitor.isOnline()).toBe(true);
    monitor.reportFailure();
    expect(monitor.isOnline()).toBe(false);
    monitor.reportSuccess();
    expect(monitor.isOnline()).toBe(true);
    await monitor.start();
    expect(monitor.isOnline()).toBe(false);
    monitor.stop();
  });
});
