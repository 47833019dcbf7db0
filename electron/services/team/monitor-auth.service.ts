import { disclosed, judgeMonitorRequest, MonitorRequestSchema, type MonitorAuthorization, type MonitorRequest } from '../../../shared/monitoring.js';
import { AppError, ErrorCode } from '../../../shared/result.js';
import { SignedSchema, type Signed } from '../../../shared/team.js';
import type { EscalationsService } from '../escalations.service.js';
import type { TeamService } from './team.service.js';

/** A token fits in one SIP header: the signed request, base64url. */
export const MAX_MONITOR_TOKEN_CHARS = 4096;

/**
 * Monitoring is authorised by signature (issue 17, item 2): the lead's desk signs a monitoring
 * request with its key (`token`, carried in the INVITE's X-Zuoxi-Monitor header); the agent's desk
 * lets it in only when the envelope verifies against the directory (member, signature, fresh, nonce
 * unused) and the request passes the team's rules (this desk, one of its leads, a mode the policy
 * allows). Every refusal is kept with its reason, as a security event. A desk in no team is never
 * monitored.
 */
export class MonitorAuth {
  constructor(
    private readonly team: TeamService,
    private readonly refusals: Pick<EscalationsService, 'refused'>,
  ) {}

  /** Lead's desk: the header value that asks `agent`'s desk to let this desk monitor the call. */
  token(request: Omit<MonitorRequest, 'kind'>): string {
    const role = this.team.role();
    if (role !== 'lead' && role !== 'admin') throw new AppError(ErrorCode.Forbidden, 'only a lead or the admin of a team can monitor');
    const payload = MonitorRequestSchema.parse({ kind: 'monitor-request', ...request });
    return Buffer.from(JSON.stringify(this.team.sign(payload))).toString('base64url');
  }

  /** Agent's desk: whether the caller of a monitoring INVITE (the PBX's From) may monitor, and how. */
  authorize(from: string, token: string): MonitorAuthorization {
    const verdict = this.judge(from, token);
    if (!verdict.ok) this.refusals.refused({ from: from.slice(0, 64), code: 403, reason: `monitoring refused: ${verdict.reason}`.slice(0, 500) });
    return verdict;
  }

  private judge(from: string, token: string): MonitorAuthorization {
    const directory = this.team.directory();
    const me = this.team.me();
    if (!directory || !me) return { ok: false, reason: 'this desk is in no team' };
    const signed = decode(token);
    if (!signed) return { ok: false, reason: 'malformed' };
    const message = this.team.verify(signed, from);
    if (!message.ok) return { ok: false, reason: `${message.reason}${message.from ? ` (claims ${message.from})` : ''}` };
    const policy = directory.policies.monitoring;
    const request = judgeMonitorRequest(message.envelope.payload, message.member, me, policy);
    if (!request.ok) return { ok: false, reason: `${request.reason} (${message.member.user})` };
    const { mode, call } = request.request;
    return { ok: true, mode, call, lead: { user: request.lead.user, name: request.lead.name }, disclosed: disclosed(mode, policy) };
  }
}

function decode(token: string): Signed | null {
  if (token.length > MAX_MONITOR_TOKEN_CHARS || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  try {
    const parsed = SignedSchema.safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
