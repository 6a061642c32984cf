import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveDataDir, type MoveDataDirOptions } from '../../src/main/maintenance/move-data-dir';
import { copyVerified, listDataFiles } from '../../src/main/maintenance/copy-verified';
import { readLocationFile, resolveDataDirSource } from '../../src/main/paths';
import { appDbPath, openAppDatabase, spaceDbPath } from '../../src/main/store';
import { createRecordWriter } from '../../src/main/store/record-writer';
import { openSpaceDatabase } from '../../src/main/space-database';
import { recordDataset } from '../../src/shared/catalogue';
import { AppFailure } from '../../src/shared/result';

let root: string;
let from: string;
let locationFile: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mpdesk-move-'));
  from = join(root, 'old');
  locationFile = join(root, 'config', 'location.json');
  seedDataDir(from);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A data directory as the app leaves it: settings, two spaces (one with an un-checkpointed WAL), logs, a file kept aside. */
function seedDataDir(dir: string): void {
  openAppDatabase(appDbPath(dir)).close();
  for (const [space, count] of [['demo', 2500], ['acme', 800]] as const) {
    const db = openSpaceDatabase(spaceDbPath(dir, space));
    const write = createRecordWriter(db, recordDataset('licences'));
    db.transaction(() => write(Array.from({ length: count }, (_, i) => ({ appEntitlementId: `${space}-${i}`, company: `Company ${i}`, addonName: 'App' })), 't'))();
    if (space === 'acme') {
      // Left open at the copy: its last rows live only in the WAL, which the move must fold in.
      openConnections.push(db);
      continue;
    }
    db.close();
  }
  mkdirSync(join(dir, 'logs'), { recursive: true });
  writeFileSync(join(dir, 'logs', 'app.1.log'), '{"msg":"hello"}\n'.repeat(100));
  writeFileSync(join(dir, 'spaces', 'old.sqlite.corrupt-2026-01-01T00-00-00-000Z'), Buffer.alloc(4096, 7));
}
const openConnections: ReturnType<typeof openSpaceDatabase>[] = [];

