/**
 * Cloud churn / conversion / renewal series, counted from the same events the sale-metric
 * details list serves. LIVE-API-NOTES: only `aggregation`, `startDate`, `endDate` are honoured.
 * The three shapes differ as in the reference (§18.32): churn and renewal have a `datasets`
 * layer (churn series carry `uniqueTotal`), conversion has none and adds `conversionType`.
 */
import { isoFromDay, monthOf, monthStart, yearOf, addMonths } from '../data/dates';
import { hashUnit } from '../data/random';
import type { World } from '../data/world';
import { isChurnedLicence, isConversionTx, isRenewalTx } from '../records/derived';
import { LicenceKind } from '../data/plan';
import type { ListQuery } from '../http/query';
import { bucketsFor, countElement, GroupCounter, metricBody, round2, type Buckets } from './buckets';

interface SeriesCounter {
  counts: Float64Array;
  unique: Set<number>;
}

function newSeries(buckets: Buckets): SeriesCounter {
  return { counts: new Float64Array(buckets.starts.length), unique: new Set() };
}

type Datasets = Map<string, Map<string, SeriesCounter>>;

function bump(sets: Datasets, buckets: Buckets, dataset: string, series: string, bucket: number, licence: number): void {
  let ds = sets.get(dataset);
  if (!ds) sets.set(dataset, (ds = new Map()));
  let s = ds.get(series);
  if (!s) ds.set(series, (s = newSeries(buckets)));
  s.counts[bucket]!++;
  s.unique.add(licence);
}

function renderDatasets(sets: Datasets, buckets: Buckets, seriesNames: readonly string[], withUnique: boolean) {
  return ['Monthly', 'Annual'].map((name) => ({
    name,
    series: seriesNames.map((s) => {
      const c = sets.get(name)?.get(s) ?? newSeries(buckets);
      return {
        name: s,
        ...(withUnique ? { uniqueTotal: c.unique.size } : {}),
        elements: buckets.starts.map((d, k) => ({ date: isoFromDay(d), count: c.counts[k] })),
      };
    }),
  }));
}

/** Churn: "Customers" had an opportunity to renew; "Cancellations" stopped paying. */
export function churnOrRenewalBody(world: World, metric: 'churn' | 'renewal', q: ListQuery) {
  const T = world.transactions;
  const L = world.licences;
  const buckets = bucketsFor(world, q);
  const names = metric === 'churn' ? ['Customers', 'Cancellations'] : ['Renewal opportunities', 'Renewals'];
  const total: Datasets = new Map();
  const perApp = new Map<number, Datasets>();
  const add = (i: number, billing: number, series: string, day: number) => {
    const b = buckets.indexOf(day);
    if (b < 0) return;
    const ds = billing === 0 ? 'Monthly' : 'Annual';
    bump(total, buckets, ds, series, b, i);
    let app = perApp.get(L.app[i]!);
    if (!app) perApp.set(L.app[i]!, (app = new Map()));
    bump(app, buckets, ds, series, b, i);
  };
  for (let t = 0; t < T.length; t++) {
    if (!isRenewalTx(world, t)) continue;
    add(T.licence[t]!, T.oldBilling[t]!, names[0]!, T.saleDay[t]!);
    if (metric === 'renewal') add(T.licence[t]!, T.oldBilling[t]!, names[1]!, T.saleDay[t]!);
  }
  for (let i = 0; i < L.length; i++) {
    if (!isChurnedLicence(world, i)) continue;
    add(i, L.billing[i]!, names[0]!, L.endDay[i]!);
    if (metric === 'churn') add(i, L.billing[i]!, names[1]!, L.endDay[i]!);
  }
  const withUnique = metric === 'churn';
  return {
    total: { name: 'All apps', datasets: renderDatasets(total, buckets, names, withUnique) },
    addons: [...perApp.entries()]
      .sort(([a], [b]) => a - b)
      .map(([app, sets]) => ({
        addonKey: world.apps[app]!.addonKey,
        productId: world.apps[app]!.productId,
        name: world.apps[app]!.name,
        datasets: renderDatasets(sets, buckets, names, withUnique),
      })),
  };
}

/** Conversion: Cloud evaluations started, and Cloud evaluations converted, per bucket. */
export function conversionBody(world: World, q: ListQuery) {
  const L = world.licences;
  const T = world.transactions;
  const buckets = bucketsFor(world, q);
  const counter = new GroupCounter(buckets, 1);
  for (let i = 0; i < L.length; i++) {
    if (L.kind[i] !== LicenceKind.evaluation || L.hosting[i] !== 0) continue;
    const b = buckets.indexOf(L.startDay[i]!);
    if (b >= 0) counter.add(L.app[i]!, 'Evaluations', b, [1]);
  }
  for (let t = 0; t < T.length; t++) {
    if (!isConversionTx(world, t)) continue;
    const b = buckets.indexOf(T.saleDay[t]!);
    if (b >= 0) counter.add(L.app[T.licence[t]!]!, 'Conversions', b, [1]);
  }
  return metricBody(world.apps, counter, buckets, countElement, { conversionType: 'Upgrade' });
}

/** Churn benchmark per Cloud app and month; the vendor's own rates beside market figures. */
export function churnBenchmarkBody(world: World, q: ListQuery) {
  const L = world.licences;
  const T = world.transactions;
  const buckets = bucketsFor(world, { ...q, aggregation: 'month' }, 'month');
  const wanted = q.productId.length ? new Set(q.productId) : null;
  const churned = world.apps.map(() => new Float64Array(buckets.starts.length));
  const opportunities = world.apps.map(() => new Float64Array(buckets.starts.length));
  for (let t = 0; t < T.length; t++) {
    if (!isRenewalTx(world, t)) continue;
    const b = buckets.indexOf(T.saleDay[t]!);
    if (b >= 0) opportunities[L.app[T.licence[t]!]!]![b]!++;
  }
  for (let i = 0; i < L.length; i++) {
    if (!isChurnedLicence(world, i)) continue;
    const b = buckets.indexOf(L.endDay[i]!);
    if (b < 0) continue;
    churned[L.app[i]!]![b]!++;
    opportunities[L.app[i]!]![b]!++;
  }
  return {
    churnBenchmarkPerApp: world.apps
      .filter((a) => a.hostings.includes(0) && (!wanted || wanted.has(a.productId)))
      .map((a) => ({
        appName: a.name,
        appKey: a.addonKey,
        productId: a.productId,
        churnBenchmarkPerMonth: buckets.starts.map((d, k) => {
          const c = churned[a.index]![k]!;
          const n = opportunities[a.index]![k]!;
          const rate = n ? Math.round((100 * c * 1000) / n) / 1000 : 0;
          return {
            year: String(yearOf(d)),
            month: String(monthOf(d)).padStart(2, '0'),
            churnedLicenses: c,
            totalLicenses: n,
            churnRate: rate,
            isolatedChurnRate: Math.round(rate * 490) / 1000,
            churnRateBenchmark: round2(1 + hashUnit(world.seed, 200, d) * 4),
            isolatedChurnRateBenchmark: round2(0.5 + hashUnit(world.seed, 201, d) * 2),
          };
        }),
      })),
  };
}

/** Benchmarks lag 2–3 months (LIVE-API-NOTES): months after this are not published yet. */
export function lastBenchmarkMonth(world: World): number {
  return addMonths(monthStart(world.now), -2);
}
