import type { ChatMessage, ChatRequest } from './openai-schema';
import { documentTokens } from './documents';
import { imageTokens } from './image-size';
import { contentText } from './providers/shared/content';
import { approximateCounter, type TokenCounter } from './tokenizer';

const PER_MESSAGE_OVERHEAD = 4;

/** The prompt's size in tokens: messages, tool calls, tool definitions and images. */
export function estimatePromptTokens(
  messages: ChatMessage[],
  counter: TokenCounter = approximateCounter,
  tools?: ChatRequest['tools'],
): number {
  let total = 3;
  for (const message of messages) {
    total += PER_MESSAGE_OVERHEAD + counter.count(contentText(message.content));
    if (Array.isArray(message.content)) {
      for (const part of message.content) total += part.type === 'image_url' ? imageTokens(part.image_url.url) : part.type === 'file' ? documentTokens(part) : 0;
    }
    if (message.role === 'assistant') {
      for (const call of message.tool_calls ?? []) total += counter.count(call.function.name + call.function.arguments);
    }
  }
  if (tools?.length) total += counter.count(JSON.stringify(tools));
  return total;
}
