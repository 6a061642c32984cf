import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregateGroups, columnOf, datasets, endpoints, readPath, recordDatasets } from '../../src/shared/catalogue';

const reference = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/api/endpoints.json'), 'utf8')) as {
  id: string;
  method: string;
  path: string;
}[];

describe('data-set catalogue', () => {
  it('declares the 43 endpoints of the reference, with their methods and paths', () => {
    expect(endpoints.map((e) => [e.id, e.method, e.path])).toEqual(reference.map((e) => [e.id, e.method, e.path]));
  });

  it('covers every endpoint of the reference with some data set', () => {
    const used = new Set<string>();
    for (const d of recordDatasets) d.endpoints.forEach((e) => used.add(e));
    for (const g of aggregateGroups)
      for (const e of g.endpoints) {
        used.add(e.endpoint);
        if (e.exportEndpoint) used.add(e.exportEndpoint);
      }
    expect(reference.map((e) => e.id).filter((id) => !used.has(id))).toEqual([]);
    expect([...used].filter((id) => !reference.some((e) => e.id === id))).toEqual([]);
  });

  it('gives every data set a unique id and every record data set a unique table', () => {
    const ids = datasets.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const tables = recordDatasets.map((d) => d.table);
    expect(new Set(tables).size).toBe(tables.length);
    for (const t of tables) expect(t).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it.each(recordDatasets.map((d) => [d.id, d] as const))('%s: columns are valid, unique, and referenced columns exist', (_id, d) => {
    const names = d.columns.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of d.columns) {
      expect(c.name).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(c.label.length).toBeGreaterThan(0);
      const paths = typeof c.path === 'string' ? [c.path] : c.path;
      expect(paths.length).toBeGreaterThan(0);
    }
    for (const tuple of d.key) for (const k of tuple) expect(columnOf(d, k), `key column ${k}`).toBeDefined();
    for (const s of d.defaultSort) expect(columnOf(d, s.column), `sort column ${s.column}`).toBeDefined();
    for (const v of d.defaultVisible) expect(columnOf(d, v), `visible column ${v}`).toBeDefined();
    if (d.lastUpdatedColumn) expect(columnOf(d, d.lastUpdatedColumn)).toBeDefined();
    for (const b of d.bookkeepingColumns ?? []) expect(columnOf(d, b)).toBeDefined();
  });

  it('uses only path-parameter values the reference lists', () => {
    for (const g of aggregateGroups) {
      for (const e of g.endpoints) {
        const ref = endpoints.find((x) => x.id === e.endpoint)!;
        for (const [param, values] of Object.entries(e.pathParams ?? {})) {
          const allowed = (ref.pathParams as Record<string, readonly string[] | null>)[param];
          expect(allowed === undefined, `${e.endpoint} has no path parameter ${param}`).toBe(false);
          if (values !== 'products' && allowed) expect(allowed).toEqual(expect.arrayContaining([...values]));
        }
      }
    }
  });
});

describe('readPath', () => {
  it('follows dotted paths and takes the first alternative present', () => {
    const churn = { licenseDetails: null, appEntitlementId: 'top' };
    const conversion = { licenseDetails: { appEntitlementId: 'nested' } };
    const paths = ['licenseDetails.appEntitlementId', 'appEntitlementId'];
    expect(readPath(churn, paths)).toBe('top');
    expect(readPath(conversion, paths)).toBe('nested');
    expect(readPath({ a: { b: 0 } }, 'a.b')).toBe(0);
    expect(readPath({ a: 'x' }, 'a.b')).toBeUndefined();
    expect(readPath(null, 'a')).toBeUndefined();
  });
});
