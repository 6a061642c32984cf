import { useState, type FormEvent } from 'react';
import { settingsSchema, type Settings, type SettingsPatch } from '../../../../shared/settings';
import { FormField } from '../accounts/form-field';
import { SaveStatus, SettingsSection } from './settings-section';
import { parseWholeNumber } from './whole-number';

/** The default rows per XLSX sheet (and per CSV/JSON progress step) of exports. */
export function ExportsSection({ settings, save }: { settings: Settings; save(patch: SettingsPatch): Promise<string | null> }) {
  // The typed text is kept as typed, valid or not, until it is saved: nothing the user wrote is lost.
  const [text, setText] = useState(String(settings.exportPageSize));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<Parameters<typeof SaveStatus>[0]['status']>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    const parsed = parseWholeNumber(text, settingsSchema.shape.exportPageSize, 'rows');
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    const failed = await save({ exportPageSize: parsed.value });
    setStatus(failed ? { kind: 'error', message: failed } : { kind: 'saved' });
  };

  return (
    <SettingsSection id="settings-exports" title="Exports" description="Excel allows at most 1,048,576 rows per sheet; larger exports continue on further sheets.">
      <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate>
        <FormField
          id="export-page-size"
          label="Rows per sheet or page"
          inputMode="numeric"
          value={text}
          error={error}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit" className="button">
          Save
        </button>
      </form>
      <SaveStatus status={status} />
    </SettingsSection>
  );
}
