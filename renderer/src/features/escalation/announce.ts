import type { Escalation } from '../../../../shared/escalation';
import { notify } from '../../platform/notify';
import type { AppStore } from '../../store';
import { playTone, type TonePattern } from '../softphone';

const ALERT: TonePattern = { hz: 880, onMs: 250, periodMs: 500, gain: 0.2 };

/** A new escalation on the lead's desk: three short beeps on the ringer device and an OS notification. */
export function announceEscalation(store: AppStore, title: (e: Escalation) => string) {
  return (e: Escalation) => {
    const tone = playTone(ALERT, store.getState().resolvedDevices.ids.ringer, () => {});
    setTimeout(() => tone.stop(), 1_400);
    notify(title(e), [e.payload.customerNumber, e.payload.words.join('、'), e.payload.note].filter(Boolean).join(' · '), e.payload.id);
  };
}
