import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { MoveDataDirResult } from '../../shared/contract-maintenance';
import { AppFailure } from '../../shared/result';
import { removeLocationFile, writeLocationFile } from '../paths';
import { checkpointFile, copyVerified, listDataFiles, type DataFile } from './copy-verified';
import { readSyncLockHolder } from './sync-lock';

export interface MoveDataDirOptions {
  from: string;
  /** The folder the user picked: must be empty (or not exist yet) and writable. */
  to: string;
  /** The location file `resolveDataDir` reads (paths.ts `locationFilePath`). */
  locationFile: string;
  /** The OS-convention directory: moving back there removes the location file instead. */
  defaultDir?: string;
  /** Stops every sync and closes every database of `from` (the data-service worker). */
  stop: () => Promise<void>;
  /** Starts the data service (and whatever else opens the databases) on a directory. */
  start: (dataDir: string) => Promise<void>;
  /** Files and bytes copied and verified so far (bytes as they are copied; the read-back check is not counted). */
  onProgress?: (p: MoveProgress) => void;
  /** Stops the move while files are being copied (between chunks); once the new place is recorded it has no effect. */
  signal?: AbortSignal;
}

export interface MoveProgress {
  file: string;
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
}

const noteName = 'MOVED-TO.txt';

/**
 * Moves the data directory without ever losing it: copy, verify, switch, and only then remove.
 * Until the new location is recorded and the service runs on it, any failure removes the partial
 * copy and restarts the service on the old directory, which is left exactly as it was.
 */
export async function moveDataDir(options: MoveDataDirOptions): Promise<MoveDataDirResult> {
  const from = resolve(options.from);
  const to = resolve(options.to);
  assertTargetUsable(from, to);
  const files = listDataFiles(from);
  const bytes = files.reduce((n, f) => n + f.bytes, 0);
  assertRoom(to, bytes);
  assertNoSyncRunning(from, files);

  await options.stop();
  const previousLocation = existsSync(options.locationFile) ? readFileSync(options.locationFile) : null;
  let copied: number;
  try {
    copied = await copyAll(from, to, files, options.onProgress, options.signal);
    options.signal?.throwIfAborted(); // the last moment a cancel is honoured: next comes the switch
    if (options.defaultDir && resolve(options.defaultDir) === to) removeLocationFile(options.locationFile);
    else writeLocationFile(options.locationFile, to);
    await options.start(to);
  } catch (e) {
    await rollBack(options, from, to, files, previousLocation);
    if (options.signal?.aborted) throw new AppFailure('cancelled', `The move was cancelled; the data stays in ${from}.`, { cause: e });
    throw e instanceof AppFailure ? e : new AppFailure('internal', `Moving the data to ${to} failed: ${(e as Error).message}`, { cause: e });
  }
  return { from, to, files: files.length, bytes: copied, leftBehind: removeOld(from, to, files) };
}

