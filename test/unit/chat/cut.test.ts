import { describe, expect, it } from 'vitest';
import { asCut, isCut } from '../../../lib/chat/cut';
import { MessagingError } from '../../../lib/messaging/rpc';

describe('cut answers', () => {
  it('a lost port is explained as the browser stopping the background, with the spend in the ledger', () => {
    const cut = asCut(new MessagingError('disconnected', 'The connection closed before the stream ended.'));
    expect(cut.code).toBe('disconnected');
    expect(cut.message).toMatch(/browser stopped Switchyard’s background.*text so far is kept.*“interrupted”/);
    expect(isCut(cut)).toBe(true);
  });

  it('other errors stay as they are, and only cut-off codes count as cut', () => {
    const budget = new MessagingError('budget_exceeded', 'The daily budget would be exceeded.');
    expect(asCut(budget)).toBe(budget);
    expect(isCut(budget)).toBe(false);
    expect(isCut({ code: 'stream_truncated' })).toBe(true);
    expect(isCut(undefined)).toBe(false);
  });
});
