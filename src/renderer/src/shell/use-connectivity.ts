import { useEffect, useState } from 'react';
import type { ConnectivityState } from '../../../shared/contract-app';
import { callApi, onApiEvent } from '../api';

/**
 * The network as the data service's monitor sees it: asked once at load (a window opened while
 * offline shows the banner at once), then followed through `app.connectivity` events. Null until
 * known; an unanswerable question counts as online, so nothing is ever blocked by this.
 */
export function useConnectivity(): ConnectivityState | null {
  const [state, setState] = useState<ConnectivityState | null>(null);
  useEffect(() => {
    let live = true;
    let heard = false;
    const off = onApiEvent('app.connectivity', (s) => {
      heard = true;
      setState(s);
    });
    callApi('app.connectivity', {}).then(
      // An event that arrived while the question was on its way is newer than the answer.
      (s) => live && !heard && setState(s),
      () => {},
    );
    return () => {
      live = false;
      off();
    };
  }, []);
  return state;
}

/** True when the monitor says the network is gone. */
export function isOffline(state: ConnectivityState | null): boolean {
  return state !== null && !state.online;
}
