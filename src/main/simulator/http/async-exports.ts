/**
 * Async exports: QUEUED → IN_PROGRESS → COMPLETED, advanced by status polls (a number of polls
 * rather than wall time, so tests are fast and deterministic), or FAILED / stuck on demand.
 * A download before completion answers 404 "Export is being processed" (LIVE-API-NOTES). The
 * same parameters on the same data return the same export id.
 */
import { uuidFrom } from '../data/random';
import type { World } from '../data/world';
import type { SourceId } from '../records/sources';
import { HttpError } from './errors';
import type { ListQuery } from './query';

export type ExportStatus = 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface AsyncExport {
  readonly id: string;
  readonly source: SourceId;
  readonly q: ListQuery;
  readonly rows: Uint32Array;
  readonly format: 'csv' | 'json';
  readonly key: string;
  polls: number;
  fate: 'normal' | 'fail' | 'stuck';
}

/**
 * Exports kept: each holds its row ids (~8 MB for every transaction at `large`), and a demo or a
 * long test session starts hundreds. The oldest go first; a download of one answers 404.
 */
const keptExports = 64;
const keptRowBytes = 64 * 2 ** 20;

export class AsyncExports {
  private readonly byId = new Map<string, AsyncExport>();
  private counter = 0;
  private rowBytes = 0;

  constructor(
    private readonly seed: number,
    /** Status polls before COMPLETED: 0 completes at once; n gives QUEUED, IN_PROGRESS…, COMPLETED. */
    public pollsToComplete: number,
  ) {}

  start(world: World, source: SourceId, q: ListQuery, key: string, rows: Uint32Array, fate: AsyncExport['fate']): AsyncExport {
    const fullKey = `${source}|${world.version}|${key}`;
    if (fate === 'normal') {
      for (const e of this.byId.values()) if (e.key === fullKey && e.fate === 'normal') return e;
    }
    const id = uuidFrom(this.seed, 500 + this.counter++, world.version);
    // JSON is the download format unless the start asked for CSV (ENDPOINTS.md §1.5).
    const entry: AsyncExport = { id, source, q, rows, format: q.accept ?? 'json', key: fullKey, polls: 0, fate };
    this.byId.set(id, entry);
    this.rowBytes += rows.byteLength;
    while (this.byId.size > 1 && (this.byId.size > keptExports || this.rowBytes > keptRowBytes)) {
      const [oldest, e] = this.byId.entries().next().value!;
      this.byId.delete(oldest);
      this.rowBytes -= e.rows.byteLength;
    }
    return entry;
  }

  get(id: string, source?: SourceId): AsyncExport {
    const e = this.byId.get(id);
    if (!e || (source && e.source !== source)) throw new HttpError(404, `Export ${id} not found`);
    return e;
  }

  statusOf(e: AsyncExport): ExportStatus {
    if (e.fate === 'fail') return e.polls === 0 ? 'QUEUED' : 'FAILED';
    if (e.fate === 'stuck') return e.polls === 0 ? 'QUEUED' : 'IN_PROGRESS';
    if (e.polls >= this.pollsToComplete) return 'COMPLETED';
    return e.polls === 0 ? 'QUEUED' : 'IN_PROGRESS';
  }

  /** A status request: answers the current state, then moves the machine one step. */
  poll(e: AsyncExport): ExportStatus {
    const status = this.statusOf(e);
    e.polls++;
    return status;
  }

  /** Marks an export FAILED now (control path). */
  fail(id: string): void {
    this.get(id).fate = 'fail';
    this.get(id).polls = Math.max(1, this.get(id).polls);
  }
}
