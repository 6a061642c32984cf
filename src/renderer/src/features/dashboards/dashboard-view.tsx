import { useEffect, useMemo, useState } from 'react';
import { aggregateGroup, type AggregateGroupId } from '../../../../shared/catalogue';
import type { DashboardId, DashboardResponse } from '../../../../shared/contract-dashboards';
import { PageHeader } from '../../pages/page-header';
import { callApi, describeError, onApiEvent } from '../../api';
import { ChartPanel } from './chart-panel';
import { DashboardControls } from './dashboard-controls';
import { controlsOf, loadChoice, saveChoice, type ControlsChoice } from './controls-store';
import { SyncSummary } from './sync-summary';
import './dashboards.css';

/** Each page is titled (one h1), so screen-reader users and the window know where they are. */
function describeDashboard(id: DashboardId): { title: string; description: string } {
  if (id === 'overview') return { title: 'Overview', description: 'Key figures, what changed since the last sync, and the sync status of every data set.' };
  if (id === 'metrics') {
    return { title: 'Revenue metrics', description: 'MRR, annual run rate, their monthly movements and conversion, computed on this computer from licences and transactions.' };
  }
  const group = aggregateGroup(id as AggregateGroupId);
  return { title: group.title, description: group.description };
}

/** A dashboard: the shared controls, then its panels; refetched when data changes. */
export function DashboardView({ id }: { id: DashboardId }) {
  const [choice, setChoice] = useState<ControlsChoice>(() => loadChoice(new Date()));
  const controls = useMemo(() => controlsOf(choice), [choice]);
  const [data, setData] = useState<DashboardResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  useEffect(() => onApiEvent('data.changed', () => setRevision((r) => r + 1)), []);
  useEffect(() => {
    let live = true;
    callApi('dashboard.get', { id, controls })
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => live && setError(describeError(e)));
    return () => {
      live = false;
    };
  }, [id, controls, revision]);
  const change = (next: ControlsChoice) => {
    setChoice(next);
    saveChoice(next);
  };
  return (
    <div
      className="dash"
      data-dashboard={id}
      data-loaded={data?.id === id ? 'true' : 'false'}
      data-range={data ? `${data.controls.from}..${data.controls.to}` : undefined}
      data-apps={data?.controls.apps.join(',')}
    >
      <PageHeader {...describeDashboard(id)} />
      <DashboardControls choice={choice} apps={data?.apps ?? []} onChange={change} />
      {error && (
        <p className="dash__error" role="alert">
          {error}
        </p>
      )}
      {data?.sync && <SyncSummary sync={data.sync} />}
      <div className="dash__panels">
        {data?.id === id && data.panels.map((p) => <ChartPanel key={p.id} dashboard={id} panel={p} controls={data.controls} />)}
      </div>
      {data?.metricsAsOf && <p className="dash__asof">Locally computed metrics as of {data.metricsAsOf} (UTC).</p>}
    </div>
  );
}
