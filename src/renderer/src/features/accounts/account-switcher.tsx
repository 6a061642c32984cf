import { useEffect, useState } from 'react';
import type { AccountView } from '../../../../shared/contract-accounts';
import { callApi } from './accounts-api';
import { useActiveAccount } from './account-context';
import { AddAccountDialog } from './add-account-dialog';

const addOption = '__add__';

/** The developer-space picker for the app's header: switch instantly, or add another space. */
export function AccountSwitcher() {
  const { active, switchTo } = useActiveAccount();
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void callApi('accounts.list', {}).then((list) => live && setAccounts(list), (e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [active.id, active.name, adding]);

  async function choose(id: string) {
    if (id === addOption) return setAdding(true);
    setError(null);
    try {
      await switchTo(id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <div className="acc-switcher">
      <label htmlFor="acc-switcher">Developer space</label>
      <select id="acc-switcher" value={active.id} onChange={(e) => void choose(e.target.value)}>
        {withActive(accounts, active).map((a) => (
          <option key={a.id} value={a.id}>
            {a.isDemo ? 'Demo (sample data)' : a.name}
            {!a.isDemo && !a.hasToken ? ' — token missing' : ''}
          </option>
        ))}
        <option value={addOption}>Add developer space…</option>
      </select>
      {error && (
        <p role="alert" className="acc-field__error">
          {error}
        </p>
      )}
      {adding && (
        <AddAccountDialog
          onClose={() => setAdding(false)}
          onAdded={(account) => {
            setAdding(false);
            void choose(account.id);
          }}
        />
      )}
    </div>
  );
}

/** The active account is always an option, so the picker shows it while the list loads. */
function withActive(accounts: AccountView[], active: AccountView): AccountView[] {
  return accounts.some((a) => a.id === active.id) ? accounts : [active, ...accounts];
}
