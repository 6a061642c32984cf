import type { CustomFilterProps } from 'ag-grid-react';
import { useGridFilter } from 'ag-grid-react';
import { useCallback, useEffect, useId, useState } from 'react';
import type { RecordDatasetId } from '../../../shared/catalogue';
import type { CellValue, FacetValue, FilterModel } from '../../../shared/contract-grid';
import { callApi, describeError } from '../api';
import { formatNumber } from './format';
import type { GridContext } from './grid-context';
import type { GridRowData } from './grid-datasource';

export interface SetFilterModel {
  filterType: 'set';
  values: CellValue[];
}

const blankLabel = '(blank)';

function labelOf(value: CellValue): string {
  return value === null || value === '' ? blankLabel : String(value);
}

function sameValue(a: CellValue, b: CellValue): boolean {
  return a === b || ((a === null || a === '') && (b === null || b === ''));
}

/**
 * The facet filter (AG Grid's set filter is Enterprise-only): the column's values with their
 * counts under the other active filters, a search box, and a tick per value. Ticked values are
 * the filter; none ticked is no filter. Counts come from SQLite (`grid.facets`), so they cover
 * every row, not just the loaded blocks.
 */
export function FacetFilter(props: CustomFilterProps<GridRowData, GridContext, SetFilterModel>) {
  const { model, onModelChange, colDef, context, api } = props;
  const column = colDef.colId ?? colDef.field ?? '';
  const [search, setSearch] = useState('');
  const [facets, setFacets] = useState<{ values: FacetValue[]; truncated: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searchId = useId();

  // The grid filters on the server; every row it is asked about has already passed.
  useGridFilter({ doesFilterPass: () => true });

  const load = useCallback(
    async (text: string) => {
      try {
        const { quickFilter, flags, firstSeenSince } = context.filters();
        const response = await callApi('grid.facets', {
          dataset: context.dataset.id as RecordDatasetId,
          columns: [column],
          filterModel: (api.getFilterModel() ?? {}) as FilterModel,
          quickFilter: quickFilter.trim(),
          flags,
          ...(firstSeenSince ? { firstSeenSince } : {}),
          search: text,
          limit: 200,
        });
        setFacets(response[column] ?? { values: [], truncated: false });
        setError(null);
      } catch (e) {
        setError(describeError(e));
      }
    },
    [api, column, context],
  );

  useEffect(() => {
    // Typing narrows the list after a short pause rather than one query per keystroke.
    const timer = window.setTimeout(() => void load(search), search ? 150 : 0);
    return () => window.clearTimeout(timer);
  }, [load, search]);

  const selected = model?.values ?? [];
  const toggle = (value: CellValue, on: boolean) => {
    const next = on ? [...selected, value] : selected.filter((v) => !sameValue(v, value));
    onModelChange(next.length > 0 ? { filterType: 'set', values: next } : null);
  };

  return (
    <div className="facet-filter" data-testid={`facet-filter-${column}`}>
      <label className="visually-hidden" htmlFor={searchId}>
        Search values of {colDef.headerName}
      </label>
      <input id={searchId} className="facet-filter__search" type="search" placeholder="Search values…" value={search} onChange={(e) => setSearch(e.target.value)} />
      {error && (
        <p className="facet-filter__error" role="alert">
          {error}
        </p>
      )}
      {!facets && !error && <p className="facet-filter__note">Counting…</p>}
      {facets && facets.values.length === 0 && <p className="facet-filter__note">No values{search ? ` containing “${search}”` : ''}.</p>}
      {facets && facets.values.length > 0 && (
        <ul className="facet-filter__list" aria-label={`Values of ${colDef.headerName}`}>
          {facets.values.map((f) => {
            const checked = selected.some((v) => sameValue(v, f.value));
            return (
              <li key={labelOf(f.value)}>
                <label className="facet-filter__item">
                  <input type="checkbox" checked={checked} onChange={(e) => toggle(f.value, e.target.checked)} />
                  <span className="facet-filter__value">{labelOf(f.value)}</span>
                  <span className="facet-filter__count">{formatNumber(f.count)}</span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {facets?.truncated && <p className="facet-filter__note">Showing the most frequent values; search to find others.</p>}
      <div className="facet-filter__actions">
        <button type="button" className="button button--small" disabled={selected.length === 0} onClick={() => onModelChange(null)}>
          Clear
        </button>
      </div>
    </div>
  );
}
