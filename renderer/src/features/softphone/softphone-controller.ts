import { canTransition, refusalFor, type AgentEvent } from '../../../../shared/agent-state';
import { deviceChanges, resolveDevices, type AudioRole } from '../../../../shared/audio-devices';
import type { AgentApi } from '../../../../shared/ipc-contract';
import type { MonitorMode, MonitorRequest } from '../../../../shared/monitoring';
import type { CallSnapshot } from '../../../../shared/softphone';
import type { AppStore } from '../../store';
import { listAudioDevices } from './audio/microphone';
import { CALL_WAITING, RING, TEST_TONE, playTone, type PlayingTone } from './audio/tones';
import { SoftphoneEngine, type PhoneSnapshot } from './engine/softphone-engine';
import { ReferGuard } from './refer-guard';

const DEFAULT_AUDIO = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
const NO_CHOICE = { input: null, output: null, ringer: null };

/**
 * Glue between the engine, the store and the contract: feeds engine snapshots into the store,
 * moves the agent state machine with the calls (ring → answer → hangup → wrap-up), answers new
 * calls by agent state (NotReady → 480, call waiting), rings the ringer, follows headset hot-plug
 * and network changes, and turns command failures into a message for the agent.
 */
export class SoftphoneController {
  private readonly engine: SoftphoneEngine;
  /** The calls as last applied to the store, and as last received from the engine. */
  private previous: readonly CallSnapshot[] = [];
  private seen: readonly CallSnapshot[] = [];
  /** Snapshots held back while an auto-answer is on its way to the 200 OK. */
  private deferred: PhoneSnapshot[] | undefined;
  private tone: { kind: 'ring' | 'waiting'; playing: PlayingTone } | undefined;
  private readonly referGuard: ReferGuard;

  constructor(
    private readonly store: AppStore,
    private readonly api: AgentApi,
  ) {
    this.referGuard = new ReferGuard(store, api);
    this.engine = new SoftphoneEngine({
      allowRefer: (request) => this.referGuard.decide(request),
      incomingPolicy: (liveCalls) => refusalFor(store.getState().agent, { callWaiting: store.getState().settings?.callWaiting ?? true, liveCalls }),
      audioProcessing: () => store.getState().settings?.audioProcessing ?? DEFAULT_AUDIO,
      dtmfMode: () => store.getState().settings?.dtmfMode ?? 'rfc4733',
      devices: () => {
        const { ids } = store.getState().resolvedDevices;
        return { inputId: ids.input, outputId: ids.output };
      },
      authorizeMonitor: async (from, token) => {
        const r = await api.team.authorizeMonitor({ from: from.slice(0, 64), token: token.slice(0, 4096) });
        const verdict = r.ok ? r.value : { ok: false as const, reason: r.error.message };
        if (!verdict.ok) store.getState().escalationsChanged(); // the refusal is listed as a security event
        return verdict;
      },
      log: (m) => console.info(`[softphone] ${m}`),
    });
    this.engine.onDidChange((s) => this.onSnapshot(s));
  }

  /**
   * Closing the desk during a call asks first (the browser's leave-page question; in Electron the
   * main process asks, window.ts); when the page does go, calls are hung up and the line unregistered.
   */
  guardLeaving(): void {
    window.addEventListener('beforeunload', (e) => {
      if (this.store.getState().calls.length === 0) return;
      e.preventDefault();
      e.returnValue = ''; // older Chromium needs it to ask
    });
    window.addEventListener('pagehide', () => this.engine.leave());
  }

