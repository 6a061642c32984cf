import { aggregateGroups, recordDatasets } from '../../shared/catalogue';
import type { SyncDatasetStatus, SyncRunView } from '../../shared/contract-sync';
import { quoteIdent, recordMetaColumns as m, type Db } from '../store';

interface StateRow {
  dataset: string;
  last_success_at: string | null;
  last_full_at: string | null;
  watermark: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

/** Per data set: rows, last success, watermark, last error (`mpdesk status`, `sync.status`). */
export function readSyncStatus(db: Db): SyncDatasetStatus[] {
  const states = new Map((db.prepare('SELECT * FROM dataset_state').all() as StateRow[]).map((r) => [r.dataset, r]));
  const base = (id: string) => {
    const s = states.get(id);
    return {
      lastSuccessAt: s?.last_success_at ?? null,
      lastFullAt: s?.last_full_at ?? null,
      watermark: s?.watermark ?? null,
      lastError: s?.last_error ?? null,
      lastErrorAt: s?.last_error_at ?? null,
    };
  };
  const records = recordDatasets.map((d): SyncDatasetStatus => {
    const counts = db.prepare(`SELECT count(*) AS total, count(${m.goneSince}) AS gone FROM ${quoteIdent(d.table)}`).get() as { total: number; gone: number };
    return { id: d.id, title: d.title, kind: 'records', rows: counts.total - counts.gone, gone: counts.gone, ...base(d.id) };
  });
  const seriesCount = db.prepare('SELECT count(*) FROM aggregate_series WHERE endpoint = ?').pluck();
  const groups = aggregateGroups.map((g): SyncDatasetStatus => {
    const rows = g.endpoints.reduce((n, e) => n + (seriesCount.get(e.endpoint) as number), 0);
    return { id: g.id, title: g.title, kind: 'aggregates', rows, gone: 0, ...base(g.id) };
  });
  return [...records, ...groups];
}

export function readLastRun(db: Db): SyncRunView | null {
  const row = db.prepare('SELECT id, mode, status, started_at, finished_at, error FROM sync_runs ORDER BY id DESC LIMIT 1').get() as
    | { id: number; mode: string; status: string; started_at: string; finished_at: string | null; error: string | null }
    | undefined;
  return row ? { id: row.id, mode: row.mode, status: row.status, startedAt: row.started_at, finishedAt: row.finished_at, error: row.error } : null;
}
