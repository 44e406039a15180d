import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectLocalServers } from '../../../lib/gateway/local-detect';
import { startMockProvider, type MockProvider } from '../../mock-provider/server';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

describe('detectLocalServers', () => {
  it('finds Ollama and LM Studio and lists their installed models', async () => {
    const servers = await detectLocalServers(fetch, { ollama: mock.baseUrl('ollama'), lmstudio: mock.baseUrl('openai', 'lmstudio') });
    expect(servers).toEqual([
      { preset: 'ollama', name: 'Ollama', baseUrl: mock.baseUrl('ollama'), models: ['llama3.2', 'qwen2.5-coder:7b', 'gemma3:4b', 'llama3.2:1b'], listed: expect.any(Array) },
      { preset: 'lmstudio', name: 'LM Studio', baseUrl: mock.baseUrl('openai', 'lmstudio'), models: expect.arrayContaining(['gpt-4o-mini', 'meta-llama-3.1-8b-instruct']), listed: expect.any(Array) },
    ]);
    // With the windows each server tells: Ollama's /api/show, LM Studio's REST API.
    expect(servers[0]!.listed.find((m) => m.id === 'llama3.2:1b')?.contextLength).toBe(131_072);
    expect(servers[1]!.listed.find((m) => m.id === 'gemma-3-270m-it-qat')?.contextLength).toBe(4_096);
  });

  it('reports nothing, quickly, when nothing listens', async () => {
    const started = Date.now();
    expect(await detectLocalServers(fetch, { ollama: 'http://127.0.0.1:9', lmstudio: 'http://127.0.0.1:9/v1' }, 500)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
