import type { EChartsCoreOption } from 'echarts/core';
import type { DashboardPanel, PanelUnit } from '../../../../shared/contract-dashboards';
import { formatValue } from './format';

/** The ECharts option of a panel: bars or lines per series, percentages on a second axis. */
export function chartOption(panel: DashboardPanel, dark: boolean): EChartsCoreOption {
  const unitOf = (u: PanelUnit | undefined) => u ?? panel.unit;
  const secondary = panel.series.some((s) => unitOf(s.unit) !== panel.unit);
  const axisLabel = (unit: PanelUnit) => ({ formatter: (v: number) => formatValue(v, unit) });
  const yAxis = [{ type: 'value', axisLabel: axisLabel(panel.unit) }];
  if (secondary) yAxis.push({ type: 'value', axisLabel: axisLabel('percent') });
  if (panel.chart === 'pie') {
    const s = panel.series[0];
    return {
      backgroundColor: 'transparent',
      tooltip: { trigger: 'item', valueFormatter: (v: number) => formatValue(v, panel.unit, true) },
      series: [{ type: 'pie', radius: ['35%', '70%'], data: panel.x.map((name, i) => ({ name, value: s?.data[i] ?? 0 })) }],
    };
  }
  return {
    backgroundColor: 'transparent',
    animation: false,
    grid: { left: 8, right: secondary ? 8 : 16, top: 36, bottom: panel.x.length > 24 ? 48 : 24, containLabel: true },
    legend: { type: 'scroll', top: 0, textStyle: { color: dark ? '#ccc' : '#333' } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: panel.chart === 'line' ? 'line' : 'shadow' },
      valueFormatter: (v: number | null) => formatValue(v, panel.unit, true),
    },
    xAxis: { type: 'category', data: panel.x, axisLabel: { hideOverlap: true } },
    yAxis,
    ...(panel.x.length > 24 ? { dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 4 }] } : {}),
    series: panel.series.map((s) => {
      const percent = unitOf(s.unit) !== panel.unit;
      return {
        name: s.name,
        type: panel.chart === 'line' || percent ? 'line' : 'bar',
        ...(panel.chart === 'stacked-bar' && !percent ? { stack: 'total' } : {}),
        ...(percent ? { yAxisIndex: 1, tooltip: { valueFormatter: (v: number | null) => formatValue(v, 'percent') } } : {}),
        connectNulls: false,
        showSymbol: panel.x.length <= 60,
        emphasis: { focus: 'series' },
        data: s.data,
      };
    }),
  };
}
