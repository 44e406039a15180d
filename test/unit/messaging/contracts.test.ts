import { describe, expect, it } from 'vitest';
import { chunkShowsSomething, type ChatChunk } from '../../../lib/messaging/contracts';

const chunk = (delta: Record<string, unknown>, finish: string | null = null): ChatChunk => ({
  id: 'c1',
  object: 'chat.completion.chunk',
  model: 'openai/gpt-4o-mini',
  provider: 'openai',
  choices: [{ delta, finish_reason: finish }],
});

describe('chat chunks that show the user something', () => {
  it('are those with text, reasoning or a tool call', () => {
    expect(chunkShowsSomething(chunk({ content: 'Hi' }))).toBe(true);
    expect(chunkShowsSomething(chunk({ reasoning: 'Thinking about it' }))).toBe(true);
    expect(chunkShowsSomething(chunk({ tool_calls: [{ index: 0, function: { name: 'f' } }] }))).toBe(true);
  });

  it('are not the role alone, empty text or the end', () => {
    expect(chunkShowsSomething(chunk({ role: 'assistant', content: '' }))).toBe(false);
    expect(chunkShowsSomething(chunk({ role: 'assistant', content: null, refusal: null }))).toBe(false);
    expect(chunkShowsSomething(chunk({}, 'stop'))).toBe(false);
  });

  it('are not chunks of another shape (a page API frame is not validated as a chunk)', () => {
    expect(chunkShowsSomething({})).toBe(false);
    expect(chunkShowsSomething({ choices: [{}] })).toBe(false);
  });
});
