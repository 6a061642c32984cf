/**
 * The definitions of every locally computed metric, in the words the dashboards' tooltips show.
 * The metric code in src/main/metrics implements exactly these sentences and its tests check
 * them by hand on a fixed data set: change one, change the other.
 */

export const metricIds = [
  'mrr',
  'arr',
  'mrr-movements',
  'mrr-new',
  'mrr-expansion',
  'mrr-contraction',
  'mrr-churn',
  'mrr-refunds',
  'paying-customers',
  'revenue',
  'sales',
  'conversion',
  'active-licences',
] as const;
export type MetricId = (typeof metricIds)[number];

export interface MetricDefinition {
  readonly title: string;
  /** One line: what the figure means. */
  readonly summary: string;
  /** The formula, as a tooltip shows it. */
  readonly formula: string;
  /** How the awkward cases are handled (refunds, upgrades, $0 sales, …). */
  readonly notes: readonly string[];
}

const spreading =
  "A sale's monthly value is its vendor amount divided by the length of its maintenance period in months " +
  '(whole calendar months from the start, plus leftover days ÷ 30.4375), so a $1,200 annual sale and a $100 ' +
  'monthly sale are both worth $100 a month, and a three-year sale is spread over 36 months.';

const snapshot =
  'MRR of a month is taken on its last day (today for the current month): the sum of the monthly values ' +
  'of every sale whose maintenance period [start, end) covers that day.';

export const metricDefinitions: Readonly<Record<MetricId, MetricDefinition>> = {
  mrr: {
    title: 'Monthly recurring revenue (MRR)',
    summary: 'What your active sales are worth per month, after Atlassian’s share and partner discounts.',
    formula: 'MRR(M) = Σ over sales active on the last day of M of vendorAmount ÷ months(maintenance start → end)',
    notes: [
      spreading,
      snapshot,
      'The vendor amount is already net of Atlassian’s share, discounts and partner discounts; nothing is deducted twice.',
      'Upgrade: from the upgrade’s maintenance start the earlier sales of the same entitlement stop, and their unused remainder (vendor amount × remaining months ÷ period months) is added to the upgrade, which is then spread over its own period.',
      'Refund (sale type Refund or a negative vendor amount): from the refund’s sale date, the refunded sale (same entitlement and maintenance period, else the latest sale it overlaps) loses the refunded share of its value; months before the refund are not rewritten.',
      '$0 sales count as sales but add nothing; a sale without a usable maintenance period counts as one month from its start.',
    ],
  },
  arr: {
    title: 'Annual run rate (ARR)',
    summary: 'MRR × 12: what the active sales would bring in over a year at the current rate.',
    formula: 'ARR(M) = 12 × MRR(M)',
    notes: [spreading],
  },
  'mrr-movements': {
    title: 'MRR movements',
    summary: 'How MRR changed from the end of one month to the end of the next, entitlement by entitlement.',
    formula: 'MRR(M) = MRR(M−1) + new + expansion − contraction − churn − refunds',
    notes: [
      'New: entitlements without MRR at the end of the previous month. Expansion / contraction: those that had MRR and now have more / less.',
      'Churn: those that had MRR and have none (no sale covers the month’s end). Refunds: MRR removed by refunds dated in the month.',
      'Each entitlement counts in one of new, expansion, contraction or churn; refunds are measured apart.',
    ],
  },
  'mrr-new': {
    title: 'New MRR',
    summary: 'MRR of entitlements that had none at the end of the previous month.',
    formula: 'Σ over entitlements with MRR(M−1) = 0 and MRR′(M) > 0 of MRR′(M), where MRR′ leaves out refunds dated in M',
    notes: ['An entitlement is one app on one customer instance (appEntitlementId, else appEntitlementNumber).', 'Returning customers count as new.'],
  },
  'mrr-expansion': {
    title: 'Expansion MRR',
    summary: 'Growth of entitlements that already paid: upgrades, more users, annual price rises.',
    formula: 'Σ over entitlements with MRR(M−1) > 0 and MRR′(M) > MRR(M−1) of MRR′(M) − MRR(M−1)',
    notes: ['MRR′ leaves out refunds dated in M; those are in Refunds.'],
  },
  'mrr-contraction': {
    title: 'Contraction MRR',
    summary: 'Shrinkage of entitlements that keep paying: downgrades, cheaper renewals.',
    formula: 'Σ over entitlements with MRR(M−1) > MRR′(M) > 0 of MRR(M−1) − MRR′(M)',
    notes: ['Shown as a positive amount that reduces MRR.'],
  },
  'mrr-churn': {
    title: 'Churned MRR',
    summary: 'MRR of entitlements that stopped paying: no sale covers the end of the month any more.',
    formula: 'Σ over entitlements with MRR(M−1) > 0 and MRR′(M) = 0 of MRR(M−1)',
    notes: ['MRR(M) = MRR(M−1) + new + expansion − contraction − churn − refunds, exactly.'],
  },
  'mrr-refunds': {
    title: 'Refunded MRR',
    summary: 'MRR removed by refunds dated in the month.',
    formula: 'Σ over entitlements of MRR′(M) − MRR(M), where MRR′ leaves out refunds dated in M',
    notes: ['The cash refunded is in Revenue (negative vendor amounts by sale date).'],
  },
  'paying-customers': {
    title: 'Paying entitlements',
    summary: 'Entitlements with MRR above zero at the end of the month.',
    formula: 'count of entitlements with MRR(M) > 0',
    notes: ['An entitlement paying only $0 sales is not a paying one.'],
  },
  revenue: {
    title: 'Revenue (vendor amount)',
    summary: 'Cash: the vendor amounts of the sales dated in the period, refunds included as negatives.',
    formula: 'Σ vendorAmount over transactions with saleDate in the period',
    notes: ['By sale date, not spread over the maintenance period (that is MRR).', 'Partner discounts and Atlassian’s share are already out of the vendor amount.'],
  },
  sales: {
    title: 'Sales',
    summary: 'Transaction line items dated in the period, excluding refunds; $0 sales are included.',
    formula: 'count of transactions with saleDate in the period and saleType ≠ Refund and vendorAmount ≥ 0',
    notes: ['Refunds are counted apart.'],
  },
  conversion: {
    title: 'Evaluation-to-paid conversion',
    summary: 'Of the evaluations started in a month, the share that became paying.',
    formula: 'conversion(M) = converted ÷ evaluations started in M (shown as — when no evaluation started)',
    notes: [
      'One evaluation per evaluation licence (evaluationLicense, else the entitlement of a licence with an evaluation start date).',
      'Converted: the evaluation’s entitlement, or a licence naming it as its evaluation licence, has a sale with a vendor amount above $0 dated on or after the evaluation start.',
      'Recent months are still open: evaluations started there may convert later.',
    ],
  },
  'active-licences': {
    title: 'Active licences',
    summary: 'Licences whose maintenance period covers the day, by hosting and edition.',
    formula: 'count of licences with maintenanceStartDate ≤ day ≤ maintenanceEndDate',
    notes: ['Kinds: evaluation (licence type EVALUATION), paid (COMMERCIAL) and free (every other type).', 'Licences without a maintenance end count from their start on.'],
  },
};

/** The tooltip text of a metric: title, summary, formula and notes. */
export function describeMetric(id: MetricId): string {
  const d = metricDefinitions[id];
  return [d.title, d.summary, `Formula: ${d.formula}`, ...d.notes].join('\n');
}
