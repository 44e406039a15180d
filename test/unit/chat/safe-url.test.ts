import { describe, expect, it } from 'vitest';
import { safeUrl } from '../../../lib/chat/safe-url';

describe('links in answers', () => {
  it('keep web and mail links and drop every other scheme', () => {
    expect(safeUrl('https://example.com/a?b=c')).toBe('https://example.com/a?b=c');
    expect(safeUrl('mailto:a@example.com')).toBe('mailto:a@example.com');
    expect(safeUrl('#section')).toBe('#section');
    expect(safeUrl('javascript:alert(1)')).toBe('');
    expect(safeUrl('JaVaScRiPt:alert(1)')).toBe('');
    expect(safeUrl('data:text/html,<script>alert(1)</script>')).toBe('');
    expect(safeUrl('vbscript:msgbox')).toBe('');
    expect(safeUrl('chrome-extension://abc/options.html')).toBe('');
  });
});
