import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../src/shared/contract';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { spaceDbPath, type Db } from '../../../src/main/store';
import { createSyncHandlers } from '../../../src/main/sync/service-handlers';
import { acquireSyncLock } from '../../../src/main/maintenance/sync-lock';
import { tempDir } from './helpers';
import { openSpaceDatabase } from '../../../src/main/space-database';

let sim: RunningSimulator;
let dataDir: string;
let db: Db;
const events: { event: EventName; payload: unknown }[] = [];
const ctx = { senderUrl: 'test' };

beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', exportPolls: 0, control: true, seed: 5 });
  dataDir = tempDir('mpdesk-sync-service-');
  db = openSpaceDatabase(spaceDbPath(dataDir, 'space-1'));
});
afterAll(async () => {
  db.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function handlers() {
  return createSyncHandlers({
    dataDir,
    spaces: { currentId: () => 'space-1', db: () => db },
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => events.push({ event, payload }),
    credentialsFor: async (id) => {
      expect(id).toBe('space-1');
      return { baseUrl: sim.baseUrl, developerId: sim.developerId, email: sim.email, token: sim.token };
    },
  });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 6000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('sync methods of the data service', () => {
  it('sync.start runs in the background, streams progress, ends with data.changed; sync.status reports it', async () => {
    const h = handlers();
    const started = await h['sync.start']({ datasets: ['licences', 'feedback', 'revenue'], full: false }, ctx);
    expect(started.started).toBe(true);
    // One sync per database: a second start while the first runs starts nothing.
    expect((await h['sync.start']({ full: false }, ctx)).started).toBe(false);
    expect((await h['sync.status']({}, ctx)).running).toBe(true);
    await until(() => events.some((e) => e.event === 'data.changed'), 'data.changed');

    const progress = events.filter((e) => e.event === 'sync.progress').map((e) => e.payload as EventPayload<'sync.progress'>);
    for (const id of ['licences', 'feedback']) expect(progress.some((p) => p.dataset === id && p.phase === 'done' && p.total !== null && p.done === p.total), id).toBe(true);
    const changed = events.find((e) => e.event === 'data.changed')!.payload as EventPayload<'data.changed'>;
    expect(changed.datasets).toEqual(expect.arrayContaining(['licences', 'feedback', 'revenue']));

    const status = await h['sync.status']({}, ctx);
    expect(status.lastRun?.status).toBe('succeeded');
    const licences = status.datasets.find((d) => d.id === 'licences')!;
    expect(licences.rows).toBe(sim.data.all('licences').length);
    expect(licences.lastSuccessAt).not.toBeNull();
    expect(status.datasets.find((d) => d.id === 'transactions')!.lastSuccessAt).toBeNull();
  });

  it('sync.cancel stops a running sync; what was written stays and the lock is released', async () => {
    const h = handlers();
    events.length = 0;
    sim.control.setFaults('slow:ms=400:path=/licenses');
    try {
      expect((await h['sync.start']({ datasets: ['licences'], full: true }, ctx)).started).toBe(true);
      expect((await h['sync.cancel']({}, ctx)).cancelled).toBe(true);
      await until(() => events.some((e) => e.event === 'data.changed'), 'the end of the cancelled run');
    } finally {
      sim.control.setFaults('');
    }
    const status = await h['sync.status']({}, ctx);
    expect(status.running).toBe(false);
    expect(status.lastRun?.status).toBe('cancelled');
    expect(status.datasets.find((d) => d.id === 'licences')!.rows).toBe(sim.data.all('licences').length);
    // The lock went with the run: the next start is accepted.
    expect((await h['sync.start']({ datasets: ['feedback'], full: false }, ctx)).started).toBe(true);
    await until(() => events.filter((e) => e.event === 'data.changed').length >= 2, 'the next run');
  });

  it('takes the same lock as mpdesk sync: refused clearly while another sync of the account holds it, and one start of two at once', async () => {
    const h = handlers();
    events.length = 0;
    // What `mpdesk sync` of this account takes (sync-run.ts); here in this process, so its pid is ours.
    const cli = await acquireSyncLock(spaceDbPath(dataDir, 'space-1'));
    try {
      await expect(h['sync.start']({ datasets: ['feedback'], full: false }, ctx)).rejects.toThrowError(
        `A sync of this account is already running (pid ${process.pid}, started`,
      );
      expect((await h['sync.status']({}, ctx)).running).toBe(false);
    } finally {
      await cli();
    }
    const [first, second] = await Promise.all([h['sync.start']({ datasets: ['feedback'], full: false }, ctx), h['sync.start']({ datasets: ['feedback'], full: false }, ctx)]);
    expect([first.started, second.started].sort()).toEqual([false, true]);
    await until(() => events.some((e) => e.event === 'data.changed'), 'the end of the run');
    expect(events.filter((e) => e.event === 'data.changed')).toHaveLength(1);
  });
});
