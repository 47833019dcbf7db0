import { contract, isChannel } from '../../shared/ipc-contract.js';
import { AppError, ErrorCode, fail, ok, type Result } from '../../shared/result.js';
import type { HandlerTable } from './handlers.js';

export type Logger = (message: string, detail?: unknown) => void;

/**
 * The one path from a transport to a handler: known channel → schema-checked argument → handler →
 * `Result`. Both the Electron IPC and the browser host call this, so validation cannot differ.
 * Unexpected exceptions are logged here and reach the renderer only as a generic internal error.
 */
export async function dispatch(table: HandlerTable, channel: unknown, args: unknown, log: Logger): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail(ErrorCode.NotFound, `unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}`);
  const parsed = contract[channel].args.safeParse(args);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || '(argument)', i.message]));
    return fail(ErrorCode.BadArguments, `${channel}: ${Object.entries(fields).map(([f, m]) => `${f}: ${m}`).join('; ')}`, fields);
  }
  try {
    const handler = table[channel] as (a: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (e) {
    if (e instanceof AppError) return fail(e.code, e.message, e.fields);
    log(`handler ${channel} failed`, e);
    return fail(ErrorCode.Internal, `${channel} failed; see the application log`);
  }
}
