import type { PanelUnit } from '../../../../shared/contract-dashboards';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usdCents = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** A value as the dashboards show it; null as an em dash (nothing to show, e.g. 0 ÷ 0). */
export function formatValue(value: number | null | undefined, unit: PanelUnit, precise = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'usd':
      return (precise ? usdCents : usd).format(value);
    case 'percent':
      return `${count.format(value)} %`;
    case 'days':
      return `${count.format(value)} d`;
    default:
      return count.format(value);
  }
}

/** Change against the previous period, as a signed percentage; null when there is no base. */
export function changeOf(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return ((value - previous) / Math.abs(previous)) * 100;
}
