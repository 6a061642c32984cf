import type { DataHandlers } from '../ipc/handlers';
import type { EventName, EventPayload } from '../../shared/contract';
import { createExportJobs } from '../export/export-jobs';
import type { Db } from '../store';
import { queryFacets } from './facets';
import { queryBlock, queryCounts, queryGrid } from './grid-query';
import { readRecordDetail } from './record-detail';
import { deleteView, listViews, renameView, saveView } from './saved-views';
import { ensureGridSchemaOnce } from './ensure-once';
import { writeWhenFree } from '../data-service/write-when-free';

type GridMethod = 'grid.query' | 'grid.block' | 'grid.count' | 'grid.facets' | 'grid.record' | 'views.list' | 'views.save' | 'views.rename' | 'views.delete' | 'export.start' | 'export.cancel';

export interface GridHandlerOptions {
  /** The open space's writer connection, read at call time (switching accounts changes it). */
  db: () => Db;
  /** Its read-only query connection (grid blocks, facets, records, exports); default: `db`. */
  reader?: () => Db;
  /** Injectable clock: date presets and saved-view stamps (UTC). */
  now?: () => Date;
  emit?: (<E extends EventName>(event: E, payload: EventPayload<E>) => void) | undefined;
}

/** The grid domain's handlers, spread into the data service's handler table. */
export function createGridHandlers(options: GridHandlerOptions): Pick<DataHandlers, GridMethod> {
  const now = options.now ?? (() => new Date());
  const reader = options.reader ?? options.db;
  const exports = createExportJobs({ db: reader, now, emit: options.emit });
  const ctx = () => ({ db: reader(), now: now() });
  return {
    'grid.query': (request) => queryGrid(ctx(), request),
    'grid.block': (request) => queryBlock(ctx(), request),
    'grid.count': (request) => queryCounts(ctx(), request),
    'grid.facets': (request) => queryFacets(ctx(), request),
    'grid.record': (request) => readRecordDetail(reader(), request.dataset, request.key),
    'views.list': (request) => listViews(options.db(), request.dataset, now()),
    // Saved views are written while a sync worker may hold the file's write lock for minutes.
    'views.save': (request) => writeWhenFree(options.db(), (db) => saveView(db, request, now())),
    'views.rename': (request) => writeWhenFree(options.db(), (db) => renameView(db, request.id, request.name, now())),
    'views.delete': (request) => writeWhenFree(options.db(), (db) => deleteView(db, request.id)),
    'export.start': (request) => {
      ensureGridSchemaOnce(options.db());
      return exports.start(request);
    },
    'export.cancel': (request) => exports.cancel(request.exportId),
  };
}
