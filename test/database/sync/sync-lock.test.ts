import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireSyncLock, readSyncLockHolder, syncLockPath } from '../../../src/main/maintenance/sync-lock';

const lockModule = fileURLToPath(new URL('../../../src/main/maintenance/sync-lock.ts', import.meta.url));
let dir: string;
let path: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-lock-'));
  path = join(dir, 'space.sqlite');
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Another process that takes the lock, says so on stdout, and holds it until killed. */
async function holdInChild(): Promise<ChildProcess> {
  const script = `import { acquireSyncLock } from ${JSON.stringify(lockModule)}; await acquireSyncLock(${JSON.stringify(path)}); process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += String(b);
      if (out.includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before locking`)));
  });
  return child;
}

describe('sync lock', () => {
  it('lets one holder in, refuses a second naming the holder, and frees on release', async () => {
    const release = await acquireSyncLock(path);
    expect(readSyncLockHolder(path)).toMatchObject({ pid: process.pid });
    await expect(acquireSyncLock(path, { label: 'Acme' })).rejects.toThrowError(`A sync of Acme is already running (pid ${process.pid}, started`);
    await release();
    expect(readSyncLockHolder(path)).toBeNull();
    const again = await acquireSyncLock(path);
    await again();
  });

  it('waits for the holder when asked to, and says how long it waited when it gives up', async () => {
    const release = await acquireSyncLock(path);
    await expect(acquireSyncLock(path, { waitMs: 300 })).rejects.toThrowError(/still running after waiting 0 s/);
    let acquired = false;
    const waiting = acquireSyncLock(path, { waitMs: 10_000 }).then((r) => {
      acquired = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(acquired).toBe(false);
    await release();
    const second = await waiting;
    expect(acquired).toBe(true);
    await second();
  });

  it('refuses while another live process holds it, and takes over at once when that process is SIGKILLed', async () => {
    const child = await holdInChild();
    await expect(acquireSyncLock(path)).rejects.toThrowError(`(pid ${child.pid}, started`);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const started = performance.now();
    const release = await acquireSyncLock(path);
    // Well inside the 30 s staleness of an unrefreshed lock: the dead PID is what freed it.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(readSyncLockHolder(path)).toMatchObject({ pid: process.pid });
    await release();
  }, 30_000);

  it('trusts a fresh lock held on another host, and takes over one not refreshed for 30 s', async () => {
    const lock = syncLockPath(path);
    mkdirSync(lock);
    writeFileSync(join(lock, 'holder.json'), JSON.stringify({ pid: 999_999_999, host: 'another-machine', since: '2026-11-26T10:00:00.000Z' }));
    await expect(acquireSyncLock(path)).rejects.toThrowError('(pid 999999999 on another-machine, started 2026-11-26 10:00 UTC)');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const release = await acquireSyncLock(path);
    expect(readSyncLockHolder(path)).toMatchObject({ pid: process.pid });
    await release();
  });

  it('takes over a lock left without a holder by a process that died while creating it, once it is stale', async () => {
    const lock = syncLockPath(path);
    mkdirSync(lock);
    await expect(acquireSyncLock(path)).rejects.toThrowError(/A sync of this data is already running\./);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const release = await acquireSyncLock(path);
    await release();
  });
});
