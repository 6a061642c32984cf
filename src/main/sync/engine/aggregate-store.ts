import type { Db } from '../../store';
import type { SeriesRow } from './aggregate-flatten';

/**
 * Replaces the stored series of one (endpoint, variant) with a fresh snapshot, and keeps the raw
 * answer, in one transaction: a dashboard never sees half of an endpoint's series. Rows that
 * collide on the identity (the same series name twice, e.g. evaluation types under one hosting)
 * are summed — the raw snapshot keeps them apart.
 */
export function storeAggregate(db: Db, endpoint: string, variant: string, params: unknown, raw: unknown, rows: SeriesRow[], fetchedAt: string): number {
  // The rows are the caller's to give away (flattenAggregate's fresh objects): a collision adds
  // into the first row's measures instead of every row being copied (~150k rows per answer of
  // transactions-by-metric at 30k licences).
  const merged = new Map<string, SeriesRow>();
  for (const r of rows) {
    const id = `${r.scope}\u0000${r.dataset}\u0000${r.series}\u0000${r.date}`;
    const prev = merged.get(id);
    if (!prev) merged.set(id, r);
    else for (const k in r.measures) prev.measures[k] = (prev.measures[k] ?? 0) + r.measures[k]!;
  }
  const del = db.prepare('DELETE FROM aggregate_series WHERE endpoint = ? AND variant = ?');
  const ins = db.prepare(
    'INSERT INTO aggregate_series (endpoint, variant, scope, addon_key, product_id, dataset, series, date, measures, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const snap = db.prepare(
    `INSERT INTO aggregate_snapshots (endpoint, variant, params, raw, fetched_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (endpoint, variant) DO UPDATE SET params = excluded.params, raw = excluded.raw, fetched_at = excluded.fetched_at`,
  );
  db.transaction(() => {
    del.run(endpoint, variant);
    for (const r of merged.values()) ins.run(endpoint, variant, r.scope, r.addonKey, r.productId, r.dataset, r.series, r.date, JSON.stringify(r.measures), fetchedAt);
    snap.run(endpoint, variant, JSON.stringify(params), JSON.stringify(raw), fetchedAt);
  })();
  return merged.size;
}
