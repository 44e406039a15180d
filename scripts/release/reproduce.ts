import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { unzip } from './unzip';

/** Every file under a folder, by its path inside it. */
function files(dir: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, file);
    if (statSync(path).isFile()) found.set(relative(dir, path), readFileSync(path));
  }
  return found;
}

/** The files that differ between two folders (missing on either side, or not the same bytes). */
export function differences(expected: Map<string, Buffer>, actual: Map<string, Buffer>): string[] {
  const names = new Set([...expected.keys(), ...actual.keys()]);
  return [...names].sort().filter((name) => {
    const [a, b] = [expected.get(name), actual.get(name)];
    return !a || !b || !a.equals(b);
  });
}

/**
 * Builds the add-on from its AMO source package as a reviewer would (store/AMO-BUILD.md) and
 * returns the files that differ from the .xpi: none when the package reproduces it.
 */
export async function reproduce(sourcesZip: string, xpi: string): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'switchyard-amo-'));
  try {
    await unzip(sourcesZip, join(work, 'src'));
    await unzip(xpi, join(work, 'xpi'));
    for (const [command, args] of [
      ['npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline']],
      ['npx', ['wxt', 'build', '-b', 'firefox']],
    ] as const) {
      const { status } = spawnSync(command, args, { cwd: join(work, 'src'), stdio: ['ignore', 'ignore', 'inherit'] });
      if (status !== 0) throw new Error(`${command} ${args.join(' ')} failed in the source package`);
    }
    return differences(files(join(work, 'xpi')), files(join(work, 'src/.output/firefox-mv2')));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
