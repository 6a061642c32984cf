/// <reference types="vite/client" />
// The accounts feature: the first-run welcome, the space picker, and the accounts settings panel.
import './accounts.css';

export { AccountGate, useActiveAccount } from './account-context';
export { AccountSwitcher } from './account-switcher';
export { AccountsPanel } from './accounts-panel';
export { WelcomeScreen } from './welcome-screen';
