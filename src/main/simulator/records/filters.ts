/**
 * Brute-force filters over the columns. Each source turns a parsed query into a predicate on
 * row ids; the result (a typed array of ids) is cached per query and data version, so paging
 * through a million licences filters once.
 */
import { dayFromIso } from '../data/dates';
import type { World } from '../data/world';
import { billingPeriods, feedbackReasons, feedbackTypes, licenseStatuses, licenseTypes, partnerTypes, paymentStatuses, saleTypes, tiers, tierSeats } from '../data/vocabulary';
import type { ListQuery } from '../http/query';
import { partnerTypeIndex } from './customer';

export type Predicate = (row: number) => boolean;

export function appSet(world: World, productIds: readonly string[]): Set<number> | null {
  if (productIds.length === 0) return null;
  const wanted = new Set(productIds);
  return new Set(world.apps.filter((a) => wanted.has(a.productId)).map((a) => a.index));
}

export function hostingSet(values: readonly string[]): Set<number> | null {
  if (values.length === 0) return null;
  return new Set(values.map((v) => ['cloud', 'datacenter', 'server'].indexOf(v)));
}

/** Index set of vocabulary entries named (case-insensitively) by the filter values. */
export function vocabSet(values: readonly string[], vocabulary: readonly string[]): Set<number> | null {
  if (values.length === 0) return null;
  const lower = vocabulary.map((v) => v.toLowerCase());
  return new Set(values.map((v) => lower.indexOf(v)).filter((i) => i >= 0));
}

/** `tier*` is typed array<integer> (seats); a tier name such as `10 users` is accepted too. */
export function tierSet(values: readonly string[]): Set<number> | null {
  if (values.length === 0) return null;
  const out = new Set<number>();
  for (const v of values) {
    const n = Number(v);
    tiers.forEach((t, i) => {
      if (t.toLowerCase() === v || (Number.isInteger(n) && tierSeats[i] === n && i > 0)) out.add(i);
    });
  }
  return out;
}

export interface DateRange {
  from: number;
  to: number;
}

export function dateRange(q: ListQuery): DateRange | null {
  if (!q.startDate && !q.endDate) return null;
  return { from: q.startDate ? dayFromIso(q.startDate) : -1e9, to: q.endDate ? dayFromIso(q.endDate) : 1e9 };
}

export function inRange(range: DateRange | null, day: number): boolean {
  return !range || (day >= range.from && day <= range.to);
}

export function has(set: Set<number> | null, value: number): boolean {
  return !set || set.has(value);
}

/** Filters shared by every source whose rows belong to a licence. */
export function licenceFilters(world: World, q: ListQuery): (licence: number) => boolean {
  const apps = appSet(world, q.productId);
  const hosts = hostingSet(q.hosting);
  const partners = vocabSet(q.partnerType, partnerTypes);
  const L = world.licences;
  return (i) => has(apps, L.app[i]!) && has(hosts, L.hosting[i]!) && has(partners, partnerTypeIndex(L.partner[i]!));
}

export const vocab = { licenseStatuses, licenseTypes, saleTypes, paymentStatuses, billingPeriods, feedbackTypes, feedbackReasonKeys: feedbackReasons.map((r) => r.key) };

/** Case-insensitive substring search over the given strings (the API's `text`). */
export function textMatcher(text: string | undefined): ((fields: readonly string[]) => boolean) | null {
  if (!text) return null;
  const needle = text.toLowerCase();
  return (fields) => fields.some((f) => f.toLowerCase().includes(needle));
}
