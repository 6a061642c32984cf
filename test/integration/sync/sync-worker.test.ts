import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { recordDataset } from '../../../src/shared/catalogue';
import type { EventName, EventPayload } from '../../../src/shared/contract';
import { createDataService, type DataService } from '../../../src/main/data-service/service';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { appDbPath, openAppDatabase, spaceDbPath } from '../../../src/main/store';
import { createRecordWriter } from '../../../src/main/store/record-writer';
import { openSpaceDatabase } from '../../../src/main/space-database';
import { seedActiveAccount } from '../../fixtures/app-account';
import { tempDir } from './helpers';

// The app's sync in a worker thread of its own (the .ts entry through tsx, as the data worker is
// tested), over the simulator on real HTTP and a real space file. The worker's test hook holds a
// write transaction open — as finishBulkLoad or the metrics refresh do for minutes at 1M rows —
// until the test releases it through shared memory: no sleeps, and the test knows the lock is held.
const ctx = { senderUrl: 'test' };
const accountId = 'acct-worker-1';
const syncWorkerPath = join(import.meta.dirname, '../../../src/main/sync/worker/sync-worker.ts');
const seeded = 120;

let sim: RunningSimulator;
const dirs: string[] = [];
const services: DataService[] = [];

beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', exportPolls: 0, control: true, seed: 21 });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  for (const s of services.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A space holding `seeded` licences of its own, and a data service whose syncs run in a held worker. */
function setup(worker: { path: string | URL; execArgv?: string[] } = { path: syncWorkerPath, execArgv: ['--import', 'tsx'] }) {
  const dataDir = tempDir('mpdesk-sync-worker-');
  dirs.push(dataDir);
  seedActiveAccount(dataDir, { id: accountId, developerId: sim.developerId, baseUrl: sim.baseUrl });
  const db = openSpaceDatabase(spaceDbPath(dataDir, accountId));
  createRecordWriter(db, recordDataset('licences'))(
    Array.from({ length: seeded }, (_, i) => ({ appEntitlementId: `local-${i}`, addonName: i % 2 ? 'Beta' : 'Alpha' })),
    '2026-01-01T00:00:00Z',
  );
  db.close();
  // Slot 0: the worker holds the write lock; slot 1: the test lets it go on.
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const events: { event: EventName; payload: unknown }[] = [];
  const service = createDataService({
    dataDir,
    version: 'test',
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => events.push({ event, payload }),
    credentialsFor: async () => ({ baseUrl: sim.baseUrl, developerId: sim.developerId, email: sim.email, token: sim.token }),
    syncWorker: { ...worker, holdWrite: flags.buffer as SharedArrayBuffer },
  });
  services.push(service);
  const held = () => until(() => Atomics.load(flags, 0) === 1, 'the worker to hold the write lock');
  const release = () => {
    Atomics.store(flags, 1, 1);
    Atomics.notify(flags, 1);
  };
  const ended = () => until(() => events.some((e) => e.event === 'data.changed' || e.event === 'app.notice'), 'the end of the run');
  return { dataDir, service, events, held, release, ended, path: spaceDbPath(dataDir, accountId) };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Whether some connection holds the file's write lock (a try with no busy wait). */
function writeLocked(path: string): boolean {
  const probe = new Database(path, { fileMustExist: true });
  probe.pragma('busy_timeout = 0');
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw e;
  } finally {
    probe.close();
  }
}

