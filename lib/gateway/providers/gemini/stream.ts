import type { EventSourceMessage } from 'eventsource-parser';
import { parseEventJson, sseParts, type PartHandler } from '../shared/streams';
import type { StreamPart, TokenUsage } from '../types';
import { geminiCallId, geminiFinishReason, GeminiResponse, mapGeminiUsage } from './response';

/** streamGenerateContent?alt=sse: every event is a partial GenerateContentResponse. */
export function geminiParts(): PartHandler<EventSourceMessage> {
  let usage: TokenUsage | undefined;
  let modelSent = false;
  let toolCount = 0;
  let finish: StreamPart | undefined;
  return {
    event(sse, out) {
      const response = GeminiResponse.parse(parseEventJson(sse.data));
      if (response.error) {
        const e = response.error as { message?: string; status?: string; code?: number };
        out.push({ type: 'error', message: e.message ?? JSON.stringify(response.error), code: e.status, status: e.code });
        return true;
      }
      if (!modelSent && response.modelVersion) {
        modelSent = true;
        out.push({ type: 'model', model: response.modelVersion });
      }
      if (response.usageMetadata) usage = mapGeminiUsage(response.usageMetadata);
      const candidate = response.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) {
        if (part.functionCall) {
          out.push({
            type: 'tool-call',
            index: toolCount++,
            id: geminiCallId(part.functionCall.id),
            name: part.functionCall.name,
            arguments: JSON.stringify(part.functionCall.args ?? {}),
          });
        } else if (part.text) {
          out.push({ type: part.thought ? 'reasoning' : 'text', text: part.text });
        }
      }
      if (candidate?.finishReason) finish = { type: 'finish', reason: geminiFinishReason(candidate.finishReason, toolCount > 0) };
      else if (!candidate && response.promptFeedback?.blockReason) finish = { type: 'finish', reason: 'content_filter' };
      return false;
    },
    // Gemini has no end event: the stream simply ends, and the last usage and reason stand.
    end(out) {
      if (usage) out.push({ type: 'usage', usage });
      if (finish) out.push(finish);
    },
  };
}

export function parseGeminiStream(body: ReadableStream<Uint8Array>): AsyncIterable<StreamPart[]> {
  return sseParts(body, geminiParts());
}
