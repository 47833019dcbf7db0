import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HostKind } from '../../shared/ipc-contract.js';
import { AgentStateRepo } from '../db/agent-state.repo.js';
import { openDatabase, type Db } from '../db/database.js';
import { resolveNativeBinding } from '../db/native-binding.js';
import { SettingsRepo } from '../db/settings.repo.js';
import { HandoverRepo } from '../db/handover.repo.js';
import { SipAccountRepo } from '../db/sip-account.repo.js';
import { DeadlinesRepo } from '../db/deadlines.repo.js';
import { visitStores } from '../db/visit-stores.js';
import { KbRepo } from '../db/kb.repo.js';
import { PhrasesRepo } from '../db/phrases.repo.js';
import { EscalationsRepo } from '../db/escalations.repo.js';
import { SearchIndexRepo } from '../db/search-index.repo.js';
import { RetentionRepo } from '../db/retention.repo.js';
import type { DeskLogRepo } from '../db/desk-log.repo.js';
import { DATABASE_FILE } from './paths.js';
import { SearchIndexKeeper } from './search-index.service.js';
import { RetentionService } from './retention.service.js';
import { FileKeySecretStore, type SecretStore } from './secret-store.js';
import { loadDefaultSettings, SettingsService } from './settings.service.js';
import { SipAccountService } from './sip-account.service.js';
import { VisitsService } from './visits.service.js';
import { DeadlinesService } from './deadlines.service.js';
import { KbService } from './kb.service.js';
import { KbUploads } from './kb-upload.js';
import { PhrasesService } from './phrases.service.js';
import { EscalationsService } from './escalations.service.js';
import { TeamRepo } from '../db/team.repo.js';
import { MonitorSessionsRepo } from '../db/monitor-sessions.repo.js';
import { RecordingsRepo } from '../db/recordings.repo.js';
import { ChatService } from './chat.service.js';
import { KbSemantic } from './kb-semantic.js';
import { KbVectorsRepo } from '../db/kb-vectors.repo.js';
import { RecordingsService } from './recordings.service.js';
import { TeamStatsRepo } from '../db/team-stats.repo.js';
import { MonitorAuth } from './team/monitor-auth.service.js';
import { TeamMail } from './team/team-mail.service.js';
import { localDay, TeamStats } from './team/team-stats.service.js';
import { TeamService } from './team/team.service.js';

export interface AppContextOptions {
  readonly host: HostKind;
  readonly version: string;
  /** Folder for the database (created if missing). */
  readonly dataDir: string;
  /** The shipped resources/ folder (defaults, phrases, later policies). */
  readonly resourcesDir: string;
  /** Project root or packaged app root, where native/ builds live. */
  readonly appRoot: string;
  /** How secrets are sealed; default: a per-machine key file in dataDir (browser host, CLI). */
  readonly secrets?: SecretStore;
}

/** Everything the main-side handlers need, opened explicitly and closed once. */
export interface AppContext {
  readonly options: AppContextOptions;
  readonly db: Db;
  readonly settings: SettingsService;
  readonly agentStates: AgentStateRepo;
  readonly visits: VisitsService;
  readonly deadlines: DeadlinesService;
  readonly handovers: HandoverRepo;
  readonly kb: KbService;
  readonly kbSemantic: KbSemantic;
  /** Knowledge-base files arriving in chunks, until their import is committed. */
  readonly kbUploads: KbUploads;
  readonly phrases: PhrasesService;
  readonly escalations: EscalationsService;
  readonly sipAccount: SipAccountService;
  readonly deskLog: DeskLogRepo;
  /** This desk's team: identity, signed directory, managed policies, signed messages. */
  readonly team: TeamService;
  /** Team messages both ways: sealed (signed) to send, judged on arrival. */
  readonly teamMail: TeamMail;
  /** Day summaries sent to the leads, and the lead's weekly team report. */
  readonly teamStats: TeamStats;
  /** Monitoring requests: signed on a lead's desk, judged on the agent's (issue 17). */
  readonly monitorAuth: MonitorAuth;
  /** Monitoring legs on this desk, kept for the spot checks. */
  readonly monitorSessions: MonitorSessionsRepo;
  readonly recordings: RecordingsService;
  readonly chat: ChatService;
  /** Rebuilds free-text indexes made by an older tokenizer, in the background (started here). */
  readonly indexes: SearchIndexKeeper;
  /** Applies the retention policy in the background: at start, every few hours, and when it changes. */
  readonly retention: RetentionService;
  /** The agent at this desk (the line's agent id, else its SIP user). */
  readonly currentAgent: () => string;
  close(): void;
}

