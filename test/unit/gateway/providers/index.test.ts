import { describe, expect, it } from 'vitest';
import { EMBEDDING_KINDS, loadAdapter } from '../../../../lib/gateway/providers';
import { ProviderKind } from '../../../../lib/vault/schema';

describe('adapters loaded on first use', () => {
  it('gives every provider kind its own adapter, the same object each time', async () => {
    const adapters = await Promise.all(ProviderKind.options.map((kind) => loadAdapter(kind)));
    expect(new Set(adapters).size).toBe(ProviderKind.options.length);
    for (const kind of ProviderKind.options) expect(await loadAdapter(kind)).toBe(adapters[ProviderKind.options.indexOf(kind)]);
    expect(await loadAdapter('openai-responses')).not.toBe(await loadAdapter('openai'));
  });

  it('knows which kinds have an embeddings endpoint without loading them, as their adapters say', async () => {
    for (const kind of ProviderKind.options) {
      expect(EMBEDDING_KINDS.has(kind), kind).toBe(Boolean((await loadAdapter(kind)).embeddings));
    }
  });
});
