import { useSyncExternalStore } from 'react';
import { aggregateGroups, recordDatasets } from '../../shared/catalogue';
import { parseGridRoute } from '../../shared/routes';

/**
 * A hash router: every page has a URL (`#/grid/licences`), the back button works, and nothing
 * needs a server. Routes are the strings of src/shared/routes.ts, shared with the menu and the
 * dashboards' drill-downs.
 */
export type Page =
  | { kind: 'grid'; dataset: string; view: unknown }
  | { kind: 'dashboard'; group: string }
  | { kind: 'settings' }
  | { kind: 'not-found'; route: string };

/** The home page (issue 7): key figures, what the last sync brought, every data set's status. */
export const defaultRoute = 'overview';

export function currentRoute(): string {
  const hash = window.location.hash.replace(/^#\/?/, '');
  return hash === '' ? defaultRoute : hash;
}

export function parseRoute(route: string): Page {
  const grid = parseGridRoute(route);
  if (grid && recordDatasets.some((d) => d.id === grid.dataset)) return { kind: 'grid', dataset: grid.dataset, view: grid.view };
  const dashboard = /^dashboard\/([a-z0-9-]+)$/.exec(route);
  if (dashboard && (dashboard[1] === 'metrics' || aggregateGroups.some((g) => g.id === dashboard[1]))) return { kind: 'dashboard', group: dashboard[1]! };
  if (route === 'overview') return { kind: 'dashboard', group: 'overview' };
  if (route === 'settings') return { kind: 'settings' };
  return { kind: 'not-found', route };
}

export function hrefOf(route: string): string {
  return `#/${route}`;
}

/** Goes to a page, adding a history entry (so Back returns). */
export function navigate(route: string): void {
  if (currentRoute() !== route) window.location.hash = `/${route}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route; re-renders on every hash change (links, Back, Forward, `navigate`). */
export function useRoute(): string {
  return useSyncExternalStore(subscribe, currentRoute);
}
