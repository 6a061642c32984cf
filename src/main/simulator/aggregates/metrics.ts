/** Evaluations, transactions and feedback aggregated by a metric, from the same rows the lists serve. */
import type { World } from '../data/world';
import { hostings, partnerNames, saleTypes, tiers } from '../data/vocabulary';
import { Sale } from '../data/plan';
import { countryOfCustomer } from '../records/customer';
import { feedbackReasonOf, feedbackTypeOf, hasFeedback } from '../records/derived';
import { has, hostingSet, appSet, vocabSet } from '../records/filters';
import { amountsOf } from '../records/transaction';
import { feedbackReasons, feedbackTypes } from '../data/vocabulary';
import { LicenceKind } from '../data/plan';
import type { ListQuery } from '../http/query';
import { bucketsFor, countElement, GroupCounter, metricBody, round2 } from './buckets';

export type GroupMetric = 'hosting' | 'country' | 'partner' | 'region' | 'tier' | 'type';

/** Group name of licence i for a metric; null leaves it out (direct sales have no partner). */
function groupOf(world: World, i: number, metric: GroupMetric): string | null {
  const L = world.licences;
  switch (metric) {
    case 'hosting':
      return hostings[L.hosting[i]!]!;
    case 'country':
      return countryOfCustomer(world.seed, L.customer[i]!).name;
    case 'region':
      return countryOfCustomer(world.seed, L.customer[i]!).region;
    case 'partner':
      return L.partner[i] ? partnerNames[L.partner[i]! - 1]! : null;
    default:
      return null;
  }
}

export function evaluationsBody(world: World, metric: GroupMetric, q: ListQuery) {
  const L = world.licences;
  const buckets = bucketsFor(world, q);
  const counter = new GroupCounter(buckets, 1);
  for (let i = 0; i < L.length; i++) {
    if (L.kind[i] !== LicenceKind.evaluation) continue;
    const b = buckets.indexOf(L.startDay[i]!);
    if (b < 0) continue;
    const group = groupOf(world, i, metric);
    if (group !== null) counter.add(L.app[i]!, group, b, [1]);
  }
  return metricBody(world.apps, counter, buckets, countElement, metric === 'hosting' ? { evaluationType: 'Net new evaluation' } : {});
}

export function transactionsByMetricBody(world: World, metric: GroupMetric, q: ListQuery) {
  const T = world.transactions;
  const L = world.licences;
  const buckets = bucketsFor(world, q);
  const counter = new GroupCounter(buckets, 3);
  for (let t = 0; t < T.length; t++) {
    const b = buckets.indexOf(T.saleDay[t]!);
    if (b < 0) continue;
    const i = T.licence[t]!;
    const group = metric === 'tier' ? tiers[T.tier[t]!]! : metric === 'type' ? saleTypes[T.saleType[t]!]! : groupOf(world, i, metric);
    if (group === null) continue;
    const refund = T.saleType[t] === Sale.refund;
    counter.add(L.app[i]!, group, b, [1, refund ? -1 : 1, amountsOf(world, t).vendorAmount]);
  }
  // ENDPOINTS.md §18.35: the series carry `evaluationType`, copied from evaluations.
  return metricBody(world.apps, counter, buckets, (date, v) => ({ date, count: v[0], netCount: v[1], revenue: round2(v[2]!) }), {
    evaluationType: 'Net new evaluation',
  });
}

export function feedbackMetricsBody(world: World, metric: 'reason' | 'type', q: ListQuery) {
  const L = world.licences;
  const buckets = bucketsFor(world, q);
  const counter = new GroupCounter(buckets, 1);
  const apps = appSet(world, q.productId);
  const hosts = hostingSet(q.hosting);
  const editions = vocabSet(q.appEdition, ['standard', 'advanced']);
  for (let i = 0; i < L.length; i++) {
    if (!hasFeedback(world, i) || !has(apps, L.app[i]!) || !has(hosts, L.hosting[i]!) || !has(editions, L.edition[i]!)) continue;
    const b = buckets.indexOf(L.endDay[i]!);
    if (b < 0) continue;
    const group = metric === 'reason' ? feedbackReasons[feedbackReasonOf(world, i)]!.key : feedbackTypes[feedbackTypeOf(world, i)]!;
    counter.add(L.app[i]!, group, b, [1]);
  }
  return metricBody(world.apps, counter, buckets, countElement);
}
