/**
 * Field sets and JSON types of the reference samples (ENDPOINTS.md §3–§16, transcribed from the
 * samples in marketplace-reporting-v3.txt). `a[].b` walks into arrays; `number` also accepts
 * integers (the reference's money samples are integer-valued).
 */
type Shape = Record<string, 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null'>;

const linksSelfQuery: Shape = { '_links.self.href': 'string', '_links.query.href': 'string', '_links.query.templated': 'boolean' };
const series: Shape = { 'name': 'string', 'elements[].date': 'string', 'elements[].count': 'integer' };
function prefixed(prefix: string, s: Shape): Shape {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [`${prefix}${k}`, v]));
}
const common = (extra: Shape = {}): Shape => ({
  ...linksSelfQuery,
  'total.name': 'string',
  ...prefixed('total.series[].', { ...series, ...extra }),
  'addons[].addonKey': 'string',
  'addons[].productId': 'string',
  'addons[].name': 'string',
  ...prefixed('addons[].series[].', { ...series, ...extra }),
});

const contact = (p: string, keys: string[]): Shape => Object.fromEntries(keys.map((k) => [`${p}.${k}`, 'string']));

export const licenceShape: Shape = {
  ...Object.fromEntries(
    ['appEntitlementId', 'appEntitlementNumber', 'hostEntitlementId', 'hostEntitlementNumber', 'cloudId', 'cloudSiteHostname', 'addonKey', 'productId', 'addonName', 'hosting', 'appEdition', 'newBillingSystem', 'lastUpdated', 'licenseType', 'maintenanceStartDate', 'maintenanceEndDate', 'status', 'tier', 'extendedServerSupport', 'evaluationOpportunitySize', 'evaluationLicense', 'daysToConvertEval', 'evaluationStartDate', 'evaluationEndDate', 'parentProductBillingCycle', 'parentProductName', 'installedOnSandbox', 'parentProductEdition', 'licenseSourceType', 'transactionAccountId'].map((k) => [`licenses[].${k}`, 'string']),
  ),
  ...contact('licenses[].contactDetails.technicalContact', ['email', 'name', 'address1', 'city', 'postcode', 'phone']),
  ...contact('licenses[].contactDetails.billingContact', ['email', 'name', 'address1', 'city', 'postcode', 'phone']),
  'licenses[].contactDetails.company': 'string',
  'licenses[].contactDetails.country': 'string',
  'licenses[].contactDetails.region': 'string',
  'licenses[].cloudComplianceBoundaries': 'array',
};

export const transactionShape: Shape = {
  ...Object.fromEntries(['transactionId', 'addonKey', 'productId', 'addonName', 'lastUpdated', 'appEdition', 'paymentStatus', 'appEntitlementId', 'appEntitlementNumber', 'hostEntitlementId', 'hostEntitlementNumber', 'cloudId', 'transactionLineItemId'].map((k) => [`transactions[].${k}`, 'string'])),
  'transactions[].customerDetails.company': 'string',
  'transactions[].customerDetails.country': 'string',
  'transactions[].customerDetails.region': 'string',
  ...contact('transactions[].customerDetails.technicalContact', ['email', 'name']),
  ...contact('transactions[].customerDetails.billingContact', ['email', 'name']),
  ...Object.fromEntries(['saleDate', 'licenseType', 'hosting', 'changeInBillingPeriod', 'oldBillingPeriod', 'billingPeriod', 'changeInTier', 'oldTier', 'tier', 'parentProductName', 'changeInParentProductEdition', 'oldParentProductEdition', 'parentProductEdition', 'saleType', 'maintenanceStartDate', 'maintenanceEndDate', 'paymentTerms'].map((k) => [`transactions[].purchaseDetails.${k}`, 'string'])),
  'transactions[].purchaseDetails.purchasePrice': 'number',
  'transactions[].purchaseDetails.vendorAmount': 'number',
  'transactions[].purchaseDetails.partnerDiscountAmount': 'number',
  'transactions[].purchaseDetails.discounts[].type': 'string',
  'transactions[].purchaseDetails.discounts[].amount': 'number',
  'transactions[].partnerDetails.partnerName': 'string',
  'transactions[].partnerDetails.partnerType': 'string',
  ...contact('transactions[].partnerDetails.billingContact', ['email', 'name']),
  'transactions[].cloudComplianceBoundaries': 'array',
};

const eventBase: Shape = Object.fromEntries(['addonKey', 'productId', 'addonName', 'hosting', 'lastUpdated', 'eventDate', 'transactionId'].map((k) => [`events[].${k}`, 'string']));
const licenceDetails = (p: string): Shape => ({
  ...Object.fromEntries(['appEntitlementId', 'appEntitlementNumber', 'cloudId', 'maintenanceStartDate', 'maintenanceEndDate'].map((k) => [`${p}${k}`, 'string'])),
  [`${p}monthsValid`]: 'integer',
});

