import { useState, type FormEvent } from 'react';
import type { AccountView } from '../../../../shared/contract-accounts';
import { callApi } from './accounts-api';
import { validateField } from './connect-validation';
import { FormField } from './form-field';

export function RenameForm({ account, onDone, onCancel }: { account: AccountView; onDone: () => Promise<void>; onCancel: () => void }) {
  const [name, setName] = useState(account.name);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = validateField('name', name);
    if (invalid) return setError(invalid);
    try {
      await callApi('accounts.rename', { id: account.id, name });
      await onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <form className="acc-inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <FormField id={`acc-rename-${account.id}`} label="New name" value={name} onChange={(e) => setName(e.target.value)} error={error} />
      <button type="submit" className="acc-button acc-button--primary">
        Save name
      </button>
      <button type="button" className="acc-button acc-button--quiet" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
