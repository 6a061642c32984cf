import type { EndpointId } from '../../../shared/catalogue';
import { finishBulkLoad, prepareBulkLoad } from '../../query/indexes';
import { quoteIdent, recordMetaColumns as m } from '../../store';
import { ApiError, isServerSideFailure, stopsTheSync } from '../client/errors';
import { csvRecords } from '../client/streams';
import { jsonArrayTexts } from './json-array';
import type { RecordSyncContext } from './context';
import { addDays, maxDate, minDate } from './dates';
import { countList, prepareAsyncExport, pullAsyncExport, pullPages, pullStream } from './pulls';
import { clearCheckpoint, readCheckpoint, readDatasetState, recordSuccess, writeCheckpoint } from './state';
import { pullDateWindows, type WindowedPassState } from './windowed-list';

/** What a data set's pass is doing; persisted so a killed sync resumes the same pass. */
interface PassState extends WindowedPassState {
  mode: 'full' | 'incremental';
  startedAt: string;
  /** Secondary indexes and full-text triggers were dropped for a bulk load (rebuilt at the end). */
  bulk: boolean;
  /** Incremental lower bound (lastUpdated or startDate). */
  since?: string;
}

/**
 * Syncs one record data set with its catalogue strategy (DESIGN.md "Data sets and their
 * strategy"). A full pass ends by marking records the API no longer returns (`_gone_since`);
 * an incremental pass reads from the watermark minus the overlap window.
 */
export async function syncRecordDataset(ctx: RecordSyncContext, requestFull: boolean): Promise<{ mode: 'full' | 'incremental' }> {
  const { db, dataset } = ctx;
  let pass = readCheckpoint<PassState>(db, dataset.id, 'pass');
  if (!pass || (requestFull && pass.mode !== 'full')) {
    pass = newPass(ctx, requestFull);
    clearDatasetCheckpoints(ctx);
    writeCheckpoint(db, dataset.id, 'pass', pass);
  }
  // A pass that fails gets its indexes back in runSync (restoreBulkLoad).
  if (pass.bulk) prepareBulkLoad(db, dataset);
  await pullDataset(ctx, pass);
  finishPass(ctx, pass);
  return { mode: pass.mode };
}

