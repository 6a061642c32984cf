import type { DashboardResponse } from '../../../../shared/contract-dashboards';
import { gridRoute } from '../../../../shared/routes';
import { hrefOf } from '../../router';
import { formatInstant } from '../../theme/format-instant';
import { formatValue } from './format';

/** The overview's "since the last sync" list and the sync status of every data set. */
export function SyncSummary({ sync }: { sync: NonNullable<DashboardResponse['sync']> }) {
  const s = sync.sinceLastSync;
  return (
    <div className="dash-sync">
      <section className="dash-panel" aria-label="Since the last sync">
        <h3 className="dash-panel__title">Since the last sync{s.since ? ` (${formatInstant(s.since)})` : ''}</h3>
        {s.since === null ? (
          <p className="dash-panel__empty" role="status">
            Not synced yet — sync now to see what changed.
          </p>
        ) : (
          <ul className="dash-sync__list">
            <li>
              <a href={hrefOf(gridRoute('transactions'))}>{s.newSales.count} new sales</a> ({formatValue(s.newSales.vendorAmount, 'usd', true)})
            </li>
            <li>
              <a href={hrefOf(gridRoute('licences'))}>{s.newEvaluations} new evaluations</a>
            </li>
            <li>{s.cancellations} cancellations</li>
            <li>
              {s.refunds.count} refunds ({formatValue(s.refunds.vendorAmount, 'usd', true)})
            </li>
            {s.changedRecords.map((c) => (
              <li key={c.dataset}>
                {c.records} {c.dataset} records changed by Atlassian
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="dash-panel" aria-label="Data sets">
        <h3 className="dash-panel__title">Data sets</h3>
        <table className="dash-sync__table">
          <thead>
            <tr>
              <th scope="col">Data set</th>
              <th scope="col">Rows</th>
              <th scope="col">Last synced</th>
            </tr>
          </thead>
          <tbody>
            {sync.datasets.map((d) => (
              <tr key={d.id} data-dataset={d.id}>
                <td>
                  <a href={hrefOf(gridRoute(d.id))}>{d.title}</a>
                </td>
                <td>{formatValue(d.rows, 'count')}</td>
                <td>{d.lastError ? <span className="dash-sync__error">{d.lastError}</span> : (d.lastSuccessAt ? formatInstant(d.lastSuccessAt) : 'not synced yet')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
