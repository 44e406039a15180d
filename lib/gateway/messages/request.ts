import { badRequest } from '../errors';
import { KNOWN_BLOCKS, type MessagesContentBlock, type MessagesMessage, type MessagesRequest, type MessagesTool, type OtherBlock } from './schema';
import { detailsOf } from './reasoning-blocks';

type Part = Record<string, unknown>;
type ChatMessage = Record<string, unknown>;
type AnyBlock = MessagesContentBlock | OtherBlock;

/** The extras OpenRouter-style clients add (fallback chain, provider preferences), carried as they are. */
const CARRIED = ['models', 'provider', 'timeouts'] as const;

const known = (block: AnyBlock): block is MessagesContentBlock => KNOWN_BLOCKS.has(block.type);
const blocksOf = (content: MessagesMessage['content']): MessagesContentBlock[] => (typeof content === 'string' ? [{ type: 'text', text: content }] : content.filter(known));

function withCache(part: Part, block: { cache_control?: unknown }): Part {
  return block.cache_control ? { ...part, cache_control: block.cache_control } : part;
}

/** A document as a chat part: text as text, a PDF (inline or by URL) as a file the provider reads. */
function documentPart(block: Extract<MessagesContentBlock, { type: 'document' }>): Part {
  const { source } = block;
  const titled = (text: string) => withCache({ type: 'text', text: block.title ? `${block.title}\n\n${text}` : text }, block);
  if (source.type === 'text') return titled(source.data);
  if (source.type === 'content') return titled(typeof source.content === 'string' ? source.content : source.content.map((b) => b.text ?? '').filter(Boolean).join('\n\n'));
  const data = source.type === 'base64' ? `data:${source.media_type};base64,${source.data}` : source.url;
  return withCache({ type: 'file', file: { ...(block.title ? { filename: block.title } : {}), file_data: data } }, block);
}

/** A text, image or document block as a chat content part. */
function contentPart(block: MessagesContentBlock): Part | undefined {
  if (block.type === 'text') return withCache({ type: 'text', text: block.text }, block);
  if (block.type === 'image') {
    const url = block.source.type === 'base64' ? `data:${block.source.media_type};base64,${block.source.data}` : block.source.url;
    return withCache({ type: 'image_url', image_url: { url } }, block);
  }
  if (block.type === 'document') return documentPart(block);
  return undefined;
}

/** Text parts alone become one string, as most providers take a system prompt or a tool's output best. */
function flatten(parts: Part[]): string | Part[] {
  return parts.every((p) => p.type === 'text' && !p.cache_control) ? parts.map((p) => p.text as string).join('\n\n') : parts;
}

function toolResultContent(block: Extract<MessagesContentBlock, { type: 'tool_result' }>): string | Part[] {
  const note = block.is_error ? 'The tool reported an error:\n' : '';
  if (typeof block.content === 'string' || block.content === undefined) return note + (block.content ?? '');
  // A block of another kind (a tool_reference from Claude Code's tool search) goes as its JSON.
  const parts = block.content.map((b): Part => (known(b) ? contentPart(b)! : { type: 'text', text: JSON.stringify(b) }));
  const content = flatten(parts);
  if (typeof content === 'string') return note + content;
  return note ? [{ type: 'text', text: note.trimEnd() }, ...content] : content;
}

function userMessages(message: MessagesMessage): ChatMessage[] {
  if (typeof message.content === 'string') return [{ role: 'user', content: message.content }];
  const blocks = blocksOf(message.content);
  // Tool results answer the calls of the turn before, so they come first, each its own message.
  const out: ChatMessage[] = blocks.flatMap((b) => (b.type === 'tool_result' ? [{ role: 'tool', tool_call_id: b.tool_use_id, content: toolResultContent(b) }] : []));
  const parts = blocks.flatMap((b) => (b.type === 'tool_result' ? [] : [contentPart(b)].filter((p): p is Part => p !== undefined)));
  if (parts.length) out.push({ role: 'user', content: parts });
  return out;
}

function systemMessage(content: MessagesMessage['content'] | Extract<MessagesContentBlock, { type: 'text' }>[]): ChatMessage | undefined {
  if (typeof content === 'string') return content ? { role: 'system', content } : undefined;
  const parts = blocksOf(content).flatMap((b) => (b.type === 'text' ? [withCache({ type: 'text', text: b.text }, b)] : []));
  return parts.length ? { role: 'system', content: flatten(parts) } : undefined;
}

