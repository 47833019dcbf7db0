/**
 * The team a desk trusts (issue 16), without a central server: a directory of members and the
 * team's policies, versioned and signed by the admin's Ed25519 key, which each member desk pinned
 * when it joined. Signed things travel as `{ body, sig }`: `body` is the exact JSON text that was
 * signed, so nothing has to be re-serialised to check it. The signature itself is made and checked
 * on the main side (electron/team/ed25519.ts, node:crypto); this module holds the shapes and the
 * decisions, which are pure.
 */
import { z } from 'zod';
import { ComplianceSettingsSchema } from './compliance.js';
import { DeadlinePolicySchema } from './deadlines.js';
import { MonitoringPolicySchema } from './monitoring.js';
import { PhraseLibrarySchema } from './phrases.js';
import { SipUser } from './escalation.js';

/** Roles, least to most trusted. A desk installed alone is its own admin. */
export const ROLES = ['trainee', 'agent', 'lead', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** An Ed25519 public key: the 32 raw bytes, base64url. */
export const PublicKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an Ed25519 public key (32 bytes, base64url)');
const Signature = z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'an Ed25519 signature (64 bytes, base64url)');

/** Something signed: the JSON text exactly as signed, and the signature over its UTF-8 bytes. */
export const SignedSchema = z.object({ body: z.string().min(2).max(2_000_000), sig: Signature }).strict();
export type Signed = z.infer<typeof SignedSchema>;

export const MemberSchema = z
  .object({
    user: SipUser,
    name: z.string().trim().min(1).max(40),
    staffNo: z.string().trim().max(20),
    role: RoleSchema,
    team: z.string().trim().min(1).max(40),
    /** This member's leads, primary first. */
    leads: z.array(SipUser).max(5),
    publicKey: PublicKeySchema,
    /** A revoked member stays listed so its old messages are refused with that reason. */
    revoked: z.boolean(),
  })
  .strict();
export type Member = z.infer<typeof MemberSchema>;

/** What the team decides for every member desk; agents and trainees cannot change it locally. */
export const TeamPoliciesSchema = z
  .object({
    deadlinePolicy: DeadlinePolicySchema,
    compliance: ComplianceSettingsSchema,
    /** Not acknowledged this long after delivery → an escalation goes to the next lead. */
    ackTimeoutSeconds: z.number().int().min(5).max(3600),
    /** How often agent desks send their presence to their leads (stale after three missed). */
    presenceSeconds: z.number().int().min(1).max(300),
    /** Which monitoring modes the team's leads may use, and whether silent listening is shown to the agent. */
    monitoring: MonitoringPolicySchema,
    /** The scripted phrases of each UI language: the team's library, not each agent's. */
    phrases: z.object({ 'zh-CN': PhraseLibrarySchema, 'en-US': PhraseLibrarySchema }).strict(),
  })
  .strict();
export type TeamPolicies = z.infer<typeof TeamPoliciesSchema>;

export const TeamIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{2,39}$/, 'lower-case letters, digits and -, 3 to 40');

export const DIRECTORY_FORMAT = 1;
export const DirectorySchema = z
  .object({
    format: z.literal(DIRECTORY_FORMAT),
    teamId: TeamIdSchema,
    company: z.string().trim().min(1).max(40),
    /** Strictly increasing: a desk keeps the highest it has seen. */
    version: z.number().int().min(1),
    issuedAt: z.number().int(),
    /** The key that signs every version; a member desk pinned it when it joined. */
    adminKey: PublicKeySchema,
    members: z
      .array(MemberSchema)
      .min(1)
      .max(500)
      .refine((ms) => new Set(ms.map((m) => m.user)).size === ms.length, 'member SIP users must be unique'),
    policies: TeamPoliciesSchema,
  })
  .strict();
export type Directory = z.infer<typeof DirectorySchema>;

/** What an admin hands a new member desk: the admin key to pin and the directory it signed. */
export const ProvisioningSchema = z.object({ kind: z.literal('zuoxi-team-provisioning'), adminKey: PublicKeySchema, directory: SignedSchema }).strict();
export type Provisioning = z.infer<typeof ProvisioningSchema>;

/** What a desk sends the admin to be added: who it is and its public key (compared by voice, by fingerprint). */
export const JoinRequestSchema = z
  .object({ kind: z.literal('zuoxi-team-join-request'), user: SipUser, name: z.string().trim().min(1).max(40), staffNo: z.string().trim().max(20), publicKey: PublicKeySchema })
  .strict();
export type JoinRequest = z.infer<typeof JoinRequestSchema>;

/**
 * What the team's policies decide on a member desk: four settings and the phrase library
 * (personal settings — devices, language, appearance, shortcuts — stay local).
 */
export const MANAGED_SETTINGS = ['deadlinePolicy', 'compliance', 'team', 'monitoring', 'phrases'] as const;
export type ManagedSetting = (typeof MANAGED_SETTINGS)[number];

/** What the UI and the CLI show of this desk's team. */
export interface TeamStatus {
  /** null: in no team (a desk alone is its own admin). */
  readonly role: Role | null;
  readonly user: string | null;
  readonly teamId: string | null;
  readonly company: string | null;
  readonly version: number;
  readonly members: number;
  /** This desk's key, to read out when the admin adds it. */
  readonly fingerprint: string;
  readonly adminFingerprint: string | null;
  /** Settings the team decides here (read-only unless this desk is the admin). */
  readonly managed: readonly ManagedSetting[];
}

