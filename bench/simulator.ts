/**
 * Simulator benchmark: generation time and peak RSS at `large` scale (or SCALE=…), then pages/s
 * served over real HTTP on 127.0.0.1. Prints figures; asserts nothing (these machines are noisy).
 *   npx tsx bench/simulator.ts            # large
 *   SCALE=demo npx tsx bench/simulator.ts
 */
import { startSimulator } from '../src/main/simulator';

const scale = process.env.SCALE ?? 'large';
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

const t0 = performance.now();
const sim = await startSimulator({ scale: /^\d+$/.test(scale) ? Number(scale) : (scale as 'large'), port: 0 });
const startupMs = performance.now() - t0;
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const state = sim.control.state();
const auth = `Basic ${Buffer.from(`${sim.email}:${sim.token}`).toString('base64')}`;
const ds = `${sim.baseUrl}/rest/3/reporting/developer-space/${sim.developerId}`;

async function pagesPerSecond(path: string, pages: number, concurrency: number): Promise<number> {
  // The first request filters and caches the selection; time steady-state paging after it.
  await (await fetch(`${ds}/${path}?limit=50`, { headers: { authorization: auth } })).arrayBuffer();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < pages) {
        const offset = (next++ * 50) % 500_000;
        const r = await fetch(`${ds}/${path}?offset=${offset}&limit=50`, { headers: { authorization: auth } });
        await r.arrayBuffer();
      }
    }),
  );
  return pages / ((performance.now() - started) / 1000);
}

const licencePages = await pagesPerSecond('licenses', 400, 4);
const txPages = await pagesPerSecond('sales/transactions', 400, 4);
const filteredStart = performance.now();
await (await fetch(`${ds}/licenses?hosting=cloud&status=active&limit=50`, { headers: { authorization: auth } })).arrayBuffer();
const firstFilteredMs = performance.now() - filteredStart;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

console.log(`scale ${scale}: ${state.licences} licences, ${state.transactions} transactions, ${sim.data.world.apps.length} apps`);
console.log(`generation ${(sim.generationMs / 1000).toFixed(1)} s, ready to serve ${(startupMs / 1000).toFixed(1)} s`);
console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
console.log(`licence pages/s ${licencePages.toFixed(0)} (${(licencePages * 50).toFixed(0)} records/s)`);
console.log(`transaction pages/s ${txPages.toFixed(0)} (${(txPages * 50).toFixed(0)} records/s)`);
console.log(`first page of a new filter over all licences: ${firstFilteredMs.toFixed(0)} ms`);
await sim.close();
