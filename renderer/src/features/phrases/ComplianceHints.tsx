import { Alert, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { findSensitive, sensitiveByFamily, type SensitiveFamily } from '../../../../shared/sensitive';
import { useAppStore } from '../../store';
import { EscalateButton } from '../escalation';
import { useChecker } from './useChecker';

/**
 * Findings for text the agent records or sends, as they type: rule, the words, and the standard
 * phrase to use instead. With `customerWords`, sensitive words (记者, 曝光, 报警…) raise the early
 * warning with the calming script and a one-click escalation with the words attached (R-ESCALATE-SENSITIVE).
 * `reply`: the text is what the customer will read (a chat reply), so a curt one is hinted (R-POLITE).
 */
export function ComplianceHints({
  text,
  customerWords = false,
  reply = false,
  agentId,
  customerNumber,
  visitId,
}: {
  text: string;
  customerWords?: boolean;
  reply?: boolean;
  agentId?: string;
  /** The visit the words belong to, attached to a one-click escalation. */
  customerNumber?: string;
  visitId?: number;
}) {
  const { t } = useTranslation();
  const check = useChecker();
  const library = useAppStore((s) => s.phraseLibrary);
  const findings = useMemo(() => (check && text ? check(text, { ...(agentId ? { agentId } : {}), reply }) : []), [check, text, agentId, reply]);
  const sensitive = useSensitive(customerWords ? text : '');
  const phrase = (id: string | undefined) => library?.phrases.find((p) => p.id === id)?.say[0];
  if (findings.length === 0 && sensitive.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="compliance-hints">
      {sensitive.length > 0 && <SensitiveWarning found={sensitive} {...(customerNumber ? { customerNumber } : {})} {...(visitId ? { visitId } : {})} />}
      {findings.map((f) => (
        <Alert
          key={`${f.rule}-${f.start}`}
          type={f.severity === 'high' ? 'error' : 'warning'}
          showIcon
          data-testid="compliance-finding"
          title={t('phrases.finding', { rule: t(`phrases.rule.${f.rule}`), match: f.match })}
          description={f.suggestion && phrase(f.suggestion) ? t('phrases.insteadSay', { phrase: phrase(f.suggestion) }) : undefined}
        />
      ))}
    </Space>
  );
}

/** What in a customer's words raises the early warning (shared/sensitive.ts), by family, each word once. */
export function useSensitive(text: string): { family: SensitiveFamily; words: string[] }[] {
  const words = useAppStore((s) => s.settings?.compliance.sensitiveWords);
  return useMemo(() => (words && text ? sensitiveByFamily(findSensitive(text, words)) : []), [words, text]);
}

/**
 * The early warning for sensitive words (R-ESCALATE-SENSITIVE): the calming script, and a one-click
 * escalation with the words, the customer and the visit attached.
 */
export function SensitiveWarning({ found, customerNumber, visitId }: { found: readonly { family: SensitiveFamily; words: readonly string[] }[]; customerNumber?: string; visitId?: number }) {
  const { t } = useTranslation();
  const words = found.flatMap((g) => g.words);
  const library = useAppStore((s) => s.phraseLibrary);
  const calm = library?.phrases.find((p) => p.id === 'sensitive-calm')?.say[0];
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="sensitive-warning"
      data-families={found.map((g) => g.family).join(' ')}
      title={t('phrases.sensitive', { words: found.map((g) => `${t(`phrases.family.${g.family}`)}：${g.words.join('、')}`).join('；') })}
      description={
        <>
          <Typography.Text>{t('phrases.calm')}</Typography.Text> <Typography.Text strong>{calm}</Typography.Text>
        </>
      }
      action={<EscalateButton size="small" reason="sensitive-words" words={words} {...(customerNumber ? { customerNumber } : {})} {...(visitId ? { visitId } : {})} />}
    />
  );
}
