import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Encrypts secrets (the SIP password) for storage. Electron: safeStorage; browser host: a per-machine key file. */
export interface SecretStore {
  readonly kind: string;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

const MAGIC = Buffer.from('zx1');

/**
 * AES-256-GCM with a key derived (HKDF-SHA256) from a random 32-byte file in the data folder
 * (mode 0600) and this machine's identity (/etc/machine-id, else the host name). A database copied
 * to another machine without that file, or to another machine with it, does not decrypt.
 */
export class FileKeySecretStore implements SecretStore {
  readonly kind = 'file-key';
  private readonly key: Buffer;

  constructor(dataDir: string, machineId: string = readMachineId()) {
    const keyFile = join(dataDir, 'secret.key');
    if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32), { mode: 0o600, flag: 'wx' });
    this.key = Buffer.from(hkdfSync('sha256', readFileSync(keyFile), Buffer.from(machineId), Buffer.from('zuoxi secret store v1'), 32));
  }

  encrypt(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Buffer): string {
    if (!sealed.subarray(0, 3).equals(MAGIC)) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(3, 15));
    decipher.setAuthTag(sealed.subarray(15, 31));
    return Buffer.concat([decipher.update(sealed.subarray(31)), decipher.final()]).toString('utf8');
  }
}

function readMachineId(): string {
  for (const path of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    try {
      const id = readFileSync(path, 'utf8').trim();
      if (id) return id;
    } catch {
      // try the next
    }
  }
  return hostname();
}
