/**
 * The renderer → main contract: every service the UI may call, declared once.
 *
 * Each entry names a channel (`namespace.method`), the zod schema of its single argument (checked
 * on the main side before any handler runs) and, as a type only, what it returns. Both transports
 * (Electron `ipcMain.handle` and the browser host's loopback WebSocket) serve the same handler
 * table, and both renderer clients (the preload bridge and the WebSocket bridge) are built by
 * `createAgentApi`, so the two hosts cannot drift. Every call resolves to a `Result`; nothing throws
 * across the boundary.
 */
import { z } from 'zod';
import { AgentStatus } from './agent-state.js';
import { SetChecklistSchema } from './call-script.js';
import { ListDeskLogSchema, ReferRefusedSchema, type DeskLogEntry } from './desk-log.js';
import { LogOverrideSchema, type ComplianceOverride } from './compliance.js';
import { AttemptSchema, NewEscalationSchema, RespondSchema, SipUser, type Escalation } from './escalation.js';
import type { Result } from './result.js';
import { AddMemberSchema, CreateTeamSchema, JoinRequestInputSchema, SignedSchema, type JoinRequest, type MemberView, type Provisioning, type Signed, type TeamStatus } from './team.js';
import { DaySchema, type TeamWeek } from './team-stats.js';
import { ChatComposeSchema, ChatConversationSchema, ChatIncomingSchema, ChatMessageIdSchema, ChatSentSchema, type ChatDelivery, type ChatMessage, type ChatOutgoing, type Conversation, type TypingSpeed } from './chat.js';
import { RecordingAppendSchema, RecordingEndSchema, RecordingIdSchema, RecordingListSchema, RecordingStartSchema, type RecordingInfo } from './recording.js';
import { MonitorModeSchema, MonitorRequestSchema, MonitorStartSchema, type MonitorAuthorization, type MonitorRecord } from './monitoring.js';
import { IncomingSchema, OutgoingSchema, type Delivery, type RosterEntry, type Sealed } from './team-mail.js';
import { AcknowledgeItemSchema, CreateHandoverSchema, type Handover } from './handover.js';
import type { MassIncident } from './mass-incident.js';
import { PhraseSchema, type PhraseLibrary } from './phrases.js';
import { LocaleSchema, SettingsPatchSchema, type Settings } from './settings.js';
import { SaveSipAccountSchema, type SipAccount, type SipCredentials } from './softphone.js';
import {
  CallEndedSchema,
  CustomerNumberSchema,
  ExportVisitsSchema,
  LinkArticleSchema,
  ListVisitsSchema,
  OpenVisitSchema,
  ReportPeriodSchema,
  SaveDraftSchema,
  SetEventStatusSchema,
  SubmitEventSchema,
  UnlinkArticleSchema,
  UpdateVisitSchema,
  type VisitDeadline,
  type LinkedArticle,
  type Visit,
  type VisitDetail,
  type VisitEvent,
  type VisitReport,
  type UnsavedDraft,
} from './visits.js';
import { ArticleIdSchema, ImportChunkSchema, KbSearchSchema, UploadIdSchema, type Article, type ImportSummary, type KbHit } from './kb.js';

/** A type-only marker for a channel's result (no runtime cost). */
const returns = <T>(): T => undefined as T;

export type HostKind = 'electron' | 'browser';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly host: HostKind;
  readonly platform: string;
  readonly database: { readonly path: string; readonly schemaVersion: number };
}

const NoArgs = z.undefined();
const ById = z.object({ id: z.number().int().positive() }).strict();

export interface SipAccountView {
  readonly account: SipAccount | null;
  readonly hasPassword: boolean;
}

export const AgentStateChangeSchema = z
  .object({
    status: z.enum([AgentStatus.Ready, AgentStatus.NotReady, AgentStatus.Ringing, AgentStatus.OnCall, AgentStatus.WrapUp]),
    reasonId: z.string().min(1).max(32).optional(),
    /** When the agent changed state, ms since the epoch (the renderer's clock). */
    at: z.number().int().positive(),
  })
  .strict()
  .refine((c) => (c.status === AgentStatus.NotReady) === (c.reasonId !== undefined), {
    message: 'reasonId is required for not-ready and only for not-ready',
  });
