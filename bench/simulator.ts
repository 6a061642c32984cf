/**
 * Simulator benchmark. Starts `mpdesk simulator` as its own process (as a sync benchmark would
 * run it), and prints: how long `--scale large` takes to start serving, its generation time and
 * peak RSS, and the pages/s it serves to a client in this process. Asserts nothing: these
 * machines are noisy, so compare figures taken in one run.
 *   npx tsx bench/simulator.ts             # large
 *   SCALE=demo npx tsx bench/simulator.ts
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const scale = process.env.SCALE ?? 'large';
const bin = fileURLToPath(new URL('../bin/mpdesk.js', import.meta.url));

const t0 = performance.now();
const child = spawn(process.execPath, [bin, 'simulator', '--scale', scale, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
const banner = await new Promise<string>((resolve, reject) => {
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
    if (out.includes('token:')) resolve(out);
  });
  child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${out}`)));
});
const startupS = (performance.now() - t0) / 1000;
const field = (name: string) => new RegExp(`${name}:\\s+(\\S+)`).exec(banner)![1]!;
const baseUrl = field('base URL');
const auth = `Basic ${Buffer.from(`${field('e-mail')}:${field('token')}`).toString('base64')}`;
const ds = `${baseUrl}/rest/3/reporting/developer-space/${field('developerId')}`;

/** Peak resident set of the simulator process so far (Linux). */
function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU seconds the simulator process has used (user + system), from /proc (Linux). */
function simulatorCpuSeconds(): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

async function pagesPerSecond(path: string, pages: number, concurrency: number): Promise<{ pages: number; records: number; serverMsPerPage: number }> {
  // The first request filters and caches the selection; time the steady paging after it.
  const first = (await (await fetch(`${ds}/${path}?limit=50`, { headers: { authorization: auth } })).json()) as { totalCount: number };
  const span = Math.max(50, first.totalCount - 50); // wrap around small scales: no empty pages
  let next = 0;
  const cpuBefore = simulatorCpuSeconds();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < pages) {
        const offset = (next++ * 50) % span;
        const r = await fetch(`${ds}/${path}?offset=${offset}&limit=50`, { headers: { authorization: auth } });
        await r.arrayBuffer();
      }
    }),
  );
  const perS = pages / ((performance.now() - started) / 1000);
  return { pages: perS, records: perS * 50, serverMsPerPage: ((simulatorCpuSeconds() - cpuBefore) * 1000) / pages };
}

const licences = await pagesPerSecond('licenses', 1000, 4);
const transactions = await pagesPerSecond('sales/transactions', 1000, 4);
// The same pages again: the render cache now holds their records (a repeated benchmark run).
const licencesWarm = await pagesPerSecond('licenses', 1000, 4);
const transactionsWarm = await pagesPerSecond('sales/transactions', 1000, 4);
const exportStart = performance.now();
const exportBytes = (await (await fetch(`${ds}/sales/transactions/export?accept=json&startDate=2026-01-01`, { headers: { authorization: auth } })).arrayBuffer()).byteLength;
const exportS = (performance.now() - exportStart) / 1000;

console.log(banner.split('\n')[0]);
console.log(`scale ${scale}: serving after ${startupS.toFixed(1)} s (process start, generation, listen)`);
console.log(`simulator peak RSS ${peakRssMiB().toFixed(0)} MiB`);
for (const [name, r] of [['licence', licences], ['transaction', transactions], ['licence (2nd pass)', licencesWarm], ['transaction (2nd pass)', transactionsWarm]] as const) {
  // The wall-clock rate includes this client's own fetch/parse work on the same 2 cores; the
  // simulator's CPU per page is what bounds a sync benchmark.
  const capacity = 1000 / r.serverMsPerPage;
  console.log(`${name} pages/s ${r.pages.toFixed(0)} (${r.records.toFixed(0)} records/s) with 4 concurrent requests; simulator CPU ${r.serverMsPerPage.toFixed(2)} ms/page → capacity ~${capacity.toFixed(0)} pages/s (${(capacity * 50).toFixed(0)} records/s) per core`);
}
console.log(`transactions JSON export since 2026-01-01: ${(exportBytes / 2 ** 20).toFixed(1)} MiB in ${exportS.toFixed(1)} s`);
child.kill('SIGINT');
await new Promise((resolve) => child.once('exit', resolve));
