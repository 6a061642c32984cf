import { describe, expect, it } from 'vitest';
import { recordDataset } from '../../../src/shared/catalogue';
import type { Db } from '../../../src/main/store';
import { runSync, type SyncOptions, type SyncSummary } from '../../../src/main/sync/engine';
import { differences, useProxiedSimulator } from './helpers';

// Marketing attribution is pulled as async exports of 90-day windows since 2018, one after
// another: the next window's export is started (and polled until ready) while the current one is
// read, so a window's start and status waits are off the sync's path.
const env = useProxiedSimulator('mpdesk-windowed-exports-');
const attribution = recordDataset('marketing-attribution');

type Step = 'start' | 'download';

async function sync(db: Db, options: Partial<SyncOptions> = {}): Promise<{ summary: SyncSummary; steps: Step[]; startedWindows: string[] }> {
  const steps: Step[] = [];
  const startedWindows: string[] = [];
  env.proxy.onRequest = (url) => {
    if (url.pathname.endsWith('/marketing-attribution/async/export')) {
      steps.push('start');
      startedWindows.push(`${url.searchParams.get('startDate')}..${url.searchParams.get('endDate')}`);
    }
    else if (/\/async\/export\/[^/]+$/.test(url.pathname)) steps.push('download');
  };
  const summary = await runSync({
    db,
    credentials: { baseUrl: env.proxy.baseUrl, developerId: env.sim.developerId, email: env.sim.email, token: env.sim.token },
    datasets: [attribution.id],
    settings: { exportPollMs: 5, today: env.sim.control.state().now },
    client: { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
    ...options,
  });
  env.proxy.onRequest = () => {};
  return { summary, steps, startedWindows };
}

describe('windowed async exports', () => {
  it('start each next window before the current one is downloaded, once per window, and store every record', async () => {
    const db = env.freshSpace();
    const done: number[] = [];
    const { summary, steps } = await sync(db, { onProgress: (p) => p.dataset === attribution.id && p.phase !== 'done' && done.push(p.done) });
    expect(summary.status, JSON.stringify(summary.datasets.map((d) => d.error))).toBe('succeeded');
    // One bar for the pass: rows counted on across windows, never back to zero at the next one.
    expect(done.every((d, i) => i === 0 || d >= done[i - 1]!), `progress went back: ${done.join(' ')}`).toBe(true);
    expect(Math.max(...done)).toBe(summary.datasets[0]!.rows);
    expect(differences(env.sim, db, attribution)).toEqual([]);
    const starts = steps.filter((s) => s === 'start').length;
    const downloads = steps.filter((s) => s === 'download').length;
    expect(downloads).toBeGreaterThan(5);
    expect(starts).toBe(downloads);
    // At the k-th download (1-based), window k+1's export has already been started.
    let started = 0;
    let downloaded = 0;
    for (const step of steps) {
      if (step === 'start') started++;
      else if (++downloaded < downloads) expect(started, `download ${downloaded}`).toBeGreaterThanOrEqual(downloaded + 1);
    }
  });

  it('stopped between windows, resumes with the export started ahead and ends with the same records, each export started once', async () => {
    const db = env.freshSpace();
    const cancel = new AbortController();
    let downloads = 0;
    const first = await sync(db, {
      signal: cancel.signal,
      onProgress: (p) => {
        if (p.dataset === attribution.id && p.phase === 'downloading' && ++downloads === 3) cancel.abort();
      },
    });
    expect(first.summary.status).toBe('cancelled');
    const second = await sync(db);
    expect(second.summary.status).toBe('succeeded');
    expect(differences(env.sim, db, attribution)).toEqual([]);
    // The exports started before the cancel (the one started ahead included) are resumed, not started again.
    const started = [...first.startedWindows, ...second.startedWindows];
    expect(first.startedWindows.length).toBeGreaterThanOrEqual(3);
    expect(new Set(started).size).toBe(started.length);
  });
});
