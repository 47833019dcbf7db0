import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/zuoxi';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('zuoxi team (CLI, real data folders)', () => {
  it('an admin desk and an agent desk make a team by files: request, add, provision, join, publish, receive', () => {
    const [admin, agent, files] = [tempDir(), tempDir(), tempDir()];
    expect(run('team', 'create', '--team', 'hotline-a', '--company', '坐席电信', '--user', '1000', '--name', '张主管', '--data-dir', admin).code).toBe(0);
    const request = run('team', 'request', '--user', '1001', '--name', '王工', '--out', join(files, 'req.json'), '--data-dir', agent);
    expect(request.code).toBe(0);
    // the fingerprint the agent reads out is the one its status shows
    const fp = /read this key out to the admin: ([0-9A-F ]{19})/.exec(request.err)?.[1];
    expect(run('team', 'status', '--data-dir', agent).out).toContain(`this desk's key ${fp}`);
    expect(readFileSync(join(files, 'req.json'), 'utf8')).not.toMatch(/private|pkcs8/i);

    expect(run('team', 'add', join(files, 'req.json'), '--role', 'agent', '--leads', '1000', '--data-dir', admin).out).toBe('added 1001 (王工) as agent: directory version 2');
    expect(run('team', 'provision', '--out', join(files, 'prov.json'), '--data-dir', admin).code).toBe(0);
    const joined = run('team', 'join', join(files, 'prov.json'), '--data-dir', agent);
    expect(joined.code).toBe(0);
    expect(joined.out).toMatch(/^joined hotline-a as agent \(1001\)/);
    expect(JSON.parse(run('team', 'status', '--json', '--data-dir', agent).out)).toMatchObject({ role: 'agent', version: 2, managed: ['deadlinePolicy', 'compliance', 'team', 'monitoring', 'phrases'] });

    // a second join, and a directory that is not newer, are refused with a reason
    expect(run('team', 'join', join(files, 'prov.json'), '--data-dir', agent)).toMatchObject({ code: 1, err: 'zuoxi: this desk is already in a team' });
    expect(run('team', 'publish', '--out', join(files, 'dir-2.json'), '--data-dir', admin).code).toBe(0);
    expect(run('team', 'receive', join(files, 'dir-2.json'), '--data-dir', agent)).toMatchObject({ code: 1, err: 'zuoxi: team directory refused: not-newer' });
    expect(run('team', 'revoke', '1001', '--data-dir', admin).out).toBe('revoked 1001: directory version 3');
    expect(run('team', 'publish', '--out', join(files, 'dir-3.json'), '--data-dir', admin).code).toBe(0);
    expect(run('team', 'receive', join(files, 'dir-3.json'), '--data-dir', agent).out).toBe('directory version 3');
    // only the admin desk edits the directory
    expect(run('team', 'revoke', '1000', '--data-dir', agent)).toMatchObject({ code: 1, err: "zuoxi: only the team's admin desk can change the directory" });
  });

  it('says what is missing, with the usage', () => {
    expect(run('team', 'create', '--team', 'x').code).toBe(2);
    expect(run('team', 'add', 'req.json').err).toContain('team add needs --role');
    expect(run('team', 'frobnicate').err).toContain("unknown command 'team frobnicate'");
    const dir = tempDir();
    expect(run('team', 'join', join(dir, 'missing.json'), '--data-dir', dir)).toMatchObject({ code: 1, err: expect.stringContaining('missing.json: not a readable JSON file') });
  });
});
