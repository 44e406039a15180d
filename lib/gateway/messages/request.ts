import { badRequest } from '../errors';
import type { MessagesContentBlock, MessagesMessage, MessagesRequest, MessagesTool } from './schema';
import { detailsOf } from './reasoning-blocks';

type Part = Record<string, unknown>;
type ChatMessage = Record<string, unknown>;

/** The extras OpenRouter-style clients add (fallback chain, provider preferences), carried as they are. */
const CARRIED = ['models', 'provider', 'timeouts'] as const;

function withCache(part: Part, block: { cache_control?: unknown }): Part {
  return block.cache_control ? { ...part, cache_control: block.cache_control } : part;
}

function documentPart(block: Extract<MessagesContentBlock, { type: 'document' }>): Part {
  const { source } = block;
  if (source.type === 'text') return withCache({ type: 'text', text: block.title ? `${block.title}\n\n${source.data}` : source.data }, block);
  throw badRequest(
    'Switchyard passes documents on as text: send a PDF as text blocks (or a text document source); PDF and URL document sources are not supported yet.',
    'messages.content.source',
  );
}

/** A user message's text, image and document blocks as chat content parts. */
function userPart(block: MessagesContentBlock): Part | undefined {
  if (block.type === 'text') return withCache({ type: 'text', text: block.text }, block);
  if (block.type === 'image') {
    const url = block.source.type === 'base64' ? `data:${block.source.media_type};base64,${block.source.data}` : block.source.url;
    return withCache({ type: 'image_url', image_url: { url } }, block);
  }
  if (block.type === 'document') return documentPart(block);
  return undefined;
}

function toolResultContent(block: Extract<MessagesContentBlock, { type: 'tool_result' }>): string | Part[] {
  const note = block.is_error ? 'The tool reported an error:\n' : '';
  if (typeof block.content === 'string' || block.content === undefined) return note + (block.content ?? '');
  const parts = block.content.map((b) => userPart(b)!).filter(Boolean);
  if (parts.every((p) => p.type === 'text')) return note + parts.map((p) => p.text as string).join('\n');
  return note ? [{ type: 'text', text: note.trimEnd() }, ...parts] : parts;
}

function userMessages(message: MessagesMessage): ChatMessage[] {
  if (typeof message.content === 'string') return [{ role: 'user', content: message.content }];
  // Tool results answer the calls of the turn before, so they come first, each its own message.
  const results = message.content.filter((b) => b.type === 'tool_result');
  const out: ChatMessage[] = results.map((b) => ({ role: 'tool', tool_call_id: b.tool_use_id, content: toolResultContent(b) }));
  const parts = message.content.flatMap((b) => (b.type === 'tool_result' ? [] : [userPart(b)].filter((p): p is Part => p !== undefined)));
  if (parts.length) out.push({ role: 'user', content: parts });
  return out;
}

function assistantMessage(message: MessagesMessage): ChatMessage {
  if (typeof message.content === 'string') return { role: 'assistant', content: message.content };
  const texts = message.content.filter((b) => b.type === 'text');
  const calls = message.content.filter((b) => b.type === 'tool_use');
  const details = message.content.flatMap((b) => (b.type === 'thinking' ? detailsOf({ type: 'thinking', thinking: b.thinking, signature: b.signature ?? '' }) : b.type === 'redacted_thinking' ? detailsOf({ type: 'redacted_thinking', data: b.data }) : []));
  const cached = texts.some((b) => b.cache_control);
  return {
    role: 'assistant',
    content: texts.length === 0 ? null : cached ? texts.map((b) => withCache({ type: 'text', text: b.text }, b)) : texts.map((b) => b.text).join(''),
    ...(calls.length ? { tool_calls: calls.map((b) => ({ id: b.id, type: 'function', function: { name: b.name, arguments: JSON.stringify(b.input ?? {}) } })) } : {}),
    ...(details.length ? { reasoning_details: details } : {}),
  };
}

/** Tools the client runs become functions; Anthropic's server tools (dated types) are left out, and named. */
export function splitTools(tools: MessagesTool[] | undefined): { functions: Part[]; leftOut: string[] } {
  const functions: Part[] = [];
  const leftOut: string[] = [];
  for (const tool of tools ?? []) {
    if (tool.type && tool.type !== 'custom') {
      leftOut.push(tool.name);
      continue;
    }
    functions.push({
      type: 'function',
      function: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), parameters: tool.input_schema ?? { type: 'object', properties: {} } },
    });
  }
  return { functions, leftOut };
}

function toolChoice(request: MessagesRequest): Part {
  const choice = request.tool_choice;
  if (!choice) return {};
  const mapped = choice.type === 'any' ? 'required' : choice.type === 'tool' ? { type: 'function', function: { name: choice.name ?? '' } } : choice.type;
  return { tool_choice: mapped, ...(choice.disable_parallel_tool_use ? { parallel_tool_calls: false } : {}) };
}

function reasoning(request: MessagesRequest): Part {
  const thinking = request.thinking;
  if (!thinking) return {};
  if (thinking.type === 'disabled') return { reasoning: { enabled: false } };
  if (thinking.type === 'enabled' && thinking.budget_tokens) return { reasoning: { max_tokens: thinking.budget_tokens } };
  return { reasoning: { enabled: true } };
}

/** A Messages request as the gateway's chat completion request, and the tools it had to leave out. */
export function toChatRequest(request: MessagesRequest): { body: Record<string, unknown>; leftOut: string[] } {
  const messages: ChatMessage[] = [];
  if (typeof request.system === 'string' && request.system) messages.push({ role: 'system', content: request.system });
  if (Array.isArray(request.system) && request.system.length) {
    // Blocks matter only for their cache breakpoints; without any, the system prompt is one text.
    const cached = request.system.some((b) => b.cache_control);
    messages.push({ role: 'system', content: cached ? request.system.map((b) => withCache({ type: 'text', text: b.text }, b)) : request.system.map((b) => b.text).join('\n\n') });
  }
  for (const message of request.messages) {
    if (message.role === 'user') messages.push(...userMessages(message));
    else messages.push(assistantMessage(message));
  }
  if (!messages.some((m) => m.role !== 'system')) throw badRequest('messages: at least one message is required', 'messages');
  const { functions, leftOut } = splitTools(request.tools);
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
    ...(request.metadata?.user_id ? { user: request.metadata.user_id } : {}),
    ...(functions.length ? { tools: functions, ...toolChoice(request) } : {}),
    ...reasoning(request),
    ...Object.fromEntries(CARRIED.flatMap((key) => (raw[key] !== undefined ? [[key, raw[key]]] : []))),
  };
  return { body, leftOut };
}
