import { randomUUID } from 'node:crypto';
import {
  EscalationPayloadSchema,
  NewEscalationSchema,
  TEAM_MESSAGE_VERSION,
  type AckPayload,
  type Acknowledged,
  type Attempt,
  type Escalation,
  type EscalationPayload,
  type NewEscalation,
  type Receive,
  type Refused,
  type Respond,
} from '../../shared/escalation.js';
import { AppError, ErrorCode } from '../../shared/result.js';
import type { EscalationsRepo } from '../db/escalations.repo.js';

/**
 * Both ends of an escalation. The agent's desk creates it (queued), records every send attempt and
 * the lead's acknowledgement; the lead's desk stores what arrived (once, however often it is
 * delivered), acknowledges or resolves it and gets the acknowledgement to send back. The SIP side
 * transport (sending, retrying) runs in the renderer's softphone engine; what arrives is checked by
 * TeamMail (services/team/team-mail.service.ts) before it reaches here.
 */
export class EscalationsService {
  constructor(
    private readonly repo: EscalationsRepo,
    /** This desk's SIP user: the From of what it sends. */
    private readonly lineUser: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  create(input: NewEscalation): Escalation {
    const e = NewEscalationSchema.parse(input);
    const payload: EscalationPayload = {
      v: TEAM_MESSAGE_VERSION,
      kind: 'escalation',
      id: randomUUID(),
      agent: this.lineUser(),
      createdAt: this.now(),
      reason: e.reason,
      ...(e.customerNumber ? { customerNumber: e.customerNumber } : {}),
      ...(e.customerName ? { customerName: e.customerName } : {}),
      ...(e.visitId ? { visitId: e.visitId } : {}),
      words: e.words,
      note: e.note,
    };
    this.repo.insert(EscalationPayloadSchema.parse(payload), 'out', 'queued', '', this.now());
    return this.require(payload.id);
  }

  attempted(input: Attempt): Escalation {
    this.require(input.id);
    this.repo.attempted(input.id, input.to, input.code === 200, this.now());
    return this.require(input.id);
  }

  /**
   * Stores an escalation that arrived (idempotent: `isNew` is false for a repeat delivery). A repeat
   * of one already acknowledged comes with the stored acknowledgement, to send again: the agent's
   * desk repeats only because the first one was lost.
   */
  receive(input: Receive): { escalation: Escalation; isNew: boolean; ack: AckPayload | null } {
    const isNew = this.repo.insert(input.payload, 'in', 'delivered', input.from, this.now());
    return { escalation: this.require(input.payload.id), isNew, ack: isNew ? null : this.repo.ack(input.payload.id) };
  }

  /** The lead acknowledges or resolves; the acknowledgement kept is what is sent back to the agent (storedAck). */
  respond(input: Respond): Escalation {
    const at = this.now();
    const before = this.require(input.id);
    if (before.direction !== 'in') throw new AppError(ErrorCode.BadArguments, 'only a received escalation can be acknowledged');
    const ack: AckPayload = { v: TEAM_MESSAGE_VERSION, kind: 'escalation-ack', id: input.id, status: input.status, by: this.lineUser(), at, ...(input.note ? { note: input.note } : {}) };
    this.repo.transaction(() => {
      this.repo.advance(input.id, input.status, at, input.note);
      this.repo.storeAck(ack);
    });
    return this.require(input.id);
  }

  /** An acknowledgement from a lead reached the agent's desk. */
  acknowledged({ ack }: Acknowledged): Escalation {
    const e = this.require(ack.id);
    if (e.direction !== 'out') throw new AppError(ErrorCode.BadArguments, 'acknowledgement for an escalation this desk did not send');
    this.repo.advance(ack.id, ack.status, ack.at, ack.note);
    return this.require(ack.id);
  }

  /** What this desk sends for one of its own escalations. */
  outgoing(id: string): EscalationPayload {
    const e = this.require(id);
    if (e.direction !== 'out') throw new AppError(ErrorCode.BadArguments, 'only an escalation this desk made is sent from it');
    return e.payload;
  }

  /** The acknowledgement this desk gave a received escalation, to send (again). */
  storedAck(id: string): AckPayload {
    const ack = this.repo.ack(id);
    if (!ack) throw new AppError(ErrorCode.NotFound, `no acknowledgement for ${id}`);
    return ack;
  }

  list(direction: 'out' | 'in'): Escalation[] {
    return this.repo.list(direction);
  }

  refused(input: Refused): void {
    this.repo.refused(input.from, input.code, input.reason, this.now());
  }

  refusals(): { at: number; from: string; code: number; reason: string }[] {
    return this.repo.refusals(50);
  }

  private require(id: string): Escalation {
    const e = this.repo.get(id);
    if (!e) throw new AppError(ErrorCode.NotFound, `no escalation ${id}`);
    return e;
  }
}
