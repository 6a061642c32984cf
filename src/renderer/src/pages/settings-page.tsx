import { AccountsPanel } from '../features/accounts';
import { PageHeader } from './page-header';

export function SettingsPage() {
  return (
    <div className="page" data-page="settings">
      <PageHeader title="Settings" description="Developer spaces and their API tokens." />
      <AccountsPanel />
    </div>
  );
}
