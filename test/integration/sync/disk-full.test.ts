import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { openSpaceDatabase } from '../../../src/main/space-database';
import { quoteIdent, spaceDbPath, type Db } from '../../../src/main/store';
import { recordDataset, type RecordDatasetId } from '../../../src/shared/catalogue';
import { runSync } from '../../../src/main/sync/engine';
import { contentChecksum, tempDir } from './helpers';

let sim: RunningSimulator;
const dirs: string[] = [];
const credentials = () => ({ baseUrl: sim.baseUrl, developerId: sim.developerId, email: sim.email, token: sim.token });
// Pages and export rows committed in small steps, so the disk fills in the middle of a data set.
const settings = () => ({ exportPollMs: 5, today: sim.control.state().now, pageGroupRows: 50, exportBatchRows: 500 });
const pages = (db: Db) => db.pragma('page_count', { simple: true }) as number;

beforeAll(async () => {
  // Exports of several batches (see settings), so the disk fills between two of them.
  sim = await startSimulator({ scale: 1500, exportPolls: 1, control: true, seed: 11 });
});
afterAll(async () => {
  await sim.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function openSpace(): { dataDir: string; path: string; db: Db } {
  const dataDir = tempDir('mpdesk-full-');
  dirs.push(dataDir);
  const path = spaceDbPath(dataDir, 'space-1');
  return { dataDir, path, db: openSpaceDatabase(path) };
}

describe('a sync that fills the disk', () => {
  it('stops cleanly with the database consistent, says so, and once there is room again ends as an uninterrupted sync', async () => {
    const reference = openSpace();
    expect((await runSync({ db: reference.db, credentials: credentials(), settings: settings() })).status).toBe('succeeded');
    const expected = contentChecksum(reference.db);
    const fullSize = pages(reference.db);
    reference.db.close();

    const space = openSpace();
    const empty = pages(space.db);
    // A real SQLITE_FULL from SQLite itself: the file may not grow past a tenth of what the data needs.
    space.db.pragma(`max_page_count = ${empty + Math.floor((fullSize - empty) / 10)}`);
    const stopped = await runSync({ db: space.db, credentials: credentials(), settings: settings() });
    expect(stopped.status).toBe('failed');
    expect(stopped.error).toEqual({ code: 'db.full', message: `The disk holding ${space.dataDir} is full — free some space and sync again; your data is intact.` });
    // Every data set stopped with that cause, none half-reported as something else.
    for (const d of stopped.datasets.filter((x) => x.status !== 'succeeded')) expect(d.error?.code, d.id).toBe('db.full');
    space.db.close();

    // What is on disk: a sound file whose checkpoints describe exactly the rows written.
    const db = openSpaceDatabase(space.path);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const progress = db.prepare("SELECT dataset, scope, coalesce(json_extract(state, '$.done'), json_extract(state, '$.offset')) AS done FROM sync_checkpoints WHERE scope IN ('export', 'list')").all() as { dataset: string; scope: string; done: number }[];
    expect(progress.filter((p) => p.done > 0).length, 'the disk filled in the middle of a data set').toBeGreaterThan(0);
    for (const p of progress) {
      const table = recordDataset(p.dataset as RecordDatasetId).table;
      expect(db.prepare(`SELECT count(*) FROM ${quoteIdent(table)}`).pluck().get(), `${p.dataset} ${p.scope}`).toBe(p.done);
    }

    // Room again (a new connection has no page limit): the next sync resumes and completes.
    const resumed = await runSync({ db, credentials: credentials(), settings: settings() });
    expect(resumed.status, JSON.stringify(resumed.datasets.filter((d) => d.error))).toBe('succeeded');
    expect(contentChecksum(db)).toBe(expected);
    expect(db.prepare('SELECT count(*) FROM sync_checkpoints').pluck().get()).toBe(0);
    expect(db.prepare('SELECT status FROM sync_runs ORDER BY id').pluck().all()).toEqual(['failed', 'succeeded']);
    db.close();
  }, 120_000);
});
