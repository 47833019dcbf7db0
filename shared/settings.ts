import { z } from 'zod';
import { ChatCapacitySchema } from './chat.js';
import { WRAP_UP_ENDS } from './agent-state.js';
import { AppearanceSchema } from './appearance.js';
import { ComplianceSettingsSchema } from './compliance.js';
import { DeadlinePolicySchema } from './deadlines.js';
import { TeamSettingsSchema } from './escalation.js';
import { SynonymsSchema } from './kb.js';
import { AudioDeviceChoiceSchema } from './audio-devices.js';
import { DeskLayoutSchema } from './desk-layout.js';
import { CallPolicySchema } from './call-policy.js';
import { MassIncidentPolicySchema } from './mass-incident.js';
import { MonitoringPolicySchema } from './monitoring.js';
import { RetentionPolicySchema } from './retention.js';
import { VisitCategorySchema } from './visits.js';

/** UI languages: Simplified Chinese first, English second. */
export const LOCALES = ['zh-CN', 'en-US'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

/** A reason an agent gives for NotReady (小休, 培训, …). Shown verbatim; ids stay stable for statistics. */
export const NotReadyReasonSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
    label: z.object({ 'zh-CN': z.string().min(1).max(20), 'en-US': z.string().min(1).max(40) }).strict(),
  })
  .strict();
export type NotReadyReason = z.infer<typeof NotReadyReasonSchema>;

/** Agent-desk settings kept in SQLite (the `settings` table holds one JSON value per key). */
/** Microphone processing; switch off to pass steady tones (tests) or when the headset does its own. */
export const AudioProcessingSchema = z
  .object({ echoCancellation: z.boolean(), noiseSuppression: z.boolean(), autoGainControl: z.boolean() })
  .strict();

export const SettingsSchema = z
  .object({
    locale: LocaleSchema,
    /** The company's name as agents say it ({company} in the scripted phrases). */
    companyName: z.string().trim().max(40),
    audioProcessing: AudioProcessingSchema,
    /** How DTMF is sent: RTP telephone-events (RFC 4733) or SIP INFO, as the PBX expects. */
    dtmfMode: z.enum(['rfc4733', 'info']),
    /** Headset microphone, earpiece and ringer, remembered by device label (null: system default). */
    audioDevices: AudioDeviceChoiceSchema,
    /** A second inbound call while on a call alerts (hold-and-answer or reject) instead of 486 Busy. */
    callWaiting: z.boolean(),
    /** REFER from the far end (refuse / internal only / ask) and the internal-number pattern (shared/call-policy.ts). */
    callPolicy: CallPolicySchema,
    /** Answer inbound calls at once when idle (headset agents with a zip tone); off by default. */
    autoAnswer: z.boolean(),
    /** Online conversations at once (issue 18), and while the agent is on a voice call. */
    chatCapacity: ChatCapacitySchema,
    /** Visit categories (咨询 / 订购 / 投诉 / 建议(VOC) / 报修 / 其他 by default); ids stay stable for reports. */
    visitCategories: z
      .array(VisitCategorySchema)
      .min(1)
      .max(30)
      .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'category ids must be unique'),
    /** When similar visits count as a mass incident to report (R-MASS). */
    massIncident: MassIncidentPolicySchema,
    /** Knowledge-base synonym groups: a query word also finds the other words of its group. */
    kbSynonyms: SynonymsSchema,
    /** A sentence-embedding model's folder (model.onnx + vocab.txt), set by the admin: the optional semantic signal (issue 19). */
    kbModelDir: z.string().trim().min(1).max(500).nullable(),
    /** Official link hosts, colleagues' names, internal patterns, unreleased names, sensitive words. */
    compliance: ComplianceSettingsSchema,
    /** Every clock: durations, amber thresholds, business hours, pauses and what a breach does (resources/policies/default.json). */
    deadlinePolicy: DeadlinePolicySchema,
    /** This desk's role, its team leads (primary first, then backups) and, for a lead, its agents. */
    team: TeamSettingsSchema,
    /** Which monitoring modes the leads may use, and disclosure of silent listening (R-MONITOR; managed by the team). */
    monitoring: MonitoringPolicySchema,
    /** First-run questions already asked (the company name is asked once, since the phrases use it). */
    /** First-run questions answered (or skipped); a desk stored before `teamAsked` existed is asked once. */
    onboarding: z.object({ companyAsked: z.boolean(), teamAsked: z.boolean().default(false) }).strict(),
    /** Text size, light or dark theme, density (remembered per desk). */
    appearance: AppearanceSchema,
    /** Pane sizes of the desk (phone rail, assist column, a lead's roster), as last dragged. */
    deskLayout: DeskLayoutSchema,
    /** How long customers' personal data is kept (off by default; shared/retention.ts). */
    retention: RetentionPolicySchema,
    /** What ends a wrap-up past its limit (the deadline policy's wrap-up clock): Ready, or NotReady with a reason. */
    wrapUpEnd: z.object({ then: z.enum(WRAP_UP_ENDS), reasonId: z.string().max(32) }).strict(),
    notReadyReasons: z
      .array(NotReadyReasonSchema)
      .min(1)
      .max(20)
      .refine((rs) => new Set(rs.map((r) => r.id)).size === rs.length, 'reason ids must be unique'),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingKey = keyof Settings;

export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
