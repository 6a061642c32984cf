/**
 * How each aggregate endpoint becomes panels. Rows come from `aggregate_series` as the sync
 * stores them: one row per (endpoint, variant = path-parameter value, scope = 'total' or an
 * app key, dataset = the churn/renewal `datasets[].name` or '', series = the series / group /
 * keyword name or '', date) with its numeric fields in `measures` (JSON).
 */
import type { DrillSpec, PanelUnit } from '../../shared/contract-dashboards';

export interface RatioSpec {
  title: string;
  numerator: string;
  denominator: string;
}

export interface EndpointPanelSpec {
  /** Panel title; `{variant}` is replaced by the path-parameter value. */
  title: string;
  unit: PanelUnit;
  chart: 'stacked-bar' | 'bar' | 'line';
  /** `series`: one series per series name (× dataset); `measures`: one series per measure. */
  mode: 'series' | 'measures' | 'list';
  measures: readonly string[];
  /** Keep the N largest series, the rest as "Other" (additive measures only). */
  top?: number;
  /** A percentage series numerator ÷ denominator (series names), per dataset. */
  ratio?: RatioSpec;
  /** Only the rows of these variants (reports the sync asks several ways, e.g. partner metrics). */
  variants?: (variant: string) => boolean;
  drill?: (variant: string) => DrillSpec | undefined;
}

const byTop = 8;
const setColumn = (map: Record<string, string>) => (variant: string) => map[variant];

const transactionColumns = setColumn({ country: 'country', hosting: 'hosting', partner: 'partnerName', region: 'region', tier: 'tier', type: 'saleType' });
const evaluationColumns = setColumn({ hosting: 'hosting', country: 'country', partner: 'partnerName', region: 'region' });