export type AgentStateChange = z.infer<typeof AgentStateChangeSchema>;

export const contract = {
  'app.getInfo': { args: NoArgs, result: returns<AppInfo>() },
  'settings.get': { args: NoArgs, result: returns<Settings>() },
  'settings.update': { args: SettingsPatchSchema, result: returns<Settings>() },
  'agentState.record': { args: AgentStateChangeSchema, result: returns<null>() },
  'sipAccount.get': { args: NoArgs, result: returns<SipAccountView>() },
  /** Saves the line; `password` is optional (absent keeps the stored one) and never returned. */
  'sipAccount.save': { args: SaveSipAccountSchema, result: returns<SipAccountView>() },
  /** Account + HA1 for digest auth: the password itself never crosses the boundary. */
  'sipAccount.credentials': { args: NoArgs, result: returns<SipCredentials>() },
  /** Opens the visit for an answered or placed call (the same call id returns the same visit). */
  'visits.open': { args: OpenVisitSchema, result: returns<Visit>() },
  'visits.get': { args: ById, result: returns<VisitDetail>() },
  /** The call behind the visit ended: its end time is written once (handle time, 通话时长). */
  'visits.callEnded': { args: CallEndedSchema, result: returns<Visit>() },
  /** Saves the wrap-up form: validated, audited, follow-ups recomputed, draft dropped. */
  'visits.update': { args: UpdateVisitSchema, result: returns<Visit>() },
  /** Autosave of the form being typed (crash-safe); not audited, not searchable until saved. */
  'visits.saveDraft': { args: SaveDraftSchema, result: returns<{ savedAt: number; kept: boolean }>() },
  /** Drafts typed and never saved (newer than their visit): listed when the desk starts. */
  'visits.unsavedDrafts': { args: NoArgs, result: returns<UnsavedDraft[]>() },
  'visits.list': { args: ListVisitsSchema, result: returns<{ items: Visit[]; total: number; totalCapped: boolean }>() },
  /** A caller's earlier visits, for the screen pop. */
  'visits.history': { args: z.object({ customerNumber: CustomerNumberSchema }).strict(), result: returns<Visit[]>() },
  /** Volumes, complaints, answer rates and handle time for a period (daily / weekly report). */
  'visits.report': { args: ReportPeriodSchema, result: returns<VisitReport>() },
  /** The visits of a period as a spreadsheet file (base64), for the renderer to save. */
  'visits.export': { args: ExportVisitsSchema, result: returns<{ fileName: string; base64: string }>() },
  /** Hands part of a visit to another department (R-EVENT); the visit waits for it. */
  'visits.submitEvent': { args: SubmitEventSchema, result: returns<VisitEvent>() },
  /** Knowledge articles the answer came from (R-KB-COMPLETE); returns the visit's linked articles. */
  'visits.linkArticle': { args: LinkArticleSchema, result: returns<LinkedArticle[]>() },
  'visits.unlinkArticle': { args: UnlinkArticleSchema, result: returns<LinkedArticle[]>() },
  'visits.setEventStatus': { args: SetEventStatusSchema, result: returns<VisitEvent>() },
  /** The call's script checklist (greeting, waiting, confirmed, closing), visible to the lead. */
  'visits.setChecklist': { args: SetChecklistSchema, result: returns<null>() },
  /** A reply kept despite a high-severity compliance finding, with the agent's reason. */
  'visits.logOverride': { args: LogOverrideSchema, result: returns<ComplianceOverride>() },
  /** Similar visits piling up in the recent window: a mass incident to report (R-MASS). */
  'visits.massIncidents': { args: NoArgs, result: returns<MassIncident[]>() },
  /** Shift handover: the outgoing agent lists open matters; the incoming agent acknowledges each. */
  /** The agent raises an escalation (queued until a lead's desk answers 200; the renderer sends it). */
  'escalations.create': { args: NewEscalationSchema, result: returns<Escalation>() },
  /** One send attempt and the SIP response code it got. */
  'escalations.attempted': { args: AttemptSchema, result: returns<Escalation>() },
  /** The lead acknowledges or resolves (the acknowledgement is then sealed with team.seal and sent). */
  'escalations.respond': { args: RespondSchema, result: returns<Escalation>() },
  'escalations.list': { args: z.object({ direction: z.enum(['out', 'in']) }).strict(), result: returns<Escalation[]>() },
  'escalations.refusals': { args: NoArgs, result: returns<{ at: number; from: string; code: number; reason: string }[]>() },
  /** The softphone refused a REFER from the far end (call policy): written to the desk log. */
  'deskLog.referRefused': { args: ReferRefusedSchema, result: returns<DeskLogEntry>() },
  /** Long background work of the main side (re-indexing after a tokenizer change, the retention policy), for the status bar; null when idle. */
  'maintenance.progress': { args: NoArgs, result: returns<{ task: 'reindex-visits' | 'reindex-kb' | 'retention'; done: number; total: number } | null>() },
  /** The desk log, newest first: refused REFERs, exports, retention runs. */
  'deskLog.list': { args: ListDeskLogSchema, result: returns<DeskLogEntry[]>() },
  /** This desk's team: role, directory version, fingerprints, the settings the team manages here. */
  'team.status': { args: NoArgs, result: returns<TeamStatus>() },
  /** What to send the team's admin to be added (this desk's public key; never the private one). */
  'team.joinRequest': { args: JoinRequestInputSchema.strict(), result: returns<JoinRequest>() },
  /** Joins with the admin's provisioning file (checked on the main side: pinned key, signature, this desk listed). */
  'team.join': { args: z.object({ provisioning: z.unknown() }).strict(), result: returns<TeamStatus>() },
  /** A newer directory from the admin, as received (taken only when signed by the pinned key and newer). */
  'team.receiveDirectory': { args: z.object({ signed: SignedSchema }).strict(), result: returns<TeamStatus>() },
  /** The directory's members as anyone in the team may see them (keys as fingerprints). */
  'team.members': { args: NoArgs, result: returns<MemberView[]>() },
  /** Admin desk: starts a team with this desk as its admin. */
  'team.create': { args: CreateTeamSchema, result: returns<TeamStatus>() },
  /** Admin desk: adds (or moves) the desk of a join request; a new signed version. */
  'team.addMember': { args: AddMemberSchema, result: returns<TeamStatus>() },
  /** Admin desk: the member's messages are refused from the new version on. */
  'team.revoke': { args: z.object({ user: SipUser }).strict(), result: returns<TeamStatus>() },
  /** The signed directory held, as a file for a desk out of reach (`zuoxi team receive`, or 导入新版团队名录文件). */
  'team.directoryFile': { args: NoArgs, result: returns<Signed>() },
  /** Admin desk: the provisioning file a new member joins with. */
  'team.provisioning': { args: NoArgs, result: returns<Provisioning>() },
  /** What this desk sends, built and (in a team) signed on the main side from its own records. */
  'team.seal': { args: OutgoingSchema, result: returns<Sealed>() },
  /** A MESSAGE that arrived: checked here (signature, directory, replay, sender), stored, and the SIP answer decided. */
  'team.deliver': { args: IncomingSchema, result: returns<Delivery>() },
  /** Lead: the members who report to this desk, with their last presence. */
  'team.roster': { args: NoArgs, result: returns<RosterEntry[]>() },
  /** Lead: the signed monitoring request for an agent's call, as the X-Zuoxi-Monitor header of the INVITE (issue 17). */
  'team.monitorToken': { args: MonitorRequestSchema.omit({ kind: true }).strict(), result: returns<{ header: string }>() },
  /** Agent: whether the caller of a monitoring INVITE may monitor this desk, and how (refusals are security events). */
  'team.authorizeMonitor': { args: z.object({ from: z.string().max(64), token: z.string().max(4096) }).strict(), result: returns<MonitorAuthorization>() },
  /** A monitoring leg began on this desk (either side), switched mode, ended: kept for the spot checks. */
  'monitoring.started': { args: MonitorStartSchema, result: returns<MonitorRecord>() },
  'monitoring.changed': { args: z.object({ id: z.number().int().positive(), mode: MonitorModeSchema, at: z.number().int() }).strict(), result: returns<MonitorRecord | null>() },
  'monitoring.ended': { args: z.object({ id: z.number().int().positive(), at: z.number().int() }).strict(), result: returns<MonitorRecord | null>() },
  /** The newest monitoring legs of this desk: the agent sees who listened, the lead what it monitored. */
  'monitoring.list': { args: NoArgs, result: returns<MonitorRecord[]>() },
  /** The online channel (issue 18): a chat MESSAGE that arrived, stored (once) before anything shows it; the SIP answer. */
  'chat.receive': { args: ChatIncomingSchema, result: returns<ChatDelivery>() },
  /** The agent's reply, stored and queued before it is sent (split when long). */
  'chat.compose': { args: ChatComposeSchema, result: returns<ChatOutgoing[]>() },
  'chat.sent': { args: ChatSentSchema, result: returns<ChatMessage>() },
  'chat.retry': { args: ChatMessageIdSchema, result: returns<ChatOutgoing>() },
  /** Everything still to send, after a reconnect or a restart. */
  'chat.pending': { args: NoArgs, result: returns<ChatOutgoing[]>() },
  'chat.close': { args: ChatConversationSchema, result: returns<Conversation>() },
  'chat.open': { args: NoArgs, result: returns<Conversation[]>() },
  'chat.transcript': { args: ChatConversationSchema, result: returns<ChatMessage[]>() },
  /** An online visit's transcript (来访记录). */
  /** This agent's typing speed in chat replies since `from` (ms). */
  'chat.typingSpeed': { args: z.object({ from: z.number().int() }).strict(), result: returns<TypingSpeed>() },
  'chat.forVisit': { args: z.object({ visitId: z.number().int().positive() }).strict(), result: returns<ChatMessage[]>() },
  /** Call recording (issue 17, item 6): refused while the team's policy has it off. */
  'recordings.start': { args: RecordingStartSchema, result: returns<RecordingInfo>() },
  'recordings.append': { args: RecordingAppendSchema, result: returns<RecordingInfo>() },
  'recordings.end': { args: RecordingEndSchema, result: returns<RecordingInfo>() },
  'recordings.forVisit': { args: RecordingListSchema, result: returns<RecordingInfo[]>() },
  /** Lead (or a desk alone): one recording's audio for playback. */
  'recordings.read': { args: RecordingIdSchema, result: returns<{ mime: string; base64: string }>() },
  /** Lead: the week from `monday`, per agent and for the team, from the members' signed day summaries. */
  'team.week': { args: z.object({ monday: DaySchema }).strict(), result: returns<TeamWeek>() },
  /** Lead: the same week as an XLSX. */
  'team.weekExport': { args: z.object({ monday: DaySchema }).strict(), result: returns<{ fileName: string; base64: string }>() },
  /** Published articles for free text (search as you type; any text is safe). */
  'kb.search': { args: KbSearchSchema, result: returns<KbHit[]>() },
  'kb.get': { args: z.object({ id: ArticleIdSchema }).strict(), result: returns<Article>() },
  /** An article's words for a customer (a chat reply): published ones only, and never an internal-only one (forbidden). */
  'kb.customerText': { args: z.object({ id: ArticleIdSchema }).strict(), result: returns<string>() },
  /** The optional semantic signal (issue 19): the admin's model folder, the model in use or why there is none, articles embedded. */
  'kb.semanticStatus': { args: NoArgs, result: returns<{ dir: string | null; model: string | null; error: string | null; embedded: number; articles: number }>() },
  /** All or nothing: a bad record fails with file and line for each problem, and nothing changes. */
  'kb.importBegin': { args: NoArgs, result: returns<{ uploadId: string }>() },
  /** The next piece of one file (in order); nothing is written until the commit. */
  'kb.importChunk': { args: ImportChunkSchema, result: returns<{ received: number }>() },
  'kb.importCommit': { args: z.object({ uploadId: UploadIdSchema }).strict(), result: returns<ImportSummary>() },
  'kb.importAbort': { args: z.object({ uploadId: UploadIdSchema }).strict(), result: returns<null>() },
  /** Titles of articles not published yet: never to be mentioned to a customer (R-NO-UNRELEASED). */
  'kb.unreleased': { args: NoArgs, result: returns<string[]>() },
  /** How many articles the knowledge base holds (the first-run card says how to import when none). */
  'kb.count': { args: NoArgs, result: returns<number>() },
  /** The scripted-phrase library for a UI language (standard wording, counter-examples). */
  'phrases.library': { args: z.object({ locale: LocaleSchema }).strict(), result: returns<PhraseLibrary>() },
  /** Adds or replaces a phrase (the company's own from then on: shipped updates never overwrite it). */
  'phrases.save': { args: z.object({ locale: LocaleSchema, phrase: PhraseSchema }).strict(), result: returns<PhraseLibrary>() },
  'phrases.remove': { args: z.object({ locale: LocaleSchema, id: PhraseSchema.shape.id }).strict(), result: returns<PhraseLibrary>() },
  /** Replaces the library with an exported file's text (all or nothing, every problem with its path; 300k characters fit the 1 MiB message limit). */
  'phrases.import': { args: z.object({ locale: LocaleSchema, json: z.string().min(2).max(300_000) }).strict(), result: returns<PhraseLibrary>() },
  'handover.create': { args: CreateHandoverSchema, result: returns<Handover[]>() },
  'handover.acknowledge': { args: AcknowledgeItemSchema, result: returns<Handover[]>() },
  'handover.recent': { args: NoArgs, result: returns<Handover[]>() },
  /** The deadline board: every running clock of every visit, soonest due first, paused ones last. */
  'deadlines.running': { args: NoArgs, result: returns<VisitDeadline[]>() },
  /** The customer owes an answer: stops a clock whose rule pauses on customer-wait (else Forbidden). */
  'deadlines.pause': { args: ById, result: returns<VisitDeadline>() },
  'deadlines.resume': { args: ById, result: returns<VisitDeadline>() },
  'deadlines.complete': { args: ById, result: returns<VisitDeadline>() },
  /** The desk told the agent: true for the first teller only (no repeats after a restart or in a second window). */
  'deadlines.alerted': { args: z.object({ id: z.number().int().positive(), kind: z.enum(['due-soon', 'breached']) }).strict(), result: returns<boolean>() },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

/** What the renderer passes (schema input) and what a handler receives (schema output). */
export type ArgsIn<C extends Channel> = z.input<Contract[C]['args']>;
export type ArgsOut<C extends Channel> = z.output<Contract[C]['args']>;
export type ResultOf<C extends Channel> = Contract[C]['result'];

export const isChannel = (value: unknown): value is Channel =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);

