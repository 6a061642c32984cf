import { useEffect } from 'react';
import { onApiEvent } from '../api';
import { DatasetSummariesProvider } from '../datasets/summaries';
import { AccountSwitcher, useActiveAccount } from '../features/accounts';
import { PageOutlet } from '../pages/page-outlet';
import { navigate, useRoute } from '../router';
import { requestBackup } from '../features/settings/backup-request';
import { Notices } from './notices';
import { OfflineBanner } from './offline-banner';
import { Sidebar } from './sidebar';
import { SyncControl } from './sync-control';
import { isOffline, useConnectivity } from './use-connectivity';

/**
 * Menu items, shortcuts and notification clicks in main ask for pages through `app.command`
 * (src/main/menu, src/main/index.ts). A notification about another account's sync (the schedule
 * syncs every saved account) switches to that account's space before showing its rows.
 */
function useMenuNavigation(): void {
  const { active, switchTo } = useActiveAccount();
  useEffect(
    () =>
      onApiEvent('app.command', (command) => {
        if (command.command === 'navigate' && command.target) {
          const target = command.target;
          if (command.accountId && command.accountId !== active.id) void switchTo(command.accountId).then(() => navigate(target), () => navigate(target));
          else navigate(target);
        }
        if (command.command === 'open-settings') navigate('settings');
        if (command.command === 'backup') {
          requestBackup();
          navigate('settings');
        }
      }),
    [active.id, switchTo],
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
