import { describe, expect, it } from 'vitest';
import { answerReserve, ASSUMED_WINDOW } from '../../../lib/catalog/window';
import { leavesNoRoom, MAX_PAGE_TOKENS, pageTokenLimit, windowNeeded } from '../../../lib/chat/page-budget';

describe("a page's share of a model's window", () => {
  it('is never zero while the window has room beyond the answer and the conversation (every window from 512 to 2M tokens)', () => {
    for (let window = 512; window <= 2_000_000; window = Math.ceil(window * 1.37)) {
      for (const conversationTokens of [0, 20, Math.floor(window / 3)]) {
        const limit = pageTokenLimit({ window, conversationTokens });
        expect(limit, `window ${window}, conversation ${conversationTokens}`).toBeGreaterThan(0);
        expect(limit + answerReserve(window) + conversationTokens).toBeLessThanOrEqual(window);
      }
    }
  });

  it('leaves the answer a share of the window, never all of it (the old 8,192 reserve in an 8,192 window left the page nothing)', () => {
    expect(answerReserve(8_192)).toBe(2_048);
    expect(answerReserve(8_192, 8_192)).toBe(2_048);
    expect(answerReserve(200_000, 64_000)).toBe(8_192);
    expect(answerReserve(200_000, 4_096)).toBe(4_096);
    expect(pageTokenLimit({ window: ASSUMED_WINDOW, maxOutput: 8_192, conversationTokens: 30 })).toBeGreaterThan(5_000);
  });

  it('is at most 100,000 tokens, even in a million-token window', () => {
    expect(pageTokenLimit({ window: 1_000_000, conversationTokens: 0 })).toBe(MAX_PAGE_TOKENS);
  });

  it('is zero when the conversation already fills the window', () => {
    expect(pageTokenLimit({ window: 8_192, conversationTokens: 8_000 })).toBe(0);
  });

  it('says there is no room when what is left is a scrap of the page, not when the page is small', () => {
    expect(leavesNoRoom(0, 5_000)).toBe(true);
    expect(leavesNoRoom(100, 5_000)).toBe(true);
    expect(leavesNoRoom(100, 80)).toBe(false);
    expect(leavesNoRoom(400, 5_000)).toBe(true);
    expect(leavesNoRoom(2_000, 5_000)).toBe(false);
    expect(leavesNoRoom(0, 0)).toBe(false);
  });

  it('names a window that holds a page and conversation whole', () => {
    for (const [page, conversation] of [
      [500, 20],
      [5_000, 300],
      [40_000, 2_000],
      [250_000, 100],
    ] as const) {
      const window = windowNeeded(page, conversation);
      expect(pageTokenLimit({ window, conversationTokens: conversation })).toBeGreaterThanOrEqual(Math.min(page, MAX_PAGE_TOKENS));
    }
  });
});
