import { startSimulator } from '../simulator';
import type { ApiCredentials } from './client/http-client';

export interface DemoSource {
  credentials: ApiCredentials;
  close(): Promise<void>;
}

/**
 * Demo mode: the simulator in-process on 127.0.0.1 with generated data at demo scale (about 20k
 * licences), synced like a real developer space. Its "now" is today, so the demo looks current.
 */
export async function startDemoSource(options: { scale?: 'tiny' | 'demo' | 'large'; now?: string } = {}): Promise<DemoSource> {
  const sim = await startSimulator({ scale: options.scale ?? 'demo', exportPolls: 0, now: options.now ?? new Date().toISOString().slice(0, 10) });
  return {
    credentials: { baseUrl: sim.baseUrl, developerId: sim.developerId, email: sim.email, token: sim.token },
    close: () => sim.close(),
  };
}
