// Makes sure the Debian packages the tests need are present:
//   node scripts/ensure-system-deps.mjs chromium [kamailio …]
// As root it installs what is missing with apt-get; otherwise it prints the exact command and fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** name → [a file that proves it is installed, the Debian packages that provide it] */
const KNOWN = {
  chromium: ['/usr/bin/chromium', ['chromium', 'fonts-noto-cjk']],
  kamailio: ['/usr/share/doc/kamailio-websocket-modules/copyright', ['kamailio', 'kamailio-websocket-modules']],
  // a plain SIP phone on UDP: the chat tests' customer who sends text/plain MESSAGEs
  baresip: ['/usr/bin/baresip', ['baresip-core']],
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in KNOWN));
if (unknown.length > 0) {
  console.error(`ensure-system-deps: unknown dependency ${unknown.join(', ')} (known: ${Object.keys(KNOWN).join(', ')})`);
  process.exit(2);
}
const missing = wanted.filter((w) => !existsSync(KNOWN[w][0])).flatMap((w) => KNOWN[w][1]);
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
if (process.getuid?.() !== 0) {
  console.error(`ensure-system-deps: missing system packages. Run as root:\n  ${command}`);
  process.exit(1);
}
console.error(`ensure-system-deps: installing ${missing.join(' ')}`);
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
  stdio: 'inherit',
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
});
process.exit(r.status ?? 1);