  /** Starts watching devices and the network; call once at boot. */
  watchEnvironment(): void {
    navigator.mediaDevices?.addEventListener('devicechange', () => void this.refreshDevices());
    window.addEventListener('online', () => this.engine.networkChanged());
    (navigator as Navigator & { connection?: EventTarget }).connection?.addEventListener('change', () => this.engine.networkChanged());
    void this.refreshDevices();
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
  /** MESSAGEs of these content types in (to this owner alone), and any MESSAGE out: team messages, chat. */
  onMessages = (types: readonly string[], owner: Parameters<SoftphoneEngine['onMessages']>[1]) => this.engine.onMessages(types, owner);
  sendMessage = (toUser: string, contentType: string, body: string) => this.engine.sendMessage(toUser, contentType, body);
  setHold = (id: string, held: boolean) => this.run(() => this.engine.setHold(id, held));
  setMute = (id: string, muted: boolean) => this.run(async () => this.engine.setMute(id, muted));
  sendDtmf = (id: string, tones: string) => this.run(() => this.engine.sendDtmf(id, tones));
  blindTransfer = (id: string, target: string) => this.run(() => this.engine.blindTransfer(id, target));
  attendedTransfer = (id: string, consultId: string) => this.run(() => this.engine.attendedTransfer(id, consultId));
  /** Lead: listens to an agent's customer call, with a request signed on the main side (issue 17), or through the PBX's feature code. */
  monitor = (agent: string, call: MonitorRequest['call'], mode: MonitorMode = 'listen') =>
    this.run(async () => {
      const pbx = this.store.getState().settings?.monitoring.pbx;
      if (pbx && pbx.kind !== 'desk') return void (await this.engine.monitorViaPbx(agent, pbx, mode, call));
      const token = await this.api.team.monitorToken({ agent, mode, call });
      if (!token.ok) throw new Error(token.error.message);
      await this.engine.monitor(agent, token.value.header, mode, call);
    });
  /** Lead: switches a monitoring leg to listen, whisper or barge without dialling again. */
  switchMonitor = (id: string, mode: MonitorMode) =>
    this.run(async () => {
      const leg = this.store.getState().monitors.find((m) => m.id === id && m.side === 'lead');
      if (!leg) throw new Error(`no monitoring ${id}`);
      if (leg.pbx) return this.engine.setMonitorMode(id, null, mode);
      const token = await this.api.team.monitorToken({ agent: leg.peer, mode, call: leg.call });
      if (!token.ok) throw new Error(token.error.message);
      await this.engine.setMonitorMode(id, token.value.header, mode);
    });
  stopMonitor = (id: string) => this.run(() => this.engine.stopMonitor(id));
  /** Both sides of a connected call, for the call recorder. */
  recordingStream = (id: string) => this.engine.recordingStream(id);
  /** The agent's answer when the far end asked to transfer this desk (call policy "ask"). */
  answerRefer = (callId: string, allowed: boolean) => this.referGuard.answer(callId, allowed);

  /** Remembers a device for a role by its label (null: system default) and applies it now. */
  async chooseDevice(role: AudioRole, label: string | null): Promise<void> {
    const current = this.store.getState().settings?.audioDevices ?? NO_CHOICE;
    await this.store.getState().updateSettings({ audioDevices: { ...current, [role]: label } });
    await this.refreshDevices();
  }

  /** Plays the test tone on the earpiece or the ringer device. */
  playTestTone(role: 'output' | 'ringer'): void {
    const tone = playTone(TEST_TONE, this.store.getState().resolvedDevices.ids[role], (e) => this.store.getState().setPhoneError(String(e)));
    setTimeout(() => tone.stop(), TEST_TONE.onMs + 200);
  }

  /** Re-reads the devices, falls back to / returns from the system default, and applies changes mid-call. */
  async refreshDevices(): Promise<void> {
    if (!navigator.mediaDevices) return;
    const state = this.store.getState();
    const devices = await listAudioDevices();
    const before = state.resolvedDevices;
    const after = resolveDevices(devices, state.settings?.audioDevices ?? NO_CHOICE);
    const { lost, returned, switched } = deviceChanges(before, after);
    state.setAudioDevices(devices, after);
    if (lost.length > 0) state.setDeviceNotice({ kind: 'lost', roles: lost, at: Date.now() });
    else if (returned.length > 0) state.setDeviceNotice({ kind: 'returned', roles: returned, at: Date.now() });
    if (switched.includes('input') || switched.includes('output')) await this.run(() => this.engine.applyDevices());
    if (switched.includes('ringer') && this.tone) {
      this.tone.playing.stop();
      this.tone = undefined;
      this.updateTone(this.previous);
    }
  }

  private async run(command: () => Promise<unknown>): Promise<void> {
    this.store.getState().setPhoneError(null);
    try {
      await command();
    } catch (e) {
      this.store.getState().setPhoneError(e instanceof Error ? e.message : String(e));
    }
  }

  private onSnapshot(s: PhoneSnapshot): void {
    const was = this.seen;
    this.seen = s.calls;
    if (this.deferred) {
      this.deferred.push(s);
      return;
    }
    const auto = this.autoAnswerable(was, s.calls);
    if (!auto) {
      this.apply(s, true);
      return;
    }
    // Auto-answer: the desk shows the call once the 200 OK is out. Rendering the ringing call
    // first would hold the answer up behind it (measured: most of the callee's setup time).
    this.deferred = [s];
    void this.answer(auto.id).finally(() => {
      const queued = this.deferred ?? [];
      this.deferred = undefined;
      queued.forEach((q, i) => this.apply(q, i === queued.length - 1));
    });
  }

  /** Moves the agent state with the calls and hands the snapshot to the store (`last`: also the ringer). */
  private apply(s: PhoneSnapshot, last: boolean): void {
    const was = this.previous;
    this.previous = s.calls;
    const agent = this.store.getState().agent.status;
    if (was.length === 0 && s.calls.length > 0) {
      const first = s.calls[0]!;
      this.agent(first.direction === 'inbound' && first.phase === 'ringing' ? { type: 'ring' } : { type: 'dial' });
    } else if (agent === 'ringing' && s.calls.some((c) => c.phase === 'connected')) {
      this.agent({ type: 'answer' });
    } else if (was.length > 0 && s.calls.length === 0) {
      this.agent(agent === 'ringing' ? { type: 'miss' } : { type: 'hangup' });
    }
    this.store.getState().setPhoneSnapshot(s);
    if (last) this.updateTone(s.calls);
    // device labels become readable once the microphone was opened for the first call
    if (s.calls.some((c) => c.phase === 'connected' && !was.some((w) => w.id === c.id && w.phase === 'connected'))) void this.refreshDevices();
  }

  /** Ringer for a call to an idle desk; a soft beep in the earpiece for a waiting call. */
  private updateTone(calls: readonly CallSnapshot[]): void {
    const ringing = calls.some((c) => c.direction === 'inbound' && c.phase === 'ringing');
    const want = !ringing ? undefined : calls.some((c) => c.phase === 'connected') ? 'waiting' : 'ring';
    if (this.tone?.kind === want) return;
    this.tone?.playing.stop();
    this.tone = undefined;
    if (!want) return;
    const { ids } = this.store.getState().resolvedDevices;
    const onError = (e: unknown) => console.info(`[softphone] tone did not play: ${String(e)}`);
    this.tone = { kind: want, playing: want === 'ring' ? playTone(RING, ids.ringer, onError) : playTone(CALL_WAITING, ids.output, onError) };
  }

  /** A new inbound call to answer at once: auto-answer is on and the desk is otherwise idle. */
  private autoAnswerable(was: readonly CallSnapshot[], calls: readonly CallSnapshot[]): CallSnapshot | undefined {
    if (!this.store.getState().settings?.autoAnswer || calls.length !== 1) return undefined;
    const call = calls[0]!;
    return call.direction === 'inbound' && call.phase === 'ringing' && !was.some((c) => c.id === call.id) ? call : undefined;
  }

  private agent(event: AgentEvent): void {
    const state = this.store.getState();
    if (canTransition(state.agent, event)) void state.applyAgentEvent(event);
  }
}
