/** Cloud evaluation and sales benchmarks (ENDPOINTS.md §11.2–11.3), from licences and sales. */
import { addMonths, dayFromIso, isoFromDay, monthStart, yearOf } from '../data/dates';
import { LicenceKind } from '../data/plan';
import { hashUnit } from '../data/random';
import type { World } from '../data/world';
import type { ListQuery } from '../http/query';
import { amountsOf } from '../records/transaction';
import { round2 } from './buckets';
import { lastBenchmarkMonth } from './sales-metrics';

/** Monthly sums per app over all history: [app][month index from firstMonth]. */
function monthlyPerApp(world: World, value: 'evaluations' | 'sales'): { first: number; months: number[]; perApp: Float64Array[] } {
  const first = monthStart(world.firstDay - 400);
  const months: number[] = [];
  for (let d = first; d <= world.now; d = addMonths(d, 1)) months.push(d);
  const index = new Map(months.map((m, k) => [m, k]));
  const perApp = world.apps.map(() => new Float64Array(months.length));
  if (value === 'evaluations') {
    const L = world.licences;
    for (let i = 0; i < L.length; i++) {
      if (L.kind[i] !== LicenceKind.evaluation || L.hosting[i] !== 0) continue;
      perApp[L.app[i]!]![index.get(monthStart(L.startDay[i]!))!]!++;
    }
  } else {
    const T = world.transactions;
    for (let t = 0; t < T.length; t++) {
      const i = T.licence[t]!;
      if (world.licences.hosting[i] !== 0) continue;
      perApp[world.licences.app[i]!]![index.get(monthStart(T.saleDay[t]!))!]! += amountsOf(world, t).vendorAmount;
    }
  }
  return { first, months, perApp };
}

const growth = (now: number, before: number) => (before ? round2((100 * (now - before)) / before) : 0);

function rows(world: World, q: ListQuery, series: { months: number[]; values: Float64Array }, keys: Record<string, string>, benchmarkSuffix: string, money: boolean) {
  const from = q.startDate ? monthStart(dayFromIso(q.startDate)) : addMonths(lastBenchmarkMonth(world), -11);
  const to = Math.min(q.endDate ? dayFromIso(q.endDate) : world.now, lastBenchmarkMonth(world));
  const fmt = (x: number) => (money ? round2(x) : x);
  const out: Record<string, unknown>[] = [];
  series.months.forEach((m, k) => {
    if (m < from || m > to) return;
    const v = series.values[k]!;
    const prev = k > 0 ? series.values[k - 1]! : 0;
    let ytd = 0;
    let ytdLast = 0;
    series.months.forEach((m2, k2) => {
      if (yearOf(m2) === yearOf(m) && m2 <= m) ytd += series.values[k2]!;
      if (yearOf(m2) === yearOf(m) - 1 && m2 <= addMonths(m, -12)) ytdLast += series.values[k2]!;
    });
    out.push({
      date: isoFromDay(m),
      [keys.count!]: fmt(v),
      [keys.previous!]: fmt(prev),
      [keys.mom!]: growth(v, prev),
      [keys.percentile!]: 50 + Math.floor(hashUnit(world.seed, 210, m) * 50),
      [`${keys.mom}Benchmark${benchmarkSuffix}`]: round2(hashUnit(world.seed, 211, m) * 20 - 5),
      [keys.ytd!]: fmt(ytd),
      [keys.ytdLast!]: fmt(ytdLast),
      [keys.yoy!]: growth(ytd, ytdLast),
      [keys.ytdPercentile!]: 50 + Math.floor(hashUnit(world.seed, 212, m) * 50),
      [`${keys.yoy}Benchmark${benchmarkSuffix}`]: round2(hashUnit(world.seed, 213, m) * 40 - 10),
    });
  });
  return out;
}

function selectedApps(world: World, q: ListQuery) {
  const wanted = q.productId.length ? new Set(q.productId) : null;
  return world.apps.filter((a) => a.hostings.includes(0) && (!wanted || wanted.has(a.productId)));
}

function sum(perApp: Float64Array[], apps: readonly { index: number }[], length: number): Float64Array {
  const out = new Float64Array(length);
  for (const a of apps) perApp[a.index]!.forEach((v, k) => (out[k]! += v));
  return out;
}

const evalKeys = {
  count: 'evaluationCount',
  previous: 'previousMonthEvaluationCount',
  mom: 'evaluationMoMGrowth',
  percentile: 'evaluationPercentile',
  ytd: 'evaluationCountYTD',
  ytdLast: 'evaluationCountYTDLastYear',
  yoy: 'evaluationYTDYoYGrowth',
  ytdPercentile: 'evaluationYTDPercentile',
};

/** ENDPOINTS.md §18.34: `totals` (plural) and PascalCase keys, as the reference has them. */
export function evaluationBenchmarkBody(world: World, q: ListQuery) {
  const data = monthlyPerApp(world, 'evaluations');
  const apps = selectedApps(world, q);
  return {
    totals: {
      name: 'All apps',
      CloudEvaluationBenchmarkPerVendorPerMonth: rows(world, q, { months: data.months, values: sum(data.perApp, apps, data.months.length) }, evalKeys, 'AllPartners', false),
    },
    CloudEvaluationBenchmarkPerApp: apps.map((a) => ({
      addonKey: a.addonKey,
      productId: a.productId,
      name: a.name,
      CloudEvaluationBenchmarkPerAppPerMonth: rows(world, q, { months: data.months, values: data.perApp[a.index]! }, evalKeys, 'AllAppsOnBaseProduct', false),
    })),
  };
}

const salesKeys = {
  count: 'sale',
  previous: 'previousMonthSale',
  mom: 'salesMoMGrowth',
  percentile: 'salesPercentile',
  ytd: 'salesYTD',
  ytdLast: 'salesYTDLastYear',
  yoy: 'salesYTDYoYGrowth',
  ytdPercentile: 'salesYTDPercentile',
};

export function salesBenchmarkBody(world: World, q: ListQuery) {
  const data = monthlyPerApp(world, 'sales');
  const apps = selectedApps(world, q);
  return {
    total: {
      name: 'All apps',
      salesBenchmarkPerMonth: rows(world, q, { months: data.months, values: sum(data.perApp, apps, data.months.length) }, salesKeys, 'AllPartners', true),
    },
    addons: apps.map((a) => ({
      addonKey: a.addonKey,
      productId: a.productId,
      name: a.name,
      // §18.47: per-app rows also use the …AllPartners keys.
      salesBenchmarkPerMonth: rows(world, q, { months: data.months, values: data.perApp[a.index]! }, salesKeys, 'AllPartners', true),
    })),
  };
}
