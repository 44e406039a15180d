import * as z from 'zod/mini';
import { later } from '../validation/later';
import { REASONING_EFFORTS, ReasoningDetail, ReasoningParam } from './reasoning';

/** The OpenAI Chat Completions request as Switchyard accepts it, plus OpenRouter's routing extras. */

/**
 * The request schemas, built when first needed: about 230 zod constructions that a cold worker
 * would otherwise make before it can take its first message (see prepareChatSchemas).
 */
function buildSchemas() {
  /** Anthropic's cache breakpoint, as Anthropic and OpenRouter take it on a content part. */
  const CacheControl = z.object({ type: z.literal('ephemeral'), ttl: z.optional(z.enum(['5m', '1h'])) });

  const TextPart = z.object({ type: z.literal('text'), text: z.string(), cache_control: z.optional(CacheControl) });
  const ImagePart = z.object({
    type: z.literal('image_url'),
    image_url: z.object({ url: z.string().check(z.minLength(1)), detail: z.optional(z.enum(['auto', 'low', 'high'])) }),
    cache_control: z.optional(CacheControl),
  });
  /** A document (a PDF, or plain text) as OpenAI's chat takes files: a data URL, or an http(s) URL to fetch. */
  const FilePart = z.object({
    type: z.literal('file'),
    file: z.object({ filename: z.optional(z.string()), file_data: z.optional(z.string().check(z.minLength(1))), file_id: z.optional(z.string()) }),
    cache_control: z.optional(CacheControl),
  });
  const ContentPart = z.discriminatedUnion('type', [TextPart, ImagePart, FilePart]);

  const Content = z.union([z.string(), z.array(ContentPart)]);

  // What most requests leave out is built when a request first carries it.
  const ToolCall = later(() =>
    z.object({
      id: z.string(),
      type: z._default(z.literal('function'), 'function'),
      function: z.object({ name: z.string(), arguments: z.string() }),
    }),
  );

  const ChatMessage = z.discriminatedUnion('role', [
    z.object({ role: z.literal('system'), content: Content, name: z.optional(z.string()) }),
    z.object({ role: z.literal('developer'), content: Content, name: z.optional(z.string()) }),
    z.object({ role: z.literal('user'), content: Content, name: z.optional(z.string()) }),
    z.object({
      role: z.literal('assistant'),
      content: z.nullish(Content),
      name: z.optional(z.string()),
      tool_calls: z.optional(z.array(ToolCall)),
      reasoning: z.nullish(z.string()),
      /** What the provider needs back to go on from this turn (thinking signatures, encrypted reasoning). */
      reasoning_details: z.nullish(z.array(ReasoningDetail)),
    }),
    z.object({ role: z.literal('tool'), content: Content, tool_call_id: z.string() }),
  ]);

  const Tool = later(() =>
    z.object({
      type: z.literal('function'),
      function: z.object({
        name: z.string().check(z.regex(/^[a-zA-Z0-9_-]{1,64}$/, 'tool names are 1-64 letters, digits, _ or -')),
        description: z.optional(z.string()),
        parameters: z.optional(z.record(z.string(), z.unknown())),
        strict: z.nullish(z.boolean()),
      }),
    }),
  );

  const ToolChoice = later(() =>
    z.union([z.enum(['none', 'auto', 'required']), z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) })]),
  );

  const ResponseFormat = later(() =>
    z.discriminatedUnion('type', [
      z.object({ type: z.literal('text') }),
      z.object({ type: z.literal('json_object') }),
      z.object({
        type: z.literal('json_schema'),
        json_schema: z.object({
          name: z.string(),
          description: z.optional(z.string()),
          schema: z.optional(z.record(z.string(), z.unknown())),
          strict: z.nullish(z.boolean()),
        }),
      }),
    ]),
  );

  const ProviderPreferences = later(() =>
    z.object({
      order: z.optional(z.array(z.string())),
      only: z.optional(z.array(z.string())),
      ignore: z.optional(z.array(z.string())),
      allow_fallbacks: z.optional(z.boolean()),
      sort: z.optional(z.enum(['price', 'latency', 'throughput'])),
      max_price: z.optional(z.object({ prompt: z.optional(z.number().check(z.nonnegative())), completion: z.optional(z.number().check(z.nonnegative())) })),
    }),
  );

  const ChatRequest = z.looseObject({
    model: z.string().check(z.minLength(1, 'model is required')),
    messages: z.array(ChatMessage).check(z.minLength(1, 'messages must hold at least one message')),
    stream: z.nullish(z.boolean()),
    stream_options: z.nullish(z.object({ include_usage: z.optional(z.boolean()) })),
    temperature: z.nullish(z.number().check(z.minimum(0), z.maximum(2))),
    top_p: z.nullish(z.number().check(z.minimum(0), z.maximum(1))),
    max_tokens: z.nullish(z.int().check(z.positive())),
    max_completion_tokens: z.nullish(z.int().check(z.positive())),
    stop: z.nullish(z.union([z.string(), z.array(z.string()).check(z.maxLength(16))])),
    seed: z.nullish(z.int()),
    n: z.nullish(z.int().check(z.positive())),
    presence_penalty: z.nullish(z.number().check(z.minimum(-2), z.maximum(2))),
    frequency_penalty: z.nullish(z.number().check(z.minimum(-2), z.maximum(2))),
    tools: z.nullish(z.array(Tool)),
    tool_choice: z.nullish(ToolChoice),
    parallel_tool_calls: z.nullish(z.boolean()),
    response_format: z.nullish(ResponseFormat),
    reasoning_effort: z.nullish(z.enum(REASONING_EFFORTS)),
    reasoning: z.nullish(ReasoningParam),
    user: z.nullish(z.string()),
    models: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(10))),
    provider: z.optional(ProviderPreferences),
    /** Switchyard's per-request limits, in milliseconds. */
    timeouts: z.optional(
      later(() =>
        z.object({
          connect_ms: z.optional(z.int().check(z.nonnegative())),
          first_token_ms: z.optional(z.int().check(z.nonnegative())),
          idle_ms: z.optional(z.int().check(z.nonnegative())),
          total_ms: z.optional(z.int().check(z.nonnegative())),
        }),
      ),
    ),
  });
  return { CacheControl, TextPart, ImagePart, FilePart, ContentPart, Content, ToolCall, ChatMessage, Tool, ToolChoice, ResponseFormat, ProviderPreferences, ChatRequest };
}

