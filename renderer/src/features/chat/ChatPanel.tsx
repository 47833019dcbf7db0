import { Alert, Badge, Button, Empty, Input, List, Space, Tabs, Tag, Typography } from 'antd';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useTranslation } from 'react-i18next';
import { TYPING_TARGET_PER_MINUTE, byUrgency, idleSince, promptSent, type ChatMessage, type Conversation } from '../../../../shared/chat';
import { usePlatformApi } from '../../platform/api-context';
import { useLoaded } from '../../platform/use-loaded';
import { useAppStore, type RootState } from '../../store';
import { insertAt } from '../../ui/insert-at';
import { isSendKey } from '../../ui/send-key';
import { onTick } from '../deadlines';
import { ComplianceHints, SensitiveWarning, useComplianceGate, useSensitive } from '../phrases';
import { useChatChannel } from './context';
import { ReplyInserts } from './ReplyInserts';


/** Jumps to the conversation waiting longest, in the 在线会话 tab, its reply box focused. */
export const CHAT_URGENT_SHORTCUT = 'Alt+U';

/** The reply box of conversation `conv`, focused (after the tab is shown). */
const focusReply = (conv: string) => setTimeout(() => document.querySelector<HTMLTextAreaElement>(`[data-testid="conversation"][data-conv="${conv}"] textarea`)?.focus());

/** Conversation `conv` on screen (the 在线会话 tab), its reply box focused: Alt+U and the board's 打开会话. */
export function showConversation(s: Pick<RootState, 'showTab' | 'openConversation'>, conv: string): void {
  s.showTab('chat');
  s.openConversation(conv);
  focusReply(conv);
}

/**
 * The online channel (issue 18): a tab per open conversation, longest-waiting first with unread
 * counts; the transcript with each reply's delivery; the reply box (Enter sends, Shift+Enter a new
 * line, nothing sent while an IME is composing).
 */
export function ChatPanel() {
  const { t } = useTranslation();
  const conversations = useAppStore((s) => s.conversations);
  // the order as one string: a message that does not change who waits longest re-renders nothing here
  const order = useAppStore((s) => byUrgency(s.conversations, s.transcripts).map((c) => c.id).join(' '));
  const unread = useAppStore((s) => s.unread);
  const active = useAppStore((s) => s.activeConversation);
  const openConversation = useAppStore((s) => s.openConversation);
  if (conversations.length === 0) return <Empty data-testid="chat-empty" description={t('chat.none')} />;
  const ordered = order.split(' ').flatMap((id) => conversations.filter((c) => c.id === id));
  return (
    <Tabs
      tabBarExtraContent={<TypingSpeedTag />}
      data-testid="chat-panel"
      activeKey={active ?? ordered[0]!.id}
      onChange={openConversation}
      items={ordered.map((c) => ({
        key: c.id,
        label: (
          <Badge count={active === c.id ? 0 : (unread[c.id] ?? 0)} size="small" offset={[8, 0]}>
            <span data-testid="chat-tab" data-conv={c.id}>
              {c.peer}
            </span>
          </Badge>
        ),
        children: <ConversationView conversation={c} />,
      }))}
    />
  );
}

/** The agent's own typing speed today, against the 30 字/分 of R-TYPING-30. */
function TypingSpeedTag() {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const replies = useAppStore((s) => s.repliesStored);
  const speed = useLoaded(() => api.chat.typingSpeed({ from: new Date().setHours(0, 0, 0, 0) }), [api, replies]);
  if (speed?.perMinute == null) return null;
  return (
    <Tag color={speed.perMinute >= TYPING_TARGET_PER_MINUTE ? 'success' : 'warning'} data-testid="typing-speed" data-per-minute={speed.perMinute}>
      {t('chat.typingSpeed', { n: speed.perMinute, target: TYPING_TARGET_PER_MINUTE })}
    </Tag>
  );
}

