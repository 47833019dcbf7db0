import { useMemo } from 'react';
import type { CallSnapshot } from '../../../../shared/softphone';
import { useGlobalShortcuts, type Shortcut } from '../shell/shortcuts';
import type { AppStore } from '../../store';
import { requestHangup } from './HangupConfirm';
import type { SoftphoneController } from './softphone-controller';

/** Call keys: the same table drives the key handler, the button tooltips and the F1 list. */
export const CALL_SHORTCUTS = {
  answer: 'Alt+A',
  hangup: 'Alt+H',
  hold: 'Alt+O',
  mute: 'Alt+M',
  transfer: 'Alt+T',
} as const;
export type CallAction = keyof typeof CALL_SHORTCUTS;

/** The element id of a call's transfer-target input (Alt+T focuses it). */
export const transferInputId = (callId: string) => `transfer-${callId}`;

/** The call the keys act on: the one being talked to, else any connected one, else the first. */
export function activeCall(calls: readonly CallSnapshot[]): CallSnapshot | undefined {
  return calls.find((c) => c.phase === 'connected' && !c.held) ?? calls.find((c) => c.phase === 'connected') ?? calls[0];
}

/** Installs the call keys for the current call (the ringing one for Answer, else the active one). */
export function useCallShortcuts(phone: SoftphoneController, store: AppStore, calls: readonly CallSnapshot[]): void {
  const shortcuts = useMemo<Shortcut[]>(() => {
    const ringing = calls.find((c) => c.phase === 'ringing' && c.direction === 'inbound');
    const live = activeCall(calls);
    return [
      { combo: CALL_SHORTCUTS.answer, run: () => void (ringing && phone.answer(ringing.id)) },
      { combo: CALL_SHORTCUTS.hangup, run: () => live && requestHangup(phone, store, live.id) },
      { combo: CALL_SHORTCUTS.hold, run: () => void (live?.phase === 'connected' && phone.setHold(live.id, !live.held)) },
      { combo: CALL_SHORTCUTS.mute, run: () => void (live?.phase === 'connected' && phone.setMute(live.id, !live.muted)) },
      { combo: CALL_SHORTCUTS.transfer, run: () => live && document.getElementById(transferInputId(live.id))?.focus() },
    ];
  }, [phone, store, calls]);
  useGlobalShortcuts(shortcuts);
}
