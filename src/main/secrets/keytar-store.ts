import type * as KeytarModule from 'keytar';
import { AppFailure } from '../../shared/result';
import { describeKeychainRemedy, keychainService, type KeychainStatus, type SecretStore } from './secret-store';

type Keytar = typeof KeytarModule;

export interface KeytarStoreOptions {
  /** Entry service name; tests use their own so they never touch a user's entries. */
  service?: string;
  platform?: NodeJS.Platform;
}

/**
 * The keytar-backed SecretStore. keytar is a native module: it is imported on first use, so code
 * that never touches secrets (the data worker, most commands) never loads it.
 */
export function createKeytarSecretStore(options: KeytarStoreOptions = {}): SecretStore {
  const service = options.service ?? keychainService;
  const platform = options.platform ?? process.platform;
  let loaded: Promise<Keytar> | undefined;

  const load = (): Promise<Keytar> => {
    loaded ??= import('keytar').then((m) => ((m as { default?: Keytar }).default ?? m) as Keytar);
    return loaded;
  };

  /** Runs one keychain call; every failure becomes `keychain.unavailable` with the remedy. */
  async function withKeychain<T>(what: string, secret: string | undefined, call: (k: Keytar) => Promise<T>): Promise<T> {
    let keytar: Keytar;
    try {
      keytar = await load();
    } catch (e) {
      loaded = undefined;
      throw new AppFailure('keychain.unavailable', `The keychain module could not be loaded (${reasonOf(e, secret)}). ${describeKeychainRemedy(platform)}`);
    }
    try {
      return await call(keytar);
    } catch (e) {
      throw new AppFailure('keychain.unavailable', `Could not ${what} in the keychain: ${reasonOf(e, secret)}. ${describeKeychainRemedy(platform)}`);
    }
  }

  return {
    async isAvailable(): Promise<KeychainStatus> {
      try {
        // A lookup of an entry that never exists: it reaches the Secret Service without a prompt.
        await withKeychain('look up an entry', undefined, (k) => k.getPassword(service, '__availability_probe__'));
        return { available: true };
      } catch (e) {
        return { available: false, message: e instanceof Error ? e.message : describeKeychainRemedy(platform) };
      }
    },
    getToken: (accountId) => withKeychain('read the API token', undefined, (k) => k.getPassword(service, accountId)),
    setToken: (accountId, token) => withKeychain('save the API token', token, (k) => k.setPassword(service, accountId, token)),
    deleteToken: (accountId) => withKeychain('delete the API token', undefined, (k) => k.deletePassword(service, accountId)),
  };
}

/** The keychain's own reason, short, and scrubbed of the secret should a library ever echo it. */
function reasonOf(e: unknown, secret: string | undefined): string {
  let text = e instanceof Error ? e.message : String(e);
  if (secret) text = text.split(secret).join('[token]');
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text || 'no reason given';
}
