import { describe, expect, it } from 'vitest';
import {
  canTransition,
  IllegalAgentTransition,
  INITIAL_AGENT_STATE,
  MAX_LIVE_CALLS,
  readyMoves,
  refusalFor,
  transition,
  type AgentEvent,
  type AgentState,
} from '../../../shared/agent-state';

const run = (events: AgentEvent[], from: AgentState = INITIAL_AGENT_STATE) => events.reduce(transition, from);

describe('agent state machine', () => {
  it('takes an inbound call from Ready back to Ready through Ringing, OnCall and WrapUp', () => {
    const states = [INITIAL_AGENT_STATE];
    for (const e of [{ type: 'ring' }, { type: 'answer' }, { type: 'hangup' }, { type: 'finishWrapUp' }] as AgentEvent[]) {
      states.push(transition(states.at(-1)!, e));
    }
    expect(states.map((s) => s.status)).toEqual(['ready', 'ringing', 'on-call', 'wrap-up', 'ready']);
  });

  it('returns a NotReady agent who dialled out to NotReady with the same reason after wrap-up', () => {
    const s = run([{ type: 'pause', reasonId: 'follow-up' }, { type: 'dial' }, { type: 'hangup' }, { type: 'finishWrapUp' }]);
    expect(s).toEqual({ status: 'not-ready', reasonId: 'follow-up' });
  });

  it('goes back to where it rang from when a ringing call is missed', () => {
    expect(run([{ type: 'ring' }, { type: 'miss' }])).toEqual({ status: 'ready' });
  });

  it('finds the moves back to Ready (Alt+R): from wrap-up, from NotReady, and through both after a call made while NotReady', () => {
    const ready = (from: AgentState) => readyMoves(from).reduce(transition, from);
    expect(ready(run([{ type: 'ring' }, { type: 'answer' }, { type: 'hangup' }]))).toEqual({ status: 'ready' });
    expect(ready(run([{ type: 'pause', reasonId: 'meal' }]))).toEqual({ status: 'ready' });
    expect(readyMoves(run([{ type: 'pause', reasonId: 'meal' }, { type: 'dial' }, { type: 'hangup' }])).map((m) => m.type)).toEqual(['finishWrapUp', 'resume']);
    expect(ready(run([{ type: 'pause', reasonId: 'meal' }, { type: 'dial' }, { type: 'hangup' }]))).toEqual({ status: 'ready' });
    // on a call or ringing there is no way to Ready, and Ready stays as it is
    expect(readyMoves(run([{ type: 'dial' }]))).toEqual([]);
    expect(readyMoves(run([{ type: 'ring' }]))).toEqual([]);
    expect(readyMoves(INITIAL_AGENT_STATE)).toEqual([]);
  });

  it('lets the agent pause straight out of wrap-up', () => {
    expect(run([{ type: 'dial' }, { type: 'hangup' }, { type: 'pause', reasonId: 'meal' }])).toEqual({ status: 'not-ready', reasonId: 'meal' });
  });

  it.each<[string, AgentEvent[], AgentEvent]>([
    ['ring while NotReady', [{ type: 'pause', reasonId: 'break' }], { type: 'ring' }],
    ['answer while Ready', [], { type: 'answer' }],
    ['hangup while Ringing', [{ type: 'ring' }], { type: 'hangup' }],
    ['resume while Ready', [], { type: 'resume' }],
    ['pause while OnCall', [{ type: 'dial' }], { type: 'pause', reasonId: 'break' }],
    ['pause without a reason', [], { type: 'pause', reasonId: '' }],
    ['dial while in WrapUp', [{ type: 'dial' }, { type: 'hangup' }], { type: 'dial' }],
  ])('throws on an illegal move: %s', (_name, before, event) => {
    const s = run(before);
    expect(() => transition(s, event)).toThrow(IllegalAgentTransition);
    expect(canTransition(s, event)).toBe(false);
  });

  it('refuses new calls with 480 when NotReady and 486 when busy, lets them ring when Ready', () => {
    const idle = { callWaiting: true, liveCalls: 0 };
    expect(refusalFor({ status: 'ready' }, idle)).toBeNull();
    expect(refusalFor({ status: 'not-ready', reasonId: 'break' }, idle)).toBe(480);
    expect(refusalFor(run([{ type: 'ring' }]), { callWaiting: true, liveCalls: 1 })).toBe(486);
    expect(refusalFor(run([{ type: 'dial' }, { type: 'hangup' }]), idle)).toBe(486);
  });

  it('lets a second call wait on a call only with call waiting on, and never a third', () => {
    const onCall = run([{ type: 'dial' }]);
    expect(refusalFor(onCall, { callWaiting: true, liveCalls: 1 })).toBeNull();
    expect(refusalFor(onCall, { callWaiting: false, liveCalls: 1 })).toBe(486);
    expect(refusalFor(onCall, { callWaiting: true, liveCalls: MAX_LIVE_CALLS })).toBe(486);
    // a stale Ready with a call still up (state not yet updated) must not let a second call in
    expect(refusalFor({ status: 'ready' }, { callWaiting: true, liveCalls: 1 })).toBe(486);
  });
});
