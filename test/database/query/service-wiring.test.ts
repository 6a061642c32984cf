import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methods, type EventName, type EventPayload } from '../../../src/shared/contract';
import { createDataService, type DataService } from '../../../src/main/data-service/service';
import { createRandom, generateLicence, seedRecords } from './fixtures';

let dir: string;
let service: DataService;
const events: { event: EventName; payload: unknown }[] = [];
const ctx = { senderUrl: 'app://test' };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-grid-service-'));
  service = createDataService({ dataDir: dir, version: 'test', spaceId: 'demo', emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void events.push({ event, payload }) });
  const r = createRandom(4);
  seedRecords(service.spaceDb, 'licences', 300, (i) => generateLicence(r, i));
});
afterEach(() => {
  service.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Requests go through the contract's schema as the router would parse them. */
const parse = <M extends keyof typeof methods>(method: M, request: unknown) => methods[method].request.parse(request);

describe('the data service answers the grid methods', () => {
  it('grid.query, grid.facets, grid.rows, views.* and export.start through the handler table', async () => {
    const h = service.handlers;
    const block = await h['grid.query'](parse('grid.query', { dataset: 'licences', startRow: 0, endRow: 50, filterModel: { status: { filterType: 'set', values: ['active'] } }, columns: ['company', 'status'] }) as never, ctx);
    expect(block.columns).toEqual(['company', 'status']);
    expect(block.rows.every((r) => r[3] === 'active')).toBe(true);
    expect(block.totalCount).toBe(300);

    const facets = await h['grid.facets'](parse('grid.facets', { dataset: 'licences', columns: ['status'] }) as never, ctx);
    expect(facets.status!.values.reduce((n, v) => n + v.count, 0)).toBe(300);

    const legacy = await h['grid.rows'](parse('grid.rows', { dataset: 'licences', startRow: 0, endRow: 10 }) as never, ctx);
    expect(legacy.rows).toHaveLength(10);
    expect(Object.keys(legacy.rows[0]!)).toContain('appEntitlementId');

    const saved = await h['views.save'](parse('views.save', { dataset: 'licences', name: 'Mine', state: { quickFilter: 'acme' } }) as never, ctx);
    expect((await h['views.list'](parse('views.list', { dataset: 'licences' }) as never, ctx)).map((v) => v.id)).toEqual([saved.id]);

    const path = join(dir, 'out.csv');
    const started = await h['export.start'](parse('export.start', { dataset: 'licences', view: { quickFilter: 'acme' }, format: 'csv', path }) as never, ctx);
    for (let i = 0; i < 500 && !events.some((e) => e.event === 'export.progress' && (e.payload as { phase: string }).phase === 'done'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(events.filter((e) => e.event === 'export.progress').at(-1)?.payload).toMatchObject({ exportId: started.exportId, phase: 'done', done: started.rowCount });
    expect(existsSync(path)).toBe(true);
  });
});
