/** One progress report: what the renderer's sync panel and the CLI's bars show. */
export interface SyncProgress {
  dataset: string;
  /** starting | exporting | downloading | paging | aggregates | reconciling | indexing | done | failed | cancelled */
  phase: string;
  done: number;
  total: number | null;
  ratePerSecond: number | null;
  etaSeconds: number | null;
}

export type ProgressListener = (progress: SyncProgress) => void;

/**
 * Rate and ETA per data set, from the rows written since the phase began (a resumed sync starts
 * with rows already done; those do not inflate the rate).
 */
export function createProgressTracker(dataset: string, listener: ProgressListener, now: () => number = () => performance.now()) {
  let phase = 'starting';
  let since = now();
  let base = 0;
  let done = 0;
  let total: number | null = null;

  function emit(): void {
    const seconds = (now() - since) / 1000;
    const rate = seconds > 0.2 && done > base ? (done - base) / seconds : null;
    const eta = rate && total !== null && total > done ? (total - done) / rate : total !== null && done >= total ? 0 : null;
    listener({ dataset, phase, done, total, ratePerSecond: rate === null ? null : Math.round(rate), etaSeconds: eta === null ? null : Math.round(eta) });
  }

  return {
    phase(next: string, counts: { done?: number; total?: number | null } = {}): void {
      phase = next;
      since = now();
      if (counts.done !== undefined) done = counts.done;
      if (counts.total !== undefined) total = counts.total;
      base = done;
      emit();
    },
    advance(rows: number, newTotal?: number | null): void {
      done += rows;
      if (newTotal !== undefined) total = newTotal;
      emit();
    },
    get done() {
      return done;
    },
  };
}

export type ProgressTracker = ReturnType<typeof createProgressTracker>;
