import { expect } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { runSync } from '../../../src/main/sync/engine';
import { startHarness, type Harness } from './harness';

export interface SyncedHarness {
  h: Harness;
  sim: RunningSimulator;
  /** The simulator's "today" (UTC day), which dashboards' date presets are relative to. */
  today: string;
  close(): Promise<void>;
}

/**
 * The harness over demo data as the app gets it: the simulator's generated vendor (tiny scale)
 * synced by the real engine into the data service's space — records, every aggregate report,
 * then the metrics refresh — so charts draw and grids have rows.
 */
export async function startSyncedHarness(): Promise<SyncedHarness> {
  const today = new Date().toISOString().slice(0, 10);
  const sim = await startSimulator({ scale: 'tiny', exportPolls: 0, now: today });
  const h = await startHarness();
  const summary = await runSync({
    db: h.data.spaceDb,
    credentials: { baseUrl: sim.baseUrl, developerId: sim.developerId, email: sim.email, token: sim.token },
    settings: { exportPollMs: 10, today },
  });
  expect(summary.status).toBe('succeeded');
  return {
    h,
    sim,
    today,
    async close() {
      await h.close();
      await sim.close();
    },
  };
}
