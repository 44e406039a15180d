import { describe, expect, it } from 'vitest';
import { unreadableReason } from '../../../lib/page/unreadable-reason';

describe('unreadableReason', () => {
  it('lets ordinary pages through', () => {
    expect(unreadableReason('https://example.com/news/article')).toBeNull();
    expect(unreadableReason('http://127.0.0.1:3000/')).toBeNull();
    expect(unreadableReason('file:///home/me/notes.html')).toBeNull();
    expect(unreadableReason('https://example.com/report.pdf')).toBeNull();
  });
  it('explains the pages extensions cannot read', () => {
    expect(unreadableReason('chrome://settings')).toMatch(/Browser pages/);
    expect(unreadableReason('chrome-extension://abc/sidepanel.html')).toMatch(/Browser pages/);
    expect(unreadableReason('https://chromewebstore.google.com/detail/x')).toMatch(/store/);
    expect(unreadableReason(undefined)).toMatch(/no page/);
  });
});
