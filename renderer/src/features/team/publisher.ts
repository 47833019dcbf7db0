import { retryDelayMs } from '../../../../shared/escalation';
import type { AgentApi } from '../../../../shared/ipc-contract';
import type { RosterEntry } from '../../../../shared/team-mail';
import type { AppStore } from '../../store';
import type { SendTeamMessage } from './mailbox';

/**
 * The admin desk publishes every new directory version to each member over SIP MESSAGE (issue 16,
 * item 2), retrying one that did not answer 200 with backoff, and at once when a member's presence
 * shows an older version (a desk that was offline). Desks out of reach take it as a file.
 */
export function publishDirectory(store: AppStore, api: AgentApi, send: SendTeamMessage): { behind(entry: RosterEntry): void; stop(): void } {
  let published = 0;
  const retries = new Map<string, ReturnType<typeof setTimeout>>();
  let stopped = false;

  const deliver = async (user: string, tries: number) => {
    clearTimeout(retries.get(user));
    retries.delete(user);
    const version = published;
    const code = await send(user, { kind: 'directory' });
    store.getState().setPublished(user, version, code);
    // 413: larger than a member takes by MESSAGE; that desk needs the file (the admin's screen says so)
    if (code !== 200 && code !== 413 && !stopped) retries.set(user, setTimeout(() => void deliver(user, tries + 1), retryDelayMs(tries + 1)));
  };
  const publish = async () => {
    const status = store.getState().teamStatus;
    if (status?.role !== 'admin' || status.version <= published) return;
    published = status.version;
    const members = await api.team.members();
    if (members.ok) for (const m of members.value) if (!m.revoked && m.user !== status.user) void deliver(m.user, 0);
  };
  const unsubscribe = store.subscribe((s, before) => {
    if (s.teamStatus !== before.teamStatus) void publish();
  });
  void publish();
  return {
    behind: (entry) => {
      if (published > 0 && entry.presence && entry.presence.directoryVersion < published) void deliver(entry.user, 0);
    },
    stop: () => {
      stopped = true;
      unsubscribe();
      for (const t of retries.values()) clearTimeout(t);
    },
  };
}
