import { useEffect, useRef, useState } from 'react';
import type { AccountView, AddAccountResponse } from '../../../../shared/contract-accounts';
import { ConnectForm } from './connect-form';
import { ReportGroups } from './report-groups';

/** A modal with the connect form; after success it shows the reachable reports, then switches. */
export function AddAccountDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (account: AccountView) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [added, setAdded] = useState<AddAccountResponse | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog ref={ref} className="acc-dialog" aria-label="Add a developer space" onClose={onClose}>
      <h2>Add a developer space</h2>
      {added ? (
        <>
          <p>“{added.account.name}” is connected. Its token can reach:</p>
          <ReportGroups groups={added.reportGroups} />
          <button type="button" className="acc-button acc-button--primary" onClick={() => onAdded(added.account)}>
            Switch to “{added.account.name}”
          </button>
        </>
      ) : (
        <ConnectForm onConnected={setAdded} onCancel={() => ref.current?.close()} />
      )}
    </dialog>
  );
}
