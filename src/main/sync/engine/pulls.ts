import { endpointById, type EndpointId } from '../../../shared/catalogue';
import { ApiError, stopsTheSync } from '../client/errors';
import type { Query } from '../client/http-client';
import { cancelledError, sleep } from '../client/retry';
import type { Readable } from 'node:stream';
import { jsonArrayTexts, parseExportRecord } from './json-array';
import { readCheckpoint, writeCheckpoint } from './state';
import type { RecordSyncContext } from './context';
import { flattenBatch, flattenValid } from './validate';
import type { FlatRecord } from '../../store/record-writer';

/** LIVE-API-NOTES: the largest page is 50 (a bigger limit is silently capped). */
export const pageSize = 50;
/**
 * Default of EngineSettings.exportBatchRows: rows of an export written per transaction (and per
 * checkpoint). Each commit rewrites every page the transaction touched, and the natural-key
 * index takes its keys at random places, so a batch dirties nearly every leaf of that index
 * whatever its size: fewer, larger batches write it fewer times. Licences and transactions
 * synced side by side (100k + 179k records from a space file, 16 MiB cache) were written at
 * ~7-8k rows/s in 2,500-row batches, ~10-12k in 5,000, ~12k in 10,000; and the index's share
 * grows with the table (a million random keys span ~3,000 leaves of 16 KiB). A batch is held as
 * the records' JSON text until it is written (~15 MB for 10,000 licences), so each data set
 * streaming an export holds about that much.
 */
export const exportBatchSize = 10_000;
/** A batch is also written once its records' JSON text reaches this many characters (wide records). */
export const exportBatchChars = 16_000_000;

/** A pull that is one part of its data set's pass: the rows done before it and the pass's total, if known. */
export interface ProgressWithin {
  base: number;
  total: number | null;
}

export interface PageCheckpoint {
  offset: number;
  /** The list was read to its end (a resumed pass skips it). */
  complete?: boolean;
}

/**
 * Defaults of EngineSettings.pageGroupRows/Ms. Consecutive pages are written together: one
 * transaction (and checkpoint) per group of at least this many rows, or of the pages read in
 * this long, whichever comes first. The commit is the dear part of a 50-row page (the WAL
 * append, and an FTS5 segment per commit outside bulk loads): at the simulator's pace 20 pages
 * share one commit, while an API answering a page in 300 ms still has each page committed, so
 * progress and resume points stay as fine as the API's pace allows.
 */
export const pageGroupRows = 1000;
export const pageGroupMs = 250;

/**
 * Offset paging of a list endpoint, resuming at the checkpointed offset. Links are not followed
 * (LIVE-API-NOTES: `next` may lack the /rest/3 prefix and does not keep the page size); the
 * list ends on a short page or at `totalCount` (absent on sale-metric details, §18). Pages are
 * written in groups (`pageGroupRows`): a kill loses at most the unwritten group, re-read on
 * resume from the last committed offset; a failure writes the pages read before it.
 */
