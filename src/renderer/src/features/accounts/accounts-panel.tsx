import { useEffect, useState } from 'react';
import type { AccountView, KeychainStatusView } from '../../../../shared/contract-accounts';
import { callApi } from './accounts-api';
import { useActiveAccount } from './account-context';
import { AccountRow } from './account-row';

/** Settings → Accounts: every saved developer space with its actions. */
export function AccountsPanel() {
  const { refresh: refreshActive } = useActiveAccount();
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [keychain, setKeychain] = useState<KeychainStatusView | null>(null);

  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([callApi('accounts.list', {}), callApi('accounts.keychainStatus', {})]).then(
      ([list, status]) => {
        if (!live) return;
        setAccounts(list);
        setKeychain(status);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [version]);

  return (
    <section className="acc-panel" aria-labelledby="acc-panel-title">
      <h2 id="acc-panel-title">Developer spaces</h2>
      {error && (
        <p role="alert" className="acc-problem">
          {error}
        </p>
      )}
      {keychain && !keychain.available && (
        <p role="alert" className="acc-problem">
          {keychain.message}
        </p>
      )}
      <ul className="acc-panel__list">
        {accounts
          .filter((a) => !a.isDemo)
          .map((a) => (
            <AccountRow
              key={a.id}
              account={a}
              onChanged={async () => {
                setVersion((v) => v + 1);
                await refreshActive();
              }}
            />
          ))}
      </ul>
      {accounts.length <= 1 && <p>No developer space is connected yet: use “Add developer space…” in the space picker.</p>}
    </section>
  );
}
