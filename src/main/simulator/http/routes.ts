/**
 * The 43 endpoints (ENDPOINTS.md §2), matched on the path after `/marketplace` and an optional
 * `/rest/3` (LIVE-API-NOTES: `_links.next` may lack it, so both forms are served).
 */
import type { Route } from './route-kit';
import { aggregateRoutes } from './routes-aggregates';
import { recordRoutes } from './routes-records';

export type { Route, RouteContext } from './route-kit';
export const routes: readonly Route[] = [...recordRoutes, ...aggregateRoutes];
