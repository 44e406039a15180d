import type { ProviderAdapter, ProviderConfig, ProviderKind, ProviderModel } from './types';

/** A wire format: a provider kind, or OpenAI's Responses API for the models only it serves. */
export type WireFormat = ProviderKind | 'openai-responses' | 'perplexity';

// Each adapter is initialised when a request first needs it (the worker's build inlines an
// import() as a lazy initialiser), so a cold worker answering an OpenAI chat does not
// evaluate Bedrock's signer and event-stream codec, or the other formats' schemas.
const LOADERS: Record<WireFormat, () => Promise<ProviderAdapter>> = {
  openai: async () => (await import('./openai')).openAiAdapter,
  'openai-responses': async () => (await import('./openai-responses')).openAiResponsesAdapter,
  perplexity: async () => (await import('./perplexity')).perplexityAdapter,
  anthropic: async () => (await import('./anthropic')).anthropicAdapter,
  gemini: async () => (await import('./gemini')).geminiAdapter,
  ollama: async () => (await import('./ollama')).ollamaAdapter,
  azure: async () => (await import('./azure')).azureAdapter,
  bedrock: async () => (await import('./bedrock')).bedrockAdapter,
};

const loaded = new Map<WireFormat, Promise<ProviderAdapter>>();

/** The adapter for a wire format, loaded on first use. */
export function loadAdapter(format: WireFormat): Promise<ProviderAdapter> {
  let adapter = loaded.get(format);
  if (!adapter) {
    adapter = LOADERS[format]();
    loaded.set(format, adapter);
    adapter.catch(() => loaded.delete(format));
  }
  return adapter;
}

/** Perplexity's preset speaks its Agent API (Sonar's chat completions were retired on September 27, 2026). */
export const isPerplexity = (provider: { id: string; preset?: string; kind: ProviderKind }) => provider.kind === 'openai' && (provider.preset ?? provider.id) === 'perplexity';

/** Provider kinds whose API has an embeddings endpoint (checked against the adapters by a test). */
export const EMBEDDING_KINDS: ReadonlySet<ProviderKind> = new Set(['openai', 'gemini', 'ollama', 'azure', 'bedrock']);

/** The models a provider lists at its own models endpoint. */
export async function listProviderModels(provider: ProviderConfig, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<ProviderModel[]> {
  return (await loadAdapter(isPerplexity(provider) ? 'perplexity' : provider.kind)).listModels(provider, fetchImpl, signal);
}
