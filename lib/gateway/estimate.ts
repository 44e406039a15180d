import type { ChatMessage, ChatRequest } from './openai-schema';
import { contentText } from './providers/shared/content';
import { approximateCounter, type TokenCounter } from './tokenizer';

const PER_MESSAGE_OVERHEAD = 4;
const PER_IMAGE = 765;

/** The prompt's size in tokens: messages, tool calls, tool definitions and images. */
export function estimatePromptTokens(
  messages: ChatMessage[],
  counter: TokenCounter = approximateCounter,
  tools?: ChatRequest['tools'],
): number {
  let total = 3;
  for (const message of messages) {
    total += PER_MESSAGE_OVERHEAD + counter.count(contentText(message.content));
    if (Array.isArray(message.content)) total += message.content.filter((p) => p.type === 'image_url').length * PER_IMAGE;
    if (message.role === 'assistant') {
      for (const call of message.tool_calls ?? []) total += counter.count(call.function.name + call.function.arguments);
    }
  }
  if (tools?.length) total += counter.count(JSON.stringify(tools));
  return total;
}
