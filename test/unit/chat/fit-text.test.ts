import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { describe, expect, it } from 'vitest';
import { fitText } from '../../../lib/chat/fit-text';
import { tiktokenCounter } from '../../../lib/gateway/tokenizer';

const counter = tiktokenCounter(cl100k);

describe('fitText', () => {
  it('leaves a text that fits alone', () => {
    expect(fitText('A short page.', 100, counter)).toEqual({ text: 'A short page.', trimmed: false, tokens: 4, originalTokens: 4, limit: 100 });
  });

  it('cuts a long text to the limit, close to it, at a word boundary', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `Sentence ${i} talks about yards, gauges and freight.`).join(' ');
    const fit = fitText(text, 10_000, counter);
    expect(fit.trimmed).toBe(true);
    expect(fit.tokens).toBeLessThanOrEqual(10_000);
    expect(fit.tokens).toBeGreaterThan(9_500);
    expect(fit.originalTokens).toBeGreaterThan(50_000);
    expect(text.startsWith(fit.text)).toBe(true);
    expect(text[fit.text.length]).toBe(' ');
  });

  it('gives nothing when nothing fits', () => {
    expect(fitText('some words here', 0, counter)).toMatchObject({ text: '', trimmed: true });
  });
});
