import { describe, expect, it } from 'vitest';
import {
  canTransition,
  IllegalAgentTransition,
  INITIAL_AGENT_STATE,
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
    expect(refusalFor({ status: 'ready' })).toBeNull();
    expect(refusalFor({ status: 'not-ready', reasonId: 'break' })).toBe(480);
    expect(refusalFor(run([{ type: 'dial' }]))).toBe(486);
    expect(refusalFor(run([{ type: 'ring' }]))).toBe(486);
    expect(refusalFor(run([{ type: 'dial' }, { type: 'hangup' }]))).toBe(486);
  });
});
