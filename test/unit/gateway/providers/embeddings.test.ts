import { describe, expect, it } from 'vitest';
import { float32Base64 } from '../../../../lib/gateway/embeddings-schema';
import { geminiEmbeddings } from '../../../../lib/gateway/providers/gemini/embeddings';
import { ollamaEmbeddings } from '../../../../lib/gateway/providers/ollama/embeddings';
import { openAiEmbeddings } from '../../../../lib/gateway/providers/openai/embeddings';
import type { EmbeddingCall } from '../../../../lib/gateway/providers/types';
import { fixtureJson } from '../../../support/fixtures';

const call = (kind: 'openai' | 'gemini' | 'ollama', model: string, texts: string[], dimensions?: number): EmbeddingCall => ({
  provider: { id: kind, kind, baseUrl: `https://host.test/${kind}/`, apiKey: 'k' },
  model,
  inputs: { texts },
  ...(dimensions ? { dimensions } : {}),
});

describe('OpenAI-compatible embeddings', () => {
  it('asks for floats at /embeddings with the dimensions wanted, and reads a recorded answer', async () => {
    const c = call('openai', 'text-embedding-3-small', ['a', 'b'], 256);
    const upstream = await openAiEmbeddings.buildRequest(c);
    expect(upstream.url).toBe('https://host.test/openai/embeddings');
    expect(upstream.init.headers.authorization).toBe('Bearer k');
    expect(JSON.parse(upstream.init.body!)).toEqual({ model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float', dimensions: 256 });
    expect(openAiEmbeddings.parseResponse(fixtureJson('openai/embeddings.json'), c)).toEqual({
      vectors: [[0.0023064255, -0.009327292, -0.0028842222]],
      promptTokens: 8,
      model: 'text-embedding-ada-002',
    });
  });

  it('puts vectors in input order and decodes base64 ones from hosts that send them anyway', async () => {
    const c = call('openai', 'm', ['a', 'b']);
    const json = { data: [{ index: 1, embedding: float32Base64([0.5, -1]) }, { index: 0, embedding: [0.25] }] };
    expect(openAiEmbeddings.parseResponse(json, c).vectors).toEqual([[0.25], [0.5, -1]]);
  });
});

describe('Gemini embeddings', () => {
  it('sends one request per text to batchEmbedContents with outputDimensionality, and reads a recorded answer', async () => {
    const c = call('gemini', 'gemini-embedding-001', ['a', 'b'], 768);
    const upstream = await geminiEmbeddings.buildRequest(c);
    expect(upstream.url).toBe('https://host.test/gemini/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(upstream.init.headers['x-goog-api-key']).toBe('k');
    expect(JSON.parse(upstream.init.body!)).toEqual({
      requests: ['a', 'b'].map((text) => ({ model: 'models/gemini-embedding-001', content: { parts: [{ text }] }, outputDimensionality: 768 })),
    });
    const parsed = geminiEmbeddings.parseResponse(fixtureJson('gemini/embeddings.json'), c);
    expect(parsed.vectors).toHaveLength(2);
    expect(parsed.vectors[0]![0]).toBe(0.008624583);
    expect(parsed.promptTokens).toBeUndefined();
  });

  it('refuses token arrays, which Gemini cannot take', async () => {
    await expect(async () => geminiEmbeddings.buildRequest({ ...call('gemini', 'gemini-embedding-001', []), inputs: { tokens: [[1, 2]] } })).rejects.toThrow(/token arrays/);
  });
});

describe('Ollama embeddings', () => {
  it('sends the texts to /api/embed and reads a recorded answer with its token count', async () => {
    const c = call('ollama', 'all-minilm', ['Why is the sky blue?']);
    const upstream = await ollamaEmbeddings.buildRequest(c);
    expect(upstream.url).toBe('https://host.test/ollama/api/embed');
    expect(JSON.parse(upstream.init.body!)).toEqual({ model: 'all-minilm', input: ['Why is the sky blue?'] });
    const parsed = ollamaEmbeddings.parseResponse(fixtureJson('ollama/embeddings.json'), c);
    expect(parsed.vectors[0]).toHaveLength(10);
    expect(parsed.promptTokens).toBe(8);
  });
});
