import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiAdapter } from '../../../../lib/gateway/providers/openai';
import { startMockProvider, type MockProvider } from '../../../mock-provider/server';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

const listing = (data: unknown[]): typeof fetch => async () => Response.json({ object: 'list', data });

describe('the windows an OpenAI-compatible host lists with its models', () => {
  it('reads context_length (OpenRouter and most hosts), max_model_len (vLLM) and context_window (Groq)', async () => {
    const models = await openAiAdapter.listModels(
      { id: 'host', kind: 'openai', baseUrl: 'http://127.0.0.1:1/v1' },
      listing([
        { id: 'a', context_length: 200_000 },
        { id: 'Qwen/Qwen3-8B', object: 'model', owned_by: 'vllm', root: 'Qwen/Qwen3-8B', max_model_len: 40_960 },
        { id: 'c', context_window: 131_072 },
        { id: 'd' },
      ]),
    );
    expect(models.map((m) => [m.id, m.contextLength])).toEqual([
      ['a', 200_000],
      ['Qwen/Qwen3-8B', 40_960],
      ['c', 131_072],
      ['d', undefined],
    ]);
  });

  it("takes LM Studio's windows from its REST API: a loaded model's own, else the model's largest", async () => {
    const models = await openAiAdapter.listModels({ id: 'lmstudio', kind: 'openai', preset: 'lmstudio', baseUrl: mock.baseUrl('openai', 'lmstudio') }, fetch);
    const window = (id: string) => models.find((m) => m.id === id)?.contextLength;
    expect(window('gemma-3-270m-it-qat')).toBe(4_096);
    expect(window('meta-llama-3.1-8b-instruct')).toBe(131_072);
    // Listed at /v1/models but unknown to the REST API: no window said.
    expect(window('mock-model')).toBeUndefined();
  });

  it('lists LM Studio models all the same when its REST API is absent (an older LM Studio)', async () => {
    const only: typeof fetch = async (input, init) => (String(input).includes('/api/v') ? new Response('Unexpected endpoint', { status: 404 }) : fetch(input, init));
    const models = await openAiAdapter.listModels({ id: 'lmstudio', kind: 'openai', preset: 'lmstudio', baseUrl: mock.baseUrl('openai', 'lmstudio') }, only);
    expect(models.find((m) => m.id === 'meta-llama-3.1-8b-instruct')).toEqual({ id: 'meta-llama-3.1-8b-instruct' });
  });
});
