import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDataService, type DataService } from '../../../src/main/data-service/service';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { appDbPath, openAppDatabase, spaceDbPath } from '../../../src/main/store';
import { openSpaceDatabase } from '../../../src/main/space-database';
import type { EventName, EventPayload } from '../../../src/shared/contract';
import { AppFailure } from '../../../src/shared/result';
import { contentChecksum, tempDir } from '../sync/helpers';

const ctx = { senderUrl: 'test' };
const space = 'space-1';
let sim: RunningSimulator;
const dirs: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', exportPolls: 0, control: true, seed: 11 });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Seen = { event: EventName; payload: unknown };

function startService(dataDir: string, seen: Seen[] = []): DataService {
  return createDataService({
    dataDir,
    version: 'test',
    spaceId: space,
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => seen.push({ event, payload }),
    credentialsFor: async () => ({ baseUrl: sim.baseUrl, developerId: sim.developerId, email: sim.email, token: sim.token }),
  });
}

/** Runs one routine sync of every data set through the service's own methods, to its end. */
async function syncToEnd(service: DataService): Promise<void> {
  expect((await service.handlers['sync.start']({ full: false }, ctx)).started).toBe(true);
  for (let i = 0; i < 6000; i++) {
    const status = await service.handlers['sync.status']({}, ctx);
    if (!status.running && status.lastRun?.finishedAt) {
      expect(status.lastRun.status).toBe('succeeded');
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the sync did not end');
}

function newDataDir(): string {
  const dir = tempDir('mpdesk-startup-');
  dirs.push(dir);
  return dir;
}

/** Overwrites pages in the middle of a file with garbage, as a failing disk would. */
function damageMiddlePages(path: string): void {
  const size = statSync(path).size;
  expect(size).toBeGreaterThan(256 * 1024);
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(64 * 1024, 0xa5), 0, 64 * 1024, Math.floor(size / 2 / 4096) * 4096);
  closeSync(fd);
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('the data service at start-up', () => {
  it('keeps a damaged space file aside, says why, answers from a fresh file, and the next sync rebuilds it equal to a clean one', async () => {
    const dataDir = newDataDir();
    const path = spaceDbPath(dataDir, space);
    const first = startService(dataDir);
    await syncToEnd(first);
    const clean = contentChecksum(first.spaceDb);
    const rows = (await first.handlers['datasets.summary']({}, ctx)).reduce((n, d) => n + d.rowCount, 0);
    expect(rows).toBeGreaterThan(0);
    first.close();
    expect(existsSync(`${path}-wal`)).toBe(false); // closed cleanly: every page is in the main file
    damageMiddlePages(path);
    const damaged = sha(path);

    const seen: Seen[] = [];
    const service = startService(dataDir, seen);
    try {
      const kept = readdirSync(join(dataDir, 'spaces')).filter((n) => n.startsWith(`${space}.sqlite.corrupt-`) && !/-(wal|shm)$/.test(n));
      expect(kept).toHaveLength(1);
      expect(sha(join(dataDir, 'spaces', kept[0]!))).toBe(damaged); // kept byte for byte, never deleted

      const notices = seen.filter((e) => e.event === 'app.notice').map((e) => e.payload as EventPayload<'app.notice'>);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.level).toBe('warning');
      expect(notices[0]!.message).toContain(kept[0]);
      expect(notices[0]!.message).toContain('the next sync downloads everything again');
      // A window that loads after the event still learns it.
      const stored = await service.handlers['app.notices']({}, ctx);
      expect(stored.map((n) => [n.code, n.message])).toEqual([['db.corrupt', notices[0]!.message]]);

      // The service answers from a fresh, empty file: nothing to resume from, so the next sync is a full one.
      expect((await service.handlers['datasets.summary']({}, ctx)).every((d) => d.rowCount === 0)).toBe(true);
      const before = await service.handlers['sync.status']({}, ctx);
      expect(before.datasets.every((d) => d.watermark === null && d.lastSuccessAt === null)).toBe(true);
      expect(before.lastRun).toBeNull();

      await syncToEnd(service);
      expect(contentChecksum(service.spaceDb)).toBe(clean);
      expect((await service.handlers['datasets.summary']({}, ctx)).reduce((n, d) => n + d.rowCount, 0)).toBe(rows);
    } finally {
      service.close();
    }
  });

  it('refuses a space file written by a newer version with a clear db.newer, leaving the file untouched', async () => {
    const dataDir = newDataDir();
    const path = spaceDbPath(dataDir, space);
    const db = openSpaceDatabase(path);
    db.pragma('user_version = 99');
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = sha(path);
    const mtime = statSync(path).mtimeMs;

    const seen: Seen[] = [];
    const service = startService(dataDir, seen);
    try {
      const failure = await Promise.resolve()
        .then(() => service.handlers['datasets.summary']({}, ctx))
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AppFailure);
      expect((failure as AppFailure).code).toBe('db.newer');
      expect((failure as AppFailure).message).toMatch(/newer version of Marketplace Desk \(schema 99.*Update Marketplace Desk/);
      const notices = await service.handlers['app.notices']({}, ctx);
      expect(notices.map((n) => [n.code, n.level])).toEqual([['db.newer', 'error']]);
      expect(seen.filter((e) => e.event === 'app.notice')).toHaveLength(1);
      // The settings still work: only that space is refused.
      expect(await service.handlers['settings.get']({}, ctx)).toBeTruthy();
    } finally {
      service.close();
    }
    expect(sha(path)).toBe(before);
    expect(statSync(path).mtimeMs).toBe(mtime);
    expect(readdirSync(join(dataDir, 'spaces')).sort()).toEqual([`${space}.sqlite`]);
  });

  it('keeps a damaged settings file aside and starts with defaults, telling the user to add their accounts again', async () => {
    const dataDir = newDataDir();
    const app = openAppDatabase(appDbPath(dataDir));
    app.close();
    writeFileSync(appDbPath(dataDir), Buffer.alloc(8192, 0x5a));
    const seen: Seen[] = [];
    const service = startService(dataDir, seen);
    try {
      const notices = await service.handlers['app.notices']({}, ctx);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.code).toBe('db.corrupt');
      expect(notices[0]!.message).toMatch(/settings file was damaged.*accounts could not be recovered and must be added again/);
      expect(readdirSync(dataDir).filter((n) => n.startsWith('app.sqlite.corrupt-'))).toHaveLength(1);
      expect(await service.handlers['settings.get']({}, ctx)).toBeTruthy();
    } finally {
      service.close();
    }
  });

  it('recovers the saved accounts a damaged settings file still holds (their tokens stay in the keychain under the same ids)', async () => {
    const dataDir = newDataDir();
    const app = openAppDatabase(appDbPath(dataDir));
    const ids = ['5b2c3d4e-1f2a-4b3c-9d8e-7f6a5b4c3d2e', '6c3d4e5f-2a3b-4c5d-8e9f-0a1b2c3d4e5f'];
    ids.forEach((id, i) => app.prepare("INSERT INTO accounts VALUES (?, ?, ?, 'p@example.com', 'https://api.atlassian.com/marketplace', '2026-01-01T00:00:00Z', NULL)").run(id, `Vendor ${i}`, `dev-${i}`));
    // Enough settings rows after the accounts that the damage falls on their pages, not the accounts'.
    const put = app.prepare('INSERT INTO settings VALUES (?, ?)');
    app.transaction(() => {
      for (let i = 0; i < 4000; i++) put.run(`filler.${i}`, 'x'.repeat(100));
    })();
    app.pragma('wal_checkpoint(TRUNCATE)');
    app.close();
    damageMiddlePages(appDbPath(dataDir));

    const seen: Seen[] = [];
    const service = startService(dataDir, seen);
    try {
      const [notice] = await service.handlers['app.notices']({}, ctx);
      expect(notice?.code).toBe('db.corrupt');
      expect(notice?.message).toContain('2 saved accounts were recovered');
      const fresh = openAppDatabase(appDbPath(dataDir));
      expect(fresh.prepare('SELECT id FROM accounts ORDER BY id').pluck().all()).toEqual(ids);
      expect(fresh.prepare("SELECT count(*) FROM settings WHERE key LIKE 'filler.%'").pluck().get()).toBe(0);
      fresh.close();
    } finally {
      service.close();
    }
  });
});
