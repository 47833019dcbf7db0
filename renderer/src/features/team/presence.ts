import type { PresenceInput } from '../../../../shared/team-mail';
import type { AppStore, RootState } from '../../store';
import type { SendTeamMessage } from './mailbox';

/** What this desk tells its leads now: line, agent state with reason and since when, the customer call in hand. */
export function presenceOf(s: RootState): PresenceInput {
  const call = s.calls.find((c) => c.role === 'customer' && c.phase !== 'ended');
  return {
    registered: s.registration.status === 'registered',
    status: s.agent.status,
    ...(s.agent.status === 'not-ready' ? { reasonId: s.agent.reasonId } : {}),
    since: s.agentSince,
    ...(call ? { call: { direction: call.direction, number: call.remoteUser, since: call.answeredAt ?? call.startedAt, held: call.held } } : {}),
  };
}

/**
 * Presence for the lead (issue 16, item 5): an agent desk in a team sends its presence to each of
 * its leads on every change and, with none, every heartbeat (the team's `presenceSeconds`), so a
 * desk that stops sending turns stale on the roster. Sealed and signed on the main side.
 */
export function reportPresence(store: AppStore, send: SendTeamMessage): () => void {
  let last = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = () => {
    clearTimeout(timer);
    const s = store.getState();
    const team = s.settings?.team;
    if (!s.teamStatus?.role || !team) return;
    const presence = presenceOf(s);
    last = JSON.stringify(presence);
    if (presence.registered) for (const lead of team.leads) void send(lead, { kind: 'presence', presence });
    timer = setTimeout(report, team.presenceSeconds * 1000);
  };
  const unsubscribe = store.subscribe((s, before) => {
    const moved = s.registration !== before.registration || s.agent !== before.agent || s.calls !== before.calls || s.teamStatus !== before.teamStatus;
    if (moved && JSON.stringify(presenceOf(s)) !== last) report();
  });
  report();
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}
