/** Time as a dependency, so the schedule can be tested with a clock the test moves. */
export interface Clock {
  now(): number;
  /** Calls `fn` after `ms`; answers a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    // Timers past ~24.8 days overflow Node's 32-bit delay; the scheduler re-arms long waits.
    const t = setTimeout(fn, Math.min(ms, 2 ** 31 - 1));
    t.unref?.();
    return () => clearTimeout(t);
  },
};

/** A clock for tests: time moves only when `advance` is called, firing due timers in order. */
export function createManualClock(start: number) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: Clock & { advance(ms: number): Promise<void>; pending(): number } = {
    now: () => now,
    setTimer(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return () => timers.delete(id);
    },
    async advance(ms: number) {
      const target = now + ms;
      // Work started before this call (a sync promise finishing) settles at the current time.
      await new Promise((r) => setImmediate(r));
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        // Let the work a timer started (a sync promise) settle before the next one fires.
        await new Promise((r) => setImmediate(r));
      }
      now = target;
    },
    pending: () => timers.size,
  };
  return clock;
}
