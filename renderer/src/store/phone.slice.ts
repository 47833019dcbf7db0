import type { StateCreator } from 'zustand';
import type { CallSnapshot, RegistrationSnapshot } from '../../../shared/softphone';
import type { RootState } from './types';

/**
 * Plain snapshots of the softphone for the rest of the UI, published by the sip.js engine
 * (features/softphone/engine). sip.js objects and MediaStreams never enter the store.
 */
export interface PhoneSlice {
  registration: RegistrationSnapshot;
  calls: readonly CallSnapshot[];
  lastEndedCall: CallSnapshot | null;
  dtmfReceived: Readonly<Record<string, string>>;
  /** The last command that failed (shown to the agent), e.g. dialling while unregistered. */
  phoneError: string | null;
  setPhoneSnapshot(s: { registration: RegistrationSnapshot; calls: readonly CallSnapshot[]; lastEnded: CallSnapshot | null; dtmfReceived: Readonly<Record<string, string>> }): void;
  setPhoneError(message: string | null): void;
}

export const createPhoneSlice: StateCreator<RootState, [], [], PhoneSlice> = (set) => ({
  registration: { status: 'not-configured' },
  calls: [],
  lastEndedCall: null,
  dtmfReceived: {},
  phoneError: null,
  setPhoneSnapshot: (s) => set({ registration: s.registration, calls: s.calls, lastEndedCall: s.lastEnded, dtmfReceived: s.dtmfReceived }),
  setPhoneError: (phoneError) => set({ phoneError }),
});
