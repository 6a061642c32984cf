import type { DashboardControls, DashboardPanel, EmptyReason } from '../../shared/contract-dashboards';
import type { MetricFilter } from '../metrics';
import type { Db } from '../store';

export interface DashboardContext {
  db: Db;
  controls: DashboardControls;
  now: Date;
  filter: MetricFilter;
  /** Data sets (or aggregate endpoints) with at least one successful sync. */
  synced: (datasetOrEndpoint: string) => boolean;
  /** One read per request for panels drawn from the same rows (revenue by sale type feeds two). */
  memo: <T>(key: string, read: () => T) => T;
}

export function createContext(db: Db, controls: DashboardControls, now: Date): DashboardContext {
  const syncedSets = new Set(
    (db.prepare('SELECT dataset FROM dataset_state WHERE last_success_at IS NOT NULL').pluck().all() as string[]),
  );
  const cache = new Map<string, boolean>();
  const reads = new Map<string, unknown>();
  return {
    db,
    controls,
    now,
    filter: { apps: controls.apps, hosting: controls.hosting },
    synced(id) {
      if (syncedSets.has(id)) return true;
      let known = cache.get(id);
      if (known === undefined) {
        // Data written by any route counts (tests, an import, a sync whose state row is pending).
        known = hasRows(db, id);
        cache.set(id, known);
      }
      return known;
    },
    memo<T>(key: string, read: () => T): T {
      if (!reads.has(key)) reads.set(key, read());
      return reads.get(key) as T;
    },
  };
}

function hasRows(db: Db, id: string): boolean {
  if (id === 'transactions' || id === 'licences') {
    return db.prepare(`SELECT 1 FROM ${id === 'transactions' ? 'transactions' : 'licences'} LIMIT 1`).get() !== undefined;
  }
  return db.prepare('SELECT 1 FROM aggregate_series WHERE endpoint = ? LIMIT 1').get(id) !== undefined;
}

const messages: Record<EmptyReason, string> = {
  'not-synced': 'Not synced yet — sync now to fill this chart.',
  'no-data-in-range': 'No data in this range. Try a longer range or other filters.',
  'no-match': 'Nothing matches the app and hosting filters in this range.',
};

/** The empty state of a panel: why there is nothing to draw, or null when there is. */
export function emptyState(ctx: DashboardContext, source: string, hasData: boolean): DashboardPanel['empty'] {
  if (hasData) return null;
  if (!ctx.synced(source)) return { reason: 'not-synced', message: messages['not-synced'] };
  const filtered = ctx.filter.apps.length > 0 || ctx.filter.hosting.length > 0;
  const reason: EmptyReason = filtered ? 'no-match' : 'no-data-in-range';
  return { reason, message: messages[reason] };
}

export const anyValue = (series: readonly { data: readonly (number | null)[] }[]) =>
  series.some((s) => s.data.some((v) => v !== null && v !== 0));
