import type { ChatCompletion, FinishReason, ToolCall, UrlCitationAnnotation, Usage } from '../openai-schema';
import type { ReasoningDetail } from '../reasoning';
import { encodeReasoning } from './reasoning-items';
import type { ResponsesRequest } from './schema';
import { chatTools, customInput, type DeclaredTool } from './tools';

/** The Responses API's objects, as https://platform.openai.com/docs/api-reference/responses/object describes them. */

export type OutputItem =
  | { type: 'reasoning'; id: string; summary: { type: 'summary_text'; text: string }[]; encrypted_content?: string }
  | { type: 'message'; id: string; status: 'in_progress' | 'completed'; role: 'assistant'; content: { type: 'output_text'; text: string; annotations: ResponsesAnnotation[]; logprobs: [] }[] }
  | { type: 'web_search_call'; id: string; status: 'completed'; action: { type: 'search'; query: string; sources?: { type: 'url'; url: string }[] } }
  | { type: 'function_call'; id: string; call_id: string; name: string; namespace?: string; arguments: string; status: 'in_progress' | 'completed' }
  | { type: 'custom_tool_call'; id: string; call_id: string; name: string; namespace?: string; input: string; status: 'in_progress' | 'completed' };

/** A cited source, as the Responses API annotates output text. */
export interface ResponsesAnnotation {
  type: 'url_citation';
  url: string;
  title: string;
  start_index: number;
  end_index: number;
}

export const responsesAnnotation = (a: UrlCitationAnnotation): ResponsesAnnotation => ({ type: 'url_citation', url: a.url_citation.url, title: a.url_citation.title, start_index: a.url_citation.start_index, end_index: a.url_citation.end_index });

/**
 * The web searches the provider ran, as web_search_call items: one per query it reported (one
 * without a query when it only counted them), with the cited pages as sources when asked for.
 */
export function webSearchItems(responseId: string, queries: string[], count: number, annotations: ResponsesAnnotation[], request: ResponsesRequest, firstIndex: number): OutputItem[] {
  const list = queries.length ? queries : Array.from({ length: count }, () => '');
  const withSources = request.include?.includes('web_search_call.action.sources');
  const sources = [...new Set(annotations.map((a) => a.url))].map((url) => ({ type: 'url' as const, url }));
  return list.map((query, i) => ({
    type: 'web_search_call',
    id: `ws_${responseId.replace(/^resp_/, '')}_${firstIndex + i}`,
    status: 'completed',
    action: { type: 'search', query, ...(withSources ? { sources } : {}) },
  }));
}

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
  cost?: number;
}

export const itemId = (prefix: 'rs' | 'msg' | 'fc', responseId: string, index: number) => `${prefix}_${responseId.replace(/^resp_/, '')}_${index}`;

export function responsesUsage(usage: Usage): ResponsesUsage {
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: usage.prompt_tokens_details.cached_tokens, cache_write_tokens: usage.prompt_tokens_details.cache_write_tokens ?? 0 },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: usage.completion_tokens_details.reasoning_tokens },
    total_tokens: usage.total_tokens,
    cost: usage.cost,
  };
}

