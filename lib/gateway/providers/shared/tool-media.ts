import type { ChatMessage, ContentPart } from '../../openai-schema';
import { toolNamesById } from './content';

type ToolMessage = Extract<ChatMessage, { role: 'tool' }>;

/**
 * For formats whose tool results carry text only (OpenAI's chat, Gemini's function responses,
 * Ollama, Converse and Responses as mapped here): a tool result's images and documents (a
 * screenshot, a PDF Claude Code's Read tool returned) follow the run of tool messages in one user
 * message, each labelled with the call it answers, so the model still sees them and every
 * tool message stays right after the calls it answers.
 */
export function hoistToolMedia(messages: ChatMessage[]): ChatMessage[] {
  if (!messages.some((m) => m.role === 'tool' && Array.isArray(m.content) && m.content.some((p) => p.type !== 'text'))) return messages;
  const names = toolNamesById(messages);
  const out: ChatMessage[] = [];
  let held: ContentPart[] = [];
  const release = () => {
    if (held.length) out.push({ role: 'user', content: held });
    held = [];
  };
  for (const message of messages) {
    if (message.role !== 'tool') {
      release();
      out.push(message);
      continue;
    }
    out.push(textOnly(message));
    const media = Array.isArray(message.content) ? message.content.filter((p) => p.type !== 'text') : [];
    if (media.length) held.push({ type: 'text', text: `Attached to the result of ${names.get(message.tool_call_id) ?? 'the tool'} (call ${message.tool_call_id}):` }, ...media);
  }
  release();
  return out;
}

function textOnly(message: ToolMessage): ToolMessage {
  if (!Array.isArray(message.content)) return message;
  const texts = message.content.filter((p) => p.type === 'text');
  const moved = message.content.length - texts.length;
  if (moved === 0) return message;
  const text = texts.map((p) => p.text).join('\n');
  return { ...message, content: `${text}${text ? '\n' : ''}(${moved === 1 ? 'an attachment follows' : `${moved} attachments follow`} in the next message)` };
}
