import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import {
  AckPayloadSchema,
  EscalationPayloadSchema,
  MAX_TEAM_MESSAGE_BYTES,
  TEAM_MESSAGE_TYPE,
  parseTeamMessage,
  utf8Length,
  type TeamMessage,
} from '../../../shared/escalation.js';
import { AppError, ErrorCode } from '../../../shared/result.js';
import type { Settings } from '../../../shared/settings.js';
import { mediaType } from '../../../shared/softphone.js';
import {
  DIRECTORY_MESSAGE_TYPE,
  MAX_DIRECTORY_JSON_BYTES,
  MAX_DIRECTORY_MESSAGE_BYTES,
  MAX_SIGNED_MESSAGE_BYTES,
  CoachSchema,
  PresenceSchema,
  SIGNED_MESSAGE_TYPE,
  maskNumber,
  type Coach,
  type Delivery,
  type DeliveryEffect,
  type Incoming,
  type Outgoing,
  type Presence,
  type RosterEntry,
  type Sealed,
} from '../../../shared/team-mail.js';
import { DaySummarySchema, type DaySummary } from '../../../shared/team-stats.js';
import { SignedSchema, type Member, type Signed } from '../../../shared/team.js';
import type { EscalationsService } from '../escalations.service.js';
import type { TeamStats } from './team-stats.service.js';
import type { TeamService } from './team.service.js';

type Refusal = Extract<Delivery, { reason: string }>;
const refuse = (code: Refusal['code'], reason: string): Refusal => ({ code, reason });

/** Today's calls of this desk, for its presence. */
export type CallsToday = () => { calls: number; talkSeconds: number };

/**
 * Team messages on the main side (issue 16, item 4). The renderer carries them over SIP and asks
 * here both ways: `seal` builds what this desk sends from its own records (an escalation it made,
 * an acknowledgement it gave, its presence, the directory) and signs it when the desk is in a team;
 * `deliver` decides every MESSAGE that arrived — the SIP answer, and what is stored — before the
 * renderer shows anything. In a team the signature against the directory is what is trusted, never
 * the PBX's From alone, and an unsigned message is refused. Every refusal is kept with its reason
 * (the lead's security events).
 */
export class TeamMail {
  /** The last presence of each member who reports to this desk (in memory: it comes again every heartbeat). */
  private readonly presence = new Map<string, { presence: Presence; receivedAt: number }>();

  constructor(
    private readonly team: TeamService,
    private readonly escalations: EscalationsService,
    private readonly settings: () => Settings,
    private readonly callsToday: CallsToday,
    private readonly stats: TeamStats,
    private readonly now: () => number = Date.now,
  ) {}

  seal(out: Outgoing): Sealed {
    if (out.kind === 'directory') {
      const signed = this.team.signedDirectory();
      if (!signed) throw new AppError(ErrorCode.BadArguments, 'this desk is in no team');
      return { contentType: DIRECTORY_MESSAGE_TYPE, body: deflateRawSync(JSON.stringify(signed), { level: 9 }).toString('base64') };
    }
    const payload = this.payloadOf(out);
    if (!this.team.directory()) return { contentType: TEAM_MESSAGE_TYPE, body: JSON.stringify(payload) };
    return { contentType: SIGNED_MESSAGE_TYPE, body: JSON.stringify(this.team.sign(payload)) };
  }

  deliver(message: Incoming): Delivery {
    let delivery: Delivery;
    try {
      delivery = this.judge(message);
    } catch (e) {
      delivery = refuse(e instanceof AppError && e.code !== ErrorCode.Internal ? 400 : 500, e instanceof Error ? e.message : String(e));
    }
    if (delivery.code !== 200) this.escalations.refused({ from: message.from.slice(0, 64), code: delivery.code, reason: delivery.reason.slice(0, 500) });
    return delivery;
  }

  /** The members who report to this desk, with what each last said. */
  roster(): RosterEntry[] {
    const me = this.team.me();
    if (!me) return [];
    return this.reportsTo(me).map((m) => {
      const last = this.presence.get(m.user);
      return { user: m.user, name: m.name, role: m.role, presence: last?.presence ?? null, receivedAt: last?.receivedAt ?? null };
    });
  }

  private reportsTo(me: Member): Member[] {
    return (this.team.directory()?.members ?? []).filter((m) => !m.revoked && m.user !== me.user && m.leads.includes(me.user));
  }

