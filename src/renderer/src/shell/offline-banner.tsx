import type { ConnectivityState } from '../../../shared/contract-app';
import { useAppearance } from '../theme/appearance';
import { formatInstant } from '../theme/format-instant';
import { isOffline } from './use-connectivity';

/**
 * "Offline — data as of <time>" above every page while the network is gone: a status, not a
 * dialog, so every page keeps working from the database. Gone as soon as the network returns.
 */
export function OfflineBanner({ connectivity }: { connectivity: ConnectivityState | null }) {
  useAppearance(); // the time follows the Date display setting
  if (!connectivity || !isOffline(connectivity)) return null;
  const asOf = connectivity.dataAsOf ? formatInstant(connectivity.dataAsOf) : 'no sync yet';
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <strong>Offline</strong> — data as of {asOf}. Everything here works from the local database; syncing resumes when the network returns.
    </div>
  );
}