/** The service stand-in: `stop` closes what is open (as the worker would), `start` records where it runs. */
function service(extra: Partial<MoveDataDirOptions> & { to: string }) {
  const started: string[] = [];
  const options = {
    from,
    locationFile,
    stop: async () => {
      for (const db of openConnections.splice(0)) db.close();
    },
    start: async (dir: string) => {
      started.push(dir);
    },
    ...extra,
  };
  return { options, started };
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

const licences = (path: string) => {
  const db = openSpaceDatabase(path);
  const n = db.prepare('SELECT count(*) AS n FROM licences').get() as { n: number };
  db.close();
  return n.n;
};

describe('moving the data directory', () => {
  it('copies and verifies every file, records the new place, restarts there, and only then removes the old files', async () => {
    const to = join(root, 'new place');
    const { options, started } = service({ to });
    const progress: number[] = [];
    const bytes: { bytesDone: number; bytesTotal: number }[] = [];
    let oldPresentAtRestart = false;
    const start = async (dir: string) => {
      oldPresentAtRestart = existsSync(spaceDbPath(from, 'demo')) && readLocationFile(locationFile) === to;
      await options.start(dir);
    };
    const result = await moveDataDir({ ...options, start, onProgress: (p) => void (progress.push(p.done), bytes.push(p)) });
    expect(oldPresentAtRestart).toBe(true);

    expect(started).toEqual([to]);
    expect(result).toMatchObject({ from, to, leftBehind: [] });
    expect(result.files).toBe(5);
    expect(progress.at(-1)).toBe(5);
    // Bytes for the settings page's bar: they only grow, and end at the whole.
    expect(bytes.at(-1)).toMatchObject({ bytesDone: result.bytes, bytesTotal: result.bytes });
    expect(bytes.every((b, i) => i === 0 || b.bytesDone >= bytes[i - 1]!.bytesDone)).toBe(true);
    expect(bytes.filter((b) => b.bytesDone > 0 && b.bytesDone < b.bytesTotal).length).toBeGreaterThan(0);
    expect(licences(spaceDbPath(to, 'demo'))).toBe(2500);
    expect(licences(spaceDbPath(to, 'acme'))).toBe(800); // the WAL's rows came along
    expect(readFileSync(join(to, 'logs', 'app.1.log'), 'utf8')).toContain('hello');
    expect(existsSync(join(to, 'spaces', 'old.sqlite.corrupt-2026-01-01T00-00-00-000Z'))).toBe(true);
    expect(readLocationFile(locationFile)).toBe(to);
    expect(resolveDataDirSource(undefined, { MPDESK_CONFIG_DIR: join(root, 'config') })).toEqual({ path: to, source: 'pointer' });
    // The flag and the environment variable still win over the recorded place.
    expect(resolveDataDirSource(undefined, { MPDESK_CONFIG_DIR: join(root, 'config'), MPDESK_DATA_DIR: '/x' }).source).toBe('env');
    expect(resolveDataDirSource('/y', { MPDESK_CONFIG_DIR: join(root, 'config') }).source).toBe('flag');
    expect(existsSync(from)).toBe(false);
  });

  it('refuses a folder that is not empty, touching nothing', async () => {
    const to = join(root, 'busy');
    mkdirSync(to);
    writeFileSync(join(to, 'mine.txt'), 'keep me');
    for (const db of openConnections.splice(0)) db.close(); // compare settled files
    const before = snapshot(from);
    const { options, started } = service({ to });
    const stopped: boolean[] = [];
    const failure = await moveDataDir({ ...options, stop: async () => void stopped.push(true) }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).message).toMatch(/is not empty/);
    expect(stopped).toEqual([]); // the service was never stopped
    expect(started).toEqual([]);
    expect(snapshot(from)).toEqual(before);
    expect(readdirSync(to)).toEqual(['mine.txt']);
    expect(existsSync(locationFile)).toBe(false);
  });

  it('refuses a folder it cannot write to, and one inside the data folder', async () => {
    writeFileSync(join(root, 'a-file'), 'x');
    const { options } = service({ to: join(root, 'a-file', 'sub') });
    await expect(moveDataDir(options)).rejects.toThrow(/cannot write to/);
    await expect(moveDataDir({ ...options, to: join(from, 'inner') })).rejects.toThrow(/inside the current data folder/);
    expect(existsSync(locationFile)).toBe(false);
    for (const db of openConnections.splice(0)) db.close();
  });

  it('leaves the old directory in use and intact when a file fails mid-copy', async () => {
    for (const db of openConnections.splice(0)) db.close();
    // A database that cannot be read (damaged after the start-up check): its copy cannot be proven.
    writeFileSync(join(from, 'spaces', 'zz-broken.sqlite'), Buffer.alloc(8192, 0x33));
    // A move made earlier: its record must come back unchanged.
    mkdirSync(join(root, 'config'));
    writeFileSync(locationFile, JSON.stringify({ dataDir: from, movedAt: '2026-01-01T00:00:00.000Z' }));
    const record = readFileSync(locationFile, 'utf8');
    const before = snapshot(from);
    const to = join(root, 'target');
    const { options, started } = service({ to });
    const failure = await moveDataDir(options).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).message).toMatch(/zz-broken\.sqlite/);
    expect(started).toEqual([from]); // restarted on the old directory
    expect(snapshot(from)).toEqual(before);
    expect(readdirSync(to)).toEqual([]); // the partial copy is gone; the chosen folder stays
    expect(readFileSync(locationFile, 'utf8')).toBe(record);
    expect(statSync(from).isDirectory()).toBe(true);
  });

  it('stops when cancelled while copying: the copy goes, the old directory stays in use, exactly as it was', async () => {
    for (const db of openConnections.splice(0)) db.close();
    const before = snapshot(from);
    const to = join(root, 'target');
    const { options, started } = service({ to });
    const controller = new AbortController();
    const failure = await moveDataDir({ ...options, signal: controller.signal, onProgress: (p) => p.done >= 1 && controller.abort() }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).code).toBe('cancelled');
    expect(started).toEqual([from]);
    expect(snapshot(from)).toEqual(before);
    expect(readdirSync(to)).toEqual([]);
    expect(existsSync(locationFile)).toBe(false);
  });

  it('goes back to the old directory when the service does not start on the new one', async () => {
    for (const db of openConnections.splice(0)) db.close();
    const before = snapshot(from);
    const to = join(root, 'target');
    const started: string[] = [];
    const { options } = service({ to });
    const start = async (dir: string) => {
      started.push(dir);
      if (dir === to) throw new AppFailure('internal', 'the worker did not start');
    };
    await expect(moveDataDir({ ...options, start })).rejects.toThrow(/the worker did not start/);
    expect(started).toEqual([to, from]);
    expect(snapshot(from)).toEqual(before);
    expect(existsSync(locationFile)).toBe(false);
    expect(readdirSync(to)).toEqual([]);
  });
});

describe('copying one file of a move', () => {
  it('copies without holding the thread: timers run between its chunks, and the copy is byte-identical', async () => {
    const big = join(root, 'big');
    mkdirSync(join(big, 'spaces'), { recursive: true });
    // A file kept aside travels as bytes by the same streamed path as a database.
    const path = join(big, 'spaces', 'old.sqlite.corrupt-2026-01-01T00-00-00-000Z');
    writeFileSync(path, randomBytes(24 * 2 ** 20));
    const file = listDataFiles(big)[0]!;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    let copied = 0;
    try {
      await copyVerified(big, join(root, 'copy'), file, (n) => (copied += n));
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(3);
    expect(copied).toBe(statSync(path).size);
    expect(readFileSync(join(root, 'copy', file.relPath)).equals(readFileSync(path))).toBe(true);
  });

  it('checkpoints a database first: rows still in its WAL arrive in the copy', async () => {
    const dir = join(root, 'wal');
    const path = spaceDbPath(dir, 'demo');
    const db = openSpaceDatabase(path);
    db.pragma('wal_autocheckpoint = 0');
    const write = createRecordWriter(db, recordDataset('licences'));
    db.transaction(() => write(Array.from({ length: 300 }, (_, i) => ({ appEntitlementId: `id-${i}`, company: `Company ${i}`, addonName: 'App' })), 't'))();
    db.close();
    const file = listDataFiles(dir).find((f) => f.database)!;
    await copyVerified(dir, join(root, 'copy'), file);
    expect(licences(join(root, 'copy', file.relPath))).toBe(300);
  });
});
