import type { AgentStatus } from '../../../../shared/agent-state';
import type { Phase } from '../../../../shared/phrases';
import type { CallSnapshot } from '../../../../shared/softphone';

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
