import type { ChatRequest, FinishReason, ToolCall } from '../openai-schema';
import type { ReasoningDetail } from '../reasoning';
import type { EmbeddingInputs } from '../embeddings-schema';
import type { Pricing } from '../../catalog/schema';

export type ProviderKind = 'openai' | 'anthropic' | 'gemini' | 'ollama' | 'azure' | 'bedrock';

/** One configured provider: where it lives, how it speaks, and its key. */
export interface ProviderConfig {
  id: string;
  kind: ProviderKind;
  baseUrl: string;
  apiKey?: string;
  /** Extra headers sent with every request (OpenRouter's HTTP-Referer, a proxy's auth, …). */
  headers?: Record<string, string>;
  /** The catalog provider this config stands for, when its id differs (e.g. "work-openai" → "openai"). */
  preset?: string;
  /** Anthropic's API version header (2023-06-01 by default), or Azure OpenAI's api-version. */
  apiVersion?: string;
  /** Azure OpenAI: the resource's deployment name for each catalog model it serves. */
  deployments?: Record<string, string>;
  /** Amazon Bedrock: the AWS region (read from the endpoint when not set). */
  region?: string;
  /** Context windows the user set, by the provider's own model name. */
  contextWindows?: Record<string, number>;
  /** A local server's installed models, as last listed: it serves no others under a catalog id. */
  installed?: readonly string[];
  /** Limits for this provider, in milliseconds (a slow local model may need longer ones). */
  timeouts?: { connectMs?: number; firstTokenMs?: number; idleMs?: number; totalMs?: number };
}

/** Token counts as every adapter reports them; prompt includes cached, completion includes reasoning. */
export interface TokenUsage {
  prompt: number;
  completion: number;
  cached: number;
  cacheWrite: number;
  reasoning: number;
  /** Web searches the provider ran (priced apart, per search or per request). */
  searches?: number;
}

export const emptyUsage = (): TokenUsage => ({ prompt: 0, completion: 0, cached: 0, cacheWrite: 0, reasoning: 0 });

/** A source the answer cites: the span of the answer's text (by character) it supports. */
export interface Citation {
  url: string;
  title: string;
  start: number;
  end: number;
}

/** A whole answer, mapped from the provider's format. */
export interface NormalizedCompletion {
  model?: string;
  text: string | null;
  reasoning?: string;
  reasoningDetails?: ReasoningDetail[];
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: TokenUsage;
  /** Sources the answer cites, when the provider searched the web. */
  citations?: Citation[];
  /** The web searches the provider ran. */
  searchQueries?: string[];
}

/** One step of a streamed answer, mapped from the provider's stream. */
export type StreamPart =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  /** A finished reasoning entry (a signed thinking block, a thought signature) the client must send back. */
  | { type: 'reasoning-detail'; detail: ReasoningDetail }
  | { type: 'tool-call'; index: number; id?: string; name?: string; arguments?: string }
  /** A source for a span of the text streamed so far. */
  | { type: 'citation'; citation: Citation }
  /** A web search the provider ran. */
  | { type: 'search'; query: string }
  | { type: 'finish'; reason: FinishReason }
  | { type: 'usage'; usage: TokenUsage }
  | { type: 'model'; model: string }
  | { type: 'error'; message: string; code?: string; status?: number };

export interface UpstreamRequest {
  url: string;
  init: { method: 'POST' | 'GET'; headers: Record<string, string>; body?: string };
}

export interface CallContext {
  provider: ProviderConfig;
  /** The provider's own name for the model. */
  model: string;
  stream: boolean;
  fetch: typeof fetch;
  /** The prompt's size as the gateway counted it, for servers that size their window per request (Ollama). */
  promptTokens?: number;
  /** The model's context window, when it is known rather than assumed. */
  contextLength?: number;
}

export interface ProviderModel {
  id: string;
  name?: string;
  contextLength?: number;
  /** Its prices, when the provider lists them with its models (Groq does, as OpenRouter does). */
  pricing?: Pricing;
}

export interface ProviderErrorDetails {
  message: string;
  code?: string;
  /** The status the error really means, when the provider's own status misleads. */
  status?: number;
}

/** An embeddings request, as each wire format needs it. */
export interface EmbeddingCall {
  provider: ProviderConfig;
  /** The provider's own name for the model. */
  model: string;
  inputs: EmbeddingInputs;
  dimensions?: number;
}

/** Vectors in the order of the inputs; tokens when the provider counts them. */
export interface NormalizedEmbeddings {
  vectors: number[][];
  promptTokens?: number;
  model?: string;
}

/** The embeddings endpoint of a wire format that has one, request and response side by side. */
export interface EmbeddingAdapter {
  buildRequest(call: EmbeddingCall): UpstreamRequest | Promise<UpstreamRequest>;
  parseResponse(json: unknown, call: EmbeddingCall): NormalizedEmbeddings;
}

/** What every wire format implements: request mapping, response and stream mapping, errors, model list. */
export interface ProviderAdapter {
  /** Present for formats with an embeddings endpoint (OpenAI-compatible, Gemini, Ollama). */
  embeddings?: EmbeddingAdapter;
  kind: ProviderKind;
  buildRequest(request: ChatRequest, ctx: CallContext): Promise<UpstreamRequest>;
  parseResponse(json: unknown, ctx: CallContext): NormalizedCompletion;
  /** The answer's parts, in batches (one per network read). */
  parseStream(body: ReadableStream<Uint8Array>, ctx: CallContext): AsyncIterable<StreamPart[]>;
  parseError(status: number, bodyText: string): ProviderErrorDetails;
  listModels(provider: ProviderConfig, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<ProviderModel[]>;
}
