import lockfile from 'proper-lockfile';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../shared/result';

export interface LockOptions {
  /** How long to wait for another sync to finish; 0 answers at once. */
  waitMs?: number;
}

/**
 * One sync per space database at a time, across processes (the app and any `mpdesk sync`).
 * A lock directory beside the file, refreshed while held and considered stale after 30 s
 * without refresh, so a crashed process never blocks the next sync for long.
 */
export async function acquireSyncLock(dbPath: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  mkdirSync(dirname(dbPath), { recursive: true });
  const waitMs = options.waitMs ?? 0;
  const retries = waitMs > 0 ? { retries: Math.ceil(waitMs / 500), minTimeout: 500, maxTimeout: 500, factor: 1 } : 0;
  try {
    return await lockfile.lock(dbPath, { realpath: false, stale: 30_000, update: 10_000, retries, lockfilePath: `${dbPath}.sync-lock` });
  } catch (e) {
    if ((e as { code?: string }).code === 'ELOCKED') {
      throw new AppFailure(
        'busy',
        waitMs > 0
          ? `Another sync of this data is still running after waiting ${Math.round(waitMs / 1000)} s. Try again when it has finished.`
          : 'Another sync of this data is already running (the app or another mpdesk sync). Wait for it to finish, or pass --wait to queue behind it.',
      );
    }
    throw e;
  }
}
