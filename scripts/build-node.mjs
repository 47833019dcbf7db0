// Bundles the Node/Electron side with esbuild into dist/: the Electron main process and its
// sandboxed preload, the browser host, and the `zuoxi` CLI. The renderer is built by Vite.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  // main process: node_modules stay external (better-sqlite3 is native; electron is the runtime)
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', packages: 'external' }),
  // sandboxed preload: one self-contained file, only `electron` is provided by the runtime
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'], minify: true }),
  build({ ...common, entryPoints: ['electron/host/main.ts'], outfile: 'dist/host/zuoxi-host.cjs', packages: 'external' }),
  build({
    ...common,
    entryPoints: ['electron/cli/bin.ts'],
    outfile: 'dist/cli/zuoxi.cjs',
    packages: 'external',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
await chmod('dist/cli/zuoxi.cjs', 0o755);
