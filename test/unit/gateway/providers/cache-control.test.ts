import { describe, expect, it } from 'vitest';
import { ChatRequest } from '../../../../lib/gateway/openai-schema';
import { anthropicAdapter } from '../../../../lib/gateway/providers/anthropic';
import { openAiAdapter } from '../../../../lib/gateway/providers/openai';
import type { ProviderAdapter, ProviderConfig } from '../../../../lib/gateway/providers/types';
import { context } from '../../../support/fixtures';

const mark = { type: 'ephemeral' };
const messages = [
  { role: 'system', content: [{ type: 'text', text: 'A long page.', cache_control: mark }] },
  { role: 'user', content: 'q1' },
  { role: 'assistant', content: [{ type: 'text', text: 'a1', cache_control: mark }] },
  { role: 'user', content: 'q2' },
];

async function sent(adapter: ProviderAdapter, provider: Partial<ProviderConfig> & Pick<ProviderConfig, 'kind'>) {
  const upstream = await adapter.buildRequest(ChatRequest.parse({ model: 'x', messages }), context(provider, 'm'));
  return JSON.parse(upstream.init.body!);
}

describe('cache breakpoints (cache_control on content parts)', () => {
  it('reach Claude on the system prompt and on the message they were set on', async () => {
    const body = await sent(anthropicAdapter, { kind: 'anthropic', id: 'anthropic' });
    expect(body.system).toEqual([{ type: 'text', text: 'A long page.', cache_control: mark }]);
    expect(body.messages[1].content).toEqual([{ type: 'text', text: 'a1', cache_control: mark }]);
  });

  it('reach OpenRouter as they are, and are taken off for OpenAI and other hosts, which cache by themselves', async () => {
    expect((await sent(openAiAdapter, { kind: 'openai', id: 'openrouter' })).messages[0].content[0].cache_control).toEqual(mark);
    const plain = await sent(openAiAdapter, { kind: 'openai', id: 'openai' });
    expect(JSON.stringify(plain)).not.toContain('cache_control');
    expect(plain.messages[0].content).toEqual([{ type: 'text', text: 'A long page.' }]);
  });
});
