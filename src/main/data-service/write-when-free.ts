import { setTimeout as delay } from 'node:timers/promises';
import { AppFailure } from '../../shared/result';
import type { Db } from '../store';

export interface WriteWhenFreeOptions {
  /** How long one attempt may wait for the lock, blocking this thread (SQLite's busy handler). */
  attemptMs?: number;
  /** Pause between attempts; the thread answers queries meanwhile. */
  pauseMs?: number;
  /** Give up after this long with a `busy` failure. */
  deadlineMs?: number;
}

/**
 * A small write on the data service's writer (a saved view) while a sync worker may hold the
 * file's write lock for minutes (index and FTS rebuilds, the metrics refresh). Waiting in SQLite
 * (busy_timeout) would block this thread and every query with it, so each attempt waits only
 * briefly and the retries are spaced by awaited pauses; past the deadline the user is told.
 */
export async function writeWhenFree<T>(db: Db, write: (db: Db) => T, options: WriteWhenFreeOptions = {}): Promise<T> {
  const { attemptMs = 50, pauseMs = 250, deadlineMs = 120_000 } = options;
  const started = performance.now();
  for (;;) {
    const previous = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma(`busy_timeout = ${attemptMs}`);
    try {
      return write(db);
    } catch (e) {
      // SQLITE_BUSY, or SQLITE_BUSY_SNAPSHOT when another commit came between this write's read and write.
      if (!String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw e;
      if (performance.now() - started >= deadlineMs) {
        throw new AppFailure('busy', 'A sync is still writing to this space, so the change was not saved. Try again when the sync has finished.');
      }
    } finally {
      db.pragma(`busy_timeout = ${previous}`);
    }
    await delay(pauseMs);
  }
}
