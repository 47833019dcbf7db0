import type { StateCreator } from 'zustand';
import type { AudioRole, DeviceInfo, ResolvedDevices } from '../../../shared/audio-devices';
import type { CallSnapshot, MonitorSnapshot, RegistrationSnapshot } from '../../../shared/softphone';
import type { RootState } from './types';

/** A headset change the agent is told about: chosen device unplugged (using default) or back. */
export interface DeviceNotice {
  readonly kind: 'lost' | 'returned';
  readonly roles: readonly AudioRole[];
  readonly at: number;
}

/**
 * Plain snapshots of the softphone for the rest of the UI, published by the sip.js engine
 * (features/softphone/engine). sip.js objects and MediaStreams never enter the store.
 */
export interface PhoneSlice {
  registration: RegistrationSnapshot;
  calls: readonly CallSnapshot[];
  /** Monitoring legs: this lead's of its agents, or a lead's of this agent (issue 17). */
  monitors: readonly MonitorSnapshot[];
  lastEndedCall: CallSnapshot | null;
  dtmfReceived: Readonly<Record<string, string>>;
  /** The last command that failed (shown to the agent), e.g. dialling while unregistered. */
  phoneError: string | null;
  /** Audio devices present now (labels empty until microphone permission is granted). */
  audioDevices: readonly DeviceInfo[];
  resolvedDevices: ResolvedDevices;
  deviceNotice: DeviceNotice | null;
  /** The far end asks to transfer this desk (REFER) and the call policy says ask the agent. */
  referAsk: { readonly callId: string; readonly target: string; readonly from: string; readonly askedAt: number } | null;
  setReferAsk(ask: PhoneSlice['referAsk']): void;
  /** Calls being recorded now (call id → recording id), for the indicator (issue 17, item 6). */
  recordingCalls: Readonly<Record<string, number>>;
  setRecording(callId: string, recordingId: number | null): void;
  setPhoneSnapshot(s: {
    registration: RegistrationSnapshot;
    calls: readonly CallSnapshot[];
    lastEnded: CallSnapshot | null;
    dtmfReceived: Readonly<Record<string, string>>;
    monitors?: readonly MonitorSnapshot[];
  }): void;
  setPhoneError(message: string | null): void;
  setAudioDevices(devices: readonly DeviceInfo[], resolved: ResolvedDevices): void;
  setDeviceNotice(notice: DeviceNotice | null): void;
}

export const createPhoneSlice: StateCreator<RootState, [], [], PhoneSlice> = (set) => ({
  registration: { status: 'not-configured' },
  calls: [],
  monitors: [],
  lastEndedCall: null,
  dtmfReceived: {},
  phoneError: null,
  audioDevices: [],
  resolvedDevices: { ids: { input: undefined, output: undefined, ringer: undefined }, missing: [] },
  deviceNotice: null,
  referAsk: null,
  setReferAsk: (referAsk) => set({ referAsk }),
  recordingCalls: {},
  setRecording: (callId, recordingId) =>
    set((s) => {
      const { [callId]: _, ...rest } = s.recordingCalls;
      return { recordingCalls: recordingId === null ? rest : { ...rest, [callId]: recordingId } };
    }),
  setPhoneSnapshot: (s) => set({ registration: s.registration, calls: s.calls, lastEndedCall: s.lastEnded, dtmfReceived: s.dtmfReceived, monitors: s.monitors ?? [] }),
  setPhoneError: (phoneError) => set({ phoneError }),
  setAudioDevices: (audioDevices, resolvedDevices) => set({ audioDevices, resolvedDevices }),
  setDeviceNotice: (deviceNotice) => set({ deviceNotice }),
});
