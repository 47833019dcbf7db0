/**
 * The web-chat page's SIP line: a guest registration (scripts/pbx.mjs DEV_GUEST_PASSWORD; the PBX
 * lets a guest only register and send MESSAGE to a desk), healed by the desk's own
 * RegistrationSupervisor after a dropped socket or a PBX restart.
 */
import { Registerer, UserAgent } from 'sip.js';
import type { RegistrationSnapshot } from '../../shared/softphone';
import { RegistrationSupervisor, sipLinePort } from '../src/features/softphone/engine/registration-supervisor';
import { incomingSipMessage, sendSipMessage, type MessageAnswer } from '../src/features/softphone/engine/sip-messages';

/** What the page's server tells it (scripts/webchat.mjs, /config.json). */
export interface WebChatConfig {
  readonly wsUrl: string;
  readonly domain: string;
  readonly guestPassword: string;
  /** The desk's extension the page chats with. */
  readonly to: string;
}

export interface GuestLine {
  send(contentType: string, body: string): Promise<number>;
  stop(): Promise<void>;
}

export async function connectGuest(
  config: WebChatConfig,
  user: string,
  handlers: {
    onMessage: (from: string, contentType: string | undefined, body: string) => { code: MessageAnswer; reason?: string };
    onRegistration: (r: RegistrationSnapshot) => void;
  },
): Promise<GuestLine> {
  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${user}@${config.domain}`),
    transportOptions: { server: config.wsUrl },
    authorizationUsername: user,
    authorizationPassword: config.guestPassword,
    displayName: '在线客户',
    logBuiltinEnabled: false,
    delegate: {
      onMessage: (message) => {
        const m = incomingSipMessage(message);
        // only the desk this page chats with may write to it
        if (m.from !== config.to) return m.respond(403, 'not the desk of this page');
        const answer = handlers.onMessage(m.from, m.contentType, m.body);
        m.respond(answer.code, answer.reason);
      },
      onConnect: () => void supervisor.connected(),
      onDisconnect: () => supervisor.disconnected(),
    },
  });
  const registerer = new Registerer(ua, { expires: 300, logConfiguration: false });
  const supervisor = new RegistrationSupervisor(sipLinePort(ua, registerer), { onChange: handlers.onRegistration });
  await supervisor.start();
  return {
    send: (contentType, body) => sendSipMessage(ua, config.to, contentType, body),
    stop: async () => {
      supervisor.stop();
      await ua.stop().catch(() => {});
    },
  };
}