type Namespace<C> = C extends `${infer N}.${string}` ? N : never;
type Method<C, N extends string> = C extends `${N}.${infer M}` ? M : never;
type Call<C extends Channel> = undefined extends ArgsIn<C>
  ? (args?: ArgsIn<C>) => Promise<Result<ResultOf<C>>>
  : (args: ArgsIn<C>) => Promise<Result<ResultOf<C>>>;

/** The typed API the renderer sees: `api.settings.update({ locale: 'en-US' })`. */
export type AgentApi = {
  readonly [N in Namespace<Channel>]: { readonly [M in Method<Channel, N>]: Call<Extract<Channel, `${N}.${M}`>> };
};

/** How a transport delivers one call; it must resolve (never reject) with a Result. */
export type Invoke = (channel: Channel, args: unknown) => Promise<Result<unknown>>;

/**
 * Builds the renderer-facing API: one function per contract entry, each bound to its own channel.
 * Used by the Electron preload (over ipcRenderer.invoke) and by the browser bridge (over WebSocket).
 */
export function createAgentApi(invoke: Invoke): AgentApi {
  const api: Record<string, Record<string, (args?: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of CHANNELS) {
    const [ns, method] = channel.split('.') as [string, string];
    const group = (api[ns] ??= {});
    group[method] = (args?: unknown) => invoke(channel, args);
  }
  return api as unknown as AgentApi;
}

/** The name the Electron preload exposes the API under (`window.zuoxi`). */
export const BRIDGE_GLOBAL = 'zuoxi';
