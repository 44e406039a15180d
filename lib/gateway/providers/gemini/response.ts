import * as z from 'zod/mini';
import type { FinishReason, ToolCall } from '../../openai-schema';
import type { Citation, NormalizedCompletion, TokenUsage } from '../types';
import { REASONING_FORMATS, type ReasoningDetail } from '../../reasoning';

export const GeminiUsage = z.looseObject({
  promptTokenCount: z.nullish(z.number()),
  candidatesTokenCount: z.nullish(z.number()),
  thoughtsTokenCount: z.nullish(z.number()),
  cachedContentTokenCount: z.nullish(z.number()),
  toolUsePromptTokenCount: z.nullish(z.number()),
});

export const GeminiPart = z.looseObject({
  text: z.optional(z.string()),
  thought: z.optional(z.boolean()),
  thoughtSignature: z.optional(z.string()),
  functionCall: z.optional(z.looseObject({ name: z.string(), args: z.optional(z.unknown()), id: z.optional(z.string()) })),
});

/** What Google Search grounding found: the pages (chunks), and which spans of the answer each supports. */
export const GroundingMetadata = z.looseObject({
  webSearchQueries: z.nullish(z.array(z.string())),
  groundingChunks: z.nullish(z.array(z.looseObject({ web: z.nullish(z.looseObject({ uri: z.nullish(z.string()), title: z.nullish(z.string()) })) }))),
  groundingSupports: z.nullish(
    z.array(
      z.looseObject({
        segment: z.nullish(z.looseObject({ startIndex: z.nullish(z.number()), endIndex: z.nullish(z.number()) })),
        groundingChunkIndices: z.nullish(z.array(z.number())),
      }),
    ),
  ),
});

export const GeminiResponse = z.looseObject({
  candidates: z.nullish(
    z.array(
      z.looseObject({
        content: z.nullish(z.looseObject({ parts: z.nullish(z.array(GeminiPart)) })),
        finishReason: z.nullish(z.string()),
        groundingMetadata: z.nullish(GroundingMetadata),
      }),
    ),
  ),
  usageMetadata: z.nullish(GeminiUsage),
  modelVersion: z.nullish(z.string()),
  promptFeedback: z.nullish(z.looseObject({ blockReason: z.nullish(z.string()) })),
  error: z.optional(z.unknown()),
});
export type GeminiResponse = z.infer<typeof GeminiResponse>;

const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'LANGUAGE']);

export function geminiFinishReason(reason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason && FILTERED.has(reason)) return 'content_filter';
  return hasToolCalls ? 'tool_calls' : 'stop';
}

/** Gemini counts thoughts apart from candidates; OpenAI's completion_tokens include reasoning. */
export function mapGeminiUsage(usage: z.infer<typeof GeminiUsage> | null | undefined): TokenUsage {
  const thoughts = usage?.thoughtsTokenCount ?? 0;
  return {
    prompt: (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0),
    completion: (usage?.candidatesTokenCount ?? 0) + thoughts,
    cached: usage?.cachedContentTokenCount ?? 0,
    cacheWrite: 0,
    reasoning: thoughts,
  };
}

let callCounter = 0;
export function geminiCallId(id: string | undefined): string {
  return id ?? `call_${Date.now().toString(36)}${(callCounter++).toString(36)}`;
}

/** A UTF-8 byte offset into text (as Gemini gives segment indexes) as a character offset. */
function charOffset(text: string, bytes: number): number {
  const encoder = new TextEncoder();
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (count >= bytes) return i;
    const code = text.codePointAt(i)!;
    count += encoder.encode(String.fromCodePoint(code)).length;
    if (code > 0xffff) i++;
  }
  return text.length;
}

/** Grounding's supported spans as citations of the answer's text, one per page each span rests on. */
export function groundingCitations(metadata: z.infer<typeof GroundingMetadata> | null | undefined, text: string): Citation[] {
  const chunks = metadata?.groundingChunks ?? [];
  return (metadata?.groundingSupports ?? []).flatMap((support) => {
    const start = charOffset(text, support.segment?.startIndex ?? 0);
    const end = charOffset(text, support.segment?.endIndex ?? 0);
    return (support.groundingChunkIndices ?? []).flatMap((i) => {
      const web = chunks[i]?.web;
      return web?.uri ? [{ url: web.uri, title: web.title ?? web.uri, start, end }] : [];
    });
  });
}

/** A thought signature as a reasoning entry, tied to its function call when it came on one. */
export function signatureDetail(signature: string, callId: string | undefined, index: number): ReasoningDetail {
  return { type: 'reasoning.encrypted', data: signature, ...(callId ? { id: callId } : {}), format: REASONING_FORMATS.gemini, index };
}

export function parseGeminiResponse(json: unknown): NormalizedCompletion {
  const response = GeminiResponse.parse(json);
  const candidate = response.candidates?.[0];
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  const details: ReasoningDetail[] = [];
  for (const part of candidate?.content?.parts ?? []) {
    let callId: string | undefined;
    if (part.functionCall) {
      callId = geminiCallId(part.functionCall.id);
      toolCalls.push({
        id: callId,
        type: 'function',
        function: { name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) },
      });
    } else if (part.thought) reasoning += part.text ?? '';
    else text += part.text ?? '';
    if (part.thoughtSignature) details.push(signatureDetail(part.thoughtSignature, callId, details.length));
  }
  const blocked = !candidate && response.promptFeedback?.blockReason;
  const grounding = candidate?.groundingMetadata;
  const citations = groundingCitations(grounding, text);
  const queries = grounding?.webSearchQueries ?? [];
  const usage = mapGeminiUsage(response.usageMetadata);
  if (queries.length) usage.searches = queries.length;
  return {
    model: response.modelVersion ?? undefined,
    text: text || (toolCalls.length > 0 ? null : ''),
    ...(reasoning ? { reasoning } : {}),
    ...(details.length ? { reasoningDetails: details } : {}),
    toolCalls,
    finishReason: blocked ? 'content_filter' : geminiFinishReason(candidate?.finishReason, toolCalls.length > 0),
    usage,
    ...(citations.length ? { citations } : {}),
    ...(queries.length ? { searchQueries: queries } : {}),
  };
}
