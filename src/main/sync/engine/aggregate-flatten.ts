/**
 * Turns any aggregate answer into `aggregate_series` rows (see src/main/dashboards/aggregate-specs.ts
 * for how they are read): scope 'total' or an app key, dataset (churn/renewal `datasets[].name`),
 * series (series name, group, keyword or version), date, and the numeric fields as measures.
 * One walker for every shape rather than one parser per shape: the reference's shapes differ in
 * where they put the same things (ENDPOINTS.md §18), not in what they mean, and the raw answer
 * is stored beside the rows (`aggregate_snapshots`) so nothing is lost.
 */
export interface SeriesRow {
  scope: string;
  addonKey: string | null;
  productId: string | null;
  dataset: string;
  series: string;
  date: string;
  measures: Record<string, number>;
}

interface Ctx {
  scope: string;
  addonKey: string | null;
  productId: string | null;
  dataset: string;
  series: string;
  date: string | null;
  inherited: Record<string, number>;
}

const labelFields = ['searchKeyword', 'keyword', 'parentSoftwareMinorVersions', 'parentSoftwareMajorVersions', 'parentSoftwareVersion', 'parentSoftware', 'lifetimeGmvAppVersionType'];
const skipKeys = new Set(['_links', 'links', 'query', 'self']);

/**
 * Hands each row to `emit` as the walk finds it: a large answer (transactions by country: ~175k
 * rows at 1M licences) is stored row by row instead of being held as an array of objects.
 */
export function eachAggregateRow(body: unknown, fallbackDate: string, emit: (row: SeriesRow) => void): void {
  walk(body, { scope: 'total', addonKey: null, productId: null, dataset: '', series: '', date: null, inherited: {} }, '', emit, fallbackDate);
}

function walk(node: unknown, ctx: Ctx, key: string, emit: (row: SeriesRow) => void, fallbackDate: string): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, ctx, key, emit, fallbackDate);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  const next: Ctx = { ...ctx, inherited: { ...ctx.inherited } };
  if (key === 'total' || key === 'totals') Object.assign(next, { scope: 'total', addonKey: null, productId: null });
  const app = str(obj.addonKey) ?? str(obj.appKey);
  if (app) Object.assign(next, { scope: app, addonKey: app, productId: str(obj.productId) });
  if (key === 'datasets' && str(obj.name)) next.dataset = str(obj.name)!;
  if (key === 'series' && str(obj.name)) next.series = str(obj.name)!;
  const date = str(obj.date) ?? (str(obj.year) && str(obj.month) ? `${str(obj.year)}-${str(obj.month)!.padStart(2, '0')}-01` : null);
  if (date) next.date = date.length === 7 ? `${date}-01` : date.slice(0, 10);
  const group = obj.group;
  if (group && typeof group === 'object' && !Array.isArray(group)) {
    const parts = Object.values(group as Record<string, unknown>).filter((v): v is string => typeof v === 'string' && v !== '');
    if (parts.length) next.series = parts.join(' / ');
  }
  for (const f of labelFields) if (str(obj[f])) next.series = str(obj[f])!;

  const measures: Record<string, number> = {};
  const children: [string, unknown][] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (skipKeys.has(k) || k === 'group' || k === 'year' || k === 'month') continue;
    const n = numeric(v);
    if (n !== null) measures[k] = n;
    else if (v && typeof v === 'object' && !Array.isArray(v) && isFlatNumbers(v)) Object.assign(measures, numbersOf(v));
    else if (v && typeof v === 'object') children.push([k, v]);
  }
  const hasLists = children.some(([, v]) => Array.isArray(v));
  if (Object.keys(measures).length > 0 && !hasLists) {
    emit({ scope: next.scope, addonKey: next.addonKey, productId: next.productId, dataset: next.dataset, series: next.series, date: next.date ?? fallbackDate, measures: { ...next.inherited, ...measures } });
    return;
  }
  // Figures of a wrapper (a series' uniqueTotal) travel with each of its elements.
  Object.assign(next.inherited, measures);
  for (const [k, v] of children) walk(v, next, k, emit, fallbackDate);
}

/** A number, or a numeric string (§18.44: numbers sometimes arrive as text); null otherwise. */
function numeric(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}

function isFlatNumbers(v: object): boolean {
  const values = Object.values(v);
  return values.length > 0 && values.every((x) => typeof x === 'number' || x === null);
}

function numbersOf(v: object): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'number' && Number.isFinite(x)) out[k] = x;
  return out;
}
