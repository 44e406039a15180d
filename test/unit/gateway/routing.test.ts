import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createGateway, createGatewayWith, GatewayError, type ProviderConfig } from '../../../lib/gateway';
import { resolveCandidates } from '../../../lib/gateway/resolve';
import { ChatRequest } from '../../../lib/gateway/openai-schema';
import { shippedCatalog } from '../../support/fixtures';
import { useHarness } from '../../support/gateway-harness';

const catalog = shippedCatalog();
const providers: ProviderConfig[] = [
  { id: 'groq', kind: 'openai', baseUrl: 'x', apiKey: 'k' },
  { id: 'together', kind: 'openai', baseUrl: 'x', apiKey: 'k' },
  { id: 'work-openai', preset: 'openai', kind: 'openai', baseUrl: 'x', apiKey: 'k' },
  { id: 'openrouter', kind: 'openai', baseUrl: 'x', apiKey: 'k' },
];
const resolve = (body: Record<string, unknown>) =>
  resolveCandidates(ChatRequest.parse({ messages: [{ role: 'user', content: 'x' }], ...body }), providers, catalog).map((c) => `${c.provider.id}:${c.model}`);

describe('model resolution', () => {
  it('sends "<provider>/<model>" to that provider, whatever the model', () => {
    expect(resolve({ model: 'groq/some-new-model' })).toEqual(['groq:some-new-model']);
    expect(resolve({ model: 'openrouter/meta-llama/llama-3.3-70b-instruct' })).toEqual(['openrouter:meta-llama/llama-3.3-70b-instruct']);
  });

  it('spreads a catalog id over every configured provider that serves it, with their own names', () => {
    expect(resolve({ model: 'meta-llama/llama-3.3-70b-instruct' })).toEqual([
      'groq:llama-3.3-70b-versatile',
      'together:meta-llama/Llama-3.3-70B-Instruct-Turbo',
      'openrouter:meta-llama/llama-3.3-70b-instruct',
    ]);
    expect(resolve({ model: 'openai/gpt-4o' })).toEqual(['work-openai:gpt-4o', 'openrouter:openai/gpt-4o']);
  });

  it('applies provider preferences and the models chain', () => {
    const model = 'meta-llama/llama-3.3-70b-instruct';
    expect(resolve({ model, provider: { sort: 'price' } })[0]).toBe('openrouter:meta-llama/llama-3.3-70b-instruct');
    expect(resolve({ model, provider: { order: ['together'] } })[0]).toBe('together:meta-llama/Llama-3.3-70B-Instruct-Turbo');
    expect(resolve({ model, provider: { only: ['groq'] } })).toEqual(['groq:llama-3.3-70b-versatile']);
    expect(resolve({ model, provider: { ignore: ['groq', 'openrouter'] } })).toEqual(['together:meta-llama/Llama-3.3-70B-Instruct-Turbo']);
    expect(resolve({ model, provider: { max_price: { prompt: 0.6 } } })).toEqual(['groq:llama-3.3-70b-versatile', 'openrouter:meta-llama/llama-3.3-70b-instruct']);
    expect(resolve({ model, provider: { allow_fallbacks: false } })).toHaveLength(1);
    expect(resolve({ model: 'groq/llama-3.1-8b-instant', models: ['openai/gpt-4o-mini'] })).toEqual([
      'groq:llama-3.1-8b-instant',
      'work-openai:gpt-4o-mini',
      'openrouter:openai/gpt-4o-mini',
    ]);
  });

  it('says which providers exist when none serves the model', () => {
    let error: unknown;
    try {
      resolve({ model: 'nobody/nothing' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found' });
    expect((error as Error).message).toContain('groq, together, work-openai, openrouter');
    expect(() => resolve({ model: 'anthropic/claude-opus-4-5', provider: { only: ['groq'] } })).toThrow(/No provider is left/);
  });
});

const withFallback = {
  model: 'anthropic/claude-sonnet-4-5',
  models: ['openai/gpt-4o-mini'],
  messages: [{ role: 'user' as const, content: 'hi' }],
};

describe('the gateway as a fetch handler', () => {
  const h = useHarness();

  it('lists the models its providers can serve, with prices, through the openai client', async () => {
    const models = await h.client().models.list();
    const ids = models.data.map((m) => m.id);
    expect(ids).toContain('anthropic/claude-sonnet-4-5');
    expect(ids).toContain('google/gemini-2.5-flash');
    expect(ids).toContain('meta-llama/llama-3.2-3b-instruct');
    expect(ids).not.toContain('x-ai/grok-4');
    const sonnet = models.data.find((m) => m.id === 'anthropic/claude-sonnet-4-5') as unknown as { pricing: unknown; providers: string[] };
    expect(sonnet.pricing).toEqual({ prompt: 3, completion: 15, cached_prompt: 0.3 });
    expect(sonnet.providers).toEqual(['anthropic']);
  });

  it('falls back along the models chain, before the first token, and records every attempt', async () => {
    h.mock.script('anthropic', { fault: { type: 'status', status: 503, message: 'Overloaded' } });
    h.mock.script('openai', { text: 'answered by the fallback' });
    const client = h.client();
    const body = { model: 'anthropic/claude-sonnet-4-5', models: ['openai/gpt-4o-mini'], messages: [{ role: 'user' as const, content: 'hi' }] };
    const stream = await client.chat.completions.create({ ...body, stream: true });
    let text = '';
    let model = '';
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      model = chunk.model;
    }
    expect(text).toBe('answered by the fallback');
    expect(model).toBe('openai/gpt-4o-mini');
    expect(h.records[0]!.attempts.map((a) => [a.provider, a.status, a.httpStatus])).toEqual([
      ['anthropic', 'error', 503],
      ['openai', 'ok', undefined],
    ]);
    expect(h.records[0]).toMatchObject({ status: 'ok', provider: 'openai', model: 'openai/gpt-4o-mini' });
  });

  it('does not fall back on a bad request that any provider would refuse', async () => {
    h.mock.script('anthropic', { fault: { type: 'status', status: 400, message: 'messages: bad' } });
    const error = await h
      .client()
      .chat.completions.create(withFallback)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(h.records[0]!.attempts).toHaveLength(1);
    expect(h.mock.requests.map((r) => r.format)).toEqual(['anthropic']);
  });

  it('reports all failed attempts together', async () => {
    h.mock.script('anthropic', { fault: { type: 'status', status: 503 }, times: 3 });
    h.mock.script('openai', { fault: { type: 'status', status: 500 }, times: 3 });
    const error = (await h
      .client()
      .chat.completions.create(withFallback)
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(502);
    expect(error.code).toBe('all_providers_failed');
    expect(error.message).toMatch(/anthropic.*\|.*openai/);
    // Two retry rounds after the first pass, with backoff in between.
    expect(h.mock.requests.map((r) => r.format)).toEqual(['anthropic', 'openai', 'anthropic', 'openai', 'anthropic', 'openai']);
  });

  it('validates requests like OpenAI would, and records them too', async () => {
    const gateway = h.gatewayFor();
    const post = (body: string) => gateway.fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body }));
    const invalidJson = await post('{nope');
    expect(invalidJson.status).toBe(400);
    expect(await invalidJson.json()).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('not valid JSON') } });
    const noMessages = await post(JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [] }));
    expect(noMessages.status).toBe(400);
    expect(await noMessages.json()).toMatchObject({ error: { param: 'messages' } });
    const unknownModel = await post(JSON.stringify({ model: 'nobody/nothing', messages: [{ role: 'user', content: 'x' }] }));
    expect(unknownModel.status).toBe(404);
    expect(h.records.map((r) => r.status)).toEqual(['error', 'error', 'error']);
    expect(h.mock.requests).toHaveLength(0);
  });

  it('lets beforeRequest refuse with 402 before anything is sent', async () => {
    const client = new OpenAI({
      baseURL: 'http://x/v1',
      apiKey: 'unused',
      maxRetries: 0,
      fetch: (url, init) =>
        createGateway({
          providers: h.providers,
          catalog,
          onRecord: (r) => h.records.push(r),
          beforeRequest: ({ maxCost }) => {
            if (maxCost > 0) throw new GatewayError(402, 'insufficient_quota', 'budget_exceeded', `Daily budget reached (this request could cost $${maxCost.toFixed(4)}).`);
          },
        }).fetch(new Request(url, init)),
    });
    const error = (await client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e)) as InstanceType<
      typeof OpenAI.APIError
    >;
    expect(error.status).toBe(402);
    expect(error.message).toContain('Daily budget reached');
    expect(h.mock.requests).toHaveLength(0);
    expect(h.records[0]).toMatchObject({ status: 'error', error: { status: 402 } });
  });

  it('answers unknown routes with an OpenAI-shaped 404', async () => {
    const response = await h.gatewayFor().fetch(new Request('http://x/v1/audio/speech', { method: 'POST', body: '{}' }));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'unknown_route' } });
  });

  it('serves the Responses API only where it is given (createGateway does; the extension worker does not)', async () => {
    const responsesBody = JSON.stringify({ model: 'openai/gpt-4o-mini', input: 'hi' });
    const core = createGatewayWith({ providers: [], catalog });
    const refused = await core.fetch(new Request('http://x/v1/responses', { method: 'POST', body: responsesBody }));
    expect(refused.status).toBe(404);
    expect((await refused.json()) as unknown).toMatchObject({
      error: { code: 'unknown_route', message: 'This Switchyard gateway serves POST /chat/completions, POST /embeddings and GET /models, not POST /v1/responses.' },
    });
    const full = createGateway({ providers: [] });
    const served = await full.fetch(new Request('http://x/v1/responses', { method: 'POST', body: responsesBody }));
    expect((await served.json()) as unknown).toMatchObject({ error: { code: expect.not.stringMatching(/^unknown_route$/) } });
  });
});
