import type { AggregateGroup } from './types';

// Every aggregate endpoint of the reference, grouped as the dashboards show them. Path-parameter
// values are those the reference lists (ENDPOINTS.md §2).

export const revenueAggregates: AggregateGroup = {
  kind: 'aggregates',
  id: 'revenue',
  title: 'Revenue',
  description: 'Sales by country, hosting, partner, region, tier and type.',
  endpoints: [
    {
      endpoint: 'transactions-by-metric',
      shape: 'metric-series',
      pathParams: { metric: ['country', 'hosting', 'partner', 'region', 'tier', 'type'] },
      query: ['aggregation'],
      measures: ['netCount', 'revenue'],
    },
  ],
};

export const evaluationAggregates: AggregateGroup = {
  kind: 'aggregates',
  id: 'evaluations',
  title: 'Evaluations',
  description: 'Evaluations by hosting, country, region and partner, and the evaluation benchmark.',
  endpoints: [
    { endpoint: 'evaluations-by-metric', shape: 'metric-series', pathParams: { metric: ['hosting', 'country', 'partner', 'region'] }, query: ['aggregation'] },
    { endpoint: 'evaluations-benchmark', shape: 'benchmark-evaluations', query: ['productId'] },
  ],
};

export const churnAggregates: AggregateGroup = {
  kind: 'aggregates',
  id: 'churn-retention',
  title: 'Churn and retention',
  description: 'Cloud churn, conversion and renewal series, and the churn benchmark.',
  endpoints: [
    { endpoint: 'sales-metrics-churn', shape: 'metric-datasets', query: ['aggregation'] },
    { endpoint: 'sales-metrics-conversion', shape: 'metric-series', query: ['aggregation'] },
    { endpoint: 'sales-metrics-renewal', shape: 'metric-datasets', query: ['aggregation'] },
    { endpoint: 'churn-benchmark', shape: 'benchmark-churn', query: ['productId'] },
  ],
};

export const salesBenchmarkAggregates: AggregateGroup = {
  kind: 'aggregates',
  id: 'sales-benchmark',
  title: 'Sales benchmark',
  description: 'Monthly and year-to-date sales against the whole Marketplace.',
  endpoints: [{ endpoint: 'sales-benchmark', shape: 'benchmark-sales', query: ['productId'] }],
};

export const feedbackAggregates: AggregateGroup = {
  kind: 'aggregates',
  id: 'feedback-metrics',
  title: 'Feedback metrics',
  description: 'Feedback counts by reason and by type.',
  endpoints: [{ endpoint: 'feedback-metrics', shape: 'metric-series', pathParams: { metric: ['reason', 'type'] }, query: ['aggregation'] }],
};

export const customerAggregates: AggregateGroup = {
  kind: 'aggregates',
  id: 'customers',
  title: 'Customers',
  description: 'Customers by region, parent edition, paid activity and user tier, with Marketplace benchmarks.',
  endpoints: [
    { endpoint: 'customer-insights-regions', shape: 'customer-insights' },
    { endpoint: 'customer-insights-editions', shape: 'customer-insights' },
    { endpoint: 'customer-insights-active-users', shape: 'customer-insights' },
    { endpoint: 'customer-insights-tiers', shape: 'customer-insights', query: ['product'] },
  ],
};

const sourceKeys = ['marketplace', 'embedded-marketplace'] as const;

export const searchAggregates: AggregateGroup = {
  kind: 'aggregates',
  id: 'search',
  title: 'Search',
  description: 'Top keywords by source, zero-result keywords, aggregated and per-app keywords.',
  endpoints: [
    { endpoint: 'search-keywords-by-source', shape: 'keywords-by-source', pathParams: { sourceKey: sourceKeys }, exportEndpoint: 'search-keywords-by-source-export' },
    {
      endpoint: 'zero-search-results-keywords-by-source',
      shape: 'keywords-zero-results',
      pathParams: { sourceKey: sourceKeys },
      exportEndpoint: 'zero-search-results-keywords-by-source-export',
    },
    { endpoint: 'search-keywords-aggregated', shape: 'keywords-aggregated', query: ['aggregation'], exportEndpoint: 'search-keywords-aggregated-export' },
    {
      endpoint: 'product-search-keywords',
      shape: 'keywords-product',
      pathParams: { productId: 'products' },
      query: ['aggregation'],
      exportEndpoint: 'product-search-keywords-export',
    },
  ],
};

export const appRequestAggregates: AggregateGroup = {
  kind: 'aggregates',
  id: 'app-requests',
  title: 'App requests and approvals',
  description: 'Install requests end users sent to their admins, approvals and approval rate.',
  endpoints: [{ endpoint: 'app-requests-and-approvals', shape: 'app-requests', query: ['productId'] }],
};

export const partnerMetricAggregates: AggregateGroup = {
  kind: 'aggregates',
  id: 'installs-gmv',
  title: 'Installs and GMV',
  description: 'Install counts by week (total and by parent product version) and GMV by month.',
  endpoints: [{ endpoint: 'partner-metrics-time-series', shape: 'partner-metrics' }],
};

export const accessAggregates: AggregateGroup = {
  kind: 'aggregates',
  id: 'report-access',
  title: 'Report access',
  description: 'The report groups your API token may read (the root links resource).',
  endpoints: [{ endpoint: 'root-links', shape: 'links' }],
};

export const aggregateGroups = [
  revenueAggregates,
  evaluationAggregates,
  churnAggregates,
  salesBenchmarkAggregates,
  feedbackAggregates,
  customerAggregates,
  searchAggregates,
  appRequestAggregates,
  partnerMetricAggregates,
  accessAggregates,
] as const satisfies readonly AggregateGroup[];
