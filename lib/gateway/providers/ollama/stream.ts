import { jsonLineParts, type PartHandler } from '../shared/streams';
import type { StreamPart } from '../types';
import { mapOllamaUsage, OllamaMessage, ollamaFinishReason, ollamaToolCalls } from './response';

/** /api/chat with stream: true answers one JSON object per line; the last has done: true and the counts. */
export function ollamaParts(): PartHandler<unknown> {
  let modelSent = false;
  let toolCount = 0;
  return {
    event(line, out) {
      const message = OllamaMessage.parse(line);
      if (message.error) {
        out.push({ type: 'error', message: message.error });
        return true;
      }
      if (!modelSent && message.model) {
        modelSent = true;
        out.push({ type: 'model', model: message.model });
      }
      if (message.message?.thinking) out.push({ type: 'reasoning', text: message.message.thinking });
      if (message.message?.content) out.push({ type: 'text', text: message.message.content });
      for (const call of ollamaToolCalls(message)) {
        out.push({ type: 'tool-call', index: toolCount++, id: call.id, name: call.function.name, arguments: call.function.arguments });
      }
      if (message.done) {
        out.push({ type: 'usage', usage: mapOllamaUsage(message) });
        out.push({ type: 'finish', reason: ollamaFinishReason(message.done_reason, toolCount > 0) });
        return true;
      }
      return false;
    },
  };
}

export function parseOllamaStream(body: ReadableStream<Uint8Array>): AsyncIterable<StreamPart[]> {
  return jsonLineParts(body, ollamaParts());
}
