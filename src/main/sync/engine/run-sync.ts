import { aggregateGroupIds, aggregateGroups, recordDatasets, type AggregateGroup, type RecordDataset } from '../../../shared/catalogue';
import { AppFailure } from '../../../shared/result';
import type { Db } from '../../store';
import { ApiError } from '../client/errors';
import { createApiClient, type ApiClientOptions, type ApiCredentials } from '../client/http-client';
import { cancelledError } from '../client/retry';
import { aggregateJobs, syncAggregateGroup } from './aggregate-sync';
import { createRecordSyncContext, emptyCounts, type DatasetCounts, type EngineSettings } from './context';
import { addDays, maxDate, minDate, utcToday } from './dates';
import { createProgressTracker, type ProgressListener } from './progress';
import { countHighlights, type SyncHighlights } from './highlights';
import { diskFullFailure, isDiskFull, unlessDiskFull } from './disk-full';
import { countRows, oldestDate } from './reconcile';
import { syncRecordDataset } from './record-strategies';
import { exportBatchSize, pageGroupMs, pageGroupRows } from './pulls';
import { restoreAbandonedBulkLoads, restoreBulkLoad } from './bulk-load';
import { listWindowRows } from './windowed-list';
import { closeAbandonedRuns, finishRun, readCheckpoint, readDatasetState, recordFailure, recordSuccess, startRun } from './state';
import { refreshMetrics } from '../../metrics/refresh';

export interface SyncOptions {
  db: Db;
  credentials: ApiCredentials;
  /** Record data set ids and aggregate group ids; all of them when absent. */
  datasets?: readonly string[];
  /** A full reconciliation of every record data set (async exports, vanished records marked). */
  full?: boolean;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  client?: Omit<ApiClientOptions, 'signal'>;
  settings?: Partial<EngineSettings>;
}

export interface DatasetOutcome {
  id: string;
  status: 'succeeded' | 'failed' | 'cancelled';
  mode: 'full' | 'incremental' | 'snapshot';
  error: { code: string; message: string } | null;
  counts: DatasetCounts;
  /** Rows present (not vanished) after the run; series rows for aggregate groups. */
  rows: number;
}

export interface SyncSummary {
  runId: number;
  status: 'succeeded' | 'failed' | 'partial' | 'cancelled';
  /** The error that stopped the whole sync (401/403, offline, cancel), if any. */
  error: { code: string; message: string } | null;
  datasets: DatasetOutcome[];
  /** New sales, evaluations, cancellations and refunds first seen in this run (not on a first load). */
  highlights: SyncHighlights;
  seconds: number;
}

export const defaultSettings = (): EngineSettings => ({
  overlapDays: 5,
  exportPollMs: 2000,
  exportTimeoutMs: 30 * 60_000,
  reconcileEveryDays: 30,
  partnerMetricsDays: 2 * 365,
  today: utcToday(),
  pageGroupRows,
  pageGroupMs,
  exportBatchRows: exportBatchSize,
  listWindowRows,
});

/** Page cache of the sync's connection during a run (KiB when negative, as SQLite takes it). */
const syncCacheSize = -16384;
/**
 * Page cache once the record data sets are written (aggregates, then the metrics refresh), the
 * caches emptied first so what they held is free for these phases to reuse: the refresh's
 * passes read indexes in order, its sorts and temporary indexes are sized by the cache, and the
 * aggregates append series. From 16 to 4 MiB, the 100k-licence sync's peak RSS in the refresh
 * went 324 -> 294 MB, its time unchanged (8.8 s); the large scale's aggregates alone (1M series
 * rows) take 48 s with either.
 */
const lateCacheSize = -4096;

/** Errors after which no other request (or write) can succeed: every data set stops at once. */
const fatalCodes = new Set(['auth.invalid', 'auth.forbidden', 'network.offline', 'db.full']);

/**
 * Syncs the chosen data sets into a space database: record data sets concurrently (the client
 * caps requests in flight), then a snapshot of every aggregate endpoint for the range from the
 * earliest data to today. A data set that fails keeps its previous content and the others go on;
 * a 401/403 or no network stops everything at once.
 */
