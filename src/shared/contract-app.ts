import { z } from 'zod';
import { dataMethod } from './contract-methods';

// Contract methods of the app's background life (connectivity, the sync schedule); merged into
// `methods` in contract.ts. Changes also arrive as events: `app.connectivity` when the network
// comes or goes, `sync.finished` after every run (the schedule's or the user's).

/** The current connectivity, so a page loaded while offline shows the banner at once. */
export interface ConnectivityState {
  online: boolean;
  /** Since when the current state holds (ISO-8601 UTC). */
  since: string;
  /** The active account's last successful sync: "offline — data as of <time>". */
  dataAsOf: string | null;
}

/** The background sync schedule of the active account. */
export interface ScheduleStatus {
  accountId: string;
  enabled: boolean;
  intervalHours: number;
  fullReconcileDays: number;
  /** When the next background sync is due (null: off, or waiting for the network). */
  nextRunAt: string | null;
  /** The next due sync is a full reconciliation. */
  nextRunFull: boolean;
  lastSuccessAt: string | null;
  lastFullAt: string | null;
  /**
   * A sync is running (the schedule's or the user's), of this account or of another saved one:
   * the app stays up until it ends (lifecycle/quit-policy.ts).
   */
  running: boolean;
  /** The schedule waits for the network; it catches up when the network returns. */
  pausedBecauseOffline: boolean;
}

export const syncFinishedSchema = z.object({
  accountId: z.string(),
  /** The account's name: a scheduled sync may be of an account that is not open. */
  accountName: z.string().optional(),
  status: z.enum(['succeeded', 'failed', 'partial', 'cancelled']),
  /** The run's start: records first seen at or after it are this run's news. */
  startedAt: z.string(),
  highlights: z.object({ newSales: z.number(), newEvaluations: z.number(), cancellations: z.number(), refunds: z.number() }),
});

export const appMethods = {
  'app.connectivity': dataMethod<ConnectivityState>()(z.object({}).strict()),
  'schedule.status': dataMethod<ScheduleStatus>()(z.object({}).strict()),
} as const;
