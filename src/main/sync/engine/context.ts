import type { RecordDataset } from '../../../shared/catalogue';
import type { Db } from '../../store';
import { createRecordWriter, type FlatRecord, type PageWriteResult } from '../../store/record-writer';
import type { ApiClient } from '../client/http-client';
import type { ProgressTracker } from './progress';
import { writeCheckpoint } from './state';

export interface EngineSettings {
  /** Days re-read before the watermark on routine pulls (LIVE-API-NOTES: lastUpdated misses some changes). */
  overlapDays: number;
  /** Poll interval of async export status. */
  exportPollMs: number;
  /** An async export not COMPLETED after this long fails its data set. */
  exportTimeoutMs: number;
  /** A full reconciliation is due when the last one is older than this. */
  reconcileEveryDays: number;
  /** Partner metrics reach back this many days at most (the API computes them per request). */
  partnerMetricsDays: number;
  /** Today (UTC, YYYY-MM-DD): the end of every date range. */
  today: string;
  /** Paged lists commit a group of pages once it holds this many rows… (see pullPages) */
  pageGroupRows: number;
  /** …or once its pages took this long to read, whichever comes first. */
  pageGroupMs: number;
  /** Rows of a streamed export written per transaction (see exportBatchSize). */
  exportBatchRows: number;
  /** Records a date window's export aims at in a full pass of a date-windowed list (see pullDateWindows). */
  listWindowRows: number;
}

export interface DatasetCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Fields Atlassian changed in existing records (rows added to the change history). */
  changed: number;
  /** Records that vanished from the API in a full pass (marked, not deleted). */
  gone: number;
}

export function emptyCounts(): DatasetCounts {
  return { inserted: 0, updated: 0, unchanged: 0, changed: 0, gone: 0 };
}

export interface RecordSyncContext {
  db: Db;
  client: ApiClient;
  dataset: RecordDataset;
  runId: number;
  settings: EngineSettings;
  progress: ProgressTracker;
  counts: DatasetCounts;
  signal?: AbortSignal;
  /** Writes one batch and its checkpoint in one synchronous transaction. */
  writeBatch(records: readonly FlatRecord[], scope: string, checkpoint: unknown): PageWriteResult;
}

export function createRecordSyncContext(base: Omit<RecordSyncContext, 'writeBatch'>): RecordSyncContext {
  const writePage = createRecordWriter(base.db, base.dataset);
  // A crash leaves the old page or the new one with its checkpoint, never half (no await inside).
  const write = base.db.transaction((records: readonly FlatRecord[], scope: string, checkpoint: unknown) => {
    const result = writePage.writeFlat(records, new Date().toISOString(), base.runId);
    writeCheckpoint(base.db, base.dataset.id, scope, checkpoint);
    return result;
  });
  return {
    ...base,
    writeBatch(records, scope, checkpoint) {
      const r = write(records, scope, checkpoint);
      base.counts.inserted += r.inserted;
      base.counts.updated += r.updated;
      base.counts.unchanged += r.unchanged;
      base.counts.changed += r.changes;
      base.progress.advance(records.length);
      return r;
    },
  };
}
