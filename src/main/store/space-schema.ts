import type { Migration } from './migrate';
import { ensureRecordTables } from './record-tables';

/**
 * Migration 1 of a developer space's database (one file per account). Record tables come from
 * the catalogue (see record-tables.ts); these are the tables around them. The full list, with
 * the migrations owned by the query and metrics layers, is in src/main/space-database.ts.
 */
export const baseSpaceMigration: Migration = {
  version: 1,
  description: 'record tables, change history, aggregate series, sync runs and checkpoints',
  up: (db) => {
    ensureRecordTables(db);
    db.exec(`
      CREATE TABLE change_history (
        id INTEGER PRIMARY KEY,
        dataset TEXT NOT NULL,
        record_key TEXT NOT NULL,
        field TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        seen_at TEXT NOT NULL,
        sync_run_id INTEGER
      ) STRICT;
      CREATE INDEX change_history_by_record ON change_history (dataset, record_key, seen_at);
      CREATE INDEX change_history_by_time ON change_history (seen_at);

      CREATE TABLE aggregate_series (
        id INTEGER PRIMARY KEY,
        endpoint TEXT NOT NULL,
        variant TEXT NOT NULL,
        scope TEXT NOT NULL,
        addon_key TEXT,
        product_id TEXT,
        dataset TEXT NOT NULL DEFAULT '',
        series TEXT NOT NULL,
        date TEXT NOT NULL,
        measures TEXT NOT NULL,
        fetched_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX aggregate_series_identity
        ON aggregate_series (endpoint, variant, scope, dataset, series, date);

      CREATE TABLE aggregate_snapshots (
        endpoint TEXT NOT NULL,
        variant TEXT NOT NULL,
        params TEXT NOT NULL,
        raw TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (endpoint, variant)
      ) STRICT;

      CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY,
        mode TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        error TEXT,
        summary TEXT
      ) STRICT;

      CREATE TABLE dataset_state (
        dataset TEXT PRIMARY KEY,
        last_success_at TEXT,
        last_full_at TEXT,
        watermark TEXT,
        last_error TEXT,
        last_error_at TEXT
      ) STRICT;

      CREATE TABLE sync_checkpoints (
        dataset TEXT NOT NULL,
        scope TEXT NOT NULL,
        state TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (dataset, scope)
      ) STRICT;

      CREATE TABLE saved_views (
        id INTEGER PRIMARY KEY,
        dataset TEXT NOT NULL,
        name TEXT NOT NULL,
        state TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (dataset, name)
      ) STRICT;
    `);
  },
};
