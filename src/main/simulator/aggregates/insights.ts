/**
 * Customer insights (ENDPOINTS.md §12): active licences at each month's start, split by
 * region, parent edition, paid / non-paid, and tier. Each endpoint has its own top-level key
 * and its own `group` key order (§18.36).
 */
import { addMonths, dayFromIso, isoFromDay, monthStart } from '../data/dates';
import { hashUnit } from '../data/random';
import type { World } from '../data/world';
import { parentProducts, tierSeats } from '../data/vocabulary';
import type { ListQuery } from '../http/query';
import { countryOfCustomer } from '../records/customer';

export type InsightKind = 'regions' | 'editions' | 'active-users' | 'tiers';

const keys: Record<InsightKind, string> = {
  regions: 'regionWiseUserInsightsPerMonth',
  editions: 'usersEditionDistribution',
  'active-users': 'activePaidUsersInsights',
  tiers: 'usersDistributionPerProduct',
};

function tierBucket(tier: number): string {
  const seats = tierSeats[tier]!;
  if (seats === 0) return 'Evaluation';
  if (seats <= 10) return '1-10';
  if (seats <= 100) return '11-100';
  if (seats <= 1000) return '101-1000';
  return '1000+';
}

interface Group {
  region: string | null;
  activeUsers: string | null;
  edition: string | null;
  product: string | null;
  tier: string | null;
}

function groupOf(world: World, i: number, kind: InsightKind): Group {
  const L = world.licences;
  const g: Group = { region: null, activeUsers: null, edition: null, product: null, tier: null };
  if (kind === 'regions') g.region = countryOfCustomer(world.seed, L.customer[i]!).region.toLowerCase();
  if (kind === 'editions') g.edition = ['free', 'standard', 'premium', 'enterprise'][L.parentEdition[i]!]!;
  if (kind === 'active-users') g.activeUsers = L.licenseType[i] === 1 ? 'paid' : 'non-paid';
  if (kind === 'tiers') {
    g.product = parentProducts[world.apps[L.app[i]!]!.parentProduct]!;
    g.tier = tierBucket(L.tier[i]!);
  }
  return g;
}

/** The key order differs per endpoint, as in the reference samples. */
function ordered(g: Group, kind: InsightKind): Record<string, string | null> {
  const order: Record<InsightKind, (keyof Group)[]> = {
    regions: ['region', 'activeUsers', 'edition', 'product', 'tier'],
    editions: ['edition', 'region', 'activeUsers', 'product', 'tier'],
    'active-users': ['activeUsers', 'region', 'edition', 'product', 'tier'],
    tiers: ['product', 'tier', 'region', 'activeUsers', 'edition'],
  };
  return Object.fromEntries(order[kind].map((k) => [k, g[k]]));
}

export function insightsBody(world: World, kind: InsightKind, q: ListQuery) {
  const L = world.licences;
  const to = q.endDate ? dayFromIso(q.endDate) : world.now;
  const from = q.startDate ? dayFromIso(q.startDate) : addMonths(monthStart(to), -11);
  const months: number[] = [];
  for (let d = monthStart(from); d <= to; d = addMonths(d, 1)) if (d >= from) months.push(d);
  const product = q.product?.toLowerCase();
  const perMonth = months.map(() => new Map<string, { group: Group; count: number }>());
  for (let i = 0; i < L.length; i++) {
    if (L.hosting[i] !== 0) continue;
    const g = groupOf(world, i, kind);
    if (product && g.product?.toLowerCase() !== product) continue;
    const key = JSON.stringify(g);
    const start = L.startDay[i]!;
    const end = L.endDay[i]! >= 0 ? L.endDay[i]! : 1e9;
    months.forEach((m, k) => {
      if (start > m || end <= m) return;
      const cell = perMonth[k]!.get(key);
      if (cell) cell.count++;
      else perMonth[k]!.set(key, { group: g, count: 1 });
    });
  }
  return {
    [keys[kind]]: months.map((m, k) => {
      const cells = [...perMonth[k]!.entries()].sort(([a], [b]) => a.localeCompare(b));
      const total = cells.reduce((s, [, c]) => s + c.count, 0);
      return {
        date: isoFromDay(m),
        insightsType: cells.map(([key, c]) => ({
          value: {
            group: ordered(c.group, kind),
            usersDistribution: {
              usersCount: c.count,
              usersPercent: total ? (100 * c.count) / total : 0,
              usersMarketplaceBenchmark: 0.5 + hashUnit(world.seed, 220, m, key.length) * 1.5,
            },
          },
        })),
      };
    }),
  };
}
