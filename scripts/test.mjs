// `npm test`: installs what is missing, then typecheck, lint, unit tests, both builds, e2e tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { browserVersion, ensureChromium, ensureDependencies, ensureFirefox, ensureNode24 } from './setup.mjs';

ensureDependencies();
const chromium = ensureChromium();
process.env.CHROMIUM_PATH = chromium;
console.log(`› Chromium: ${chromium} (${browserVersion(chromium)})`);
const firefox = ensureFirefox();
process.env.FIREFOX_PATH = firefox;
console.log(`› Firefox: ${firefox} (${browserVersion(firefox)})`);

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

const steps = [
  { name: 'typecheck', args: ['run', '-s', 'typecheck'] },
  { name: 'lint', args: ['run', '-s', 'lint'] },
  { name: 'unit', args: ['run', '-s', 'test:unit', '--', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'] },
  { name: 'build chrome', args: ['run', '-s', 'build'] },
  { name: 'build firefox', args: ['run', '-s', 'build:firefox'] },
  { name: 'web-ext lint (Firefox)', args: ['run', '-s', 'lint:firefox'], needs: ['build firefox'] },
  { name: 'permissions (both builds)', args: ['run', '-s', 'check:permissions'], needs: ['build chrome', 'build firefox'] },
  { name: 'e2e', args: ['run', '-s', 'test:e2e'], needs: ['build chrome'] },
  { name: 'e2e (Firefox)', args: ['run', '-s', 'test:e2e:firefox'], needs: ['build firefox'] },
];

// CI also proves the Node people run (22 and 24 are the supported lines; this machine may have 20):
// the unit tests and both builds again on Node 24, after the e2e tests have used the builds above.
const node24 = process.env.CI ? ensureNode24() : undefined;
if (node24) {
  const env = { ...process.env, PATH: `${dirname(node24)}:${process.env.PATH}` };
  console.log(`› Node 24: ${node24} (${spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim()})`);
  steps.push(
    { name: 'unit (Node 24)', args: ['run', '-s', 'test:unit', '--', '--reporter=dot'], env },
    { name: 'build chrome (Node 24)', args: ['run', '-s', 'build'], env },
    { name: 'build firefox (Node 24)', args: ['run', '-s', 'build:firefox'], env },
  );
}

const results = new Map();
for (const step of steps) {
  const blocked = (step.needs ?? []).filter((name) => results.get(name) !== 'ok');
  if (blocked.length > 0) {
    console.log(`\n✗ ${step.name}: not run, because ${blocked.join(', ')} failed`);
    results.set(step.name, 'not run');
    continue;
  }
  console.log(`\n━━ ${step.name} ━━`);
  const { status } = spawnSync('npm', step.args, { stdio: 'inherit', env: step.env ?? process.env });
  results.set(step.name, status === 0 ? 'ok' : 'failed');
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}
const unit = readJson('test-results/unit.json');
const e2eRuns = ['test-results/e2e.json', 'test-results/e2e-firefox.json'].map(readJson).filter(Boolean);
const e2eCount = (key) => e2eRuns.reduce((sum, run) => sum + (run.stats?.[key] ?? 0), 0);
const passed = (unit?.numPassedTests ?? 0) + e2eCount('expected') + e2eCount('flaky');
const failed = (unit?.numFailedTests ?? 0) + e2eCount('unexpected');
const skipped = (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) + e2eCount('skipped');

console.log('\n━━ summary ━━');
for (const [name, result] of results) console.log(`${result === 'ok' ? '✓' : '✗'} ${name}: ${result}`);
const allOk = [...results.values()].every((result) => result === 'ok');
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(allOk && failed === 0 ? 0 : 1);
