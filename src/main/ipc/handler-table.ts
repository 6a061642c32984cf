import { createAccountsHandlers, type AccountsService } from '../accounts';
import { createDialogHandlers, type DialogService } from '../dialogs/handlers';
import type { DataHandlers, Handlers, MainHandlers } from './handlers';

/** The complete handler table: data methods forwarded to the data service, the rest in main. */
export function createHandlerTable(data: DataHandlers, main: MainHandlers): Handlers {
  return { ...data, ...main };
}

export interface MainHandlerDeps {
  accounts: AccountsService;
  /** Native dialogs (the app); absent in headless processes, whose dialog methods then refuse. */
  dialogs?: DialogService;
}

/** Main-process handlers (accounts, keychain, dialogs), from the services main owns. */
export function createMainHandlers(deps: MainHandlerDeps): MainHandlers {
  return {
    ...createAccountsHandlers(deps.accounts),
    ...createDialogHandlers(deps.dialogs),
  };
}
