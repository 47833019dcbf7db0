import type { Migration } from '../migration.js';
import { m001Settings } from './001-settings.js';
import { m002AgentStateLog } from './002-agent-state-log.js';
import { m003SipAccount } from './003-sip-account.js';
import { m004Visits } from './004-visits.js';
import { m005VisitEvents } from './005-visit-events.js';
import { m006Handovers } from './006-handovers.js';
import { m007VisitArticles } from './007-visit-articles.js';
import { m008Kb } from './008-kb.js';
import { m009ReindexMixedWords } from './009-reindex-mixed-words.js';
import { m010CallScript } from './010-call-script.js';
import { m011Phrases } from './011-phrases.js';
import { m012Escalations } from './012-escalations.js';
import { m013Deadlines } from './013-deadlines.js';
import { m014DeskLog } from './014-desk-log.js';
import { m015EscalationAcks } from './015-escalation-acks.js';
import { m016SearchIndexVersion } from './016-search-index-version.js';
import { m017Retention } from './017-retention.js';
import { m018Team } from './018-team.js';
import { m019TeamSummaries } from './019-team-summaries.js';
import { m020MonitorSessions } from './020-monitor-sessions.js';
import { m021Recordings } from './021-recordings.js';
import { m022Chat } from './022-chat.js';
import { m023KbVectors } from './023-kb-vectors.js';

/** Every schema step in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [m001Settings, m002AgentStateLog, m003SipAccount, m004Visits, m005VisitEvents, m006Handovers, m007VisitArticles, m008Kb, m009ReindexMixedWords, m010CallScript, m011Phrases, m012Escalations, m013Deadlines, m014DeskLog, m015EscalationAcks, m016SearchIndexVersion, m017Retention, m018Team, m019TeamSummaries, m020MonitorSessions, m021Recordings, m022Chat, m023KbVectors];
export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
