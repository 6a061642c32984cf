// Messages between bench/sync.ts and its sync process (bench/sync/host.ts), over fork's IPC channel.
import type { ApiCredentials } from '../../src/main/sync/client/http-client';
import type { SyncSummary } from '../../src/main/sync/engine';

/** The bench's one message to the host: what to sync, and where the compiled sync worker is. */
export interface HostStart {
  workerPath: string;
  dbPath: string;
  credentials: ApiCredentials;
  today: string;
}

export interface HostFigures {
  /** The host alone (its code, one isolate), before the sync worker starts. */
  rssBeforeWorker: number;
  /** At the first progress event: code loaded in both threads, the database open, no rows yet. */
  rssAtFirstProgress: number | null;
  peakRss: number;
  /** The data set and phase in progress when the RSS peaked. */
  peakPhase: string;
  /** The kernel's high-water mark of the host's RSS (VmHWM, Linux): what 50 ms samples may miss. */
  kernelPeakRss: number | null;
  workerHeapPeak: number;
  delayMaxMs: number;
  delayP99Ms: number;
  progressEvents: number;
}

export type HostMessage =
  /** The worker thread is started and the event-loop delay measured from now. */
  | { type: 'started' }
  /** A data set finished (done or failed): a line of the bench's running log. */
  | { type: 'dataset'; dataset: string; phase: string; rows: number; seconds: number; peakRss: number; delayMaxMs: number }
  | { type: 'summary'; summary: SyncSummary; seconds: number; spans: { id: string; seconds: number }[]; figures: HostFigures }
  | { type: 'failed'; message: string };
