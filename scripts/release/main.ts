// `npm run release`: what both stores take, from the version in package.json, into release/<version>/.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { changelogEntry } from './changelog';
import { reproduce } from './reproduce';

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
const out = join('release', version);

function run(what: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  console.log(`\n━━ ${what} ━━`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (status !== 0) {
    console.error(`✗ ${what} failed: no release made.`);
    process.exit(1);
  }
}

const entry = changelogEntry(readFileSync('CHANGELOG.md', 'utf8'), version);
if (!entry) {
  console.error(`✗ CHANGELOG.md has no entry for ${version} ("## ${version} — <date>"): write what changed first.`);
  process.exit(1);
}
console.log(`› Switchyard ${version}: ${entry.split('\n')[0]}`);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
run('Chrome Web Store package', 'npx', ['wxt', 'zip']);
run('Firefox package and its sources', 'npx', ['wxt', 'zip', '-b', 'firefox']);
run('web-ext lint (Firefox)', 'npx', ['tsx', 'scripts/release/lint-firefox.ts']);
run('permissions against the code', 'npx', ['tsx', 'scripts/release/check-permissions.ts']);
run('store screenshots (1280×800, from the built extension)', 'npx', ['playwright', 'test', 'test/e2e/store-screenshots.spec.ts', '--workers=1'], { STORE_SCREENSHOTS: join(out, 'screenshots') });

const artifacts: [from: string, to: string][] = [
  [`.output/${name}-${version}-chrome.zip`, `${name}-${version}-chrome.zip`],
  [`.output/${name}-${version}-firefox.zip`, `${name}-${version}-firefox.xpi`],
  [`.output/${name}-${version}-sources.zip`, `${name}-${version}-amo-sources.zip`],
];
for (const [from, to] of artifacts) {
  if (!existsSync(from)) {
    console.error(`✗ ${from} was not made.`);
    process.exit(1);
  }
  copyFileSync(from, join(out, to));
}
console.log('\n━━ the AMO source package rebuilds the .xpi (npm ci and the build, as store/AMO-BUILD.md says) ━━');
const differing = await reproduce(join(out, `${name}-${version}-amo-sources.zip`), join(out, `${name}-${version}-firefox.xpi`));
if (differing.length) {
  console.error(`✗ Built from the source package, these differ from the .xpi: ${differing.slice(0, 20).join(', ')}`);
  process.exit(1);
}
console.log('✓ the same files, byte for byte');
for (const text of ['store/listing.en.md', 'store/permissions.md', 'store/privacy-policy.html', 'store/AMO-BUILD.md']) copyFileSync(text, join(out, text.slice('store/'.length)));

console.log(`\n━━ release/${version} ━━`);
for (const file of readdirSync(out, { recursive: true, encoding: 'utf8' }).sort()) {
  const path = join(out, file);
  if (statSync(path).isDirectory()) continue;
  const sha = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
  console.log(`${file.padEnd(44)} ${(statSync(path).size / 1024).toFixed(0).padStart(7)} KB  sha256 ${sha}…`);
}
console.log(`\nChrome: upload ${name}-${version}-chrome.zip. Firefox: upload ${name}-${version}-firefox.xpi, and ${name}-${version}-amo-sources.zip as its source code.`);
