// `npm start`: installs what is missing, builds the extension and opens Chromium with it loaded.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureChromium, ensureDependencies } from './setup.mjs';

ensureDependencies();
const chromium = ensureChromium();

const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const extension = resolve('.output/chrome-mv3');
const profile = resolve('.chromium-profile');
mkdirSync(profile, { recursive: true });

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    'Built the extension in .output/chrome-mv3, but there is no display to open Chromium on.\n' +
      'Run `npm start` from a desktop session, or load .output/chrome-mv3 in chrome://extensions (Developer mode → Load unpacked).',
  );
  process.exit(1);
}

console.log(`› Opening Chromium with Switchyard loaded (profile in ${profile})…`);
const args = [
  `--user-data-dir=${profile}`,
  `--disable-extensions-except=${extension}`,
  `--load-extension=${extension}`,
  '--no-first-run',
  '--no-default-browser-check',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  'https://en.wikipedia.org/wiki/Rail_yard',
];
const browser = spawn(chromium, args, { stdio: 'inherit' });
browser.on('exit', (code) => process.exit(code ?? 0));
