import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { SipAccountRepo } from '../../../electron/db/sip-account.repo';
import { FileKeySecretStore } from '../../../electron/services/secret-store';
import { SipAccountService } from '../../../electron/services/sip-account.service';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const account = { wsUri: 'ws://127.0.0.1:5066', sipUri: 'sip:1001@127.0.0.1', authUser: '1001', displayName: '坐席 1001', agentId: 'A-17', realm: '' };
const PASSWORD = 'Zuoxi-Secret-9f3';

function setup(dataDir = tempDir(), machine = 'machine-a') {
  const db = openDatabase({ path: join(dataDir, 'z.sqlite3') });
  return { db, dataDir, service: new SipAccountService(new SipAccountRepo(db), new FileKeySecretStore(dataDir, machine)) };
}

describe('SIP account and its password', () => {
  it('stores the password encrypted: not in the database file, not in what get() returns', () => {
    const { db, dataDir, service } = setup();
    const view = service.save({ ...account, password: PASSWORD });
    expect(view).toEqual({ account, hasPassword: true });
    expect(JSON.stringify(view)).not.toContain(PASSWORD);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(join(dataDir, 'z.sqlite3'));
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('gives the engine HA1 = MD5(user:realm:password), with the SIP domain as default realm', () => {
    const { db, service } = setup();
    service.save({ ...account, password: PASSWORD });
    const creds = service.credentials();
    expect(creds.ha1).toBe(createHash('md5').update(`1001:127.0.0.1:${PASSWORD}`).digest('hex'));
    expect(JSON.stringify(creds)).not.toContain(PASSWORD);
    service.save({ ...account, realm: 'zuoxi' });
    expect(service.credentials().ha1).toBe(createHash('md5').update(`1001:zuoxi:${PASSWORD}`).digest('hex'));
    db.close();
  });

  it('keeps the stored password when an edit does not send one', () => {
    const { db, service } = setup();
    service.save({ ...account, password: PASSWORD });
    expect(service.save({ ...account, displayName: '新名字' }).hasPassword).toBe(true);
    expect(service.credentials().account.displayName).toBe('新名字');
    db.close();
  });

  it('cannot decrypt on another machine: asks for the password again instead of failing obscurely', () => {
    const dataDir = tempDir();
    const first = setup(dataDir, 'machine-a');
    first.service.save({ ...account, password: PASSWORD });
    first.db.close();
    const moved = setup(dataDir, 'machine-b');
    expect(() => moved.service.credentials()).toThrow(/cannot be decrypted on this machine/);
    moved.db.close();
  });

  it('says plainly when no account is configured', () => {
    const { db, service } = setup();
    expect(service.get()).toEqual({ account: null, hasPassword: false });
    expect(() => service.credentials()).toThrow(/no SIP account/);
    db.close();
  });
});

describe('SIP instance id', () => {
  it('is created on the first save and never changes afterwards', () => {
    const { db, service } = setup();
    service.save({ ...account, password: PASSWORD });
    const first = service.credentials().instanceId;
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    service.save({ ...account, displayName: 'x', password: 'other' });
    expect(service.credentials().instanceId).toBe(first);
    db.close();
  });
});
