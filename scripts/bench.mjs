// `npm run bench`: builds the extension, then measures the gateway and the extension against
// baselines taken in the same run, on 127.0.0.1 with the mock provider. No network.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { ensureChromium, ensureDependencies } from './setup.mjs';

ensureDependencies();
process.env.CHROMIUM_PATH = ensureChromium();
mkdirSync('test-results', { recursive: true });
const run = (command, args) => {
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (status !== 0) process.exit(status ?? 1);
};
run('npm', ['run', '-s', 'build']);
run('npx', ['tsx', 'test/bench/run.ts', ...process.argv.slice(2)]);