/** How often the retention policy is applied again while the desk runs. */
const RETENTION_EVERY_MS = 6 * 3_600_000;

export function createAppContext(options: AppContextOptions): AppContext {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase({
    path: join(options.dataDir, DATABASE_FILE),
    nativeBinding: resolveNativeBinding({ env: process.env, versions: process.versions, appRoot: options.appRoot, exists: existsSync }),
  });
  const defaults = loadDefaultSettings(options.resourcesDir);
  const settings = new SettingsService(new SettingsRepo(db), defaults);
  settings.seedDefaults();
  const secrets = options.secrets ?? new FileKeySecretStore(options.dataDir);
  const sipAccount = new SipAccountService(new SipAccountRepo(db), secrets);
  // the agent at this desk: the line's agent id, else its SIP user
  const currentAgent = () => {
    const account = sipAccount.get().account;
    return account?.agentId || account?.authUser || 'local';
  };
  // the line's SIP user: what the PBX proves as the From of this desk's messages
  const lineUser = () => /^sips?:([^@;]+)@/.exec(sipAccount.get().account?.sipUri ?? '')?.[1] ?? 'local';
  const deadlines = new DeadlinesService(new DeadlinesRepo(db), settings);
  const stores = visitStores(db);
  const indexes = new SearchIndexKeeper(new SearchIndexRepo(db));
  void indexes.run();
  const phrases = new PhrasesService(new PhrasesRepo(db), options.resourcesDir, currentAgent);
  const team = new TeamService(new TeamRepo(db), secrets, settings, phrases, (kind, detail) => stores.deskLog.append(Date.now(), currentAgent(), kind, detail));
  const escalations = new EscalationsService(new EscalationsRepo(db), lineUser);
  const agentStates = new AgentStateRepo(db);
  const visits = new VisitsService(stores, settings, currentAgent, deadlines);
  const teamStats = new TeamStats(new TeamStatsRepo(db), visits, stores.chat, team);
  const teamMail = new TeamMail(team, escalations, () => settings.get(), () => agentStates.callsSince(localDay(Date.now(), 0).from, Date.now()), teamStats);
  // the optional semantic signal: the admin's model folder, articles embedded in the background
  const kbVectors = new KbVectorsRepo(db);
  const kbSemantic = new KbSemantic(kbVectors, () => settings.get().kbModelDir, (message) => stores.deskLog.append(Date.now(), currentAgent(), 'kb-semantic', { message }));
  void kbSemantic.fill();
  const retention = new RetentionService(new RetentionRepo(db), settings, stores.deskLog, currentAgent);
  const recordings = new RecordingsService(new RecordingsRepo(db), options.dataDir, settings, () => team.role());
  const keep = () => {
    void retention.run();
    recordings.purge();
  };
  keep();
  const retentionTimer = setInterval(keep, RETENTION_EVERY_MS);
  retentionTimer.unref();
  return {
    options,
    db,
    settings,
    agentStates,
    visits,
    deadlines,
    handovers: new HandoverRepo(db),
    kbUploads: new KbUploads(),
    kb: new KbService(new KbRepo(db), { agent: currentAgent, synonyms: () => settings.get().kbSynonyms, vectors: kbVectors }),
    kbSemantic,
    phrases,
    escalations,
    sipAccount,
    deskLog: stores.deskLog,
    team,
    teamMail,
    teamStats,
    monitorAuth: new MonitorAuth(team, escalations),
    monitorSessions: new MonitorSessionsRepo(db),
    recordings,
    chat: new ChatService(stores.chat, visits),
    currentAgent,
    indexes,
    retention,
    close: () => {
      clearInterval(retentionTimer);
      retention.stop();
      indexes.stop();
      db.close();
    },
  };
}
