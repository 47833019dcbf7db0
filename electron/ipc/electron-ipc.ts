import type { IpcMain } from 'electron';
import { CHANNELS } from '../../shared/ipc-contract.js';
import { ErrorCode, fail } from '../../shared/result.js';
import { dispatch, type Logger } from '../api/dispatch.js';
import type { HandlerTable } from '../api/handlers.js';
import { isTrustedSender, senderFrameOf } from '../security.js';

/** The Electron transport: one ipcMain.handle per contract channel, sender checked before dispatch. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, table: HandlerTable, allowedOrigins: readonly string[], log: Logger): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, args: unknown) => {
      const frame = senderFrameOf(event);
      if (!isTrustedSender(frame, allowedOrigins)) {
        log(`refused ${channel} from untrusted sender ${frame?.url ?? '(no frame)'}`);
        return fail(ErrorCode.Forbidden, 'sender not allowed');
      }
      return dispatch(table, channel, args, log);
    });
  }
}
