import type { SyncProgress } from './engine';

/** Progress events at most this often per data set (phase changes always go out). */
const progressIntervalMs = 100;

/** Per data set, passes phase changes at once and other reports at most every 100 ms. */
export function throttleProgress(send: (p: SyncProgress) => void, intervalMs = progressIntervalMs): (p: SyncProgress) => void {
  const last = new Map<string, { at: number; phase: string }>();
  return (p) => {
    const now = performance.now();
    const prev = last.get(p.dataset);
    if (prev && prev.phase === p.phase && now - prev.at < intervalMs && (p.total === null || p.done < p.total)) return;
    last.set(p.dataset, { at: now, phase: p.phase });
    send(p);
  };
}
