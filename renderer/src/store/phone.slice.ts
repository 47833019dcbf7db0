import type { StateCreator } from 'zustand';
import type { RootState } from './types';

/**
 * Plain snapshots of the softphone for the rest of the UI. The sip.js engine (features/softphone/engine)
 * will publish into this slice; sip.js objects and MediaStreams never enter the store.
 */
export type RegistrationStatus = 'not-configured';

export interface PhoneSlice {
  registration: RegistrationStatus;
}

export const createPhoneSlice: StateCreator<RootState, [], [], PhoneSlice> = () => ({
  registration: 'not-configured',
});
