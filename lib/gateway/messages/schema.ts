import * as z from 'zod/mini';

/**
 * The Anthropic Messages API request as Switchyard serves it on top of any provider
 * (https://docs.anthropic.com/en/api/messages): text, images and PDFs, tools and their results,
 * thinking handed back with its signature, cache_control breakpoints, system blocks. Fields the
 * gateway has no use for (service_tier, container, context_management…) pass unread.
 */

const CacheControl = z.looseObject({ type: z.literal('ephemeral'), ttl: z.optional(z.enum(['5m', '1h'])) });

const TextBlock = z.looseObject({ type: z.literal('text'), text: z.string(), cache_control: z.nullish(CacheControl) });
const Base64Source = z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() });
const UrlSource = z.looseObject({ type: z.literal('url'), url: z.string() });
const TextSource = z.looseObject({ type: z.literal('text'), media_type: z.optional(z.string()), data: z.string() });
const ImageBlock = z.looseObject({ type: z.literal('image'), source: z.discriminatedUnion('type', [Base64Source, UrlSource]), cache_control: z.nullish(CacheControl) });
/** A document written as blocks of its own (Anthropic's "custom content" documents). */
const ContentSource = z.looseObject({ type: z.literal('content'), content: z.union([z.string(), z.array(z.looseObject({ type: z.string(), text: z.optional(z.string()) }))]) });
const DocumentBlock = z.looseObject({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [Base64Source, UrlSource, TextSource, ContentSource]),
  title: z.nullish(z.string()),
  cache_control: z.nullish(CacheControl),
});
const ToolUseBlock = z.looseObject({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.unknown(), cache_control: z.nullish(CacheControl) });
/**
 * A block of a kind Switchyard does not map: Anthropic's server tool blocks (server_tool_use,
 * web_search_tool_result…), tool_reference blocks Claude Code's tool search returns, and kinds
 * newer than this code. They are read, not refused.
 */
const OtherBlock = z.looseObject({ type: z.string() });
export type OtherBlock = z.infer<typeof OtherBlock>;

const ToolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.optional(z.union([z.string(), z.array(z.union([z.discriminatedUnion('type', [TextBlock, ImageBlock, DocumentBlock]), OtherBlock]))])),
  is_error: z.nullish(z.boolean()),
  cache_control: z.nullish(CacheControl),
});
const ThinkingBlock = z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.nullish(z.string()) });
const RedactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

const KnownBlock = z.discriminatedUnion('type', [TextBlock, ImageBlock, DocumentBlock, ToolUseBlock, ToolResultBlock, ThinkingBlock, RedactedThinkingBlock]);
export type MessagesContentBlock = z.infer<typeof KnownBlock>;
export const KNOWN_BLOCKS: ReadonlySet<string> = new Set(['text', 'image', 'document', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking']);
const ContentBlock = z.union([KnownBlock, OtherBlock]);

/** A turn; Claude Code also sends system messages between them (its environment, reminders). */
const Message = z.looseObject({
  role: z.enum(['user', 'assistant', 'system']),
  content: z.union([z.string(), z.array(ContentBlock)]),
});
export type MessagesMessage = z.infer<typeof Message>;

/** A tool the client runs (`custom`, or untyped as most clients send it); Anthropic's server tools carry a dated type. */
const Tool = z.looseObject({
  type: z.nullish(z.string()),
  name: z.string().check(z.minLength(1)),
  description: z.nullish(z.string()),
  input_schema: z.optional(z.record(z.string(), z.unknown())),
  cache_control: z.nullish(CacheControl),
  /** Loaded only when the model searches for it (Claude Code's tool search): not offered up front. */
  defer_loading: z.optional(z.boolean()),
});
export type MessagesTool = z.infer<typeof Tool>;

const ToolChoice = z.looseObject({
  type: z.enum(['auto', 'any', 'tool', 'none']),
  name: z.optional(z.string()),
  disable_parallel_tool_use: z.optional(z.boolean()),
});

const Thinking = z.looseObject({
  type: z.enum(['enabled', 'disabled', 'adaptive']),
  budget_tokens: z.optional(z.int().check(z.positive())),
});

export const MessagesRequest = z.looseObject({
  model: z.string().check(z.minLength(1, 'model: Field required')),
  max_tokens: z.int().check(z.positive('max_tokens: must be greater than or equal to 1')),
  messages: z.array(Message),
  system: z.optional(z.union([z.string(), z.array(TextBlock)])),
  stop_sequences: z.optional(z.array(z.string())),
  stream: z.optional(z.boolean()),
  temperature: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
  top_p: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
  top_k: z.optional(z.int().check(z.nonnegative())),
  metadata: z.optional(z.looseObject({ user_id: z.nullish(z.string()) })),
  tools: z.optional(z.array(Tool)),
  tool_choice: z.optional(ToolChoice),
  thinking: z.optional(Thinking),
  /** How hard the model should think (with adaptive thinking): low, medium, high or max. */
  output_config: z.optional(z.looseObject({ effort: z.optional(z.string()) })),
});
export type MessagesRequest = z.infer<typeof MessagesRequest>;

/** POST /v1/messages/count_tokens takes the same request without max_tokens. */
export const CountTokensRequest = z.looseObject({
  ...MessagesRequest.shape,
  max_tokens: z.optional(z.int().check(z.positive())),
});
