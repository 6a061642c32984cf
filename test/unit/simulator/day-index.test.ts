import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../src/main/simulator/data/dates';
import { resolveScale } from '../../../src/main/simulator/data/scale';
import { World } from '../../../src/main/simulator/data/world';
import { parseQuery } from '../../../src/main/simulator/http/query';
import { sources, type SourceId } from '../../../src/main/simulator/records/sources';

/** Each source's window day and lastUpdated day of a row, read from the columns. */
function daysOf(world: World, source: SourceId, dateType?: 'end'): { day: (row: number) => number; updated: (row: number) => number } {
  const L = world.licences;
  const T = world.transactions;
  if (source === 'licences') return { day: (i) => (dateType === 'end' ? L.maintEnd[i]! : L.maintStart[i]!), updated: (i) => L.lastUpdated[i]! };
  if (source === 'transactions' || source === 'renewal' || source === 'conversion') return { day: (t) => T.saleDay[t]!, updated: (t) => T.lastUpdated[t]! };
  return { day: (i) => L.endDay[i]!, updated: (i) => L.lastUpdated[i]! };
}

const windows: [string | undefined, string | undefined][] = [
  ['2024-01-01', '2024-12-31'],
  ['2025-02-03', '2025-02-03'],
  ['2026-11-01', undefined],
  [undefined, '2021-06-30'],
  ['2024-06-01', '2024-05-01'],
  ['2030-01-01', '2031-01-01'],
  ['1990-01-01', '1991-01-01'],
];

function checkWindows(world: World): void {
  for (const source of ['licences', 'transactions', 'renewal', 'conversion', 'churn', 'feedback'] as const) {
    for (const dateType of source === 'licences' ? (['end', undefined] as const) : ([undefined] as const)) {
      const all = sources[source].select(world, parseQuery(new URLSearchParams(dateType ? `dateType=${dateType}` : '')));
      const { day, updated } = daysOf(world, source, dateType);
      for (const [from, to] of windows) {
        const params = new URLSearchParams(dateType ? `dateType=${dateType}` : '');
        if (from) params.set('startDate', from);
        if (to) params.set('endDate', to);
        const lo = from ? dayFromIso(from) : -Infinity;
        const hi = to ? dayFromIso(to) : Infinity;
        const expected = all.filter((r) => day(r) >= lo && day(r) <= hi);
        expect(Array.from(sources[source].select(world, parseQuery(params))), `${source} ${params}`).toEqual(Array.from(expected));
      }
      for (const since of ['2026-11-19', '2020-01-01', '2040-01-01']) {
        const expected = all.filter((r) => updated(r) >= dayFromIso(since));
        const params = new URLSearchParams(`lastUpdated=${since}${dateType ? `&dateType=${dateType}` : ''}`);
        expect(Array.from(sources[source].select(world, parseQuery(params))), `${source} ${params}`).toEqual(Array.from(expected));
      }
    }
  }
}

describe('date windows and lastUpdated cut-offs (day indexes)', () => {
  it('select exactly the rows a scan of every row selects, then again after the clock moves', () => {
    const world = new World(6, resolveScale(8000), '2026-11-26');
    checkWindows(world);
    world.advance(12);
    checkWindows(world);
  });
});
