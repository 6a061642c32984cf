import type { ReportGroup } from '../../shared/contract-accounts';

/**
 * Report groups of the root resource's `_links`, read tolerantly: a relation can be one link
 * object or an array of them (ENDPOINTS.md §3.1, §18.3), and unknown relations still count — the
 * root lists what the token is permitted to reach, so whatever is there is shown.
 */
export function listReportGroups(body: unknown): ReportGroup[] | null {
  if (!isObject(body)) return null;
  const links = body._links;
  if (!isObject(links)) return null;
  const groups: ReportGroup[] = [];
  for (const [relation, value] of Object.entries(links)) {
    if (relation === 'self' || relation === 'curies') continue;
    const entries = Array.isArray(value) ? value : [value];
    if (!entries.some((l) => isObject(l) && typeof l.href === 'string')) continue;
    groups.push({ relation, title: relationTitles[relation] ?? titleFromRelation(relation) });
  }
  return groups.sort((a, b) => a.title.localeCompare(b.title));
}

const relationTitles: Record<string, string> = {
  appRequestsAndApprovals: 'App requests and approvals',
  cloudChurn: 'Cloud churn',
  cloudConversions: 'Cloud conversions',
  cloudRenewals: 'Cloud renewals',
  cloudChurnBenchmark: 'Cloud churn benchmark',
  cloudEvaluationBenchmark: 'Cloud evaluation benchmark',
  cloudSalesBenchmark: 'Cloud sales benchmark',
  customerInsightsLinks: 'Customer insights',
  evaluationsByCountry: 'Evaluations by country',
  evaluationsByHosting: 'Evaluations by hosting',
  evaluationsByPartner: 'Evaluations by partner',
  evaluationsByRegion: 'Evaluations by region',
  feedbackLinks: 'Feedback',
  feedbackExport: 'Feedback export',
  freeStarterTier: 'Free starter tier',
  licenses: 'Licenses',
  licensesExport: 'Licenses export',
  transactions: 'Transactions',
  transactionsExport: 'Transactions export',
  transactionsByCountry: 'Transactions by country',
  transactionsByHosting: 'Transactions by hosting',
  transactionsByPartner: 'Transactions by partner',
  transactionsByRegion: 'Transactions by region',
  transactionsByTier: 'Transactions by tier',
  transactionsByType: 'Transactions by type',
};

/** `someRelationName` → "Some relation name", for relations the API adds later. */
function titleFromRelation(relation: string): string {
  const words = relation.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
