import { AppearanceSection } from './appearance-section';
import { DataDirectorySection } from './data-directory-section';
import { ExportsSection } from './exports-section';
import { NotificationsSection } from './notifications-section';
import { ScheduleSection } from './schedule-section';
import { useSettings } from './use-settings';

/** Every section of the settings page over one loaded copy of the settings. */
export function SettingsSections() {
  const { settings, loadError, save } = useSettings();
  if (loadError) {
    return (
      <p className="settings-status settings-status--error" role="alert">
        Could not read the settings: {loadError}
      </p>
    );
  }
  if (!settings) return <p>Loading settings…</p>;
  return (
    <div className="settings-sections">
      <ScheduleSection settings={settings} save={save} />
      <NotificationsSection settings={settings} save={save} />
      <AppearanceSection settings={settings} save={save} />
      <ExportsSection settings={settings} save={save} />
      <DataDirectorySection />
    </div>
  );
}
