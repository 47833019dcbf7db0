import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplianceSettings as Policy } from '../../../../shared/compliance';
import { useAppStore } from '../../store';

const LISTS = ['sensitiveWords', 'officialHosts', 'staffNames', 'internalPatterns', 'unreleased'] as const satisfies readonly (keyof Policy)[];

/**
 * The company's compliance lists, edited as tags (type, Enter; × removes): sensitive words for the
 * early warning (R-ESCALATE-SENSITIVE), official link hosts, staff names, internal-information
 * patterns and activities not launched yet. Each change is saved at once and checked by the main
 * side (a pattern that does not compile is refused with the reason, and nothing is lost).
 */
export function ComplianceSettings() {
  const { t } = useTranslation();
  const policy = useAppStore((s) => s.settings?.compliance);
  const updateSettings = useAppStore((s) => s.updateSettings);
  if (!policy) return null;
  return (
    <>
      {LISTS.map((list) => (
        <Form.Item key={list} label={t(`settings.compliance.${list}`)} htmlFor={`compliance-${list}`} extra={t(`settings.compliance.${list}Hint`)}>
          <Select
            id={`compliance-${list}`}
            mode="tags"
            open={false}
            suffixIcon={null}
            value={[...policy[list]]}
            tokenSeparators={[',', '，', '、']}
            onChange={(values: string[]) => void updateSettings({ compliance: { ...policy, [list]: values.map((v) => v.trim()).filter(Boolean) } })}
          />
        </Form.Item>
      ))}
    </>
  );
}
