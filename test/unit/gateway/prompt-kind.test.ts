import { describe, expect, it } from 'vitest';
import { promptKind } from '../../../lib/gateway/prompt-kind';

describe('the kind of a prompt', () => {
  it.each([
    ['Why does this throw a TypeError?\n```js\nconst a = null; a.b\n```', 'code'],
    ['Refactor my python function to use a generator', 'code'],
    ['Solve for x: 3x + 4 = 19', 'math'],
    ['Prove that the square root of 2 is irrational', 'math'],
    ['Translate this paragraph into French', 'translation'],
    ['Summarize this page in three bullet points', 'summary'],
    ['Write a cover letter for a junior designer role', 'writing'],
    ['Draft an email declining the meeting politely', 'writing'],
    ['Compare the trade-offs of renting and buying a flat', 'analysis'],
    ['Hello! How are you today?', 'general'],
  ])('%s → %s', (prompt, kind) => {
    expect(promptKind(prompt)).toBe(kind);
  });
});
