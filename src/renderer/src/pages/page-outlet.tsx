import type { AggregateGroupId, RecordDatasetId } from '../../../shared/catalogue';
import { isDashboardId } from '../../../shared/contract-dashboards';
import { DashboardView } from '../features/dashboards/dashboard-view';
import { GridPage } from '../grid/grid-page';
import { parseRoute } from '../router';
import { DashboardPage } from './dashboard-page';
import { NotFoundPage } from './not-found-page';
import { SettingsPage } from './settings-page';

/** The page of a route. parseRoute has checked the ids against the catalogue. */
export function PageOutlet({ route }: { route: string }) {
  const page = parseRoute(route);
  switch (page.kind) {
    case 'grid':
      // Keyed by the whole route: a drill-down to the same data set with another view starts afresh.
      return <GridPage key={route} datasetId={page.dataset as RecordDatasetId} view={page.view} />;
    case 'dashboard':
      if (isDashboardId(page.group)) return <DashboardView key={page.group} id={page.group} />;
      return <DashboardPage key={page.group} groupId={page.group as AggregateGroupId} />;
    case 'settings':
      return <SettingsPage />;
    case 'not-found':
      return <NotFoundPage route={page.route} />;
  }
}