/** Pulls the pass's records with the data set's strategy, resuming from its checkpoints. */
async function pullDataset(ctx: RecordSyncContext, pass: PassState): Promise<void> {
  const { db, dataset } = ctx;
  const current = pass;
  const save = (patch: Partial<PassState>) => writeCheckpoint(db, dataset.id, 'pass', Object.assign(current, patch));

  const sync = dataset.sync;
  switch (sync.kind) {
    case 'export-then-incremental': {
      const query = dataset.id === 'licences' ? { withDataInsights: true } : {};
      if (pass.mode === 'full') {
        const total = await countList(ctx, sync.listEndpoint, query);
        if (total !== null) ctx.progress.advance(0, total);
        const syncExport = sync.exportEndpoints.find((e) => e.endsWith('-export'))!;
        await withFallback(
          () => pullAsyncExport(ctx, 'export', asyncEndpoints(sync.exportEndpoints), query, {}),
          // Atlassian's async export kept failing or never finished: the sync export carries
          // the same records in one streamed response (LIVE-API-NOTES: slower, 5xx-prone).
          () => pullStream(ctx, 'sync-export', (consume) => ctx.client.request({ endpoint: syncExport, query: { ...query, accept: 'json' } }, (res) => consume(res.body)), (body) => jsonArrayTexts(body, syncExport), syncExport, {}),
        );
      }
      else await pullPages(ctx, 'list', { endpoint: sync.listEndpoint, query: { ...query, lastUpdated: pass.since } }, {});
      break;
    }
    case 'date-windowed-list': {
      const list = { listEndpoint: sync.listEndpoint, exportEndpoint: sync.exportEndpoints[0]!, pathParams: sync.pathParams };
      if (pass.mode === 'full') await pullDateWindows(ctx, list, current, save);
      // Routine pulls are small: events by lastUpdated (changes to old events are caught), feedback by its date.
      else await pullPages(ctx, 'list', { endpoint: sync.listEndpoint, pathParams: sync.pathParams, query: dataset.lastUpdatedColumn ? { lastUpdated: pass.since } : { startDate: pass.since, endDate: ctx.settings.today } }, {});
      break;
    }
    case 'full-export': {
      const endpoint = sync.exportEndpoints[0]!;
      // JSON rather than CSV: typed values in the raw record, as the lists send them.
      await pullStream(ctx, 'export', (consume) => ctx.client.request({ endpoint, query: { accept: 'json' } }, (res) => consume(res.body)), (body) => jsonArrayTexts(body, endpoint), endpoint, {});
      break;
    }
    case 'windowed-async-export': {
      // LIVE-API-NOTES: attribution exists from July 2018, arrives ~3 days late, and a window
      // over 90 days drops data: pull windows of at most 90 days, re-reading the last two.
      const endpoints = asyncEndpoints(sync.exportEndpoints);
      const windowOf = (start: string) => ({ startDate: start, endDate: minDate(addDays(start, sync.windowDays - 1), ctx.settings.today)! });
      let start: string = current.nextWindow ?? (current.mode === 'full' ? sync.earliest : maxDate(sync.earliest, current.since ?? sync.earliest)!);
      while (start <= ctx.settings.today) {
        const window = windowOf(start);
        const next = addDays(window.endDate, 1);
        // Windows are pulled one after another (the pass checkpoint names the next one), but
        // the next one's export is started and waited for while this one is read: ~30 windows
        // since 2018 each paid a start and its polls (2 s apart) on the sync's critical path.
        const stopAhead = new AbortController();
        const signal = ctx.signal ? AbortSignal.any([ctx.signal, stopAhead.signal]) : stopAhead.signal;
        const ahead = next <= ctx.settings.today ? prepareAsyncExport({ ...ctx, signal }, `export:${next}`, endpoints, windowOf(next)) : Promise.resolve();
        try {
          // The bar counts the pass's rows across windows instead of starting again at each one.
          await pullAsyncExport(ctx, `export:${start}`, endpoints, window, {}, { base: ctx.progress.done, total: null });
        } catch (e) {
          // This window failed: the next one's polls stop at once (the pass stops here).
          stopAhead.abort();
          throw e;
        } finally {
          // Settled before its own pull reads its checkpoint (prepareAsyncExport never throws).
          await ahead;
        }
        db.transaction(() => {
          save({ nextWindow: next });
          // Only this window's: the next one's export, started ahead, is resumed from its checkpoint.
          clearCheckpoint(db, dataset.id, `export:${start}`);
        })();
        start = next;
      }
      break;
    }
    case 'presigned-csv':
      await pullCatalog(ctx, sync.exportEndpoints[0]!);
      break;
  }
}

/**
 * Runs `primary`; when it fails in a way another endpoint may not (server errors after every
 * retry, an export that FAILED or never finished), runs `fallback` instead. What stops the whole
 * sync (401/403, offline, cancel) and malformed data (the other endpoint carries the same
 * records) are passed on. If the fallback fails too, the primary's error is the one reported.
 */
async function withFallback(primary: () => Promise<void>, fallback: () => Promise<void>): Promise<void> {
  try {
    await primary();
  } catch (e) {
    if (!isServerSideFailure(e)) throw e;
    try {
      await fallback();
    } catch (second) {
      if (stopsTheSync(second)) throw second;
      throw e;
    }
  }
}

