import { useEffect, useRef, useState } from 'react';
import type { AccountView } from '../../../../shared/contract-accounts';
import { callApi } from './accounts-api';

/** Removing asks what to do with the local data: kept, it is found again when the same space is reconnected. */
export function RemoveAccountDialog({ account, onDone, onCancel }: { account: AccountView; onDone: () => Promise<void>; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function remove(deleteData: boolean) {
    setBusy(true);
    try {
      await callApi('accounts.remove', { id: account.id, deleteData });
      ref.current?.close();
      await onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} className="acc-dialog" aria-label={`Remove ${account.name}`} onClose={() => !busy && onCancel()}>
      <h2>Remove “{account.name}”?</h2>
      <p>Its API token is deleted from your keychain. What should happen to the reports already downloaded? Kept data is found again if you reconnect this developer space.</p>
      {error && (
        <p role="alert" className="acc-problem">
          {error}
        </p>
      )}
      <div className="acc-form__actions">
        <button type="button" className="acc-button" onClick={() => void remove(false)} disabled={busy}>
          Remove, keep local data
        </button>
        <button type="button" className="acc-button acc-button--danger" onClick={() => void remove(true)} disabled={busy}>
          Remove and delete local data
        </button>
        <button type="button" className="acc-button acc-button--quiet" onClick={() => ref.current?.close()} disabled={busy}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
