/**
 * The root's links (ENDPOINTS.md §3.1): some relations are objects, others arrays (§18.3), and
 * only the reports the account may view are listed ("links to permitted resources").
 */
const salesRelations = new Set(['cloudChurn', 'cloudConversions', 'cloudRenewals', 'cloudChurnBenchmark', 'cloudSalesBenchmark', 'freeStarterTier', 'licenses', 'licensesExport', 'transactions', 'transactionsExport', 'transactionsByCountry', 'transactionsByHosting', 'transactionsByPartner', 'transactionsByRegion', 'transactionsByTier', 'transactionsByType']);

const licenceTemplate = 'productId*,startDate,endDate,text,tier*,dateType,licenseType*,partnerType*,hosting*,status*,withAttribution,withDataInsights,includeAtlassianLicenses,lastUpdated,sortBy,order,offset,limit';
const txTemplate = 'productId*,startDate,endDate,text,tier*,saleType*,partnerType*,hosting*,billingPeriod*,lastUpdated,excludeZeroTransactions,includeManualInvoice,paymentStatus*,sortBy,order,offset,limit';
const feedbackTemplate = 'type*,anonymous,reason*,productId*,hosting*,appEdition*,startDate,endDate,text,offset,limit';
const agg = '{?aggregation,startDate,endDate}';

export function rootLinks(ds: string, forbidden: ReadonlySet<'sales' | 'other'>): Record<string, unknown> {
  const link = (path: string, name: string, type = 'application/json') => ({ href: `${ds}/${path}`, templated: true, type, name });
  const all: Record<string, unknown> = {
    appRequestsAndApprovals: link('app-requests-and-approvals{?productId*,startDate,endDate}', 'appRequestsAndApprovals'),
    cloudChurn: [link(`sales/metrics/churn${agg}`, 'aggregated')],
    cloudConversions: [link(`sales/metrics/conversion${agg}`, 'aggregated')],
    cloudRenewals: [link(`sales/metrics/renewal${agg}`, 'aggregated')],
    cloudChurnBenchmark: link('sales/metrics/churn/benchmark{?productId*,startDate,endDate}', 'cloudChurnBenchmark'),
    cloudEvaluationBenchmark: link('benchmark/evaluations{?productId*,startDate,endDate}', 'cloudEvaluationBenchmark'),
    cloudSalesBenchmark: link('benchmark/sales{?productId*,startDate,endDate}', 'cloudSalesBenchmark'),
    customerInsightsLinks: [link('customer-insights/active-users{?startDate,endDate}', 'activeUsers')],
    evaluationsByCountry: link(`evaluations/country${agg}`, 'evaluationsByCountry'),
    evaluationsByHosting: link(`evaluations/hosting${agg}`, 'evaluationsByHosting'),
    evaluationsByPartner: link(`evaluations/partner${agg}`, 'evaluationsByPartner'),
    evaluationsByRegion: link(`evaluations/region${agg}`, 'evaluationsByRegion'),
    feedbackLinks: [link(`feedback/details{?${feedbackTemplate}}`, 'feedback')],
    feedbackExport: [link(`feedback/details/export?accept=csv{&${feedbackTemplate}}`, 'feedbackExport', 'text/csv')],
    // §18.4: templated although the href has no variables.
    freeStarterTier: [link('sales/freeStarterTier/export?accept=csv', 'freeStarterTierExport', 'text/csv')],
    licenses: link(`licenses{?${licenceTemplate}}`, 'licenses'),
    licensesExport: [link(`licenses/export?accept=csv{&${licenceTemplate}}`, 'licensesExport', 'text/csv')],
    transactions: link(`sales/transactions{?${txTemplate}}`, 'transactions'),
    transactionsExport: [link(`sales/transactions/export?accept=csv{&${txTemplate}}`, 'transactionsExport', 'text/csv')],
  };
  for (const m of ['Country', 'Hosting', 'Partner', 'Region', 'Tier', 'Type']) all[`transactionsBy${m}`] = link(`sales/transactions/${m.toLowerCase()}${agg}`, `transactionsBy${m}`);
  const out: Record<string, unknown> = { self: { href: `${ds}/` } };
  for (const [rel, value] of Object.entries(all)) {
    if (forbidden.has(salesRelations.has(rel) ? 'sales' : 'other')) continue;
    out[rel] = value;
  }
  return out;
}
