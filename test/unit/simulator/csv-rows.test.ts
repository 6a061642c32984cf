import { describe, expect, it } from 'vitest';
import { resolveScale } from '../../../src/main/simulator/data/scale';
import { World } from '../../../src/main/simulator/data/world';
import { CsvRows } from '../../../src/main/simulator/http/csv-rows';
import { columnsOf } from '../../../src/main/simulator/http/exports';
import { parseQuery } from '../../../src/main/simulator/http/query';
import { csvLine } from '../../../src/main/simulator/http/reply';
import { ByteWriter } from '../../../src/main/simulator/records/byte-writer';
import { sources, type SourceId } from '../../../src/main/simulator/records/sources';

/** The catalogue's semantics spelled plainly: the first path whose value is neither undefined nor null. */
function valueAt(record: unknown, path: string | readonly string[]): unknown {
  for (const p of typeof path === 'string' ? [path] : path) {
    let v: unknown = record;
    for (const k of p.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

function lineOf(csv: CsvRows, json: string): string {
  const w = new ByteWriter();
  w.utf8(json);
  const out = new ByteWriter();
  csv.line(w.buf, 0, out);
  return out.text();
}

describe('CsvRows', () => {
  it('cuts each value as csvField would: escapes, commas, nesting, nulls, arrays, the first present path', () => {
    const paths = ['a', 'b', 'c', 'd', 'd.e', 'g', 'h', 'i', ['x.y', 'j'], ['c', 'k'], 'm.n', 'o', 'p'];
    const record = {
      a: 'x,y',
      b: 'q"uote\nnew line, São',
      c: null,
      d: { e: [1, { f: '],"}' }], z: 'skip me' },
      g: [],
      h: true,
      i: -1.5e-7,
      x: null,
      j: 'Müller',
      k: 7,
      m: 'not an object',
      o: '',
      p: { q: 'a "quoted", value' },
    };
    const json = JSON.stringify(record);
    expect(lineOf(new CsvRows(paths), json)).toBe(csvLine(paths.map((p) => valueAt(record, p))));
  });

  const world = new World(9, resolveScale(2500), '2026-11-26');
  for (let k = 0; k < 20; k++) world.rewriteSilently();
  for (const [source, query] of [['licences', 'withDataInsights=true'], ['transactions', ''], ['churn', ''], ['renewal', ''], ['feedback', ''], ['attribution', ''], ['freeStarter', '']] as const) {
    it(`${source}: every line equals the record's values read by path`, () => {
      const q = parseQuery(new URLSearchParams(query));
      const paths = columnsOf(source as SourceId).map((c) => c.path);
      const csv = new CsvRows(paths);
      for (const row of sources[source].select(world, q)) {
        const text = sources[source].render(world, row, q);
        const record = JSON.parse(text) as unknown;
        expect(lineOf(csv, text)).toBe(csvLine(paths.map((p) => valueAt(record, p))));
      }
    });
  }
});