describe('sync in its own worker thread', () => {
  it('answers grid, facet, record, dashboard and summary queries while the sync worker holds a write transaction', async () => {
    const t = setup();
    const h = t.service.handlers;
    let saved = false;
    let save: Promise<{ name: string }> | undefined;
    expect((await h['sync.start']({ datasets: ['licences'], full: false }, ctx)).started).toBe(true);
    await t.held();
    try {
      // The lock is the worker's, and stays held while every query below is answered.
      expect(writeLocked(t.path)).toBe(true);
      // A saved view cannot be written now: it waits without blocking the queries, and lands after.
      save = Promise.resolve(h['views.save']({ dataset: 'licences', name: 'During sync', state: { sortModel: [], filterModel: {}, quickFilter: '', columns: [], flags: {} }, overwrite: false }, ctx));
      void save.then(() => (saved = true));
      const block = await h['grid.query']({ dataset: 'licences', startRow: 0, endRow: 50, sortModel: [{ colId: 'addonName', sort: 'desc' }], filterModel: {}, quickFilter: '', columns: ['addonName'], flags: {} }, ctx);
      expect(block.rowCount).toBe(seeded);
      expect(block.rows[0]).toContain('Beta');
      const facets = await h['grid.facets']({ dataset: 'licences', columns: ['addonName'], filterModel: {}, quickFilter: '', search: '', limit: 200, flags: {} }, ctx);
      expect(facets.addonName!.values.map((v) => [v.value, v.count])).toEqual(expect.arrayContaining([['Alpha', 60], ['Beta', 60]]));
      const key = block.rows[0]![0] as string;
      expect((await h['grid.record']({ dataset: 'licences', key }, ctx)).key).toBe(key);
      expect((await h['datasets.summary']({}, ctx)).find((d) => d.id === 'licences')?.rowCount).toBe(seeded);
      const dashboard = await h['dashboard.get']({ id: 'overview', controls: { from: '2025-01-01', to: '2026-01-01', granularity: 'month', apps: [], hosting: [] } }, ctx);
      expect(dashboard.panels.length).toBeGreaterThan(0);
      expect((await h['sync.status']({}, ctx)).running).toBe(true);
      expect(writeLocked(t.path)).toBe(true);
      expect(saved).toBe(false);
    } finally {
      t.release();
    }
    await t.ended();
    expect((await save!).name).toBe('During sync');
    expect((await h['views.list']({ dataset: 'licences' }, ctx)).map((v) => v.name)).toEqual(['During sync']);
    expect(t.events.some((e) => e.event === 'app.notice')).toBe(false);
    // Progress came over the worker boundary; the reader sees the worker's commits at once.
    const progress = t.events.filter((e) => e.event === 'sync.progress').map((e) => e.payload as EventPayload<'sync.progress'>);
    expect(progress.some((p) => p.dataset === 'licences' && p.phase === 'done')).toBe(true);
    const after = await h['grid.query']({ dataset: 'licences', startRow: 0, endRow: 1, sortModel: [], filterModel: {}, quickFilter: '', columns: ['addonName'], flags: {} }, ctx);
    expect(after.rowCount).toBe(seeded + sim.data.all('licences').length);
    const status = await h['sync.status']({}, ctx);
    expect(status).toMatchObject({ running: false, lastRun: { status: 'succeeded' } });
    expect(writeLocked(t.path)).toBe(false);
  });

  it('cancels through a message: the run ends cancelled, the lock is released and the next sync starts', async () => {
    const t = setup();
    const h = t.service.handlers;
    expect((await h['sync.start']({ datasets: ['licences'], full: true }, ctx)).started).toBe(true);
    await t.held();
    // Queued while the worker is blocked in its transaction; read at its first check after.
    expect((await h['sync.cancel']({}, ctx)).cancelled).toBe(true);
    t.release();
    await t.ended();
    expect((await h['sync.status']({}, ctx)).lastRun?.status).toBe('cancelled');
    expect(t.events.some((e) => e.event === 'app.notice')).toBe(false);
    expect(writeLocked(t.path)).toBe(false);
    // The slot and the lock are free: the next sync (its hold already released) runs to the end.
    const changes = () => t.events.filter((e) => e.event === 'data.changed').length;
    expect((await h['sync.start']({ datasets: ['licences'], full: false }, ctx)).started).toBe(true);
    await until(() => changes() === 2, 'the second run');
    expect((await h['sync.status']({}, ctx)).lastRun?.status).toBe('succeeded');
  });

  it('reports a sync worker that dies without a summary as an error, and frees the slot and the lock', async () => {
    // A worker that stops at once, as one killed by its heap limit would.
    const t = setup({ path: new URL('data:text/javascript,process.exit(3)') });
    const h = t.service.handlers;
    expect((await h['sync.start']({ datasets: ['licences'], full: false }, ctx)).started).toBe(true);
    await t.ended();
    const notice = t.events.find((e) => e.event === 'app.notice')?.payload as EventPayload<'app.notice'>;
    expect(notice).toEqual({ level: 'error', message: 'The sync stopped unexpectedly (exit code 3).' });
    expect(t.events.some((e) => e.event === 'data.changed')).toBe(false);
    expect((await h['sync.status']({}, ctx)).running).toBe(false);
    expect(writeLocked(t.path)).toBe(false);
    // Nothing holds the slot: the next start starts (and dies the same way).
    expect((await h['sync.start']({ datasets: ['licences'], full: false }, ctx)).started).toBe(true);
    await until(() => t.events.filter((e) => e.event === 'app.notice').length === 2, 'the second end');
  });

  it('stops the sync of a space being released (its account removed) before answering, with nothing to tell', async () => {
    const t = setup();
    const h = t.service.handlers;
    expect((await h['sync.start']({ datasets: ['licences'], full: false }, ctx)).started).toBe(true);
    await t.held();
    // Another account becomes the open one; the one syncing is removed with its data.
    const app = openAppDatabase(appDbPath(t.dataDir));
    app.prepare("INSERT INTO accounts VALUES ('acct-next', 'Next', 'dev-next', 'n@example.com', ?, '2026-01-01T00:00:00Z', NULL)").run(sim.baseUrl);
    app.prepare("UPDATE settings SET value = 'acct-next' WHERE key = 'activeAccountId'").run();
    app.close();
    expect((await h['space.open']({}, ctx)).spaceId).toBe('acct-next');
    expect(writeLocked(t.path)).toBe(true);
    const switched = t.events.length; // the switch itself tells every grid to reload
    // The worker is still blocked in its transaction: the release ends it rather than waiting.
    expect((await h['space.release']({ spaceId: accountId }, ctx)).released).toBe(true);
    expect(writeLocked(t.path)).toBe(false);
    expect(t.events.slice(switched).filter((e) => e.event === 'app.notice' || e.event === 'data.changed' || e.event === 'sync.finished')).toEqual([]);
    expect((await h['sync.start']({ datasets: ['feedback'], full: false }, ctx)).started).toBe(true);
    t.release();
    await until(() => t.events.slice(switched).some((e) => e.event === 'data.changed'), 'the next account’s sync');
  });
});
