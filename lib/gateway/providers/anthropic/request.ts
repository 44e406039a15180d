import { badRequest, unsupported } from '../../errors';
import type { ChatMessage, ChatRequest, ContentPart, ToolChoice } from '../../openai-schema';
import { contentParts, maxTokens, parseToolArguments, stopList, systemText } from '../shared/content';
import { parseDataUrl } from '../shared/images';
import type { FilePart } from '../../documents';
import { searchWish } from '../../web-search';
import type { CallContext, ProviderConfig, UpstreamRequest } from '../types';
import { detailsOf, EFFORT_BUDGET, REASONING_FORMATS, reasoningWish, type ReasoningDetail } from '../../reasoning';

export const ANTHROPIC_VERSION = '2023-06-01';
/** The tool Switchyard adds to get a JSON answer out of Claude for response_format. */
export const JSON_TOOL = 'json_response';
const DEFAULT_MAX_TOKENS = 4096;
/** Claude's smallest thinking budget. */
const MIN_THINKING_BUDGET = 1024;

type Block = Record<string, unknown>;
interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: Block[];
}

export function anthropicHeaders(provider: ProviderConfig): Record<string, string> {
  return {
    'content-type': 'application/json',
    'anthropic-version': provider.apiVersion ?? ANTHROPIC_VERSION,
    // Calls come from the extension's service worker, which Anthropic treats as a browser.
    'anthropic-dangerous-direct-browser-access': 'true',
    ...(provider.apiKey ? { 'x-api-key': provider.apiKey } : {}),
    ...provider.headers,
  };
}

/** A PDF or plain-text document as Claude reads it: inline, or by its URL. */
function documentBlock(part: FilePart): Block {
  const source = part.file.file_data ?? '';
  const title = part.file.filename ? { title: part.file.filename } : {};
  const inline = parseDataUrl(source);
  if (inline?.mimeType.startsWith('text/')) return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: new TextDecoder().decode(Uint8Array.from(atob(inline.data), (c) => c.charCodeAt(0))) }, ...title };
  if (inline) return { type: 'document', source: { type: 'base64', media_type: inline.mimeType, data: inline.data }, ...title };
  if (/^https?:\/\//i.test(source)) return { type: 'document', source: { type: 'url', url: source }, ...title };
  throw badRequest('A document must be a base64 data: URL or an http(s) URL (Claude takes no file ids from elsewhere).', 'messages');
}

