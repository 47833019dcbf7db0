import { join } from 'node:path';
import { openDatabase } from '../../../electron/db/database';
import { AgentStateRepo } from '../../../electron/db/agent-state.repo';
import { DeskLogRepo } from '../../../electron/db/desk-log.repo';
import { EscalationsRepo } from '../../../electron/db/escalations.repo';
import { SettingsRepo } from '../../../electron/db/settings.repo';
import { TeamRepo } from '../../../electron/db/team.repo';
import { EscalationsService } from '../../../electron/services/escalations.service';
import { PhrasesRepo } from '../../../electron/db/phrases.repo';
import { PhrasesService } from '../../../electron/services/phrases.service';
import { FileKeySecretStore } from '../../../electron/services/secret-store';
import { loadDefaultSettings, SettingsService } from '../../../electron/services/settings.service';
import { ChatService } from '../../../electron/services/chat.service';
import { TeamStatsRepo } from '../../../electron/db/team-stats.repo';
import { DeadlinesRepo } from '../../../electron/db/deadlines.repo';
import { visitStores } from '../../../electron/db/visit-stores';
import { DeadlinesService } from '../../../electron/services/deadlines.service';
import { VisitsService } from '../../../electron/services/visits.service';
import { MonitorAuth } from '../../../electron/services/team/monitor-auth.service';
import { TeamMail } from '../../../electron/services/team/team-mail.service';
import { TeamStats } from '../../../electron/services/team/team-stats.service';
import { TeamService } from '../../../electron/services/team/team.service';

const RESOURCES = join(__dirname, '../../../resources');

/** One clock for all desks of a test (a desk may be given its own offset). */
export const clock = { now: Date.UTC(2026, 11, 1, 2, 0) };

/** One desk: its own folder, real SQLite on disk, its own secret key file, its SIP user. */
export function teamDesk(dir: string, user = 'local', offsetMs = 0) {
  const db = openDatabase({ path: join(dir, 'z.sqlite3') });
  const now = () => clock.now + offsetMs;
  const settings = new SettingsService(new SettingsRepo(db), loadDefaultSettings(RESOURCES), now);
  settings.seedDefaults();
  const log = new DeskLogRepo(db);
  const phrases = new PhrasesService(new PhrasesRepo(db), RESOURCES, () => user, now);
  const team = new TeamService(new TeamRepo(db), new FileKeySecretStore(dir, 'test-machine'), settings, phrases, (kind, detail) => log.append(now(), 'test', kind, detail), now);
  const escalations = new EscalationsService(new EscalationsRepo(db), () => user, now);
  const agentStates = new AgentStateRepo(db);
  const deadlines = new DeadlinesService(new DeadlinesRepo(db), settings, now);
  const stores = visitStores(db);
  const visits = new VisitsService(stores, settings, () => user, deadlines, { now, tzOffset: (at) => new Date(at).getTimezoneOffset() });
  const chat = new ChatService(stores.chat, visits, now);
  const stats = new TeamStats(new TeamStatsRepo(db), visits, stores.chat, team, now);
  const mail = new TeamMail(team, escalations, () => settings.get(), () => agentStates.callsSince(0, now()), stats, now);
  const monitor = new MonitorAuth(team, escalations);
  return { dir, db, user, settings, phrases, log, team, escalations, agentStates, visits, chat, stats, mail, monitor };
}
export type TeamDesk = ReturnType<typeof teamDesk>;

/** An admin desk (1000) and two agent desks of one team, 1001 and 1002 led by 1000. */
export function smallTeam(tempDir: () => string) {
  const admin = teamDesk(tempDir(), '1000');
  admin.team.createTeam({ teamId: 'hotline-a', company: '坐席电信', user: '1000', name: '张主管' });
  const agents = [teamDesk(tempDir(), '1001'), teamDesk(tempDir(), '1002')];
  agents.forEach((a, i) => admin.team.addMember(a.team.joinRequest({ user: a.user, name: `坐席${i + 1}`, staffNo: `A${i + 1}` }), { role: 'agent', team: 'hotline-a', leads: ['1000'] }));
  for (const a of agents) a.team.join(JSON.parse(JSON.stringify(admin.team.provisioning())));
  return { admin, agents };
}
