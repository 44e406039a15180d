import { unsupported } from '../../errors';
import { searchWish } from '../../web-search';
import { hoistToolMedia } from '../shared/tool-media';
import type { ChatMessage, ChatRequest } from '../../openai-schema';
import { effortForBudget, REASONING_FORMATS, reasoningWish } from '../../reasoning';
import { contentParts, contentText, maxTokens } from '../shared/content';
import type { CallContext, UpstreamRequest } from '../types';
import { openAiHeaders, trimSlash } from '../openai/request';

type Item = Record<string, unknown>;

/** One chat message as Responses input items (an assistant turn may become several). */
function inputItems(message: ChatMessage): Item[] {
  if (message.role === 'system' || message.role === 'developer') return [{ role: 'developer', content: contentText(message.content) }];
  if (message.role === 'tool') return [{ type: 'function_call_output', call_id: message.tool_call_id, output: contentText(message.content) }];
  if (message.role === 'user') {
    const content = contentParts(message.content).map((part) => {
      if (part.type === 'text') return { type: 'input_text', text: part.text };
      if (part.type === 'file') return { type: 'input_file', ...(part.file.filename ? { filename: part.file.filename } : {}), ...(part.file.file_data?.startsWith('data:') ? { file_data: part.file.file_data } : { file_url: part.file.file_data }) };
      return { type: 'input_image', image_url: part.image_url.url, detail: part.image_url.detail ?? 'auto' };
    });
    return [{ role: 'user', content }];
  }
  const items: Item[] = [];
  // Encrypted reasoning of an earlier turn goes back before that turn's message and calls.
  for (const detail of message.reasoning_details ?? []) {
    if (detail.type === 'reasoning.encrypted' && detail.data && detail.format === REASONING_FORMATS.openaiResponses) {
      items.push({ type: 'reasoning', ...(detail.id ? { id: detail.id } : {}), summary: [], encrypted_content: detail.data });
    }
  }
  const text = contentText(message.content ?? null);
  if (text) items.push({ role: 'assistant', content: text });
  for (const call of message.tool_calls ?? []) items.push({ type: 'function_call', call_id: call.id, name: call.function.name, arguments: call.function.arguments });
  return items;
}

function textFormat(format: ChatRequest['response_format']) {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { format: { type: 'json_object' } };
  const { name, description, schema, strict } = format.json_schema;
  return { format: { type: 'json_schema', name, schema: schema ?? {}, ...(description ? { description } : {}), ...(strict != null ? { strict } : {}) } };
}

/**
 * A chat request as OpenAI's Responses API takes it (https://platform.openai.com/docs/api-reference/responses/create),
 * for models served only there. Nothing is stored at OpenAI (store: false); reasoning comes back
 * encrypted, to be sent again with the next turn.
 */
export async function buildResponsesRequest(request: ChatRequest, ctx: CallContext): Promise<UpstreamRequest> {
  if (request.stop !== undefined && request.stop !== null) throw unsupported(ctx.provider.id, `stop sequences for ${ctx.model} (served only by the Responses API)`, 'stop');
  if (request.n && request.n > 1) throw unsupported(ctx.provider.id, `n > 1 for ${ctx.model} (served only by the Responses API)`, 'n');
  const wish = reasoningWish(request);
  const choice = request.tool_choice;
  const maxOutput = maxTokens(request);
  const search = searchWish(request);
  const functions = (request.tools ?? []).map(({ function: f }) => ({ type: 'function', name: f.name, ...(f.description ? { description: f.description } : {}), parameters: f.parameters ?? { type: 'object', properties: {} }, strict: f.strict ?? false }));
  // OpenAI's hosted web search, for a request that asks for search.
  const webSearch = search ? [{ type: 'web_search', ...(search.contextSize ? { search_context_size: search.contextSize } : {}), ...(search.userLocation ? { user_location: { type: 'approximate', ...search.userLocation } } : {}) }] : [];
  const optional: Record<string, unknown> = {
    tools: functions.length || webSearch.length ? [...functions, ...webSearch] : undefined,
    tool_choice: choice && typeof choice === 'object' ? { type: 'function', name: choice.function.name } : (choice ?? undefined),
    parallel_tool_calls: request.parallel_tool_calls ?? undefined,
    max_output_tokens: maxOutput,
    temperature: request.temperature ?? undefined,
    top_p: request.top_p ?? undefined,
    text: textFormat(request.response_format),
    reasoning: !wish ? undefined : !wish.on ? { effort: 'none' } : { effort: wish.effort ?? (wish.maxTokens ? effortForBudget(wish.maxTokens) : 'medium'), summary: 'auto' },
    user: request.user ?? undefined,
  };
  const body = {
    model: ctx.model,
    input: hoistToolMedia(request.messages).flatMap(inputItems),
    store: false,
    include: ['reasoning.encrypted_content'],
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    ...(ctx.stream ? { stream: true } : {}),
  };
  return { url: `${trimSlash(ctx.provider.baseUrl)}/responses`, init: { method: 'POST', headers: openAiHeaders(ctx.provider), body: JSON.stringify(body) } };
}
