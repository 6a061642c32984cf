/** Timing helpers shared by the query benchmarks (grid, quick filter). */

export function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
}

/** p95 of `n` runs of `fn`, after one warm-up run (statement cache, pages). */
export function time(n: number, fn: (i: number) => unknown): number {
  fn(0);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(i);
    samples.push(performance.now() - t);
  }
  return p95(samples);
}

/** One line: our p95 beside the hand-written query's, their ratio and the target. */
export function report(name: string, ours: number, hand: number, target: string): void {
  console.log(`${name.padEnd(44)} p95 ${ours.toFixed(1).padStart(7)} ms   hand-written ${hand.toFixed(1).padStart(7)} ms   ratio ${(ours / hand).toFixed(2)}   target ${target}`);
}
