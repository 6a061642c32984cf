import { aggregateGroups, recordDatasets } from '../../shared/catalogue';
import { gridRoute } from '../../shared/routes';
import type { PageLink } from './template';

/** The Go menu's pages, in the sidebar's order: the Overview, each record grid, the dashboards, Settings. */
export function menuPages(): PageLink[] {
  return [
    { route: 'overview', title: 'Overview' },
    ...recordDatasets.map((d) => ({ route: gridRoute(d.id), title: d.title })),
    // The report-access group has no dashboard (src/shared/contract-dashboards.ts).
    ...aggregateGroups.filter((g) => g.id !== 'report-access').map((g) => ({ route: `dashboard/${g.id}`, title: `${g.title} Dashboard` })),
    { route: 'settings', title: 'Settings' },
  ];
}
