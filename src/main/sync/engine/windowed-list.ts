import type { EndpointId } from '../../../shared/catalogue';
import { isServerSideFailure } from '../client/errors';
import type { RecordSyncContext } from './context';
import { addDays } from './dates';
import { jsonArrayTexts } from './json-array';
import { countList, pullPages, pullStream, type ExportCheckpoint, type PageCheckpoint, type ProgressWithin } from './pulls';
import { readCheckpoint } from './state';

/**
 * The full pass of a date-windowed list (churn, conversion and renewal events, feedback): the
 * whole range cut into date windows, each pulled with the list's sync export in one streamed
 * response. Paging a million events 50 at a time, one request after another, never finished at
 * the large scale; a window's export is one request of at most ~`listWindowRows` records.
 *
 * - Windows start at `listEarliest` and end today; the first has no startDate and the last no
 *   endDate, so together they cover the whole list whatever its dates (the same records as the
 *   list without dates).
 * - Window sizes follow the data: the next window is sized from the rows per day of the last one
 *   (a year at most, a week at least), so sparse early years take few requests and dense recent
 *   months stay a moderate response.
 * - LIVE-API-NOTES: a sync export "can fail with 5xx on large ranges". A window whose export fails
 *   on the server's side (after the client's retries) is halved and tried again; one of a week
 *   or less that still fails is paged instead, and so is the rest of the pass (the export is
 *   failing whatever the range).
 * - Resumable: the pass checkpoint holds the next window, its size and the rows before it; the
 *   window's own checkpoint holds the records written (export) or the offset (pages). A finished
 *   window moves the pass on and drops its checkpoints in one transaction.
 */
export interface WindowedPassState {
  /** Start of the next window to pull. */
  nextWindow?: string;
  /** Days of the next window. */
  windowDays?: number;
  /** Rows in the windows already pulled (progress). */
  windowRows?: number;
  /** The export failed even for a short window: the rest of the pass pages. */
  pageWindows?: boolean;
  /** The list's totalCount when the pass began (feedback has one, sale-metric details not). */
  windowTotal?: number | null;
}

/** Where the windows start: before any Marketplace cloud event (the first window has no startDate anyway). */
export const listEarliest = '2010-01-01';
/** Default of EngineSettings.listWindowRows: records a window's export aims at (~30 MB of JSON). */
export const listWindowRows = 20_000;
const maxWindowDays = 366;
/** A window this short whose export still fails is paged. */
const minWindowDays = 7;

export interface WindowedList {
  listEndpoint: EndpointId;
  exportEndpoint: EndpointId;
  pathParams?: Readonly<Record<string, string>>;
}

export async function pullDateWindows(ctx: RecordSyncContext, list: WindowedList, pass: WindowedPassState, save: (patch: WindowedPassState) => void): Promise<void> {
  const today = ctx.settings.today;
  let start = pass.nextWindow ?? listEarliest;
  let days = pass.windowDays ?? maxWindowDays;
  let before = pass.windowRows ?? 0;
  if (pass.windowTotal === undefined) save({ windowTotal: await countList(ctx, list.listEndpoint, {}, list.pathParams) });
  const total = pass.windowTotal ?? null;
  while (start <= today) {
    const end = addDays(start, days - 1);
    const window = { start, end, first: start === listEarliest, last: end >= today };
    let rows: number;
    try {
      rows = pass.pageWindows ? await pageWindow(ctx, list, window, { base: before, total }) : await exportWindow(ctx, list, window, { base: before, total });
    } catch (e) {
      if (!isServerSideFailure(e) || pass.pageWindows) throw e;
      if (days > minWindowDays) {
        // Retried at half the range: what a 5xx on a large range asks for.
        days = Math.ceil(days / 2);
        save({ windowDays: days });
        continue;
      }
      save({ pageWindows: true });
      rows = await pageWindow(ctx, list, window, { base: before, total });
    }
    start = addDays(end, 1);
    before += rows;
    days = nextWindowDays(days, rows, ctx.settings.listWindowRows);
    ctx.db.transaction(() => {
      save({ nextWindow: start, windowDays: days, windowRows: before });
      ctx.db.prepare('DELETE FROM sync_checkpoints WHERE dataset = ? AND scope LIKE ?').run(ctx.dataset.id, 'window:%');
    })();
  }
}

/** The next window's days: the last one's rows per day scaled to the target, growing at most 4 times. */
export function nextWindowDays(days: number, rows: number, targetRows: number): number {
  const fitted = rows === 0 ? days * 4 : Math.floor((days * targetRows) / rows);
  return Math.max(minWindowDays, Math.min(maxWindowDays, days * 4, fitted));
}

interface Window {
  start: string;
  end: string;
  first: boolean;
  last: boolean;
}

function windowQuery(w: Window): { startDate?: string; endDate?: string } {
  return { ...(w.first ? {} : { startDate: w.start }), ...(w.last ? {} : { endDate: w.end }) };
}

/** One window's sync export (JSON, streamed, written in batches); the records it held. */
async function exportWindow(ctx: RecordSyncContext, list: WindowedList, w: Window, within: ProgressWithin): Promise<number> {
  const scope = `window:${w.start}..${w.end}`;
  const label = `${list.exportEndpoint} ${w.first ? '…' : w.start} to ${w.last ? '…' : w.end}`;
  const query = { ...windowQuery(w), accept: 'json' };
  await pullStream(
    ctx,
    scope,
    (consume) => ctx.client.request({ endpoint: list.exportEndpoint, pathParams: list.pathParams, query, label }, (res) => consume(res.body)),
    (body) => jsonArrayTexts(body, label),
    label,
    {},
    within,
  );
  return readCheckpoint<ExportCheckpoint>(ctx.db, ctx.dataset.id, scope)?.done ?? 0;
}

/** One window paged (the export kept failing); the records it held. */
async function pageWindow(ctx: RecordSyncContext, list: WindowedList, w: Window, within: ProgressWithin): Promise<number> {
  const scope = `window:${w.start}..${w.end}:pages`;
  await pullPages(ctx, scope, { endpoint: list.listEndpoint, pathParams: list.pathParams, query: windowQuery(w) }, {}, within);
  return readCheckpoint<PageCheckpoint>(ctx.db, ctx.dataset.id, scope)?.offset ?? 0;
}
