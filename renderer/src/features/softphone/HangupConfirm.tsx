import { Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppStore } from '../../store';
import { useAppStore } from '../../store';
import { useSoftphone } from './context';
import type { SoftphoneController } from './softphone-controller';

/**
 * Hang-up from the button or Alt+H: a connected call whose closing phrase was not used yet
 * (R-POLITE, the script checklist) asks first; otherwise the call ends at once.
 */
export function requestHangup(phone: SoftphoneController, store: AppStore, callId: string): void {
  const s = store.getState();
  const call = s.calls.find((c) => c.id === callId);
  if (call?.phase === 'connected' && s.checklists[callId]?.closing === false) return s.askHangup(callId);
  void phone.hangup(callId);
}

/** The question itself, with the closing phrase to say; Enter or "仍要挂断" hangs up. */
export function HangupConfirm() {
  const { t } = useTranslation();
  const phone = useSoftphone();
  const callId = useAppStore((s) => s.hangupAsk);
  const askHangup = useAppStore((s) => s.askHangup);
  const closing = useAppStore((s) => s.phraseLibrary?.phrases.find((p) => p.id === 'closing')?.say[0]);
  const live = useAppStore((s) => s.calls.some((c) => c.id === callId));
  return (
    <Modal
      open={callId !== null && live}
      title={t('phone.hangupNoClosing')}
      okText={t('phone.hangupAnyway')}
      okButtonProps={{ danger: true, autoFocus: true }}
      cancelText={t('phone.backToCall')}
      onOk={() => {
        if (callId) void phone.hangup(callId);
        askHangup(null);
      }}
      onCancel={() => askHangup(null)}
      destroyOnHidden
    >
      {closing && <Typography.Paragraph data-testid="closing-reminder">{t('phone.closingFirst', { phrase: closing })}</Typography.Paragraph>}
    </Modal>
  );
}
