import type { EventSourceMessage } from 'eventsource-parser';
import { parseEventJson, sseParts, type PartHandler } from '../shared/streams';
import type { StreamPart, TokenUsage } from '../types';
import type * as z from 'zod/mini';
import { geminiCallId, geminiFinishReason, GeminiResponse, GeminiUsage, GroundingMetadata, groundingCitations, mapGeminiUsage, signatureDetail } from './response';

/**
 * The commonest event — one candidate, one text part, nothing else that matters except the
 * running usage Gemini sends with every event — checked by hand; every other event goes through zod.
 */
function plainText(json: unknown): { text: string; usage: unknown } | undefined {
  const r = json as { candidates?: unknown; usageMetadata?: unknown; error?: unknown; promptFeedback?: unknown } | null;
  if (typeof r !== 'object' || r === null || r.error !== undefined || r.promptFeedback !== undefined) return undefined;
  if (!Array.isArray(r.candidates) || r.candidates.length !== 1) return undefined;
  const candidate = r.candidates[0] as { content?: { parts?: unknown }; finishReason?: unknown } | null;
  if (typeof candidate !== 'object' || candidate === null || candidate.finishReason !== undefined || 'groundingMetadata' in candidate) return undefined;
  const parts = candidate.content?.parts;
  if (!Array.isArray(parts) || parts.length !== 1) return undefined;
  const part = parts[0] as Record<string, unknown> | null;
  if (typeof part !== 'object' || part === null || typeof part.text !== 'string') return undefined;
  for (const key in part) if (key !== 'text') return undefined;
  return { text: part.text, usage: r.usageMetadata };
}

/** streamGenerateContent?alt=sse: every event is a partial GenerateContentResponse. */
export function geminiParts(): PartHandler<EventSourceMessage> {
  let usage: TokenUsage | undefined;
  let lastUsage: unknown;
  let modelSent = false;
  let toolCount = 0;
  let signatures = 0;
  let finish: StreamPart | undefined;
  // The answer's text so far, and what grounding found: its citations index the whole text, at the end.
  let text = '';
  let grounding: z.infer<typeof GroundingMetadata> | undefined;
  return {
    event(sse, out) {
      const json = parseEventJson(sse.data);
      const plain = modelSent ? plainText(json) : undefined;
      if (plain) {
        // The running usage is only read once, at the end: the last one stands.
        if (plain.usage !== undefined && plain.usage !== null) lastUsage = plain.usage;
        if (plain.text) {
          text += plain.text;
          out.push({ type: 'text', text: plain.text });
        }
        return false;
      }
      const response = GeminiResponse.parse(json);
      if (response.error) {
        const e = response.error as { message?: string; status?: string; code?: number };
        out.push({ type: 'error', message: e.message ?? JSON.stringify(response.error), code: e.status, status: e.code });
        return true;
      }
      if (!modelSent && response.modelVersion) {
        modelSent = true;
        out.push({ type: 'model', model: response.modelVersion });
      }
      if (response.usageMetadata) {
        usage = mapGeminiUsage(response.usageMetadata);
        lastUsage = undefined;
      }
      const candidate = response.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) {
        let callId: string | undefined;
        if (part.functionCall) {
          callId = geminiCallId(part.functionCall.id);
          out.push({ type: 'tool-call', index: toolCount++, id: callId, name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) });
        } else if (part.text) {
          if (!part.thought) text += part.text;
          out.push({ type: part.thought ? 'reasoning' : 'text', text: part.text });
        }
        // A signature may come on a last part with empty text; it is kept all the same.
        if (part.thoughtSignature) out.push({ type: 'reasoning-detail', detail: signatureDetail(part.thoughtSignature, callId, signatures++) });
      }
      if (candidate?.groundingMetadata) grounding = candidate.groundingMetadata;
      if (candidate?.finishReason) finish = { type: 'finish', reason: geminiFinishReason(candidate.finishReason, toolCount > 0) };
      else if (!candidate && response.promptFeedback?.blockReason) finish = { type: 'finish', reason: 'content_filter' };
      return false;
    },
    // Gemini has no end event: the stream simply ends, and the last usage and reason stand.
    end(out) {
      if (lastUsage !== undefined) usage = mapGeminiUsage(GeminiUsage.parse(lastUsage));
      for (const query of grounding?.webSearchQueries ?? []) out.push({ type: 'search', query });
      for (const citation of groundingCitations(grounding, text)) out.push({ type: 'citation', citation });
      if (usage && grounding?.webSearchQueries?.length) usage = { ...usage, searches: grounding.webSearchQueries.length };
      if (usage) out.push({ type: 'usage', usage });
      if (finish) out.push(finish);
    },
  };
}

export function parseGeminiStream(body: ReadableStream<Uint8Array>): AsyncIterable<StreamPart[]> {
  return sseParts(body, geminiParts());
}
