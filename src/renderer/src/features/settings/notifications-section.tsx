import { useState } from 'react';
import type { Settings, SettingsPatch } from '../../../../shared/settings';
import { SaveStatus, SettingsSection } from './settings-section';

type Kind = keyof Settings['notifications'];

const kinds: readonly { id: Kind; label: string }[] = [
  { id: 'newSales', label: 'New sales' },
  { id: 'newEvaluations', label: 'New evaluations' },
  { id: 'cancellations', label: 'Cancellations' },
  { id: 'refunds', label: 'Refunds' },
];

/** The four notification kinds, each off by default; saved on each change. */
export function NotificationsSection({ settings, save }: { settings: Settings; save(patch: SettingsPatch): Promise<string | null> }) {
  const [status, setStatus] = useState<Parameters<typeof SaveStatus>[0]['status']>(null);
  // Shown at once (a checkbox that waits for the save feels broken); put back if the save fails.
  const [shown, setShown] = useState(settings.notifications);
  const toggle = async (kind: Kind, on: boolean) => {
    const next = { ...shown, [kind]: on };
    setShown(next);
    const error = await save({ notifications: next });
    if (error) setShown(settings.notifications);
    setStatus(error ? { kind: 'error', message: error } : { kind: 'saved' });
  };
  return (
    <SettingsSection
      id="settings-notifications"
      title="Notifications"
      description="After each sync, a system notification with the count of each kind you choose. Clicking one opens the matching grid filtered to exactly those rows."
    >
      <fieldset className="settings-choices">
        <legend>Notify me about</legend>
        {kinds.map((k) => (
          <label key={k.id} className="settings-choice">
            <input type="checkbox" name={`notify-${k.id}`} checked={shown[k.id]} onChange={(e) => void toggle(k.id, e.currentTarget.checked)} />
            <span>{k.label}</span>
          </label>
        ))}
      </fieldset>
      <SaveStatus status={status} />
    </SettingsSection>
  );
}
