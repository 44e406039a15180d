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
      { preset: 'ollama', name: 'Ollama', baseUrl: mock.baseUrl('ollama'), models: ['llama3.2', 'qwen2.5-coder:7b', 'gemma3:4b'] },
      { preset: 'lmstudio', name: 'LM Studio', baseUrl: mock.baseUrl('openai', 'lmstudio'), models: expect.arrayContaining(['gpt-4o-mini']) },
    ]);
  });

  it('reports nothing, quickly, when nothing listens', async () => {
    const started = Date.now();
    expect(await detectLocalServers(fetch, { ollama: 'http://127.0.0.1:9', lmstudio: 'http://127.0.0.1:9/v1' }, 500)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
