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
  /**
   * The same for a batch held in a compact form (an export's record texts): each item is
   * flattened as it is written, inside the transaction, so the batch's flattened rows never all
   * exist at once. A `toFlat` that throws (a malformed record) rolls the whole batch back.
   */
  writeItems<T>(items: readonly T[], toFlat: (item: T, index: number) => FlatRecord, scope: string, checkpoint: unknown): PageWriteResult;
}

/** Rows flattened and written at a time inside a `writeItems` transaction. */
const flattenSlice = 500;

export function createRecordSyncContext(base: Omit<RecordSyncContext, 'writeBatch' | 'writeItems'>): RecordSyncContext {
  const writePage = createRecordWriter(base.db, base.dataset);
  // A crash leaves the old page or the new one with its checkpoint, never half (no await inside).
  const write = base.db.transaction((records: readonly FlatRecord[], scope: string, checkpoint: unknown) => {
    const result = writePage.writeFlat(records, new Date().toISOString(), base.runId);
    writeCheckpoint(base.db, base.dataset.id, scope, checkpoint);
    return result;
  });
  const writeFlattening = base.db.transaction((items: readonly unknown[], toFlat: (item: unknown, index: number) => FlatRecord, scope: string, checkpoint: unknown) => {
    const seenAt = new Date().toISOString();
    const total: PageWriteResult = { inserted: 0, updated: 0, unchanged: 0, skipped: 0, changes: 0 };
    for (let from = 0; from < items.length; from += flattenSlice) {
      const flats: FlatRecord[] = [];
      for (let i = from; i < Math.min(from + flattenSlice, items.length); i++) flats.push(toFlat(items[i]!, i));
      const r = writePage.writeFlat(flats, seenAt, base.runId);
      total.inserted += r.inserted;
      total.updated += r.updated;
      total.unchanged += r.unchanged;
      total.changes += r.changes;
    }
    writeCheckpoint(base.db, base.dataset.id, scope, checkpoint);
    return total;
  });
  const count = (r: PageWriteResult, rows: number): PageWriteResult => {
    base.counts.inserted += r.inserted;
    base.counts.updated += r.updated;
    base.counts.unchanged += r.unchanged;
    base.counts.changed += r.changes;
    base.progress.advance(rows);
    return r;
  };
  return {
    ...base,
    writeBatch: (records, scope, checkpoint) => count(write(records, scope, checkpoint), records.length),
    writeItems: (items, toFlat, scope, checkpoint) => count(writeFlattening(items, toFlat as (item: unknown, index: number) => FlatRecord, scope, checkpoint), items.length),
  };
}
