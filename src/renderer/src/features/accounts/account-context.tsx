import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AccountView } from '../../../../shared/contract-accounts';
import { callApi } from './accounts-api';
import { WelcomeScreen } from './welcome-screen';

interface AccountState {
  active: AccountView;
  /** Switches the open developer space; the data service reopens it at once. */
  switchTo(id: string): Promise<void>;
  /** Re-reads the active account (after a rename, a removal, …). */
  refresh(): Promise<void>;
}

const AccountContext = createContext<AccountState | null>(null);

/** The active account; only inside <AccountGate>. */
export function useActiveAccount(): AccountState {
  const state = useContext(AccountContext);
  if (!state) throw new Error('useActiveAccount is used outside <AccountGate>');
  return state;
}

/**
 * Shows the welcome screen until an account is active, then the app. The app below is keyed by
 * the account, so switching spaces remounts every page on the new space's data.
 */
export function AccountGate({ children }: { children: ReactNode }) {
  const [active, setActive] = useState<AccountView | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setActive(await callApi('accounts.active', {}));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  const switchTo = useCallback(async (id: string) => {
    setActive(await callApi('accounts.setActive', { id }));
  }, []);

  useEffect(() => {
    let live = true;
    callApi('accounts.active', {}).then(
      (a) => live && setActive(a),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  const value = useMemo(() => (active ? { active, switchTo, refresh } : null), [active, switchTo, refresh]);

  if (error) return <p role="alert" className="acc-problem">Could not read the saved accounts: {error}</p>;
  if (active === undefined) return <p className="acc-loading">Loading…</p>;
  if (active === null) return <WelcomeScreen onReady={setActive} />;
  return (
    <AccountContext.Provider value={value}>
      <div key={active.id} className="acc-space" data-account-id={active.id}>
        {children}
      </div>
    </AccountContext.Provider>
  );
}
