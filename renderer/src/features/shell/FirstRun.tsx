import { Button, Card, Input, List, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatformApi } from '../../platform/api-context';
import { useAppStore } from '../../store';

/**
 * A new desk explains itself on the 工作台 until each step is done: no SIP line yet → the line form;
 * no company name → asked once here (the scripted phrases say it); in no team → asked once whether
 * it works alone (its own admin) or joins or starts a team (设置 → 团队); an empty knowledge base → how to
 * import (the 知识库 tab, or `zuoxi kb import` before anyone opens a desk).
 */
export function FirstRun() {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const noLine = useAppStore((s) => s.registration.status === 'not-configured');
  const onboarding = useAppStore((s) => s.settings?.onboarding);
  const askCompany = useAppStore((s) => s.settings !== null && s.settings.companyName === '' && !s.settings.onboarding.companyAsked);
  const askTeam = useAppStore((s) => s.settings !== null && !s.settings.onboarding.teamAsked && s.teamStatus !== null && s.teamStatus.role === null);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const showTab = useAppStore((s) => s.showTab);
  const revision = useAppStore((s) => s.visitsRevision);
  const [articles, setArticles] = useState<number | null>(null);
  const [company, setCompany] = useState('');
  useEffect(() => {
    let live = true;
    void api.kb.count().then((r) => live && r.ok && setArticles(r.value));
    return () => {
      live = false;
    };
  }, [api, revision]);
  const answered = (step: 'companyAsked' | 'teamAsked') => ({ onboarding: { ...onboarding!, [step]: true } });
  const saveCompany = () => void updateSettings({ companyName: company.trim(), ...answered('companyAsked') });
  const steps = [
    noLine && {
      key: 'line',
      text: t('firstRun.line'),
      action: (
        <Button key="go" type="primary" size="small" onClick={() => showTab('line')}>
          {t('firstRun.toLine')}
        </Button>
      ),
    },
    askCompany && {
      key: 'company',
      text: t('firstRun.company'),
      action: (
        <Space.Compact key="company">
          <Input
            size="small"
            aria-label={t('settings.companyName')}
            maxLength={40}
            value={company}
            onChange={(e) => setCompany(e.target.value)}
            onPressEnter={() => company.trim() && saveCompany()}
          />
          <Button size="small" type="primary" disabled={!company.trim()} onClick={saveCompany}>
            {t('firstRun.save')}
          </Button>
          <Button size="small" onClick={() => void updateSettings(answered('companyAsked'))}>
            {t('firstRun.skip')}
          </Button>
        </Space.Compact>
      ),
    },
    askTeam && {
      key: 'team',
      text: t('firstRun.team'),
      action: (
        <Space key="team">
          <Button size="small" onClick={() => void updateSettings(answered('teamAsked'))}>
            {t('firstRun.alone')}
          </Button>
          <Button
            size="small"
            type="primary"
            onClick={() => {
              void updateSettings(answered('teamAsked'));
              showTab('settings');
            }}
          >
            {t('firstRun.toTeam')}
          </Button>
        </Space>
      ),
    },
    articles === 0 && {
      key: 'kb',
      text: t('firstRun.kb'),
      action: (
        <Button key="go" size="small" onClick={() => showTab('kb')}>
          {t('firstRun.toKb')}
        </Button>
      ),
    },
  ].filter((s): s is { key: string; text: string; action: React.ReactElement } => Boolean(s));
  if (steps.length === 0) return null;
  return (
    <Card size="small" title={t('firstRun.title')} data-testid="first-run">
      <List
        size="small"
        dataSource={steps}
        renderItem={(s) => (
          <List.Item data-testid="first-run-step" data-step={s.key} actions={[s.action]}>
            <Typography.Text>{s.text}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