export async function pullPages(
  ctx: RecordSyncContext,
  scope: string,
  list: { endpoint: EndpointId; pathParams?: Readonly<Record<string, string>>; query: Query },
  extra: object,
  /** Part of a larger pull (date windows): rows done before this list, and the data set's total. */
  within?: ProgressWithin,
): Promise<void> {
  const recordsKey = endpointById(list.endpoint).recordsKey!;
  const saved = readCheckpoint<PageCheckpoint>(ctx.db, ctx.dataset.id, scope);
  if (saved?.complete) return;
  let offset = saved?.offset ?? 0;
  ctx.progress.phase('paging', { done: (within?.base ?? 0) + offset, ...(within ? { total: within.total } : {}) });
  let group: FlatRecord[] = [];
  let groupStarted = performance.now();
  const flush = (complete: boolean) => {
    ctx.writeBatch(group, scope, { ...extra, offset, complete });
    group = [];
    groupStarted = performance.now();
  };
  for (;;) {
    const label = `${list.endpoint} at offset ${offset}`;
    let page: { flats: FlatRecord[]; total: number | null; count: number };
    try {
      const body = await ctx.client.json({ endpoint: list.endpoint, pathParams: list.pathParams, query: { ...list.query, offset, limit: pageSize }, label });
      const { records, total } = readPage(body, recordsKey, label);
      page = { flats: flattenBatch(ctx.dataset, records, (i) => `${list.endpoint}, offset ${offset} (record ${i + 1} of the page)`), total, count: records.length };
    } catch (e) {
      // What was read before the failure is sound: keep it (unless the write is what fails).
      if (group.length > 0) flushUnlessFailing(flush);
      throw e;
    }
    const { flats, total, count } = page;
    const next = offset + count;
    if (total !== null && !within) ctx.progress.advance(0, total);
    // With a totalCount, a short page is not the end (a server may cap pages lower than asked);
    // without one (sale-metric details, §18), it is.
    const last = total !== null ? next >= total || count === 0 : count < pageSize;
    for (const f of flats) group.push(f);
    offset = next;
    if (last || group.length >= ctx.settings.pageGroupRows || performance.now() - groupStarted >= ctx.settings.pageGroupMs) flush(last);
    if (last) return;
  }
}

function flushUnlessFailing(flush: (complete: boolean) => void): void {
  try {
    flush(false);
  } catch {
    // The page's own error is reported; the group is re-read on resume.
  }
}

/** The records of a page, and `totalCount` when the endpoint has one. */
export function readPage(body: unknown, recordsKey: string, label: string): { records: unknown[]; total: number | null } {
  if (body === null || typeof body !== 'object') throw new ApiError('api.malformed', `${label}: the page is not a JSON object`);
  const page = body as Record<string, unknown>;
  const records = page[recordsKey] ?? [];
  if (!Array.isArray(records)) throw new ApiError('api.malformed', `${label}: "${recordsKey}" is not a list`);
  const total = typeof page.totalCount === 'number' ? page.totalCount : typeof page.totalCount === 'string' && /^\d+$/.test(page.totalCount) ? Number(page.totalCount) : null;
  return { records, total };
}

export interface ExportCheckpoint {
  exportId?: string;
  /** When the export was started (ms since epoch): a resumed export this old is replaced. */
  startedAt?: number;
  done: number;
  complete?: boolean;
}

export interface AsyncExportEndpoints {
  start: EndpointId;
  status: EndpointId;
  download: EndpointId;
}

/**
 * An async export: start (POST), poll its status, stream the JSON-array download in batches,
 * each written with the count of records done. A resumed run polls the same export and skips
 * what it already wrote. A new export replaces it when the API no longer knows it (404), when
 * it FAILED, or when a resumed one is still unfinished after the export timeout; a new export
 * is read from its first row (its order is not promised to match; upserts make re-reads free).
 */
export async function pullAsyncExport(ctx: RecordSyncContext, scope: string, endpoints: AsyncExportEndpoints, query: Query, extra: object, within?: ProgressWithin): Promise<void> {
  let state = readCheckpoint<ExportCheckpoint>(ctx.db, ctx.dataset.id, scope) ?? { done: 0 };
  if (state.complete) return;
  const restart = (): ExportCheckpoint => ({ done: 0 });
  for (let restarts = 0; ; restarts++) {
    if (restarts > 2) throw new ApiError('api.error', `${endpoints.start}: the export failed on Atlassian's side three times; try again later`);
    const resumed = Boolean(state.exportId);
    if (!state.exportId) {
      ctx.progress.phase('exporting', { done: within?.base ?? 0 });
      state = await startExport(ctx, scope, endpoints, query, extra);
    }
    // An export this old was given its time in an earlier run: one look, then a fresh one.
    const stale = resumed && Date.now() - (state.startedAt ?? 0) > ctx.settings.exportTimeoutMs;
    let status: 'COMPLETED' | 'FAILED' | 'GONE' | 'PENDING';
    try {
      status = await waitForExport(ctx, endpoints.status, state.exportId!, stale ? 0 : ctx.settings.exportTimeoutMs, !stale);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
      status = 'GONE';
    }
    if (status === 'COMPLETED') {
      try {
        await downloadJsonExport(ctx, scope, endpoints.download, state, extra, within);
        writeCheckpoint(ctx.db, ctx.dataset.id, scope, { ...extra, ...state, complete: true });
        return;
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 404)) throw e;
      }
    }
    if (status === 'FAILED' && restarts >= 2) throw new ApiError('api.error', `${endpoints.start}: the export failed on Atlassian's side three times (status FAILED); try again later`);
    state = restart();
  }
}