export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  const started = performance.now();
  const settings: EngineSettings = { ...defaultSettings(), ...options.settings };
  const { db } = options;
  const stop = new AbortController();
  let fatal: AppFailure | null = null;
  const onCancel = () => stop.abort();
  options.signal?.addEventListener('abort', onCancel, { once: true });
  if (options.signal?.aborted) stop.abort();
  const client = createApiClient(options.credentials, { ...options.client, signal: stop.signal });
  const emit: ProgressListener = options.onProgress ?? (() => {});
  const wanted = new Set(options.datasets ?? [...recordDatasets.map((d) => d.id), ...aggregateGroupIds]);
  const records = recordDatasets.filter((d) => wanted.has(d.id));
  const groups = aggregateGroups.filter((g) => wanted.has(g.id));

  const now = new Date().toISOString();
  let runId: number;
  try {
    closeAbandonedRuns(db, now);
    runId = startRun(db, options.full ? 'full' : 'routine', now);
    restoreAbandonedBulkLoads(db, new Set(records.map((d) => d.id)));
  } catch (e) {
    throw isDiskFull(e) ? diskFullFailure(db) : e;
  }
  // A 16 MiB page cache for the run instead of the writer's 64 MiB: appends and one-pass index
  // builds gain nothing from more (measured: same insert, rebuild and metrics times), and the
  // sync's worker lives beside the data service's in one process whose RSS counts (≤ 300 MB).
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${syncCacheSize}`);
  const outcomes: DatasetOutcome[] = [];
  /** Data sets that had been synced before this run: only their new rows are news. */
  const incremental = new Set<string>();

  const fail = (e: unknown): { code: string; message: string } => {
    const failure = isDiskFull(e)
      ? diskFullFailure(db)
      : stop.signal.aborted && !fatal
        ? cancelledError()
        : e instanceof AppFailure
          ? e
          : new AppFailure('internal', e instanceof Error ? e.message : String(e));
    if (fatalCodes.has(failure.code) && !fatal) {
      fatal = failure;
      stop.abort();
    }
    // A data set stopped because another hit 401/offline reports that cause, not "cancelled".
    const shown = fatal && failure.code === 'cancelled' ? fatal : failure;
    return { code: shown.code, message: shown.message };
  };

  async function syncOne(dataset: RecordDataset): Promise<void> {
    const counts = emptyCounts();
    const progress = createProgressTracker(dataset.id, emit);
    const ctx = createRecordSyncContext({ db, client, dataset, runId, settings, progress, counts, signal: stop.signal });
    let mode: 'full' | 'incremental' = 'incremental';
    try {
      if (stop.signal.aborted) throw cancelledError();
      progress.phase('starting');
      if (readDatasetState(db, dataset.id).lastSuccessAt) incremental.add(dataset.id);
      const pass = await syncRecordDataset(ctx, options.full ?? false);
      mode = pass.mode;
      const rows = countRows(db, dataset);
      progress.phase('done', { done: rows, total: rows });
      outcomes.push({ id: dataset.id, status: 'succeeded', mode, error: null, counts, rows });
    } catch (e) {
      const error = fail(e);
      const cancelled = error.code === 'cancelled';
      // The pass the next run resumes says what this one was doing.
      mode = readCheckpoint<{ mode: 'full' | 'incremental' }>(db, dataset.id, 'pass')?.mode ?? mode;
      if (!cancelled) unlessDiskFull(() => recordFailure(db, dataset.id, new Date().toISOString(), error.message));
      if (!cancelled) restoreBulkLoad(db, dataset);
      progress.phase(cancelled ? 'cancelled' : 'failed');
      outcomes.push({ id: dataset.id, status: cancelled ? 'cancelled' : 'failed', mode, error, counts, rows: countRows(db, dataset) });
    }
  }

  await Promise.all(records.map((d) => syncOne(d)));
  db.pragma('shrink_memory');
  db.pragma(`cache_size = ${lateCacheSize}`);
  if (groups.length > 0) outcomes.push(...(await syncAggregates(groups)));

  async function syncAggregates(chosen: AggregateGroup[]): Promise<DatasetOutcome[]> {
    const { productIds, ...range } = aggregateRange(db, settings.today);
    const progress = createProgressTracker('aggregates', emit);
    const results: DatasetOutcome[] = [];
    // One bar for every aggregate request of the run, not one per group.
    const plans = chosen.map((group) => ({ group, jobs: aggregateJobs(group, range, productIds, settings) }));
    progress.phase('aggregates', { done: 0, total: plans.reduce((n, p) => n + p.jobs.length, 0) });
    // Groups run side by side; the client's cap keeps requests in flight bounded.
    await Promise.all(plans.map(async ({ group, jobs }) => {
      const counts = emptyCounts();
      try {
        if (stop.signal.aborted) throw cancelledError();
        const done = await syncAggregateGroup(db, client, jobs, range, progress);
        counts.updated = done.endpoints;
        recordSuccess(db, group.id, new Date().toISOString(), { full: true });
        results.push({ id: group.id, status: 'succeeded', mode: 'snapshot', error: null, counts, rows: done.rows });
      } catch (e) {
        const error = fail(e);
        const cancelled = error.code === 'cancelled';
        // The group's earlier snapshots stay: each (endpoint, variant) is replaced only when its answer arrived.
        if (!cancelled) unlessDiskFull(() => recordFailure(db, group.id, new Date().toISOString(), error.message));
        results.push({ id: group.id, status: cancelled ? 'cancelled' : 'failed', mode: 'snapshot', error, counts, rows: 0 });
      }
    }));
    progress.phase('done');
    return results;
  }

  if (!fatal && records.some((d) => d.id === 'licences' || d.id === 'transactions') && outcomes.some((o) => o.status === 'succeeded' && (o.counts.inserted > 0 || o.counts.updated > 0 || o.counts.gone > 0))) {
    // Locally computed metrics (MRR, cohorts) follow the records they are computed from.
    const progress = createProgressTracker('metrics', emit);
    progress.phase('indexing');
    // Its GROUP BYs sort whole tables: on disk (as the index rebuild does) they stay within the
    // page cache instead of growing the process by the size of the sort.
    db.pragma('temp_store = FILE');
    db.pragma('shrink_memory');
    // The temporary database (the cohorts' and paid days' tables and their indexes) has a page
    // cache of its own, opened at SQLite's default (16 MB in better-sqlite3's build), not main's.
    db.pragma(`temp.cache_size = ${lateCacheSize}`);
    try {
      refreshMetrics(db, { asOf: settings.today });
      progress.phase('done');
    } catch (e) {
      // The records are stored either way; the metrics are rebuilt by the next sync.
      progress.phase('failed');
      outcomes.push({ id: 'metrics', status: 'failed', mode: 'snapshot', error: fail(e), counts: emptyCounts(), rows: 0 });
    } finally {
      db.pragma('temp_store = MEMORY');
    }
  }

  options.signal?.removeEventListener('abort', onCancel);
  const failed = outcomes.filter((o) => o.status !== 'succeeded');
  const status: SyncSummary['status'] =
    options.signal?.aborted && !fatal ? 'cancelled' : failed.length === 0 ? 'succeeded' : failed.length === outcomes.length || fatal ? 'failed' : 'partial';
  const fatalError = fatal as AppFailure | null;
  const error = fatalError ? { code: fatalError.code, message: fatalError.message } : status === 'cancelled' ? { code: 'cancelled', message: 'Sync cancelled.' } : null;
  const order = [...recordDatasets.map((d) => d.id), ...aggregateGroupIds] as string[];
  outcomes.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const highlights = countHighlights(db, now, incremental);
  const summary: SyncSummary = { runId, status, error, datasets: outcomes, highlights, seconds: (performance.now() - started) / 1000 };
  // Without room for the run's end, the next sync closes it as interrupted.
  unlessDiskFull(() => finishRun(db, runId, status, new Date().toISOString(), error?.message ?? null, summary));
  db.pragma(`cache_size = ${cacheSize}`);
  return summary;
}

/** From the earliest data (first sale, licence or evaluation) to today; a year when nothing is stored. */
export function aggregateRange(db: Db, today: string): { from: string; to: string; productIds: string[] } {
  const byId = new Map(recordDatasets.map((d) => [d.id, d]));
  const licences = byId.get('licences')!;
  const transactions = byId.get('transactions')!;
  const earliest = minDate(
    oldestDate(db, transactions, 'saleDate'),
    oldestDate(db, licences, 'maintenanceStartDate'),
    oldestDate(db, licences, 'evaluationStartDate'),
  );
  // DISTINCT on each side keeps only the few product ids in its temp b-tree. A bare UNION sorted
  // every row of both tables first (in memory: temp_store = MEMORY): at 1M licences and 2M
  // transactions that sort took the sync process's RSS from ~130 to 357 MB (VmHWM) for 37 s;
  // with DISTINCT it peaks at 105 MB in 9 s (/tmp/s3/q.ts on the large dashboards bench file).
  const productIds = (
    db.prepare(`SELECT DISTINCT productId FROM licences WHERE productId IS NOT NULL UNION SELECT DISTINCT productId FROM transactions WHERE productId IS NOT NULL ORDER BY 1`).all() as { productId: string }[]
  ).map((r) => r.productId);
  return { from: earliest ?? addDays(today, -365), to: maxDate(today, earliest) ?? today, productIds };
}

export { ApiError };
