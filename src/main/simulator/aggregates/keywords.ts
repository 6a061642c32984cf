/**
 * Search keywords and app requests. No records underlie these in the API either; the numbers
 * are drawn from the seed and scaled by the vendor's evaluations, and every total is the sum
 * of its parts (the reference's own samples are not, §18.45: we do not copy that).
 */
import { isoFromDay } from '../data/dates';
import { hashInts } from '../data/random';
import type { World } from '../data/world';
import type { ListQuery } from '../http/query';
import { LicenceKind } from '../data/plan';
import { bucketsFor, round2 } from './buckets';

const words = [
  'timesheet', 'roadmap', 'checklist', 'diagram', 'gantt', 'time tracking', 'test management', 'forms', 'automation', 'git',
  'approval', 'calendar', 'table', 'export pdf', 'okr', 'kanban', 'planning poker', 'asset', 'glossary', 'workflow',
  'projectmanagement', 'jira, confluence', '"quoted" search', 'sla', 'reporting',
];

export function keywordsBySourceBody(world: World, source: string) {
  const salt = source === 'marketplace' ? 1 : 2;
  const weights = words.map((_, k) => 1 + (hashInts(world.seed, 230 + salt, k) % 100));
  const total = weights.reduce((a, b) => a + b, 0);
  return words
    .map((w, k) => ({ searchKeyword: w, percentage: round2((100 * weights[k]!) / total) }))
    .sort((a, b) => b.percentage - a.percentage || a.searchKeyword.localeCompare(b.searchKeyword));
}

const productFilters = ['jira', 'confluence', 'bitbucket'];
const hostingFilters = ['cloud', 'dataCenter', 'server'];
const categoryFilters = ['Utilities', 'Time tracking', 'Project management', 'Reports'];
const otherFilters = ['Beta', 'Cloud fortified apps', 'Free', ''];

export function zeroResultsBody(world: World, source: string) {
  const salt = source === 'marketplace' ? 3 : 4;
  return words.slice(0, 12).map((w, k) => {
    const h = hashInts(world.seed, 240 + salt, k);
    return {
      searchKeyword: `${w} ${['pro', 'free', 'ai', 'sync'][h % 4]}`,
      productFilter: productFilters[h % 3],
      hostingFilter: hostingFilters[(h >>> 3) % 3],
      categoryFilter: categoryFilters[(h >>> 5) % 4],
      otherFilter: otherFilters[(h >>> 7) % 4],
      count: 1 + ((h >>> 9) % 40),
    };
  });
}

/** Appearances per app and bucket: proportional to the app's evaluations, keyword by hash. */
function appearances(world: World, q: ListQuery) {
  const buckets = bucketsFor(world, q);
  const L = world.licences;
  const perApp = world.apps.map(() => new Float64Array(buckets.starts.length));
  for (let i = 0; i < L.length; i++) {
    if (L.kind[i] !== LicenceKind.evaluation) continue;
    const b = buckets.indexOf(L.startDay[i]!);
    if (b >= 0) perApp[L.app[i]!]![b]! += 3;
  }
  return { buckets, perApp };
}

function keywordShare(world: World, app: number): { word: string; share: number }[] {
  return [0, 1, 2].map((k) => ({ word: words[hashInts(world.seed, 250, app, k) % words.length]!, share: [0.6, 0.3, 0.1][k]! }));
}

export function aggregatedKeywordsBody(world: World, q: ListQuery) {
  const { buckets, perApp } = appearances(world, q);
  const addons = world.apps.map((a) => {
    const elements = buckets.starts.map((s, k) => ({ date: isoFromDay(s), count: perApp[a.index]![k]! }));
    return {
      addonName: a.name,
      addonKey: a.addonKey,
      productId: a.productId,
      leadingSearchKeyword: keywordShare(world, a.index)[0]!.word,
      searchAppearances: elements.reduce((s, e) => s + e.count, 0),
      elements,
    };
  });
  const top = [...addons].sort((x, y) => y.searchAppearances - x.searchAppearances)[0];
  return {
    total: { searchAppearances: addons.reduce((s, a) => s + a.searchAppearances, 0), topSearchKeyword: top?.leadingSearchKeyword ?? '' },
    addons,
  };
}

export function productKeywordsBody(world: World, appIndex: number, q: ListQuery) {
  const { buckets, perApp } = appearances(world, q);
  const app = world.apps[appIndex]!;
  const details = keywordShare(world, appIndex).map(({ word, share }) => {
    const elements = buckets.starts.map((s, k) => ({ date: isoFromDay(s), count: Math.round(perApp[appIndex]![k]! * share) }));
    return { searchKeyword: word, keywordCount: elements.reduce((s, e) => s + e.count, 0), elements };
  });
  return {
    summary: {
      addonName: app.name,
      addonKey: app.addonKey,
      productId: app.productId,
      leadingSearchKeyword: details[0]!.searchKeyword,
      allSearchAppearances: details.reduce((s, d) => s + d.keywordCount, 0),
    },
    details,
  };
}

export function appRequestsBody(world: World, q: ListQuery) {
  const buckets = bucketsFor(world, { ...q, aggregation: 'month' }, 'month');
  const wanted = q.productId.length ? new Set(q.productId) : null;
  const apps = world.apps.filter((a) => !wanted || wanted.has(a.productId));
  const rowsOf = (app: number) =>
    buckets.starts.map((s) => {
      const h = hashInts(world.seed, 260, app, s);
      const requests = 5 + (h % 40);
      const approved = Math.floor(requests * (0.2 + ((h >>> 8) % 60) / 100));
      return { date: isoFromDay(s), appRequests: requests, appRequestsApproved: approved, appRequestsApprovalRate: (100 * approved) / requests };
    });
  const perApp = apps.map((a) => ({ app: a, rows: rowsOf(a.index) }));
  const total = buckets.starts.map((s, k) => {
    const requests = perApp.reduce((sum, p) => sum + p.rows[k]!.appRequests, 0);
    const approved = perApp.reduce((sum, p) => sum + p.rows[k]!.appRequestsApproved, 0);
    return { date: isoFromDay(s), appRequests: requests, appRequestsApproved: approved, appRequestsApprovalRate: requests ? (100 * approved) / requests : 0 };
  });
  return {
    total: { name: 'All apps', appRequestsAndApprovalsPerMonth: total },
    addons: perApp.map(({ app, rows }) => ({ addonKey: app.addonKey, productId: app.productId, name: app.name, appRequestsAndApprovalsPerAppPerMonth: rows })),
  };
}
