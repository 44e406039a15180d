import type { ChatMessage } from './openai-schema';
import { contentText } from './providers/shared/content';

/** A quick token estimate: about four characters a token, plus a few per message for the wrapping. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

const PER_MESSAGE_OVERHEAD = 4;
const PER_IMAGE = 765;

export function estimatePromptTokens(messages: ChatMessage[]): number {
  let total = 3;
  for (const message of messages) {
    total += PER_MESSAGE_OVERHEAD + estimateTokens(contentText(message.content));
    if (Array.isArray(message.content)) total += message.content.filter((p) => p.type === 'image_url').length * PER_IMAGE;
    if (message.role === 'assistant') {
      for (const call of message.tool_calls ?? []) total += estimateTokens(call.function.name + call.function.arguments);
    }
  }
  return total;
}
