/** Aggregate endpoints, the root links, the product catalog and partner metrics. */
import { churnBenchmarkBody, churnOrRenewalBody, conversionBody } from '../aggregates/sales-metrics';
import { evaluationBenchmarkBody, salesBenchmarkBody } from '../aggregates/benchmarks';
import { insightsBody, type InsightKind } from '../aggregates/insights';
import { aggregatedKeywordsBody, appRequestsBody, keywordsBySourceBody, productKeywordsBody, zeroResultsBody } from '../aggregates/keywords';
import { evaluationsBody, feedbackMetricsBody, transactionsByMetricBody, type GroupMetric } from '../aggregates/metrics';
import { partnerMetricsBody } from '../aggregates/partner-metrics';
import { HttpError } from './errors';
import { tableExport } from './exports';
import type { Reply } from './reply';
import { rootLinks } from './root-links';
import { DS, route, type Route, type RouteContext } from './route-kit';

const aggTemplate = '{?aggregation,startDate,endDate}';

function links(ctx: RouteContext, path: string, template: string, exportable = false) {
  const self = `${ctx.ds}/${path}`;
  const out: Record<string, unknown> = { self: { href: self }, query: { href: `${self}${template}`, templated: true } };
  if (exportable) {
    out.export = [
      { href: `${self}/export?accept=csv`, type: 'text/csv' },
      { href: `${self}/export?accept=json`, type: 'application/json' },
    ];
  }
  return out;
}

function json(body: unknown): Reply {
  return { status: 200, json: body };
}

function appIndexOf(ctx: RouteContext): number {
  const app = ctx.world.apps.find((a) => a.productId === ctx.match[2]);
  if (!app) throw new HttpError(404, `Product ${ctx.match[2]} not found`);
  return app.index;
}

/** Serves an aggregate GET from the per-version cache (product catalog and POSTs are not cached). */
function cachedAggregate(r: Route): Route {
  // Not cached: POSTs, file exports, the presigned URL (fresh each time), and the root links
  // (they depend on the 403 switch, not on the data).
  const source = r.pattern.source;
  if (r.method !== 'GET' || source.includes('product-catalog') || source.endsWith('/export$') || source.endsWith('/?$')) return r;
  return {
    ...r,
    handle: (ctx) => {
      const reply = r.handle;
      const body = ctx.aggregates.get(ctx.world, `${ctx.path}?${ctx.params.toString()}`, () => reply(ctx).json);
      return json(body);
    },
  };
}

