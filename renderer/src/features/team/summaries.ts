import { SUMMARY_DAYS_BACK } from '../../../../shared/team-stats';
import type { AppStore } from '../../store';
import type { SendTeamMessage } from './mailbox';

/** Today's summary is sent again this often (and yesterday's, which ends at midnight). */
const SUMMARY_EVERY_MS = 10 * 60_000;

/**
 * Day summaries for the lead's weekly statistics (issue 16, item 6): once the line is up, an agent
 * desk in a team sends its leads the summaries of the last week (a lead that missed some catches
 * up), then today's after every call and every ten minutes. Built and signed on the main side from
 * the desk's own report: counts and durations only.
 */
export function reportSummaries(store: AppStore, send: SendTeamMessage): () => void {
  let caughtUp = false;
  const sendDays = (days: readonly number[]) => {
    const s = store.getState();
    const leads = s.settings?.team.leads ?? [];
    if (!s.teamStatus?.role || s.registration.status !== 'registered') return false;
    for (const lead of leads) for (const daysAgo of days) void send(lead, { kind: 'day-summary', daysAgo });
    return true;
  };
  const catchUp = () => {
    if (!caughtUp) caughtUp = sendDays(Array.from({ length: SUMMARY_DAYS_BACK + 1 }, (_, i) => i));
  };
  const unsubscribe = store.subscribe((s, before) => {
    if (s.registration !== before.registration || s.teamStatus !== before.teamStatus) catchUp();
    // a call's wrap-up ended and is in the state log: today's figures moved
    if (s.agentLogged !== before.agentLogged && before.agentLogged?.status === 'wrap-up') sendDays([0]);
  });
  catchUp();
  const timer = setInterval(() => sendDays([0, 1]), SUMMARY_EVERY_MS);
  return () => {
    unsubscribe();
    clearInterval(timer);
  };
}
