import type { Escalation } from '../../../../shared/escalation';
import type { AppStore } from '../../store';
import { playTone, type TonePattern } from '../softphone';

const ALERT: TonePattern = { hz: 880, onMs: 250, periodMs: 500, gain: 0.2 };

/** A new escalation on the lead's desk: three short beeps on the ringer device and an OS notification. */
export function announceEscalation(store: AppStore, title: (e: Escalation) => string) {
  return (e: Escalation) => {
    const tone = playTone(ALERT, store.getState().resolvedDevices.ids.ringer, () => {});
    setTimeout(() => tone.stop(), 1_400);
    if (typeof Notification === 'undefined') return;
    const show = () => new Notification(title(e), { body: [e.payload.customerNumber, e.payload.words.join('、'), e.payload.note].filter(Boolean).join(' · '), tag: e.payload.id });
    if (Notification.permission === 'granted') show();
    else if (Notification.permission === 'default') void Notification.requestPermission().then((p) => p === 'granted' && show());
  };
}
