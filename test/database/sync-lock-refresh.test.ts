import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireSyncLock, readSyncLockHolder, syncLockPath } from '../../src/main/maintenance/sync-lock';

// A sync longer than one lock refresh (10 s in the app) must still leave the lock free when it
// ends: before, the holder file written into the lock directory changed its mtime, proper-lockfile
// took that for a stolen lock at its first refresh, and its release left the directory behind, so
// the next sync (the schedule's too) was refused as busy for 30 s.
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('sync lock held across refreshes', () => {
  it('keeps refreshing, then releases cleanly so the next sync gets it at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpdesk-lock-refresh-'));
    dirs.push(dir);
    const db = join(dir, 'space.sqlite');
    const release = await acquireSyncLock(db, { refreshMs: 100 });
    expect(readSyncLockHolder(db)?.pid).toBe(process.pid);
    const first = statSync(syncLockPath(db)).mtimeMs;
    // Two refreshes: the mtime moves on each (a compromised lock is no longer refreshed).
    let seen = first;
    let refreshes = 0;
    for (let i = 0; i < 300 && refreshes < 2; i++) {
      await new Promise((r) => setTimeout(r, 10));
      const now = statSync(syncLockPath(db)).mtimeMs;
      if (now !== seen) {
        refreshes++;
        seen = now;
      }
    }
    expect(refreshes).toBe(2);
    await release();
    expect(existsSync(syncLockPath(db))).toBe(false);
    const again = await acquireSyncLock(db, { refreshMs: 100 });
    await again();
  });
});
