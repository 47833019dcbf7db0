/**
 * The local dev PBX line (`npm start` starts Kamailio when it is installed, see scripts/start.mjs):
 * desk N registers as extension 100N with the dev password of scripts/pbx.mjs (DEV_ACCOUNTS), so two
 * desks on one machine can call each other without typing anything. Only ever used when the host is
 * started with --dev-pbx, and never over an account the agent saved.
 */
import type { SipAccountService } from './sip-account.service.js';

export const MAX_DESK = 4;

/** Same rule as DEV_ACCOUNTS in scripts/pbx.mjs (dev passwords for a loopback-only PBX). */
export const devExtension = (desk: number): string => String(1000 + desk);
const devPassword = (extension: string): string => `zuoxi${extension}`;

/** Desk 1 uses the normal data folder; desk N keeps its own database and browser profile beside it. */
export function deskDataDir(base: string, desk: number): string {
  return desk === 1 ? base : `${base}-desk${desk}`;
}

export function parseDesk(value: string | undefined): number {
  const desk = Number(value ?? '1');
  if (!Number.isInteger(desk) || desk < 1 || desk > MAX_DESK) throw new Error(`--desk must be 1 to ${MAX_DESK}`);
  return desk;
}

/**
 * `--desk N` and `--dev-pbx URL` from a command line that also carries other programs' flags
 * (Electron/Chromium switches), so unknown arguments are ignored rather than refused.
 */
export function deskArgs(argv: readonly string[]): { desk: number; devPbx: string | undefined } {
  const value = (name: string) => {
    const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    const arg = argv[i]!;
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  };
  return { desk: parseDesk(value('--desk')), devPbx: value('--dev-pbx') };
}

/** Seeds the dev line for this desk unless a SIP account is already saved; returns whether it did. */
export function seedDevLine(service: SipAccountService, desk: number, wsUri: string): boolean {
  if (!/^wss?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(wsUri)) throw new Error(`--dev-pbx must be a loopback ws:// URI, not ${wsUri}`);
  if (service.get().account) return false;
  const ext = devExtension(desk);
  service.save({
    wsUri,
    sipUri: `sip:${ext}@127.0.0.1`,
    authUser: ext,
    password: devPassword(ext),
    displayName: `坐席 ${desk}`,
    agentId: ext,
    realm: '',
  });
  return true;
}
