/** Dashboards of the aggregate endpoint groups, read from `aggregate_series`. */
import { aggregateGroup, type AggregateGroupId } from '../../shared/catalogue';
import type { DashboardPanel, PanelSeries } from '../../shared/contract-dashboards';
import { inListSql } from '../metrics';
import { bucketOf, bucketsBetween } from './buckets';
import { emptyState, type DashboardContext } from './context';
import { combineOf, endpointSpecs, type EndpointPanelSpec } from './aggregate-specs';

interface SeriesRow {
  variant: string;
  scope: string;
  dataset: string;
  series: string;
  date: string;
  measures: Record<string, unknown>;
}

/**
 * Rows of one endpoint in the range: the selected apps' rows, or with no app selected the
 * all-apps total (`which: 'total'`) or every app's rows summed (`which: 'apps'`, for reports
 * whose total lacks the figure, such as per-app keyword elements). Lists ignore the range.
 */
function readRows(ctx: DashboardContext, endpoint: string, variants: readonly string[], which: 'total' | 'apps', anyDate: boolean): SeriesRow[] {
  const { from, to, apps } = ctx.controls;
  // endpoint = ? AND variant = ? AND scope … : a prefix of the identity index, one variant at a time.
  const range = anyDate ? '' : ' AND date >= ? AND date <= ?';
  const rangeParams = anyDate ? [] : [from, to];
  const scope = apps.length > 0 ? inListSql('scope', apps).sql : which === 'total' ? " AND scope = 'total'" : " AND scope <> 'total'";
  const statement = ctx.db.prepare(`SELECT variant, scope, dataset, series, date, measures FROM aggregate_series WHERE endpoint = ? AND variant = ?${scope}${range}`);
  // A list shows only the latest report: read that one date, not every report kept.
  const latest = ctx.db.prepare(`SELECT max(date) FROM aggregate_series WHERE endpoint = ? AND variant = ?${scope}`).pluck();
  const latestRows = ctx.db.prepare(`SELECT variant, scope, dataset, series, date, measures FROM aggregate_series WHERE endpoint = ? AND variant = ?${scope} AND date = ?`);
  const out: SeriesRow[] = [];
  for (const variant of variants) {
    const last = anyDate ? (latest.get(endpoint, variant, ...apps) as string | null) : null;
    if (anyDate && last === null) continue;
    const raw = (anyDate ? latestRows.all(endpoint, variant, ...apps, last) : statement.all(endpoint, variant, ...apps, ...rangeParams)) as (Omit<SeriesRow, 'measures'> & { measures: string })[];
    for (const r of raw) out.push({ ...r, measures: parseMeasures(r.measures) });
  }
  return out;
}

/** The variants stored for an endpoint (the snapshots table has one row per endpoint and variant). */
function storedVariants(ctx: DashboardContext, endpoint: string): string[] {
  const fromSnapshots = ctx.db.prepare('SELECT variant FROM aggregate_snapshots WHERE endpoint = ?').pluck().all(endpoint) as string[];
  if (fromSnapshots.length > 0) return fromSnapshots;
  return ctx.db.prepare('SELECT DISTINCT variant FROM aggregate_series WHERE endpoint = ?').pluck().all(endpoint) as string[];
}

function parseMeasures(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const numberOf = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

/** Combines values per (name, x) with the measure's rule: sum, mean, or last-per-scope summed. */
class Combiner {
  private readonly cells = new Map<string, { sum: number; n: number; last: Map<string, { date: string; v: number }> }>();
  constructor(private readonly rule: 'sum' | 'mean' | 'last') {}
  add(name: string, x: string, scopeKey: string, date: string, v: number): void {
    const key = `${name}\u0000${x}`;
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = { sum: 0, n: 0, last: new Map() }));
    c.sum += v;
    c.n++;
    const prev = c.last.get(scopeKey);
    if (!prev || date >= prev.date) c.last.set(scopeKey, { date, v });
  }
  value(name: string, x: string): number | null {
    const c = this.cells.get(`${name}\u0000${x}`);
    if (!c) return null;
    if (this.rule === 'sum') return c.sum;
    if (this.rule === 'mean') return c.sum / c.n;
    let total = 0;
    for (const { v } of c.last.values()) total += v;
    return total;
  }
  names(): string[] {
    return [...new Set([...this.cells.keys()].map((k) => k.split('\u0000')[0]!))];
  }
}

function keepTop(series: PanelSeries[], top: number | undefined, additive: boolean): PanelSeries[] {
  if (!top || series.length <= top) return series;
  const total = (s: PanelSeries) => s.data.reduce<number>((a, v) => a + Math.abs(v ?? 0), 0);
  const sorted = [...series].sort((a, b) => total(b) - total(a));
  const kept = sorted.slice(0, top);
  if (!additive) return kept;
  const rest = sorted.slice(top);
  const other = rest[0]!.data.map((_, i) => rest.reduce<number | null>((a, s) => (s.data[i] === null ? a : (a ?? 0) + s.data[i]!), null));
  return [...kept, { name: 'Other', data: other }];
}

