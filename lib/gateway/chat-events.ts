import type { ChatCompletionChunk } from './openai-schema';
import { sseEventText } from './providers/shared/sse-text';

/** A chunk of the gateway's own chat stream, or the error event that ends one. */
export type ChatStreamEvent = ChatCompletionChunk & { error?: { code: string; message: string; type?: string } };

/**
 * The data of each event in the gateway's chat completion stream, in order; `null` when it ended
 * with [DONE]. The faces that serve other APIs (Responses, Messages) read their answer this way.
 */
export async function* chatEvents(body: ReadableStream<Uint8Array>): AsyncIterable<ChatStreamEvent | null> {
  for await (const text of sseEventText(body)) {
    for (const event of text.split('\n\n')) {
      const data = event
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (!data) continue;
      if (data === '[DONE]') return yield null;
      yield JSON.parse(data) as ChatStreamEvent;
    }
  }
}
