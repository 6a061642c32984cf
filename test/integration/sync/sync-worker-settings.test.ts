import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { spaceDbPath } from '../../../src/main/store';
import { openSpaceDatabase } from '../../../src/main/space-database';
import { runSyncInWorker } from '../../../src/main/sync/worker/run-in-worker';
import { tempDir } from './helpers';

// The sync worker's optional engine settings (what the sync bench gives the app's own worker) reach
// the engine: aggregates are fetched up to the given `today`, not the clock's. And the thread's
// heap can be sampled while it runs, not once it has ended.
const syncWorker = { path: join(import.meta.dirname, '../../../src/main/sync/worker/sync-worker.ts'), execArgv: ['--import', 'tsx'] };
let sim: RunningSimulator;
let dir: string;

beforeAll(async () => {
  // The simulator's world ends on 2026-11-26; the run below says today is a year and a half earlier.
  sim = await startSimulator({ scale: 'tiny', exportPolls: 0, seed: 5 });
  dir = tempDir('mpdesk-sync-worker-settings-');
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

it('syncs with the settings it is given and reports its heap while running', async () => {
  const dbPath = spaceDbPath(dir, 'space-1');
  const credentials = { baseUrl: sim.baseUrl, developerId: sim.developerId, email: sim.email, token: sim.token };
  const heaps: (number | null)[] = [];
  let sampled: Promise<unknown> = Promise.resolve();
  const sync = runSyncInWorker(syncWorker, { dbPath, credentials, datasets: ['licences', 'revenue'], settings: { today: '2025-06-30', exportPollMs: 0 } }, () => {
    sampled = sync.heapSize().then((h) => heaps.push(h));
  });
  const summary = await sync.done;
  await sampled;
  expect(summary.status).toBe('succeeded');
  expect(heaps.length).toBeGreaterThan(0);
  // A sample asked just before the thread ends may answer null; those asked mid-run hold a size.
  expect(heaps.some((h) => h !== null && h > 1_000_000)).toBe(true);
  expect(await sync.heapSize()).toBeNull();

  const db = openSpaceDatabase(dbPath);
  try {
    const { rows, last } = db.prepare('SELECT count(*) AS rows, max(date) AS last FROM aggregate_series').get() as { rows: number; last: string | null };
    expect(rows).toBeGreaterThan(0);
    expect(last! <= '2025-06-30').toBe(true);
  } finally {
    db.close();
  }
});
