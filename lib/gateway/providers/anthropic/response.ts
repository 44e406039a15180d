import * as z from 'zod/mini';
import type { FinishReason, ToolCall } from '../../openai-schema';
import type { Citation, NormalizedCompletion, TokenUsage } from '../types';
import { REASONING_FORMATS, type ReasoningDetail } from '../../reasoning';
import { JSON_TOOL } from './request';

export const AnthropicUsage = z.looseObject({
  input_tokens: z.nullish(z.number()),
  output_tokens: z.nullish(z.number()),
  cache_creation_input_tokens: z.nullish(z.number()),
  cache_read_input_tokens: z.nullish(z.number()),
  output_tokens_details: z.nullish(z.looseObject({ thinking_tokens: z.nullish(z.number()) })),
  server_tool_use: z.nullish(z.looseObject({ web_search_requests: z.nullish(z.number()) })),
});

/** A text block's citation of a search result. */
export const AnthropicCitation = z.looseObject({ type: z.string(), url: z.nullish(z.string()), title: z.nullish(z.string()) });
type AnthropicUsage = z.infer<typeof AnthropicUsage>;

const AnthropicMessage = z.looseObject({
  model: z.nullish(z.string()),
  content: z.array(
    z.looseObject({
      type: z.string(),
      text: z.optional(z.string()),
      thinking: z.optional(z.string()),
      signature: z.optional(z.string()),
      data: z.optional(z.string()),
      id: z.optional(z.string()),
      name: z.optional(z.string()),
      input: z.optional(z.unknown()),
      citations: z.nullish(z.array(AnthropicCitation)),
    }),
  ),
  stop_reason: z.nullish(z.string()),
  usage: z.nullish(AnthropicUsage),
});

const STOP_REASONS: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

export function anthropicFinishReason(reason: string | null | undefined, jsonMode: boolean): FinishReason {
  const mapped = (reason && STOP_REASONS[reason]) || 'stop';
  return jsonMode && mapped === 'tool_calls' ? 'stop' : mapped;
}

/** Claude's input_tokens leave out cache reads and writes; OpenAI's prompt_tokens count them. */
export function mapAnthropicUsage(usage: AnthropicUsage | null | undefined, previous?: TokenUsage): TokenUsage {
  const cached = usage?.cache_read_input_tokens ?? previous?.cached ?? 0;
  const cacheWrite = usage?.cache_creation_input_tokens ?? previous?.cacheWrite ?? 0;
  const input = usage?.input_tokens ?? (previous ? previous.prompt - previous.cached - previous.cacheWrite : 0);
  return {
    prompt: input + cached + cacheWrite,
    completion: usage?.output_tokens ?? previous?.completion ?? 0,
    cached,
    cacheWrite,
    reasoning: usage?.output_tokens_details?.thinking_tokens ?? previous?.reasoning ?? 0,
    ...((usage?.server_tool_use?.web_search_requests ?? previous?.searches) ? { searches: usage?.server_tool_use?.web_search_requests ?? previous?.searches } : {}),
  };
}

/** The web search results a text block cites, as citations of its span of the answer. */
export function blockCitations(citations: z.infer<typeof AnthropicCitation>[] | null | undefined, start: number, end: number): Citation[] {
  return (citations ?? []).flatMap((c) => (c.type === 'web_search_result_location' && c.url ? [{ url: c.url, title: c.title ?? c.url, start, end }] : []));
}

/** A thinking block as a reasoning entry the client sends back: Claude checks its signature. */
export function thinkingDetail(thinking: string, signature: string | undefined, index: number): ReasoningDetail {
  return { type: 'reasoning.text', text: thinking, ...(signature ? { signature } : {}), format: REASONING_FORMATS.anthropic, index };
}

export function redactedDetail(data: string, index: number): ReasoningDetail {
  return { type: 'reasoning.encrypted', data, format: REASONING_FORMATS.anthropic, index };
}

export function parseAnthropicResponse(json: unknown): NormalizedCompletion {
  const message = AnthropicMessage.parse(json);
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  const details: ReasoningDetail[] = [];
  const citations: Citation[] = [];
  const queries: string[] = [];
  let jsonMode = false;
  for (const block of message.content) {
    if (block.type === 'text') {
      const start = text.length;
      text += block.text ?? '';
      citations.push(...blockCitations(block.citations, start, text.length));
    } else if (block.type === 'server_tool_use' && block.name === 'web_search') {
      const query = (block.input as { query?: unknown } | undefined)?.query;
      if (typeof query === 'string') queries.push(query);
    }
    else if (block.type === 'thinking') {
      reasoning += block.thinking ?? '';
      details.push(thinkingDetail(block.thinking ?? '', block.signature, details.length));
    } else if (block.type === 'redacted_thinking' && block.data) details.push(redactedDetail(block.data, details.length));
    else if (block.type === 'tool_use' && block.name === JSON_TOOL) {
      jsonMode = true;
      text += JSON.stringify(block.input ?? {});
    } else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id ?? `toolu_${toolCalls.length}`,
        type: 'function',
        function: { name: block.name ?? '', arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  return {
    model: message.model ?? undefined,
    text: text || (toolCalls.length > 0 ? null : ''),
    ...(reasoning ? { reasoning } : {}),
    ...(details.length ? { reasoningDetails: details } : {}),
    toolCalls,
    finishReason: anthropicFinishReason(message.stop_reason, jsonMode),
    usage: mapAnthropicUsage(message.usage),
    ...(citations.length ? { citations } : {}),
    ...(queries.length ? { searchQueries: queries } : {}),
  };
}
