import lockfile from 'proper-lockfile';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { AppFailure } from '../../shared/result';
import { diskFullFailure, isDiskFull } from '../sync/engine/disk-full';

export interface LockOptions {
  /** How long to wait for another sync to finish; 0 answers at once. */
  waitMs?: number;
  /** What is being synced, for the busy message ("a sync of <label> is already running"). */
  label?: string;
  /** Said after the busy message when not waiting (the CLI points at --wait). */
  hint?: string;
  /** How often a held lock's mtime is refreshed (tests shorten it; the default suits real syncs). */
  refreshMs?: number;
}

/** Who holds a sync lock: written into the lock directory by the holder. */
export interface SyncLockHolder {
  pid: number;
  host: string;
  since: string;
}

const holderSchema = z.object({ pid: z.number().int().positive(), host: z.string(), since: z.string() });

/** A lock not refreshed for this long belongs to a process that is gone (or asleep on another machine). */
const staleMs = 30_000;
const refreshMs = 10_000;
const pollMs = 250;
const holderFile = 'holder.json';

export function syncLockPath(dbPath: string): string {
  return `${dbPath}.sync-lock`;
}

/**
 * One sync per space database at a time, across processes (the app's data service and any
 * `mpdesk sync`). proper-lockfile's lock directory beside the file, refreshed while held; the
 * holder's PID and host are written into it, so a lock left by a process that died on this
 * machine (SIGKILL, a crash) is taken over at once instead of after the 30 s staleness that
 * remains the rule for a holder on another host (a shared data directory).
 */
export async function acquireSyncLock(dbPath: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  mkdirSync(dirname(dbPath), { recursive: true });
  const lockPath = syncLockPath(dbPath);
  const waitMs = options.waitMs ?? 0;
  const deadline = Date.now() + waitMs;
  for (;;) {
    // No room for the lock directory: the sync could not have written anything either.
    const release = await tryLock(dbPath, lockPath, options.refreshMs ?? refreshMs).catch((e: unknown) => {
      throw isDiskFull(e) ? diskFullFailure(dbPath) : e;
    });
    if (release) return release;
    const holder = readSyncLockHolder(dbPath);
    if (isAbandoned(lockPath, holder)) {
      takeOver(lockPath, holder);
      continue;
    }
    if (Date.now() >= deadline) throw busyError(holder, options, waitMs);
    await delay(Math.min(pollMs, Math.max(1, deadline - Date.now())));
  }
}

/** The holder of the lock, or null when it is free (or being taken this instant). */
export function readSyncLockHolder(dbPath: string): SyncLockHolder | null {
  return readHolderIn(syncLockPath(dbPath));
}

async function tryLock(dbPath: string, lockPath: string, updateMs: number): Promise<(() => Promise<void>) | null> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dbPath, {
      realpath: false,
      stale: staleMs,
      update: updateMs,
      retries: 0,
      lockfilePath: lockPath,
      // Another process took the lock over (we were frozen for > 30 s): nothing to crash over,
      // SQLite's own locking still keeps the file consistent; the next sync sees the lock as usual.
      onCompromised: () => {},
    });
  } catch (e) {
    const code = (e as { code?: string }).code;
    // ENOTEMPTY: proper-lockfile found it stale by age but cannot rmdir a lock with its holder file.
    if (code === 'ELOCKED' || code === 'ENOTEMPTY' || code === 'EEXIST') return null;
    throw e;
  }
  try {
    const holder: SyncLockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    const tmp = join(lockPath, `${holderFile}.tmp`);
    // proper-lockfile takes a changed directory mtime at its next refresh for a lock stolen by
    // another process: it stops refreshing, and its release leaves the directory, so every sync
    // is refused as busy until the lock goes stale. Writing the holder file changes that mtime:
    // put the one proper-lockfile set back.
    const { mtime } = statSync(lockPath);
    writeFileSync(tmp, JSON.stringify(holder));
    renameSync(tmp, join(lockPath, holderFile));
    utimesSync(lockPath, mtime, mtime);
  } catch (e) {
    rmSync(join(lockPath, `${holderFile}.tmp`), { force: true });
    await release().catch(() => {});
    throw e;
  }
  return async () => {
    // proper-lockfile removes an empty directory only.
    rmSync(join(lockPath, holderFile), { force: true });
    await release();
  };
}

function readHolderIn(lockPath: string): SyncLockHolder | null {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(readFileSync(join(lockPath, holderFile), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A holder on this host whose process is gone, or a lock not refreshed for 30 s (a holder on
 * another host, one that died before naming itself, or a PID reused by an unrelated process).
 */
function isAbandoned(lockPath: string, holder: SyncLockHolder | null): boolean {
  if (holder && holder.host === hostname() && !isAlive(holder.pid)) return true;
  try {
    return statSync(lockPath).mtimeMs < Date.now() - staleMs;
  } catch {
    return true; // released meanwhile: try again
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as { code?: string }).code === 'EPERM';
  }
}

/**
 * Removes an abandoned lock without racing another process doing the same: the directory is
 * renamed aside (atomic) and removed only if what was moved is still the abandoned lock; a lock
 * taken in between by a live process is put back.
 */
function takeOver(lockPath: string, seen: SyncLockHolder | null): void {
  const aside = `${lockPath}.stale-${process.pid}-${randomUUID()}`;
  try {
    renameSync(lockPath, aside);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return;
    throw e;
  }
  const moved = readHolderIn(aside);
  const same = moved?.pid === seen?.pid && moved?.since === seen?.since;
  if (same && isAbandoned(aside, moved)) {
    rmSync(aside, { recursive: true, force: true });
    return;
  }
  try {
    renameSync(aside, lockPath);
  } catch {
    // A third process took the lock meanwhile: the moved one is older than it.
    rmSync(aside, { recursive: true, force: true });
  }
}

function busyError(holder: SyncLockHolder | null, options: LockOptions, waitMs: number): AppFailure {
  const who = holder ? ` (pid ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}, started ${holder.since.slice(0, 16).replace('T', ' ')} UTC)` : '';
  const what = `A sync of ${options.label ?? 'this data'} is already running${who}.`;
  if (waitMs > 0) return new AppFailure('busy', `${what} It was still running after waiting ${Math.round(waitMs / 1000)} s; try again when it has finished.`);
  return new AppFailure('busy', `${what} ${options.hint ?? 'Wait for it to finish and try again.'}`);
}