function partToBlock(part: ContentPart): Block | undefined {
  const cache = part.cache_control ? { cache_control: part.cache_control } : {};
  if (part.type === 'text') return part.text ? { type: 'text', text: part.text, ...cache } : undefined;
  if (part.type === 'file') return { ...documentBlock(part), ...cache };
  const inline = parseDataUrl(part.image_url.url);
  if (inline) return { type: 'image', source: { type: 'base64', media_type: inline.mimeType, data: inline.data }, ...cache };
  if (/^https?:\/\//i.test(part.image_url.url)) return { type: 'image', source: { type: 'url', url: part.image_url.url }, ...cache };
  throw badRequest('Image URLs must be http(s) or base64 data: URLs.', 'messages');
}

/** The system prompt: one string, or text blocks when a client marked a cache breakpoint in it. */
function systemOf(messages: ChatMessage[]): string | Block[] | undefined {
  const system = messages.filter((m) => m.role === 'system' || m.role === 'developer');
  const marked = system.some((m) => Array.isArray(m.content) && m.content.some((p) => p.cache_control));
  if (!marked) return systemText(messages) || undefined;
  return system.flatMap((m) => blocksOf(m.content).filter((b) => b.type === 'text'));
}

function blocksOf(content: string | ContentPart[] | null | undefined): Block[] {
  const blocks: Block[] = [];
  for (const part of contentParts(content)) {
    const block = partToBlock(part);
    if (block) blocks.push(block);
  }
  return blocks;
}

/** Claude's own thinking blocks, signed, from the entries a client sent back. */
function thinkingBlocks(details: ReasoningDetail[] | null | undefined): Block[] {
  const blocks: Block[] = [];
  for (const detail of detailsOf(details, REASONING_FORMATS.anthropic)) {
    if (detail.type === 'reasoning.text' && detail.signature) blocks.push({ type: 'thinking', thinking: detail.text ?? '', signature: detail.signature });
    else if (detail.type === 'reasoning.encrypted' && detail.data && !detail.id) blocks.push({ type: 'redacted_thinking', data: detail.data });
  }
  return blocks;
}

function toBlocks(message: ChatMessage, thinking: boolean): { role: 'user' | 'assistant'; blocks: Block[] } | undefined {
  switch (message.role) {
    case 'system':
    case 'developer':
      return undefined;
    case 'user':
      return { role: 'user', blocks: blocksOf(message.content) };
    case 'assistant': {
      // Thinking goes first, as Claude wrote it; without thinking on, Claude takes none.
      const blocks = [...(thinking ? thinkingBlocks(message.reasoning_details) : []), ...blocksOf(message.content)];
      for (const call of message.tool_calls ?? []) {
        blocks.push({
          type: 'tool_use',
          id: call.id,
          name: call.function.name,
          input: parseToolArguments(call.function.arguments, call.function.name),
        });
      }
      return { role: 'assistant', blocks };
    }
    case 'tool': {
      const content = blocksOf(message.content);
      return { role: 'user', blocks: [{ type: 'tool_result', tool_use_id: message.tool_call_id, content }] };
    }
  }
}

/** Claude wants alternating user/assistant turns starting with the user: merge neighbours. */
export function toAnthropicMessages(messages: ChatMessage[], thinking = false): AnthropicMessage[] {
  const out: AnthropicMessage[] = [];
  for (const message of messages) {
    const mapped = toBlocks(message, thinking);
    if (!mapped || mapped.blocks.length === 0) continue;
    const last = out.at(-1);
    if (last && last.role === mapped.role) {
      // Tool results must come first in a user turn.
      last.content =
        mapped.role === 'user' && mapped.blocks[0]?.type === 'tool_result'
          ? [...last.content.filter((b) => b.type === 'tool_result'), ...mapped.blocks, ...last.content.filter((b) => b.type !== 'tool_result')]
          : [...last.content, ...mapped.blocks];
    } else {
      out.push({ role: mapped.role, content: mapped.blocks });
    }
  }
  if (out[0]?.role !== 'user') out.unshift({ role: 'user', content: [{ type: 'text', text: '(continue)' }] });
  return out;
}

function toolChoice(choice: ToolChoice | null | undefined, parallel: boolean | null | undefined): Block | undefined {
  const disable = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice == null) return parallel === false ? { type: 'auto', ...disable } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...disable };
  if (choice === 'required') return { type: 'any', ...disable };
  return { type: 'tool', name: choice.function.name, ...disable };
}

/**
 * Claude in a tool loop with thinking on wants its last assistant turn to start with the signed
 * thinking block it wrote. A client that did not keep it gets that step without thinking, which
 * Claude allows ("to avoid this requirement, disable thinking").
 */
function lastToolTurnLacksThinking(messages: AnthropicMessage[]): boolean {
  const last = messages.findLast((m) => m.role === 'assistant');
  if (!last || !last.content.some((b) => b.type === 'tool_use')) return false;
  const first = last.content[0]?.type;
  return first !== 'thinking' && first !== 'redacted_thinking';
}

