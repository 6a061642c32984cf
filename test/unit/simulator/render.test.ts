import { describe, expect, it } from 'vitest';
import { resolveScale } from '../../../src/main/simulator/data/scale';
import { World } from '../../../src/main/simulator/data/world';
import { parseQuery } from '../../../src/main/simulator/http/query';
import { RenderCache } from '../../../src/main/simulator/records/render-cache';
import { sources, type SourceId } from '../../../src/main/simulator/records/sources';

const world = new World(3, resolveScale(1500), '2026-11-26');
world.advance(20);
for (let k = 0; k < 20; k++) world.rewriteSilently();

describe('record text', () => {
  // Licences and transactions are written as text from pieces (json-text.ts): a piece left
  // undefined, a missing comma or an unescaped quote would show up here.
  for (const [source, query] of [['licences', ''], ['licences', 'withDataInsights=true'], ['transactions', ''], ['renewal', ''], ['churn', ''], ['feedback', '']] as const) {
    it(`${source}${query ? `?${query}` : ''}: every record is canonical JSON (as JSON.stringify writes it)`, () => {
      const q = parseQuery(new URLSearchParams(query));
      const rows = sources[source].select(world, q);
      expect(rows.length).toBeGreaterThan(100);
      for (const row of rows) {
        const text = sources[source].render(world, row, q);
        expect(JSON.stringify(JSON.parse(text))).toBe(text);
      }
    });
  }

  it('escapes what JSON must escape in names and addresses', () => {
    const q = parseQuery(new URLSearchParams(''));
    const texts = Array.from(sources.transactions.select(world, q), (t) => sources.transactions.render(world, t, q));
    // Vocabulary carries O'Brien, Müller and São Paulo; Markdown mailto e-mails carry brackets.
    expect(texts.some((t) => t.includes('Müller'))).toBe(true);
    expect(texts.some((t) => t.includes('](mailto:'))).toBe(true);
  });
});

describe('RenderCache', () => {
  const q = parseQuery(new URLSearchParams(''));
  const pageOf = (source: SourceId, rows: Uint32Array, from: number, to: number) => `[${Array.from(rows.subarray(from, to), (r) => sources[source].render(world, r, q)).join(',')}]`;
  const render = (row: number) => sources.licences.render(world, row, q);
  const rows = sources.licences.select(world, q);

  it('joins cached and uncached records alike, within its budget', () => {
    // A budget far below the data: the first records are kept, the rest rendered each time.
    const cache = new RenderCache(64 * 1024);
    for (const [from, to] of [[0, 50], [0, 50], [20, 120], [1400, 1450], [0, 120]] as const) {
      expect(cache.join(world, 'licences', rows, from, to, render, '[', ']').toString('utf8')).toBe(pageOf('licences', rows, from, to));
    }
    expect(cache.usedBytes).toBe(64 * 1024);
  });

  it('drops every record when the data changes', () => {
    const local = new World(3, resolveScale(400), '2026-11-26');
    const localRows = sources.licences.select(local, q);
    const cache = new RenderCache(2 ** 20);
    const r = (row: number) => sources.licences.render(local, row, q);
    const before = cache.join(local, 'licences', localRows, 0, 400, r).toString('utf8');
    const rewrite = local.rewriteSilently()!;
    const after = cache.join(local, 'licences', localRows, 0, 400, r).toString('utf8');
    expect(after).toBe(Array.from(localRows, (row) => r(row)).join(','));
    if (rewrite.dataset === 'licences') expect(after).not.toBe(before);
  });

  it('swaps in replacement text at a position of the page, an empty page is prefix and suffix', () => {
    const cache = new RenderCache(2 ** 20);
    const page = JSON.parse(cache.join(world, 'licences', rows, 10, 15, render, '[', ']', { at: 2, text: '{"bad":1}' }).toString('utf8')) as unknown[];
    expect(page).toHaveLength(5);
    expect(page[2]).toEqual({ bad: 1 });
    expect(page[3]).toEqual(JSON.parse(render(rows[13]!)));
    expect(cache.join(world, 'licences', rows, 5, 5, render, '{"x":[', ']}').toString('utf8')).toBe('{"x":[]}');
  });
});
