import { Alert, Button, Card, Input, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkOf } from '../../../../shared/call-script';
import { PHASES, fillPhrase, type Phase, type Phrase } from '../../../../shared/phrases';
import { useAgentId } from './use-agent-id';
import { useAppStore, useAppStoreApi } from '../../store';
import { phaseOf, scriptCallId } from './phase';
import { ScriptFlows } from './ScriptFlows';
import { indexPhrases, searchPhrases, withInitials, type PhraseIndex } from './search';

/** Alt+P: to the phrase panel, where the digit keys copy (from any tab: it opens the 工作台). */
export const PHRASES_SHORTCUT = 'Alt+P';
const PANEL_ID = 'phrase-panel';
export const focusPhrases = () => document.getElementById(PANEL_ID)?.focus();

/**
 * Standard wording for the moment (R-POLITE): follows the call (ringing → greeting, held → waiting,
 * on a call → during, wrap-up → closing) until the agent picks a phase; searchable by characters or pinyin initials; a click or the
 * digit keys 1–9 copy the wording with its variables filled; "不可以说" shown with each.
 */
export function PhrasePanel() {
  const { t } = useTranslation();
  const library = useAppStore((s) => s.phraseLibrary);
  const calls = useAppStore((s) => s.calls);
  const agent = useAppStore((s) => s.agent.status);
  const following = phaseOf(calls, agent);
  const [picked, setPicked] = useState<Phase | null>(null);
  // a phase the agent picked holds until the call moves on (then it is forgotten)
  const [followed, setFollowed] = useState(following);
  if (followed !== following) {
    setFollowed(following);
    setPicked(null);
  }
  const phase = picked ?? following;
  const [query, setQuery] = useState('');
  const [copied, setCopied] = useState<string | null>(null);
  const company = useAppStore((s) => s.settings?.companyName);
  const agentId = useAgentId();
  const call = calls.find((c) => c.phase !== 'ended');
  const values = { company, agentId, customerName: call?.remoteName, phone: call?.remoteUser };
  const plain = useMemo(() => indexPhrases(library?.phrases ?? []), [library]);
  const [full, setFull] = useState<{ of: readonly PhraseIndex[]; index: readonly PhraseIndex[] } | null>(null);
  useEffect(() => {
    let live = true;
    void withInitials(plain).then((index) => live && setFull({ of: plain, index }));
    return () => {
      live = false;
    };
  }, [plain]);
  const index = full?.of === plain ? full.index : plain;
  const shown = useMemo(() => (query.trim() ? searchPhrases(index, query) : (library?.phrases ?? []).filter((p) => p.phase === phase)), [index, library, phase, query]);
  const store = useAppStoreApi();
  /** Copies the wording, and ticks it on the call's script checklist (greeting, waiting, confirmed, closing). */
  const pick = async (phrase: Phrase, text: string) => {
    const callId = scriptCallId(store.getState());
    if (callId) store.getState().tickCheck(callId, checkOf(phrase));
    await navigator.clipboard?.writeText(text).catch(() => {});
    setCopied(text);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || !/^[1-9]$/.test(e.key)) return;
    const p = shown[Number(e.key) - 1];
    if (p) void pick(p, fillPhrase(p.say[0]!, values).text);
  };
  if (!library) return null;
  return (
    <Card
      id={PANEL_ID}
      size="small"
      title={
        <>
          {t('phrases.title')} <kbd>{PHRASES_SHORTCUT}</kbd>
        </>
      }
      data-testid="phrase-panel"
      data-phase={phase}
      tabIndex={0}
      aria-label={t('phrases.panelLabel')}
      onKeyDown={onKeyDown}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ScriptFlows />
        <Segmented
          className="phrase-phases"
          size="small"
          value={phase}
          options={PHASES.map((p) => ({ value: p, label: t(`phrases.phase.${p}`) }))}
          onChange={(v) => setPicked(v as Phase)}
        />
        <Input allowClear size="small" aria-label={t('phrases.search')} placeholder={t('phrases.searchHint')} value={query} onChange={(e) => setQuery(e.target.value)} />
        {copied && <Alert type="success" showIcon title={t('phrases.copied')} description={copied} data-testid="phrase-copied" />}
        {shown.map((p, i) => (
          <div key={p.id} data-testid="phrase">
            <Typography.Text strong>
              {i < 9 && <Tag>{i + 1}</Tag>}
              {p.situation}
            </Typography.Text>
            {p.say.map((say) => {
              const filled = fillPhrase(say, values);
              return (
                <div key={say}>
                  <Tooltip title={filled.missing.length ? t('phrases.missing', { names: filled.missing.join(', ') }) : t('phrases.copy')}>
                    <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => void pick(p, filled.text)}>
                      {filled.text}
                    </Button>
                  </Tooltip>
                  {filled.missing.length > 0 && <Tag color="warning">{t('phrases.missing', { names: filled.missing.join(', ') })}</Tag>}
                </div>
              );
            })}
            {p.never.map((n) => (
              <Typography.Text key={n} type="danger" delete style={{ display: 'block' }}>
                {t('phrases.never', { text: n })}
              </Typography.Text>
            ))}
          </div>
        ))}
      </Space>
    </Card>
  );
}
