/**
 * Agent (seat) state: what the desk is doing, independent of the SIP stack.
 *
 * ```
 *   Ready ──ring──▶ Ringing ──answer──▶ OnCall ──hangup──▶ WrapUp ──finishWrapUp──▶ (state before the call)
 *    ▲  │              │                  ▲                  │
 *    │  │              └──miss──▶ (state before the call)    └──pause(reason)──▶ NotReady(reason)
 *    │  ├──dial─────────────────────────▶ │
 *    │  └──pause(reason)──▶ NotReady(reason) ──dial──▶ OnCall
 *    └────────resume─────────┘
 * ```
 * - Ready: may receive calls. NotReady(reason): new calls are refused (480), outbound dialling allowed.
 * - Ringing: an inbound call is alerting; `answer` → OnCall, `miss` (rejected/cancelled/timed out) →
 *   back to the state it rang from.
 * - OnCall → `hangup` → WrapUp (after-call work) → `finishWrapUp` → the state before the call
 *   (NotReady stays NotReady with its reason), or `pause` straight into NotReady.
 *
 * `transition` throws on an illegal move, so a UI bug shows up instead of corrupting statistics.
 */
export const AgentStatus = {
  Ready: 'ready',
  NotReady: 'not-ready',
  Ringing: 'ringing',
  OnCall: 'on-call',
  WrapUp: 'wrap-up',
} as const;
export type AgentStatus = (typeof AgentStatus)[keyof typeof AgentStatus];

/** Where the agent returns after a call: Ready, or NotReady with the reason they had. */
export type IdleState = { readonly status: 'ready' } | { readonly status: 'not-ready'; readonly reasonId: string };

export type AgentState =
  | IdleState
  | { readonly status: 'ringing'; readonly returnTo: IdleState }
  | { readonly status: 'on-call'; readonly returnTo: IdleState }
  | { readonly status: 'wrap-up'; readonly returnTo: IdleState };

export type AgentEvent =
  | { readonly type: 'pause'; readonly reasonId: string }
  | { readonly type: 'resume' }
  | { readonly type: 'ring' }
  | { readonly type: 'answer' }
  | { readonly type: 'miss' }
  | { readonly type: 'dial' }
  | { readonly type: 'hangup' }
  | { readonly type: 'finishWrapUp' };

export class IllegalAgentTransition extends Error {
  constructor(
    readonly from: AgentStatus,
    readonly event: AgentEvent['type'],
  ) {
    super(`agent state: '${event}' is not allowed in '${from}'`);
    this.name = 'IllegalAgentTransition';
  }
}

export const INITIAL_AGENT_STATE: AgentState = { status: AgentStatus.Ready };

const isIdle = (s: AgentState): s is IdleState => s.status === AgentStatus.Ready || s.status === AgentStatus.NotReady;

export function transition(state: AgentState, event: AgentEvent): AgentState {
  const illegal = (): never => {
    throw new IllegalAgentTransition(state.status, event.type);
  };
  switch (event.type) {
    case 'pause':
      if (event.reasonId.length === 0) return illegal();
      return isIdle(state) || state.status === AgentStatus.WrapUp
        ? { status: AgentStatus.NotReady, reasonId: event.reasonId }
        : illegal();
    case 'resume':
      return state.status === AgentStatus.NotReady ? { status: AgentStatus.Ready } : illegal();
    case 'ring':
      return state.status === AgentStatus.Ready ? { status: AgentStatus.Ringing, returnTo: state } : illegal();
    case 'answer':
      return state.status === AgentStatus.Ringing ? { status: AgentStatus.OnCall, returnTo: state.returnTo } : illegal();
    case 'miss':
      return state.status === AgentStatus.Ringing ? state.returnTo : illegal();
    case 'dial':
      return isIdle(state) ? { status: AgentStatus.OnCall, returnTo: state } : illegal();
    case 'hangup':
      return state.status === AgentStatus.OnCall ? { status: AgentStatus.WrapUp, returnTo: state.returnTo } : illegal();
    case 'finishWrapUp':
      return state.status === AgentStatus.WrapUp ? state.returnTo : illegal();
  }
}

/**
 * The moves that bring the desk back to Ready (Alt+R): from wrap-up it finishes, and if the desk
 * was NotReady before the call it resumes too; from NotReady it resumes; otherwise none.
 */
export function readyMoves(state: AgentState): AgentEvent[] {
  if (state.status === AgentStatus.NotReady) return [{ type: 'resume' }];
  if (state.status !== AgentStatus.WrapUp) return [];
  return state.returnTo.status === AgentStatus.NotReady ? [{ type: 'finishWrapUp' }, { type: 'resume' }] : [{ type: 'finishWrapUp' }];
}

/** Whether a move is legal, for enabling buttons without try/catch in the UI. */
export function canTransition(state: AgentState, event: AgentEvent): boolean {
  try {
    transition(state, event);
    return true;
  } catch (e) {
    if (e instanceof IllegalAgentTransition) return false;
    throw e;
  }
}

/** Call waiting: at most one call on hold behind the live one. */
export const MAX_LIVE_CALLS = 2;

/**
 * SIP answer for a new inbound call in this state, or null to let it ring.
 * NotReady refuses with 480 Temporarily Unavailable. On a call, a second call alerts when call waiting
 * is on and fewer than MAX_LIVE_CALLS are live; otherwise, and while ringing or in wrap-up, 486 Busy Here.
 */
export function refusalFor(state: AgentState, line: { readonly callWaiting: boolean; readonly liveCalls: number }): 480 | 486 | null {
  switch (state.status) {
    case AgentStatus.Ready:
      return line.liveCalls === 0 ? null : 486;
    case AgentStatus.NotReady:
      return 480;
    case AgentStatus.OnCall:
      return line.callWaiting && line.liveCalls < MAX_LIVE_CALLS ? null : 486;
    default:
      return 486;
  }
}

/** What ends a wrap-up that ran past its limit (the wrap-up clock of the deadline policy). */
export const WRAP_UP_ENDS = ['ready', 'not-ready'] as const;
export interface WrapUpEnd {
  readonly then: (typeof WRAP_UP_ENDS)[number];
  /** The NotReady reason when `then` is not-ready. */
  readonly reasonId: string;
}

/**
 * The move that ends an overrunning wrap-up: back to the state before the call (`ready`), or
 * NotReady with the policy's reason; a reason the desk does not know falls back to `ready`, so the
 * agent is never stuck in wrap-up.
 */
export function wrapUpEndEvent(end: WrapUpEnd, knownReasons: readonly string[]): AgentEvent {
  return wrapUpEndsIn(end, knownReasons) === 'not-ready' ? { type: 'pause', reasonId: end.reasonId } : { type: 'finishWrapUp' };
}

/** Where that move leaves the desk, as the strip and the alerts say it. */
export function wrapUpEndsIn(end: WrapUpEnd, knownReasons: readonly string[]): WrapUpEnd['then'] {
  return end.then === 'not-ready' && knownReasons.includes(end.reasonId) ? 'not-ready' : 'ready';
}
