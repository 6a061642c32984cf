/** The home page: key figures against the previous period, MRR and revenue trends. */
import type { DashboardPanel, KeyFigure } from '../../shared/contract-dashboards';
import { readActiveLicences, readConversionBuckets, readMrrMonths, readRevenue, type MetricFilter } from '../metrics';
import type { Db } from '../store';
import { previousRange } from './buckets';
import { emptyState, type DashboardContext } from './context';
import { mrrPanels, revenuePanel } from './metrics-dashboard';

interface PeriodFigures {
  revenue: number;
  sales: number;
  refunds: number;
  mrr: number | null;
  paying: number | null;
  evaluations: number;
  conversion: number | null;
  activePaid: number;
}

function figuresOf(db: Db, from: string, to: string, filter: MetricFilter): PeriodFigures {
  const revenue = readRevenue(db, from, to, filter, "''", 'sale_type', true);
  const month = `${to.slice(0, 7)}-01`;
  const mrr = readMrrMonths(db, month, month, filter)[0];
  const conv = readConversionBuckets(db, from, to, filter, "''", true)[0];
  const active = readActiveLicences(db, to, filter).filter((r) => r.kind === 'paid');
  return {
    revenue: revenue.reduce((s, r) => s + r.vendorAmount, 0),
    sales: revenue.filter((r) => r.group !== 'Refund').reduce((s, r) => s + r.lines, 0),
    refunds: revenue.filter((r) => r.group === 'Refund').reduce((s, r) => s + r.vendorAmount, 0),
    mrr: mrr?.mrr ?? null,
    paying: mrr?.paying ?? null,
    evaluations: conv?.evaluations ?? 0,
    conversion: conv?.rate === null || conv?.rate === undefined ? null : conv.rate * 100,
    activePaid: active.reduce((s, r) => s + r.count, 0),
  };
}

export function keyFiguresPanel(ctx: DashboardContext): DashboardPanel {
  const { from, to } = ctx.controls;
  const prev = previousRange(from, to);
  const cur = figuresOf(ctx.db, from, to, ctx.filter);
  const old = figuresOf(ctx.db, prev.from, prev.to, ctx.filter);
  const fig = (id: keyof PeriodFigures, label: string, unit: KeyFigure['unit'], metric?: KeyFigure['metric']): KeyFigure => ({
    id,
    label,
    value: cur[id],
    previous: old[id],
    unit,
    ...(metric ? { metric } : {}),
  });
  const figures: KeyFigure[] = [
    fig('revenue', 'Revenue', 'usd', 'revenue'),
    fig('mrr', 'MRR', 'usd', 'mrr'),
    { id: 'arr', label: 'ARR', value: cur.mrr === null ? null : cur.mrr * 12, previous: old.mrr === null ? null : old.mrr * 12, unit: 'usd', metric: 'arr' },
    fig('sales', 'Sales', 'count', 'sales'),
    fig('refunds', 'Refunds', 'usd', 'revenue'),
    fig('paying', 'Paying entitlements', 'count', 'paying-customers'),
    fig('evaluations', 'Evaluations started', 'count', 'conversion'),
    fig('conversion', 'Conversion rate', 'percent', 'conversion'),
    fig('activePaid', 'Active paid licences', 'count', 'active-licences'),
  ];
  const hasData = cur.sales > 0 || cur.evaluations > 0 || cur.activePaid > 0 || (cur.mrr ?? 0) > 0;
  return {
    id: 'key-figures',
    title: 'Key figures',
    chart: 'figures',
    unit: 'count',
    x: [],
    xKind: 'category',
    series: [],
    figures,
    empty: emptyState(ctx, 'transactions', hasData),
    notes: [`Compared with ${prev.from} – ${prev.to}.`],
  };
}

export function overviewDashboard(ctx: DashboardContext): DashboardPanel[] {
  const mrr = mrrPanels(ctx).find((p) => p.id === 'mrr')!;
  return [keyFiguresPanel(ctx), mrr, revenuePanel(ctx)];
}
