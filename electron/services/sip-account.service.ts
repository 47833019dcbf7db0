import { createHash, randomUUID } from 'node:crypto';
import type { SipAccountView } from '../../shared/ipc-contract.js';
import { AppError, ErrorCode } from '../../shared/result.js';
import { SipAccountSchema, sipDomain, type SaveSipAccount, type SipCredentials } from '../../shared/softphone.js';
import type { SipAccountRepo } from '../db/sip-account.repo.js';
import type { SecretStore } from './secret-store.js';

/**
 * The desk's SIP line. The password goes in once (save) and never comes back out: the renderer gets
 * only HA1 = MD5(authUser:realm:password), which is all sip.js needs for digest authentication.
 */
export class SipAccountService {
  constructor(
    private readonly repo: SipAccountRepo,
    private readonly secrets: SecretStore,
    private readonly now: () => number = Date.now,
  ) {}

  get(): SipAccountView {
    const row = this.repo.get();
    const parsed = row ? SipAccountSchema.safeParse(row.account) : undefined;
    return { account: parsed?.success ? parsed.data : null, hasPassword: Boolean(row?.passwordEncrypted) };
  }

  /** Saves the account; a missing password keeps the stored one. */
  save(input: SaveSipAccount): SipAccountView {
    const { password, ...account } = input;
    const existing = this.repo.get();
    const sealed = password !== undefined ? this.secrets.encrypt(password) : (existing?.passwordEncrypted ?? null);
    this.repo.put(account, existing?.instanceId ?? randomUUID(), sealed, this.now());
    return this.get();
  }

  credentials(): SipCredentials {
    const row = this.repo.get();
    const parsed = row ? SipAccountSchema.safeParse(row.account) : undefined;
    if (!row || !parsed?.success) throw new AppError(ErrorCode.NotFound, 'no SIP account is configured');
    if (!row.passwordEncrypted) throw new AppError(ErrorCode.NotFound, 'the SIP account has no password');
    let password: string;
    try {
      password = this.secrets.decrypt(row.passwordEncrypted);
    } catch {
      throw new AppError(ErrorCode.Unavailable, 'the stored SIP password cannot be decrypted on this machine; enter it again');
    }
    const account = parsed.data;
    const realm = account.realm || sipDomain(account.sipUri);
    const ha1 = createHash('md5').update(`${account.authUser}:${realm}:${password}`).digest('hex');
    return { account, ha1, instanceId: row.instanceId };
  }
}
