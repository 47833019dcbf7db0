import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { fingerprintOf } from '../../../shared/team.js';

/**
 * Ed25519 through node:crypto (no home-made crypto). Public keys travel as their 32 raw bytes in
 * base64url; a private key is kept as PKCS#8 DER, sealed by the desk's secret store.
 */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface KeyPair {
  readonly publicKey: string;
  /** PKCS#8 DER: to be sealed, never logged. */
  readonly privateKeyDer: Buffer;
}

export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: rawPublicKey(publicKey), privateKeyDer: privateKey.export({ format: 'der', type: 'pkcs8' }) };
}

function rawPublicKey(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length).toString('base64url');
}

function publicKeyObject(raw: string): KeyObject {
  const bytes = Buffer.from(raw, 'base64url');
  if (bytes.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, bytes]), format: 'der', type: 'spki' });
}

/** The signature of `body`'s UTF-8 bytes, base64url. */
export function signBody(privateKeyDer: Buffer, body: string): string {
  return sign(null, Buffer.from(body, 'utf8'), createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' })).toString('base64url');
}

/** Whether `sig` is `publicKey`'s signature of `body`; false (never a throw) for a malformed key or signature. */
export function verifyBody(publicKey: string, body: string, sig: string): boolean {
  try {
    const signature = Buffer.from(sig, 'base64url');
    return signature.length === 64 && verify(null, Buffer.from(body, 'utf8'), publicKeyObject(publicKey), signature);
  } catch {
    return false;
  }
}

/** The public key's short fingerprint, to compare by voice when the admin adds a member. */
export function fingerprint(publicKey: string): string {
  return fingerprintOf(createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex'));
}
