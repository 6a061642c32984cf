/**
 * One entry point per dashboard: `getDashboard(db, id, controls)` returns chart-ready panels
 * for the shared controls. Record-based panels read the pre-aggregated metric tables (see
 * src/main/metrics); aggregate panels read `aggregate_series`.
 */
import { aggregateGroup } from '../../shared/catalogue';
import type { DashboardControls, DashboardId, DashboardPanel, DashboardResponse } from '../../shared/contract-dashboards';
import { ensureMetricTables } from '../metrics';
import type { Db } from '../store';
import { aggregateDashboard } from './aggregate-dashboard';
import { createContext } from './context';
import { metricsDashboard } from './metrics-dashboard';
import { overviewDashboard } from './overview';
import { readDatasetStatus, readSinceLastSync } from './since-last-sync';

const titles: Record<'overview' | 'metrics', string> = { overview: 'Overview', metrics: 'Revenue metrics' };

export function getDashboard(db: Db, id: DashboardId, controls: DashboardControls, now: Date = new Date()): DashboardResponse {
  const started = performance.now();
  ensureMetricTables(db);
  const ctx = createContext(db, controls, now);
  let panels: DashboardPanel[];
  if (id === 'overview') panels = overviewDashboard(ctx);
  else if (id === 'metrics') panels = metricsDashboard(ctx);
  else panels = aggregateDashboard(ctx, id);
  const asOf = db.prepare("SELECT value FROM metric_state WHERE key = 'as_of'").pluck().get() as string | undefined;
  return {
    id,
    title: id === 'overview' || id === 'metrics' ? titles[id] : aggregateGroup(id).title,
    controls,
    panels,
    metricsAsOf: asOf ?? null,
    ...(id === 'overview' ? { sync: { sinceLastSync: readSinceLastSync(db), datasets: readDatasetStatus(db) } } : {}),
    apps: readApps(db),
    ms: Math.round(performance.now() - started),
  };
}

/** Apps for the app filter: those with licences or transactions, by name. */
function readApps(db: Db): { addonKey: string; name: string }[] {
  return db
    .prepare('SELECT addon_key AS addonKey, name FROM metric_apps ORDER BY name, addon_key')
    .all() as { addonKey: string; name: string }[];
}

export { refreshMetrics } from '../metrics';
