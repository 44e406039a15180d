import { describe, expect, it } from 'vitest';
import { ChatRequest } from '../../../../lib/gateway/openai-schema';
import { anthropicAdapter } from '../../../../lib/gateway/providers/anthropic';
import { geminiAdapter } from '../../../../lib/gateway/providers/gemini';
import { ollamaAdapter } from '../../../../lib/gateway/providers/ollama';
import { openAiAdapter } from '../../../../lib/gateway/providers/openai';
import type { ProviderAdapter, ProviderConfig } from '../../../../lib/gateway/providers/types';
import { context } from '../../../support/fixtures';

const hi = [{ role: 'user', content: 'hi' }];

async function sent(adapter: ProviderAdapter, provider: Partial<ProviderConfig> & Pick<ProviderConfig, 'kind'>, model: string, request: Record<string, unknown>) {
  const upstream = await adapter.buildRequest(ChatRequest.parse({ model: 'x', messages: hi, ...request }), context(provider, model));
  return JSON.parse(upstream.init.body!);
}

const refusal = (param: string) => ({ status: 400, extra: expect.objectContaining({ param }) });

describe('one reasoning parameter, mapped to each provider', () => {
  it('OpenAI-compatible hosts get reasoning_effort; a token budget is refused naming the parameter', async () => {
    const openai = { kind: 'openai' as const, id: 'openai' };
    expect(await sent(openAiAdapter, openai, 'o4-mini', { reasoning: { effort: 'high' } })).toMatchObject({ reasoning_effort: 'high' });
    expect(await sent(openAiAdapter, openai, 'o4-mini', { reasoning_effort: 'low' })).toMatchObject({ reasoning_effort: 'low' });
    expect(await sent(openAiAdapter, openai, 'gpt-5.1', { reasoning: { enabled: false } })).toMatchObject({ reasoning_effort: 'none' });
    expect((await sent(openAiAdapter, openai, 'o4-mini', { reasoning: { effort: 'high' } })).reasoning).toBeUndefined();
    await expect(sent(openAiAdapter, openai, 'o4-mini', { reasoning: { max_tokens: 2000 } })).rejects.toMatchObject(refusal('reasoning.max_tokens'));
  });

  it('OpenRouter gets reasoning and reasoning_details as they are', async () => {
    const body = await sent(openAiAdapter, { kind: 'openai', id: 'openrouter' }, 'anthropic/claude-sonnet-4.5', {
      reasoning: { max_tokens: 2000, exclude: true },
      messages: [...hi, { role: 'assistant', content: 'ok', reasoning_details: [{ type: 'reasoning.text', text: 't', signature: 's', format: 'anthropic-claude-v1', index: 0 }] }, { role: 'user', content: 'go on' }],
    });
    expect(body.reasoning).toEqual({ max_tokens: 2000, exclude: true });
    expect(body.messages[1].reasoning_details).toHaveLength(1);
    const plain = await sent(openAiAdapter, { kind: 'openai', id: 'openai' }, 'gpt-4o', { messages: [...hi, { role: 'assistant', content: 'ok', reasoning_details: [{ type: 'reasoning.text', text: 't' }] }] });
    expect(plain.messages[1].reasoning_details).toBeUndefined();
  });

  it('Claude gets a thinking budget, max_tokens raised to leave the answer room, and clear refusals for what thinking forbids', async () => {
    const claude = { kind: 'anthropic' as const, id: 'anthropic' };
    expect(await sent(anthropicAdapter, claude, 'claude-sonnet-4-5', { reasoning: { max_tokens: 3000 } })).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 3000 }, max_tokens: 3000 + 4096 });
    expect(await sent(anthropicAdapter, claude, 'claude-sonnet-4-5', { reasoning: { effort: 'high' }, max_tokens: 30_000 })).toMatchObject({ thinking: { budget_tokens: 24_576 }, max_tokens: 30_000 });
    expect(await sent(anthropicAdapter, claude, 'claude-sonnet-4-5', { reasoning: { max_tokens: 100 } })).toMatchObject({ thinking: { budget_tokens: 1024 } });
    expect((await sent(anthropicAdapter, claude, 'claude-sonnet-4-5', { reasoning: { effort: 'none' } })).thinking).toBeUndefined();
    expect(await sent(anthropicAdapter, claude, 'claude-sonnet-4-5', { reasoning: { effort: 'low' }, temperature: 1 })).toMatchObject({ thinking: { budget_tokens: 1024 } });
    await expect(sent(anthropicAdapter, claude, 'claude-sonnet-4-5', { reasoning: { effort: 'low' }, temperature: 0.2 })).rejects.toMatchObject(refusal('temperature'));
    await expect(sent(anthropicAdapter, claude, 'claude-sonnet-4-5', { reasoning: { effort: 'low' }, top_p: 0.5 })).rejects.toMatchObject(refusal('top_p'));
    const tools = [{ type: 'function', function: { name: 'f' } }];
    await expect(sent(anthropicAdapter, claude, 'claude-sonnet-4-5', { reasoning: { effort: 'low' }, tools, tool_choice: 'required' })).rejects.toMatchObject(refusal('tool_choice'));
  });

  it('Gemini 2.5 gets a thinking budget, Gemini 3 a thinking level; models that cannot do what is asked are refused', async () => {
    const google = { kind: 'gemini' as const, id: 'google' };
    const config = async (model: string, request: Record<string, unknown>) => (await sent(geminiAdapter, google, model, request)).generationConfig?.thinkingConfig;
    expect(await config('gemini-2.5-flash', { reasoning: { effort: 'medium' } })).toEqual({ thinkingBudget: 8192, includeThoughts: true });
    expect(await config('gemini-2.5-flash', { reasoning: { max_tokens: 5000, exclude: true } })).toEqual({ thinkingBudget: 5000, includeThoughts: false });
    expect(await config('gemini-2.5-flash', { reasoning_effort: 'none' })).toEqual({ thinkingBudget: 0 });
    expect(await config('gemini-3-pro-preview', { reasoning: { effort: 'low' } })).toEqual({ thinkingLevel: 'low', includeThoughts: true });
    expect(await config('gemini-3-pro-preview', { reasoning_effort: 'medium' })).toEqual({ thinkingLevel: 'high', includeThoughts: true });
    await expect(config('gemini-3-pro-preview', { reasoning: { enabled: false } })).rejects.toMatchObject(refusal('reasoning'));
    await expect(config('gemini-2.5-pro', { reasoning_effort: 'none' })).rejects.toMatchObject(refusal('reasoning_effort'));
    await expect(config('gemini-2.0-flash', { reasoning: { effort: 'high' } })).rejects.toMatchObject(refusal('reasoning'));
  });

  it('Ollama gets think, as a level for gpt-oss', async () => {
    const ollama = { kind: 'ollama' as const, id: 'ollama' };
    expect((await sent(ollamaAdapter, ollama, 'qwen3:8b', { reasoning: { effort: 'high' } })).think).toBe(true);
    expect((await sent(ollamaAdapter, ollama, 'qwen3:8b', { reasoning: { enabled: false } })).think).toBe(false);
    expect((await sent(ollamaAdapter, ollama, 'gpt-oss:20b', { reasoning_effort: 'high' })).think).toBe('high');
    expect((await sent(ollamaAdapter, ollama, 'qwen3:8b', {})).think).toBeUndefined();
  });
});
