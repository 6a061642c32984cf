export { describeKeychainRemedy, keychainService, type KeychainStatus, type SecretStore } from './secret-store';
export { createKeytarSecretStore, type KeytarStoreOptions } from './keytar-store';
