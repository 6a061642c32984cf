import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../src/main/ipc/handlers';
import { createRouter } from '../../src/main/ipc/router';
import { AppFailure } from '../../src/shared/result';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const base = {
    'app.info': () => ({ version: '1', platform: 'linux', dataDir: '/d', spaceSchemaVersion: 1 }),
    'datasets.summary': () => [],
    'grid.rows': () => ({ rows: [], rowCount: 0, totalCount: 0 }),
  };
  return { ...base, ...overrides } as Handlers;
}

const trusted = 'file:///app/out/renderer/index.html';
const router = (h: Handlers = handlers()) => createRouter(h, { isTrustedSender: (url) => url === trusted });

describe('IPC router', () => {
  it('answers a valid call with a value', async () => {
    expect(await router()('app.info', {}, trusted)).toEqual({ ok: true, value: expect.objectContaining({ version: '1' }) });
  });

  it('refuses calls from a frame that is not the app', async () => {
    const grid = vi.fn();
    const result = await router(handlers({ 'grid.rows': grid }))('grid.rows', { dataset: 'licences', startRow: 0, endRow: 10 }, 'https://evil.example/');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(grid).not.toHaveBeenCalled();
  });

  it('rejects unknown methods before dispatch, including prototype names', async () => {
    for (const name of ['nope', 'constructor', '__proto__', 'toString', 42, null]) {
      expect(await router()(name, {}, trusted)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('validates the payload with the method schema and runs nothing on failure', async () => {
    const grid = vi.fn();
    const r = router(handlers({ 'grid.rows': grid }));
    const bad = [
      { dataset: 'licences; DROP TABLE licences', startRow: 0, endRow: 10 },
      { dataset: 'licences', startRow: -1, endRow: 10 },
      { dataset: 'licences', startRow: 10, endRow: 5 },
      { dataset: 'licences', startRow: 0, endRow: 5000 },
      { dataset: 'licences', startRow: 0, endRow: 10, extra: true },
      'licences',
    ];
    for (const payload of bad) {
      expect(await r('grid.rows', payload, trusted)).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(grid).not.toHaveBeenCalled();
  });

  it('turns thrown failures into error values with their code', async () => {
    const r = router(
      handlers({
        'app.info': () => {
          throw new AppFailure('auth.invalid', 'Wrong e-mail or token.');
        },
        'datasets.summary': () => {
          throw new Error('boom');
        },
      }),
    );
    expect(await r('app.info', {}, trusted)).toEqual({ ok: false, error: { code: 'auth.invalid', message: 'Wrong e-mail or token.' } });
    expect(await r('datasets.summary', {}, trusted)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
