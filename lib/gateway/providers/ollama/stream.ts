import { jsonLines } from '../shared/streams';
import type { StreamPart } from '../types';
import { mapOllamaUsage, OllamaMessage, ollamaFinishReason, ollamaToolCalls } from './response';

/** /api/chat with stream: true answers one JSON object per line; the last has done: true and the counts. */
export async function* parseOllamaStream(body: ReadableStream<Uint8Array>): AsyncIterable<StreamPart> {
  let modelSent = false;
  let toolCount = 0;
  for await (const line of jsonLines(body)) {
    const message = OllamaMessage.parse(line);
    if (message.error) {
      yield { type: 'error', message: message.error };
      return;
    }
    if (!modelSent && message.model) {
      modelSent = true;
      yield { type: 'model', model: message.model };
    }
    if (message.message?.thinking) yield { type: 'reasoning', text: message.message.thinking };
    if (message.message?.content) yield { type: 'text', text: message.message.content };
    for (const call of ollamaToolCalls(message)) {
      yield { type: 'tool-call', index: toolCount++, id: call.id, name: call.function.name, arguments: call.function.arguments };
    }
    if (message.done) {
      yield { type: 'usage', usage: mapOllamaUsage(message) };
      yield { type: 'finish', reason: ollamaFinishReason(message.done_reason, toolCount > 0) };
      return;
    }
  }
}
