import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

interface LintMessage {
  code: string;
  file?: string;
  message: string;
  description?: string;
}
interface Reviewed {
  code: string;
  file: string;
}

/** A built file's name without its content hash (chunks/sidepanel-DYZJt7T9.js → chunks/sidepanel-*.js). */
export const unhashed = (file: string) => file.replace(/-[\w-]{8}\.(m?js)$/, '-*.$1');

/** The lint's errors, and its warnings no one has reviewed (store/amo-lint-review.json). */
export function unreviewed(messages: { errors: LintMessage[]; warnings: LintMessage[] }, reviewed: Reviewed[]): LintMessage[] {
  const known = (m: LintMessage) => reviewed.some((r) => r.code === m.code && r.file === unhashed(m.file ?? ''));
  return [...messages.errors, ...messages.warnings.filter((m) => !known(m))];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? '.output/firefox-mv2';
  const run = spawnSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(run.stdout) as { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] };
  const { reviewed } = JSON.parse(readFileSync('store/amo-lint-review.json', 'utf8')) as { reviewed: Reviewed[] };
  const left = unreviewed(report, reviewed);
  for (const m of left) console.error(`✗ ${m.code} ${m.file ?? ''}: ${m.message}${m.description ? ` (${m.description})` : ''}`);
  if (left.length) {
    console.error(`web-ext lint: ${left.length} not reviewed. Fix them, or read each and list it with its reason in store/amo-lint-review.json.`);
    process.exit(1);
  }
  console.log(`✓ web-ext lint: no errors; ${report.warnings.length} warnings, each reviewed (store/amo-lint-review.json)`);
}