export const endpointSpecs: Readonly<Record<string, readonly EndpointPanelSpec[]>> = {
  'transactions-by-metric': [
    {
      title: 'Revenue by {variant}',
      unit: 'usd',
      chart: 'stacked-bar',
      mode: 'series',
      measures: ['revenue'],
      top: byTop,
      drill: (v) => ({ dataset: 'transactions', dateColumn: 'saleDate', ...(transactionColumns(v) ? { seriesColumn: transactionColumns(v)! } : {}) }),
    },
  ],
  'evaluations-by-metric': [
    {
      title: 'Evaluations by {variant}',
      unit: 'count',
      chart: 'stacked-bar',
      mode: 'series',
      measures: ['count'],
      top: byTop,
      drill: (v) => ({ dataset: 'licences', dateColumn: 'evaluationStartDate', ...(evaluationColumns(v) ? { seriesColumn: evaluationColumns(v)! } : {}) }),
    },
  ],
  'evaluations-benchmark': [
    { title: 'Evaluations (benchmark data)', unit: 'count', chart: 'bar', mode: 'measures', measures: ['evaluationCount'] },
    {
      title: 'Evaluation growth against the Marketplace',
      unit: 'percent',
      chart: 'line',
      mode: 'measures',
      measures: ['evaluationMoMGrowth', 'evaluationMoMGrowthBenchmarkAllPartners', 'evaluationMoMGrowthBenchmarkAllAppsOnBaseProduct'],
    },
  ],
  'sales-metrics-churn': [
    {
      title: 'Cloud churn',
      unit: 'count',
      chart: 'bar',
      mode: 'series',
      measures: ['count'],
      ratio: { title: 'Churn rate', numerator: 'Cancellations', denominator: 'Customers' },
      drill: () => ({ dataset: 'churn-events', dateColumn: 'eventDate' }),
    },
  ],
  'sales-metrics-conversion': [
    {
      title: 'Cloud conversions',
      unit: 'count',
      chart: 'bar',
      mode: 'series',
      measures: ['count'],
      ratio: { title: 'Conversion rate', numerator: 'Conversions', denominator: 'Evaluations' },
      drill: () => ({ dataset: 'conversion-events', dateColumn: 'eventDate' }),
    },
  ],
  'sales-metrics-renewal': [
    {
      title: 'Cloud renewals',
      unit: 'count',
      chart: 'bar',
      mode: 'series',
      measures: ['count'],
      ratio: { title: 'Renewal rate', numerator: 'Renewals', denominator: 'Renewal opportunities' },
      drill: () => ({ dataset: 'renewal-events', dateColumn: 'eventDate' }),
    },
  ],
  'churn-benchmark': [
    { title: 'Churn against the benchmark', unit: 'percent', chart: 'line', mode: 'measures', measures: ['churnRate', 'churnRateBenchmark', 'isolatedChurnRate', 'isolatedChurnRateBenchmark'] },
  ],
  'sales-benchmark': [
    { title: 'Sales (benchmark data)', unit: 'usd', chart: 'bar', mode: 'measures', measures: ['sale'] },
    {
      title: 'Sales growth against the Marketplace',
      unit: 'percent',
      chart: 'line',
      mode: 'measures',
      measures: ['salesMoMGrowth', 'salesMoMGrowthBenchmarkAllPartners', 'salesMoMGrowthBenchmarkAllAppsOnBaseProduct'],
    },
  ],
  'feedback-metrics': [
    {
      title: 'Feedback by {variant}',
      unit: 'count',
      chart: 'stacked-bar',
      mode: 'series',
      measures: ['count'],
      top: byTop,
      drill: (v) => ({ dataset: 'feedback', dateColumn: 'date', ...(v === 'type' ? { seriesColumn: 'feedbackType' } : v === 'reason' ? { seriesColumn: 'reasonKey' } : {}) }),
    },
  ],
  'customer-insights-regions': [
    { title: 'Customers by region', unit: 'count', chart: 'stacked-bar', mode: 'series', measures: ['usersCount'], top: byTop },
    { title: 'Region share against the Marketplace (latest)', unit: 'percent', chart: 'bar', mode: 'list', measures: ['usersPercent', 'usersMarketplaceBenchmark'], top: 20 },
  ],
  'customer-insights-editions': [
    { title: 'Customers by parent edition', unit: 'count', chart: 'stacked-bar', mode: 'series', measures: ['usersCount'], top: byTop },
    { title: 'Edition share against the Marketplace (latest)', unit: 'percent', chart: 'bar', mode: 'list', measures: ['usersPercent', 'usersMarketplaceBenchmark'], top: 20 },
  ],
  'customer-insights-active-users': [
    { title: 'Customers on paid and non-paid instances', unit: 'count', chart: 'stacked-bar', mode: 'series', measures: ['usersCount'], top: byTop },
  ],
  'customer-insights-tiers': [
    { title: 'Customers by user tier', unit: 'count', chart: 'stacked-bar', mode: 'series', measures: ['usersCount'], top: byTop },
    { title: 'Tier share against the Marketplace (latest)', unit: 'percent', chart: 'bar', mode: 'list', measures: ['usersPercent', 'usersMarketplaceBenchmark'], top: 20 },
  ],
  'search-keywords-by-source': [{ title: 'Top keywords on {variant}', unit: 'percent', chart: 'bar', mode: 'list', measures: ['percentage'], top: 20 }],
  'zero-search-results-keywords-by-source': [{ title: 'Zero-result keywords on {variant}', unit: 'count', chart: 'bar', mode: 'list', measures: ['count'], top: 20 }],
  'search-keywords-aggregated': [{ title: 'Search appearances', unit: 'count', chart: 'stacked-bar', mode: 'series', measures: ['count'], top: byTop }],
  'product-search-keywords': [{ title: 'Keywords your apps appeared for', unit: 'count', chart: 'bar', mode: 'list', measures: ['keywordCount', 'count'], top: 20 }],
  'app-requests-and-approvals': [
    {
      title: 'App requests and approvals',
      unit: 'count',
      chart: 'bar',
      mode: 'measures',
      measures: ['appRequests', 'appRequestsApproved'],
      ratio: { title: 'Approval rate', numerator: 'appRequestsApproved', denominator: 'appRequests' },
    },
  ],
  'partner-metrics-time-series': [
    { title: 'Installs by week', unit: 'count', chart: 'line', mode: 'series', measures: ['installCounts'], top: byTop, variants: (v) => v === 'installs' },
    { title: 'Installs by parent major version', unit: 'count', chart: 'stacked-bar', mode: 'series', measures: ['installCounts'], top: byTop, variants: (v) => v === 'installs-major' },
    { title: 'Installs by parent minor version', unit: 'count', chart: 'stacked-bar', mode: 'series', measures: ['installCounts'], top: byTop, variants: (v) => v === 'installs-minor' },
    { title: 'GMV by month', unit: 'usd', chart: 'line', mode: 'series', measures: ['lifetimeGmv'], variants: (v) => v.startsWith('gmv') },
  ],
};

/** How a measure combines within a bucket and across apps. */
export function combineOf(measure: string): 'sum' | 'mean' | 'last' {
  if (/ytd|lifetime|uniqueTotal|gmv/i.test(measure)) return 'last';
  if (/rate|percent|percentage|growth|benchmark|percentile/i.test(measure)) return 'mean';
  return 'sum';
}