const uncachedAggregateRoutes: Route[] = [
  route('GET', `${DS}/?`, 'none', (ctx) => json({ _links: rootLinks(ctx.ds, ctx.forbidden) })),
  route('GET', `${DS}/evaluations/(hosting|country|partner|region)`, 'other', (ctx) => {
    const metric = ctx.match[2] as GroupMetric;
    const body = evaluationsBody(ctx.world, metric, ctx.q);
    const l = links(ctx, `evaluations/${metric}`, aggTemplate);
    // §18.2: the country/partner/region samples carry `query` at the top level, no `_links`.
    return json(metric === 'hosting' ? { _links: l, ...body } : { query: l.query, ...body });
  }),
  route('GET', `${DS}/sales/transactions/(country|hosting|partner|region|tier|type)`, 'sales', (ctx) =>
    json({ _links: links(ctx, `sales/transactions/${ctx.match[2]}`, aggTemplate), ...transactionsByMetricBody(ctx.world, ctx.match[2] as GroupMetric, ctx.q) }),
  ),
  route('GET', `${DS}/feedback/metrics/(reason|type)`, 'other', (ctx) =>
    json({
      _links: links(ctx, `feedback/metrics/${ctx.match[2]}`, ctx.match[2] === 'reason' ? '{?aggregation,startDate,endDate,productId*,hosting*,appEdition*}' : aggTemplate),
      ...feedbackMetricsBody(ctx.world, ctx.match[2] as 'reason', ctx.q),
    }),
  ),
  route('GET', `${DS}/sales/metrics/(churn|renewal)`, 'sales', (ctx) =>
    json({ _links: links(ctx, `sales/metrics/${ctx.match[2]}`, aggTemplate), ...churnOrRenewalBody(ctx.world, ctx.match[2] as 'churn', ctx.q) }),
  ),
  route('GET', `${DS}/sales/metrics/conversion`, 'sales', (ctx) => json({ _links: links(ctx, 'sales/metrics/conversion', aggTemplate), ...conversionBody(ctx.world, ctx.q) })),
  route('GET', `${DS}/sales/metrics/churn/benchmark`, 'sales', (ctx) =>
    json({ _links: links(ctx, 'sales/metrics/churn/benchmark', '{?productId*,startDate,endDate}'), ...churnBenchmarkBody(ctx.world, ctx.q) }),
  ),
  route('GET', `${DS}/benchmark/evaluations`, 'other', (ctx) =>
    json({ _links: links(ctx, 'benchmark/evaluations', '{?productId*,startDate,endDate}'), ...evaluationBenchmarkBody(ctx.world, ctx.q) }),
  ),
  route('GET', `${DS}/benchmark/sales`, 'sales', (ctx) => json({ _links: links(ctx, 'benchmark/sales', '{?productId*,startDate,endDate}'), ...salesBenchmarkBody(ctx.world, ctx.q) })),
  route('GET', `${DS}/customer-insights/(regions|editions|active-users|tiers)`, 'other', (ctx) =>
    json({
      _links: links(ctx, `customer-insights/${ctx.match[2]}`, ctx.match[2] === 'tiers' ? '{?startDate,endDate,product}' : '{?startDate,endDate}'),
      ...insightsBody(ctx.world, ctx.match[2] as InsightKind, ctx.q),
    }),
  ),
  route('GET', `${DS}/search-keywords/source/(marketplace|embedded-marketplace)`, 'other', (ctx) =>
    json({ _links: links(ctx, `search-keywords/source/${ctx.match[2]}`, '{?startDate,endDate}', true), details: keywordsBySourceBody(ctx.world, ctx.match[2]!) }),
  ),
  route('GET', `${DS}/search-keywords/source/(marketplace|embedded-marketplace)/export`, 'other', (ctx) =>
    tableExport(keywordsBySourceBody(ctx.world, ctx.match[2]!), ['searchKeyword', 'percentage'], ctx.q.accept ?? 'csv'),
  ),
  route('GET', `${DS}/zero-search-results-keywords/source/(marketplace|embedded-marketplace)`, 'other', (ctx) =>
    json({ _links: links(ctx, `zero-search-results-keywords/source/${ctx.match[2]}`, '{?startDate,endDate}', true), details: zeroResultsBody(ctx.world, ctx.match[2]!) }),
  ),
  route('GET', `${DS}/zero-search-results-keywords/source/(marketplace|embedded-marketplace)/export`, 'other', (ctx) =>
    tableExport(zeroResultsBody(ctx.world, ctx.match[2]!), ['searchKeyword', 'productFilter', 'hostingFilter', 'categoryFilter', 'otherFilter', 'count'], ctx.q.accept ?? 'csv'),
  ),
  route('GET', `${DS}/search-keywords`, 'other', (ctx) => json({ _links: links(ctx, 'search-keywords', aggTemplate, true), ...aggregatedKeywordsBody(ctx.world, ctx.q) })),
  route('GET', `${DS}/search-keywords/export`, 'other', (ctx) => {
    const rows = aggregatedKeywordsBody(ctx.world, ctx.q).addons.flatMap((a) => a.elements.map((e) => ({ addonKey: a.addonKey, addonName: a.addonName, productId: a.productId, leadingSearchKeyword: a.leadingSearchKeyword, date: e.date, count: e.count })));
    return tableExport(rows, ['addonKey', 'addonName', 'productId', 'leadingSearchKeyword', 'date', 'count'], ctx.q.accept ?? 'csv');
  }),
  route('GET', `${DS}/products/([^/]+)/search-keywords`, 'other', (ctx) =>
    json({ _links: links(ctx, `products/${ctx.match[2]}/search-keywords`, '{?startDate,endDate,aggregation}', true), ...productKeywordsBody(ctx.world, appIndexOf(ctx), ctx.q) }),
  ),
  route('GET', `${DS}/products/([^/]+)/search-keywords/export`, 'other', (ctx) => {
    const rows = productKeywordsBody(ctx.world, appIndexOf(ctx), ctx.q).details.flatMap((d) => d.elements.map((e) => ({ searchKeyword: d.searchKeyword, date: e.date, count: e.count })));
    return tableExport(rows, ['searchKeyword', 'date', 'count'], ctx.q.accept ?? 'csv');
  }),
  route('GET', `${DS}/app-requests-and-approvals`, 'other', (ctx) =>
    json({ _links: links(ctx, 'app-requests-and-approvals', '{?productId*,startDate,endDate}'), ...appRequestsBody(ctx.world, ctx.q) }),
  ),
  route('GET', '/reporting/product-catalog/latest', 'other', (ctx) => {
    const p = ctx.presign();
    return json({ date: p.date, presignedUrl: p.url, expiresInSeconds: p.expiresInSeconds });
  }),
  route('POST', '/partner-metrics/developer-space/([^/]+)', 'sales', (ctx) => json(partnerMetricsBody(ctx.world, ctx.body))),
];

export const aggregateRoutes: Route[] = uncachedAggregateRoutes.map(cachedAggregate);