/** The `thinking` setting for a request's reasoning wish, with max_tokens raised to leave room for the answer. */
export function thinkingFor(request: ChatRequest, provider: string): { budget: number; maxTokens: number } | undefined {
  const wish = reasoningWish(request);
  if (!wish?.on || (!wish.effort && wish.maxTokens === undefined && request.reasoning?.enabled !== true)) return undefined;
  const budget = Math.max(MIN_THINKING_BUDGET, wish.maxTokens ?? EFFORT_BUDGET[wish.effort ?? 'medium']);
  if (request.temperature != null && request.temperature !== 1) {
    throw badRequest(`${provider} takes no temperature while it thinks: leave temperature out (or 1) with ${wish.param}.`, 'temperature');
  }
  if (request.top_p != null && request.top_p < 0.95) {
    throw badRequest(`${provider} takes top_p only from 0.95 to 1 while it thinks.`, 'top_p');
  }
  const asked = maxTokens(request);
  // max_tokens counts thinking and answer together, and must exceed the budget.
  return { budget, maxTokens: asked !== undefined && asked > budget ? asked : budget + (asked ?? DEFAULT_MAX_TOKENS) };
}

export async function buildAnthropicRequest(request: ChatRequest, ctx: CallContext): Promise<UpstreamRequest> {
  const provider = ctx.provider.id;
  if (request.temperature != null && request.temperature > 1) {
    throw badRequest(`${provider} accepts a temperature between 0 and 1.`, 'temperature');
  }
  if ((request.n ?? 1) > 1) throw unsupported(provider, 'n > 1');

  const format = request.response_format;
  const jsonMode = Boolean(format && format.type !== 'text');
  // Claude cannot think while its answer is forced through the JSON tool.
  let thinking = jsonMode ? undefined : thinkingFor(request, provider);
  let messages = toAnthropicMessages(request.messages, thinking !== undefined);
  if (thinking && lastToolTurnLacksThinking(messages)) {
    thinking = undefined;
    messages = toAnthropicMessages(request.messages, false);
  }

  const body: Record<string, unknown> = {
    model: ctx.model,
    max_tokens: thinking?.maxTokens ?? maxTokens(request) ?? DEFAULT_MAX_TOKENS,
    messages,
  };
  const system = systemOf(request.messages);
  if (system) body.system = system;
  if (request.temperature != null) body.temperature = request.temperature;
  if (request.top_p != null) body.top_p = request.top_p;
  const stop = stopList(request.stop);
  if (stop) body.stop_sequences = stop;
  if (request.user) body.metadata = { user_id: request.user };
  if (ctx.stream) body.stream = true;

  if (thinking) {
    const choice = request.tool_choice;
    if (choice === 'required' || (choice != null && typeof choice === 'object')) {
      throw unsupported(provider, 'a forced tool_choice while it thinks (only auto or none)', 'tool_choice');
    }
    body.thinking = { type: 'enabled', budget_tokens: thinking.budget };
    delete body.temperature;
  }

  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      name: tool.function.name,
      ...(tool.function.description ? { description: tool.function.description } : {}),
      input_schema: tool.function.parameters ?? { type: 'object', properties: {} },
    }));
    const choice = toolChoice(request.tool_choice, request.parallel_tool_calls);
    if (choice) body.tool_choice = choice;
  }

  const wish = searchWish(request);
  if (wish) {
    // Claude's own web search, a server tool it runs and cites from.
    const location = wish.userLocation ? { user_location: { type: 'approximate', ...wish.userLocation } } : {};
    body.tools = [...((body.tools as Block[] | undefined) ?? []), { type: 'web_search_20250305', name: 'web_search', max_uses: wish.maxUses ?? 5, ...location }];
  }

  if (format && format.type !== 'text') {
    if (request.tools?.length) throw unsupported(provider, 'response_format together with tools');
    const schema = format.type === 'json_schema' ? format.json_schema.schema : undefined;
    body.tools = [
      {
        name: JSON_TOOL,
        description: format.type === 'json_schema' ? (format.json_schema.description ?? `Respond with ${format.json_schema.name}.`) : 'Respond with a JSON object.',
        input_schema: schema ?? { type: 'object', additionalProperties: true },
      },
    ];
    body.tool_choice = { type: 'tool', name: JSON_TOOL };
  }

  return {
    url: `${ctx.provider.baseUrl.replace(/\/+$/, '')}/v1/messages`,
    init: { method: 'POST', headers: anthropicHeaders(ctx.provider), body: JSON.stringify(body) },
  };
}
