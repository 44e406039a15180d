// `npm test`: installs what is missing, then typecheck, lint, unit tests, both builds, e2e tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { chromiumVersion, ensureChromium, ensureDependencies } from './setup.mjs';

ensureDependencies();
const chromium = ensureChromium();
process.env.CHROMIUM_PATH = chromium;
console.log(`› Chromium: ${chromium} (${chromiumVersion(chromium)})`);

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

const steps = [
  { name: 'typecheck', args: ['run', '-s', 'typecheck'] },
  { name: 'lint', args: ['run', '-s', 'lint'] },
  { name: 'unit', args: ['run', '-s', 'test:unit', '--', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'] },
  { name: 'build chrome', args: ['run', '-s', 'build'] },
  { name: 'build firefox', args: ['run', '-s', 'build:firefox'] },
  { name: 'web-ext lint (Firefox)', args: ['run', '-s', 'lint:firefox'], needs: ['build firefox'] },
  { name: 'e2e', args: ['run', '-s', 'test:e2e'], needs: ['build chrome'] },
];

const results = new Map();
for (const step of steps) {
  const blocked = (step.needs ?? []).filter((name) => results.get(name) !== 'ok');
  if (blocked.length > 0) {
    console.log(`\n✗ ${step.name}: not run, because ${blocked.join(', ')} failed`);
    results.set(step.name, 'not run');
    continue;
  }
  console.log(`\n━━ ${step.name} ━━`);
  const { status } = spawnSync('npm', step.args, { stdio: 'inherit', env: process.env });
  results.set(step.name, status === 0 ? 'ok' : 'failed');
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}
const unit = readJson('test-results/unit.json');
const e2e = readJson('test-results/e2e.json');
const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats ? e2e.stats.expected + e2e.stats.flaky : 0);
const failed = (unit?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0);
const skipped = (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) + (e2e?.stats?.skipped ?? 0);

console.log('\n━━ summary ━━');
for (const [name, result] of results) console.log(`${result === 'ok' ? '✓' : '✗'} ${name}: ${result}`);
const allOk = [...results.values()].every((result) => result === 'ok');
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(allOk && failed === 0 ? 0 : 1);
