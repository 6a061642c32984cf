/**
 * Route plumbing shared by the route tables. Routes are matched on the path after `/marketplace` and an optional
 * `/rest/3` (LIVE-API-NOTES: `_links.next` may lack it, so both forms are served).
 */
import type { World } from '../data/world';
import type { AggregateCache } from '../records/aggregate-cache';
import type { PageWriter } from '../records/page-writer';
import type { SelectionCache } from '../records/sources';
import type { AsyncExports } from './async-exports';
import type { Faults } from './faults';
import type { ListQuery } from './query';
import type { Reply } from './reply';

export interface RouteContext {
  world: World;
  cache: SelectionCache;
  pages: PageWriter;
  aggregates: AggregateCache;
  exports: AsyncExports;
  faults: Faults;
  params: URLSearchParams;
  q: ListQuery;
  /** `/rest/3/reporting/developer-space/{developerId}` for links. */
  ds: string;
  path: string;
  body: unknown;
  /** Regex groups of the matched route. */
  match: RegExpMatchArray;
  /** Issues a presigned URL for the product catalog. */
  presign(): { url: string; expiresInSeconds: number; date: string };
  /** Consumes a `malformed` fault if one fires for this list request. */
  takeMalformed(): boolean;
  /** Reports the account may not view (403 switch). */
  forbidden: ReadonlySet<'sales' | 'other'>;
}

export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** Which permission the report needs (LIVE-API-NOTES: "View sales reports" / "View all other reports"). */
  report: 'sales' | 'other' | 'none';
  handle(ctx: RouteContext): Reply;
}

export const DS = String.raw`/reporting/developer-space/([^/]+)`;

export function route(method: Route['method'], pattern: string, report: Route['report'], handle: Route['handle']): Route {
  return { method, pattern: new RegExp(`^${pattern}$`), report, handle };
}


