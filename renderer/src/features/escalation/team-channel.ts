import { nextLead, retryDelayMs, type Escalation, type NewEscalation } from '../../../../shared/escalation';
import type { DeliveryEffect } from '../../../../shared/team-mail';
import type { AgentApi } from '../../../../shared/ipc-contract';
import type { AppStore } from '../../store';
import type { SendTeamMessage } from '../team';

/** Where an outgoing escalation stands in this session: the lead it is with, and since when. */
interface Flight {
  lead: string;
  since: number;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Escalations over SIP MESSAGE. Agent side: every escalation is stored first (queued), then sent to
 * the primary lead and retried with backoff until a lead's desk answers 200; one not acknowledged
 * within the team's timeout (queued or delivered) is sent again to the next lead. Unfinished ones are
 * picked up again after a restart. Lead side: an escalation the main side accepted (features/team
 * mailbox: signature, sender, replay) is announced; the lead's acknowledgement goes back the same
 * way, and again whenever the same escalation is delivered again (the first one was lost).
 */
export class TeamChannel {
  private readonly flights = new Map<string, Flight>();
  private stopped = false;

  constructor(
    private readonly store: AppStore,
    private readonly api: AgentApi,
    /** Sends any team message (also the team features' own: coach notes). */
    readonly send: SendTeamMessage,
    private readonly announce: (e: Escalation) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts listening, and resumes escalations left unacknowledged by a previous session. */
  async start(): Promise<() => void> {
    const resume = await this.api.escalations.list({ direction: 'out' });
    if (resume.ok) for (const e of resume.value) if (e.status === 'queued' || e.status === 'delivered') this.fly(e);
    // a line that comes back (re-registered) retries at once
    const unsubscribe = this.store.subscribe((s, before) => {
      if (s.registration.status === 'registered' && before.registration.status !== 'registered') for (const id of this.flights.keys()) this.schedule(id, 0);
    });
    return () => {
      this.stopped = true;
      unsubscribe();
      for (const f of this.flights.values()) clearTimeout(f.timer);
    };
  }

  async escalate(input: NewEscalation): Promise<Escalation | string> {
    const r = await this.api.escalations.create(input);
    if (!r.ok) return r.error.message;
    this.store.getState().escalationsChanged();
    this.fly(r.value);
    return r.value;
  }

  /** The lead acknowledges or resolves; the acknowledgement is sent to the agent (retried a few times). */
  async respond(id: string, status: 'acknowledged' | 'resolved', note?: string): Promise<string | null> {
    const r = await this.api.escalations.respond({ id, status, ...(note ? { note } : {}) });
    if (!r.ok) return r.error.message;
    this.store.getState().escalationsChanged();
    void this.sendAck(r.value.peer, id, 0);
    return null;
  }

  /** An escalation the main side accepted: shown, or (delivered again after our acknowledgement) acknowledged again. */
  received(effect: Extract<DeliveryEffect, { kind: 'escalation' }>, from: string): void {
    this.store.getState().escalationsChanged();
    if (effect.isNew) this.announce(effect.escalation);
    else if (effect.ackAgain) void this.sendAck(from, effect.escalation.payload.id, 0);
  }

  private fly(e: Escalation): void {
    const leads = this.store.getState().settings?.team.leads ?? [];
    const lead = e.peer && leads.includes(e.peer) ? e.peer : nextLead(leads, undefined);
    if (!lead) return;
    this.flights.set(e.payload.id, { lead, since: this.now() });
    this.schedule(e.payload.id, 0);
  }

  private schedule(id: string, delayMs: number): void {
    const f = this.flights.get(id);
    if (!f || this.stopped) return;
    clearTimeout(f.timer);
    f.timer = setTimeout(() => void this.attempt(id), delayMs);
  }

  /** One step: send if not delivered yet, move on to the next lead once the timeout has passed unacknowledged. */
  private async attempt(id: string): Promise<void> {
    const f = this.flights.get(id);
    const current = await this.api.escalations.list({ direction: 'out' });
    const e = current.ok ? current.value.find((x) => x.payload.id === id) : undefined;
    if (!f || !e || e.status === 'acknowledged' || e.status === 'resolved') return void this.flights.delete(id);
    const team = this.store.getState().settings?.team;
    const timeoutMs = (team?.ackTimeoutSeconds ?? 60) * 1000;
    const overdue = this.now() - f.since >= timeoutMs;
    if (overdue) {
      // not acknowledged in time: re-notify, at the next lead
      f.lead = nextLead(team?.leads ?? [], f.lead) ?? f.lead;
      f.since = this.now();
    } else if (e.status === 'delivered' && e.peer === f.lead) {
      return this.schedule(id, f.since + timeoutMs - this.now());
    }
    // a line that is down (503) is retried when it is back, or after the backoff
    const code = await this.send(f.lead, { kind: 'escalation', id });
    const after = await this.api.escalations.attempted({ id, to: f.lead, code });
    if (after.ok) this.store.getState().escalationsChanged();
    const attempts = after.ok ? after.value.attempts : e.attempts + 1;
    this.schedule(id, code === 200 ? Math.max(0, f.since + timeoutMs - this.now()) : Math.min(retryDelayMs(attempts), Math.max(0, f.since + timeoutMs - this.now())));
  }

  private async sendAck(to: string, id: string, tries: number): Promise<void> {
    const code = await this.send(to, { kind: 'ack', id });
    if (code !== 200 && tries < 5 && !this.stopped) setTimeout(() => void this.sendAck(to, id, tries + 1), retryDelayMs(tries + 1));
  }
}