export const eventShapes: Record<string, Shape> = {
  churn: { ...eventBase, 'events[].appEdition': 'string', 'events[].licenseDetails': 'null', ...licenceDetails('events[].'), 'query[].href': 'string', 'export[].href': 'string', 'next[].href': 'string' },
  conversion: { ...eventBase, ...licenceDetails('events[].licenseDetails.'), '_links.query.href': 'string', '_links.next.href': 'string' },
  renewal: { ...eventBase, ...licenceDetails('events[].licenseDetails.'), 'query.href': 'string', 'next.href': 'string' },
};

const insight = (key: string): Shape => ({
  ...linksSelfQuery,
  [`${key}[].date`]: 'string',
  [`${key}[].insightsType[].value.group`]: 'object',
  [`${key}[].insightsType[].value.usersDistribution.usersCount`]: 'integer',
  [`${key}[].insightsType[].value.usersDistribution.usersPercent`]: 'number',
  [`${key}[].insightsType[].value.usersDistribution.usersMarketplaceBenchmark`]: 'number',
});

const benchRow = (keys: string[]): Shape => Object.fromEntries(keys.map((k) => [k, 'number']));

export const shapes: Record<string, Shape> = {
  'root-links': { '_links.self.href': 'string', '_links.licenses.href': 'string', '_links.licenses.templated': 'boolean', '_links.cloudChurn[].href': 'string', '_links.feedbackExport[].type': 'string', '_links.transactionsByTier.name': 'string' },
  'feedback-details': {
    ...linksSelfQuery,
    '_links.next.href': 'string',
    '_links.prev.href': 'string',
    totalCount: 'integer',
    ...Object.fromEntries(['addonKey', 'productId', 'addonVersion', 'applicationKey', 'hosting', 'appEdition', 'date', 'feedbackType', 'reasonKey', 'reason', 'message', 'appEntitlementId', 'appEntitlementNumber', 'cloudId'].map((k) => [`feedback[].${k}`, 'string'])),
  },
  'feedback-metrics': common(),
  'evaluations-by-metric:hosting': common({ evaluationType: 'string' }),
  'evaluations-by-metric': { 'query.href': 'string', 'total.name': 'string', ...prefixed('total.series[].', series), 'addons[].addonKey': 'string', 'addons[].name': 'string', ...prefixed('addons[].series[].', series) },
  licenses: { ...linksSelfQuery, '_links.next.href': 'string', '_links.prev.href': 'string', '_links.export[].href': 'string', '_links.export[].type': 'string', totalCount: 'integer', ...licenceShape },
  transactions: { ...linksSelfQuery, '_links.next.href': 'string', '_links.export[].href': 'string', totalCount: 'integer', ...transactionShape },
  'sales-metrics-churn': {
    ...linksSelfQuery,
    'total.name': 'string',
    'total.datasets[].name': 'string',
    ...prefixed('total.datasets[].series[].', { ...series, uniqueTotal: 'integer' }),
    'addons[].addonKey': 'string',
    ...prefixed('addons[].datasets[].series[].', { ...series, uniqueTotal: 'integer' }),
  },
  'sales-metrics-renewal': { ...linksSelfQuery, 'total.name': 'string', 'total.datasets[].name': 'string', ...prefixed('total.datasets[].series[].', series), 'addons[].addonKey': 'string', ...prefixed('addons[].datasets[].series[].', series) },
  'sales-metrics-conversion': common({ conversionType: 'string' }),
  'transactions-by-metric': common({ evaluationType: 'string', 'elements[].netCount': 'integer', 'elements[].revenue': 'number' }),
  'churn-benchmark': {
    ...linksSelfQuery,
    'churnBenchmarkPerApp[].appName': 'string',
    'churnBenchmarkPerApp[].appKey': 'string',
    'churnBenchmarkPerApp[].productId': 'string',
    'churnBenchmarkPerApp[].churnBenchmarkPerMonth[].year': 'string',
    'churnBenchmarkPerApp[].churnBenchmarkPerMonth[].month': 'string',
    ...prefixed('churnBenchmarkPerApp[].churnBenchmarkPerMonth[].', { churnedLicenses: 'integer', totalLicenses: 'integer', churnRate: 'number', isolatedChurnRate: 'number', churnRateBenchmark: 'number', isolatedChurnRateBenchmark: 'number' }),
  },
  'evaluations-benchmark': {
    ...linksSelfQuery,
    'totals.name': 'string',
    'totals.CloudEvaluationBenchmarkPerVendorPerMonth[].date': 'string',
    ...prefixed('totals.CloudEvaluationBenchmarkPerVendorPerMonth[].', benchRow(['evaluationCount', 'previousMonthEvaluationCount', 'evaluationMoMGrowth', 'evaluationPercentile', 'evaluationMoMGrowthBenchmarkAllPartners', 'evaluationCountYTD', 'evaluationCountYTDLastYear', 'evaluationYTDYoYGrowth', 'evaluationYTDPercentile', 'evaluationYTDYoYGrowthBenchmarkAllPartners'])),
    'CloudEvaluationBenchmarkPerApp[].addonKey': 'string',
    'CloudEvaluationBenchmarkPerApp[].productId': 'string',
    'CloudEvaluationBenchmarkPerApp[].name': 'string',
    ...prefixed('CloudEvaluationBenchmarkPerApp[].CloudEvaluationBenchmarkPerAppPerMonth[].', benchRow(['evaluationCount', 'evaluationMoMGrowthBenchmarkAllAppsOnBaseProduct', 'evaluationYTDYoYGrowthBenchmarkAllAppsOnBaseProduct'])),
  },
  'sales-benchmark': {
    ...linksSelfQuery,
    'total.name': 'string',
    'total.salesBenchmarkPerMonth[].date': 'string',
    ...prefixed('total.salesBenchmarkPerMonth[].', benchRow(['sale', 'previousMonthSale', 'salesMoMGrowth', 'salesPercentile', 'salesMoMGrowthBenchmarkAllPartners', 'salesYTD', 'salesYTDLastYear', 'salesYTDYoYGrowth', 'salesYTDPercentile', 'salesYTDYoYGrowthBenchmarkAllPartners'])),
    'addons[].addonKey': 'string',
    'addons[].salesBenchmarkPerMonth[].sale': 'number',
  },
  'customer-insights-regions': insight('regionWiseUserInsightsPerMonth'),
  'customer-insights-editions': insight('usersEditionDistribution'),
  'customer-insights-active-users': insight('activePaidUsersInsights'),
  'customer-insights-tiers': insight('usersDistributionPerProduct'),
  'search-keywords-by-source': { ...linksSelfQuery, '_links.export[].href': 'string', 'details[].searchKeyword': 'string', 'details[].percentage': 'number' },
  'zero-search-results-keywords-by-source': { ...linksSelfQuery, '_links.export[].href': 'string', ...Object.fromEntries(['searchKeyword', 'productFilter', 'hostingFilter', 'categoryFilter', 'otherFilter'].map((k) => [`details[].${k}`, 'string'])), 'details[].count': 'integer' },
  'search-keywords-aggregated': { ...linksSelfQuery, 'total.searchAppearances': 'integer', 'total.topSearchKeyword': 'string', ...Object.fromEntries(['addonName', 'addonKey', 'productId', 'leadingSearchKeyword'].map((k) => [`addons[].${k}`, 'string'])), 'addons[].searchAppearances': 'integer', 'addons[].elements[].date': 'string', 'addons[].elements[].count': 'integer' },
  'product-search-keywords': { ...linksSelfQuery, ...Object.fromEntries(['addonName', 'addonKey', 'productId', 'leadingSearchKeyword'].map((k) => [`summary.${k}`, 'string'])), 'summary.allSearchAppearances': 'integer', 'details[].searchKeyword': 'string', 'details[].keywordCount': 'integer', 'details[].elements[].date': 'string', 'details[].elements[].count': 'integer' },
  'app-requests-and-approvals': {
    ...linksSelfQuery,
    'total.name': 'string',
    ...prefixed('total.appRequestsAndApprovalsPerMonth[].', { date: 'string', appRequests: 'integer', appRequestsApproved: 'integer', appRequestsApprovalRate: 'number' }),
    'addons[].addonKey': 'string',
    ...prefixed('addons[].appRequestsAndApprovalsPerAppPerMonth[].', { date: 'string', appRequests: 'integer', appRequestsApproved: 'integer', appRequestsApprovalRate: 'number' }),
  },
  'product-catalog-latest': { date: 'string', presignedUrl: 'string', expiresInSeconds: 'integer' },
  'partner-metrics-time-series': { 'records[].date': 'string', 'records[].appKey': 'string', 'records[].productId': 'string', 'records[].installCounts': 'integer' },
  'async-export-start': { '_links.self.href': 'string', '_links.query.href': 'string', '_links.status.href': 'string', '_links.download.href': 'string', 'export.id': 'string' },
  'async-export-status': { '_links.self.href': 'string', '_links.query.href': 'string', '_links.download.href': 'string', 'export.id': 'string', 'export.status': 'string' },
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Every leaf path of a JSON value, with the set of types seen there. */
export function typesByPath(value: unknown, prefix = '', out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  const add = (p: string, t: string) => (out.get(p) ?? out.set(p, new Set()).get(p)!).add(t);
  if (prefix) add(prefix, typeOf(value));
  if (Array.isArray(value)) for (const item of value) typesByPath(item, `${prefix}[]`, out);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) typesByPath(v, prefix ? (prefix.endsWith('[]') ? `${prefix}.${k}` : `${prefix}.${k}`) : k, out);
  return out;
}

/** Paths of `shape` missing from `value`, or present with a type the reference does not have. */
export function shapeProblems(value: unknown, shape: Shape): string[] {
  const seen = typesByPath(value);
  const problems: string[] = [];
  for (const [path, want] of Object.entries(shape)) {
    const types = seen.get(path);
    if (!types) {
      problems.push(`missing ${path}`);
      continue;
    }
    for (const t of types) {
      const ok = t === want || (want === 'number' && t === 'integer');
      if (!ok) problems.push(`${path}: ${t}, reference ${want}`);
    }
  }
  return problems;
}
