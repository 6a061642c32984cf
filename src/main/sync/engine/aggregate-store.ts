import type { Db } from '../../store';
import type { SeriesRow } from './aggregate-flatten';

/** One stored answer: its raw text as the API sent it, and its rows as a walk that emits them. */
export interface AggregateAnswerToStore {
  endpoint: string;
  variant: string;
  params: unknown;
  raw: string;
  eachRow(emit: (row: SeriesRow) => void): void;
}

/**
 * Replaces the stored series of one (endpoint, variant) with a fresh snapshot, and keeps the raw
 * answer, in one transaction: a dashboard never sees half of an endpoint's series. Rows are
 * written as the walk emits them, never held together (an answer of transactions by country
 * runs to ~175k rows at 1M licences). Rows that collide on the identity (the same series name
 * twice, e.g. evaluation types under one hosting) are summed into the first one's measures — the
 * raw snapshot keeps them apart. Returns the number of series rows stored.
 */
export function storeAggregate(db: Db, answer: AggregateAnswerToStore, fetchedAt: string): number {
  const { endpoint, variant } = answer;
  const del = db.prepare('DELETE FROM aggregate_series WHERE endpoint = ? AND variant = ?');
  // DO NOTHING on the identity: a collision is seen as no change, then summed below.
  const ins = db.prepare(
    `INSERT INTO aggregate_series (endpoint, variant, scope, addon_key, product_id, dataset, series, date, measures, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (endpoint, variant, scope, dataset, series, date) DO NOTHING`,
  );
  const stored = db.prepare('SELECT id, measures FROM aggregate_series WHERE endpoint = ? AND variant = ? AND scope = ? AND dataset = ? AND series = ? AND date = ?');
  const update = db.prepare('UPDATE aggregate_series SET measures = ? WHERE id = ?');
  const snap = db.prepare(
    `INSERT INTO aggregate_snapshots (endpoint, variant, params, raw, fetched_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (endpoint, variant) DO UPDATE SET params = excluded.params, raw = excluded.raw, fetched_at = excluded.fetched_at`,
  );
  let rows = 0;
  db.transaction(() => {
    del.run(endpoint, variant);
    snap.run(endpoint, variant, JSON.stringify(answer.params), answer.raw, fetchedAt);
    answer.eachRow((r) => {
      if (ins.run(endpoint, variant, r.scope, r.addonKey, r.productId, r.dataset, r.series, r.date, JSON.stringify(r.measures), fetchedAt).changes > 0) {
        rows++;
        return;
      }
      const prev = stored.get(endpoint, variant, r.scope, r.dataset, r.series, r.date) as { id: number; measures: string };
      const sums = JSON.parse(prev.measures) as Record<string, number>;
      for (const k in r.measures) sums[k] = (sums[k] ?? 0) + r.measures[k]!;
      update.run(JSON.stringify(sums), prev.id);
    });
  })();
  return rows;
}
