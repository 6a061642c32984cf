import cliProgress from 'cli-progress';
import type { SyncProgress, SyncSummary } from '../../main/sync/engine';
import type { CliIo } from '../io';

export interface ProgressDisplay {
  update(p: SyncProgress): void;
  stop(): void;
}

/**
 * Progress on the terminal: one bar per data set on a TTY (cli-progress), plain lines otherwise
 * (a log file or a CI job): one per phase change and at most one a second per data set.
 */
export function createProgressDisplay(io: CliIo): ProgressDisplay {
  return io.stderr.isTTY ? createBars(io) : createLines(io);
}

function describe(p: SyncProgress): string {
  const count = p.total !== null ? `${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')}` : p.done.toLocaleString('en');
  const rate = p.ratePerSecond ? `, ${p.ratePerSecond.toLocaleString('en')} rows/s` : '';
  const eta = p.etaSeconds !== null && p.etaSeconds > 0 ? `, ETA ${formatSeconds(p.etaSeconds)}` : '';
  return `${p.phase} ${count}${rate}${eta}`;
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

function createLines(io: CliIo): ProgressDisplay {
  const last = new Map<string, { phase: string; at: number }>();
  return {
    update(p) {
      const prev = last.get(p.dataset);
      const now = performance.now();
      if (prev && prev.phase === p.phase && now - prev.at < 1000) return;
      last.set(p.dataset, { phase: p.phase, at: now });
      io.stderr.write(`[${p.dataset}] ${describe(p)}\n`);
    },
    stop() {},
  };
}

function createBars(io: CliIo): ProgressDisplay {
  const multi = new cliProgress.MultiBar(
    { stream: io.stderr as NodeJS.WriteStream, clearOnComplete: false, hideCursor: true, format: ' {dataset} |{bar}| {detail}', barsize: 24, fps: 10 },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    update(p) {
      let bar = bars.get(p.dataset);
      const payload = { dataset: p.dataset.padEnd(22), detail: describe(p) };
      // Unknown totals (lists without totalCount, exports before their end) show an empty bar.
      const total = p.total ?? Math.max(p.done, 1);
      if (!bar) {
        bar = multi.create(total, p.done, payload);
        bars.set(p.dataset, bar);
      }
      bar.setTotal(total);
      bar.update(p.done, payload);
    },
    stop() {
      multi.stop();
    },
  };
}

/** The end-of-sync table: rows per data set, new / updated / changed / gone, and what is news. */
export function formatSummary(summary: SyncSummary): string {
  const lines: string[] = [];
  const header = ['data set', 'status', 'mode', 'rows', 'new', 'updated', 'changed', 'gone'];
  const rows = summary.datasets.map((d) => [
    d.id,
    d.status,
    d.mode,
    d.rows.toLocaleString('en'),
    d.counts.inserted.toLocaleString('en'),
    d.counts.updated.toLocaleString('en'),
    d.counts.changed.toLocaleString('en'),
    d.counts.gone.toLocaleString('en'),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  lines.push(fmt(header), ...rows.map(fmt));
  const h = summary.highlights;
  lines.push('', `This run: ${h.newSales} new sales, ${h.newEvaluations} new evaluations, ${h.cancellations} cancellations, ${h.refunds} refunds.`);
  for (const d of summary.datasets) if (d.error && d.error.code !== 'cancelled') lines.push(`${d.id}: ${d.error.message}`);
  if (summary.error) lines.push(summary.error.message);
  lines.push(`Sync ${summary.status} in ${formatSeconds(summary.seconds)}.`);
  return `${lines.join('\n')}\n`;
}
