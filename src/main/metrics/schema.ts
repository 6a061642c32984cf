import type { Db } from '../store';

/**
 * Pre-aggregated tables the dashboards read instead of the million-row record tables. All are
 * derived (refreshMetrics rebuilds them from licences and transactions), so they can be dropped
 * and rebuilt at any time without losing anything.
 */
export const metricTablesSql = `
  CREATE TABLE IF NOT EXISTS metric_mrr_month (
    month TEXT NOT NULL,
    addon_key TEXT NOT NULL,
    hosting TEXT NOT NULL,
    mrr REAL NOT NULL,
    paying INTEGER NOT NULL,
    new REAL NOT NULL,
    expansion REAL NOT NULL,
    contraction REAL NOT NULL,
    churn REAL NOT NULL,
    refunds REAL NOT NULL,
    new_count INTEGER NOT NULL,
    churn_count INTEGER NOT NULL,
    PRIMARY KEY (month, addon_key, hosting)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS metric_revenue_day (
    day TEXT NOT NULL,
    addon_key TEXT NOT NULL,
    hosting TEXT NOT NULL,
    sale_type TEXT NOT NULL,
    lines INTEGER NOT NULL,
    zero_lines INTEGER NOT NULL,
    vendor_amount REAL NOT NULL,
    purchase_price REAL NOT NULL,
    PRIMARY KEY (day, addon_key, hosting, sale_type)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS metric_revenue_month (
    month TEXT NOT NULL,
    addon_key TEXT NOT NULL,
    hosting TEXT NOT NULL,
    sale_type TEXT NOT NULL,
    lines INTEGER NOT NULL,
    zero_lines INTEGER NOT NULL,
    vendor_amount REAL NOT NULL,
    purchase_price REAL NOT NULL,
    PRIMARY KEY (month, addon_key, hosting, sale_type)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS metric_licence_month (
    month TEXT NOT NULL,
    addon_key TEXT NOT NULL,
    hosting TEXT NOT NULL,
    edition TEXT NOT NULL,
    kind TEXT NOT NULL,
    active INTEGER NOT NULL,
    PRIMARY KEY (month, addon_key, hosting, edition, kind)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS metric_conversion_day (
    day TEXT NOT NULL,
    addon_key TEXT NOT NULL,
    hosting TEXT NOT NULL,
    evaluations INTEGER NOT NULL,
    converted INTEGER NOT NULL,
    days_to_convert REAL NOT NULL,
    PRIMARY KEY (day, addon_key, hosting)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS metric_conversion_month (
    month TEXT NOT NULL,
    addon_key TEXT NOT NULL,
    hosting TEXT NOT NULL,
    evaluations INTEGER NOT NULL,
    converted INTEGER NOT NULL,
    days_to_convert REAL NOT NULL,
    PRIMARY KEY (month, addon_key, hosting)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS metric_licence_delta (
    day TEXT NOT NULL,
    addon_key TEXT NOT NULL,
    hosting TEXT NOT NULL,
    edition TEXT NOT NULL,
    kind TEXT NOT NULL,
    delta INTEGER NOT NULL,
    PRIMARY KEY (day, addon_key, hosting, edition, kind)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS metric_apps (
    addon_key TEXT PRIMARY KEY,
    name TEXT NOT NULL
  ) STRICT;

  -- What an incremental refresh needs from the last one (see entitlement.ts and changes.ts).
  CREATE TABLE IF NOT EXISTS metric_entitlement (
    ent TEXT NOT NULL,
    addon TEXT NOT NULL,
    app TEXT NOT NULL,
    hosting TEXT NOT NULL,
    last_month INTEGER NOT NULL,
    next_event INTEGER NOT NULL,
    ids TEXT NOT NULL,
    paid TEXT NOT NULL,
    segments TEXT NOT NULL,
    PRIMARY KEY (ent, addon)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS metric_entitlement_open ON metric_entitlement (last_month);
  CREATE INDEX IF NOT EXISTS metric_entitlement_next ON metric_entitlement (next_event);

  CREATE TABLE IF NOT EXISTS metric_evaluation (
    ident TEXT PRIMARY KEY,
    day TEXT NOT NULL,
    addon TEXT NOT NULL,
    hosting TEXT NOT NULL,
    converted TEXT
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS metric_app_name (
    addon_key TEXT NOT NULL,
    name TEXT NOT NULL,
    records INTEGER NOT NULL,
    PRIMARY KEY (addon_key, name)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS metric_gone (
    dataset TEXT NOT NULL,
    row INTEGER NOT NULL,
    PRIMARY KEY (dataset, row)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS metric_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;
`;

/** The tables the dashboards read. */
export const metricTables = ['metric_mrr_month', 'metric_revenue_day', 'metric_revenue_month', 'metric_licence_month', 'metric_conversion_day', 'metric_conversion_month', 'metric_licence_delta', 'metric_apps'] as const;

/** The tables an incremental refresh keeps beside them. */
export const metricStateTables = ['metric_entitlement', 'metric_evaluation', 'metric_app_name', 'metric_gone'] as const;

/**
 * Bump when a table of metricStateTables changes shape: they are derived, so an older file drops
 * them (and the incremental state) and the next refresh rebuilds them in full. CREATE TABLE IF
 * NOT EXISTS alone would keep the old shape.
 */
const stateTablesVersion = 2;

/** Idempotent: the space migration calls it, and so do refreshes and dashboards on an older file. */
export function ensureMetricTables(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS metric_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT');
  if (readMetricState(db, 'state_tables') !== stateTablesVersion) {
    db.transaction(() => {
      for (const table of metricStateTables) db.exec(`DROP TABLE IF EXISTS ${table}`);
      db.prepare("DELETE FROM metric_state WHERE key = 'incremental'").run();
      db.exec(metricTablesSql);
      db.prepare("INSERT OR REPLACE INTO metric_state (key, value) VALUES ('state_tables', ?)").run(String(stateTablesVersion));
    })();
    return;
  }
  db.exec(metricTablesSql);
}

/** A JSON value of metric_state; null when absent or unreadable (the callers then recount or rebuild). */
export function readMetricState(db: Db, key: string): unknown {
  const text = db.prepare('SELECT value FROM metric_state WHERE key = ?').pluck().get(key) as string | undefined;
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
