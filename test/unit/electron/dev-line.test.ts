import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { SipAccountRepo } from '../../../electron/db/sip-account.repo';
import { deskArgs, deskDataDir, seedDevLine } from '../../../electron/services/dev-line';
import { FileKeySecretStore } from '../../../electron/services/secret-store';
import { SipAccountService } from '../../../electron/services/sip-account.service';
// @ts-expect-error -- plain ESM script, no type declarations
import { DEV_ACCOUNTS } from '../../../scripts/pbx.mjs';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const service = () => {
  const dir = tempDir();
  return new SipAccountService(new SipAccountRepo(openDatabase({ path: join(dir, 'z.sqlite3') })), new FileKeySecretStore(dir, 'machine-a'));
};

describe('dev PBX line for `npm start`', () => {
  it('gives desk N extension 100N with the password the dev PBX was started with', () => {
    const s = service();
    expect(seedDevLine(s, 2, 'ws://127.0.0.1:5066')).toBe(true);
    expect(s.get().account).toMatchObject({ wsUri: 'ws://127.0.0.1:5066', sipUri: 'sip:1002@127.0.0.1', authUser: '1002' });
    const pbxPassword = (DEV_ACCOUNTS as { user: string; password: string }[]).find((a) => a.user === '1002')!.password;
    const ha1 = createHash('md5').update(`1002:127.0.0.1:${pbxPassword}`).digest('hex');
    expect(s.credentials().ha1).toBe(ha1);
  });

  it('never replaces a line the agent saved', () => {
    const s = service();
    s.save({ wsUri: 'wss://pbx.example.com/ws', sipUri: 'sip:8001@example.com', authUser: '8001', displayName: '', agentId: '', realm: '', password: 'own' });
    expect(seedDevLine(s, 1, 'ws://127.0.0.1:5066')).toBe(false);
    expect(s.get().account?.sipUri).toBe('sip:8001@example.com');
  });

  it('only accepts a loopback PBX', () => {
    expect(() => seedDevLine(service(), 1, 'ws://10.0.0.5:5066')).toThrow(/loopback/);
    expect(() => seedDevLine(service(), 1, 'ws://127.0.0.1.evil.com:5066')).toThrow(/loopback/);
  });

  it('keeps a separate data folder per desk and reads --desk among foreign flags', () => {
    expect(deskDataDir('/d/zuoxi', 1)).toBe('/d/zuoxi');
    expect(deskDataDir('/d/zuoxi', 3)).toBe('/d/zuoxi-desk3');
    expect(deskArgs(['/usr/bin/electron', '.', '--no-sandbox', '--desk', '2', '--dev-pbx=ws://127.0.0.1:5066'])).toEqual({ desk: 2, devPbx: 'ws://127.0.0.1:5066' });
    expect(deskArgs(['electron', '.'])).toEqual({ desk: 1, devPbx: undefined });
    expect(() => deskArgs(['electron', '--desk', '9'])).toThrow(/1 to 4/);
  });
});