function newPass(ctx: RecordSyncContext, requestFull: boolean): PassState {
  const { db, dataset, settings } = ctx;
  const state = readDatasetState(db, dataset.id);
  const reconcileDue = !state.lastFullAt || addDays(state.lastFullAt, settings.reconcileEveryDays) <= settings.today;
  const alwaysFull = dataset.sync.kind === 'full-export' || dataset.sync.kind === 'presigned-csv';
  const full = requestFull || alwaysFull || !state.lastSuccessAt || reconcileDue;
  const empty = db.prepare(`SELECT 1 FROM ${quoteIdent(dataset.table)} LIMIT 1`).get() === undefined;
  const sinceBase = state.watermark ?? state.lastSuccessAt?.slice(0, 10) ?? settings.today;
  const overlap = dataset.sync.kind === 'windowed-async-export' ? dataset.sync.windowDays * 2 : settings.overlapDays;
  return {
    mode: full ? 'full' : 'incremental',
    startedAt: new Date().toISOString(),
    // A first load into an empty table: every index and trigger would be paid per row, and per
    // commit (FTS5 flushes a segment each time); rebuilt once at the end instead. Not for a
    // reconciliation of a filled table, where most rows are updates that the indexes serve.
    bulk: full && empty,
    ...(full ? {} : { since: addDays(sinceBase, -overlap) }),
  };
}

/**
 * Closes a pass: indexes rebuilt after a bulk load, then in one transaction the vanished records
 * marked (full passes), the data set's state updated and its checkpoints cleared — a kill either
 * side of that transaction leaves a consistent state.
 */
function finishPass(ctx: RecordSyncContext, pass: PassState): void {
  const { db, dataset } = ctx;
  if (pass.bulk) {
    ctx.progress.phase('indexing');
    finishBulkLoad(db, dataset);
  }
  const table = quoteIdent(dataset.table);
  const watermark = dataset.lastUpdatedColumn
    ? ((db.prepare(`SELECT max(${quoteIdent(dataset.lastUpdatedColumn)}) FROM ${table} WHERE ${m.goneSince} IS NULL`).pluck().get() as string | null) ?? null)
    : null;
  db.transaction(() => {
    if (pass.mode === 'full') {
      // Reconciliation: what the full pass did not see has vanished from the API. Kept, marked.
      const gone = db.prepare(`UPDATE ${table} SET ${m.goneSince} = ? WHERE ${m.lastSeen} < ? AND ${m.goneSince} IS NULL`).run(new Date().toISOString(), pass.startedAt);
      ctx.counts.gone += gone.changes;
    }
    recordSuccess(db, dataset.id, new Date().toISOString(), { watermark: watermark ?? (dataset.lastUpdatedColumn ? null : ctx.settings.today), full: pass.mode === 'full' });
    clearDatasetCheckpoints(ctx);
  })();
}

function clearDatasetCheckpoints(ctx: RecordSyncContext): void {
  ctx.db.prepare('DELETE FROM sync_checkpoints WHERE dataset = ?').run(ctx.dataset.id);
}

function asyncEndpoints(ids: readonly EndpointId[]) {
  const find = (suffix: string) => {
    const id = ids.find((e) => e.endsWith(suffix));
    if (!id) throw new Error(`catalogue: no ${suffix} endpoint among ${ids.join(', ')}`);
    return id;
  };
  return { start: find('async-export-start'), status: find('async-export-status'), download: find('async-export-download') };
}

/** The product catalog: a presigned URL (valid ~5 minutes) to a CSV; an expired link is asked for again. */
async function pullCatalog(ctx: RecordSyncContext, endpoint: EndpointId): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const answer = (await ctx.client.json({ endpoint })) as { presignedUrl?: unknown } | null;
    const url = answer?.presignedUrl;
    if (typeof url !== 'string' || !/^https?:\/\//.test(resolveUrl(ctx, url))) throw new ApiError('api.malformed', `${endpoint}: the answer has no presigned URL`);
    try {
      await pullStream(ctx, 'export', (consume) => ctx.client.requestUrl('GET', resolveUrl(ctx, url), `${endpoint} download`, undefined, (res) => consume(res.body), false), csvRecords, `${endpoint} download`, {});
      return;
    } catch (e) {
      if (!(e instanceof ApiError && (e.status === 403 || e.status === 401) && attempt < 2)) throw e;
    }
  }
}

function resolveUrl(ctx: RecordSyncContext, url: string): string {
  return new URL(url, ctx.client.credentials.baseUrl).toString();
}
