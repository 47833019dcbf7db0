import { randomBytes } from 'node:crypto';
import type { DeskLogKind } from '../../../shared/desk-log.js';
import { AppError, ErrorCode } from '../../../shared/result.js';
import type { PhraseLibrary } from '../../../shared/phrases.js';
import type { Locale, Settings, SettingsPatch } from '../../../shared/settings.js';
import {
  DIRECTORY_FORMAT,
  DirectorySchema,
  JoinRequestSchema,
  MANAGED_SETTINGS,
  ProvisioningSchema,
  judgeDirectory,
  judgeMessage,
  mayChangePolicies,
  type Directory,
  type JoinRequest,
  type CreateTeam,
  type ManagedSetting,
  type Member,
  type MemberView,
  type MessageVerdict,
  type Provisioning,
  type Role,
  type Signed,
  type TeamPolicies,
  type TeamStatus,
} from '../../../shared/team.js';
import type { TeamRepo } from '../../db/team.repo.js';
import type { SecretStore } from '../secret-store.js';
import { fingerprint, generateKeyPair, signBody, verifyBody } from './ed25519.js';

/** Settings as the service sees them: read, and written past the managed-policy guard. */
export interface SettingsAccess {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
}

/** The phrase libraries as the service sees them: read, and replaced by the team's. */
export interface PhrasesAccess {
  library(locale: Locale): PhraseLibrary;
  replace(library: PhraseLibrary): PhraseLibrary;
}

type Log = (kind: DeskLogKind, detail: Readonly<Record<string, unknown>>) => void;

/**
 * This desk's place in its team (issue 16). It holds the desk's Ed25519 identity (made on first
 * use, private key sealed like the SIP password, never returned), the signed directory (accepted
 * only when signed by the pinned admin key and newer), and applies the team's policies to the
 * managed settings. On the admin's desk every change is a new version signed here.
 */
export class TeamService {
  private parsed: { readonly version: number; readonly directory: Directory } | null = null;

  constructor(
    private readonly repo: TeamRepo,
    private readonly secrets: SecretStore,
    private readonly settings: SettingsAccess,
    private readonly phrases: PhrasesAccess,
    private readonly log: Log,
    private readonly now: () => number = Date.now,
  ) {}

  /** This desk's public key (the key pair is made the first time it is asked for). */
  publicKey(): string {
    const stored = this.repo.identity();
    if (stored) return stored.publicKey;
    const pair = generateKeyPair();
    this.repo.saveIdentity(pair.publicKey, this.secrets.encrypt(pair.privateKeyDer.toString('base64')), this.now());
    return this.repo.identity()!.publicKey;
  }

  private signBody(body: string): string {
    this.publicKey();
    const der = Buffer.from(this.secrets.decrypt(this.repo.identity()!.sealedPrivateKey), 'base64');
    return signBody(der, body);
  }

  /** The directory held, parsed once per version (settings.update and every message read it). */
  directory(): Directory | null {
    const stored = this.repo.directory();
    if (!stored) return null;
    if (this.parsed?.version !== stored.version) this.parsed = { version: stored.version, directory: DirectorySchema.parse(JSON.parse(stored.signed.body)) };
    return this.parsed.directory;
  }

  /** This desk's entry in the directory: the member holding its public key. */
  me(): Member | null {
    const key = this.publicKey();
    return this.directory()?.members.find((m) => m.publicKey === key) ?? null;
  }

  /** The members as any member may see them (keys as fingerprints). */
  members(): MemberView[] {
    return (this.directory()?.members ?? []).map(({ publicKey, ...m }) => ({ ...m, fingerprint: fingerprint(publicKey) }));
  }

  /** This desk's role: null in no team. */
  role(): Role | null {
    if (!this.directory()) return null;
    const me = this.me();
    return me && !me.revoked ? me.role : 'trainee'; // revoked: the least trust
  }

  status(): TeamStatus {
    const directory = this.directory();
    const me = this.me();
    const role = this.role();
    return {
      role,
      user: me?.user ?? null,
      teamId: directory?.teamId ?? null,
      company: directory?.company ?? null,
      version: directory?.version ?? 0,
      members: directory?.members.length ?? 0,
      fingerprint: fingerprint(this.publicKey()),
      adminFingerprint: directory ? fingerprint(directory.adminKey) : null,
      managed: directory && !mayChangePolicies(role) ? MANAGED_SETTINGS : [],
    };
  }

