import { useState, type FormEvent } from 'react';
import { apiTokenHelpUrl, type AccountView } from '../../../../shared/contract-accounts';
import { callApi } from './accounts-api';
import { describeConnectProblem, type ConnectProblem } from './connect-errors';
import { validateField } from './connect-validation';
import { FormField } from './form-field';
import { ProblemBanner } from './problem-banner';

/** Re-key: the new token replaces the old one only once main has seen it work. */
export function RotateTokenForm({ account, onDone, onCancel }: { account: AccountView; onDone: () => Promise<void>; onCancel: () => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<ConnectProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = validateField('token', token);
    setError(invalid);
    setProblem(null);
    if (invalid) return;
    setBusy(true);
    try {
      await callApi('accounts.rotate', { id: account.id, token });
      setToken('');
      await onDone();
    } catch (err) {
      setProblem(describeConnectProblem(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="acc-inline-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <FormField id={`acc-rotate-${account.id}`} label="New API token" type="password" value={token} onChange={(e) => setToken(e.target.value)} error={error} autoComplete="off" />
      <p className="acc-form__token-help">
        <a href={apiTokenHelpUrl} target="_blank" rel="noreferrer">
          Create a new API token
        </a>{' '}
        for {account.email}. The old token stays until the new one works.
      </p>
      {problem && <ProblemBanner problem={problem} />}
      <button type="submit" className="acc-button acc-button--primary" disabled={busy}>
        {busy ? 'Checking…' : 'Save new token'}
      </button>
      <button type="button" className="acc-button acc-button--quiet" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
    </form>
  );
}
