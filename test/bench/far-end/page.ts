/**
 * The far end for `bench:calls`: a plain sip.js user agent in a page of its own (no app, no UI),
 * standing in for a customer's phone or a gateway. Bundled by far-end.ts and driven through
 * `window.farEnd` (also by the e2e tests, as a customer's phone and to forge team messages). It answers at once, and uses the same fast media factory as the desk so its own
 * ICE gathering does not count against the desk; its microphone is opened between calls, as a phone's
 * is always there, so a getUserMedia per answer does not count against the desk either.
 */
import { Inviter, Registerer, RegistererState, SessionState, UserAgent, type Session } from 'sip.js';
import { fastSessionDescriptionHandlerFactory, MicrophoneWarmer } from '../../../renderer/src/features/softphone/engine/media-factory';
import { sendSipMessage } from '../../../renderer/src/features/softphone/engine/sip-messages';

export interface FarEndConfig {
  readonly wsUrl: string;
  readonly domain: string;
  readonly user: string;
  readonly password: string;
}

let ua: UserAgent | undefined;
let domain = '';
let session: Session | undefined;
const warmer = new MicrophoneWarmer();
/** What sip.js asks the media factory for when no constraints are given. */
const MICROPHONE = { audio: true };

/** DTMF digits received by SIP INFO on any call (the e2e tests check what a desk sent a PBX). */
let digits = '';
/** MESSAGEs received (a chat customer's phone: what the desk replied), each answered 200. */
const messages: { contentType: string; body: string }[] = [];

function follow(s: Session): void {
  session = s;
  s.delegate = {
    onInfo: (info) => {
      digits += /Signal=\s*([0-9A-D#*])/i.exec(info.request.body)?.[1] ?? '';
      void info.accept();
    },
  };
  s.stateChange.addListener((state) => {
    if (state === SessionState.Established) {
      // play the desk's audio, as a phone would (Chromium starts no inbound audio without a sink)
      const pc = (s.sessionDescriptionHandler as unknown as { peerConnection: RTCPeerConnection }).peerConnection;
      document.body.replaceChildren(Object.assign(document.createElement('audio'), { autoplay: true, srcObject: new MediaStream(pc.getReceivers().map((r) => r.track)) }));
    }
    if (state === SessionState.Terminated && session === s) {
      session = undefined;
      document.body.replaceChildren();
      warmer.warm(MICROPHONE);
    }
  });
}

async function start(config: FarEndConfig): Promise<void> {
  domain = config.domain;
  warmer.warm(MICROPHONE);
  ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${config.user}@${config.domain}`),
    transportOptions: { server: config.wsUrl },
    authorizationUsername: config.user,
    authorizationPassword: config.password,
    logBuiltinEnabled: false,
    sessionDescriptionHandlerFactory: fastSessionDescriptionHandlerFactory((_session, constraints) => warmer.take(constraints), []),
    delegate: {
      onInvite: (invitation) => {
        follow(invitation);
        void invitation.accept();
      },
      onMessage: (message) => {
        messages.push({ contentType: message.request.getHeader('Content-Type') ?? '', body: message.request.body });
        void message.accept();
      },
    },
  });
  await ua.start();
  const registerer = new Registerer(ua);
  const registered = new Promise<void>((resolve) => registerer.stateChange.addListener((s) => s === RegistererState.Registered && resolve()));
  await registerer.register();
  await registered;
}

/** Calls `target`; resolves when the call is established. */
async function call(target: string): Promise<void> {
  if (!ua) throw new Error('far end not started');
  const inviter = new Inviter(ua, UserAgent.makeURI(`sip:${target}@${domain}`)!);
  follow(inviter);
  const established = new Promise<void>((resolve, reject) =>
    inviter.stateChange.addListener((s) => (s === SessionState.Established ? resolve() : s === SessionState.Terminated ? reject(new Error('call ended')) : undefined)),
  );
  await inviter.invite();
  await established;
}

/**
 * Sends an INVITE with extra headers (the e2e tests forge monitoring requests with it) and resolves
 * with the final response code; an accepted one is hung up at once.
 */
async function probe(target: string, extraHeaders: string[]): Promise<number> {
  if (!ua) throw new Error('far end not started');
  const inviter = new Inviter(ua, UserAgent.makeURI(`sip:${target}@${domain}`)!, { extraHeaders });
  return new Promise<number>((resolve) => {
    inviter.stateChange.addListener((s) => {
      if (s === SessionState.Established) {
        resolve(200);
        void inviter.bye().catch(() => {});
      }
    });
    void inviter.invite({ requestDelegate: { onReject: (r) => resolve(r.message.statusCode ?? 500) } }).catch(() => resolve(500));
  });
}

function state(): string {
  return session?.state ?? 'none';
}

async function hangup(): Promise<void> {
  if (session?.state === SessionState.Established) await session.bye();
}

/** Sends a SIP MESSAGE (the e2e tests forge team messages with it); the final response code. */
function message(target: string, contentType: string, body: string): Promise<number> {
  if (!ua) throw new Error('far end not started');
  return sendSipMessage(ua, target, contentType, body);
}

Object.assign(window, { farEnd: { start, call, probe, state, hangup, message, digits: () => digits, messages: () => messages } });
