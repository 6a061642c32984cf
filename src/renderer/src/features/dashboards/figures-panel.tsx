import type { DashboardPanel } from '../../../../shared/contract-dashboards';
import { describeMetric } from '../../../../shared/metric-definitions';
import { changeOf, formatValue } from './format';

/** Key figures with their change against the previous period of the same length. */
export function FiguresPanel({ panel }: { panel: DashboardPanel }) {
  return (
    <dl className="dash-figures">
      {(panel.figures ?? []).map((f) => {
        const change = changeOf(f.value, f.previous);
        return (
          <div key={f.id} className="dash-figure" data-figure={f.id} title={f.metric ? describeMetric(f.metric) : undefined}>
            <dt>{f.label}</dt>
            <dd className="dash-figure__value">{formatValue(f.value, f.unit)}</dd>
            <dd className={`dash-figure__change${change === null ? '' : change >= 0 ? ' is-up' : ' is-down'}`}>
              {change === null ? 'no comparison' : `${change >= 0 ? '▲' : '▼'} ${Math.abs(change).toFixed(1)} %`}
              <span className="dash-figure__previous"> (was {formatValue(f.previous, f.unit)})</span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
