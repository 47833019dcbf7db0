import { Button, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../../shared/result';
import { ROLES, type JoinRequest, type MemberView, type Role, type TeamStatus } from '../../../../shared/team';
import { usePlatformApi } from '../../platform/api-context';
import { downloadFile } from '../../platform/download';
import { useAppStore } from '../../store';
import { chosenJson } from './json-file';

type OnError = (message: string | null) => void;

const mapResult = <T, U>(r: Result<T>, f: (value: T) => U): Result<U> => (r.ok ? { ok: true, value: f(r.value) } : r);

/** A desk alone starts a team with itself as the admin (主管/质检): version 1 of the directory, today's policies. */
export function CreateTeamForm({ onError }: { onError: OnError }) {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const company = useAppStore((s) => s.settings?.companyName ?? '');
  const loadTeam = useAppStore((s) => s.loadTeam);
  const [form, setForm] = useState({ teamId: '', company, user: '', name: '' });
  const create = async () => {
    const r = await api.team.create({ ...form, company: form.company.trim() });
    onError(r.ok ? null : r.error.message);
    if (r.ok) await loadTeam();
  };
  const field = (key: keyof typeof form, width: number) => (
    <Form.Item label={t(`team.create.${key}`)} htmlFor={`team-create-${key}`}>
      <Input id={`team-create-${key}`} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} style={{ width }} />
    </Form.Item>
  );
  return (
    <Form layout="inline" onFinish={() => void create()} data-testid="team-create">
      <Typography.Text strong style={{ width: '100%' }}>
        {t('team.create.title')}
      </Typography.Text>
      {field('teamId', 120)}
      {field('company', 140)}
      {field('user', 90)}
      {field('name', 100)}
      <Button htmlType="submit" disabled={!form.teamId || !form.company.trim() || !form.user || !form.name.trim()}>
        {t('team.create.submit')}
      </Button>
    </Form>
  );
}

/**
 * The admin's team screen: the members of the signed directory with their fingerprints and whether
 * their desk has the latest version; a member added from their join request or revoked (each a new
 * signed version, published over SIP by the directory publisher); the files for desks out of reach.
 */
export function TeamMembers({ status, onError }: { status: TeamStatus; onError: OnError }) {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const loadTeam = useAppStore((s) => s.loadTeam);
  const published = useAppStore((s) => s.published);
  const [members, setMembers] = useState<readonly MemberView[]>([]);
  const [request, setRequest] = useState<JoinRequest | null>(null);
  const [place, setPlace] = useState<{ role: Role; leads: string[] }>({ role: 'agent', leads: status.user ? [status.user] : [] });
  useEffect(() => void api.team.members().then((r) => r.ok && setMembers(r.value)), [api, status.version]);

  const chooseRequest = async (e: ChangeEvent<HTMLInputElement>) => {
    const json = await chosenJson(e);
    if (!json) return;
    if (!json.ok) return onError(t('team.notJson', { name: json.name }));
    onError(null);
    setRequest(json.value as JoinRequest); // checked on the main side when added
  };
  const changed = async (r: { ok: true } | { ok: false; error: { message: string } }) => {
    onError(r.ok ? null : r.error.message);
    if (r.ok) await loadTeam();
  };
  const add = async () => {
    if (!request) return;
    const r = await api.team.addMember({ request, role: place.role, leads: place.leads });
    if (r.ok) setRequest(null);
    await changed(r);
  };
  const save = (what: 'provisioning' | 'directory', r: Result<string>) =>
    r.ok ? downloadFile(r.value, `zuoxi-${status.teamId}-${what}-v${status.version}.json`, 'application/json') : onError(r.error.message);
  const downloadProvisioning = async () => save('provisioning', mapResult(await api.team.provisioning(), (p) => JSON.stringify(p)));
  // the signed directory: `zuoxi team receive` and 导入新版团队名录文件 take it
  const downloadDirectory = async () => save('directory', mapResult(await api.team.directoryFile(), (signed) => JSON.stringify(signed)));

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="team-members">
      <Table<MemberView>
        size="small"
        rowKey="user"
        pagination={false}
        dataSource={[...members]}
        columns={[
          { title: t('team.user'), dataIndex: 'user' },
          { title: t('team.memberName'), dataIndex: 'name' },
          { title: t('team.role'), dataIndex: 'role', render: (role: Role) => <Tag>{t(`team.roles.${role}`)}</Tag> },
          { title: t('team.leadsColumn'), dataIndex: 'leads', render: (leads: string[]) => leads.join('、') },
          { title: t('team.keyColumn'), dataIndex: 'fingerprint', render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
          {
            title: t('team.deliveryColumn'),
            key: 'delivery',
            render: (_, m) => {
              if (m.revoked) return <Tag color="error">{t('team.revoked')}</Tag>;
              if (m.user === status.user) return null;
              const p = published[m.user];
              return <span data-testid={`delivery-${m.user}`}>{!p ? '' : p.code === 200 ? t('team.delivered', { version: p.version }) : t('team.notDelivered', { version: p.version, code: p.code })}</span>;
            },
          },
          {
            title: '',
            key: 'actions',
            render: (_, m) =>
              !m.revoked && m.user !== status.user ? (
                <Popconfirm title={t('team.revokeAsk', { user: m.user })} okText={t('team.revoke')} onConfirm={() => void api.team.revoke({ user: m.user }).then(changed)}>
                  <Button size="small" danger>
                    {t('team.revoke')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Form layout="inline" onFinish={() => void add()}>
        <label>
          {t('team.requestFile')} <input type="file" accept=".json,application/json" aria-label={t('team.requestFile')} onChange={(e) => void chooseRequest(e)} />
        </label>
        {request && (
          <Typography.Text data-testid="team-request-chosen">
            {t('team.requestChosen', { user: request.user, name: request.name })}
          </Typography.Text>
        )}
        <Form.Item label={t('team.role')} htmlFor="team-add-role">
          <Select<Role> id="team-add-role" style={{ width: 140 }} value={place.role} onChange={(role) => setPlace({ ...place, role })} options={ROLES.map((r) => ({ value: r, label: t(`team.roles.${r}`) }))} />
        </Form.Item>
        <Form.Item label={t('team.leadsColumn')} htmlFor="team-add-leads">
          <Select id="team-add-leads" mode="tags" open={false} suffixIcon={null} style={{ minWidth: 120 }} value={place.leads} tokenSeparators={[',', '，', ' ']} onChange={(leads: string[]) => setPlace({ ...place, leads })} />
        </Form.Item>
        <Button htmlType="submit" type="primary" disabled={!request}>
          {t('team.add')}
        </Button>
      </Form>
      <Space>
        <Button onClick={() => void downloadProvisioning()}>{t('team.downloadProvisioning')}</Button>
        <Button onClick={() => void downloadDirectory()}>{t('team.downloadDirectory')}</Button>
      </Space>
    </Space>
  );
}
