import { useState } from 'react';
import type { DataDirInfo } from '../../../../shared/contract-maintenance';
import { callApi, describeError } from '../../api';
import { BackupButton } from './backup-button';
import { IntegrityCheckButton } from './integrity-check-button';
import { formatBytes } from './format-bytes';
import { MoveDataDirButton } from './move-data-dir-button';
import { SettingsSection } from './settings-section';
import { useDataDir } from './use-data-dir';

const sourceText: Record<DataDirInfo['source'], string> = {
  flag: 'set by --data-dir when the app was started',
  env: 'set by the MPDESK_DATA_DIR environment variable',
  pointer: 'chosen in the app',
  default: 'the usual place for app data on this computer',
};

/** Where the databases and logs live, their size, a safe move, a backup of the open space, and the logs. */
export function DataDirectorySection() {
  const { info, error, reload } = useDataDir();
  const [logsError, setLogsError] = useState<string | null>(null);

  const showLogs = async () => {
    setLogsError(null);
    try {
      await callApi('app.showLogs', {});
    } catch (e) {
      setLogsError(describeError(e));
    }
  };

  return (
    <SettingsSection id="settings-data-dir" title="Data directory" description="Everything Marketplace Desk stores: one database per developer space, the settings and the logs. The API token is not here — it stays in the system keychain.">
      {error && (
        <p className="settings-status settings-status--error" role="alert">
          Could not read the data directory: {error}
        </p>
      )}
      {info && (
        <dl className="settings-facts" data-testid="data-dir">
          <div>
            <dt>Location</dt>
            <dd className="settings-path">{info.path}</dd>
          </div>
          <div>
            <dt>Size</dt>
            <dd>{formatBytes(info.bytes)}</dd>
          </div>
          <div>
            <dt>Chosen by</dt>
            <dd>{sourceText[info.source]}</dd>
          </div>
        </dl>
      )}
      <div className="settings-actions">
        <BackupButton onDone={reload} />
        {info && <MoveDataDirButton movable={info.movable} onDone={reload} />}
        <IntegrityCheckButton />
        <button type="button" className="button" onClick={() => void showLogs()}>
          Show logs
        </button>
      </div>
      {logsError && (
        <p className="settings-status settings-status--error" role="alert">
          {logsError}
        </p>
      )}
    </SettingsSection>
  );
}
