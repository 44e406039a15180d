import { describe, expect, it } from 'vitest';
import { unhashed, unreviewed } from '../../../scripts/release/lint-firefox';

describe('the Firefox lint review', () => {
  it('lets through only errors-free reports whose warnings were each reviewed, whatever the build hash', () => {
    expect(unhashed('chunks/sidepanel-DYZJt7T9.js')).toBe('chunks/sidepanel-*.js');
    expect(unhashed('assets/pdf.worker.min-FHbmGBN0.mjs')).toBe('assets/pdf.worker.min-*.mjs');
    const reviewed = [{ code: 'DANGEROUS_EVAL', file: 'chunks/pdf-browser-*.js' }];
    const warning = { code: 'DANGEROUS_EVAL', file: 'chunks/pdf-browser-3I8q90ZU.js', message: 'The Function constructor is eval.' };
    expect(unreviewed({ errors: [], warnings: [warning] }, reviewed)).toEqual([]);
    const fresh = { code: 'UNSAFE_VAR_ASSIGNMENT', file: 'chunks/pdf-browser-3I8q90ZU.js', message: 'Unsafe assignment to innerHTML' };
    const error = { code: 'MANIFEST_FIELD_INVALID', file: 'manifest.json', message: 'bad' };
    expect(unreviewed({ errors: [error], warnings: [warning, fresh] }, reviewed)).toEqual([error, fresh]);
  });
});
