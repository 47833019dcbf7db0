import type { AgentApi } from '../../../../shared/ipc-contract';
import { TEAM_MESSAGE_TYPE, utf8Length } from '../../../../shared/escalation';
import { DIRECTORY_MESSAGE_TYPE, MAX_DIRECTORY_MESSAGE_BYTES, SIGNED_MESSAGE_TYPE, type DeliveryEffect, type Outgoing, type RosterEntry } from '../../../../shared/team-mail';
import type { AppStore } from '../../store';
import type { SoftphoneController } from '../softphone';

/** Sends one team message: sealed (and in a team signed) on the main side, then over SIP; the final SIP code. */
export type SendTeamMessage = (to: string, out: Outgoing) => Promise<number>;

export function sealedSender(api: AgentApi, phone: SoftphoneController): SendTeamMessage {
  return async (to, out) => {
    const sealed = await api.team.seal(out);
    if (!sealed.ok) return 500;
    // past what a PBX takes in one message: that desk needs the file (413, as its desk would answer)
    if (out.kind === 'directory' && utf8Length(sealed.value.body) > MAX_DIRECTORY_MESSAGE_BYTES) return 413;
    try {
      return await phone.sendMessage(to, sealed.value.contentType, sealed.value.body);
    } catch {
      return 503; // the line is down: the caller retries
    }
  };
}

/** Past every size limit of the main side (a longer body is refused there as too large, 413). */
const MAX_INCOMING_CHARS = 256 * 1024;

/** What the features do once the main side has accepted a message. */
export interface MailHandlers {
  escalation(effect: Extract<DeliveryEffect, { kind: 'escalation' }>, from: string): void;
  presence(entry: RosterEntry): void;
}

/**
 * Every team MESSAGE (signed, directory, or unsigned for a desk alone) this desk's line receives
 * goes to the main side first (`team.deliver`): it checks
 * the signature against the directory, replays, the sender's place in the team, stores what is
 * accepted and decides the SIP answer. Only then does the renderer show anything.
 */
export function openMailbox(store: AppStore, api: AgentApi, phone: SoftphoneController, handlers: MailHandlers): () => void {
  return phone.onMessages([SIGNED_MESSAGE_TYPE, DIRECTORY_MESSAGE_TYPE, TEAM_MESSAGE_TYPE], (m) => {
    void api.team.deliver({ from: m.from.slice(0, 64), ...(m.contentType ? { contentType: m.contentType.slice(0, 200) } : {}), body: m.body.slice(0, MAX_INCOMING_CHARS) }).then((r) => {
      if (!r.ok) return m.respond(500, 'could not check it');
      const d = r.value;
      m.respond(d.code, 'reason' in d ? d.reason : undefined);
      if (d.code !== 200) return store.getState().escalationsChanged(); // the refusal is listed
      const effect = d.effect;
      switch (effect.kind) {
        case 'escalation':
          return handlers.escalation(effect, m.from);
        case 'ack':
          return store.getState().escalationsChanged();
        case 'presence':
          store.getState().setRosterEntry(effect.entry);
          return handlers.presence(effect.entry);
        case 'day-summary':
          return store.getState().summariesChanged();
        case 'coach':
          return store.getState().addCoachNote({ from: effect.from, name: effect.name, text: effect.text, at: effect.at });
        case 'directory':
          return void Promise.all([store.getState().loadTeam(), store.getState().loadSettings()]);
      }
    });
  });
}
