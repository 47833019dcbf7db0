import { Alert, Button, Dropdown, Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { canTransition, type AgentState } from '../../../../shared/agent-state';
import type { Locale, NotReadyReason } from '../../../../shared/settings';
import { useAppStore } from '../../store';

/** Status colours (the desk theme keeps their text at 4.5:1); the tag's words say the state too. */
const STATUS_COLOR: Record<AgentState['status'], string> = {
  ready: 'success',
  'not-ready': 'warning',
  ringing: 'processing',
  'on-call': 'error',
  'wrap-up': 'default',
};

function reasonLabel(reasons: readonly NotReadyReason[], id: string, locale: Locale): string {
  return reasons.find((r) => r.id === id)?.label[locale] ?? id;
}

/** The agent's Ready / NotReady(reason) switch, driven by the shared state machine. */
export function AgentStateControl() {
  const { t, i18n } = useTranslation();
  const agent = useAppStore((s) => s.agent);
  const agentError = useAppStore((s) => s.agentError);
  const reasons = useAppStore((s) => s.settings?.notReadyReasons ?? []);
  const apply = useAppStore((s) => s.applyAgentEvent);
  const locale = i18n.language as Locale;

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('agent.label')}</span>
        <Tag color={STATUS_COLOR[agent.status]} data-testid="agent-status">
          {t(`agent.status.${agent.status}`)}
          {agent.status === 'not-ready' ? ` · ${reasonLabel(reasons, agent.reasonId, locale)}` : ''}
        </Tag>
      </Space>
      {agent.status === 'wrap-up' && (
        <Button type="primary" block onClick={() => void apply({ type: 'finishWrapUp' })}>
          {t('agent.finishWrapUp')}
        </Button>
      )}
      {agent.status === 'not-ready' ? (
        <Tooltip title="Alt+R">
          <Button type="primary" block onClick={() => void apply({ type: 'resume' })} aria-keyshortcuts="Alt+R">
            {t('agent.setReady')}
          </Button>
        </Tooltip>
      ) : (
        <Dropdown
          disabled={!reasons.some((r) => canTransition(agent, { type: 'pause', reasonId: r.id }))}
          menu={{
            items: reasons.map((r) => ({ key: r.id, label: r.label[locale] })),
            onClick: ({ key }) => void apply({ type: 'pause', reasonId: key }),
          }}
          trigger={['click']}
        >
          <Button block aria-label={t('agent.chooseReason')}>
            {t('agent.setNotReady')}
          </Button>
        </Dropdown>
      )}
      {agentError && <Alert type="error" showIcon title={t('agent.saveFailed', { message: agentError.message })} />}
    </Space>
  );
}
