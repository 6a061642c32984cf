import type { ScheduleStatus } from '../../../../shared/contract-app';
import { useAppearance } from '../../theme/appearance';
import { formatInstant } from '../../theme/format-instant';

function describeNext(s: ScheduleStatus): string {
  if (!s.enabled) return 'Background sync is off.';
  if (s.running) return 'A sync is running now.';
  if (s.pausedBecauseOffline) return 'Paused while offline; it catches up when the network returns.';
  if (!s.nextRunAt) return 'No background sync is due.';
  return `Next ${s.nextRunFull ? 'full reconciliation' : 'sync'}: ${formatInstant(s.nextRunAt)}.`;
}

/** Next run and last sync of the active account, as the data service's schedule sees them. */
export function ScheduleStatusLine({ status, error }: { status: ScheduleStatus | null; error: string | null }) {
  useAppearance(); // re-render in the chosen date display
  if (error) return <p className="settings-status settings-status--error">Could not read the schedule: {error}</p>;
  if (!status) return null;
  return (
    <dl className="settings-facts" data-testid="schedule-status">
      <div>
        <dt>Next run</dt>
        <dd>{describeNext(status)}</dd>
      </div>
      <div>
        <dt>Last sync</dt>
        <dd>{status.lastSuccessAt ? formatInstant(status.lastSuccessAt) : 'Never'}</dd>
      </div>
      <div>
        <dt>Last full reconciliation</dt>
        <dd>{status.lastFullAt ? formatInstant(status.lastFullAt) : 'Never'}</dd>
      </div>
    </dl>
  );
}
