/**
 * Where API tokens live: the OS keychain, one entry per account, behind this interface so the
 * store can move (keytar is archived upstream; Electron's `safeStorage` is the likely successor)
 * without touching its callers (DESIGN.md). There is deliberately no plaintext implementation:
 * a machine without a keychain gets a clear `keychain.unavailable` error, never a file.
 */
export interface SecretStore {
  /** Whether the keychain answers; when it does not, `message` says what to install or start. */
  isAvailable(): Promise<KeychainStatus>;
  /** The token of an account, or null when it has none. Read it only when a request needs it. */
  getToken(accountId: string): Promise<string | null>;
  setToken(accountId: string, token: string): Promise<void>;
  /** Answers whether an entry existed. */
  deleteToken(accountId: string): Promise<boolean>;
}

export type KeychainStatus = { available: true } | { available: false; message: string };

/** The service name every entry is saved under (visible in Keychain Access / Seahorse). */
export const keychainService = 'Marketplace Desk';

/** What the user has to install or start for the keychain of their OS to answer. */
export function describeKeychainRemedy(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'Marketplace Desk keeps API tokens in the macOS Keychain: unlock your login keychain (Keychain Access) and try again.';
    case 'win32':
      return 'Marketplace Desk keeps API tokens in the Windows Credential Manager: make sure the Credential Manager service is running and try again.';
    default:
      return (
        'Marketplace Desk keeps API tokens in the OS keychain through the Secret Service API, and none answered. ' +
        'Install and start a Secret Service provider such as gnome-keyring (Debian/Ubuntu: `sudo apt install gnome-keyring`) ' +
        'or KeePassXC with Secret Service integration, inside a D-Bus session (a desktop login provides one; ' +
        'on a headless machine run the app under `dbus-run-session` with `gnome-keyring-daemon --unlock`). ' +
        'If one is running, unlock its login keyring (Seahorse: “Passwords and Keys”). ' +
        'Tokens are never saved in plain text instead.'
      );
  }
}
