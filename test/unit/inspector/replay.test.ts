import { describe, expect, it } from 'vitest';
import { lastQuestionOf, replayBody } from '../../../lib/inspector/replay';
import { sameShare, wordDiff } from '../../../lib/inspector/word-diff';

describe('replay', () => {
  it('sends the request as received, word for word, to the one model asked for', () => {
    const received = {
      model: 'anthropic/claude-sonnet-4-5',
      models: ['openai/gpt-4o-mini'],
      provider: { order: ['anthropic'] },
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Why is the sky blue?' }],
      temperature: 0.2,
      tools: [{ type: 'function', function: { name: 'lookup', parameters: {} } }],
      stream: false,
    };
    expect(replayBody(received, 'google/gemini-2.5-flash')).toEqual({
      model: 'google/gemini-2.5-flash',
      messages: received.messages,
      temperature: 0.2,
      tools: received.tools,
      stream: true,
    });
    expect(replayBody({ input: 'an embeddings request' }, 'x/y')).toBeUndefined();
    expect(replayBody(null, 'x/y')).toBeUndefined();
  });

  it('compares two answers word by word', () => {
    const parts = wordDiff('The sky is blue because of Rayleigh scattering.', 'The sky looks blue because of Rayleigh scattering of sunlight.');
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['is']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['looks', 'of sunlight']);
    // The second answer reads back exactly; the first, but for the spaces jsdiff takes from the second.
    const squeeze = (text: string) => text.replace(/\s+/g, '');
    expect(squeeze(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join(''))).toBe(squeeze('The sky is blue because of Rayleigh scattering.'));
    expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe('The sky looks blue because of Rayleigh scattering of sunlight.');
    expect(sameShare(wordDiff('same words', 'same words'))).toBe(1);
    expect(sameShare(parts)).toBeGreaterThan(0.5);
  });

  it('takes the last question of a request for a comparison', () => {
    expect(lastQuestionOf({ messages: [{ role: 'user', content: 'first' }, { role: 'assistant', content: 'a' }, { role: 'user', content: 'second' }] })).toBe('second');
    expect(lastQuestionOf({ messages: [{ role: 'user', content: [{ type: 'text', text: 'look at' }, { type: 'image_url', image_url: { url: 'data:…' } }, { type: 'text', text: 'this' }] }] })).toBe('look at\nthis');
    expect(lastQuestionOf({ input: 'not chat' })).toBe('');
  });
});
