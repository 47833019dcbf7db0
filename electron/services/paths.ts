import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the browser host and the CLI keep their data when no --data-dir is given:
 * $ZUOXI_DATA_DIR, else the OS user-data convention ($XDG_DATA_HOME/zuoxi on Linux).
 * (The Electron app uses app.getPath('userData'); `zuoxi db info --data-dir <dir>` reads it.)
 */
export function defaultDataDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env['ZUOXI_DATA_DIR']) return env['ZUOXI_DATA_DIR'];
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'zuoxi');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'zuoxi');
  return join(env['XDG_DATA_HOME'] || join(home, '.local', 'share'), 'zuoxi');
}

export const DATABASE_FILE = 'zuoxi.sqlite3';
