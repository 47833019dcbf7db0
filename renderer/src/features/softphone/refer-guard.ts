import { isInternalNumber } from '../../../../shared/call-policy';
import type { ReferRefused } from '../../../../shared/desk-log';
import type { AgentApi } from '../../../../shared/ipc-contract';
import type { AppStore } from '../../store';

export interface ReferRequest {
  readonly callId: string;
  readonly target: string;
  readonly from: string;
}

/**
 * Decides whether the desk follows a REFER the far end sent (toll-fraud guard), by the call
 * policy in settings: `refuse` every one (default), follow only to an `internal` extension (the
 * team's numbers or the internal-number pattern), or `ask` the agent (store.referAsk, answered by
 * {@link ReferGuard.answer}; no answer in time is a refusal). Every refusal goes to the desk log.
 */
export class ReferGuard {
  private readonly waiting = new Map<string, (allowed: boolean) => void>();

  constructor(
    private readonly store: AppStore,
    private readonly api: AgentApi,
  ) {}

  async decide(request: ReferRequest): Promise<boolean> {
    const settings = this.store.getState().settings;
    const policy = settings?.callPolicy.refer ?? 'refuse';
    let reason: ReferRefused['reason'] | null;
    if (policy === 'refuse') reason = 'policy';
    else if (policy === 'internal') {
      const members = [...(settings?.team.leads ?? []), ...(settings?.team.agents ?? [])];
      reason = isInternalNumber(request.target, { pattern: settings?.callPolicy.internalNumbers ?? '', members }) ? null : 'not-internal';
    } else reason = (await this.ask(request)) ?? null;
    if (reason === null) return true;
    void this.api.deskLog.referRefused({ from: request.from.slice(0, 64), target: request.target.slice(0, 256), policy, reason });
    return false;
  }

  /** The agent's answer to the question in store.referAsk. */
  answer(callId: string, allowed: boolean): void {
    this.waiting.get(callId)?.(allowed);
  }

  /** Asks the agent; resolves with the refusal reason, or undefined when the agent allows it. */
  private ask(request: ReferRequest): Promise<ReferRefused['reason'] | undefined> {
    return new Promise((resolve) => {
      const done = (outcome: ReferRefused['reason'] | undefined) => {
        this.waiting.delete(request.callId);
        if (this.store.getState().referAsk?.callId === request.callId) this.store.getState().setReferAsk(null);
        resolve(outcome);
      };
      this.waiting.set(request.callId, (allowed) => done(allowed ? undefined : 'agent-declined'));
      this.store.getState().setReferAsk({ ...request, askedAt: Date.now() });
      // the engine refuses after REFER_DECISION_MS anyway; this clears the question and logs why
      setTimeout(() => this.waiting.has(request.callId) && done('no-answer'), REFER_ASK_MS);
    });
  }
}

/** How long the question stays up: a little under the engine's own limit, so the log says "no answer". */
export const REFER_ASK_MS = 18_000;
