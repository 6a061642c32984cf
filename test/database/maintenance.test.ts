import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase, verifyBackupFile } from '../../src/main/maintenance/backup';
import { checkDatabaseFile, requestFullCheckAtStartup } from '../../src/main/maintenance/integrity';
import { quickCheckOffThread } from '../../src/main/maintenance/quick-check-thread';
import { openDatabase } from '../../src/main/store';
import { createRecordWriter } from '../../src/main/store/record-writer';
import { recordDataset } from '../../src/shared/catalogue';
import { openSpaceDatabase } from '../../src/main/space-database';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-maint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function seedSpace(path: string, count = 3000): void {
  const db = openSpaceDatabase(path);
  const write = createRecordWriter(db, recordDataset('licences'));
  db.transaction(() => write(Array.from({ length: count }, (_, i) => ({ appEntitlementId: `id-${i}`, company: `Company ${i} with a longer name to fill pages`, addonName: 'App' })), 't'))();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

describe('integrity check at start-up', () => {
  it('passes a healthy file and reports a missing one', () => {
    const path = join(dir, 'ok.sqlite');
    seedSpace(path);
    expect(checkDatabaseFile(path)).toEqual({ status: 'ok' });
    expect(checkDatabaseFile(join(dir, 'none.sqlite'))).toEqual({ status: 'missing' });
  });

  it('keeps a file with damaged pages aside and lets a fresh database open in its place', () => {
    const path = join(dir, 'space.sqlite');
    seedSpace(path);
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(64 * 1024);
    // Overwrite pages in the middle of the file with garbage, as a failing disk would.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(16 * 1024, 0xa5), 0, 16 * 1024, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);

    const result = checkDatabaseFile(path, () => new Date('2026-11-26T10:00:00Z'));
    expect(result.status).toBe('corrupt');
    if (result.status !== 'corrupt') return;
    expect(result.keptAt).toBe(`${path}.corrupt-2026-11-26T10-00-00-000Z`);
    expect(existsSync(result.keptAt)).toBe(true);
    expect(existsSync(path)).toBe(false);
    const fresh = openSpaceDatabase(path);
    expect(fresh.prepare('SELECT count(*) AS n FROM licences').get()).toEqual({ n: 0 });
    fresh.close();
  });

  it('checks a large file bounded: bookkeeping tables and schema, not every page; a full check on request', async () => {
    const path = join(dir, 'large.sqlite');
    seedSpace(path);
    const db = openDatabase(path);
    const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'sync_checkpoints'").pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const size = statSync(path).size;
    const damage = (offset: number, bytes: number) => {
      const fd = openSync(path, 'r+');
      writeSync(fd, Buffer.alloc(bytes, 0xa5), 0, bytes, offset);
      closeSync(fd);
    };
    // Record pages in the middle: beyond the bounded check (found by a query reading them, or the full check).
    damage(Math.floor(size / 2 / pageSize) * pageSize, 4 * pageSize);
    expect(checkDatabaseFile(path, undefined, undefined, 0)).toEqual({ status: 'ok' });
    expect(existsSync(path)).toBe(true);
    // Settings' full check finds it (every page, off the main thread) and asks the next start-up for a full check.
    const pages = await quickCheckOffThread(path).catch((e: unknown) => [String(e)]);
    expect(pages).not.toEqual(['ok']);
    requestFullCheckAtStartup(path);
    const full = checkDatabaseFile(path, () => new Date('2026-11-26T10:30:00Z'), undefined, 0);
    expect(full.status).toBe('corrupt');
    expect(existsSync(`${path}.full-check`)).toBe(false);
    seedSpace(path);
    damage(Math.floor(size / 2 / pageSize) * pageSize, 4 * pageSize);
    // The page where a sync resumes from is damaged: the bounded check finds it.
    damage((root - 1) * pageSize, pageSize);
    const result = checkDatabaseFile(path, () => new Date('2026-11-26T11:00:00Z'), undefined, 0);
    expect(result.status).toBe('corrupt');
    expect(existsSync(path)).toBe(false);
  });

  it('treats a file that is not a database at all as corrupt', () => {
    const path = join(dir, 'garbage.sqlite');
    const fd = openSync(path, 'w');
    writeSync(fd, Buffer.from('this is not a database'.repeat(300)));
    closeSync(fd);
    expect(checkDatabaseFile(path).status).toBe('corrupt');
  });
});

describe('backup and restore', () => {
  it('backs up a live database with the online backup API and restores it', async () => {
    const path = join(dir, 'space.sqlite');
    seedSpace(path, 2000);
    const db = openSpaceDatabase(path);
    const progress: number[] = [];
    const out = join(dir, 'backups', 'b.sqlite');
    const { bytes } = await backupDatabase(db, out, (p) => progress.push(p.remainingPages));
    expect(bytes).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(0);
    expect([...progress].sort((a, b) => b - a)).toEqual(progress);
    expect(readdirSync(join(dir, 'backups'))).toEqual(['b.sqlite']);

    // Data changes after the backup; restoring brings back the backed-up state.
    db.prepare('DELETE FROM licences').run();
    db.close();
    const { keptAt } = restoreDatabase(out, path);
    expect(keptAt).toBe(`${path}.before-restore`);
    const restored = openSpaceDatabase(path);
    expect(restored.prepare('SELECT count(*) AS n FROM licences').get()).toEqual({ n: 2000 });
    restored.close();
  });

  it('refuses to restore a file from a newer version, a damaged file or a foreign database', () => {
    const newer = join(dir, 'newer.sqlite');
    seedSpace(newer, 10);
    const db = openDatabase(newer);
    db.pragma('user_version = 999');
    db.close();
    expect(() => verifyBackupFile(newer)).toThrowError(/newer version/);

    const foreign = join(dir, 'foreign.sqlite');
    const f = openDatabase(foreign);
    f.exec('CREATE TABLE x (a)');
    f.close();
    expect(() => verifyBackupFile(foreign)).toThrowError(/not a Marketplace Desk backup/);
    expect(() => verifyBackupFile(join(dir, 'missing.sqlite'))).toThrowError(/No backup file/);

    const target = join(dir, 'target.sqlite');
    seedSpace(target, 5);
    expect(() => restoreDatabase(newer, target)).toThrow();
    const still = openSpaceDatabase(target);
    expect(still.prepare('SELECT count(*) AS n FROM licences').get()).toEqual({ n: 5 });
    still.close();
  });
});

describe('the integrity check of a backup, off the main thread', () => {
  it('answers ok for a sound file, the problems of a damaged one, and SQLite\'s error for a file that is no database', async () => {
    const path = join(dir, 'sound.sqlite');
    seedSpace(path);
    expect(await quickCheckOffThread(path)).toEqual(['ok']);

    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(16 * 1024, 0xa5), 0, 16 * 1024, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const problems = await quickCheckOffThread(path).catch((e: unknown) => [(e as { code?: string }).code ?? 'thrown']);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems).not.toEqual(['ok']);

    const garbage = join(dir, 'garbage.sqlite');
    const g = openSync(garbage, 'w');
    writeSync(g, Buffer.from('this is not a database'.repeat(300)));
    closeSync(g);
    await expect(quickCheckOffThread(garbage)).rejects.toMatchObject({ code: 'SQLITE_NOTADB' });
  });
});