type ChatSchemas = ReturnType<typeof buildSchemas>;
let built: ChatSchemas | undefined;
/** Builds the request schemas now: the worker does it in the task after its start-up code (ChatRequest builds them on first use otherwise). */
export const prepareChatSchemas = (): ChatSchemas => (built ??= buildSchemas());

export const ChatRequest = z.lazy(() => prepareChatSchemas().ChatRequest);
export const ProviderPreferences = z.lazy(() => prepareChatSchemas().ProviderPreferences);
export type CacheControl = z.infer<ChatSchemas['CacheControl']>;
export type ContentPart = z.infer<ChatSchemas['ContentPart']>;
export type ToolCall = z.infer<ChatSchemas['ToolCall']>;
export type ChatMessage = z.infer<ChatSchemas['ChatMessage']>;
export type Tool = z.infer<ChatSchemas['Tool']>;
export type ToolChoice = z.infer<ChatSchemas['ToolChoice']>;
export type ResponseFormat = z.infer<ChatSchemas['ResponseFormat']>;
export type ProviderPreferences = z.infer<ChatSchemas['ProviderPreferences']>;
export type ChatRequest = z.infer<ChatSchemas['ChatRequest']>;

/** Fields Switchyard itself reads; the rest of an OpenAI-compatible body may pass through. */
export const GATEWAY_ONLY_FIELDS = ['models', 'provider', 'stream_options', 'timeouts', 'web_search_options', 'plugins'] as const;

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens?: number };
  completion_tokens_details: { reasoning_tokens: number };
  cost: number;
  /** USD prompt caching saved on this request (negative when it only wrote to the cache). */
  cache_discount?: number;
  /** Web searches the provider ran for the answer, and what they cost (included in `cost`). */
  server_tool_use?: { web_search_requests: number };
  search_cost?: number;
}

/** A source an answer cites, as OpenAI's chat completions give it: the cited span of the content, by character. */
export interface UrlCitationAnnotation {
  type: 'url_citation';
  url_citation: { url: string; title: string; start_index: number; end_index: number };
}

export interface AssistantMessage {
  role: 'assistant';
  content: string | null;
  reasoning?: string;
  reasoning_details?: ReasoningDetail[];
  tool_calls?: ToolCall[];
  annotations?: UrlCitationAnnotation[];
  refusal: null;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  provider: string;
  choices: { index: 0; message: AssistantMessage; finish_reason: FinishReason; logprobs: null }[];
  usage: Usage;
}

export interface ChunkDelta {
  role?: 'assistant';
  content?: string;
  reasoning?: string;
  reasoning_details?: ReasoningDetail[];
  tool_calls?: { index: number; id?: string; type?: 'function'; function: { name?: string; arguments?: string } }[];
  annotations?: UrlCitationAnnotation[];
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  provider: string;
  choices: { index: 0; delta: ChunkDelta; finish_reason: FinishReason | null; logprobs: null }[];
  usage?: Usage;
}