/**
 * Starts an async export ahead of its turn and waits until the API has it ready, so that its
 * pull (`pullAsyncExport` with the same scope, run after this settles) finds it COMPLETED at its
 * first look instead of starting it and polling then. Best effort: a failure here is left for
 * the pull to meet, retry and report.
 */
export async function prepareAsyncExport(ctx: RecordSyncContext, scope: string, endpoints: AsyncExportEndpoints, query: Query): Promise<void> {
  try {
    if (readCheckpoint<ExportCheckpoint>(ctx.db, ctx.dataset.id, scope)) return;
    const state = await startExport(ctx, scope, endpoints, query, {});
    await waitForExport(ctx, endpoints.status, state.exportId!, ctx.settings.exportTimeoutMs, false);
  } catch {
    // The pull starts or polls it again and reports what goes wrong.
  }
}

/** Asks for a new export and checkpoints its id before anything else, so a killed sync resumes it. */
async function startExport(ctx: RecordSyncContext, scope: string, endpoints: AsyncExportEndpoints, query: Query, extra: object): Promise<ExportCheckpoint> {
  const started = await ctx.client.json({ endpoint: endpoints.start, query, label: `${endpoints.start}` });
  const state: ExportCheckpoint = { done: 0, exportId: readExportId(started, endpoints.start), startedAt: Date.now() };
  writeCheckpoint(ctx.db, ctx.dataset.id, scope, { ...extra, ...state });
  return state;
}

async function downloadJsonExport(ctx: RecordSyncContext, scope: string, endpoint: EndpointId, state: ExportCheckpoint, extra: object, within?: ProgressWithin): Promise<void> {
  ctx.progress.phase('downloading', { done: (within?.base ?? 0) + state.done, ...(within ? { total: within.total } : {}) });
  const label = `${endpoint} ${state.exportId}`;
  await ctx.client.request({ endpoint, pathParams: { exportId: state.exportId! }, label }, async (res) => {
    await writeRecordStream(ctx, scope, jsonArrayTexts(res.body, label), state, label, (i) => `${endpoint}, record ${i + 1} of the export`, extra);
  });
}

/** A streamed item: an export record's JSON text, or a record already parsed (a CSV row). */
type StreamItem = string | object;

/**
 * Writes a stream of records in batches of `exportBatchRows` (or `exportBatchChars` of JSON
 * text, whichever comes first), each with its checkpoint (`done`: records of the stream
 * written). A retried or resumed download starts from the top again, so the first `state.done`
 * records are skipped unread (the API answers the same rows in the same order for the same
 * request); a malformed record fails its batch, which is then not written.
 */
