import { describe, expect, it } from 'vitest';
import type { DashboardPanel } from '../../../src/shared/contract-dashboards';
import { chartOption } from '../../../src/renderer/src/features/dashboards/chart-options';
import { panelCsv } from '../../../src/renderer/src/features/dashboards/panel-export';

const panel: DashboardPanel = {
  id: 'p',
  title: 'Revenue',
  chart: 'stacked-bar',
  unit: 'usd',
  x: ['2025-01-01', '2025-02-01'],
  xKind: 'date',
  series: [
    { name: 'New, "big"', data: [100.5, null] },
    { name: '=cmd', data: [-3, 4] },
    { name: 'Rate', unit: 'percent', data: [50, null] },
  ],
  empty: null,
};

describe('panel export and chart options', () => {
  it('CSV has one row per period, quotes commas and quotes, and defuses formula-like cells', () => {
    expect(panelCsv(panel)).toBe('period start,"New, ""big""",\'=cmd,Rate\r\n2025-01-01,100.5,-3,50\r\n2025-02-01,,4,\r\n');
  });

  it('stacks the bars, draws percentages as a line on a second axis', () => {
    const option = chartOption(panel, false) as { yAxis: unknown[]; series: { type: string; stack?: string; yAxisIndex?: number }[] };
    expect(option.yAxis).toHaveLength(2);
    expect(option.series.map((s) => [s.type, s.stack ?? null, s.yAxisIndex ?? 0])).toEqual([
      ['bar', 'total', 0],
      ['bar', 'total', 0],
      ['line', null, 1],
    ]);
  });
});
