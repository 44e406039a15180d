import { badRequest } from '../../errors';
import type { ChatMessage, ContentPart } from '../../openai-schema';

/** The text of a message's content; image parts are left out. */
export function contentText(content: string | ContentPart[] | null | undefined): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content
    .filter((part): part is Extract<ContentPart, { type: 'text' }> => part.type === 'text')
    .map((part) => part.text)
    .join('\n');
}

export function contentParts(content: string | ContentPart[] | null | undefined): ContentPart[] {
  if (content == null) return [];
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/** System and developer messages, in order, as one instruction text. */
export function systemText(messages: ChatMessage[]): string {
  return messages
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map((m) => contentText(m.content))
    .filter(Boolean)
    .join('\n\n');
}

export function parseToolArguments(json: string, toolName: string): Record<string, unknown> {
  if (json.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(json);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw badRequest(`The arguments of the assistant's call to tool "${toolName}" are not a JSON object.`, 'messages');
}

/** The name of the tool each earlier tool call went to, by call id (formats that key results by name need it). */
export function toolNamesById(messages: ChatMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const call of message.tool_calls ?? []) names.set(call.id, call.function.name);
  }
  return names;
}

export function stopList(stop: string | string[] | null | undefined): string[] | undefined {
  if (stop == null) return undefined;
  const list = typeof stop === 'string' ? [stop] : stop;
  return list.length > 0 ? list : undefined;
}

export function maxTokens(request: { max_tokens?: number | null; max_completion_tokens?: number | null }) {
  return request.max_completion_tokens ?? request.max_tokens ?? undefined;
}
