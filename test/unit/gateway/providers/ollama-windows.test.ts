import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatRequest } from '../../../../lib/gateway/openai-schema';
import { ollamaAdapter } from '../../../../lib/gateway/providers/ollama';
import { numCtxFor, OLLAMA_DEFAULT_WINDOW } from '../../../../lib/gateway/providers/ollama/context-size';
import { listOllamaModels, windowFromShow } from '../../../../lib/gateway/providers/ollama/models';
import { startMockProvider, type MockProvider } from '../../../mock-provider/server';
import { context } from '../../../support/fixtures';

const recordedShow = () => JSON.parse(readFileSync(new URL('../../../fixtures/ollama/show-llama3.2-1b.json', import.meta.url), 'utf8')) as Record<string, unknown>;

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

describe("an Ollama model's window, from /api/show", () => {
  it('is the window the model was trained for (llama3.2:1b: 131,072 tokens)', () => {
    expect(windowFromShow(recordedShow())).toBe(131_072);
  });

  it("is the Modelfile's num_ctx when it sets one: the owner chose it", () => {
    const show = { ...recordedShow(), parameters: 'num_ctx                        16384\nstop                           "<|eot_id|>"' };
    expect(windowFromShow(show)).toBe(16_384);
  });

  it('is unknown when the answer says neither', () => {
    expect(windowFromShow({ parameters: 'temperature 0.7', model_info: { 'general.architecture': 'llama' } })).toBeUndefined();
    expect(windowFromShow('not json')).toBeUndefined();
  });

  it('comes with every installed model when the server is listed', async () => {
    const models = await listOllamaModels({ id: 'ollama', kind: 'ollama', baseUrl: mock.baseUrl('ollama') }, fetch);
    expect(models.find((m) => m.id === 'llama3.2:1b')).toEqual({ id: 'llama3.2:1b', name: 'llama3.2:1b', contextLength: 131_072 });
    expect(models.find((m) => m.id === 'qwen2.5-coder:7b')?.contextLength).toBe(32_768);
  });

  it('stays unknown, and the list still comes, when /api/show fails', async () => {
    const failing: typeof fetch = async (input, init) => (String(input).endsWith('/api/show') ? new Response('{"error":"boom"}', { status: 500 }) : fetch(input, init));
    const models = await listOllamaModels({ id: 'ollama', kind: 'ollama', baseUrl: mock.baseUrl('ollama') }, failing);
    expect(models.length).toBeGreaterThan(0);
    expect(models.every((m) => m.contextLength === undefined)).toBe(true);
  });
});

describe('num_ctx: the window Switchyard asks Ollama for', () => {
  it("is left to Ollama while its default holds the prompt and the answer", () => {
    expect(numCtxFor(1_000, undefined, 131_072)).toBeUndefined();
    expect(numCtxFor(OLLAMA_DEFAULT_WINDOW - 2_048, undefined, 131_072)).toBeUndefined();
  });

  it('grows in powers of two to hold a long page, never past the model window', () => {
    expect(numCtxFor(5_000, undefined, 131_072)).toBe(8_192);
    expect(numCtxFor(20_000, undefined, 131_072)).toBe(32_768);
    expect(numCtxFor(100_000, 8_192, 131_072)).toBe(131_072);
    expect(numCtxFor(100_000, 8_192, 32_768)).toBe(32_768);
    expect(numCtxFor(20_000, 500, undefined)).toBe(32_768);
  });

  it('goes out with a request whose prompt passes the default', async () => {
    const request = ChatRequest.parse({ model: 'x', messages: [{ role: 'user', content: 'Summarize the page.' }] });
    const ctx = { ...context({ kind: 'ollama', id: 'ollama', baseUrl: 'http://127.0.0.1:11434' }, 'llama3.2:1b', true), promptTokens: 20_000, contextLength: 131_072 };
    const long = JSON.parse((await ollamaAdapter.buildRequest(request, ctx)).init.body!) as { options?: { num_ctx?: number } };
    expect(long.options?.num_ctx).toBe(32_768);
    const short = JSON.parse((await ollamaAdapter.buildRequest(request, { ...ctx, promptTokens: 50 })).init.body!) as { options?: unknown };
    expect(short.options).toBeUndefined();
  });
});