  /** What this desk sends the admin to be added. */
  joinRequest(input: Omit<JoinRequest, 'kind' | 'publicKey'>): JoinRequest {
    return JoinRequestSchema.parse({ kind: 'zuoxi-team-join-request', ...input, publicKey: this.publicKey() });
  }

  /** Makes this desk the admin of a new team: version 1, itself its only member, today's policies. */
  createTeam(input: CreateTeam & { team?: string }): Directory {
    if (this.directory()) throw new AppError(ErrorCode.BadArguments, 'this desk is already in a team');
    const me: Member = { user: input.user, name: input.name, staffNo: input.staffNo ?? '', role: 'admin', team: input.team ?? input.teamId, leads: [], publicKey: this.publicKey(), revoked: false };
    return this.publish({ format: DIRECTORY_FORMAT, teamId: input.teamId, company: input.company, version: 0, issuedAt: 0, adminKey: me.publicKey, members: [me], policies: this.policiesFromSettings() });
  }

  /** Admin: adds (or updates) a member from its join request. */
  addMember(request: JoinRequest, place: { role: Role; team: string; leads: string[] }): Directory {
    const directory = this.adminDirectory();
    const r = JoinRequestSchema.parse(request);
    const member: Member = { user: r.user, name: r.name, staffNo: r.staffNo, role: place.role, team: place.team, leads: place.leads, publicKey: r.publicKey, revoked: false };
    return this.publish({ ...directory, members: [...directory.members.filter((m) => m.user !== r.user), member] });
  }

  /** Admin: a revoked member's messages are refused from the next version on. */
  revoke(user: string): Directory {
    const directory = this.adminDirectory();
    if (!directory.members.some((m) => m.user === user)) throw new AppError(ErrorCode.NotFound, `no member ${user}`);
    return this.publish({ ...directory, members: directory.members.map((m) => (m.user === user ? { ...m, revoked: true } : m)) });
  }

  /** Admin: the file a new member desk joins with (pins this desk's key). */
  provisioning(): Provisioning {
    const stored = this.repo.directory();
    this.adminDirectory();
    return { kind: 'zuoxi-team-provisioning', adminKey: this.publicKey(), directory: stored!.signed };
  }

  /** The signed directory as it is published to members (SIP MESSAGE or file). */
  signedDirectory(): Signed | null {
    return this.repo.directory()?.signed ?? null;
  }

  /** A member desk joins: pins the admin key of the file and takes its directory, which must list this desk. */
  join(input: unknown): TeamStatus {
    const provisioning = ProvisioningSchema.safeParse(input);
    if (!provisioning.success) throw new AppError(ErrorCode.BadArguments, 'not a Zuoxi team provisioning file');
    if (this.directory()) throw new AppError(ErrorCode.BadArguments, 'this desk is already in a team');
    const { adminKey, directory: signed } = provisioning.data;
    const verdict = judgeDirectory(signed, adminKey, verifyBody(adminKey, signed.body, signed.sig), 0);
    if (!verdict.ok) return this.refuseDirectory(verdict.reason, 'join');
    if (!verdict.directory.members.some((m) => m.publicKey === this.publicKey())) {
      throw new AppError(ErrorCode.Forbidden, 'this desk is not in that directory: send the admin its join request first');
    }
    this.accept(verdict.directory, signed);
    return this.status();
  }

  /** A newer directory from the admin (SIP MESSAGE or file): taken only with a valid signature by the pinned key. */
  receiveDirectory(signed: Signed, via: string): TeamStatus {
    const stored = this.repo.directory();
    if (!stored) throw new AppError(ErrorCode.BadArguments, 'this desk is in no team: join first');
    const verdict = judgeDirectory(signed, stored.adminKey, verifyBody(stored.adminKey, signed.body, signed.sig), stored.version);
    if (!verdict.ok) return this.refuseDirectory(verdict.reason, via);
    this.accept(verdict.directory, signed);
    return this.status();
  }

  /** Signs a team message from this desk: who, when, a fresh nonce, what. */
  sign(payload: Readonly<Record<string, unknown>>): Signed {
    const me = this.me();
    if (!me) throw new AppError(ErrorCode.BadArguments, 'this desk is in no team');
    const body = JSON.stringify({ from: me.user, at: this.now(), nonce: randomBytes(16).toString('base64url'), payload });
    return { body, sig: this.signBody(body) };
  }

