import { AccountsPanel } from '../features/accounts';
import { SettingsSections } from '../features/settings';
import { PageHeader } from './page-header';

export function SettingsPage() {
  return (
    <div className="page" data-page="settings">
      <PageHeader title="Settings" description="Developer spaces, background sync, notifications, appearance, exports and the data directory." />
      <AccountsPanel />
      <SettingsSections />
    </div>
  );
}
