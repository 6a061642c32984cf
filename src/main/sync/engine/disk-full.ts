import { basename, dirname } from 'node:path';
import { AppFailure } from '../../../shared/result';
import type { Db } from '../../store';

/**
 * SQLite answers SQLITE_FULL when a write finds no room (the disk, or a `max_page_count`); Node
 * answers ENOSPC for its own files (temporary sort files, the log).
 */
export function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/**
 * What a sync that ran out of room tells the user. Every page is written with its checkpoint in
 * one transaction, so the one that did not fit was rolled back whole: what is stored is intact
 * and the next sync resumes after the last page that fitted.
 */
export function diskFullFailure(db: Db | string): AppFailure {
  const path = typeof db === 'string' ? db : db.name;
  return new AppFailure('db.full', `The disk holding ${dataDirOf(path)} is full — free some space and sync again; your data is intact.`);
}

/** Space databases live in <data dir>/spaces (store/index.ts): the data directory is what the user knows. */
function dataDirOf(dbPath: string): string {
  const dir = dirname(dbPath);
  return basename(dir) === 'spaces' ? dirname(dir) : dir;
}

/** Bookkeeping after a failure (error notes, the run's end) is best effort when the disk is full. */
export function unlessDiskFull(write: () => void): void {
  try {
    write();
  } catch (e) {
    if (!isDiskFull(e)) throw e;
  }
}
