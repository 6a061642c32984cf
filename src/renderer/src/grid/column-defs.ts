import type { ColDef } from 'ag-grid-community';
import type { ColumnDef, RecordDataset } from '../../../shared/catalogue';
import { formatCell } from './format';
import type { GridRowData } from './grid-datasource';

const numericTypes = new Set(['money', 'number']);

/** Widths by type: enough for the formatted value, so the default columns fit a laptop screen. */
const widthByType: Record<ColumnDef['type'], number> = {
  date: 130,
  money: 130,
  number: 110,
  enum: 140,
  boolean: 100,
  text: 180,
  json: 200,
};

function toColDef(dataset: RecordDataset, column: ColumnDef, visible: ReadonlySet<string>, sortIndex: number): ColDef<GridRowData> {
  const sort = dataset.defaultSort[sortIndex];
  return {
    colId: column.name,
    field: column.name,
    headerName: column.label,
    hide: !visible.has(column.name),
    width: widthByType[column.type],
    sortable: true,
    ...(sort && sortIndex >= 0 ? { sort: sort.direction, sortIndex } : {}),
    type: numericTypes.has(column.type) ? 'rightAligned' : undefined,
    cellClass: `cell-${column.type}`,
    valueFormatter: (p) => formatCell(column.type, p.value as GridRowData[string]),
    // The formatted text is what a user reads and copies; keep the raw value as the tooltip for json.
    tooltipValueGetter: column.type === 'json' ? (p) => (p.value == null ? '' : String(p.value)) : undefined,
  };
}

/**
 * Grid columns from the catalogue: the default visible columns first and in their declared order
 * (the catalogue lists them as a partner reads them), then every other column, hidden.
 */
export function buildColumnDefs(dataset: RecordDataset): ColDef<GridRowData>[] {
  const visible = new Set(dataset.defaultVisible);
  const byName = new Map(dataset.columns.map((c) => [c.name, c]));
  const ordered = [
    ...dataset.defaultVisible.map((n) => byName.get(n)).filter((c): c is ColumnDef => c !== undefined),
    ...dataset.columns.filter((c) => !visible.has(c.name)),
  ];
  return ordered.map((column) =>
    toColDef(
      dataset,
      column,
      visible,
      dataset.defaultSort.findIndex((s) => s.column === column.name),
    ),
  );
}
