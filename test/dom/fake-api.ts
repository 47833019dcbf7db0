import type { MemberView, TeamStatus } from '../../shared/team';
import type { RosterEntry } from '../../shared/team-mail';
import { vi } from 'vitest';
import type { SetChecklist } from '../../shared/call-script';
import type { AgentApi } from '../../shared/ipc-contract';
import { fail, ok } from '../../shared/result';
import type { Settings } from '../../shared/settings';
import { PhraseLibrarySchema, type Phrase } from '../../shared/phrases';
import zhCN from '../../resources/phrases/zh-CN.json';
import policy from '../../resources/policies/default.json';
import { DeadlinePolicySchema } from '../../shared/deadlines';
import type { VisitDeadline } from '../../shared/visits';

/** The shipped library: DOM tests show the real wording. */
export const PHRASES = PhraseLibrarySchema.parse(zhCN);

export const SETTINGS: Settings = {
  locale: 'zh-CN',
  companyName: '',
  audioProcessing: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  dtmfMode: 'rfc4733',
  audioDevices: { input: null, output: null, ringer: null },
  callWaiting: true,
  callPolicy: { refer: 'refuse', internalNumbers: '' },
  wrapUpEnd: { then: 'ready', reasonId: 'break' },
  retention: { days: null, action: 'anonymise' },
  appearance: { fontSize: 'standard', theme: 'light', density: 'standard' },
  deskLayout: { railPx: 300, assistPx: 420, rosterPx: 240 },
  onboarding: { companyAsked: true, teamAsked: true },
  autoAnswer: false,
  chatCapacity: { conversations: 5, onCall: 1 },
  kbSynonyms: [],
  kbModelDir: null,
  massIncident: { minVisits: 5, windowMinutes: 30, similarity: 0.3 },
  monitoring: { modes: ['listen', 'whisper', 'barge'], discloseListen: true, pbx: { kind: 'desk', prefix: '', digits: { listen: '4', whisper: '5', barge: '6' } }, recording: { enabled: false, retentionDays: 30 } },
  team: { role: 'agent', leads: ['1005'], agents: [], ackTimeoutSeconds: 60, presenceSeconds: 15 },
  compliance: { officialHosts: ['example.com'], staffNames: [], internalPatterns: [], unreleased: [], sensitiveWords: ['记者', '媒体', '曝光', '报警', '找领导'] },
  visitCategories: [
    { id: 'consult', label: { 'zh-CN': '咨询', 'en-US': 'Enquiry' }, followUp: 'none' },
    { id: 'complaint', label: { 'zh-CN': '投诉', 'en-US': 'Complaint' }, followUp: 'complaint' },
  ],
  deadlinePolicy: DeadlinePolicySchema.parse(policy),
  notReadyReasons: [
    { id: 'break', label: { 'zh-CN': '小休', 'en-US': 'Short break' } },
    { id: 'meal', label: { 'zh-CN': '用餐', 'en-US': 'Meal' } },
  ],
};

/** An in-memory AgentApi for component tests (the real transports are tested in unit and e2e). */
export function fakeApi() {
  let settings = SETTINGS;
  let phrases = PHRASES;
  const api = {
    app: {
      getInfo: vi.fn(async () =>
        ok({ name: 'zuoxi', version: '0.1.0', host: 'browser' as const, platform: 'linux', database: { path: '/tmp/z.sqlite3', schemaVersion: 2 } }),
      ),
    },
    settings: {
      get: vi.fn(async () => ok(settings)),
      update: vi.fn(async (patch: Partial<Settings>) => ok((settings = { ...settings, ...patch }))),
    },
    agentState: { record: vi.fn(async () => ok(null)) },
    sipAccount: {
      get: vi.fn(async () => ok({ account: null, hasPassword: false })),
      save: vi.fn(),
      credentials: vi.fn(async () => fail('not-found', 'no SIP account is configured')),
    },
    // the visit log is tested on real SQLite (unit) and end to end; here it is empty
    visits: {
      open: vi.fn(),
      get: vi.fn(async () => fail('not-found', 'no visit')),
      callEnded: vi.fn(),
      update: vi.fn(),
      saveDraft: vi.fn(),
      unsavedDrafts: vi.fn(async () => ok([])),
      list: vi.fn(async () => ok({ items: [], total: 0, totalCapped: false })),
      history: vi.fn(async () => ok([])),
      report: vi.fn(),
      export: vi.fn(),
      massIncidents: vi.fn(async () => ok([])),
      submitEvent: vi.fn(),
      setEventStatus: vi.fn(),
      linkArticle: vi.fn(),
      unlinkArticle: vi.fn(),
      setChecklist: vi.fn(async (_: SetChecklist) => ok(null)),
      logOverride: vi.fn(),
    },
    kb: { search: vi.fn(async () => ok([])), get: vi.fn(async () => fail('not-found', 'no article')), importBegin: vi.fn(), importChunk: vi.fn(), importCommit: vi.fn(), importAbort: vi.fn(), count: vi.fn(async () => ok(1)), unreleased: vi.fn(async () => ok([])), semanticStatus: vi.fn(async () => ok({ dir: null, model: null, error: null, embedded: 0, articles: 1 })) },
    phrases: {
      library: vi.fn(async () => ok(phrases)),
      save: vi.fn(async ({ phrase }: { phrase: Phrase }) => ok((phrases = { ...phrases, phrases: phrases.phrases.map((p) => (p.id === phrase.id ? phrase : p)) }))),
      remove: vi.fn(async ({ id }: { id: string }) => ok((phrases = { ...phrases, phrases: phrases.phrases.filter((p) => p.id !== id) }))),
      import: vi.fn(),
    },
    maintenance: { progress: vi.fn(async () => ok(null)) },
    team: {
      status: vi.fn(async () =>
        ok({ role: null, user: null, teamId: null, company: null, version: 0, members: 0, fingerprint: 'AAAA BBBB CCCC DDDD', adminFingerprint: null, managed: [] } as TeamStatus),
      ),
      joinRequest: vi.fn(),
      join: vi.fn(),
      receiveDirectory: vi.fn(),
      members: vi.fn(async () => ok([] as MemberView[])),
      roster: vi.fn(async () => ok([] as RosterEntry[])),
      seal: vi.fn(async () => ok({ contentType: 'application/vnd.zuoxi.team+json', body: '{}' })),
      deliver: vi.fn(),
      create: vi.fn(),
      addMember: vi.fn(),
      revoke: vi.fn(),
      provisioning: vi.fn(),
      directoryFile: vi.fn(),
      monitorToken: vi.fn(),
      authorizeMonitor: vi.fn(),
    },
    handover: { create: vi.fn(), acknowledge: vi.fn(), recent: vi.fn(async () => ok([])) },
    deadlines: {
      running: vi.fn(async () => ok([] as VisitDeadline[])),
      pause: vi.fn(async () => fail('not-found', 'no deadline')),
      resume: vi.fn(async () => fail('not-found', 'no deadline')),
      complete: vi.fn(async () => fail('not-found', 'no deadline')),
      alerted: vi.fn(async () => ok(true)),
    },
  };
  return api as typeof api & AgentApi;
}
