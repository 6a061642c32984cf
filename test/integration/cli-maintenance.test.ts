import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spaceDbPath } from '../../src/main/store';
import { createRecordWriter } from '../../src/main/store/record-writer';
import { recordDataset } from '../../src/shared/catalogue';
import { openSpaceDatabase } from '../../src/main/space-database';

const bin = join(import.meta.dirname, '../../bin/mpdesk.js');
let dir: string;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args, '--data-dir', join(dir, 'data')], { encoding: 'utf8' });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-cli-maint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function seedDemo(count: number): void {
  const db = openSpaceDatabase(spaceDbPath(join(dir, 'data'), 'demo'));
  createRecordWriter(db, recordDataset('licences'))(Array.from({ length: count }, (_, i) => ({ appEntitlementId: `id-${i}` })), 't');
  db.close();
}

describe('mpdesk backup / restore / logs', () => {
  it('backs up the active space and restores it', () => {
    seedDemo(50);
    const out = join(dir, 'backup.sqlite');
    const backup = run('backup', '--out', out);
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain(out);
    expect(existsSync(out)).toBe(true);

    const db = openSpaceDatabase(spaceDbPath(join(dir, 'data'), 'demo'));
    db.prepare('DELETE FROM licences').run();
    db.close();

    const restore = run('restore', '--from', out);
    expect(restore.status).toBe(0);
    expect(restore.stdout).toContain('previous database is kept');
    const after = openSpaceDatabase(spaceDbPath(join(dir, 'data'), 'demo'));
    expect(after.prepare('SELECT count(*) AS n FROM licences').get()).toEqual({ n: 50 });
    after.close();
  });

  it('explains what is wrong instead of failing silently', () => {
    const noData = run('backup', '--out', join(dir, 'x.sqlite'));
    expect(noData.status).toBe(1);
    expect(noData.stderr).toContain('no local data');

    seedDemo(1);
    const notBackup = join(dir, 'notes.txt');
    writeFileSync(notBackup, 'hello');
    const bad = run('restore', '--from', notBackup);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/not a readable SQLite database|damaged/);

    const unknownSpace = run('backup', '--out', join(dir, 'y.sqlite'), '--space', 'Nobody');
    expect(unknownSpace.status).toBe(2);
    expect(unknownSpace.stderr).toContain('no saved account named "Nobody"');
  });

  it('prints where the logs are', () => {
    const r = run('logs', '--path');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(join(dir, 'data', 'logs'));
  });
});
