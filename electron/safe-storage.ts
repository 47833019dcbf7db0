import { safeStorage } from 'electron';
import type { SecretStore } from './services/secret-store.js';

/**
 * Secrets sealed by the OS keychain through Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet).
 * Returns undefined where only Electron's hard-coded "basic_text" key is available on Linux, so the
 * caller falls back to the per-machine key file instead of pretending that is protection.
 */
export function safeStorageSecretStore(): SecretStore | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    kind: 'safe-storage',
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