function assertTargetUsable(from: string, to: string): void {
  if (!isAbsolute(to)) throw new AppFailure('validation', `Choose a folder by its full path (${to}).`);
  const inside = (parent: string, child: string) => {
    const rel = relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  if (inside(from, to) || inside(to, from)) throw new AppFailure('validation', `${to} is inside the current data folder ${from} (or contains it): choose a separate, empty folder.`);
  try {
    mkdirSync(to, { recursive: true });
    if (readdirSync(to).length > 0) throw new AppFailure('validation', `${to} is not empty: choose an empty folder so nothing in it is overwritten.`);
    const probe = join(to, '.mpdesk-write-test');
    writeFileSync(probe, 'ok');
    rmSync(probe);
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    throw new AppFailure('validation', `Marketplace Desk cannot write to ${to}: ${(e as Error).message}`, { cause: e });
  }
}

function assertRoom(to: string, bytes: number): void {
  const fs = statfsSync(to);
  const free = fs.bavail * fs.bsize;
  if (free < bytes * 1.05 + 16 * 1024 * 1024) {
    throw new AppFailure('db.full', `${to} has ${Math.floor(free / 2 ** 20)} MiB free; the data needs ${Math.ceil(bytes / 2 ** 20)} MiB. Free some space or choose another disk.`);
  }
}

function assertNoSyncRunning(from: string, files: DataFile[]): void {
  for (const f of files) {
    if (!f.database) continue;
    const holder = readSyncLockHolder(join(from, f.relPath));
    if (holder) throw new AppFailure('busy', `A sync (process ${holder.pid}) is writing ${f.relPath}; wait for it to finish, then move the data.`);
  }
}

/** Copies and verifies every file; answers the bytes copied. */
async function copyAll(from: string, to: string, files: DataFile[], onProgress: MoveDataDirOptions['onProgress'], signal: AbortSignal | undefined): Promise<number> {
  // Sizes once every WAL is in its database (the service is stopped): the bar's whole is what is copied.
  for (const f of files) {
    if (!f.database) continue;
    try {
      checkpointFile(join(from, f.relPath));
    } catch (e) {
      throw new AppFailure('internal', `Could not copy ${join(from, f.relPath)}: ${(e as Error).message}`, { cause: e });
    }
  }
  const bytesTotal = files.reduce((n, f) => n + statSync(join(from, f.relPath)).size, 0);
  let bytesDone = 0;
  for (const [i, file] of files.entries()) {
    signal?.throwIfAborted();
    const tell = () => onProgress?.({ file: file.relPath, done: i, total: files.length, bytesDone, bytesTotal });
    tell();
    // At most one report per 1% of the whole (a chunk is 1 MiB): enough for a bar, not an IPC flood.
    let lastTold = bytesDone;
    try {
      await copyVerified(from, to, file, (n) => {
        bytesDone += n;
        if (bytesDone - lastTold >= bytesTotal / 100) {
          lastTold = bytesDone;
          tell();
        }
      }, signal);
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      throw new AppFailure('internal', `Could not copy ${join(from, file.relPath)}: ${(e as Error).message}`, { cause: e });
    }
  }
  onProgress?.({ file: '', done: files.length, total: files.length, bytesDone, bytesTotal });
  return bytesDone;
}

/** Undoes a failed move: the copy goes, the previous location record comes back, the old directory is used again. */
async function rollBack(options: MoveDataDirOptions, from: string, to: string, files: DataFile[], previousLocation: Buffer | null): Promise<void> {
  if (previousLocation) writeFileSync(options.locationFile, previousLocation);
  else removeLocationFile(options.locationFile);
  for (const f of files) for (const suffix of ['', '-wal', '-shm']) rmSync(join(to, f.relPath + suffix), { force: true });
  removeEmptyDirs(to, false); // the folder the user picked stays, empty as it was
  await options.start(from);
}

/** Removes the moved files from the old directory; what cannot be removed is listed and explained in a note. */
function removeOld(from: string, to: string, files: DataFile[]): string[] {
  const left: string[] = [];
  for (const f of files) {
    for (const suffix of ['', '-wal', '-shm']) {
      try {
        rmSync(join(from, f.relPath + suffix), { force: true });
      } catch {
        if (suffix === '') left.push(f.relPath);
      }
    }
  }
  removeEmptyDirs(from, true);
  if (left.length > 0) {
    try {
      writeFileSync(join(from, noteName), `Marketplace Desk moved its data to ${to}.\nThese files could not be removed and are no longer used:\n${left.join('\n')}\n`);
    } catch {
      // The list is also returned to the caller, who tells the user.
    }
  }
  return left;
}

/** Removes empty folders under `dir` (and `dir` itself when asked and empty), deepest first. */
function removeEmptyDirs(dir: string, includeSelf: boolean): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) if (e.isDirectory()) removeEmptyDirs(join(dir, e.name), true);
  if (!includeSelf) return;
  try {
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    // Not empty or not ours to remove: left as it is.
  }
}
