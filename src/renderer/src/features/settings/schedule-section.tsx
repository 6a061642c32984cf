import { useEffect, useState } from 'react';
import type { AccountView } from '../../../../shared/contract-accounts';
import { scheduleFor, type Settings, type SettingsPatch, type SyncSchedule } from '../../../../shared/settings';
import { callApi, describeError } from '../../api';
import { useActiveAccount } from '../accounts';
import { ScheduleForm } from './schedule-form';
import { ScheduleStatusLine } from './schedule-status-line';
import { SettingsSection } from './settings-section';
import { useScheduleStatus } from './use-schedule-status';

function useAccountList(): { accounts: AccountView[] | null; error: string | null } {
  const [accounts, setAccounts] = useState<AccountView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    callApi('accounts.list', {}).then(
      (list) => live && setAccounts(list),
      (e: unknown) => live && setError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, []);
  return { accounts, error };
}

/** Background sync per account; the open account's next run and last sync below its form. */
export function ScheduleSection({ settings, save }: { settings: Settings; save(patch: SettingsPatch): Promise<string | null> }) {
  const { active } = useActiveAccount();
  const { accounts, error } = useAccountList();
  const schedule = useScheduleStatus();
  const { reload } = schedule;

  const saveFor = (accountId: string) => async (next: SyncSchedule) => {
    // Read the latest saved map, not this render's: two accounts saved in a row both stay.
    const current = await callApi('settings.get', {}).catch(() => settings);
    const failed = await save({ schedules: { ...current.schedules, [accountId]: next } });
    if (!failed) reload();
    return failed;
  };

  return (
    <SettingsSection
      id="settings-schedule"
      title="Sync schedule"
      description="While the app runs, the open developer space syncs in the background and catches up at start-up; the schedule pauses while offline."
    >
      {error && <p className="settings-status settings-status--error">Could not list the accounts: {error}</p>}
      {(accounts ?? [active]).map((a) => (
        <div key={a.id} className="settings-account" data-account={a.id}>
          <h3 className="settings-account__name">{a.name}</h3>
          <ScheduleForm accountId={a.id} accountName={a.name} schedule={scheduleFor(settings, a.id)} save={saveFor(a.id)} />
          {a.id === active.id && <ScheduleStatusLine status={schedule.status} error={schedule.error} />}
        </div>
      ))}
    </SettingsSection>
  );
}
