import type { ColumnType } from '../../../shared/catalogue';
import type { CellValue } from '../../../shared/contract-grid';
import { formatInstantDay } from '../theme/format-instant';

/**
 * Cell text by catalogue column type. Calendar days are shown as they are; timestamps as their
 * calendar day in UTC (the default: the API's dates are UTC, so a licence ending at 23:00Z does not
 * show the next day east of Greenwich) or in local time, as the Date display setting says. Money
 * is USD, which is what the reporting API reports amounts in (ENDPOINTS.md, purchaseDetails).
 */
const moneyFormat = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function formatDate(value: string): string {
  // Already a calendar day: keep it (parsing would be a needless round trip).
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  return formatInstantDay(time);
}

export function formatMoney(value: number): string {
  return moneyFormat.format(value);
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** JSON stored as text, shown compact on one line; unparseable text is shown as it is. */
export function formatJson(value: string): string {
  try {
    return JSON.stringify(JSON.parse(value));
  } catch {
    return value;
  }
}

export function formatCell(type: ColumnType, value: CellValue | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  switch (type) {
    case 'date':
      return formatDate(String(value));
    case 'money':
      return typeof value === 'number' ? formatMoney(value) : String(value);
    case 'number':
      return typeof value === 'number' ? formatNumber(value) : String(value);
    case 'json':
      return formatJson(String(value));
    case 'boolean':
      return value === 1 || value === 'true' ? 'Yes' : value === 0 || value === 'false' ? 'No' : String(value);
    default:
      return String(value);
  }
}
