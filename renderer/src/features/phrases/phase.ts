import type { AgentStatus } from '../../../../shared/agent-state';
import type { Phase } from '../../../../shared/phrases';
import type { CallSnapshot } from '../../../../shared/softphone';
import type { RootState } from '../../store';

/**
 * The call phase the phrase panel follows: a ringing call → greeting; a held call → waiting phrases;
 * a call in progress → during; wrap-up (hang-up pressed) → closing; otherwise the greeting for the next call.
 */
export function phaseOf(calls: readonly CallSnapshot[], agent: AgentStatus): Phase {
  const live = calls.filter((c) => c.phase === 'connected');
  if (live.length > 0) return live.every((c) => c.held) ? 'waiting' : 'during';
  if (agent === 'wrap-up') return 'closing';
  return 'opening';
}

/** The call a phrase used now belongs to: the one being talked to, else the one just ended in wrap-up. */
export function scriptCallId(s: RootState): string | undefined {
  const live = s.calls.find((c) => c.phase === 'connected' && !c.held) ?? s.calls.find((c) => c.phase === 'connected');
  return live?.id ?? (s.agent.status === 'wrap-up' ? s.lastEndedCall?.id : undefined);
}
