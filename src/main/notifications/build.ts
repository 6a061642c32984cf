import type { EventPayload } from '../../shared/contract';
import { gridRoute } from '../../shared/routes';
import type { Settings } from '../../shared/settings';

export type NotificationKind = keyof Settings['notifications'];

export interface SyncNotification {
  kind: NotificationKind;
  /** The account synced: a click opens its space (a scheduled sync may be of one not open). */
  accountId: string;
  title: string;
  body: string;
  /** Where a click goes: the grid filtered to exactly the rows behind the count. */
  route: string;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The notifications after a sync, one per enabled kind with something to report (issue 8: new
 * sales, new evaluations, cancellations and refunds, with counts; off by default). Each opens the
 * grid filtered to the rows first seen in that run. The filters are the grid's spelling of the
 * counts' own SQL (src/main/sync/engine/highlights.ts — keep the two in step): new sales are
 * transactions whose saleType is not 'Refund' (blank included, as `notEqual` matches blanks),
 * refunds those whose saleType is exactly 'Refund', evaluations licences of type EVALUATION,
 * cancellations new churn events.
 */
export function buildSyncNotifications(finished: EventPayload<'sync.finished'>, enabled: Settings['notifications']): SyncNotification[] {
  if (finished.status === 'failed' || finished.status === 'cancelled') return [];
  const { highlights: h } = finished;
  const firstSeenSince = finished.startedAt;
  const out: Omit<SyncNotification, 'accountId'>[] = [];
  if (enabled.newSales && h.newSales > 0) {
    out.push({
      kind: 'newSales',
      title: plural(h.newSales, 'new sale', 'new sales'),
      body: 'New, renewal and upgrade transactions since the last sync.',
      route: gridRoute('transactions', { firstSeenSince, filterModel: { saleType: { filterType: 'text', type: 'notEqual', filter: 'Refund' } } }),
    });
  }
  if (enabled.newEvaluations && h.newEvaluations > 0) {
    out.push({
      kind: 'newEvaluations',
      title: plural(h.newEvaluations, 'new evaluation', 'new evaluations'),
      body: 'New trials of your apps since the last sync.',
      route: gridRoute('licences', { firstSeenSince, filterModel: { licenseType: { filterType: 'set', values: ['EVALUATION'] } } }),
    });
  }
  if (enabled.cancellations && h.cancellations > 0) {
    out.push({
      kind: 'cancellations',
      title: plural(h.cancellations, 'cancellation', 'cancellations'),
      body: 'Customers who stopped paying, seen in this sync.',
      route: gridRoute('churn-events', { firstSeenSince }),
    });
  }
  if (enabled.refunds && h.refunds > 0) {
    out.push({
      kind: 'refunds',
      title: plural(h.refunds, 'refund', 'refunds'),
      body: 'Refunded transactions since the last sync.',
      route: gridRoute('transactions', { firstSeenSince, filterModel: { saleType: { filterType: 'set', values: ['Refund'] } } }),
    });
  }
  // Every saved account syncs on its schedule: the body says which one the news is about.
  const name = finished.accountName ?? '';
  const about = name ? `${name.charAt(0).toUpperCase()}${name.slice(1)}: ` : ''; // "The Demo space: …"
  return out.map((n) => ({ ...n, accountId: finished.accountId, body: `${about}${n.body}` }));
}
