import type { Db } from '../../store';

/**
 * Sync bookkeeping in the space database: resume checkpoints (one JSON state per data set and
 * scope), per-data-set state (watermark, last success, last error) and sync runs. Checkpoints
 * are written inside the same transaction as the page they describe (see writeBatch).
 */
export function readCheckpoint<T>(db: Db, dataset: string, scope: string): T | null {
  const row = db.prepare('SELECT state FROM sync_checkpoints WHERE dataset = ? AND scope = ?').get(dataset, scope) as { state: string } | undefined;
  return row ? (JSON.parse(row.state) as T) : null;
}

export function writeCheckpoint(db: Db, dataset: string, scope: string, state: unknown): void {
  db.prepare(
    `INSERT INTO sync_checkpoints (dataset, scope, state, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (dataset, scope) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  ).run(dataset, scope, JSON.stringify(state), new Date().toISOString());
}

export function clearCheckpoint(db: Db, dataset: string, scope: string): void {
  db.prepare('DELETE FROM sync_checkpoints WHERE dataset = ? AND scope = ?').run(dataset, scope);
}

export interface DatasetState {
  lastSuccessAt: string | null;
  lastFullAt: string | null;
  watermark: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

export function readDatasetState(db: Db, dataset: string): DatasetState {
  const row = db.prepare('SELECT last_success_at, last_full_at, watermark, last_error, last_error_at FROM dataset_state WHERE dataset = ?').get(dataset) as
    | { last_success_at: string | null; last_full_at: string | null; watermark: string | null; last_error: string | null; last_error_at: string | null }
    | undefined;
  return {
    lastSuccessAt: row?.last_success_at ?? null,
    lastFullAt: row?.last_full_at ?? null,
    watermark: row?.watermark ?? null,
    lastError: row?.last_error ?? null,
    lastErrorAt: row?.last_error_at ?? null,
  };
}

export function recordSuccess(db: Db, dataset: string, at: string, changes: { watermark?: string | null; full?: boolean }): void {
  db.prepare(
    `INSERT INTO dataset_state (dataset, last_success_at, last_full_at, watermark, last_error, last_error_at) VALUES (?, ?, ?, ?, NULL, NULL)
     ON CONFLICT (dataset) DO UPDATE SET last_success_at = excluded.last_success_at,
       last_full_at = coalesce(excluded.last_full_at, last_full_at),
       watermark = coalesce(excluded.watermark, watermark), last_error = NULL, last_error_at = NULL`,
  ).run(dataset, at, changes.full ? at : null, changes.watermark ?? null);
}

/** A failure leaves the data and the watermark as they were; only the error is recorded. */
export function recordFailure(db: Db, dataset: string, at: string, message: string): void {
  db.prepare(
    `INSERT INTO dataset_state (dataset, last_error, last_error_at) VALUES (?, ?, ?)
     ON CONFLICT (dataset) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
  ).run(dataset, message, at);
}

export function startRun(db: Db, mode: string, at: string): number {
  return Number(db.prepare("INSERT INTO sync_runs (mode, started_at, status) VALUES (?, ?, 'running')").run(mode, at).lastInsertRowid);
}

export function finishRun(db: Db, id: number, status: 'succeeded' | 'failed' | 'partial' | 'cancelled', at: string, error: string | null, summary: unknown): void {
  db.prepare('UPDATE sync_runs SET finished_at = ?, status = ?, error = ?, summary = ? WHERE id = ?').run(at, status, error, JSON.stringify(summary), id);
}

/** A run a killed process left 'running' is closed as interrupted when the next one starts. */
export function closeAbandonedRuns(db: Db, at: string): void {
  db.prepare("UPDATE sync_runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'").run(at);
}
