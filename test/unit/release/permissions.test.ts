import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { askedFor, justified, permissionProblems } from '../../../scripts/release/permissions';

const JUSTIFIED = new Set(['storage', 'alarms', 'host permissions']);
const CODE = 'const a=chrome;a.storage.local.get("x");a.alarms.create("refresh",{periodInMinutes:1});fetch("https://api.openai.com/v1")';

describe('the release check of permissions against the code', () => {
  it('passes a manifest whose permissions the code uses, each justified', () => {
    expect(permissionProblems({ permissions: ['storage', 'alarms'], host_permissions: ['https://api.openai.com/*'] }, CODE, JUSTIFIED)).toEqual([]);
  });

  it('fails a permission no code uses, and one without a justification', () => {
    expect(permissionProblems({ permissions: ['storage', 'alarms', 'offscreen'] }, CODE, JUSTIFIED)).toEqual(['"offscreen" is asked for, but no code uses it.', '"offscreen" has no justification in store/permissions.md.']);
  });

  it('fails code that calls an API the manifest does not ask for', () => {
    expect(permissionProblems({ permissions: ['storage'] }, CODE, JUSTIFIED)).toEqual(['The code calls .alarms.create( (alarms), but the manifest does not ask for "alarms".']);
    expect(permissionProblems({ permissions: ['storage', 'alarms'] }, `${CODE};b.cookies.getAll({})`, JUSTIFIED)).toEqual(['The code calls .cookies.getAll( (cookies), but the manifest does not ask for "cookies".']);
  });

  it('fails a permission it cannot see used, rather than passing it unseen', () => {
    expect(permissionProblems({ permissions: ['storage', 'alarms', 'geolocation'] }, CODE, new Set([...JUSTIFIED, 'geolocation']))).toEqual(['"geolocation" is asked for, and this check does not know how to see it used: add it to USED_BY.']);
  });

  it('names host access and a content script on every page for their justifications, in both manifest versions', () => {
    expect(askedFor({ permissions: ['storage', 'https://api.openai.com/*'], optional_permissions: ['<all_urls>', 'tabs'], content_scripts: [{ matches: ['<all_urls>'] }] })).toEqual([
      'storage',
      'tabs',
      'host permissions',
      'optional host permissions',
      'content script on every page',
    ]);
  });

  it('reads the justifications of store/permissions.md, a reason on each line', () => {
    const names = justified(readFileSync('store/permissions.md', 'utf8'));
    for (const name of ['storage', 'unlimitedStorage', 'offscreen', 'tabs', 'host permissions', 'content script on every page']) expect(names.has(name)).toBe(true);
    expect(justified('- **storage**:\n- **alarms**: refreshes prices')).toEqual(new Set(['alarms']));
  });
});
