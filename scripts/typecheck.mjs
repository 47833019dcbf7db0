// Type-checks each layer with its own environment, so the layer rules hold for types too:
// shared/ sees neither DOM nor Node, renderer/ sees DOM but not Node, electron/ sees Node but not DOM.
import { spawnSync } from 'node:child_process';

const projects = ['tsconfig.shared.json', 'tsconfig.renderer.json', 'tsconfig.electron.json', 'tsconfig.test.json'];
let failed = false;
for (const project of projects) {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project, '--noEmit'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`typecheck failed: ${project}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
