import { createAccountsHandlers, type AccountsService } from '../accounts';
import { createDialogHandlers, type DialogService } from '../dialogs/handlers';
import { createMaintenanceHandlers, type MaintenanceDeps } from '../maintenance/handlers';
import { AppFailure } from '../../shared/result';
import type { DataHandlers, Handlers, MainHandlers } from './handlers';

/** The complete handler table: data methods forwarded to the data service, the rest in main. */
export function createHandlerTable(data: DataHandlers, main: MainHandlers): Handlers {
  return { ...data, ...main };
}

export interface MainHandlerDeps {
  accounts: AccountsService;
  /** Native dialogs (the app); absent in headless processes, whose dialog methods then refuse. */
  dialogs?: DialogService;
  /** Backup, logs and data-directory facts (the app); absent headless, where they refuse. */
  maintenance?: Omit<MaintenanceDeps, 'dialogs'>;
}

/** Main-process handlers (accounts, keychain, dialogs, upkeep), from the services main owns. */
export function createMainHandlers(deps: MainHandlerDeps): MainHandlers {
  return {
    ...createAccountsHandlers(deps.accounts),
    ...createDialogHandlers(deps.dialogs),
    ...createMaintenanceHandlers({ ...(deps.maintenance ?? headlessMaintenance), dialogs: deps.dialogs }),
  };
}

const headlessMaintenance: Omit<MaintenanceDeps, 'dialogs'> = {
  dataDir: () => {
    throw new AppFailure('internal', 'The data directory is not known in this process.');
  },
  data: () => {
    throw new AppFailure('internal', 'No data service is connected in this process.');
  },
};
