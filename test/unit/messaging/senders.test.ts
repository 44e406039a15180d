import { describe, expect, it } from 'vitest';
import { isOwnExtensionPage } from '../../../lib/messaging/senders';

const id = 'abcdefghijklmnopabcdefghijklmnop';
const origin = `chrome-extension://${id}/`;

describe('isOwnExtensionPage', () => {
  it('accepts the extension’s own pages', () => {
    expect(isOwnExtensionPage({ id, url: `${origin}sidepanel.html` }, id, origin)).toBe(true);
  });
  it('refuses content scripts, web pages and other extensions', () => {
    expect(isOwnExtensionPage({ id, url: 'http://127.0.0.1:8080/page.html' }, id, origin)).toBe(false);
    expect(isOwnExtensionPage({ id: 'other', url: `${origin}sidepanel.html` }, id, origin)).toBe(false);
    expect(isOwnExtensionPage({ id }, id, origin)).toBe(false);
    expect(isOwnExtensionPage(undefined, id, origin)).toBe(false);
    expect(isOwnExtensionPage({ id, url: 'not a url' }, id, origin)).toBe(false);
  });
});
