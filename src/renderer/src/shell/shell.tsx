import { useEffect } from 'react';
import { onApiEvent } from '../api';
import { DatasetSummariesProvider } from '../datasets/summaries';
import { AccountSwitcher } from '../features/accounts';
import { PageOutlet } from '../pages/page-outlet';
import { navigate, useRoute } from '../router';
import { Notices } from './notices';
import { OfflineBanner } from './offline-banner';
import { Sidebar } from './sidebar';
import { SyncControl } from './sync-control';
import { isOffline, useConnectivity } from './use-connectivity';

/** Menu items and shortcuts in main ask for pages through `app.command` (src/main/menu). */
function useMenuNavigation(): void {
  useEffect(
    () =>
      onApiEvent('app.command', (command) => {
        if (command.command === 'navigate' && command.target) navigate(command.target);
        if (command.command === 'open-settings') navigate('settings');
      }),
    [],
  );
}

/** The app around the pages: header, sidebar of every page, and the current page. */
export function Shell() {
  const route = useRoute();
  useMenuNavigation();
  const connectivity = useConnectivity();
  return (
    <DatasetSummariesProvider>
      <div className="shell">
        <a className="skip-link" href="#main" onClick={(e) => {
            e.preventDefault();
            document.getElementById('main')?.focus();
          }}>
          Skip to content
        </a>
        <header className="shell__header">
          <span className="shell__brand">Marketplace Desk</span>
          <div className="shell__tools">
            <SyncControl offline={isOffline(connectivity)} />
            <AccountSwitcher />
          </div>
        </header>
        <Sidebar route={route} />
        <main id="main" className="shell__main" tabIndex={-1}>
          <OfflineBanner connectivity={connectivity} />
          <Notices />
          <PageOutlet route={route} />
        </main>
      </div>
    </DatasetSummariesProvider>
  );
}
