import { describe, expect, it } from 'vitest';
import { createGateway, type GatewayOptions } from '../../../lib/gateway';

const provider = { id: 'openai', kind: 'openai' as const, baseUrl: 'https://api.openai.example/v1', apiKey: 'sk-test' };
const answer = { id: 'c1', object: 'chat.completion', created: 0, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 1 } };

describe('createGateway', () => {
  it('uses the bundled catalog when given none, so a request is routed and priced', async () => {
    const gateway = createGateway({ providers: [provider], fetch: async () => Response.json(answer) });
    const response = await gateway.fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }) }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.choices[0].message.content).toBe('hi');
    expect(body.usage.cost).toBeGreaterThan(0);
    expect(gateway.catalog.findEndpoint('openai', 'gpt-4o-mini')).toBeDefined();
  });

  it.each([
    [{ providers: [provider, { ...provider, id: 'x', kind: 'watsonx' }] }, 'providers[1].kind'],
    [{ providers: [{ ...provider, baseUrl: 'not a url' }] }, 'providers[0].baseUrl'],
    [{ providers: [provider], providrs: [] }, 'providrs'],
    [{ providers: [provider], timeouts: { connectMs: -1 } }, 'timeouts.connectMs'],
    [{ providers: [provider], retry: { maxRetry: 3 } }, 'retry.maxRetry'],
    [{ providers: [provider], catalog: {} }, 'catalog'],
    [{ providers: [provider], fetch: 'https://proxy' }, 'fetch'],
    [{ providers: [provider], tokenizer: { tokens: () => 1 } }, 'tokenizer'],
    [{}, 'providers'],
  ])('refuses an invalid option and names it: %j', (options, name) => {
    expect(() => createGateway(options as unknown as GatewayOptions)).toThrow(new RegExp(`^createGateway: ${name.replace(/[[\].]/g, '\\$&')}: `));
  });
});
