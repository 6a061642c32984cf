import type { Db } from '../../store';

/** What a partner wants to hear about after a sync (notifications, the CLI summary). */
export interface SyncHighlights {
  newSales: number;
  newEvaluations: number;
  cancellations: number;
  refunds: number;
}

/**
 * Counts records first seen in this run. Only data sets that had been synced before count: on a
 * first load every row is "new" and none of it is news.
 */
export function countHighlights(db: Db, runStartedAt: string, incremental: ReadonlySet<string>): SyncHighlights {
  const count = (dataset: string, sql: string): number =>
    incremental.has(dataset) ? ((db.prepare(sql).pluck().get(runStartedAt) as number | undefined) ?? 0) : 0;
  return {
    newSales: count('transactions', "SELECT count(*) FROM transactions WHERE _first_seen >= ? AND coalesce(saleType, '') <> 'Refund'"),
    newEvaluations: count('licences', "SELECT count(*) FROM licences WHERE _first_seen >= ? AND licenseType = 'EVALUATION'"),
    cancellations: count('churn-events', 'SELECT count(*) FROM churn_events WHERE _first_seen >= ?'),
    refunds: count('transactions', "SELECT count(*) FROM transactions WHERE _first_seen >= ? AND saleType = 'Refund'"),
  };
}