  private payloadOf(out: Exclude<Outgoing, { kind: 'directory' }>): TeamMessage | Presence | DaySummary | Coach {
    switch (out.kind) {
      case 'coach': {
        // only a lead, only to a member who reports to it, only signed
        const me = this.team.directory() ? this.team.me() : null;
        if (!me || !(me.role === 'lead' || me.role === 'admin')) throw new AppError(ErrorCode.Forbidden, 'coach messages are sent by a lead in a team');
        if (!this.reportsTo(me).some((m) => m.user === out.agent)) throw new AppError(ErrorCode.Forbidden, `${out.agent} does not report to ${me.user}`);
        return CoachSchema.parse({ v: 1, kind: 'coach', agent: out.agent, text: out.text, at: this.now() });
      }
      case 'escalation':
        return this.escalations.outgoing(out.id);
      case 'ack':
        return this.escalations.storedAck(out.id);
      case 'presence':
        return this.presenceOf(out.presence);
      case 'day-summary':
        if (!this.team.directory()) throw new AppError(ErrorCode.BadArguments, 'day summaries are for desks in a team');
        return this.stats.summary(out.daysAgo);
    }
  }

  private presenceOf(input: Extract<Outgoing, { kind: 'presence' }>['presence']): Presence {
    const status = this.team.status();
    if (!status.role) throw new AppError(ErrorCode.BadArguments, 'presence is for desks in a team');
    const call = input.call && { ...input.call, number: maskNumber(input.call.number) };
    return PresenceSchema.parse({ ...input, ...(call ? { call } : {}), v: 1, kind: 'presence', directoryVersion: status.version, today: this.callsToday() });
  }

  private judge({ from, contentType, body }: Incoming): Delivery {
    const type = mediaType(contentType);
    const inTeam = this.team.directory() !== null;
    if (type === TEAM_MESSAGE_TYPE) return inTeam ? refuse(403, 'unsigned team message: this desk is in a team') : this.unsigned(from, contentType, body);
    if (type !== SIGNED_MESSAGE_TYPE && type !== DIRECTORY_MESSAGE_TYPE) return refuse(415, `content type ${contentType ?? '(none)'} is not a Zuoxi team message`);
    if (!inTeam) return refuse(403, 'signed team message: this desk is in no team');
    const limit = type === DIRECTORY_MESSAGE_TYPE ? MAX_DIRECTORY_MESSAGE_BYTES : MAX_SIGNED_MESSAGE_BYTES;
    if (utf8Length(body) > limit) return refuse(413, `payload over ${limit} bytes`);
    const json = type === DIRECTORY_MESSAGE_TYPE ? inflated(body) : body;
    if (json === null) return refuse(400, `payload is not a deflated directory of at most ${MAX_DIRECTORY_JSON_BYTES} bytes`);
    const signed = parseSigned(json);
    if (!signed) return refuse(400, 'payload is not a signed { body, sig }');
    return type === DIRECTORY_MESSAGE_TYPE ? this.directory(from, signed) : this.signed(from, signed);
  }

  /** The admin's directory: taken when newer and signed by the pinned key; the one held already is a repeat (200). */
  private directory(from: string, signed: Signed): Delivery {
    const held = this.team.signedDirectory();
    if (held && held.body === signed.body && held.sig === signed.sig) return { code: 200, effect: { kind: 'directory', version: this.team.status().version } };
    try {
      return { code: 200, effect: { kind: 'directory', version: this.team.receiveDirectory(signed, `sip:${from}`).version } };
    } catch (e) {
      if (e instanceof AppError && e.code === ErrorCode.Forbidden) return refuse(403, e.message);
      throw e;
    }
  }

