/** Date buckets and the common aggregate shape (ENDPOINTS.md §1.6). */
import { addMonths, dayFromIso, isoFromDay, monthStart, weekStart } from '../data/dates';
import type { SimApp } from '../data/apps';
import type { World } from '../data/world';
import type { ListQuery } from '../http/query';

export interface Buckets {
  /** Bucket start days, ascending. */
  starts: number[];
  from: number;
  to: number;
  indexOf(day: number): number;
}

/**
 * Weekly buckets start on Sundays, monthly on the 1st (the reference's element dates). The
 * range defaults to the year before the simulated clock.
 */
export function bucketsFor(world: World, q: Pick<ListQuery, 'startDate' | 'endDate' | 'aggregation'>, defaultUnit: 'week' | 'month' = 'week'): Buckets {
  const to = q.endDate ? dayFromIso(q.endDate) : world.now;
  const from = q.startDate ? dayFromIso(q.startDate) : to - 364;
  const unit = q.aggregation?.startsWith('month') ? 'month' : q.aggregation?.startsWith('week') ? 'week' : defaultUnit;
  const starts: number[] = [];
  if (from <= to) {
    if (unit === 'week') for (let d = weekStart(from); d <= to; d += 7) starts.push(d);
    else for (let d = monthStart(from); d <= to; d = addMonths(d, 1)) starts.push(d);
  }
  const index = new Map(starts.map((s, k) => [s, k]));
  return {
    starts,
    from,
    to,
    indexOf(day) {
      if (day < from || day > to) return -1;
      return index.get(unit === 'week' ? weekStart(day) : monthStart(day)) ?? -1;
    },
  };
}

/** Counters per group and bucket, for the vendor total and each app. */
export class GroupCounter {
  readonly total = new Map<string, Float64Array[]>();
  readonly perApp = new Map<number, Map<string, Float64Array[]>>();

  constructor(
    private readonly buckets: Buckets,
    private readonly fields: number,
  ) {}

  add(app: number, group: string, bucket: number, values: readonly number[]): void {
    for (const target of [this.total, this.appMap(app)]) {
      let series = target.get(group);
      if (!series) {
        series = Array.from({ length: this.fields }, () => new Float64Array(this.buckets.starts.length));
        target.set(group, series);
      }
      values.forEach((v, f) => (series[f]![bucket]! += v));
    }
  }

  private appMap(app: number): Map<string, Float64Array[]> {
    let m = this.perApp.get(app);
    if (!m) this.perApp.set(app, (m = new Map()));
    return m;
  }
}

export type ElementOf = (date: string, values: readonly number[]) => Record<string, unknown>;

export const countElement: ElementOf = (date, v) => ({ date, count: v[0] });

function seriesList(groups: Map<string, Float64Array[]>, buckets: Buckets, element: ElementOf, extra: Record<string, unknown>) {
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, fields]) => ({
      name,
      ...extra,
      elements: buckets.starts.map((s, k) => element(isoFromDay(s), fields.map((f) => f[k]!))),
    }));
}

export function metricBody(apps: readonly SimApp[], counter: GroupCounter, buckets: Buckets, element: ElementOf, extra: Record<string, unknown> = {}) {
  return {
    total: { name: 'All apps', series: seriesList(counter.total, buckets, element, extra) },
    addons: [...counter.perApp.entries()]
      .sort(([a], [b]) => a - b)
      .map(([app, groups]) => ({
        addonKey: apps[app]!.addonKey,
        productId: apps[app]!.productId,
        name: apps[app]!.name,
        series: seriesList(groups, buckets, element, extra),
      })),
  };
}

export const round2 = (x: number) => Math.round(x * 100) / 100;
