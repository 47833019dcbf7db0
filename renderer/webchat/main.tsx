/**
 * The customer web-chat page (issue 18, item 2): served by scripts/webchat.mjs next to the dev PBX,
 * so anyone can chat with their own desk (`npm start` prints its address; `?to=1002` picks the desk).
 * It is not part of the desk: a customer's browser, a guest on the PBX, the Zuoxi chat format.
 */
import { StrictMode, useEffect, useState, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import type { RegistrationSnapshot } from '../../shared/softphone';
import { isSendKey } from '../src/ui/send-key';
import { CustomerChat, type CustomerMessage } from './customer-chat';
import { connectGuest, type GuestLine, type WebChatConfig } from './guest-line';
import './webchat.css';

/** Sent again this often while online, until the desk answers. */
const FLUSH_EVERY_MS = 3_000;
const DESK_RE = /^[0-9A-Za-z_.-]{1,32}$/;

const LINE_TEXT: Record<RegistrationSnapshot['status'], string> = {
  'not-configured': '未连接 Offline',
  stopped: '未连接 Offline',
  connecting: '连接中… Connecting',
  registered: '在线 Online',
  reconnecting: '重新连接中… Reconnecting',
  failed: '连接失败 Failed',
};

const STATUS_TEXT: Record<CustomerMessage['status'], string> = { sending: '发送中 sending', delivered: '已送达 delivered', failed: '发送失败 failed' };

async function loadConfig(): Promise<WebChatConfig> {
  const response = await fetch('./config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  const config = (await response.json()) as WebChatConfig;
  const to = new URLSearchParams(location.search).get('to') ?? config.to;
  if (!DESK_RE.test(to)) throw new Error(`not a desk extension: ${to}`);
  return { ...config, to };
}

function Chat({ config }: { config: WebChatConfig }) {
  const [chat] = useState(() => new CustomerChat(localStorage, `zuoxi-webchat:${config.to}`));
  const view = useSyncExternalStore(chat.subscribe, chat.snapshot);
  const [line, setLine] = useState<GuestLine | null>(null);
  const [registration, setRegistration] = useState<RegistrationSnapshot>({ status: 'connecting' });
  const [text, setText] = useState('');
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let stopped = false;
    let opened: GuestLine | undefined;
    void connectGuest(config, chat.snapshot().user, { onMessage: (_from, type, body) => chat.receive(type, body), onRegistration: setRegistration }).then((l) => {
      opened = l;
      if (stopped) void l.stop();
      else setLine(l);
    });
    return () => {
      stopped = true;
      void opened?.stop();
    };
  }, [chat, config]);

  const online = registration.status === 'registered';
  useEffect(() => {
    if (!line || !online) return;
    void chat.flush(line.send);
    const timer = setInterval(() => {
      void chat.flush(line.send);
      setNow(Date.now());
    }, FLUSH_EVERY_MS);
    return () => clearInterval(timer);
  }, [chat, line, online]);

  const send = () => {
    if (!line || !text.trim()) return;
    void chat.say(text, line.send);
    setText('');
  };

  return (
    <div className="page">
      <header>
        <h1>在线客服 · Online service</h1>
        <span className="line" data-testid="webchat-line" data-status={registration.status}>
          {LINE_TEXT[registration.status]}
        </span>
        <button type="button" className="plain" onClick={() => chat.restart()}>
          新会话 New chat
        </button>
      </header>
      <ol aria-label="会话 Conversation" data-testid="webchat-messages" data-user={view.user} data-conv={view.conv}>
        {view.messages.map((m) => (
          <li key={m.id} data-testid="webchat-message" data-direction={m.direction} data-status={m.status}>
            {m.text}
            {m.direction === 'out' && (
              <small>
                {STATUS_TEXT[m.status]}
                {m.status === 'failed' && line && (
                  <>
                    {m.code ? ` (${m.code}) ` : ' '}
                    <button type="button" className="plain" onClick={() => void chat.retry(m.id, line.send)}>
                      重试 Retry
                    </button>
                  </>
                )}
              </small>
            )}
          </li>
        ))}
      </ol>
      <div className="typing" data-testid="webchat-typing">
        {view.agentTypingUntil > now ? '客服正在输入… The agent is typing' : ''}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <textarea
          aria-label="输入消息 Message"
          rows={2}
          value={text}
          placeholder="Enter 发送，Shift+Enter 换行"
          onChange={(e) => {
            setText(e.target.value);
            if (line && online && e.target.value) chat.typing(line.send);
          }}
          onKeyDown={(e) => {
            if (!isSendKey(e)) return;
            e.preventDefault();
            send();
          }}
        />
        <button type="submit" disabled={!line || !text.trim()}>
          发送 Send
        </button>
      </form>
    </div>
  );
}

function Page() {
  const [config, setConfig] = useState<WebChatConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadConfig().then(setConfig, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  if (error) return <p className="error" role="alert">页面无法启动 The page could not start: {error}</p>;
  return config ? <Chat config={config} /> : null;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Page />
  </StrictMode>,
);
