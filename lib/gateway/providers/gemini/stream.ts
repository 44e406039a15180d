import { parseEventJson, sseEvents } from '../shared/streams';
import type { StreamPart, TokenUsage } from '../types';
import { geminiCallId, geminiFinishReason, GeminiResponse, mapGeminiUsage } from './response';

/** streamGenerateContent?alt=sse: every event is a partial GenerateContentResponse. */
export async function* parseGeminiStream(body: ReadableStream<Uint8Array>): AsyncIterable<StreamPart> {
  let usage: TokenUsage | undefined;
  let modelSent = false;
  let toolCount = 0;
  let finish: StreamPart | undefined;

  for await (const sse of sseEvents(body)) {
    const response = GeminiResponse.parse(parseEventJson(sse.data));
    if (response.error) {
      const e = response.error as { message?: string; status?: string; code?: number };
      yield { type: 'error', message: e.message ?? JSON.stringify(response.error), code: e.status, status: e.code };
      return;
    }
    if (!modelSent && response.modelVersion) {
      modelSent = true;
      yield { type: 'model', model: response.modelVersion };
    }
    if (response.usageMetadata) usage = mapGeminiUsage(response.usageMetadata);
    const candidate = response.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.functionCall) {
        yield {
          type: 'tool-call',
          index: toolCount++,
          id: geminiCallId(part.functionCall.id),
          name: part.functionCall.name,
          arguments: JSON.stringify(part.functionCall.args ?? {}),
        };
      } else if (part.text) {
        yield { type: part.thought ? 'reasoning' : 'text', text: part.text };
      }
    }
    if (candidate?.finishReason) finish = { type: 'finish', reason: geminiFinishReason(candidate.finishReason, toolCount > 0) };
    else if (!candidate && response.promptFeedback?.blockReason) finish = { type: 'finish', reason: 'content_filter' };
  }
  if (usage) yield { type: 'usage', usage };
  if (finish) yield finish;
}
