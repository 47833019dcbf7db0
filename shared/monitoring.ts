/**
 * Team-lead monitoring (issue 17; R-MONITOR): who may listen to, whisper to or barge into an
 * agent's call. The lead's desk asks with a monitoring request signed by the lead's key (a team
 * message envelope, shared/team.ts) carried in the INVITE; the agent's desk answers only when the
 * request passes {@link judgeMonitorRequest} against its directory. Nothing the PBX or the renderer
 * says is trusted for this.
 */
import { z } from 'zod';
import { SipUser } from './escalation.js';
import { RECORDING_OFF, RecordingPolicySchema } from './recording.js';
import type { Member } from './team.js';

/** 监听 listen: the lead hears both sides; 耳语 whisper: the agent also hears the lead; 强插 barge: the customer too. */
export const MONITOR_MODES = ['listen', 'whisper', 'barge'] as const;
export const MonitorModeSchema = z.enum(MONITOR_MODES);
export type MonitorMode = z.infer<typeof MonitorModeSchema>;

const DtmfDigits = z.string().regex(/^[0-9*#]{1,4}$/, '1–4 DTMF digits (0-9, *, #)');

/**
 * Monitoring done by the PBX itself (issue 17, item 5): the lead's desk dials `prefix` + the
 * agent's extension and switches mode by DTMF, with the same roster, records and controls.
 * 'desk' is Zuoxi's own signed monitoring (the agent's desk mixes); the presets are the PBXs' own
 * digits: Asterisk ChanSpy with its `d` option (4 spy, 5 whisper, 6 barge), FreeSWITCH eavesdrop
 * (0 back to eavesdrop, 2 speak to the eavesdropped channel, 3 three-way). The prefix is the
 * site's dial plan (FreeSWITCH's sample plan uses 88 + extension).
 */
export const PBX_MONITORING = ['desk', 'asterisk', 'freeswitch'] as const;
export const PBX_PRESETS: Readonly<Record<Exclude<(typeof PBX_MONITORING)[number], 'desk'>, { readonly prefix: string; readonly digits: Readonly<Record<MonitorMode, string>> }>> = {
  asterisk: { prefix: '', digits: { listen: '4', whisper: '5', barge: '6' } },
  freeswitch: { prefix: '88', digits: { listen: '0', whisper: '2', barge: '3' } },
};
export const PbxMonitoringSchema = z
  .object({
    kind: z.enum(PBX_MONITORING),
    /** Dialled before the agent's extension (feature code). */
    prefix: z.string().regex(/^[0-9*#]{0,8}$/, 'up to 8 dial digits (0-9, *, #)'),
    digits: z.object({ listen: DtmfDigits, whisper: DtmfDigits, barge: DtmfDigits }).strict(),
  })
  .strict()
  .refine((p) => p.kind === 'desk' || p.prefix.length > 0, { message: 'the PBX needs its monitoring feature code', path: ['prefix'] });
export type PbxMonitoring = z.infer<typeof PbxMonitoringSchema>;
const DESK_MONITORING: PbxMonitoring = { kind: 'desk', prefix: '', digits: { ...PBX_PRESETS.asterisk.digits } };

/** The team's monitoring policy (a managed setting, carried in the signed directory). */
export const MonitoringPolicySchema = z
  .object({
    /** The modes a lead may use on this team's calls. */
    modes: z.array(MonitorModeSchema).max(3),
    /** Silent listening may be hidden from the agent where the company says so; whisper and barge are always shown. */
    discloseListen: z.boolean(),
    /** Who monitors: this desk with the agent's (signed), or the PBX by feature code (older settings: the desk). */
    pbx: PbxMonitoringSchema.default(DESK_MONITORING),
    /** Call recording on the desks (item 6); off unless the company turns it on. */
    recording: RecordingPolicySchema.default(RECORDING_OFF),
  })
  .strict();
export type MonitoringPolicy = z.infer<typeof MonitoringPolicySchema>;

/** The SIP header that carries the signed request on the lead's INVITE (base64url of `{ body, sig }`). */
export const MONITOR_HEADER = 'X-Zuoxi-Monitor';
/** A mode switch inside the monitoring dialog: an INFO whose body is a new signed request (same agent and call, new mode). */
export const MONITOR_MODE_TYPE = 'application/vnd.zuoxi.monitor-mode';

/** What the lead signs: whom, how, and which of the agent's calls (as the agent's presence named it). */
export const MonitorRequestSchema = z
  .object({
    kind: z.literal('monitor-request'),
    agent: SipUser,
    mode: MonitorModeSchema,
    /** The agent's customer call, by its number as the lead saw it (masked), and since when. */
    call: z.object({ number: z.string().max(32), since: z.number().int() }).strict(),
  })
  .strict();
export type MonitorRequest = z.infer<typeof MonitorRequestSchema>;

export type MonitorRefusal = 'not-for-me' | 'not-my-lead' | 'mode-not-allowed' | 'malformed';
export type MonitorVerdict = { readonly ok: true; readonly request: MonitorRequest; readonly lead: Member } | { readonly ok: false; readonly reason: MonitorRefusal };

/**
 * Whether this (agent's) desk lets a verified sender monitor it: the request names this desk, the
 * sender is a lead or admin among this desk's leads, and the team's policy allows the mode. The
 * signature, freshness and nonce are judged before this (judgeMessage).
 */
export function judgeMonitorRequest(payload: unknown, sender: Member, me: Member, policy: MonitoringPolicy): MonitorVerdict {
  const parsed = MonitorRequestSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const request = parsed.data;
  if (request.agent !== me.user) return { ok: false, reason: 'not-for-me' };
  if (!(sender.role === 'lead' || sender.role === 'admin') || !me.leads.includes(sender.user)) return { ok: false, reason: 'not-my-lead' };
  if (!policy.modes.includes(request.mode)) return { ok: false, reason: 'mode-not-allowed' };
  return { ok: true, request, lead: sender };
}

/** The agent's desk's answer to a monitoring INVITE (decided on its main side). */
export type MonitorAuthorization =
  | { readonly ok: true; readonly mode: MonitorMode; readonly lead: { readonly user: string; readonly name: string }; readonly disclosed: boolean; readonly call: MonitorRequest['call'] }
  | { readonly ok: false; readonly reason: string };

/** Whether the agent is shown that this mode is on (whisper and barge always; listen as the policy says). */
export const disclosed = (mode: MonitorMode, policy: MonitoringPolicy) => mode !== 'listen' || policy.discloseListen;

/** A monitoring leg as each desk records it for the spot checks (R-MONITOR): who, how, when, which visit. */
export const MonitorStartSchema = z
  .object({
    side: z.enum(['lead', 'agent']),
    peer: SipUser,
    peerName: z.string().max(40).optional(),
    mode: MonitorModeSchema,
    at: z.number().int(),
    /** Agent side: the visit of the customer call monitored. */
    visitId: z.number().int().positive().optional(),
  })
  .strict();
export type MonitorStart = z.infer<typeof MonitorStartSchema>;

export interface MonitorRecord {
  readonly id: number;
  readonly side: 'lead' | 'agent';
  readonly peer: string;
  readonly peerName: string | null;
  /** Every mode the leg was in, from when. */
  readonly modes: readonly { readonly mode: MonitorMode; readonly at: number }[];
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly visitId: number | null;
}
