import type { DataHandlers, Handlers, MainHandlers } from './handlers';

/** The complete handler table: data methods forwarded to the data service, the rest in main. */
export function createHandlerTable(data: DataHandlers, main: MainHandlers): Handlers {
  return { ...data, ...main };
}

/** Main-process handlers (accounts, keychain, dialogs) — added as the contract gains them. */
export function createMainHandlers(): MainHandlers {
  return {};
}
