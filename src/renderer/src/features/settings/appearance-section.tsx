import { useState } from 'react';
import type { Settings, SettingsPatch } from '../../../../shared/settings';
import { ChoiceGroup } from './choice-group';
import { SaveStatus, SettingsSection } from './settings-section';

type Status = Parameters<typeof SaveStatus>[0]['status'];

const themes = [
  { value: 'system', label: 'System', hint: 'follows the operating system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;

const dateDisplays = [
  { value: 'utc', label: 'UTC', hint: 'as the Marketplace reports them' },
  { value: 'local', label: 'Local time', hint: 'this computer’s time zone' },
] as const;

/** Theme and date display: saved on each choice and applied at once across the app. */
export function AppearanceSection({ settings, save }: { settings: Settings; save(patch: SettingsPatch): Promise<string | null> }) {
  const [status, setStatus] = useState<Status>(null);
  // The choice is shown at once; put back if the save fails.
  const [shown, setShown] = useState({ theme: settings.theme, dateDisplay: settings.dateDisplay });
  const apply = async (patch: Partial<typeof shown>) => {
    setShown((s) => ({ ...s, ...patch }));
    const error = await save(patch);
    if (error) setShown({ theme: settings.theme, dateDisplay: settings.dateDisplay });
    setStatus(error ? { kind: 'error', message: error } : { kind: 'saved' });
  };
  return (
    <SettingsSection id="settings-appearance" title="Appearance" description="Applied at once to every page, grid and chart.">
      <div className="settings-row">
        <ChoiceGroup name="theme" legend="Theme" value={shown.theme} options={themes} onChange={(theme) => void apply({ theme })} />
        <ChoiceGroup name="dateDisplay" legend="Date display" value={shown.dateDisplay} options={dateDisplays} onChange={(dateDisplay) => void apply({ dateDisplay })} />
      </div>
      <SaveStatus status={status} />
    </SettingsSection>
  );
}
