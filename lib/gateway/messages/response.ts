import type { ChatCompletion, FinishReason, ToolCall, Usage } from '../openai-schema';
import type { ReasoningDetail } from '../reasoning';
import { blockOf, type ThinkingBlock } from './reasoning-blocks';
import { citedTextBlocks, searchBlocks } from './web-search';

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal' | 'pause_turn';

export interface MessagesUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  server_tool_use?: { web_search_requests: number };
}

type ContentBlock = ThinkingBlock | { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown } | Record<string, unknown>;

export interface Message {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  usage: MessagesUsage;
}

export const messageId = (chatId: string) => `msg_${chatId.replace(/^chatcmpl-/, '')}`;

/** Anthropic counts cache reads and writes apart from the input: input_tokens is what was neither. */
export function messagesUsage(usage: Usage | undefined): MessagesUsage {
  if (!usage) return { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  const written = usage.prompt_tokens_details?.cache_write_tokens ?? 0;
  return {
    input_tokens: Math.max(0, usage.prompt_tokens - cached - written),
    output_tokens: usage.completion_tokens,
    cache_creation_input_tokens: written,
    cache_read_input_tokens: cached,
    ...(usage.server_tool_use ? { server_tool_use: usage.server_tool_use } : {}),
  };
}

export function stopReason(finish: FinishReason | null | undefined): StopReason {
  if (finish === 'length') return 'max_tokens';
  if (finish === 'tool_calls') return 'tool_use';
  if (finish === 'content_filter') return 'refusal';
  return 'end_turn';
}

/** A tool call's arguments as the input object Anthropic's clients expect (a string that is not JSON stays a string's value). */
export function toolInput(args: string): unknown {
  if (!args.trim()) return {};
  try {
    return JSON.parse(args) as unknown;
  } catch {
    return { input: args };
  }
}

/** The thinking a message shows: the provider's details where it gave them, else its reasoning text, unsigned. */
export function thinkingBlocks(details: ReasoningDetail[] | undefined, reasoning: string | undefined): ThinkingBlock[] {
  if (details?.length) return details.map(blockOf);
  return reasoning ? [{ type: 'thinking', thinking: reasoning, signature: '' }] : [];
}

const toolUse = (call: ToolCall): ContentBlock => ({ type: 'tool_use', id: call.id, name: call.function.name, input: toolInput(call.function.arguments) });

/** A whole chat completion as a Message. */
export function fromChatCompletion(chat: ChatCompletion): Message {
  const choice = chat.choices[0];
  const message = choice?.message;
  const annotations = message?.annotations ?? [];
  const searches = chat.usage?.server_tool_use?.web_search_requests ?? 0;
  const queries = (chat as { switchyard?: { search_queries?: string[] } }).switchyard?.search_queries ?? [];
  const content: ContentBlock[] = [
    ...thinkingBlocks(message?.reasoning_details, message?.reasoning),
    ...(searches || queries.length ? searchBlocks(queries, searches, annotations, chat.id.replace(/^chatcmpl-/, '')) : []),
    ...(message?.content ? (annotations.length ? citedTextBlocks(message.content, annotations) : [{ type: 'text' as const, text: message.content }]) : []),
    ...(message?.tool_calls ?? []).map(toolUse),
  ];
  return {
    id: messageId(chat.id),
    type: 'message',
    role: 'assistant',
    model: chat.model,
    content,
    stop_reason: stopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: messagesUsage(chat.usage),
  };
}
