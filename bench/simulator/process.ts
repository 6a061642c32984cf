/**
 * The simulator as its own process, as a sync benchmark runs it, and what /proc says about it
 * (Linux): its CPU time, so serving cost is measured on the server side and not blurred by this
 * client sharing the same two cores, and its peak resident set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SimulatorProcess {
  readonly child: ChildProcess;
  /** `…/rest/3/reporting/developer-space/{id}` */
  readonly ds: string;
  readonly auth: string;
  /** The same address and Basic credentials as the sync client takes them. */
  readonly credentials: { baseUrl: string; developerId: string; email: string; token: string };
  /** Process start to the banner (generation, listen, the tsx start-up). */
  readonly startupS: number;
  /** The simulator's own generation time, from its banner. */
  readonly generationS: number;
  readonly banner: string;
  cpuSeconds(): number;
  /** User and system CPU seconds so far (system: mostly loopback TCP, sender and receiver side). */
  cpuTimes(): { user: number; system: number };
  peakRssMiB(): number;
  stop(): Promise<void>;
}

const bin = fileURLToPath(new URL('../../bin/mpdesk.js', import.meta.url));

export async function startSimulatorProcess(scale: string): Promise<SimulatorProcess> {
  const started = performance.now();
  // SIM_NODE_ARGS: flags for the simulator's node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it).
  const nodeArgs = (process.env.SIM_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, bin, 'simulator', '--scale', scale, '--port', '0', '--export-polls', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  // However the bench ends, the simulator does not outlive it.
  process.once('exit', () => child.kill('SIGKILL'));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(128 + (signal === 'SIGTERM' ? 15 : 2)));
  let out = '';
  const banner = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8');
    // Keep reading to the end: it prints on exit, and a closed pipe would be EPIPE there.
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('token:')) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${out}`)));
  });
  const startupS = (performance.now() - started) / 1000;
  const field = (name: string) => {
    const value = new RegExp(`${name}:\\s+(\\S+)`).exec(banner)?.[1];
    if (!value) throw new Error(`no ${name} in the simulator's banner: ${banner}`);
    return value;
  };
  const generationS = Number(/ in ([\d.]+) s;/.exec(banner)?.[1] ?? NaN);
  const proc = (file: string) => readFileSync(`/proc/${child.pid}/${file}`, 'utf8');
  const cpuTimes = () => {
    const fields = proc('stat').split(') ')[1]!.split(' ');
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 }; // utime, stime in clock ticks (USER_HZ = 100)
  };
  return {
    child,
    ds: `${field('base URL')}/rest/3/reporting/developer-space/${field('developerId')}`,
    auth: `Basic ${Buffer.from(`${field('e-mail')}:${field('token')}`).toString('base64')}`,
    credentials: { baseUrl: field('base URL'), developerId: field('developerId'), email: field('e-mail'), token: field('token') },
    startupS,
    generationS,
    banner: banner.split('\n')[0]!,
    cpuTimes,
    cpuSeconds() {
      const t = cpuTimes();
      return t.user + t.system;
    },
    peakRssMiB() {
      const m = /VmHWM:\s+(\d+) kB/.exec(proc('status'));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    },
  };
}
