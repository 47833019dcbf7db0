import { Alert, Input, Modal, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding, LogOverride } from '../../../../shared/compliance';
import { usePlatformApi } from '../../platform/api-context';
import { useAppStore } from '../../store';
import { useChecker } from './useChecker';

interface Pending {
  readonly findings: readonly Finding[];
  readonly field: LogOverride['field'];
  readonly visitId: number | null;
  readonly proceed: () => Promise<void>;
}

/**
 * Stops text with a high-severity finding (forbidden wording, a non-official link, internal
 * information…) from being sent or recorded: the agent either goes back and fixes it, or gives a
 * reason, which is logged with the visit for the team lead (visits.logOverride) before it proceeds.
 */
export function useComplianceGate(agentId?: string): { guard: (text: string, field: LogOverride['field'], visitId: number | null, proceed: () => Promise<void>) => Promise<void>; dialog: ReactNode } {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const check = useChecker();
  const library = useAppStore((s) => s.phraseLibrary);
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const guard = async (text: string, field: LogOverride['field'], visitId: number | null, proceed: () => Promise<void>) => {
    const high = check ? check(text, agentId ? { agentId } : {}).filter((f) => f.severity === 'high') : [];
    if (high.length === 0) return proceed();
    setReason('');
    setError(null);
    setPending({ findings: high, field, visitId, proceed });
  };
  const override = async () => {
    if (!pending) return;
    const r = await api.visits.logOverride({ visitId: pending.visitId, field: pending.field, findings: pending.findings.slice(0, 20).map((f) => ({ rule: f.rule, match: f.match.slice(0, 200) })), reason });
    if (!r.ok) return setError(r.error.message);
    setPending(null);
    await pending.proceed();
  };
  const phrase = (id: string | undefined) => library?.phrases.find((p) => p.id === id)?.say[0];
  const dialog = (
    <Modal
      open={pending !== null}
      title={t('phrases.gate.title')}
      okText={t('phrases.gate.override')}
      okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
      cancelText={t('phrases.gate.fix')}
      onOk={() => void override()}
      onCancel={() => setPending(null)}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="compliance-gate">
        {pending?.findings.map((f) => (
          <Alert
            key={`${f.rule}-${f.start}`}
            type="error"
            showIcon
            title={t('phrases.finding', { rule: t(`phrases.rule.${f.rule}`), match: f.match })}
            description={phrase(f.suggestion) ? t('phrases.insteadSay', { phrase: phrase(f.suggestion) }) : undefined}
          />
        ))}
        <Typography.Text>{t('phrases.gate.reason')}</Typography.Text>
        <Input.TextArea aria-label={t('phrases.gate.reason')} value={reason} maxLength={200} showCount autoSize={{ minRows: 2 }} onChange={(e) => setReason(e.target.value)} />
        {error && <Alert type="error" showIcon title={error} />}
      </Space>
    </Modal>
  );
  return { guard, dialog };
}
