import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSpaceDatabase } from '../../../src/main/space-database';
import { eachAggregateRow } from '../../../src/main/sync/engine/aggregate-flatten';
import { storeAggregate } from '../../../src/main/sync/engine/aggregate-store';

const dir = mkdtempSync(join(tmpdir(), 'mpdesk-aggregate-store-'));
const db = openSpaceDatabase(join(dir, 'space.sqlite'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const series = () =>
  db.prepare("SELECT series, date, measures FROM aggregate_series WHERE endpoint = 'evaluations-by-metric' ORDER BY series, date").all() as { series: string; date: string; measures: string }[];

describe('storeAggregate', () => {
  it('sums rows that share an identity, keeps the raw answer as it arrived, and replaces the previous snapshot whole', () => {
    // Two evaluation types under one hosting: the same series name twice for the same week.
    const answer = {
      total: {
        series: [
          { name: 'Cloud', elements: [{ date: '2026-01-04', count: 2, amount: 10 }, { date: '2026-01-11', count: 1 }] },
          { name: 'Cloud', elements: [{ date: '2026-01-04', count: 3 }] },
          { name: 'Server', elements: [{ date: '2026-01-04', count: 7 }] },
        ],
      },
    };
    const store = (body: unknown, params: unknown, fallbackDate: string, fetchedAt: string) =>
      storeAggregate(db, { endpoint: 'evaluations-by-metric', variant: 'hosting', params, raw: JSON.stringify(body, null, 1), eachRow: (emit) => eachAggregateRow(body, fallbackDate, emit) }, fetchedAt);
    const stored = store(answer, { q: 1 }, '2026-01-31', '2026-02-01T00:00:00Z');
    expect(stored).toBe(3);
    expect(series().map((r) => [r.series, r.date, JSON.parse(r.measures)])).toEqual([
      ['Cloud', '2026-01-04', { count: 5, amount: 10 }],
      ['Cloud', '2026-01-11', { count: 1 }],
      ['Server', '2026-01-04', { count: 7 }],
    ]);
    // The text as the API sent it (here indented), not the parsed answer written again.
    expect(db.prepare("SELECT raw FROM aggregate_snapshots WHERE endpoint = 'evaluations-by-metric'").pluck().get()).toBe(JSON.stringify(answer, null, 1));

    const next = { total: { series: [{ name: 'Cloud', elements: [{ date: '2026-02-01', count: 4 }] }] } };
    store(next, { q: 2 }, '2026-02-28', '2026-03-01T00:00:00Z');
    expect(series().map((r) => [r.series, r.date, JSON.parse(r.measures)])).toEqual([['Cloud', '2026-02-01', { count: 4 }]]);
  });
});
