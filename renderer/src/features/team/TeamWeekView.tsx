import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TYPING_TARGET_PER_MINUTE, perMinute } from '../../../../shared/chat';
import { addDays, mondayOf, type AgentWeek, type DayFigures, type TeamWeek } from '../../../../shared/team-stats';
import { usePlatformApi } from '../../platform/api-context';
import { downloadFile } from '../../platform/download';
import { useAppStore } from '../../store';
import { Bars } from '../../ui/Bars';
import { rate } from '../../ui/figures';
import { fromBase64 } from '../../platform/base64';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const mean = (t: DayFigures['handle']) => (t.count === 0 ? '—' : `${Math.round(t.totalMs / t.count / 1000)}`);

type Row = AgentWeek & { readonly total?: true };

/**
 * The lead's weekly team report (issue 16, item 6; R-STATS-WEEKLY): each agent's week summed from
 * the signed day summaries their desks sent, then the team; a bar per agent, and the week as XLSX.
 */
export function TeamWeekView() {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const revision = useAppStore((s) => s.summariesRevision);
  const [monday, setMonday] = useState(() => mondayOf(new Date().toLocaleDateString('sv')));
  const [week, setWeek] = useState<TeamWeek | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.team.week({ monday }).then((r) => {
      setError(r.ok ? null : r.error.message);
      setWeek(r.ok ? r.value : null);
    });
  }, [api, monday, revision]);
  const exportWeek = async () => {
    const r = await api.team.weekExport({ monday });
    if (!r.ok) return setError(r.error.message);
    downloadFile(fromBase64(r.value.base64), r.value.fileName, XLSX_TYPE);
  };
  const rows: Row[] = week ? [...week.agents, { user: t('teamWeek.total'), name: '', daysReported: [], figures: week.team, total: true }] : [];
  return (
    <Card
      size="small"
      title={t('teamWeek.title')}
      data-testid="team-week"
      extra={
        <Space>
          <Button size="small" icon={<LeftOutlined />} aria-label={t('teamWeek.previous')} onClick={() => setMonday(addDays(monday, -7))} />
          <Typography.Text data-testid="team-week-monday">{t('teamWeek.from', { monday })}</Typography.Text>
          <Button size="small" icon={<RightOutlined />} aria-label={t('teamWeek.next')} onClick={() => setMonday(addDays(monday, 7))} />
          <Button size="small" onClick={() => void exportWeek()}>
            {t('teamWeek.export')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      <Table<Row>
        size="small"
        rowKey="user"
        pagination={false}
        dataSource={rows}
        onRow={(r) => ({ 'data-testid': r.total ? 'team-week-total' : 'team-week-row', 'data-user': r.total ? undefined : r.user }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('teamWeek.agent'), key: 'agent', render: (_, r) => (r.total ? <strong>{r.user}</strong> : `${r.name} ${r.user}`) },
          { title: t('teamWeek.days'), key: 'days', render: (_, r) => (r.total ? '' : r.daysReported.length) },
          { title: t('teamWeek.visits'), key: 'visits', render: (_, r) => r.figures.visits },
          { title: t('teamWeek.answerRate'), key: 'answer', render: (_, r) => rate(r.figures.inbound.answered, r.figures.inbound.total) },
          { title: t('teamWeek.timelyRate'), key: 'timely', render: (_, r) => rate(r.figures.inbound.answeredWithin15s, r.figures.inbound.total) },
          { title: t('teamWeek.meanHandle'), key: 'handle', render: (_, r) => mean(r.figures.handle) },
          { title: t('teamWeek.meanWrapUp'), key: 'wrapUp', render: (_, r) => mean(r.figures.wrapUp) },
          { title: t('teamWeek.complaints'), key: 'complaints', render: (_, r) => r.figures.complaints },
          { title: t('teamWeek.overrides'), key: 'overrides', render: (_, r) => r.figures.overrides },
          { title: t('teamWeek.escalations'), key: 'escalations', render: (_, r) => r.figures.escalations },
          { title: t('teamWeek.breaches'), key: 'breaches', render: (_, r) => r.figures.breaches },
          { title: t('teamWeek.typing', { target: TYPING_TARGET_PER_MINUTE }), key: 'typing', render: (_, r) => <TypingCell typing={r.figures.typing} /> },
        ]}
      />
      {week && week.agents.length > 0 && <Bars title={t('teamWeek.visitsPerAgent')} counts={Object.fromEntries(week.agents.map((a) => [a.user, a.figures.visits]))} label={(k) => k} />}
    </Card>
  );
}

/** An agent's typing speed over the week's typed online replies, against the 30 字/分 of R-TYPING-30. */
function TypingCell({ typing }: { typing: DayFigures['typing'] }) {
  const n = perMinute(typing.chars, typing.typingMs);
  if (n === null) return '—';
  return (
    <Typography.Text type={n < TYPING_TARGET_PER_MINUTE ? 'warning' : undefined} data-testid="team-week-typing" data-per-minute={n}>
      {n}
    </Typography.Text>
  );
}
