import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changelogEntry } from '../../../scripts/release/changelog';

describe('the changelog entry a release needs', () => {
  it('finds a version’s entry up to the next, and none for a version without one', () => {
    const log = '# Changelog\n\n## 0.2.0 — 2027-01-10\n\n- Faster.\n\n## 0.1.0 — 2026-12-08\n\nFirst.\n';
    expect(changelogEntry(log, '0.2.0')).toBe('- Faster.');
    expect(changelogEntry(log, '0.1.0')).toBe('First.');
    expect(changelogEntry(log, '0.1.1')).toBeUndefined();
    expect(changelogEntry('## 0.3.0 — 2027-02-01\n\n', '0.3.0')).toBeUndefined();
    // The version in package.json has its entry, and the first release says it is one.
    const changelog = readFileSync('CHANGELOG.md', 'utf8');
    expect(changelogEntry(changelog, JSON.parse(readFileSync('package.json', 'utf8')).version)).toBeTruthy();
    expect(changelogEntry(changelog, '0.1.0')).toContain('first release');
  });
});
