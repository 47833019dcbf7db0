import { Alert, Button, Input, Modal, Select, Space, Tag, Tooltip, message } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ESCALATION_REASONS, type EscalationReason, type NewEscalation } from '../../../../shared/escalation';
import { useAppStore } from '../../store';
import { useGlobalShortcuts } from '../shell/shortcuts';
import { useTeamChannel } from './context';

export const ESCALATE_SHORTCUT = 'Alt+E';

/**
 * One click to the team lead: the reason (prefilled), the customer, the visit, the matched words and a
 * note. With `shortcut`, Alt+E opens it too (the visit's button has it; only the one on screen).
 */
export function EscalateButton({ reason = 'manual', words = [], customerNumber, customerName, visitId, shortcut = false, size }: Omit<NewEscalation, 'reason' | 'words' | 'note'> & {
  reason?: EscalationReason;
  words?: readonly string[];
  shortcut?: boolean;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const channel = useTeamChannel();
  const leads = useAppStore((s) => s.settings?.team.leads ?? []);
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<EscalationReason>(reason);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [toast, holder] = message.useMessage();
  const button = useRef<HTMLButtonElement>(null);
  useGlobalShortcuts(useMemo(() => (shortcut ? [{ combo: ESCALATE_SHORTCUT, run: () => setOpen(true), shownWith: button }] : []), [shortcut]));
  const send = async () => {
    const r = await channel.escalate({
      reason: picked,
      words: [...words],
      note,
      ...(customerNumber ? { customerNumber } : {}),
      ...(customerName ? { customerName } : {}),
      ...(visitId ? { visitId } : {}),
    });
    if (typeof r === 'string') return setError(r);
    setOpen(false);
    setNote('');
    void toast.success(t('escalation.queued'));
  };
  return (
    <>
      {holder}
      <Tooltip title={shortcut ? ESCALATE_SHORTCUT : undefined}>
        <Button ref={button} danger size={size} data-testid="escalate" aria-keyshortcuts={shortcut ? ESCALATE_SHORTCUT : undefined} onClick={() => setOpen(true)}>
          {t('escalation.button')}
        </Button>
      </Tooltip>
      <Modal open={open} title={t('escalation.title')} okText={t('escalation.send')} okButtonProps={{ disabled: leads.length === 0 }} onOk={() => void send()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="escalate-dialog">
          {leads.length === 0 && <Alert type="warning" showIcon title={t('escalation.noLeads')} />}
          <Select<EscalationReason>
            aria-label={t('escalation.reason')}
            value={picked}
            onChange={setPicked}
            style={{ width: '100%' }}
            options={ESCALATION_REASONS.map((r) => ({ value: r, label: t(`escalation.reasons.${r}`) }))}
          />
          {customerNumber && <span>{t('escalation.customer', { number: customerNumber })}</span>}
          {words.length > 0 && (
            <span>
              {t('escalation.words')}
              {words.map((w) => (
                <Tag key={w} color="error">
                  {w}
                </Tag>
              ))}
            </span>
          )}
          <Input.TextArea aria-label={t('escalation.note')} placeholder={t('escalation.note')} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          {error && <Alert type="error" showIcon title={error} />}
        </Space>
      </Modal>
    </>
  );
}
