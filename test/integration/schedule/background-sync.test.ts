import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../src/shared/contract';
import { createDataService, type DataService } from '../../../src/main/data-service/service';
import { createManualClock } from '../../../src/main/schedule/clock';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { startSwitchableProxy } from './switchable-proxy';
import { seedActiveAccount } from '../../fixtures/app-account';

// The schedule wired to a real data service: syncs from the simulator over real HTTP (through a
// proxy that can go away), time moved by a manual clock. Runs record their wall-clock start, so
// the manual clock starts at the real now and every wait is a little past the due time.
const hour = 3_600_000;
const ctx = { senderUrl: 'test' };
const accountId = 'acct-schedule-1';
/** Every sync pulls one small paged data set: the schedule, not the engine, is under test. */
const datasets = ['feedback'];

let sim: RunningSimulator;
let proxy: Awaited<ReturnType<typeof startSwitchableProxy>>;
const dirs: string[] = [];
const services: DataService[] = [];

beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', exportPolls: 0, control: true, seed: 11 });
  proxy = await startSwitchableProxy(Number(new URL(sim.baseUrl).port));
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
});
afterEach(() => {
  for (const s of services.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(schedule = { enabled: true, intervalHours: 6, fullReconcileDays: 7 }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mpdesk-schedule-'));
  dirs.push(dataDir);
  const baseUrl = `${proxy.url()}/marketplace`;
  seedActiveAccount(dataDir, { id: accountId, developerId: sim.developerId, baseUrl, schedule });
  const clock = createManualClock(Date.now());
  const events: { event: EventName; payload: unknown }[] = [];
  const service = createDataService({
    dataDir,
    version: 'test',
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => events.push({ event, payload }),
    credentialsFor: async () => ({ baseUrl, developerId: sim.developerId, email: sim.email, token: sim.token }),
    background: { clock, datasets },
  });
  services.push(service);
  const finished = () => events.filter((e) => e.event === 'sync.finished').map((e) => e.payload as EventPayload<'sync.finished'>);
  const runs = () => service.spaceDb.prepare('SELECT mode, status FROM sync_runs ORDER BY id').all() as { mode: string; status: string }[];
  const status = () => service.handlers['schedule.status']({}, ctx) as Awaited<ReturnType<DataService['handlers']['schedule.status']>>;
  return { service, clock, events, finished, runs, status, dataDir };
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('background sync in the data service', () => {
  it('syncs at start-up (a first load), then after each interval, with progress and sync.finished as for Sync now', async () => {
    const t = setup();
    await until(() => t.finished().length === 1, 'the start-up sync');
    expect(t.runs()).toEqual([{ mode: 'routine', status: 'succeeded' }]);
    expect(t.events.some((e) => e.event === 'sync.progress')).toBe(true);
    expect(t.events.some((e) => e.event === 'data.changed')).toBe(true);
    expect(t.finished()[0]).toMatchObject({ accountId, status: 'succeeded' });

    const s = await t.status();
    expect(s).toMatchObject({ accountId, enabled: true, intervalHours: 6, running: false, pausedBecauseOffline: false, nextRunFull: false });
    expect(Date.parse(s.lastSuccessAt!)).toBeLessThanOrEqual(Date.now());
    // Due six hours after the last run started.
    expect(Date.parse(s.nextRunAt!) - Date.parse(s.lastSuccessAt!)).toBeGreaterThanOrEqual(6 * hour - 60_000);
    expect(Date.parse(s.nextRunAt!) - Date.parse(s.lastSuccessAt!)).toBeLessThanOrEqual(6 * hour + 60_000);

    // Nothing happens before the interval is up.
    await t.clock.advance(5 * hour);
    expect(t.finished()).toHaveLength(1);
    await t.clock.advance(hour + 5 * 60_000);
    await until(() => t.finished().length >= 2, 'the interval sync');
    // Only the first two runs are this test's: runs record their wall-clock start while the
    // schedule reads the manual clock, which is now ~6 h ahead, so any later re-arm (a probe,
    // the end poll) finds the next run "due" at once — an artefact of the two clocks, not of
    // the schedule, which in the app reads one clock for both.
    expect(t.runs().slice(0, 2).map((r) => r.mode)).toEqual(['routine', 'routine']);
  });

  it('does not sync at start-up when the last sync is recent; when it is older than the interval and the reconciliation period, the catch-up is a full one', async () => {
    const t = setup({ enabled: true, intervalHours: 24, fullReconcileDays: 2 });
    await until(() => t.finished().length === 1, 'the start-up sync');
    t.service.close();
    services.pop();
    const restart = () => {
      const s = createDataService({
        dataDir: t.dataDir,
        version: 'test',
        credentialsFor: async () => ({ baseUrl: `${proxy.url()}/marketplace`, developerId: sim.developerId, email: sim.email, token: sim.token }),
        background: { clock: t.clock, datasets },
      });
      services.push(s);
      return s;
    };
    const runs = (s: DataService) => s.spaceDb.prepare('SELECT mode FROM sync_runs WHERE status = ? ORDER BY id').pluck().all('succeeded') as string[];

    // A restart soon after: the last sync is recent, nothing runs; the next one is a routine one.
    const again = restart();
    await until(async () => (await again.handlers['schedule.status']({}, ctx)).nextRunAt !== null, 'the schedule armed');
    expect(runs(again)).toEqual(['routine']);
    expect((await again.handlers['schedule.status']({}, ctx)).nextRunFull).toBe(false);
    again.close();
    services.pop();

    // The app was closed for three days (the history says so): the start-up catch-up reconciles in full.
    const space = createDataService({ dataDir: t.dataDir, version: 'test' });
    const threeDaysAgo = new Date(t.clock.now() - 3 * 24 * hour).toISOString();
    space.spaceDb.prepare('UPDATE sync_runs SET started_at = ?, finished_at = ?').run(threeDaysAgo, threeDaysAgo);
    space.close();
    const later = restart();
    await until(() => runs(later).length === 2, 'the start-up catch-up');
    expect(runs(later)).toEqual(['routine', 'full']);
    const s = await later.handlers['schedule.status']({}, ctx);
    expect(s.nextRunFull).toBe(false);
    expect(Date.parse(s.lastFullAt!)).toBeGreaterThan(Date.parse(threeDaysAgo));
  });

  it('never runs two syncs of the account: a due schedule joins the sync the user started', async () => {
    const t = setup();
    await until(() => t.finished().length === 1, 'the start-up sync');
    sim.control.setFaults('slow:ms=300:path=/feedback');
    try {
      expect((await t.service.handlers['sync.start']({ full: false }, ctx)).started).toBe(true);
      expect((await t.status()).running).toBe(true);
      await t.clock.advance(6 * hour + 5 * 60_000);
      expect(t.service.background.scheduler.isRunning(accountId)).toBe(true);
      await until(() => t.finished().length === 2, 'the user’s sync');
    } finally {
      sim.control.setFaults('');
    }
    await until(() => !t.service.background.scheduler.isRunning(accountId), 'the schedule to see the end');
    expect(t.runs()).toHaveLength(2);
    expect((await t.status()).running).toBe(false);
    expect((await t.status()).nextRunAt).not.toBeNull();
  });

  it('pauses while the API host is unreachable and catches up when it comes back', async () => {
    const t = setup();
    await until(() => t.finished().length === 1, 'the start-up sync');
    await proxy.down();
    try {
      await t.clock.advance(60_000); // the next connectivity probe
      await until(() => t.events.some((e) => e.event === 'app.connectivity'), 'the offline event');
      const offline = t.events.find((e) => e.event === 'app.connectivity')!.payload as EventPayload<'app.connectivity'>;
      expect(offline.online).toBe(false);
      expect(offline.dataAsOf).toBe((await t.status()).lastSuccessAt);
      expect(await t.service.handlers['app.connectivity']({}, ctx)).toMatchObject({ online: false });
      expect(await t.status()).toMatchObject({ pausedBecauseOffline: true, nextRunAt: null });
      // Past the interval: nothing is attempted while offline.
      await t.clock.advance(7 * hour);
      expect(t.finished()).toHaveLength(1);
      expect(t.runs()).toHaveLength(1);
    } finally {
      await proxy.up();
    }
    await t.clock.advance(10_000); // the offline probe interval
    await until(() => t.finished().length === 2, 'the catch-up sync');
    expect(await t.service.handlers['app.connectivity']({}, ctx)).toMatchObject({ online: true });
    expect(t.runs().map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('re-arms on settings.update: off stops the schedule, a shorter interval brings the next run forward', async () => {
    const t = setup();
    await until(() => t.finished().length === 1, 'the start-up sync');
    const last = Date.parse((await t.status()).lastSuccessAt!);
    await t.service.handlers['settings.update']({ defaultSchedule: { enabled: false, intervalHours: 6, fullReconcileDays: 7 } }, ctx);
    expect(await t.status()).toMatchObject({ enabled: false, nextRunAt: null });
    await t.clock.advance(7 * hour);
    expect(t.finished()).toHaveLength(1);

    // A per-account schedule overrides the default; already overdue, it syncs at once.
    await t.service.handlers['settings.update']({ schedules: { [accountId]: { enabled: true, intervalHours: 2, fullReconcileDays: 7 } } }, ctx);
    await until(() => t.finished().length === 2, 'the overdue sync');
    const s = await t.status();
    expect(s).toMatchObject({ enabled: true, intervalHours: 2 });
    expect(Date.parse(s.lastSuccessAt!)).toBeGreaterThan(last);
  });
});