async function writeRecordStream(
  ctx: RecordSyncContext,
  scope: string,
  records: AsyncIterable<StreamItem>,
  state: ExportCheckpoint,
  label: string,
  where: (index: number) => string,
  extra: object,
): Promise<void> {
  const skip = state.done;
  let seen = 0;
  let batch: StreamItem[] = [];
  let chars = 0;
  const toFlat = (item: StreamItem, i: number) => flattenValid(ctx.dataset, typeof item === 'string' ? parseExportRecord(item, label) : item, where, state.done + i);
  const write = () => {
    // Records parsed from chunks already received would still be written after a cancel.
    if (ctx.signal?.aborted) throw cancelledError();
    ctx.writeItems(batch, toFlat, scope, { ...extra, ...state, done: seen });
    // Only once written: a retried download skips what the database holds, not what was attempted.
    state.done = seen;
    batch = [];
    chars = 0;
  };
  for await (const record of records) {
    if (seen++ < skip) continue;
    batch.push(record);
    if (typeof record === 'string') chars += record.length;
    if (batch.length >= ctx.settings.exportBatchRows || chars >= exportBatchChars) write();
  }
  if (batch.length > 0) write();
}

async function waitForExport(ctx: RecordSyncContext, endpoint: EndpointId, exportId: string, budgetMs: number, failOnTimeout: boolean): Promise<'COMPLETED' | 'FAILED' | 'PENDING'> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const body = await ctx.client.json({ endpoint, pathParams: { exportId }, label: `${endpoint} ${exportId}` });
    const status = readExportStatus(body);
    if (status === 'COMPLETED' || status === 'FAILED') return status;
    if (Date.now() >= deadline) {
      if (!failOnTimeout) return 'PENDING';
      throw new ApiError('network.timeout', `${endpoint}: export ${exportId} did not complete within ${Math.round(ctx.settings.exportTimeoutMs / 1000)} s (still ${status}); the next sync looks at it again and starts a new one if it is still not done`);
    }
    await sleep(ctx.settings.exportPollMs, ctx.signal);
  }
}

function readExportId(body: unknown, label: string): string {
  const b = body as { export?: { id?: unknown }; id?: unknown; exportId?: unknown } | null;
  const id = b?.export?.id ?? b?.exportId ?? b?.id;
  if (typeof id !== 'string' || id.length === 0) throw new ApiError('api.malformed', `${label}: the answer names no export id`);
  return id;
}

function readExportStatus(body: unknown): string {
  const b = body as { export?: { status?: unknown }; status?: unknown } | null;
  const status = b?.export?.status ?? b?.status;
  return typeof status === 'string' ? status.toUpperCase() : 'UNKNOWN';
}

/** A streamed download (sync export as a JSON array, presigned CSV file) written in batches, resuming past `done`. */
export async function pullStream(
  ctx: RecordSyncContext,
  scope: string,
  fetchBody: (consume: (body: Readable) => Promise<void>) => Promise<void>,
  parse: (body: Readable) => AsyncIterable<StreamItem>,
  label: string,
  extra: object,
  within?: ProgressWithin,
): Promise<void> {
  const state = readCheckpoint<ExportCheckpoint>(ctx.db, ctx.dataset.id, scope) ?? { done: 0 };
  if (state.complete) return;
  ctx.progress.phase('downloading', { done: (within?.base ?? 0) + state.done, total: within?.total ?? null });
  await fetchBody((body) => writeRecordStream(ctx, scope, parse(body), state, label, (i) => `${label}, record ${i + 1}`, extra));
  writeCheckpoint(ctx.db, ctx.dataset.id, scope, { ...extra, ...state, complete: true });
}

/**
 * The list's `totalCount` for the same filters (one record asked for): the total a bulk export's
 * progress bar counts towards. Best effort — only what stops the whole sync is passed on.
 */
export async function countList(ctx: RecordSyncContext, endpoint: EndpointId, query: Query, pathParams?: Readonly<Record<string, string>>): Promise<number | null> {
  try {
    const body = await ctx.client.json({ endpoint, pathParams, query: { ...query, offset: 0, limit: 1 }, label: `${endpoint} (count)` });
    return readPage(body, endpointById(endpoint).recordsKey!, endpoint).total;
  } catch (e) {
    if (stopsTheSync(e)) throw e;
    return null;
  }
}