  private signed(from: string, signed: Signed): Delivery {
    const verdict = this.team.verify(signed, from);
    if (!verdict.ok) return refuse(403, `${verdict.reason}${verdict.from ? ` (claims ${verdict.from})` : ''}`);
    const me = this.team.me();
    if (!me) return refuse(403, 'this desk is not in its own directory');
    const sender = verdict.member;
    const kind = z.object({ kind: z.string() }).safeParse(verdict.envelope.payload);
    switch (kind.success ? kind.data.kind : '') {
      case 'escalation': {
        const p = EscalationPayloadSchema.safeParse(verdict.envelope.payload);
        if (!p.success) return refuse(400, `invalid escalation: ${issues(p.error)}`);
        if (p.data.agent !== sender.user) return refuse(403, `escalation from ${sender.user} claims agent ${p.data.agent}`);
        if (!sender.leads.includes(me.user)) return refuse(403, `${me.user} is not a lead of ${sender.user}`);
        return { code: 200, effect: this.escalation(p.data, sender.user) };
      }
      case 'escalation-ack': {
        const p = AckPayloadSchema.safeParse(verdict.envelope.payload);
        if (!p.success) return refuse(400, `invalid escalation-ack: ${issues(p.error)}`);
        if (p.data.by !== sender.user) return refuse(403, `acknowledgement from ${sender.user} claims ${p.data.by}`);
        if (!me.leads.includes(sender.user)) return refuse(403, `${sender.user} is not a lead of ${me.user}`);
        return { code: 200, effect: { kind: 'ack', escalation: this.escalations.acknowledged({ ack: p.data }) } };
      }
      case 'presence': {
        const p = PresenceSchema.safeParse(verdict.envelope.payload);
        if (!p.success) return refuse(400, `invalid presence: ${issues(p.error)}`);
        if (!sender.leads.includes(me.user)) return refuse(403, `${me.user} is not a lead of ${sender.user}`);
        const receivedAt = this.now();
        this.presence.set(sender.user, { presence: p.data, receivedAt });
        return { code: 200, effect: { kind: 'presence', entry: { user: sender.user, name: sender.name, role: sender.role, presence: p.data, receivedAt } } };
      }
      case 'day-summary': {
        const p = DaySummarySchema.safeParse(verdict.envelope.payload);
        if (!p.success) return refuse(400, `invalid day-summary: ${issues(p.error)}`);
        if (!sender.leads.includes(me.user)) return refuse(403, `${me.user} is not a lead of ${sender.user}`);
        this.stats.keep(sender.user, p.data);
        return { code: 200, effect: { kind: 'day-summary', user: sender.user, day: p.data.day } };
      }
      case 'coach': {
        const p = CoachSchema.safeParse(verdict.envelope.payload);
        if (!p.success) return refuse(400, `invalid coach: ${issues(p.error)}`);
        if (p.data.agent !== me.user) return refuse(403, `coach message from ${sender.user} is for ${p.data.agent}`);
        if (!(sender.role === 'lead' || sender.role === 'admin') || !me.leads.includes(sender.user)) return refuse(403, `${sender.user} is not a lead of ${me.user}`);
        return { code: 200, effect: { kind: 'coach', from: sender.user, name: sender.name, text: p.data.text, at: p.data.at } };
      }
      default:
        return refuse(400, `unknown kind ${kind.success ? kind.data.kind : '(none)'}`);
    }
  }

  /** A desk in no team: the PBX's From and the desk's own lists decide (shared/escalation.ts). */
  private unsigned(from: string, contentType: string | undefined, body: string): Delivery {
    if (utf8Length(body) > MAX_TEAM_MESSAGE_BYTES) return refuse(413, `payload over ${MAX_TEAM_MESSAGE_BYTES} bytes`);
    const team = this.settings().team;
    const parsed = parseTeamMessage(from, contentType, body, { escalation: team.role === 'lead' ? team.agents : [], ack: team.leads });
    if (!parsed.ok) return parsed.refusal;
    const m = parsed.message;
    return { code: 200, effect: m.kind === 'escalation' ? this.escalation(m, from) : { kind: 'ack', escalation: this.escalations.acknowledged({ ack: m }) } };
  }

  /** Stored once however often delivered; a repeat of one acknowledged means the acknowledgement was lost. */
  private escalation(payload: z.infer<typeof EscalationPayloadSchema>, from: string): DeliveryEffect {
    const r = this.escalations.receive({ payload, from });
    return { kind: 'escalation', escalation: r.escalation, isNew: r.isNew, ackAgain: r.ack !== null };
  }
}

/** The directory's JSON from its base64 raw-deflate; null for anything else, or past the cap. */
function inflated(body: string): string | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return null;
  try {
    return inflateRawSync(Buffer.from(body, 'base64'), { maxOutputLength: MAX_DIRECTORY_JSON_BYTES }).toString('utf8');
  } catch {
    return null;
  }
}

function parseSigned(body: string): Signed | null {
  try {
    const parsed = SignedSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
