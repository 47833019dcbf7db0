// `npm start`: the Electron app when Electron's binary is available, else the browser host
// (which opens the desk in Chromium's app mode when there is a display).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const args = process.argv.slice(2);
const electron = process.env.ZUOXI_HOST === 'browser' ? undefined : electronBinary();
const child = electron
  ? spawn(electron, ['.', ...args], { stdio: 'inherit' })
  : spawn(process.execPath, ['dist/host/zuoxi-host.cjs', ...args], { stdio: 'inherit' });
if (!electron) console.error("Electron's binary is not installed here: starting the browser host instead.");
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
