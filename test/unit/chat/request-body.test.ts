import { describe, expect, it } from 'vitest';
import { AnswerBuilder } from '../../../lib/chat/answer';
import { chatRequestBody } from '../../../lib/chat/request-body';
import type { ChatChunk } from '../../../lib/messaging/contracts';
import { ChatRequest } from '../../../lib/gateway/openai-schema';

const signed = { type: 'reasoning.text' as const, text: 'thought', signature: 'sig', format: 'anthropic-claude-v1', index: 0 };

describe('the side panel’s chat request', () => {
  it('marks the page and the conversation so far as cache breakpoints, and is a valid request', () => {
    const body = chatRequestBody({
      model: 'anthropic/claude-sonnet-4-5',
      reasons: true,
      thinking: 'default',
      pageSystem: 'The page: …',
      history: [
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'first answer', model: 'anthropic/claude-sonnet-4-5' },
        { role: 'user', content: 'second question' },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'The page: …', cache_control: { type: 'ephemeral' } }] },
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: [{ type: 'text', text: 'first answer', cache_control: { type: 'ephemeral' } }] },
      { role: 'user', content: 'second question' },
    ]);
    expect(ChatRequest.safeParse(body).success).toBe(true);
    expect(body.reasoning).toBeUndefined();
  });

  it('sends reasoning entries back only to the model that wrote them, and the thinking choice only to models that reason', () => {
    const history = [
      { role: 'user' as const, content: 'q' },
      { role: 'assistant' as const, content: 'a', model: 'anthropic/claude-sonnet-4-5', reasoningDetails: [signed] },
      { role: 'user' as const, content: 'q2' },
    ];
    const same = chatRequestBody({ model: 'anthropic/claude-sonnet-4-5', reasons: true, thinking: 'high', history });
    expect(same.messages[1]).toMatchObject({ reasoning_details: [signed] });
    expect(same.reasoning).toEqual({ effort: 'high' });
    const other = chatRequestBody({ model: 'google/gemini-2.5-pro', reasons: true, thinking: 'off', history });
    expect(other.messages[1]!.reasoning_details).toBeUndefined();
    expect(other.reasoning).toEqual({ enabled: false });
    expect(chatRequestBody({ model: 'openai/gpt-4o', reasons: false, thinking: 'high', history }).reasoning).toBeUndefined();
  });
});

describe('an answer’s reasoning entries, as streamed', () => {
  const chunk = (delta: Record<string, unknown>): ChatChunk => ({ id: 'c1', object: 'chat.completion.chunk', created: 0, model: 'm', provider: 'p', choices: [{ index: 0, delta, finish_reason: null }] }) as unknown as ChatChunk;

  it('joins OpenRouter-style pieces by index and keeps whole entries as they come', () => {
    const builder = new AnswerBuilder();
    builder.add(chunk({ reasoning_details: [{ type: 'reasoning.text', text: 'Let me ', index: 0, format: 'anthropic-claude-v1' }] }));
    builder.add(chunk({ reasoning_details: [{ type: 'reasoning.text', text: 'think.', index: 0, format: 'anthropic-claude-v1' }] }));
    builder.add(chunk({ reasoning_details: [{ type: 'reasoning.text', text: '', signature: 'sig', index: 0, format: 'anthropic-claude-v1' }] }));
    builder.add(chunk({ reasoning_details: [{ type: 'reasoning.encrypted', data: 'abc', id: 'call_1', index: 1, format: 'google-gemini-v1' }] }));
    expect(builder.reasoningDetails).toEqual([
      { type: 'reasoning.text', text: 'Let me think.', signature: 'sig', index: 0, format: 'anthropic-claude-v1' },
      { type: 'reasoning.encrypted', data: 'abc', id: 'call_1', index: 1, format: 'google-gemini-v1' },
    ]);
  });
});
