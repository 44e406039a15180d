import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { justified, permissionProblems, type Manifest } from './permissions';

/** Every script of a built extension, as one text. */
function builtCode(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(m?js)$/.test(file))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

/** The problems of each built target (its folder under .output), named by target. */
export function checkBuilds(targets: string[], root = '.output'): string[] {
  const justifications = justified(readFileSync('store/permissions.md', 'utf8'));
  return targets.flatMap((target) => {
    const dir = join(root, target);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    return permissionProblems(manifest, builtCode(dir), justifications).map((problem) => `${target}: ${problem}`);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = checkBuilds(process.argv.slice(2).length ? process.argv.slice(2) : ['chrome-mv3', 'firefox-mv2']);
  for (const problem of problems) console.error(`✗ ${problem}`);
  if (problems.length) process.exit(1);
  console.log('✓ permissions: each one asked for is used and justified, and each API called is asked for');
}
