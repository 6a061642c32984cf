import type { DataHandlers } from '../ipc/handlers';
import { metricDefinitions } from '../../shared/metric-definitions';
import type { Db } from '../store';
import { getDashboard } from './index';

export interface DashboardHandlerOptions {
  /** The open space's connection, read at call time (switching accounts changes it). */
  db: () => Db;
  now?: () => Date;
}

/** The dashboards' handlers, spread into the data service's handler table. */
export function createDashboardHandlers(options: DashboardHandlerOptions): Pick<DataHandlers, 'dashboard.get' | 'dashboard.definitions'> {
  const now = options.now ?? (() => new Date());
  return {
    'dashboard.get': (request) => getDashboard(options.db(), request.id, request.controls, now()),
    'dashboard.definitions': () => metricDefinitions,
  };
}
