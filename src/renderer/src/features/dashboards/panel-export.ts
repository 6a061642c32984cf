import type { DashboardPanel } from '../../../../shared/contract-dashboards';

/** CSV of a panel's data: one row per x value, one column per series (RFC 4180 quoting). */
export function panelCsv(panel: DashboardPanel): string {
  const quote = (v: string | number | null) => {
    if (v === null) return '';
    if (typeof v === 'number') return String(v);
    // A text cell starting like a formula is opened as text by spreadsheets (OWASP CSV injection).
    const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  if (panel.figures) {
    const rows = panel.figures.map((f) => [f.label, f.value, f.previous].map(quote).join(','));
    return ['figure,value,previous period', ...rows].join('\r\n') + '\r\n';
  }
  const header = [panel.xKind === 'date' ? 'period start' : 'category', ...panel.series.map((s) => s.name)].map(quote).join(',');
  const rows = panel.x.map((x, i) => [x, ...panel.series.map((s) => s.data[i] ?? null)].map(quote).join(','));
  return [header, ...rows].join('\r\n') + '\r\n';
}

export function fileStem(dashboard: string, panel: DashboardPanel, from: string, to: string): string {
  return `${dashboard}-${panel.id}-${from}-${to}`.replace(/[^A-Za-z0-9._-]+/g, '-');
}
