import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import JSZip from 'jszip';

/** Unpacks a zip into a folder (made if needed), refusing any entry that would land outside it. */
export async function unzip(zipPath: string, into: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(zipPath));
  const root = resolve(into);
  for (const entry of Object.values(zip.files)) {
    const target = resolve(join(root, entry.name));
    if (target !== root && !target.startsWith(root + sep)) throw new Error(`${zipPath}: ${entry.name} would land outside ${into}`);
    if (entry.dir) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, await entry.async('nodebuffer'));
  }
}
