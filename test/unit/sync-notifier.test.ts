import { describe, expect, it } from 'vitest';
import { createSyncNotifier } from '../../src/main/notifications/deliver';
import { parseGridRoute } from '../../src/shared/routes';
import type { SyncNotification } from '../../src/main/notifications/build';

const finished = { accountId: 'a1', status: 'succeeded' as const, startedAt: '2026-11-26T08:00:00.000Z', highlights: { newSales: 2, newEvaluations: 0, cancellations: 1, refunds: 0 } };
const off = { newSales: false, newEvaluations: false, cancellations: false, refunds: false };

function setup(enabled: () => Promise<typeof off>) {
  const shown: { n: SyncNotification; click: () => void }[] = [];
  const opened: string[] = [];
  const accounts: string[] = [];
  const notify = createSyncNotifier({ enabled, show: (n, click) => shown.push({ n, click }), open: (r, accountId) => (opened.push(r), accounts.push(accountId)) });
  return { notify, shown, opened, accounts };
}

describe('sync notifier', () => {
  it('shows the enabled kinds with news and opens the route on click', async () => {
    const t = setup(async () => ({ ...off, newSales: true, newEvaluations: true, cancellations: true }));
    await t.notify(finished);
    expect(t.shown.map((s) => s.n.title)).toEqual(['2 new sales', '1 cancellation']);
    expect(t.opened).toEqual([]);
    t.shown[1]!.click();
    expect(t.opened).toHaveLength(1);
    expect(parseGridRoute(t.opened[0]!)).toEqual({ dataset: 'churn-events', view: { firstSeenSince: finished.startedAt } });
  });

  it('names the account synced (the schedule syncs every saved one) and opens its space on click', async () => {
    const t = setup(async () => ({ ...off, newSales: true }));
    await t.notify({ ...finished, accountId: 'b2', accountName: 'Beta Apps' });
    expect(t.shown.map((s) => s.n.body)).toEqual(['Beta Apps: New, renewal and upgrade transactions since the last sync.']);
    t.shown[0]!.click();
    expect(t.accounts).toEqual(['b2']);
    expect(parseGridRoute(t.opened[0]!)?.dataset).toBe('transactions');
  });

  it('shows nothing by default (every kind off) or when the settings cannot be read', async () => {
    const a = setup(async () => off);
    await a.notify(finished);
    expect(a.shown).toEqual([]);
    const b = setup(() => Promise.reject(new Error('worker gone')));
    expect(await b.notify(finished)).toEqual([]);
    expect(b.shown).toEqual([]);
  });
});
