import type { ColDef } from 'ag-grid-community';
import type { ColumnDef, RecordDataset } from '../../../shared/catalogue';
import { datePresets } from '../../../shared/contract-grid';
import { FacetFilter } from './facet-filter';
import { formatCell } from './format';
import type { GridRowData } from './grid-datasource';
import { QualityCell, qualityColumnId } from './quality-cell';

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

// Only the conditions the query service understands (contract-grid.ts), in the order people
// reach for them; AG Grid's defaults include a few it would refuse.
const textOptions = ['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank'];
const numberOptions = ['equals', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'inRange', 'blank', 'notBlank'];
// Relative ranges are computed in UTC by the query service (contract-grid.ts `datePresets`); the
// predicate is never called, as rows are filtered in SQLite.
const presetLabels: Record<(typeof datePresets)[number], string> = {
  today: 'Today',
  yesterday: 'Yesterday',
  last7Days: 'Last 7 days',
  last30Days: 'Last 30 days',
  last90Days: 'Last 90 days',
  last365Days: 'Last 365 days',
  thisMonth: 'This month',
  lastMonth: 'Last month',
  thisQuarter: 'This quarter',
  thisYear: 'This year',
  lastYear: 'Last year',
};
const dateOptions = [
  'equals',
  'notEqual',
  'lessThan',
  'greaterThan',
  'inRange',
  'blank',
  'notBlank',
  ...datePresets.map((key) => ({ displayKey: key, displayName: presetLabels[key], numberOfInputs: 0 as const, predicate: () => true })),
];

/** Filter by column type: values with counts for enums and yes/no, conditions for the rest. */
function filterOf(column: ColumnDef): Pick<ColDef<GridRowData>, 'filter' | 'filterParams'> {
  const common = { maxNumConditions: 2, buttons: ['reset'] };
  switch (column.type) {
    case 'enum':
    case 'boolean':
      return { filter: FacetFilter };
    case 'money':
    case 'number':
      return { filter: 'agNumberColumnFilter', filterParams: { ...common, filterOptions: numberOptions } };
    case 'date':
      return { filter: 'agDateColumnFilter', filterParams: { ...common, filterOptions: dateOptions } };
    default:
      // An identity (entitlement number, e-mail) is pasted or typed from its start: "starts with"
      // seeks the column's NOCASE index, where "contains" reads every row (catalogue `lookup`).
      return { filter: 'agTextColumnFilter', filterParams: { ...common, filterOptions: textOptions, debounceMs: 300, ...(column.lookup ? { defaultOption: 'startsWith' } : {}) } };
  }
}

function toColDef(dataset: RecordDataset, column: ColumnDef, visible: ReadonlySet<string>, sortIndex: number): ColDef<GridRowData> {
  const sort = dataset.defaultSort[sortIndex];
  const numeric = numericTypes.has(column.type);
  return {
    colId: column.name,
    field: column.name,
    headerName: column.label,
    hide: !visible.has(column.name),
    // Wide enough for the header too: a truncated header is a column nobody can identify.
    width: Math.max(widthByType[column.type], Math.ceil(column.label.length * 7.6 + 56)),
    sortable: true,
    ...filterOf(column),
    ...(sort && sortIndex >= 0 ? { sort: sort.direction, sortIndex } : {}),
    // Amounts and counts right-aligned (grid.css), so their digits line up.
    cellClass: numeric ? `cell-${column.type} cell-numeric` : `cell-${column.type}`,
    headerClass: numeric ? 'ag-right-aligned-header' : undefined,
    valueFormatter: (p) => formatCell(column.type, p.value as GridRowData[string]),
    // The formatted text is what a user reads and copies; keep the raw value as the tooltip for json.
    tooltipValueGetter: column.type === 'json' ? (p) => (p.value == null ? '' : String(p.value)) : undefined,
  };
}

/** The narrow first column of data-quality hints (RTBF, $0, sandbox, changed, gone). */
const qualityColumn: ColDef<GridRowData> = {
  colId: qualityColumnId,
  headerName: 'Hints',
  headerTooltip: 'Data-quality hints',
  field: '_flags',
  width: 96,
  pinned: 'left',
  lockPinned: true,
  lockVisible: true,
  suppressMovable: true,
  sortable: false,
  resizable: true,
  cellRenderer: QualityCell,
};

/**
 * Grid columns from the catalogue: the hints column, the default visible columns first and in
 * their declared order (the catalogue lists them as a partner reads them), then every other
 * column, hidden.
 */
export function buildColumnDefs(dataset: RecordDataset): ColDef<GridRowData>[] {
  const visible = new Set(dataset.defaultVisible);
  const byName = new Map(dataset.columns.map((c) => [c.name, c]));
  const ordered = [
    ...dataset.defaultVisible.map((n) => byName.get(n)).filter((c): c is ColumnDef => c !== undefined),
    ...dataset.columns.filter((c) => !visible.has(c.name)),
  ];
  return [
    qualityColumn,
    ...ordered.map((column) =>
      toColDef(
        dataset,
        column,
        visible,
        dataset.defaultSort.findIndex((s) => s.column === column.name),
      ),
    ),
  ];
}