function buildPanel(ctx: DashboardContext, endpoint: string, spec: EndpointPanelSpec, variant: string, rows: SeriesRow[], index: number): DashboardPanel {
  const { from, to, granularity } = ctx.controls;
  const list = spec.mode === 'list';
  let x: string[];
  let useRows = rows;
  if (list) {
    // A list shows the latest snapshot in the range.
    const latest = rows.reduce((m, r) => (r.date > m ? r.date : m), '');
    useRows = rows.filter((r) => r.date === latest);
  }
  const measure = spec.measures.find((m) => useRows.some((r) => numberOf(r.measures[m]) !== null)) ?? spec.measures[0]!;
  const measures = spec.mode === 'series' ? [measure] : spec.measures;
  const combiner = new Combiner(combineOf(measure));
  const combiners = new Map(measures.map((m) => [m, new Combiner(combineOf(m))]));
  for (const r of useRows) {
    const scopeKey = `${r.scope}\u0000${r.dataset}\u0000${r.series}`;
    for (const m of measures) {
      const v = numberOf(r.measures[m]);
      if (v === null) continue;
      if (spec.mode === 'series') combiner.add(r.dataset ? `${r.dataset} · ${r.series || 'All'}` : r.series || 'All', bucketOf(r.date, granularity), scopeKey, r.date, v);
      else combiners.get(m)!.add(m, list ? r.series || 'All' : bucketOf(r.date, granularity), scopeKey, r.date, v);
    }
  }
  let series: PanelSeries[];
  if (list) {
    const first = combiners.get(measures[0]!)!;
    const cats = [...new Set(useRows.map((r) => r.series || 'All'))].sort((a, b) => (first.value(measures[0]!, b) ?? 0) - (first.value(measures[0]!, a) ?? 0));
    x = cats.slice(0, spec.top ?? 20);
    series = measures.filter((m) => combiners.get(m)!.names().length > 0).map((m) => ({ name: m, data: x.map((c) => combiners.get(m)!.value(m, c)) }));
  } else {
    x = bucketsBetween(from, to, granularity);
    if (spec.mode === 'series') {
      series = keepTop(
        combiner.names().sort().map((name) => ({ name, data: x.map((b) => combiner.value(name, b)) })),
        spec.top,
        combineOf(measure) === 'sum',
      );
    } else {
      series = measures.filter((m) => combiners.get(m)!.names().length > 0).map((m) => ({ name: m, data: x.map((b) => combiners.get(m)!.value(m, b)) }));
    }
    if (spec.ratio) series.push(...ratioSeries(spec.ratio, series));
  }
  const hasData = series.some((s) => s.data.some((v) => v !== null));
  const drill = spec.drill?.(variant);
  return {
    id: `${endpoint}${variant ? `-${variant}` : ''}-${index}`,
    title: spec.title.replace('{variant}', variant || 'all'),
    chart: spec.chart,
    unit: spec.unit,
    x,
    xKind: list ? 'category' : 'date',
    series,
    empty: emptyState(ctx, endpoint, hasData),
    description: `From ${endpoint}${variant ? ` (${variant})` : ''}, as Atlassian computes it.`,
    ...(drill ? { drill } : {}),
    ...notesOf(ctx, variant, list ? useRows[0]?.date : undefined),
  };
}

function notesOf(ctx: DashboardContext, variant: string, listDate: string | undefined): { notes?: string[] } {
  const notes: string[] = [];
  if (listDate) notes.push(`The latest report, fetched for the period up to ${listDate}; the date range does not apply to it.`);
  if (ctx.controls.hosting.length > 0 && variant !== 'hosting') notes.push('The hosting filter does not apply: Atlassian does not split this report by hosting.');
  return notes.length > 0 ? { notes } : {};
}

/** numerator ÷ denominator × 100 per x, per dataset prefix ("Monthly · Customers"). */
function ratioSeries(ratio: { title: string; numerator: string; denominator: string }, series: PanelSeries[]): PanelSeries[] {
  const out: PanelSeries[] = [];
  for (const num of series) {
    const [prefix, name] = num.name.includes(' · ') ? (num.name.split(' · ') as [string, string]) : ['', num.name];
    if (name !== ratio.numerator) continue;
    const den = series.find((s) => s.name === (prefix ? `${prefix} · ${ratio.denominator}` : ratio.denominator));
    if (!den) continue;
    out.push({
      name: prefix ? `${ratio.title} · ${prefix}` : ratio.title,
      unit: 'percent',
      data: num.data.map((v, i) => {
        const d = den.data[i];
        return v === null || d === null || d === undefined || d === 0 ? null : (100 * v) / d;
      }),
    });
  }
  return out;
}

export function aggregateDashboard(ctx: DashboardContext, id: Exclude<AggregateGroupId, 'report-access'>): DashboardPanel[] {
  const panels: DashboardPanel[] = [];
  for (const e of aggregateGroup(id).endpoints) {
    const cache = new Map<string, SeriesRow[]>();
    const declared = Object.values(e.pathParams ?? {})[0];
    const perVariant = Array.isArray(declared);
    let variants: string[] | null = null;
    const rowsFor = (which: 'total' | 'apps', anyDate: boolean) => {
      const key = `${which}/${anyDate}`;
      let rows = cache.get(key);
      variants ??= storedVariants(ctx, e.endpoint);
      if (!rows) cache.set(key, (rows = readRows(ctx, e.endpoint, variants, which, anyDate)));
      return rows;
    };
    (endpointSpecs[e.endpoint] ?? []).forEach((spec, i) => {
      const anyDate = spec.mode === 'list';
      let rows = rowsFor('total', anyDate);
      const hasMeasure = (r: SeriesRow) => spec.measures.some((m) => numberOf(r.measures[m]) !== null);
      if (ctx.controls.apps.length === 0 && !rows.some(hasMeasure)) rows = rowsFor('apps', anyDate);
      if (spec.variants) rows = rows.filter((r) => spec.variants!(r.variant));
      // Per-product variants (product ids) and undeclared ones are summed into one panel.
      for (const variant of perVariant ? (declared as readonly string[]) : ['']) {
        const own = perVariant ? rows.filter((r) => r.variant === variant) : rows;
        panels.push(buildPanel(ctx, e.endpoint, spec, variant, own, i));
      }
    });
  }
  return panels;
}
