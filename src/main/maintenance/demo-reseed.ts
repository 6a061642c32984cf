import type { EventName, EventPayload } from '../../shared/contract';
import type { SyncRunner } from '../sync/service-handlers';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface DemoReseedDeps {
  /** The Demo space's file (store `spaceDbPath(dataDir, 'demo')`). */
  demoPath: string;
  sync: Pick<SyncRunner, 'start' | 'current'>;
  emit?: Emit;
  /** The data sets the re-seed pulls (default: all); tests narrow it to keep runs short. */
  datasets?: string[];
}

/**
 * Brings the Demo space's data back after its damaged file was kept aside (startup-check.ts).
 * A real account waits for its schedule or the user's Sync button, and is told so; the Demo space
 * has no one to ask and its data costs nothing to make, so a demo sync starts at once, whatever
 * the schedule says. It waits for another account's sync to end (one sync at a time) and joins
 * a demo sync already running (the start-up catch-up) instead of following it with a second.
 */
export function createDemoReseed(deps: DemoReseedDeps): (resetPath: string) => void {
  let running = false;
  const notice = (level: 'info' | 'warning', message: string) => deps.emit?.('app.notice', { level, message });

  async function reseed(): Promise<void> {
    notice('info', 'The Demo space is generating its sample data again; it fills in within a minute.');
    const request = { full: false, ...(deps.datasets ? { datasets: deps.datasets } : {}) };
    // Bounded: each round waits for one other sync to end.
    for (let round = 0; round < 100; round++) {
      const answer = await deps.sync.start('demo', request);
      const current = deps.sync.current();
      await current?.ended;
      if (answer.started || answer.busyWith === 'demo') return;
    }
    throw new Error('other syncs kept running');
  }

  return (resetPath) => {
    if (resetPath !== deps.demoPath || running) return;
    running = true;
    reseed()
      .catch((e: unknown) => notice('warning', `The Demo space could not generate its sample data again (${e instanceof Error ? e.message : String(e)}); press Sync to try again.`))
      .finally(() => (running = false));
  };
}
