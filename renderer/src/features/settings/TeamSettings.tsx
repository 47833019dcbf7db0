import { Form, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TeamSettings as Team } from '../../../../shared/escalation';
import { useAppStore } from '../../store';

/** This desk's role, its leads (primary first) and, for a lead, its agents; saved on each change. */
export function TeamSettings() {
  const { t } = useTranslation();
  const team = useAppStore((s) => s.settings?.team);
  const updateSettings = useAppStore((s) => s.updateSettings);
  if (!team) return null;
  const save = (patch: Partial<Team>) => void updateSettings({ team: { ...team, ...patch } });
  const users = (list: 'leads' | 'agents') => (
    <Select id={`team-${list}`} mode="tags" open={false} suffixIcon={null} value={[...team[list]]} tokenSeparators={[',', '，', ' ']} onChange={(v: string[]) => save({ [list]: v.map((x) => x.trim()).filter(Boolean) })} />
  );
  return (
    <>
      <Form.Item label={t('escalation.team.role')} htmlFor="team-role">
        <Select<Team['role']> id="team-role" style={{ width: 160 }} value={team.role} onChange={(role) => save({ role })} options={(['agent', 'lead'] as const).map((r) => ({ value: r, label: t(`escalation.team.roles.${r}`) }))} />
      </Form.Item>
      <Form.Item label={t('escalation.team.leads')} htmlFor="team-leads">
        {users('leads')}
      </Form.Item>
      {team.role === 'lead' && (
        <Form.Item label={t('escalation.team.agents')} htmlFor="team-agents">
          {users('agents')}
        </Form.Item>
      )}
      <Form.Item label={t('escalation.team.ackTimeout')} htmlFor="team-ack-timeout">
        <InputNumber id="team-ack-timeout" min={5} max={3600} value={team.ackTimeoutSeconds} onChange={(v) => v !== null && save({ ackTimeoutSeconds: v })} />
      </Form.Item>
      <Form.Item label={t('escalation.team.presence')} htmlFor="team-presence">
        <InputNumber id="team-presence" min={1} max={300} value={team.presenceSeconds} onChange={(v) => v !== null && save({ presenceSeconds: v })} />
      </Form.Item>
    </>
  );
}
