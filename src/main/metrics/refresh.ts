import type { Db } from '../store';
import { goneIndexSql, saveGoneRows } from './changes';
import { evaluationIndexSql } from './cohorts';
import { formatDay, parseDay } from './days';
import { refreshIncrementally, type IncrementalState } from './incremental';
import { licenceIndexSql } from './licence-lines';
import { addLicenceMonthDeltas, lastLicenceMonth, writeLicenceMonths } from './licence-months';
import { emptyNewRecords, fromStoredSince, toStoredSince, type NewRecords, type StoredSinceLastSync } from './new-records';
import { writeConversionMonths, writeRevenueMonths } from './month-tables';
import { rebuildMetrics } from './rebuild';
import { ensureMetricTables, readMetricState } from './schema';
import { transactionIndexSql } from './transaction-lines';
export type { StoredSinceLastSync } from './new-records';

export interface RefreshMetricsOptions {
  /** The day MRR of the current month is taken on (YYYY-MM-DD, UTC); default today. */
  asOf?: string;
  now?: () => Date;
  /** `auto` (default): incremental when the last refresh left what it needs, else full. */
  mode?: 'auto' | 'full';
}

export interface RefreshMetricsResult {
  asOf: string;
  mode: 'full' | 'incremental';
  /** Full: entitlements and live transactions; incremental: those recomputed. */
  entitlements: number;
  transactions: number;
  /** Incremental: how the conversion cohorts followed (see IncrementalResult). */
  conversion?: 'unchanged' | 'by-evaluation' | 'whole';
  ms: number;
}

/** Bump when the stored cells or metric_entitlement change meaning: the next refresh is then a full one. */
const stateFormat = 6;

interface StoredState extends IncrementalState {
  format: number;
  refreshedAt: string;
  /** lastLicenceMonth when metric_licence_month was written. */
  licenceLast: number;
}

/**
 * Brings every pre-aggregated metric table up to date with the licences and transactions, in
 * one transaction so a dashboard never reads half a refresh. Incremental when it can be (only
 * the cells the changed records touch, see incremental.ts); a full rebuild on the first refresh,
 * after a format change, when the as-of day moves back, when changes cannot be told exactly, or
 * with `mode: 'full'` (reconciliation). Synchronous on purpose (better-sqlite3): the sync calls
 * it after writing transactions or licences, before it marks its run finished, so "since the
 * last sync" is counted against that run. Its times are in `npm run bench -- dashboards`.
 */
export function refreshMetrics(db: Db, options: RefreshMetricsOptions = {}): RefreshMetricsResult {
  const started = performance.now();
  const clock = options.now ?? (() => new Date());
  const asOf = options.asOf ?? clock().toISOString().slice(0, 10);
  const asOfDay = parseDay(asOf);
  if (asOfDay === null) throw new Error(`asOf is not a date: ${asOf}`);
  ensureMetricTables(db);
  ensureMetricIndexes(db);
  let result: RefreshMetricsResult = { asOf: formatDay(asOfDay), mode: 'full', entitlements: 0, transactions: 0, ms: 0 };
  db.transaction(() => {
    const since = (db.prepare('SELECT started_at FROM sync_runs ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? null;
    const state = options.mode === 'full' ? null : readState(db);
    const usable = state !== null && state.format === stateFormat && asOfDay >= state.asOfDay && state.changeId <= maxChangeId(db);
    const earlier = usable ? earlierCount(db, since, state) : null;
    const inc = usable ? refreshIncrementally(db, state, asOfDay, since, earlier ?? emptyNewRecords()) : null;
    if (inc) {
      writeRevenueMonths(db, inc.revenueMonths);
      result = { ...result, mode: 'incremental', entitlements: inc.entitlements, transactions: inc.transactions, conversion: inc.conversion };
      // Month snapshots follow the delta changes, unless the last month moved (a new as-of month): then all are summed again.
      const last = lastLicenceMonth(db, asOfDay);
      if (last === state?.licenceLast) addLicenceMonthDeltas(db, inc.licenceDeltas, last);
      else writeLicenceMonths(db, asOfDay);
      finish(db, clock(), asOfDay, earlier === null ? null : since, inc.rows, inc.newRecords);
    } else {
      const full = rebuildMetrics(db, asOfDay, since);
      writeRevenueMonths(db, null);
      writeConversionMonths(db, null);
      writeLicenceMonths(db, asOfDay);
      result = { ...result, entitlements: full.entitlements, transactions: full.transactions };
      finish(db, clock(), asOfDay, since, full.rows, full.newRecords);
    }
  })();
  return { ...result, ms: Math.round(performance.now() - started) };
}

/** What both kinds of refresh end with: the tables derived from the cells, and the state the next one starts from. */
function finish(db: Db, now: Date, asOfDay: number, since: string | null, rows: { transactions: number; licences: number }, newRecords: NewRecords): void {
  db.exec('DELETE FROM metric_apps');
  db.exec('INSERT INTO metric_apps (addon_key, name) SELECT addon_key, min(name) FROM metric_app_name GROUP BY addon_key');
  saveGoneRows(db);
  const put = db.prepare('INSERT OR REPLACE INTO metric_state (key, value) VALUES (?, ?)');
  const refreshedAt = now.toISOString();
  put.run('rows', JSON.stringify(rows));
  put.run('as_of', formatDay(asOfDay));
  put.run('refreshed_at', refreshedAt);
  // Without a count of the run (no run, or one the refreshes cannot tell apart), the overview counts from the rows.
  if (since !== null) put.run('since_last_sync', JSON.stringify(toStoredSince(since, newRecords)));
  else db.prepare("DELETE FROM metric_state WHERE key = 'since_last_sync'").run();
  const maxRowid = (table: string) => (db.prepare(`SELECT coalesce(max(_rowid), 0) FROM ${table}`).pluck().get() as number);
  const state: StoredState = { format: stateFormat, refreshedAt, asOfDay, changeId: maxChangeId(db), maxRowid: { transactions: maxRowid('transactions'), licences: maxRowid('licences') },
    licenceLast: lastLicenceMonth(db, asOfDay),
  };
  put.run('incremental', JSON.stringify(state));
}

const maxChangeId = (db: Db) => db.prepare('SELECT coalesce(max(id), 0) FROM change_history').pluck().get() as number;

const readState = (db: Db) => readMetricState(db, 'incremental') as StoredState | null;

/**
 * The count an incremental refresh adjusts: the last refresh's, when it counted the same sync
 * run; zero when that run started after the last refresh (all its records are new to it). Null
 * otherwise — the overview then counts from the rows (since-last-sync.ts).
 */
function earlierCount(db: Db, since: string | null, state: StoredState): NewRecords | null {
  if (since === null) return null;
  const stored = readMetricState(db, 'since_last_sync') as StoredSinceLastSync | null;
  if (stored?.since === since) return fromStoredSince(stored);
  return state.refreshedAt < since ? emptyNewRecords() : null;
}

/**
 * Covering indexes the passes read instead of the record rows, and the partial indexes of gone
 * rows. Built once (seconds on a million rows, on the first refresh of an existing file), then
 * kept by SQLite on every write.
 */
export function ensureMetricIndexes(db: Db): void {
  db.exec(transactionIndexSql);
  db.exec(licenceIndexSql);
  db.exec(goneIndexSql('transactions'));
  db.exec(goneIndexSql('licences'));
  db.exec(evaluationIndexSql);
}
