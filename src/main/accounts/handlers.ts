import type { Handler } from '../ipc/handlers';
import type { AccountsService } from './accounts-service';

type AccountsHandlers = {
  [M in
    | 'accounts.list'
    | 'accounts.active'
    | 'accounts.keychainStatus'
    | 'accounts.add'
    | 'accounts.test'
    | 'accounts.rotate'
    | 'accounts.rename'
    | 'accounts.remove'
    | 'accounts.setActive']: Handler<M>;
};

/** Main-side handlers of the accounts methods: thin, the service does the work. */
export function createAccountsHandlers(accounts: AccountsService): AccountsHandlers {
  return {
    'accounts.list': () => accounts.list(),
    'accounts.active': () => accounts.active(),
    'accounts.keychainStatus': () => accounts.keychainStatus(),
    'accounts.add': (request) => accounts.add(request),
    'accounts.test': ({ id }) => accounts.test(id),
    'accounts.rotate': ({ id, token }) => accounts.rotate(id, token),
    'accounts.rename': ({ id, name }) => accounts.rename(id, name),
    'accounts.remove': ({ id, deleteData }) => accounts.remove(id, deleteData),
    'accounts.setActive': ({ id }) => accounts.setActive(id),
  };
}
