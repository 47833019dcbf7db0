import { join } from 'node:path';

/**
 * Which compiled better-sqlite3 addon to load. A Node build (tests, CLI, browser host) and an
 * Electron build (the desktop app) have different ABIs and can sit side by side:
 *
 *   node_modules/better-sqlite3/build/Release/better_sqlite3.node   ← Node (npm ci builds it)
 *   native/electron-abi<modules>/better_sqlite3.node                ← Electron (npm run build:native:electron)
 *
 * Order: $ZUOXI_SQLITE_BINDING, then (in Electron only) the ABI-specific build, else the default.
 * Returns undefined for "let better-sqlite3 find its own build".
 */
export function resolveNativeBinding(opts: {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly versions: Readonly<Record<string, string | undefined>>;
  readonly appRoot: string;
  readonly exists: (path: string) => boolean;
}): string | undefined {
  const fromEnv = opts.env['ZUOXI_SQLITE_BINDING'];
  if (fromEnv) return fromEnv;
  if (opts.versions['electron'] === undefined) return undefined;
  const candidate = join(opts.appRoot, 'native', `electron-abi${opts.versions['modules'] ?? 'unknown'}`, 'better_sqlite3.node');
  return opts.exists(candidate) ? candidate : undefined;
}
