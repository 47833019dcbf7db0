import type { StateCreator } from 'zustand';
import { INITIAL_AGENT_STATE, transition, type AgentEvent, type AgentState, type AgentStatus } from '../../../shared/agent-state';
import type { AppErrorShape } from '../../../shared/result';
import type { RootState, StoreDeps } from './types';

export interface AgentSlice {
  agent: AgentState;
  /** When the agent entered the current state (ms since epoch). */
  agentSince: number;
  agentError: AppErrorShape | null;
  /** The last change written to the desk's state log (what its reports and day summaries count). */
  agentLogged: { readonly status: AgentStatus; readonly at: number } | null;
  /** Applies an event through the pure state machine (throws on an illegal move) and records it. */
  applyAgentEvent(event: AgentEvent): Promise<void>;
}

export const createAgentSlice =
  (deps: StoreDeps): StateCreator<RootState, [], [], AgentSlice> =>
  (set, get) => ({
    agent: INITIAL_AGENT_STATE,
    agentSince: deps.now(),
    agentError: null,
    agentLogged: null,
    async applyAgentEvent(event) {
      const next = transition(get().agent, event);
      const at = deps.now();
      set({ agent: next, agentSince: at });
      const r = await deps.api.agentState.record({
        status: next.status,
        at,
        ...(next.status === 'not-ready' ? { reasonId: next.reasonId } : {}),
      });
      set(r.ok ? { agentError: null, agentLogged: { status: next.status, at } } : { agentError: r.error });
    },
  });
