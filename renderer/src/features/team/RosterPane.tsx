import { PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../shared/settings';
import { formatTalkTime } from '../../../../shared/softphone';
import { rosterStatus, type RosterEntry, type RosterStatus } from '../../../../shared/team-mail';
import { useAppStore } from '../../store';
import { onTick } from '../deadlines';
import { useSoftphone } from '../softphone';
import { CoachBox } from './CoachBox';
import { MonitorControls } from './MonitorControls';

const STATUS_COLOUR: Record<RosterStatus, string> = {
  unknown: 'default',
  stale: 'error',
  offline: 'default',
  ready: 'success',
  'not-ready': 'warning',
  ringing: 'processing',
  'on-call': 'processing',
  held: 'warning',
  'wrap-up': 'default',
};

/**
 * A lead's roster (issue 16, item 5): every member who reports to this desk, live from their signed
 * presence — line, agent state with reason and time in it, the call in hand (masked number, since
 * when, held), today's calls — and stale once three heartbeats are missed. Each one call away.
 * A desk in no team lists the agents typed in 设置 → 团队, without presence.
 */
export function RosterPane() {
  const { t, i18n } = useTranslation();
  const inTeam = useAppStore((s) => Boolean(s.teamStatus?.role));
  const roster = useAppStore((s) => s.roster);
  const agents = useAppStore((s) => s.settings?.team.agents);
  const presenceSeconds = useAppStore((s) => s.settings?.team.presenceSeconds ?? 15);
  const reasons = useAppStore((s) => s.settings?.notReadyReasons);
  const registered = useAppStore((s) => s.registration.status === 'registered');
  const phone = useSoftphone();
  const monitors = useAppStore((s) => s.monitors);
  const [now, setNow] = useState(Date.now);
  useEffect(() => onTick(setNow), []);
  const rows: readonly RosterEntry[] = inTeam ? roster : (agents ?? []).map((user) => ({ user, name: user, role: 'agent', presence: null, receivedAt: null }));

  const describe = (e: RosterEntry, status: RosterStatus) => {
    const p = e.presence;
    if (!p || status === 'stale' || status === 'unknown') return null;
    const reason = p.status === 'not-ready' ? reasons?.find((r) => r.id === p.reasonId)?.label[i18n.language as Locale] : undefined;
    return (
      <Space size={4} wrap>
        {reason && <span>{reason}</span>}
        <span data-testid="roster-since">{formatTalkTime(now - p.since)}</span>
        {p.call && <span data-testid="roster-call">{t(`roster.call.${p.call.direction}`, { number: p.call.number, time: formatTalkTime(now - p.call.since) })}</span>}
        <Typography.Text type="secondary">{t('roster.today', { calls: p.today.calls, talk: formatTalkTime(p.today.talkSeconds * 1000) })}</Typography.Text>
      </Space>
    );
  };

  return (
    <Card size="small" title={t('desk.roster')} data-testid="roster">
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.rosterEmpty')} />
      ) : (
        <List
          size="small"
          dataSource={[...rows]}
          renderItem={(e) => {
            const status = inTeam ? rosterStatus(e, now, presenceSeconds) : null;
            return (
              <List.Item
                key={e.user}
                data-testid="roster-row"
                data-user={e.user}
                data-status={status ?? undefined}
                actions={[
                  ...(inTeam ? [<MonitorControls key="monitor" user={e.user} />] : []),
                  <Tooltip key="call" title={t('desk.callAgent', { agent: e.user })}>
                    <Button size="small" icon={<PhoneOutlined />} aria-label={t('desk.callAgent', { agent: e.user })} disabled={!registered} onClick={() => void phone.dial(e.user)} />
                  </Tooltip>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space size={4}>
                      {e.name !== e.user ? `${e.name} ${e.user}` : e.user}
                      {status && (
                        <Tag color={STATUS_COLOUR[status]} data-testid="roster-status">
                          {t(`roster.status.${status}`)}
                        </Tag>
                      )}
                    </Space>
                  }
                  description={
                    <>
                      {status && describe(e, status)}
                      {monitors.some((m) => m.side === 'lead' && m.peer === e.user && m.phase === 'connected') && <CoachBox agent={e.user} />}
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