function assistantMessage(message: MessagesMessage): ChatMessage {
  if (typeof message.content === 'string') return { role: 'assistant', content: message.content };
  const blocks = blocksOf(message.content);
  const texts = blocks.flatMap((b) => (b.type === 'text' ? [b] : []));
  const calls = blocks.flatMap((b) => (b.type === 'tool_use' ? [b] : []));
  const details = blocks.flatMap((b) =>
    b.type === 'thinking' ? detailsOf({ type: 'thinking', thinking: b.thinking, signature: b.signature ?? '' }) : b.type === 'redacted_thinking' ? detailsOf({ type: 'redacted_thinking', data: b.data }) : [],
  );
  const cached = texts.some((b) => b.cache_control);
  return {
    role: 'assistant',
    content: texts.length === 0 ? null : cached ? texts.map((b) => withCache({ type: 'text', text: b.text }, b)) : texts.map((b) => b.text).join(''),
    ...(calls.length ? { tool_calls: calls.map((b) => ({ id: b.id, type: 'function', function: { name: b.name, arguments: JSON.stringify(b.input ?? {}) } })) } : {}),
    ...(details.length ? { reasoning_details: details } : {}),
  };
}

/** Tools the client runs become functions; Anthropic's server tools (dated types) are left out, and named. */
export function splitTools(tools: MessagesTool[] | undefined): { functions: Part[]; leftOut: string[]; search?: Part } {
  const functions: Part[] = [];
  const leftOut: string[] = [];
  let search: Part | undefined;
  for (const tool of tools ?? []) {
    if (tool.defer_loading) continue;
    // Anthropic's web search tool runs as the answering model's own search, wherever it has one.
    if (tool.type?.startsWith('web_search_')) {
      search = searchFields(tool as MessagesTool & { max_uses?: unknown; user_location?: unknown });
      continue;
    }
    if (tool.type && tool.type !== 'custom') {
      leftOut.push(tool.name);
      continue;
    }
    functions.push({
      type: 'function',
      function: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), parameters: tool.input_schema ?? { type: 'object', properties: {} } },
    });
  }
  return { functions, leftOut, ...(search ? { search } : {}) };
}

/** A web search tool as chat's web search fields: its search options, and its most searches as the web plugin's. */
function searchFields(tool: { max_uses?: unknown; user_location?: unknown }): Part {
  const location = tool.user_location && typeof tool.user_location === 'object' ? (({ type: _t, ...rest }) => rest)(tool.user_location as Record<string, unknown>) : undefined;
  return {
    web_search_options: location ? { user_location: { type: 'approximate', approximate: location } } : {},
    ...(typeof tool.max_uses === 'number' ? { plugins: [{ id: 'web', max_results: tool.max_uses }] } : {}),
  };
}

function toolChoice(request: MessagesRequest): Part {
  const choice = request.tool_choice;
  if (!choice) return {};
  const mapped = choice.type === 'any' ? 'required' : choice.type === 'tool' ? { type: 'function', function: { name: choice.name ?? '' } } : choice.type;
  return { tool_choice: mapped, ...(choice.disable_parallel_tool_use ? { parallel_tool_calls: false } : {}) };
}

const EFFORTS: Record<string, string> = { low: 'low', medium: 'medium', high: 'high', max: 'high' };

function reasoning(request: MessagesRequest): Part {
  const thinking = request.thinking;
  if (thinking?.type === 'disabled') return { reasoning: { enabled: false } };
  if (thinking?.type === 'enabled' && thinking.budget_tokens) return { reasoning: { max_tokens: thinking.budget_tokens } };
  const effort = EFFORTS[request.output_config?.effort ?? ''];
  if (effort) return { reasoning: { effort } };
  return thinking ? { reasoning: { enabled: true } } : {};
}

/**
 * A Messages request as the gateway's chat completion request, and the tools it had to leave out.
 * metadata.user_id stays here: Claude Code fills it with device and session ids, which are no
 * provider's business.
 */
export function toChatRequest(request: MessagesRequest): { body: Record<string, unknown>; leftOut: string[] } {
  const messages: ChatMessage[] = [];
  const system = request.system === undefined ? undefined : systemMessage(request.system);
  if (system) messages.push(system);
  for (const message of request.messages) {
    if (message.role === 'user') messages.push(...userMessages(message));
    else if (message.role === 'assistant') messages.push(assistantMessage(message));
    else {
      const between = systemMessage(message.content);
      if (between) messages.push(between);
    }
  }
  if (!messages.some((m) => m.role !== 'system')) throw badRequest('messages: at least one message is required', 'messages');
  const { functions, leftOut, search } = splitTools(request.tools);
  const raw = request as Record<string, unknown>;
  const body: Record<string, unknown> = {
    model: request.model,
    messages,
    max_tokens: request.max_tokens,
    stream: request.stream === true,
    ...(request.stream ? { stream_options: { include_usage: true } } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.top_p !== undefined ? { top_p: request.top_p } : {}),
    ...(request.stop_sequences?.length ? { stop: request.stop_sequences } : {}),
    ...(functions.length ? { tools: functions, ...toolChoice(request) } : {}),
    ...reasoning(request),
    ...search,
    ...Object.fromEntries(CARRIED.flatMap((key) => (raw[key] !== undefined ? [[key, raw[key]]] : []))),
  };
  return { body, leftOut };
}
