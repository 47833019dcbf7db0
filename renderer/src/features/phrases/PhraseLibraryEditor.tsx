import { Alert, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHASES, type Phrase, type PhraseLibrary } from '../../../../shared/phrases';
import type { Result } from '../../../../shared/result';
import { usePlatformApi } from '../../platform/api-context';
import { downloadFile } from '../../platform/download';
import { useAppStore } from '../../store';

/** The form edits lists as one entry per line. */
interface Draft {
  id: string;
  phase: Phrase['phase'];
  situation: string;
  channels: Phrase['channels'];
  say: string;
  never: string;
  forbid: string;
}
const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const toDraft = (p: Phrase): Draft => ({ ...p, say: p.say.join('\n'), never: p.never.join('\n'), forbid: p.forbid.join('\n') });
const EMPTY: Draft = { id: '', phase: 'during', situation: '', channels: ['hotline', 'online'], say: '', never: '', forbid: '' };

/**
 * The company's phrase library for the UI language: edit, add, remove (each saved at once and never
 * overwritten by a later shipped version), export as JSON, import an edited export (all or nothing;
 * the main side names every problem). Shown on the settings tab.
 */
export function PhraseLibraryEditor() {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const library = useAppStore((s) => s.phraseLibrary);
  const setLibrary = useAppStore((s) => s.setPhraseLibrary);
  const [editing, setEditing] = useState<{ draft: Draft; existing: Phrase | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Draft>();
  const file = useRef<HTMLInputElement>(null);
  if (!library) return null;

  const apply = (r: Result<PhraseLibrary>) => {
    if (!r.ok) return setError(r.error.fields ? `${r.error.message}\n${Object.entries(r.error.fields).map(([k, v]) => `${k}: ${v}`).join('\n')}` : r.error.message);
    setError(null);
    setLibrary(r.value);
    return true;
  };
  const save = async () => {
    const d = await form.validateFields();
    const extra = editing?.existing ? { ...(editing.existing.rule ? { rule: editing.existing.rule } : {}), ...(editing.existing.checks ? { checks: editing.existing.checks } : {}) } : {};
    const phrase: Phrase = { id: d.id.trim(), phase: d.phase, situation: d.situation.trim(), channels: d.channels, say: lines(d.say), never: lines(d.never), forbid: lines(d.forbid), ...extra };
    if (apply(await api.phrases.save({ locale: library.locale, phrase }))) setEditing(null);
  };
  const open = (existing: Phrase | null) => {
    setEditing({ draft: existing ? toDraft(existing) : { ...EMPTY, id: `custom-${Date.now().toString(36)}` }, existing });
  };
  return (
    <Card
      size="small"
      title={t('phrases.library.title', { version: library.version, count: library.phrases.length })}
      data-testid="phrase-library"
      extra={
        <Space>
          <Button size="small" onClick={() => open(null)}>
            {t('phrases.library.add')}
          </Button>
          <Button size="small" onClick={() => downloadFile(JSON.stringify(library, null, 2), `phrases-${library.locale}.json`, 'application/json')}>
            {t('phrases.library.export')}
          </Button>
          <Button size="small" onClick={() => file.current?.click()}>
            {t('phrases.library.import')}
          </Button>
          <input
            ref={file}
            type="file"
            accept=".json"
            aria-label={t('phrases.library.import')}
            style={{ display: 'none' }}
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              e.target.value = '';
              if (chosen) void chosen.text().then(async (json) => apply(await api.phrases.import({ locale: library.locale, json })));
            }}
          />
        </Space>
      }
    >
      {error && <Alert type="error" showIcon data-testid="phrase-library-error" title={<span style={{ whiteSpace: 'pre-wrap' }}>{error}</span>} style={{ marginBottom: 8 }} />}
      <Table<Phrase>
        size="small"
        rowKey="id"
        pagination={{ pageSize: 8, size: 'small' }}
        dataSource={library.phrases}
        columns={[
          { title: t('phrases.library.phase'), dataIndex: 'phase', width: 80, render: (p: Phrase['phase']) => t(`phrases.phase.${p}`) },
          { title: t('phrases.library.situation'), dataIndex: 'situation' },
          { title: t('phrases.library.say'), dataIndex: 'say', render: (say: string[]) => say[0] },
          {
            title: '',
            key: 'actions',
            width: 120,
            render: (_, p) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => open(p)}>
                  {t('phrases.library.edit')}
                </Button>
                <Popconfirm title={t('phrases.library.confirmRemove')} onConfirm={async () => void apply(await api.phrases.remove({ locale: library.locale, id: p.id }))}>
                  <Button type="link" size="small" danger>
                    {t('phrases.library.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={editing !== null} title={t(editing?.existing ? 'phrases.library.edit' : 'phrases.library.add')} onOk={() => void save()} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form<Draft> form={form} layout="vertical" initialValues={editing?.draft ?? EMPTY}>
          <Form.Item name="id" label="ID" rules={[{ required: true, pattern: /^[a-z][a-z0-9-]{0,47}$/, message: t('phrases.library.idRule') }]}>
            <Input disabled={Boolean(editing?.existing)} />
          </Form.Item>
          <Form.Item name="phase" label={t('phrases.library.phase')} htmlFor="phrase-phase">
            <Select id="phrase-phase" options={PHASES.map((p) => ({ value: p, label: t(`phrases.phase.${p}`) }))} />
          </Form.Item>
          <Form.Item name="situation" label={t('phrases.library.situation')} rules={[{ required: true, max: 80 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="channels" label={t('phrases.library.channels')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group options={(['hotline', 'online'] as const).map((c) => ({ value: c, label: t(`visits.channel.${c}`) }))} />
          </Form.Item>
          <Form.Item name="say" label={t('phrases.library.sayLines')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item name="never" label={t('phrases.library.neverLines')}>
            <Input.TextArea autoSize={{ minRows: 1 }} />
          </Form.Item>
          <Form.Item name="forbid" label={t('phrases.library.forbidLines')}>
            <Input.TextArea autoSize={{ minRows: 1 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
