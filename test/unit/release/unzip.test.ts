import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { unzip } from '../../../scripts/release/unzip';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true })));

async function zipOf(files: Record<string, string>): Promise<string> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  const dir = mkdtempSync(join(tmpdir(), 'unzip-test-'));
  folders.push(dir);
  writeFileSync(join(dir, 'a.zip'), await zip.generateAsync({ type: 'nodebuffer' }));
  return join(dir, 'a.zip');
}

describe('unzip', () => {
  it('unpacks files and folders into the folder', async () => {
    const into = join(mkdtempSync(join(tmpdir(), 'unzip-out-')), 'x');
    folders.push(into);
    await unzip(await zipOf({ 'manifest.json': '{}', 'icon/16.png': 'png' }), into);
    expect(readFileSync(join(into, 'manifest.json'), 'utf8')).toBe('{}');
    expect(readFileSync(join(into, 'icon/16.png'), 'utf8')).toBe('png');
  });

  it('never writes outside the folder, whatever an entry’s name says', async () => {
    const into = mkdtempSync(join(tmpdir(), 'unzip-out-'));
    folders.push(into);
    const zip = new JSZip();
    zip.file('../escaped.txt', 'no');
    const path = join(into, 'evil.zip');
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
    await unzip(path, join(into, 'inside')).catch(() => undefined);
    expect(existsSync(join(into, 'escaped.txt'))).toBe(false);
  });
});
