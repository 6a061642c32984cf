import { useEffect, useRef } from 'react';
import { drillRoute, type DashboardControls, type DashboardPanel } from '../../../../shared/contract-dashboards';
import { describeMetric } from '../../../../shared/metric-definitions';
import { navigate } from '../../router';
import { useColorScheme } from '../../theme/use-color-scheme';
import { chartOption } from './chart-options';
import { echarts, type EChartsType } from './echarts-setup';
import { FiguresPanel } from './figures-panel';
import { download } from './download';
import { fileStem, panelCsv } from './panel-export';

interface ChartPanelProps {
  dashboard: string;
  panel: DashboardPanel;
  controls: DashboardControls;
}

/** One chart with its title, formula tooltip, PNG and CSV export, drill-down and empty state. */
export function ChartPanel({ dashboard, panel, controls }: ChartPanelProps) {
  const stem = fileStem(dashboard, panel, controls.from, controls.to);
  const chartRef = useRef<EChartsType | null>(null);
  const savePng = () => {
    const url = chartRef.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: getComputedStyle(document.body).backgroundColor });
    if (url) download(`${stem}.png`, url, 'image/png');
  };
  return (
    <section
      className="dash-panel"
      data-panel={panel.id}
      data-empty={panel.empty ? panel.empty.reason : undefined}
      data-series={panel.series.map((s) => s.name).join('|')}
      aria-label={panel.title}
    >
      <header className="dash-panel__head">
        <h3 className="dash-panel__title">{panel.title}</h3>
        {panel.metric && (
          <span className="dash-panel__info" title={describeMetric(panel.metric)} aria-label={`How ${panel.title} is computed`} tabIndex={0}>
            ?
          </span>
        )}
        <span className="dash-panel__actions">
          {panel.chart !== 'figures' && !panel.empty && (
            <button type="button" onClick={savePng} data-action="png">
              PNG
            </button>
          )}
          <button type="button" onClick={() => download(`${stem}.csv`, panelCsv(panel), 'text/csv')} data-action="csv" disabled={panel.empty !== null}>
            CSV
          </button>
        </span>
      </header>
      {panel.empty ? (
        <p className={`dash-panel__empty dash-panel__empty--${panel.empty.reason}`} role="status">
          {panel.empty.message}
        </p>
      ) : panel.chart === 'figures' ? (
        <FiguresPanel panel={panel} />
      ) : (
        <EChart panel={panel} controls={controls} chartRef={chartRef} />
      )}
      {panel.notes?.map((n) => (
        <p key={n} className="dash-panel__note">
          {n}
        </p>
      ))}
    </section>
  );
}

function EChart({ panel, controls, chartRef }: { panel: DashboardPanel; controls: DashboardControls; chartRef: React.RefObject<EChartsType | null> }) {
  const host = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const chart = echarts.init(el, scheme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [scheme, chartRef]);
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.setOption(chartOption(panel, scheme === 'dark'), { notMerge: true });
    markProbe(chart, panel, host.current);
    chart.off('click');
    if (panel.drill) {
      const drill = panel.drill;
      chart.on('click', (params) => {
        const p = params as { name?: string; seriesName?: string; componentType?: string };
        if (p.componentType !== 'series' || p.name === undefined) return;
        // Percentages computed from two series have no rows of their own: open the whole bucket.
        const series = panel.series.find((s) => s.name === p.seriesName);
        const own = series && (series.unit ?? panel.unit) === panel.unit ? (p.seriesName ?? null) : null;
        navigate(drillRoute(drill, p.name, own === 'Total' || own === 'Other' ? null : own, controls));
      });
    }
  }, [panel, controls, scheme, chartRef]);
  return <div ref={host} className={`dash-chart${panel.drill ? ' dash-chart--drill' : ''}`} data-testid={`chart-${panel.id}`} data-scheme={scheme} />;
}

/**
 * Marks the pixel of the middle of the newest non-zero bar or point of the first series on the
 * chart element (`data-probe="x,y"`), so keyboard-less tests and screen readers' helpers can find
 * a clickable datum on the canvas.
 */
function markProbe(chart: EChartsType, panel: DashboardPanel, el: HTMLElement | null): void {
  if (!el) return;
  const first = panel.series[0];
  const i = first ? first.data.findLastIndex((v) => v !== null && v > 0) : -1;
  if (!first || i < 0) {
    delete el.dataset.probe;
    return;
  }
  const value = first.data[i]!;
  const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [i, panel.chart === 'line' ? value : value / 2]) as number[];
  el.dataset.probe = `${Math.round(x!)},${Math.round(y!)}`;
}
