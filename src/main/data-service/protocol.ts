import type { DataMethodName, EventName } from '../../shared/contract';
import type { Result } from '../../shared/result';

/** Messages between the main thread and the data-service worker. */
export type ToWorker =
  | { type: 'call'; id: number; method: DataMethodName; request: unknown }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }
  /** A finished log line (JSON) for main's rotating log file. */
  | { type: 'log'; line: string }
  | { type: 'closed' };

export interface WorkerOptions {
  dataDir: string;
  version: string;
  spaceId?: string;
  /** Run the sync schedule and connectivity monitor (the app; not tests or benchmarks). */
  background?: boolean;
  /** Each sync in a worker thread of its own: the built sync-worker.js (or, under tsx, the .ts source). */
  syncWorker?: { path: string; execArgv?: string[] };
}
