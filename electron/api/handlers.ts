import type { ArgsOut, Channel, ResultOf } from '../../shared/ipc-contract.js';
import { schemaVersion } from '../db/database.js';
import { AppError, ErrorCode } from '../../shared/result.js';
import type { AppContext } from '../services/app-context.js';

const HANDOVERS_SHOWN = 5;

/** Exactly one handler per contract channel: the mapped type makes a missing or extra one a type error. */
export type HandlerTable = { readonly [C in Channel]: (args: ArgsOut<C>) => ResultOf<C> | Promise<ResultOf<C>> };

export function createHandlers(ctx: AppContext): HandlerTable {
  const teamPhrases = <T>(edit: () => T): T => {
    ctx.team.guardPhrases(ctx.currentAgent());
    const result = edit();
    ctx.team.policiesChanged();
    return result;
  };
  return {
    'app.getInfo': () => ({
      name: 'zuoxi',
      version: ctx.options.version,
      host: ctx.options.host,
      platform: process.platform,
      database: { path: ctx.db.name, schemaVersion: schemaVersion(ctx.db) },
    }),
    'settings.get': () => ctx.settings.get(),
    'settings.update': (patch) => {
      // the team's policies are the admin's to change (logged and refused on a member desk)
      ctx.team.guardSettings(patch, ctx.currentAgent());
      ctx.settings.update(patch);
      ctx.team.policiesChanged();
      const settings = ctx.settings.get();
      if (patch.retention) void ctx.retention.run(); // a new period applies now, not in six hours
      if (patch.kbModelDir !== undefined) void ctx.kbSemantic.fill(); // a new model embeds the articles now
      return settings;
    },
    'agentState.record': (change) => {
      ctx.agentStates.record(change);
      return null;
    },
    'sipAccount.get': () => ctx.sipAccount.get(),
    'sipAccount.save': (input) => ctx.sipAccount.save(input),
    'sipAccount.credentials': () => ctx.sipAccount.credentials(),
    'visits.open': (input) => ctx.visits.open(input),
    'visits.get': ({ id }) => ctx.visits.get(id),
    'visits.callEnded': ({ id, endedAt }) => ctx.visits.callEnded(id, endedAt),
    'visits.update': ({ id, fields, expectedUpdatedAt }) => ctx.visits.update(id, fields, expectedUpdatedAt),
    'visits.saveDraft': ({ id, draft, baseUpdatedAt }) => ctx.visits.saveDraft(id, draft, baseUpdatedAt),
    'visits.unsavedDrafts': () => ctx.visits.unsavedDrafts(),
    'visits.list': (query) => ctx.visits.list(query),
    'visits.history': ({ customerNumber }) => ctx.visits.history(customerNumber),
    'visits.report': ({ from, to }) => ctx.visits.report(from, to),
    'visits.export': ({ from, to, format }) => {
      const file = ctx.visits.export(from, to, format);
      return { fileName: file.fileName, base64: file.bytes.toString('base64') };
    },
    'visits.massIncidents': () => ctx.visits.massIncidents(),
    'visits.submitEvent': (input) => ctx.visits.submitEvent(input),
    'kb.search': async ({ q, limit }) => ctx.kb.search(q, limit, await ctx.kbSemantic.query(q)),
    'kb.get': ({ id }) => ctx.kb.get(id),
    'kb.customerText': ({ id }) => ctx.kb.customerText(id),
    'kb.semanticStatus': () => ctx.kbSemantic.status(ctx.kb.count()),
    'kb.unreleased': () => ctx.kb.unreleasedTitles(),
    'kb.count': () => ctx.kb.count(),
    'escalations.create': (input) => ctx.escalations.create(input),
    'escalations.attempted': (input) => ctx.escalations.attempted(input),
    'escalations.respond': (input) => ctx.escalations.respond(input),
    'escalations.list': ({ direction }) => ctx.escalations.list(direction),
    'escalations.refusals': () => ctx.escalations.refusals(),
    'deskLog.referRefused': (detail) => ctx.deskLog.append(Date.now(), ctx.currentAgent(), 'refer-refused', detail),
    'team.status': () => ctx.team.status(),
    'team.joinRequest': (input) => ctx.team.joinRequest(input),
    'team.join': ({ provisioning }) => ctx.team.join(provisioning),
    'team.receiveDirectory': ({ signed }) => ctx.team.receiveDirectory(signed, 'renderer'),
    'team.members': () => ctx.team.members(),
    'team.create': (input) => (ctx.team.createTeam(input), ctx.team.status()),
    'team.addMember': ({ request, role, team, leads }) => (ctx.team.addMember(request, { role, team: team ?? ctx.team.directory()?.teamId ?? '', leads }), ctx.team.status()),
    'team.revoke': ({ user }) => (ctx.team.revoke(user), ctx.team.status()),
    'team.provisioning': () => ctx.team.provisioning(),
    'team.directoryFile': () => {
      const signed = ctx.team.signedDirectory();
      if (!signed) throw new AppError(ErrorCode.BadArguments, 'this desk is in no team');
      return signed;
    },
    'team.seal': (out) => ctx.teamMail.seal(out),
    'team.deliver': (message) => ctx.teamMail.deliver(message),
    'team.roster': () => ctx.teamMail.roster(),
    'team.monitorToken': (request) => ({ header: ctx.monitorAuth.token(request) }),
    'team.authorizeMonitor': ({ from, token }) => ctx.monitorAuth.authorize(from, token),
    'monitoring.started': (start) => ctx.monitorSessions.start(start),
    'monitoring.changed': ({ id, mode, at }) => ctx.monitorSessions.changed(id, mode, at),
    'monitoring.ended': ({ id, at }) => ctx.monitorSessions.ended(id, at),
    'monitoring.list': () => ctx.monitorSessions.recent(50),
    'chat.receive': (message) => ctx.chat.receive(message),
    'chat.compose': ({ conv, text, typingMs }) => ctx.chat.compose(conv, text, typingMs),
    'chat.typingSpeed': ({ from }) => ctx.chat.typingSpeed(from),
    'chat.sent': ({ id, code }) => ctx.chat.sent(id, code),
    'chat.retry': ({ id }) => ctx.chat.retry(id),
    'chat.pending': () => ctx.chat.pending(),
    'chat.close': ({ conv }) => ctx.chat.close(conv),
    'chat.open': () => ctx.chat.open(),
    'chat.transcript': ({ conv }) => ctx.chat.transcript(conv),
    'chat.forVisit': ({ visitId }) => ctx.chat.forVisit(visitId),
    'recordings.start': ({ number, at, visitId }) => ctx.recordings.start(number, at, visitId),
    'recordings.append': ({ id, chunk }) => ctx.recordings.append(id, chunk),
    'recordings.end': ({ id, at }) => ctx.recordings.end(id, at),
    'recordings.forVisit': ({ visitId }) => ctx.recordings.forVisit(visitId),
    'recordings.read': ({ id }) => ctx.recordings.read(id),
    'team.week': ({ monday }) => ctx.teamStats.week(monday),
    'team.weekExport': ({ monday }) => {
      const file = ctx.teamStats.exportWeek(monday);
      return { fileName: file.fileName, base64: file.bytes.toString('base64') };
    },
    'deskLog.list': ({ kind, limit }) => ctx.deskLog.list(kind, limit),
    'maintenance.progress': () => {
      const p = ctx.indexes.progress();
      if (p) return { task: p.index === 'kb' ? 'reindex-kb' : 'reindex-visits', done: p.done, total: p.total };
      const r = ctx.retention.progress();
      return r && { task: 'retention', ...r };
    },
    'phrases.library': ({ locale }) => ctx.phrases.library(locale),
    // the phrase library is the team's (refused on a member desk; on the admin's a new version)
    'phrases.save': ({ locale, phrase }) => teamPhrases(() => ctx.phrases.save(locale, phrase)),
    'phrases.remove': ({ locale, id }) => teamPhrases(() => ctx.phrases.remove(locale, id)),
    'phrases.import': ({ locale, json }) => teamPhrases(() => ctx.phrases.import(locale, json)),
    'kb.importBegin': () => ({ uploadId: ctx.kbUploads.begin() }),
    'kb.importChunk': ({ uploadId, name, base64 }) => ctx.kbUploads.chunk(uploadId, name, Buffer.from(base64, 'base64')),
    'kb.importCommit': ({ uploadId }) => {
      const summary = ctx.kb.importFiles(ctx.kbUploads.take(uploadId));
      void ctx.kbSemantic.fill(); // new and edited articles get their embeddings in the background
      return summary;
    },
    'kb.importAbort': ({ uploadId }) => (ctx.kbUploads.abort(uploadId), null),
    'visits.linkArticle': (input) => ctx.visits.linkArticle(input),
    'visits.unlinkArticle': (input) => ctx.visits.unlinkArticle(input),
    'visits.setEventStatus': ({ id, status }) => ctx.visits.setEventStatus(id, status),
    'visits.setChecklist': (input) => (ctx.visits.setChecklist(input), null),
    'visits.logOverride': (input) => ctx.visits.logOverride(input),
    'handover.create': (input) => {
      ctx.handovers.create(input, Date.now());
      return ctx.handovers.recent(HANDOVERS_SHOWN);
    },
    'handover.acknowledge': ({ itemId, by }) => {
      if (!ctx.handovers.acknowledge(itemId, by, Date.now())) throw new AppError(ErrorCode.NotFound, `item ${itemId} is unknown or already acknowledged`);
      return ctx.handovers.recent(HANDOVERS_SHOWN);
    },
    'handover.recent': () => ctx.handovers.recent(HANDOVERS_SHOWN),
    'deadlines.running': () => ctx.deadlines.running(),
    'deadlines.pause': ({ id }) => ctx.deadlines.pause(id),
    'deadlines.resume': ({ id }) => ctx.deadlines.resume(id),
    'deadlines.complete': ({ id }) => ctx.deadlines.complete(id),
    'deadlines.alerted': ({ id, kind }) => ctx.deadlines.alerted(id, kind),
  };
}
