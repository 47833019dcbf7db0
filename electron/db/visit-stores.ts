import { CallScriptRepo } from './call-script.repo.js';
import { ChatRepo } from './chat.repo.js';
import type { Db } from './database.js';
import { DeskLogRepo } from './desk-log.repo.js';
import { DraftsRepo } from './drafts.repo.js';
import { VisitArticlesRepo } from './visit-articles.repo.js';
import { VisitAuditRepo } from './visit-audit.repo.js';
import { VisitEventsRepo } from './visit-events.repo.js';
import { VisitReportsRepo } from './visit-reports.repo.js';
import { VisitsRepo } from './visits.repo.js';

/**
 * The visit log's repositories, one per aggregate, over one database (so one transaction spans
 * them), and the desk log its exports and retention runs are written to.
 */
export interface VisitStores {
  readonly visits: VisitsRepo;
  readonly audit: VisitAuditRepo;
  readonly drafts: DraftsRepo;
  readonly events: VisitEventsRepo;
  readonly articles: VisitArticlesRepo;
  readonly script: CallScriptRepo;
  readonly reports: VisitReportsRepo;
  /** An online visit's conversation (issue 18): its transcript is part of the record. */
  readonly chat: ChatRepo;
  readonly deskLog: DeskLogRepo;
  transaction<T>(fn: () => T): T;
}

export function visitStores(db: Db): VisitStores {
  return {
    visits: new VisitsRepo(db),
    audit: new VisitAuditRepo(db),
    drafts: new DraftsRepo(db),
    events: new VisitEventsRepo(db),
    articles: new VisitArticlesRepo(db),
    script: new CallScriptRepo(db),
    reports: new VisitReportsRepo(db),
    chat: new ChatRepo(db),
    deskLog: new DeskLogRepo(db),
    transaction: (fn) => db.transaction(fn)(),
  };
}
