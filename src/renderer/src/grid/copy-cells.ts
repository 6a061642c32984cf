import type { CellKeyDownEvent } from 'ag-grid-community';
import type { GridRowData } from './grid-datasource';
import { qualityColumnId } from './quality-cell';

/** A cell's text as the grid shows it (formatted), so a pasted date or amount reads the same. */
function cellText(event: CellKeyDownEvent<GridRowData>, colId: string): string {
  const column = event.api.getColumn(colId);
  if (!column || !event.node) return '';
  return event.api.getCellValue({ rowNode: event.node, colKey: column, useFormatter: true }) ?? '';
}

/** Tabs and newlines inside a value would break the row apart when pasted into a spreadsheet. */
function clean(text: unknown): string {
  return String(text ?? '').replace(/[\t\r\n]+/g, ' ');
}

/**
 * Puts text on the clipboard through a copy event, which a key press may always trigger: the
 * async Clipboard API needs a permission that main denies to all content.
 */
function writeClipboard(text: string): void {
  const onCopy = (e: ClipboardEvent) => {
    e.clipboardData?.setData('text/plain', text);
    e.preventDefault();
  };
  document.addEventListener('copy', onCopy, { once: true });
  try {
    if (!document.execCommand('copy')) throw new Error('The clipboard refused the copy.');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
}

/**
 * Ctrl/Cmd+C copies the focused cell; with Shift, the whole row as tab-separated text with the
 * displayed columns in order (AG Grid's clipboard module is Enterprise-only).
 */
export function copyFromGrid(event: CellKeyDownEvent<GridRowData>, what: 'cell' | 'row'): void {
  let text: string;
  if (what === 'cell') {
    text = clean(cellText(event, event.column.getColId()));
  } else {
    const columns = event.api
      .getAllDisplayedColumns()
      .map((c) => c.getColId())
      .filter((c) => c !== qualityColumnId);
    text = columns.map((c) => clean(cellText(event, c))).join('\t');
  }
  writeClipboard(text);
}
