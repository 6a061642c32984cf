import type { AppError } from '../../../shared/result';
import type { ApiCredentials } from '../client/http-client';
import type { EngineSettings, SyncProgress, SyncSummary } from '../engine';

/** What the data service hands a sync worker at start (structured-cloned; the token stays in this process). */
export interface SyncWorkerData {
  /** The space database file; the worker opens its own writer connection on it. */
  dbPath: string;
  credentials: ApiCredentials;
  datasets?: string[] | undefined;
  full?: boolean | undefined;
  /** Engine settings over the defaults: the sync bench's fixed `today` and short export poll (the app leaves it out). */
  settings?: Partial<EngineSettings> | undefined;
  /**
   * Test hook: before syncing, the worker holds a write transaction open (as finishBulkLoad or a
   * metrics refresh does for minutes) — it sets slot 0 to 1 once the lock is held and waits
   * until slot 1 becomes non-zero, so a test can query meanwhile without sleeping.
   */
  holdWrite?: SharedArrayBuffer | undefined;
}

export type ToSyncWorker = { type: 'cancel' };

export type FromSyncWorker =
  | { type: 'progress'; progress: SyncProgress }
  | { type: 'summary'; summary: SyncSummary }
  /** runSync itself threw (no summary): the database could not be opened, the run not started, … */
  | { type: 'failed'; error: AppError };
