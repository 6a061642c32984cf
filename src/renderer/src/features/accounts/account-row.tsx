import { useState } from 'react';
import type { AccountView, CredentialCheck } from '../../../../shared/contract-accounts';
import { callApi } from './accounts-api';
import { describeConnectProblem, type ConnectProblem } from './connect-errors';
import { ProblemBanner } from './problem-banner';
import { RemoveAccountDialog } from './remove-account-dialog';
import { RenameForm } from './rename-form';
import { ReportGroups } from './report-groups';
import { RotateTokenForm } from './rotate-token-form';

type Mode = 'idle' | 'rename' | 'rotate' | 'remove';

/** One saved developer space: its details, the token state, and test / re-key / rename / remove. */
export function AccountRow({ account, onChanged }: { account: AccountView; onChanged: () => Promise<void> }) {
  const [mode, setMode] = useState<Mode>('idle');
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<CredentialCheck | null>(null);
  const [problem, setProblem] = useState<ConnectProblem | null>(null);

  async function test() {
    setBusy(true);
    setProblem(null);
    setChecked(null);
    try {
      setChecked(await callApi('accounts.test', { id: account.id }));
    } catch (e) {
      setProblem(describeConnectProblem(e));
    } finally {
      setBusy(false);
    }
  }

  const done = async () => {
    setMode('idle');
    await onChanged();
  };

  return (
    <li className="acc-row" aria-label={account.name}>
      <div className="acc-row__details">
        <strong>{account.name}</strong>
        {account.isActive && <span className="acc-badge">Active</span>}
        <span>{account.developerId}</span>
        <span>{account.email}</span>
        <span className={account.hasToken ? 'acc-token-ok' : 'acc-token-missing'}>{account.hasToken ? 'Token in keychain' : 'Token missing: replace it'}</span>
      </div>
      <div className="acc-row__actions">
        <button type="button" className="acc-button" onClick={() => void test()} disabled={busy}>
          {busy ? 'Testing…' : 'Test'}
        </button>
        <button type="button" className="acc-button" onClick={() => setMode('rotate')}>
          Replace token
        </button>
        <button type="button" className="acc-button" onClick={() => setMode('rename')}>
          Rename
        </button>
        <button type="button" className="acc-button acc-button--danger" onClick={() => setMode('remove')}>
          Remove
        </button>
      </div>
      {checked && (
        <div role="status" className="acc-ok">
          The credentials work. Reports reachable:
          <ReportGroups groups={checked.reportGroups} />
        </div>
      )}
      {problem && <ProblemBanner problem={problem} />}
      {mode === 'rename' && <RenameForm account={account} onDone={done} onCancel={() => setMode('idle')} />}
      {mode === 'rotate' && <RotateTokenForm account={account} onDone={done} onCancel={() => setMode('idle')} />}
      {mode === 'remove' && <RemoveAccountDialog account={account} onDone={done} onCancel={() => setMode('idle')} />}
    </li>
  );
}
