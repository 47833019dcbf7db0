import { Alert, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../../shared/result';
import type { JoinRequest, Signed, TeamStatus } from '../../../../shared/team';
import { usePlatformApi } from '../../platform/api-context';
import { useAppStore } from '../../store';
import { chosenJson } from './json-file';
import { CreateTeamForm, TeamMembers } from './TeamAdmin';

/**
 * This desk's team (设置 → 团队): in no team, how to join (the join request with the key's
 * fingerprint to read out, then the admin's provisioning file) or how to start one as its admin;
 * in a team, its role, the directory version and both fingerprints, which settings the team manages
 * here, a newer directory taken from a file, and on the admin's desk the members. Every check is
 * made on the main side; this card only shows the outcome.
 */
export function TeamCard() {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const status = useAppStore((s) => s.teamStatus);
  const loadTeam = useAppStore((s) => s.loadTeam);
  const loadSettings = useAppStore((s) => s.loadSettings);
  const [request, setRequest] = useState<JoinRequest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [who, setWho] = useState({ user: '', name: '', staffNo: '' });
  useEffect(() => void loadTeam(), [loadTeam]);

  const makeRequest = async () => {
    const r = await api.team.joinRequest(who);
    setError(r.ok ? null : r.error.message);
    setRequest(r.ok ? r.value : null);
  };
  /** Joins, or takes a newer directory, from a file; the team's policies are in force after it. */
  const fromFile = async (e: ChangeEvent<HTMLInputElement>, take: (json: unknown) => Promise<Result<TeamStatus>>) => {
    const json = await chosenJson(e);
    if (!json) return;
    if (!json.ok) return setError(t('team.notJson', { name: json.name }));
    const r = await take(json.value);
    setError(r.ok ? null : r.error.message);
    if (r.ok) await Promise.all([loadTeam(), loadSettings()]);
  };

  if (!status) return null;
  return (
    <Card size="small" title={t('team.title')} data-testid="team-card" data-role={status.role ?? 'none'}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="team-error" />}
      {status.role ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('team.role')}>
              <Tag color="processing">{t(`team.roles.${status.role}`)}</Tag> {status.user}
            </Descriptions.Item>
            <Descriptions.Item label={t('team.name')}>
              <span data-testid="team-version">
                {status.teamId} · {status.company} · {t('team.version', { version: status.version, members: status.members })}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('team.myKey')}>
              <Typography.Text code data-testid="team-fingerprint">{status.fingerprint}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('team.adminKey')}>
              <Typography.Text code>{status.adminFingerprint}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          {status.managed.length > 0 && <Alert type="info" showIcon data-testid="team-managed" title={t('team.managed', { what: status.managed.map((k) => t(`team.managedKey.${k}`)).join('、') })} />}
          {status.role === 'admin' ? (
            <TeamMembers status={status} onError={setError} />
          ) : (
            <label>
              {t('team.directoryFile')}{' '}
              <input type="file" accept=".json,application/json" aria-label={t('team.directoryFile')} onChange={(e) => void fromFile(e, (signed) => api.team.receiveDirectory({ signed: signed as Signed }) /* checked on the main side */)} />
            </label>
          )}
        </Space>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('team.alone', { fingerprint: status.fingerprint })}</Typography.Paragraph>
          <Form layout="inline" onFinish={() => void makeRequest()}>
            <Form.Item label={t('team.user')} htmlFor="team-user">
              <Input id="team-user" value={who.user} onChange={(e) => setWho({ ...who, user: e.target.value.trim() })} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item label={t('team.memberName')} htmlFor="team-name">
              <Input id="team-name" value={who.name} onChange={(e) => setWho({ ...who, name: e.target.value })} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item label={t('team.staffNo')} htmlFor="team-staff">
              <Input id="team-staff" value={who.staffNo} onChange={(e) => setWho({ ...who, staffNo: e.target.value.trim() })} style={{ width: 100 }} />
            </Form.Item>
            <Button htmlType="submit" disabled={!who.user || !who.name.trim()}>
              {t('team.makeRequest')}
            </Button>
          </Form>
          {request && (
            <Alert
              type="success"
              showIcon
              data-testid="team-request"
              title={t('team.requestReady', { fingerprint: status.fingerprint })}
              description={<Typography.Paragraph copyable={{ text: JSON.stringify(request) }} style={{ margin: 0 }} ellipsis={{ rows: 2 }}>{JSON.stringify(request)}</Typography.Paragraph>}
            />
          )}
          <label>
            {t('team.joinFile')} <input type="file" accept=".json,application/json" aria-label={t('team.joinFile')} onChange={(e) => void fromFile(e, (provisioning) => api.team.join({ provisioning }))} />
          </label>
          <CreateTeamForm onError={setError} />
        </Space>
      )}
    </Card>
  );
}
