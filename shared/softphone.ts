/**
 * Plain snapshots of the softphone, published by the sip.js engine to the store and the UI.
 * No sip.js objects or MediaStreams here: only data.
 */
import { z } from 'zod';

export type RegistrationStatus = 'not-configured' | 'connecting' | 'registered' | 'reconnecting' | 'failed' | 'stopped';

/** Why registration failed, for a clear message: wrong password, forbidden, server unreachable… */
/** `lapsed`: the registrar dropped us (a refresh failed or went unanswered) while the connection stayed up. */
export type RegistrationError = 'auth-failed' | 'forbidden' | 'unreachable' | 'rejected' | 'lapsed';

export interface RegistrationSnapshot {
  readonly status: RegistrationStatus;
  readonly error?: RegistrationError | undefined;
  /** SIP status code behind the error, when there was one. */
  readonly code?: number | undefined;
  readonly attempt?: number | undefined;
}

export type CallDirection = 'inbound' | 'outbound';
export type CallPhase = 'ringing' | 'dialing' | 'connected' | 'ended';
export type CallEndReason =
  | 'local-hangup'
  | 'remote-hangup'
  | 'rejected'
  | 'busy'
  | 'cancelled'
  | 'failed'
  | 'dropped'
  | 'unanswered'
  /** this leg was handed over: we transferred it, or it was replaced by an attended transfer */
  | 'transferred';

/** A transfer in progress on a call (REFER sent, waiting for the outcome). */
export interface TransferSnapshot {
  readonly kind: 'blind' | 'attended';
  readonly target: string;
}

/**
 * A monitoring leg (issue 17), kept apart from the calls: it is never a customer's visit, never
 * holds another call and never moves the agent's state. `side` says which end this desk is.
 */
export interface MonitorSnapshot {
  readonly id: string;
  /** 'lead': this desk monitors `peer` (an agent); 'agent': `peer` (a lead) monitors this desk. */
  readonly side: 'lead' | 'agent';
  readonly peer: string;
  readonly peerName?: string | undefined;
  readonly mode: 'listen' | 'whisper' | 'barge';
  readonly phase: 'dialing' | 'connected';
  readonly since: number;
  /** Agent side: whether the agent is shown this leg (the team's policy for silent listening). */
  readonly disclosed: boolean;
  /** The customer call monitored, as the lead's request named it (a mode switch signs it again). */
  readonly call: { readonly number: string; readonly since: number };
  /** Lead side, PBX-side monitoring: the feature code dialled and the digits for each mode (sent by DTMF). */
  readonly pbx?: { readonly target: string; readonly digits: Readonly<Record<'listen' | 'whisper' | 'barge', string>> } | undefined;
}

/**
 * What a SIP session is to the desk (issue 17). Only a customer call rings, holds the others, counts
 * for call waiting, moves the agent's state and is a visit; a monitoring leg is 'monitor' on the
 * lead's desk and 'monitored' on the agent's, and is published apart ({@link MonitorSnapshot}).
 */
export type SessionRole = 'customer' | 'consult' | 'monitor' | 'monitored';
export type CallRole = Extract<SessionRole, 'customer' | 'consult'>;

export interface CallSnapshot {
  readonly id: string;
  readonly direction: CallDirection;
  readonly remoteUser: string;
  readonly remoteName?: string | undefined;
  readonly phase: CallPhase;
  readonly held: boolean;
  /** When the current hold began (the hold clock runs from it). */
  readonly heldAt?: number | undefined;
  readonly muted: boolean;
  readonly startedAt: number;
  readonly answeredAt?: number | undefined;
  readonly endedAt?: number | undefined;
  readonly endReason?: CallEndReason | undefined;
  readonly endCode?: number | undefined;
  readonly transfer?: TransferSnapshot | undefined;
  /**
   * 'consult': a leg the desk placed for itself while another call was live (consult, transfer), or
   * followed from a REFER: never the customer's visit.
   */
  readonly role: CallRole;
  /** How many times media was renegotiated with an ICE restart (network change, ICE failure). */
  readonly iceRestarts: number;
}

/** SIP account as the agent configures it (the password is stored apart, encrypted). */
export const SipAccountSchema = z
  .object({
    wsUri: z.string().regex(/^wss?:\/\/[^\s/]+(\/\S*)?$/, 'ws:// or wss:// URI'),
    sipUri: z.string().regex(/^sip:[^@\s]+@[^\s;]+$/, 'sip:user@domain'),
    authUser: z.string().min(1).max(64),
    displayName: z.string().max(64),
    agentId: z.string().max(32),
    /** Digest realm; empty means the SIP domain. */
    realm: z.string().max(128),
  })
  .strict();
export type SipAccount = z.infer<typeof SipAccountSchema>;

export const SaveSipAccountSchema = SipAccountSchema.extend({ password: z.string().min(1).max(128).optional() }).strict();
export type SaveSipAccount = z.infer<typeof SaveSipAccountSchema>;

/** What the engine needs to authenticate: HA1 = MD5(user:realm:password), never the password itself. */
export interface SipCredentials {
  readonly account: SipAccount;
  readonly ha1: string;
  /** Stable +sip.instance UUID of this desk (GRUU). */
  readonly instanceId: string;
}

export const sipDomain = (sipUri: string): string => sipUri.slice(sipUri.indexOf('@') + 1);

/** The media type of a Content-Type header, lower case, without parameters ('' when there is none). */
export const mediaType = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/** Talk time on the call card: "0:07", "12:40", "1:02:05". */
export function formatTalkTime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mmss = `${Math.floor((s % 3600) / 60)}:${String(s % 60).padStart(2, '0')}`;
  return s < 3600 ? mmss : `${Math.floor(s / 3600)}:${mmss.padStart(5, '0')}`;
}

/** The keys of a phone keypad, in the order they are laid out. */
export const DTMF_KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
