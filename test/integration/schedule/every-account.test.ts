import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../src/shared/contract';
import { createDataService, type DataService } from '../../../src/main/data-service/service';
import { createManualClock } from '../../../src/main/schedule/clock';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { appDbPath, openAppDatabase, openDatabase, spaceDbPath } from '../../../src/main/store';
import { seedActiveAccount } from '../../fixtures/app-account';

// The schedule covers every saved account, not only the open one: a second account's sync runs
// in the sync worker on its own file while the first stays open, one sync at a time, and its
// sync.finished names it. Real data service, real sync worker (tsx), simulator over real HTTP.
const hour = 3_600_000;
const ctx = { senderUrl: 'test' };
const active = 'acct-open';
const other = 'acct-other';
const syncWorker = { path: join(import.meta.dirname, '../../../src/main/sync/worker/sync-worker.ts'), execArgv: ['--import', 'tsx'] };

let sim: RunningSimulator;
const dirs: string[] = [];
const services: DataService[] = [];

beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', exportPolls: 0, seed: 12 });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  for (const s of services.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

type Run = { status: string; started_at: string; finished_at: string };
function runsOf(dataDir: string, id: string): Run[] {
  const db = openDatabase(spaceDbPath(dataDir, id), { readonly: true });
  try {
    return db.prepare('SELECT status, started_at, finished_at FROM sync_runs ORDER BY id').all() as Run[];
  } finally {
    db.close();
  }
}

describe('the schedule of every saved account', () => {
  it('syncs an account that is not open on its own file, one sync at a time, and names it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mpdesk-every-account-'));
    dirs.push(dataDir);
    seedActiveAccount(dataDir, { id: active, developerId: sim.developerId, baseUrl: sim.baseUrl, schedule: { enabled: true, intervalHours: 6, fullReconcileDays: 7 } });
    const app = openAppDatabase(appDbPath(dataDir));
    app.prepare("INSERT INTO accounts VALUES (?, 'Beta Apps', ?, 'b@example.com', ?, '2026-01-01T00:00:00Z', NULL)").run(other, `${sim.developerId}-b`, sim.baseUrl);
    app.close();

    const clock = createManualClock(Date.now());
    const events: { event: EventName; payload: unknown }[] = [];
    const asked: string[] = [];
    const service = createDataService({
      dataDir,
      version: 'test',
      emit: <E extends EventName>(event: E, payload: EventPayload<E>) => events.push({ event, payload }),
      credentialsFor: async (id) => {
        asked.push(id);
        return { baseUrl: sim.baseUrl, developerId: sim.developerId, email: sim.email, token: sim.token };
      },
      syncWorker,
      background: { clock, datasets: ['feedback'] },
    });
    services.push(service);
    const finished = () => events.filter((e) => e.event === 'sync.finished').map((e) => e.payload as EventPayload<'sync.finished'>);

    // Both are due at start-up (never synced): each gets its first load, the open one untouched by the other.
    await until(() => finished().length === 2, 'both start-up syncs');
    expect(finished().map((f) => [f.accountId, f.accountName, f.status]).sort()).toEqual([
      [active, 'Acme', 'succeeded'],
      [other, 'Beta Apps', 'succeeded'],
    ]);
    expect(asked.sort()).toEqual([active, other]);
    expect((await service.handlers['maintenance.activeSpace']({}, ctx)).spaceId).toBe(active);
    const feedback = sim.data.all('feedback').length;
    const count = (id: string) => {
      const db = openDatabase(spaceDbPath(dataDir, id), { readonly: true });
      try {
        return db.prepare('SELECT count(*) FROM feedback').pluck().get() as number;
      } finally {
        db.close();
      }
    };
    expect(count(other)).toBe(feedback);
    expect(count(active)).toBe(feedback);
    // Only the open space's grids are told to reload.
    expect(events.filter((e) => e.event === 'data.changed')).toHaveLength(1);
    // One at a time: one run ended before the other started.
    const [a] = runsOf(dataDir, active);
    const [b] = runsOf(dataDir, other);
    expect(a!.finished_at <= b!.started_at || b!.finished_at <= a!.started_at).toBe(true);

    // Each is due again an interval after its run.
    await until(() => service.background.scheduler.nextRunAt(other) !== null && service.background.scheduler.nextRunAt(active) !== null, 'both re-armed');
    await clock.advance(6 * hour + 5 * 60_000);
    await until(() => finished().filter((f) => f.accountId === other).length >= 2, 'the other account’s interval sync');
    expect(runsOf(dataDir, other).map((r) => r.status).slice(0, 2)).toEqual(['succeeded', 'succeeded']);

    // Removed (the accounts service re-opens the active space after a removal): off the schedule.
    await until(() => !service.background.scheduler.isRunning(other) && !service.background.scheduler.isRunning(active), 'the runs to end');
    const appAgain = openAppDatabase(appDbPath(dataDir));
    appAgain.prepare('DELETE FROM accounts WHERE id = ?').run(other);
    appAgain.close();
    await service.handlers['space.open']({}, ctx);
    expect(service.background.scheduler.nextRunAt(other)).toBeNull();
    expect(service.background.scheduler.nextRunAt(active)).not.toBeNull();
  });
});