/** Who may change the team's policies on this desk: only its admin (or a desk in no team). */
export function mayChangePolicies(role: Role | null): boolean {
  return role === null || role === 'admin';
}

/** A signed body read as JSON of one schema; null when it is not. */
function bodyAs<T>(signed: Signed, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(signed.body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type DirectoryVerdict = { readonly ok: true; readonly directory: Directory } | { readonly ok: false; readonly reason: DirectoryRefusal };
export type DirectoryRefusal = 'bad-signature' | 'other-admin-key' | 'not-newer' | 'malformed';

/**
 * Whether a signed directory replaces the one a desk holds: well formed, signed by the pinned admin
 * key (`signatureValid` is the main side's check of `sig` over `body` with that key), naming that
 * same key, and newer than what the desk has.
 */
export function judgeDirectory(signed: Signed, pinnedAdminKey: string, signatureValid: boolean, currentVersion: number): DirectoryVerdict {
  if (!signatureValid) return { ok: false, reason: 'bad-signature' };
  const directory = bodyAs(signed, DirectorySchema);
  if (!directory) return { ok: false, reason: 'malformed' };
  if (directory.adminKey !== pinnedAdminKey) return { ok: false, reason: 'other-admin-key' };
  if (directory.version <= currentVersion) return { ok: false, reason: 'not-newer' };
  return { ok: true, directory };
}

/**
 * A team message as signed by its sender: who, when, a one-time nonce and what it says. The PBX's
 * From user is not what is trusted: the receiving desk checks `sig` with the key the directory
 * holds for `from`.
 */
export const MessageEnvelopeSchema = z
  .object({
    from: SipUser,
    /** Sender's clock, ms since the epoch. */
    at: z.number().int(),
    nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    payload: z.record(z.string(), z.unknown()),
  })
  .strict();
export type MessageEnvelope = z.infer<typeof MessageEnvelopeSchema>;

/** How far a message's time may be from the receiver's clock, either way. */
export const MESSAGE_WINDOW_MS = 5 * 60_000;

export type MessageRefusal = 'malformed' | 'unknown-member' | 'revoked-member' | 'bad-signature' | 'stale' | 'replayed' | 'sender-mismatch';
export type MessageVerdict = { readonly ok: true; readonly envelope: MessageEnvelope; readonly member: Member } | { readonly ok: false; readonly reason: MessageRefusal; readonly from?: string };

/**
 * Judges a signed team message against the directory: the sender must be a member not revoked,
 * the signature valid with that member's key, the time inside the window, the nonce never seen
 * and, when the transport names a sender (the PBX's From), the same user. `verify` checks a
 * signature with a public key; `seen` remembers nonces.
 */
export function judgeMessage(
  signed: Signed,
  directory: Directory,
  verify: (publicKey: string, body: string, sig: string) => boolean,
  seen: NonceClaims,
  now: number,
  transportFrom?: string,
): MessageVerdict {
  const envelope = bodyAs(signed, MessageEnvelopeSchema);
  if (!envelope) return { ok: false, reason: 'malformed' };
  const { from, at, nonce } = envelope;
  const member = directory.members.find((m) => m.user === from);
  if (!member) return { ok: false, reason: 'unknown-member', from };
  if (member.revoked) return { ok: false, reason: 'revoked-member', from };
  if (!verify(member.publicKey, signed.body, signed.sig)) return { ok: false, reason: 'bad-signature', from };
  if (transportFrom !== undefined && transportFrom !== from) return { ok: false, reason: 'sender-mismatch', from };
  if (Math.abs(now - at) > MESSAGE_WINDOW_MS) return { ok: false, reason: 'stale', from };
  if (!seen.claim(from, nonce, at, now)) return { ok: false, reason: 'replayed', from };
  return { ok: true, envelope, member };
}

/**
 * Remembers (sender, nonce) pairs inside the window (the main side keeps them in SQLite, so a
 * restart does not reopen the window for a replay). A nonce older than the window needs no memory:
 * its message is refused as stale anyway.
 */
export interface NonceClaims {
  /** True the first time (sender, nonce) is claimed; false for a replay. */
  claim(from: string, nonce: string, at: number, now: number): boolean;
}

/** A short fingerprint of a public key to read out by voice: four groups of four hex digits. */
export function fingerprintOf(sha256Hex: string): string {
  return (sha256Hex.slice(0, 16).match(/.{4}/g) ?? []).join(' ').toUpperCase();
}

export const JoinRequestInputSchema = JoinRequestSchema.pick({ user: true, name: true, staffNo: true });

/** The admin starts a team: its id, the company, and who the admin desk is. */
export const CreateTeamSchema = z
  .object({
    teamId: TeamIdSchema,
    company: z.string().trim().min(1).max(40),
    user: SipUser,
    name: z.string().trim().min(1).max(40),
    staffNo: z.string().trim().max(20).optional(),
  })
  .strict();
export type CreateTeam = z.infer<typeof CreateTeamSchema>;

/** The admin adds the desk of a join request: its role, team and leads. */
export const AddMemberSchema = z
  .object({ request: JoinRequestSchema, role: RoleSchema, team: z.string().trim().min(1).max(40).optional(), leads: z.array(SipUser).max(5) })
  .strict();
export type AddMember = z.infer<typeof AddMemberSchema>;

/** A member as desks show it: the key as its fingerprint. */
export type MemberView = Omit<Member, 'publicKey'> & { readonly fingerprint: string };