  /** Checks a team message against the directory; a refusal is logged with its reason. */
  verify(signed: Signed, transportFrom?: string): MessageVerdict {
    const directory = this.directory();
    if (!directory) return { ok: false, reason: 'unknown-member' };
    const verdict = judgeMessage(signed, directory, verifyBody, this.repo, this.now(), transportFrom);
    if (!verdict.ok) this.log('team-refused', { what: 'message', reason: verdict.reason, ...(verdict.from ? { from: verdict.from } : {}), ...(transportFrom ? { transportFrom } : {}) });
    return verdict;
  }

  /**
   * The guard of a local settings change: a managed key on a desk that is not the team's admin is
   * refused (and logged); on the admin's desk the change becomes a new signed version.
   */
  guardSettings(patch: SettingsPatch, actor: string): void {
    this.guard(MANAGED_SETTINGS.filter((k) => k in patch), actor);
  }

  /** The same guard for an edit of the phrase library. */
  guardPhrases(actor: string): void {
    this.guard(['phrases'], actor);
  }

  private guard(touched: readonly ManagedSetting[], actor: string): void {
    if (touched.length === 0 || mayChangePolicies(this.role())) return;
    this.log('policy-refused', { keys: touched, actor, role: this.role() });
    throw new AppError(ErrorCode.Forbidden, `managed by your team: ${touched.join(', ')} can be changed only by the team's admin`);
  }

  /** After a local change of settings or phrases on the admin's desk: publishes the policies if they moved. */
  policiesChanged(): void {
    const directory = this.directory();
    if (!directory || this.role() !== 'admin') return;
    const policies = this.policiesFromSettings();
    if (JSON.stringify(policies) !== JSON.stringify(directory.policies)) this.publish({ ...directory, policies });
  }

  private adminDirectory(): Directory {
    const directory = this.directory();
    if (!directory || directory.adminKey !== this.publicKey()) throw new AppError(ErrorCode.Forbidden, "only the team's admin desk can change the directory");
    return directory;
  }

  private publish(next: Directory): Directory {
    const directory = DirectorySchema.parse({ ...next, version: next.version + 1, issuedAt: this.now() });
    const body = JSON.stringify(directory);
    this.accept(directory, { body, sig: this.signBody(body) });
    return directory;
  }

  private accept(directory: Directory, signed: Signed): void {
    this.repo.saveDirectory(directory.adminKey, directory.version, signed, this.now());
    this.applyPolicies(directory);
    this.log('team-directory', { teamId: directory.teamId, version: directory.version, members: directory.members.length });
  }

  private refuseDirectory(reason: string, via: string): never {
    this.log('team-refused', { what: 'directory', reason, via });
    throw new AppError(ErrorCode.Forbidden, `team directory refused: ${reason}`);
  }

  private policiesFromSettings(): TeamPolicies {
    const s = this.settings.get();
    const phrases = { 'zh-CN': this.phrases.library('zh-CN'), 'en-US': this.phrases.library('en-US') };
    return { deadlinePolicy: s.deadlinePolicy, compliance: s.compliance, ackTimeoutSeconds: s.team.ackTimeoutSeconds, presenceSeconds: s.team.presenceSeconds, monitoring: s.monitoring, phrases };
  }

  /** The managed settings follow the directory: the team's policies and phrases, and this desk's leads and agents. */
  private applyPolicies(directory: Directory): void {
    for (const library of Object.values(directory.policies.phrases)) {
      if (JSON.stringify(this.phrases.library(library.locale).phrases) !== JSON.stringify(library.phrases)) this.phrases.replace(library);
    }
    const key = this.publicKey();
    const me = directory.members.find((m) => m.publicKey === key);
    const leads = me?.leads ?? [];
    const agents = me ? directory.members.filter((m) => !m.revoked && m.leads.includes(me.user)).map((m) => m.user) : [];
    const leading = me?.role === 'lead' || me?.role === 'admin';
    this.settings.update({
      deadlinePolicy: directory.policies.deadlinePolicy,
      monitoring: directory.policies.monitoring,
      compliance: directory.policies.compliance,
      team: { role: leading ? 'lead' : 'agent', leads, agents, ackTimeoutSeconds: directory.policies.ackTimeoutSeconds, presenceSeconds: directory.policies.presenceSeconds },
    });
  }
}
