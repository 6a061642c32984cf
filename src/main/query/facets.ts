import type { CellValue, GridFacetsRequest, GridFacetsResponse } from '../../shared/contract-grid';
import { AppFailure } from '../../shared/result';
import { quoteIdent } from '../store';
import { compileView, whereOf } from './build-query';
import { requireColumn } from './columns';
import { escapeLike } from './filter-sql';
import { ensureGridSchemaOnce } from './ensure-once';
import type { QueryContext } from './grid-query';

/**
 * Value counts per column under the OTHER active filters: a column's own filter is left out,
 * so its facet list still offers the values the user could add. Most frequent first, then by
 * value; `search` keeps values containing the text (case-insensitive, literal).
 */
export function queryFacets(ctx: QueryContext, request: GridFacetsRequest): GridFacetsResponse {
  ensureGridSchemaOnce(ctx.db);
  const view = compileView(request.dataset, { ...request, sortModel: [], columns: [] }, ctx.now);
  const result: GridFacetsResponse = {};
  for (const name of request.columns) {
    const column = requireColumn(view.dataset, name);
    if (column.type === 'json') throw new AppFailure('validation', `Column "${name}" has no value counts.`);
    const c = quoteIdent(column.name);
    const where = whereOf(view, { exceptColumn: name });
    const params = [...where.params];
    let sql = where.sql;
    if (request.search !== '') {
      sql += `${sql ? ' AND' : ' WHERE'} CAST(${c} AS TEXT) LIKE ? ESCAPE '\\'`;
      params.push(`%${escapeLike(request.search)}%`);
    }
    const rows = ctx.db
      .prepare(`SELECT ${c} AS value, count(*) AS count FROM ${view.table}${sql} GROUP BY ${c} ORDER BY count DESC, ${c} ASC LIMIT ?`)
      .all(...params, request.limit + 1) as { value: CellValue; count: number }[];
    result[name] = { values: rows.slice(0, request.limit), truncated: rows.length > request.limit };
  }
  return result;
}
