/** Record endpoints: lists, sync exports, async exports, free starter tier. */
import { dayFromIso, isoFromDay } from '../data/dates';
import { filterKey, type ListQuery } from './query';
import type { AsyncExports } from './async-exports';
import { HttpError } from './errors';
import { exportReply } from './exports';
import { eventsReply, feedbackReply, licencesReply, transactionsReply, type ListContext } from './lists';
import type { Reply } from './reply';
import { DS, route, type Route, type RouteContext } from './route-kit';
import type { SourceId } from '../records/sources';

function listContext(ctx: RouteContext): ListContext {
  const filters = new URLSearchParams(ctx.params);
  filters.delete('offset');
  filters.delete('limit');
  return { world: ctx.world, cache: ctx.cache, pages: ctx.pages, q: ctx.q, filters, ds: ctx.ds, malformed: ctx.takeMalformed() };
}

function syncExport(ctx: RouteContext, source: SourceId, defaultFormat: 'csv' | 'json' = 'csv'): Reply {
  // LIVE-API-NOTES: the sync export ignores offset/limit.
  const rows = ctx.cache.select(ctx.world, source, ctx.q, filterKey(ctx.q));
  return exportReply(ctx.world, ctx.pages, source, rows, ctx.q, ctx.q.accept ?? defaultFormat);
}

/**
 * LIVE-API-NOTES: an attribution export window over 90 days silently drops the data. Without
 * dates the window is the last 90 days.
 */
const attributionWindowDays = 90;

function attributionQuery(ctx: RouteContext): { q: ListQuery; dropped: boolean } {
  const end = ctx.q.endDate ?? isoFromDay(ctx.world.now);
  const start = ctx.q.startDate ?? isoFromDay(dayFromIso(end) - (attributionWindowDays - 1));
  return { q: { ...ctx.q, startDate: start, endDate: end }, dropped: dayFromIso(end) - dayFromIso(start) + 1 > attributionWindowDays };
}

function asyncStart(ctx: RouteContext, source: SourceId, base: string): Reply {
  let q = ctx.q;
  let rows: Uint32Array;
  if (source === 'attribution') {
    const window = attributionQuery(ctx);
    q = window.q;
    rows = window.dropped ? new Uint32Array(0) : ctx.cache.select(ctx.world, source, q, filterKey(q));
  } else {
    rows = ctx.cache.select(ctx.world, source, q, filterKey(q));
  }
  const fate = ctx.faults.take(['export-fail'], ctx.path) ? 'fail' : ctx.faults.take(['export-stuck'], ctx.path) ? 'stuck' : 'normal';
  const e = ctx.exports.start(ctx.world, source, q, filterKey(q) + (q.accept ?? ''), rows, fate);
  const query = ctx.params.toString();
  return {
    status: 200,
    json: {
      _links: {
        self: { href: base },
        query: { href: query ? `${base}?${query}` : base },
        status: { href: `${base}/${e.id}/status` },
        download: { href: `${base}/${e.id}` },
      },
      export: { id: e.id },
    },
  };
}

function asyncStatus(ctx: RouteContext, source: SourceId, base: string): Reply {
  const id = ctx.match[2]!;
  const e = ctx.exports.get(id, source);
  const status = ctx.exports.poll(e);
  // ENDPOINTS.md §18.7: `query` repeats the status URL.
  const href = `${base}/${id}/status`;
  // §18.6: the transactions status sample's links also carry `type` and `title`.
  const extra = (title: string) => (source === 'transactions' ? { type: 'application/json', title } : {});
  const links = { self: { href, ...extra('Export status') }, query: { href, ...extra('Export status') }, download: { href: `${base}/${id}`, ...extra('Export download') } };
  return { status: 200, json: { _links: links, export: { id, status } } };
}

function asyncDownload(ctx: RouteContext, source: SourceId, exports: AsyncExports): Reply {
  const e = exports.get(ctx.match[2]!, source);
  const status = exports.statusOf(e);
  if (status === 'FAILED') throw new HttpError(404, 'Export failed');
  if (status !== 'COMPLETED') throw new HttpError(404, 'Export is being processed');
  return exportReply(ctx.world, ctx.pages, source, e.rows, e.q, e.format);
}

const asyncRoutes = (segment: string, source: SourceId, report: Route['report']): Route[] => [
  route('POST', `${DS}/${segment}/async/export`, report, (ctx) => asyncStart(ctx, source, `${ctx.ds}/${segment}/async/export`)),
  route('GET', `${DS}/${segment}/async/export/([^/]+)/status`, report, (ctx) => asyncStatus(ctx, source, `${ctx.ds}/${segment}/async/export`)),
  route('GET', `${DS}/${segment}/async/export/([^/]+)`, report, (ctx) => asyncDownload(ctx, source, ctx.exports)),
];

export const recordRoutes: Route[] = [
  route('GET', `${DS}/licenses`, 'sales', (ctx) => licencesReply(listContext(ctx))),
  route('GET', `${DS}/licenses/export`, 'sales', (ctx) => syncExport(ctx, 'licences')),
  ...asyncRoutes('licenses', 'licences', 'sales'),
  route('GET', `${DS}/sales/transactions`, 'sales', (ctx) => transactionsReply(listContext(ctx))),
  route('GET', `${DS}/sales/transactions/export`, 'sales', (ctx) => syncExport(ctx, 'transactions')),
  ...asyncRoutes('sales/transactions', 'transactions', 'sales'),
  ...asyncRoutes('marketing-attribution', 'attribution', 'other'),
  // ENDPOINTS.md §7.2–7.3: the documented attribution status/download paths are the generic ones.
  route('GET', `${DS}/async/export/([^/]+)/status`, 'other', (ctx) => asyncStatus(ctx, 'attribution', `${ctx.ds}/marketing-attribution/async/export`)),
  route('GET', `${DS}/async/export/([^/]+)`, 'other', (ctx) => asyncDownload(ctx, 'attribution', ctx.exports)),
  route('GET', `${DS}/feedback/details`, 'other', (ctx) => feedbackReply(listContext(ctx))),
  route('GET', `${DS}/feedback/details/export`, 'other', (ctx) => syncExport(ctx, 'feedback')),
  route('GET', `${DS}/sales/metrics/(churn|conversion|renewal)/details`, 'sales', (ctx) => eventsReply(listContext(ctx), ctx.match[2] as 'churn')),
  route('GET', `${DS}/sales/metrics/(churn|conversion|renewal)/details/export`, 'sales', (ctx) => syncExport(ctx, ctx.match[2] as 'churn')),
  route('GET', `${DS}/sales/freeStarterTier/export`, 'sales', (ctx) => syncExport(ctx, 'freeStarter')),
];
