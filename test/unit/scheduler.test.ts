import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/main/schedule/clock';
import { createScheduler, type SyncHistory } from '../../src/main/schedule/scheduler';
import type { SyncSchedule } from '../../src/shared/settings';

const hour = 3_600_000;
const day = 24 * hour;
const start = Date.UTC(2026, 10, 26, 9, 0, 0);

function setup(options: { history?: SyncHistory; schedule?: Partial<SyncSchedule>; online?: boolean; fail?: boolean } = {}) {
  const clock = createManualClock(start);
  const history: SyncHistory = options.history ?? { lastSuccessAt: null, lastFullAt: null };
  const schedule: SyncSchedule = { enabled: true, intervalHours: 6, fullReconcileDays: 7, ...options.schedule };
  let online = options.online ?? true;
  const runs: { at: number; full: boolean; reason: string }[] = [];
  let release: (() => void) | null = null;
  let holdNext = false;
  const scheduler = createScheduler({
    clock,
    schedule: () => schedule,
    history: () => history,
    isOnline: () => online,
    runSync: (_id, { full, reason }) => {
      runs.push({ at: clock.now(), full, reason });
      const finish = () => {
        if (options.fail) throw new Error('sync failed');
        history.lastSuccessAt = clock.now();
        if (full) history.lastFullAt = clock.now();
      };
      if (holdNext) {
        holdNext = false;
        return new Promise<void>((resolve) => {
          release = () => {
            finish();
            resolve();
          };
        });
      }
      return Promise.resolve().then(finish);
    },
  });
  return {
    clock,
    scheduler,
    runs,
    setOnline: (v: boolean) => {
      online = v;
      scheduler.networkChanged(v);
    },
    hold: () => (holdNext = true),
    release: () => release?.(),
  };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('background sync schedule', () => {
  it('syncs at start-up when the last sync is older than the interval, then every interval', async () => {
    const t = setup({ history: { lastSuccessAt: start - 7 * hour, lastFullAt: start - day } });
    t.scheduler.add('acme');
    await settle();
    expect(t.runs).toEqual([{ at: start, full: false, reason: 'startup' }]);
    await t.clock.advance(6 * hour - 1);
    expect(t.runs).toHaveLength(1);
    await t.clock.advance(1);
    expect(t.runs.map((r) => r.at - start)).toEqual([0, 6 * hour]);
    await t.clock.advance(12 * hour);
    expect(t.runs).toHaveLength(4);
  });

  it('waits until the interval has passed since the last sync', async () => {
    const t = setup({ history: { lastSuccessAt: start - hour, lastFullAt: start - day } });
    t.scheduler.add('acme');
    await settle();
    expect(t.runs).toHaveLength(0);
    await t.clock.advance(5 * hour);
    expect(t.runs).toEqual([{ at: start + 5 * hour, full: false, reason: 'schedule' }]);
  });

  it('makes a full reconciliation when the last one is a week old', async () => {
    const t = setup({ history: { lastSuccessAt: start - hour, lastFullAt: start - 7 * day } });
    t.scheduler.add('acme');
    await settle();
    expect(t.runs).toEqual([{ at: start, full: true, reason: 'startup' }]);
    await t.clock.advance(7 * day);
    expect(t.runs.filter((r) => r.full).map((r) => r.at - start)).toEqual([0, 7 * day]);
  });

  it('does nothing when the schedule is off', async () => {
    const t = setup({ schedule: { enabled: false } });
    t.scheduler.add('acme');
    await t.clock.advance(30 * day);
    expect(t.runs).toHaveLength(0);
  });

  it('never runs two syncs of one account at once', async () => {
    const t = setup({ history: { lastSuccessAt: start - hour, lastFullAt: start - day } });
    t.hold();
    const first = t.scheduler.syncNow('acme');
    const second = t.scheduler.syncNow('acme');
    expect(second).toBe(first);
    await t.clock.advance(10 * hour); // the schedule comes due while the manual sync still runs
    expect(t.runs).toHaveLength(1);
    expect(t.scheduler.isRunning('acme')).toBe(true);
    t.release();
    await first;
    expect(t.scheduler.isRunning('acme')).toBe(false);
  });

  it('pauses while offline and catches up when the network returns', async () => {
    const t = setup({ history: { lastSuccessAt: start - hour, lastFullAt: start - day } });
    t.scheduler.add('acme');
    t.setOnline(false);
    await t.clock.advance(12 * hour);
    expect(t.runs).toHaveLength(0);
    t.setOnline(true);
    await settle();
    expect(t.runs).toEqual([{ at: start + 12 * hour, full: false, reason: 'reconnect' }]);
  });

  it('retries a failed sync at the next interval, not in a loop', async () => {
    const t = setup({ fail: true, history: { lastSuccessAt: start - 7 * hour, lastFullAt: start - day } });
    t.scheduler.add('acme');
    await t.clock.advance(hour);
    expect(t.runs).toHaveLength(1);
    await t.clock.advance(5 * hour);
    expect(t.runs.map((r) => r.at - start)).toEqual([0, 6 * hour]);
  });
});
