import { useCallback, useEffect, useState } from 'react';
import type { Settings, SettingsPatch } from '../../../../shared/settings';
import { callApi, describeError } from '../../api';
import { setAppearance } from '../../theme/appearance';

export interface SettingsState {
  settings: Settings | null;
  loadError: string | null;
  /** Saves a patch (main validates it with zod); resolves to the error for the user, or null. */
  save(patch: SettingsPatch): Promise<string | null>;
}

/** The stored settings and a save that applies theme and date display at once when it succeeds. */
export function useSettings(): SettingsState {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    callApi('settings.get', {}).then(
      (s) => live && setSettings(s),
      (e: unknown) => live && setLoadError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  const save = useCallback(async (patch: SettingsPatch) => {
    try {
      const next = await callApi('settings.update', patch);
      setSettings(next);
      setAppearance(next);
      return null;
    } catch (e) {
      return describeError(e);
    }
  }, []);

  return { settings, loadError, save };
}
