/**
 * `zuoxi team …`: the team directory from the command line (issue 16), on the same service as the
 * app. The desk's private key never leaves the data folder: files written here hold public keys and
 * signatures only. These commands seal keys with the data folder's key file (browser host and CLI
 * desks); an Electron desk seals them with the OS keychain and manages its team in the app.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Db } from '../db/database.js';
import { DeskLogRepo } from '../db/desk-log.repo.js';
import { SettingsRepo } from '../db/settings.repo.js';
import { TeamRepo } from '../db/team.repo.js';
import { checkoutPaths } from '../services/app-paths.js';
import { PhrasesRepo } from '../db/phrases.repo.js';
import { PhrasesService } from '../services/phrases.service.js';
import { FileKeySecretStore } from '../services/secret-store.js';
import { loadDefaultSettings, SettingsService } from '../services/settings.service.js';
import { TeamService } from '../services/team/team.service.js';
import { JoinRequestSchema, RoleSchema, SignedSchema } from '../../shared/team.js';
import { withCliDb } from './open-db.js';
import type { CliIo, GroupArgs } from './zuoxi.js';

export const TEAM_USAGE = `  team status [--json]                 this desk's role, team, directory version and key fingerprint
  team create --team ID --company NAME --user SIPUSER --name NAME
                                       make this desk the admin of a new team (directory version 1)
  team request --user SIPUSER --name NAME [--staff-no N] [--out FILE]
                                       this desk's join request (its public key) for the admin
  team add FILE --role agent|trainee|lead|admin [--in TEAM] [--leads U1,U2]
                                       admin: add the desk of a join request (read its fingerprint out first)
  team revoke SIPUSER                  admin: its messages are refused from the next version on
  team provision [--out FILE]          admin: the file a new member desk joins with
  team publish [--out FILE]            admin: the signed directory, for desks that were offline
  team join FILE                       join with the admin's provisioning file
  team receive FILE                    take a newer directory the admin published`;

export interface TeamArgs extends GroupArgs {
  readonly team?: string | undefined;
  readonly in?: string | undefined;
  readonly company?: string | undefined;
  readonly user?: string | undefined;
  readonly name?: string | undefined;
  readonly 'staff-no'?: string | undefined;
  readonly role?: string | undefined;
  readonly leads?: string | undefined;
}

const OPERANDS: Readonly<Record<string, number>> = { status: 0, create: 0, request: 0, add: 1, revoke: 1, provision: 0, publish: 0, join: 1, receive: 1 };

/** Returns the exit code, or a usage message (exit 2) for bad arguments. */
export function runTeam(args: TeamArgs, io: CliIo): number | { usage: string } {
  const expected = OPERANDS[args.command];
  if (expected === undefined) return { usage: `unknown command 'team ${args.command}'` };
  if (args.operands.length !== expected) return { usage: `team ${args.command}: ${expected === 1 ? 'one argument' : 'no arguments'} expected` };
  if (args.command === 'create' && !(args.team && args.company && args.user && args.name)) return { usage: 'team create needs --team, --company, --user and --name' };
  if (args.command === 'request' && !(args.user && args.name)) return { usage: 'team request needs --user and --name' };
  const role = RoleSchema.safeParse(args.role);
  if (args.command === 'add' && !role.success) return { usage: 'team add needs --role agent|trainee|lead|admin' };
  return withCliDb(args.dataDir, 'write', io, (db) => {
    const team = teamService(db, args.dataDir);
    const emit = (value: unknown) => (args.out ? (writeFileSync(args.out, `${JSON.stringify(value, null, 2)}\n`), io.out(`wrote ${args.out}`)) : io.out(JSON.stringify(value, null, 2)));
    const readJson = (path: string): unknown => {
      try {
        return JSON.parse(readFileSync(path, 'utf8'));
      } catch (e) {
        throw new Error(`${path}: not a readable JSON file (${(e as Error).message})`);
      }
    };
    switch (args.command) {
      case 'status': {
        const s = team.status();
        if (args.json) io.out(JSON.stringify(s, null, 2));
        else io.out(s.role ? `${s.user ?? '?'} is ${s.role} of ${s.teamId} (${s.company}), directory version ${s.version}, ${s.members} members; this desk's key ${s.fingerprint}; admin key ${s.adminFingerprint}` : `in no team; this desk's key ${s.fingerprint}`);
        break;
      }
      case 'create':
        team.createTeam({ teamId: args.team!, company: args.company!, user: args.user!, name: args.name! });
        io.out(`created ${args.team}: this desk is its admin (key ${team.status().fingerprint})`);
        break;
      case 'request':
        emit(team.joinRequest({ user: args.user!, name: args.name!, staffNo: args['staff-no'] ?? '' }));
        io.err(`read this key out to the admin: ${team.status().fingerprint}`);
        break;
      case 'add': {
        const request = JoinRequestSchema.parse(readJson(args.operands[0]!));
        const d = team.addMember(request, { role: role.data!, team: args.in ?? team.directory()?.teamId ?? '', leads: args.leads ? args.leads.split(',').map((l) => l.trim()) : [] });
        io.out(`added ${request.user} (${request.name}) as ${role.data}: directory version ${d.version}`);
        break;
      }
      case 'revoke':
        io.out(`revoked ${args.operands[0]}: directory version ${team.revoke(args.operands[0]!).version}`);
        break;
      case 'provision':
        emit(team.provisioning());
        break;
      case 'publish':
        emit(team.signedDirectory());
        break;
      case 'join': {
        const s = team.join(readJson(args.operands[0]!));
        io.out(`joined ${s.teamId} as ${s.role} (${s.user}); admin key ${s.adminFingerprint}: compare it with the admin`);
        break;
      }
      case 'receive':
        io.out(`directory version ${team.receiveDirectory(SignedSchema.parse(readJson(args.operands[0]!)), 'file').version}`);
        break;
    }
  });
}

function teamService(db: Db, dataDir: string): TeamService {
  const { resourcesDir } = checkoutPaths(__dirname);
  const settings = new SettingsService(new SettingsRepo(db), loadDefaultSettings(resourcesDir));
  const log = new DeskLogRepo(db);
  const phrases = new PhrasesService(new PhrasesRepo(db), resourcesDir, () => 'cli');
  return new TeamService(new TeamRepo(db), new FileKeySecretStore(dataDir), settings, phrases, (kind, detail) => log.append(Date.now(), 'cli', kind, detail));
}