/** One conversation; memoised, so a message in another conversation does not re-render it. */
const ConversationView = memo(function ConversationView({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const channel = useChatChannel();
  const transcript = useAppStore((s) => s.transcripts[conversation.id]);
  const typingUntil = useAppStore((s) => s.typing[conversation.peer]);
  const [now, setNow] = useState(Date.now);
  useEffect(() => onTick(setNow), []);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  // when the agent began typing this reply: its typing speed (R-TYPING-30); a reply with a phrase
  // or an article put in was not all typed, and does not count
  const [typingFrom, setTypingFrom] = useState<number | null>(null);
  const [inserted, setInserted] = useState(false);
  const box = useRef<TextAreaRef>(null);
  const insert = (words: string) => {
    const el = box.current?.resizableTextArea?.textArea;
    const at = insertAt(text, el?.selectionStart ?? text.length, el?.selectionEnd ?? text.length, words);
    setText(at.text);
    setInserted(true);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at.cursor, at.cursor);
    });
  };
  // a reply with a high finding (forbidden wording, a foreign link, internal information) is held
  // back: fixed, or sent with a reason logged with the visit (R-DONT-SAY and the others)
  const gate = useComplianceGate();
  // sensitive words in what the customer wrote raise the warning and the one-click escalation
  const customerText = useMemo(() => (transcript ?? []).filter((m) => m.direction === 'in').map((m) => m.text).join('\n'), [transcript]);
  const sensitive = useSensitive(customerText);
  // the customer went silent after the desk answered: the 3-minute prompt, one click ahead of the desk (R-CLOSE-3-5)
  const idle = idleSince(transcript ?? []);
  const prompt = useAppStore((s) => s.phraseLibrary?.phrases.find((p) => p.id === 'idle-prompt')?.say[0]);
  const send = () =>
    text.trim()
      ? gate.guard(text, 'reply', conversation.visitId, async () => {
          const reason = await channel.reply(conversation.id, text, typingFrom === null || inserted ? undefined : Date.now() - typingFrom);
          setError(reason);
          if (reason !== null) return;
          setText('');
          setTypingFrom(null);
          setInserted(false);
        })
      : Promise.resolve();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="conversation" data-conv={conversation.id}>
      <List size="small" dataSource={[...(transcript ?? [])]} renderItem={(m) => <Bubble key={m.id} m={m} />} />
      {sensitive.length > 0 && <SensitiveWarning found={sensitive} customerNumber={conversation.peer} {...(conversation.visitId ? { visitId: conversation.visitId } : {})} />}
      {typingUntil !== undefined && typingUntil > now && (
        <Typography.Text type="secondary" data-testid="peer-typing">
          {t('chat.typing')}
        </Typography.Text>
      )}
      <ReplyInserts onInsert={insert} onError={setError} />
      <Input.TextArea
        ref={box}
        aria-label={t('chat.reply')}
        placeholder={t('chat.replyHint')}
        autoSize={{ minRows: 2, maxRows: 6 }}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (typingFrom === null && e.target.value) setTypingFrom(Date.now());
          channel.typing(conversation.id);
        }}
        onKeyDown={(e) => {
          if (!isSendKey(e)) return;
          e.preventDefault();
          void send();
        }}
      />
      {idle !== null && prompt && !promptSent(transcript ?? [], idle, prompt) && (
        <Button size="small" data-testid="send-prompt" onClick={() => void channel.reply(conversation.id, prompt).then(setError)}>
          {t('chat.sendPrompt')}
        </Button>
      )}
      <ComplianceHints text={text} reply />
      {gate.dialog}
      <Space>
        <Button type="primary" onClick={() => void send()}>
          {t('chat.send')}
        </Button>
        <Button onClick={() => void channel.close(conversation.id).then(setError)}>{t('chat.close')}</Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
    </Space>
  );
});

const Bubble = memo(function Bubble({ m }: { m: ChatMessage }) {
  const { t } = useTranslation();
  const channel = useChatChannel();
  return (
    <List.Item data-testid="chat-message" data-direction={m.direction} data-status={m.status} style={{ justifyContent: m.direction === 'out' ? 'flex-end' : 'flex-start' }}>
      <Space orientation="vertical" size={0} style={{ maxWidth: '80%' }}>
        <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{m.text}</Typography.Text>
        <Space size={4}>
          <Typography.Text type="secondary">{new Date(m.storedAt).toLocaleTimeString()}</Typography.Text>
          {m.direction === 'out' && <Tag color={m.status === 'failed' ? 'error' : m.status === 'delivered' ? 'success' : 'processing'}>{t(`chat.status.${m.status}`)}</Tag>}
          {m.status === 'failed' && (
            <Button size="small" onClick={() => void channel.retry(m.id)}>
              {t('chat.retry')}
            </Button>
          )}
        </Space>
      </Space>
    </List.Item>
  );
});
