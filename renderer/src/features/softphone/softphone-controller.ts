import { canTransition, refusalFor, type AgentEvent } from '../../../../shared/agent-state';
import type { AgentApi } from '../../../../shared/ipc-contract';
import type { CallSnapshot } from '../../../../shared/softphone';
import type { AppStore } from '../../store';
import { SoftphoneEngine, type PhoneSnapshot } from './engine/softphone-engine';

const DEFAULT_AUDIO = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

/**
 * Glue between the engine, the store and the contract: feeds engine snapshots into the store,
 * moves the agent state machine with the calls (ring → answer → hangup → wrap-up), answers new
 * calls by agent state (NotReady → 480), and turns command failures into a message for the agent.
 */
export class SoftphoneController {
  private readonly engine: SoftphoneEngine;
  private previous: readonly CallSnapshot[] = [];

  constructor(
    private readonly store: AppStore,
    private readonly api: AgentApi,
  ) {
    this.engine = new SoftphoneEngine({
      incomingPolicy: () => refusalFor(store.getState().agent),
      audioProcessing: () => store.getState().settings?.audioProcessing ?? DEFAULT_AUDIO,
      dtmfMode: () => store.getState().settings?.dtmfMode ?? 'rfc4733',
      log: (m) => console.info(`[softphone] ${m}`),
    });
    this.engine.onDidChange((s) => this.onSnapshot(s));
  }

  /** Registers with the saved account, if there is one with a password. */
  async connectSaved(): Promise<void> {
    const r = await this.api.sipAccount.credentials();
    if (!r.ok) {
      if (r.error.code !== 'not-found') this.store.getState().setPhoneError(r.error.message);
      return;
    }
    await this.engine.start(r.value);
  }

  disconnect = () => this.run(() => this.engine.stop());
  dial = (target: string) => this.run(() => this.engine.dial(target));
  answer = (id: string) => this.run(() => this.engine.answer(id));
  reject = (id: string) => this.run(() => this.engine.reject(id));
  hangup = (id: string) => this.run(() => this.engine.hangup(id));
  setHold = (id: string, held: boolean) => this.run(() => this.engine.setHold(id, held));
  setMute = (id: string, muted: boolean) => this.run(async () => this.engine.setMute(id, muted));
  sendDtmf = (id: string, tones: string) => this.run(() => this.engine.sendDtmf(id, tones));

  private async run(command: () => Promise<unknown>): Promise<void> {
    this.store.getState().setPhoneError(null);
    try {
      await command();
    } catch (e) {
      this.store.getState().setPhoneError(e instanceof Error ? e.message : String(e));
    }
  }

  private onSnapshot(s: PhoneSnapshot): void {
    const before = new Map(this.previous.map((c) => [c.id, c]));
    const now = new Map(s.calls.map((c) => [c.id, c]));
    for (const call of s.calls) {
      const old = before.get(call.id);
      if (!old) this.agent(call.direction === 'inbound' ? { type: 'ring' } : { type: 'dial' });
      else if (old.phase === 'ringing' && call.phase === 'connected') this.agent({ type: 'answer' });
    }
    for (const old of this.previous) {
      if (now.has(old.id)) continue;
      this.agent(old.phase === 'ringing' ? { type: 'miss' } : { type: 'hangup' });
    }
    this.previous = s.calls;
    this.store.getState().setPhoneSnapshot(s);
  }

  private agent(event: AgentEvent): void {
    const state = this.store.getState();
    if (canTransition(state.agent, event)) void state.applyAgentEvent(event);
  }
}
