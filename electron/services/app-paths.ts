import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Locations of a source checkout / unpacked build, from a bundle in dist/<part>/.
 * (The packaged Electron app computes its own in main.ts from process.resourcesPath.)
 */
export function checkoutPaths(bundleDir: string): { appRoot: string; resourcesDir: string; rendererDir: string; version: string } {
  const appRoot = resolve(bundleDir, '..', '..');
  const pkg = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string };
  return { appRoot, resourcesDir: join(appRoot, 'resources'), rendererDir: join(appRoot, 'dist', 'renderer'), version: pkg.version };
}