/** Where the answer stopped: a cut answer is "incomplete", with the reason. */
export function outcome(finish: FinishReason | null): { status: 'completed' | 'incomplete'; incomplete_details: { reason: string } | null } {
  if (finish === 'length') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (finish === 'content_filter') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

export function reasoningItem(id: string, text: string | undefined, details: ReasoningDetail[] | undefined): OutputItem {
  return { type: 'reasoning', id, summary: text ? [{ type: 'summary_text', text }] : [], ...(details?.length ? { encrypted_content: encodeReasoning(details) } : {}) };
}

/** A chat tool call as the item the client declared its tool as: a function (in its namespace, if any) or a custom tool's call. */
export function callItem(id: string, call: ToolCall, declared: Map<string, DeclaredTool>, status: 'in_progress' | 'completed' = 'completed'): OutputItem {
  const tool = declared.get(call.function.name);
  const named = { id, call_id: call.id, name: tool?.name ?? call.function.name, ...(tool?.namespace ? { namespace: tool.namespace } : {}) };
  if (tool?.custom) return { type: 'custom_tool_call', ...named, input: status === 'completed' ? customInput(call.function.arguments) : '', status };
  return { type: 'function_call', ...named, arguments: call.function.arguments, status };
}

/** Requests whose answers are kept (a stored endpoint marks them before answering). */
export const STORED = new WeakSet<ResponsesRequest>();

/** The response object around its output: what was asked echoed back, as OpenAI does. */
export function responseObject(
  request: ResponsesRequest,
  fields: { id: string; created: number; model: string; status: string; output: OutputItem[]; usage: ResponsesUsage | null; incomplete_details?: { reason: string } | null; error?: { code: string; message: string } | null },
  extra: Record<string, unknown> = {},
) {
  const raw = request as ResponsesRequest & Record<string, unknown>;
  const given = <T>(key: string, fallback: T): T => (raw[key] ?? fallback) as T;
  return {
    id: fields.id,
    object: 'response',
    created_at: fields.created,
    // The fields the Responses schema requires, each as this request had it or as OpenAI defaults it.
    completed_at: fields.status === 'completed' ? Math.max(fields.created, Math.floor(Date.now() / 1000)) : null,
    status: fields.status,
    error: fields.error ?? null,
    incomplete_details: fields.incomplete_details ?? null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: fields.model,
    output: fields.output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: { effort: request.reasoning?.effort ?? null, summary: null },
    // Kept only where the gateway has somewhere to keep it, and the request did not say no.
    store: request.store !== false && STORED.has(request),
    temperature: request.temperature ?? 1,
    presence_penalty: given('presence_penalty', 0),
    frequency_penalty: given('frequency_penalty', 0),
    top_logprobs: given('top_logprobs', 0),
    max_tool_calls: given<number | null>('max_tool_calls', null),
    background: false,
    service_tier: given('service_tier', 'default'),
    safety_identifier: given<string | null>('safety_identifier', null),
    prompt_cache_key: given<string | null>('prompt_cache_key', null),
    text: { format: request.text?.format ?? { type: 'text' } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: (request.tools ?? []).map((tool) => (tool.type === 'function' ? { ...tool, strict: (tool as { strict?: boolean | null }).strict ?? false } : tool)),
    top_p: request.top_p ?? 1,
    truncation: 'disabled',
    usage: fields.usage,
    // OpenAI's schema has user as a string when present; Open Responses does not ask for it.
    ...(request.user ? { user: request.user } : {}),
    metadata: request.metadata ?? {},
    ...extra,
  };
}

/** A whole chat completion as a Responses answer: reasoning, then the message, then function calls. */
export function fromChatCompletion(request: ResponsesRequest, chat: ChatCompletion & { switchyard?: unknown }) {
  const id = `resp_${chat.id.replace(/^chatcmpl-/, '')}`;
  const message = chat.choices[0]!.message;
  const output: OutputItem[] = [];
  const annotations = (message.annotations ?? []).map(responsesAnnotation);
  const searches = chat.usage.server_tool_use?.web_search_requests ?? 0;
  const queries = (chat.switchyard as { search_queries?: string[] } | undefined)?.search_queries ?? [];
  if (searches || queries.length) output.push(...webSearchItems(id, queries, searches, annotations, request, 0));
  if (message.reasoning || message.reasoning_details?.length) output.push(reasoningItem(itemId('rs', id, output.length), message.reasoning, message.reasoning_details));
  if (message.content) {
    output.push({ type: 'message', id: itemId('msg', id, output.length), status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: message.content, annotations, logprobs: [] }] });
  }
  const { declared } = chatTools(request);
  for (const call of message.tool_calls ?? []) output.push(callItem(itemId('fc', id, output.length), call, declared));
  const { status, incomplete_details } = outcome(chat.choices[0]!.finish_reason);
  return responseObject(
    request,
    { id, created: chat.created, model: chat.model, status, incomplete_details, output, usage: responsesUsage(chat.usage) },
    { provider: chat.provider, ...(chat.switchyard ? { switchyard: chat.switchyard } : {}) },
  );
}
